"""Guards at the edge of every request, before any view or database sees it.

- RequestSizeLimitMiddleware refuses a body larger than the site accepts from its declared
  Content-Length, before reading it (a 300 MB "photo" is not received in full to be rejected).
  Django's DATA_UPLOAD_MAX_MEMORY_SIZE caps the non-file part of what is read.
- NulByteMiddleware: PostgreSQL text cannot hold NUL (0x00), so a NUL anywhere a view might store
  or look up gave a 500 and lost what was sent. NUL is never meaningful text: a path holding one
  is refused (400); in query strings, form fields, cookies and JSON bodies it is removed, so the
  rest of what the resident or the bot sent (a chat message, a handoff transcript) is kept. A JSON
  body may also hold a lone surrogate ("\ud800"), which UTF-8 cannot encode (a 500, and a handoff
  PostgreSQL refused): kit.text.clean_text replaces it, for every view at once.
"""
import json
import re

from django.conf import settings
from django.http import HttpResponse, JsonResponse, QueryDict

from kit.text import clean_text

NUL = "\x00"
JSON_TO_CLEAN = re.compile(rb"\\u(?:0000|d[89a-f][0-9a-f]{2})", re.IGNORECASE)  # NUL, or a surrogate (maybe lone)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def error_response(request, status, message, code):
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": code, "message": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def body_limit(request):
    if request.path.startswith("/admin/"):
        return settings.ADMIN_REQUEST_BODY_MAX_BYTES  # editors upload images and documents
    return settings.REQUEST_BODY_MAX_BYTES


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request)
        if length > limit:
            message = f"What you sent is too large: the limit is {limit // (1024 * 1024)} MB."
            response = error_response(request, 413, message, "too_large")
            response["Connection"] = "close"  # do not read the rest of the body
            return response
        return self.get_response(request)


def storable(value):
    """Strings, lists and objects with every NUL removed and every lone surrogate replaced (keys too)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [storable(item) for item in value]
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    return value


def clean_querydict(querydict):
    cleaned = QueryDict(mutable=True)
    for key, values in querydict.lists():
        cleaned.setlist(key.replace(NUL, ""), [value.replace(NUL, "") for value in values])
    cleaned._mutable = False
    return cleaned


def has_nul(querydict):
    return any(NUL in key or any(NUL in value for value in values) for key, values in querydict.lists())


class NulByteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            return error_response(request, 400, "The address is not valid.", "bad_request")
        if request.META.get("QUERY_STRING") and has_nul(request.GET):
            request.GET = clean_querydict(request.GET)
        if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
            request.COOKIES = {key.replace(NUL, ""): value.replace(NUL, "") for key, value in request.COOKIES.items()}
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            self.clean_body(request)
        return self.get_response(request)

    def clean_body(self, request):
        if request.content_type in FORM_TYPES:
            if has_nul(request.POST):
                request._post = clean_querydict(request.POST)
            return
        body = request.body
        if b"\x00" not in body and not JSON_TO_CLEAN.search(body):
            return
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            return  # not JSON we can read: the view answers 400
        request._body = json.dumps(storable(data)).encode()
