"""Which Rasa server answers a conversation: one or more servers (RASA_URLS), chosen by sender id.

Every conversation has a preferred server, picked by rendezvous (highest-random-weight) hashing of
the sender id with each server's URL: the same resident always reaches the same server while it is
up, conversations spread evenly, and adding or removing a server moves only the conversations that
belonged to it. The other servers follow in the same hashed order, so when the preferred one is down
the conversation carries on at the next; the tracker (PostgreSQL) and lock (Redis) stores are shared,
so any server can carry it on.
"""
import hashlib

from django.conf import settings


def configured_urls():
    """RASA_URLS (comma-separated in the environment), or the single RASA_URL."""
    urls = [url.rstrip("/") for url in getattr(settings, "RASA_URLS", None) or [] if url.strip()]
    return urls or [settings.RASA_URL.rstrip("/")]


def _weight(url, sender_id):
    digest = hashlib.blake2b(f"{url}\n{sender_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def in_order_for(urls, sender_id):
    """These Rasa base URLs in the order this conversation tries them, preferred server first."""
    return sorted(urls, key=lambda url: _weight(url, sender_id), reverse=True)


def servers_for(sender_id):
    """The configured Rasa servers in the order this conversation tries them."""
    return in_order_for(configured_urls(), sender_id)
