"""A local stand-in for GOV.UK Notify's text message API, since Notify itself cannot be reached from the tests.

It answers `POST /v2/notifications/sms` as Notify does (https://docs.notifications.service.gov.uk/rest-api.html):
the `Authorization: Bearer <JWT>` header must carry a token signed (HS256) with the secret of the service's API key,
issued by the service's id (`iss`) within the last 30 seconds (`iat`); the body must name a UK mobile number, the
template and every placeholder the template has. It answers 201 with Notify's response, or Notify's errors
({"status_code": ..., "errors": [{"error": ..., "message": ...}]}). Every request is recorded, accepted or not.
"""
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

UK_MOBILE = re.compile(r"(?:\+44|0044|0)7\d{9}")
PHONE_SEPARATORS = re.compile(r"[\s\-().]")
PLACEHOLDER = re.compile(r"\(\(([^()]+)\)\)")
TOKEN_LEEWAY_SECONDS = 30


def new_api_key(key_name="westmere-tests"):
    """Notify's API key format: {key_name}-{service_id}-{secret}, both UUIDs."""
    return f"{key_name}-{uuid.uuid4()}-{uuid.uuid4()}"


@dataclass
class Received:
    path: str
    headers: dict
    body: dict | None
    status: int
    answer: dict


@dataclass
class NotifyStandIn:
    """One Notify service with one API key and one text message template ("((message))")."""

    api_key: str = field(default_factory=new_api_key)
    template_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    template_body: str = "((message))"
    sender: str = "Westmere"
    fail_next: int = 0  # answer this many more requests with Notify's 500, as during an outage
    received: list = field(default_factory=list)

    @property
    def service_id(self):
        return self.api_key[-73:-37]

    @property
    def secret(self):
        return self.api_key[-36:]

    @property
    def accepted(self):
        return [request for request in self.received if request.status == 201]

    def start(self):
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                status, answer, body = stand_in.answer(self.path, self.headers, raw)
                stand_in.received.append(Received(self.path, dict(self.headers), body, status, answer))
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):  # quiet test output
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    @property
    def base_url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    # Notify's rules ------------------------------------------------------------------------------------------------

    def answer(self, path, headers, raw):
        """(status, JSON answer, the body as read) for one request."""
        if path != "/v2/notifications/sms":
            return 404, error(404, "BadRequestError", "Resource not found"), None
        refused = self.check_token(headers.get("Authorization", ""))
        if refused:
            return refused["status_code"], refused, None
        try:
            body = json.loads(raw)
        except ValueError:
            return 400, error(400, "BadRequestError", "Invalid JSON supplied in POST data"), None
        if self.fail_next:
            self.fail_next -= 1
            return 500, error(500, "Exception", "Internal server error"), body
        invalid = self.check_body(body)
        if invalid:
            return 400, invalid, body
        return 201, self.created(body), body

    def check_token(self, authorization):
        """None when the header carries a token Notify would accept, else Notify's error."""
        scheme, _, token = authorization.partition(" ")
        if scheme != "Bearer" or not token:
            return error(401, "AuthError", "Unauthorized: authentication token must be provided")
        try:
            claims = jwt.decode(token, options={"verify_signature": False}, algorithms=["HS256"])
        except jwt.DecodeError:
            return error(403, "AuthError", "Invalid token: signature, api token is not valid")
        if "iss" not in claims:
            return error(403, "AuthError", "Invalid token: iss field not provided")
        if claims["iss"] != self.service_id:
            return error(403, "AuthError", "Invalid token: service not found")
        try:
            claims = jwt.decode(token, self.secret, algorithms=["HS256"], options={"verify_iat": False})
        except jwt.InvalidTokenError:
            return error(403, "AuthError", "Invalid token: API key not found")
        if "iat" not in claims:
            return error(403, "AuthError", "Invalid token: iat field not provided")
        if abs(time.time() - int(claims["iat"])) > TOKEN_LEEWAY_SECONDS:
            return error(403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds")
        return None

    def check_body(self, body):
        """None when Notify would send the text, else Notify's error."""
        if not isinstance(body, dict):
            return error(400, "ValidationError", "JSON body must be an object")
        missing = [name for name in ("phone_number", "template_id") if name not in body]
        if missing:
            return error(400, "ValidationError", f"{missing[0]} is a required property")
        if not UK_MOBILE.fullmatch(PHONE_SEPARATORS.sub("", str(body["phone_number"]))):
            return error(400, "ValidationError", "phone_number Not a UK mobile number")
        try:
            uuid.UUID(str(body["template_id"]))
        except ValueError:
            return error(400, "ValidationError", "template_id is not a valid UUID")
        if body["template_id"] != self.template_id:
            return error(400, "BadRequestError", "Template not found")
        personalisation = body.get("personalisation") or {}
        missing = [name for name in PLACEHOLDER.findall(self.template_body) if name not in personalisation]
        if missing:
            return error(400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}")
        return None

    def created(self, body):
        notification_id = str(uuid.uuid4())
        content = PLACEHOLDER.sub(lambda m: str(body["personalisation"][m.group(1)]), self.template_body)
        return {
            "id": notification_id,
            "reference": body.get("reference"),
            "content": {"body": content, "from_number": self.sender},
            "uri": f"{self.base_url}/v2/notifications/{notification_id}",
            "template": {
                "id": self.template_id, "version": 1, "uri": f"{self.base_url}/v2/template/{self.template_id}",
            },
        }


def error(status, kind, message):
    return {"status_code": status, "errors": [{"error": kind, "message": message}]}

