"""`Authorization: Bearer <token>` between our own servers (the bot's action server and the web process)."""
import secrets


def carries_bearer_token(request, token):
    """True when `token` is set and the request sends exactly it; compared in constant time."""
    if not token:
        return False
    sent = request.headers.get("Authorization", "")
    return secrets.compare_digest(sent.encode("utf-8", "surrogateescape"), f"Bearer {token}".encode())
