from functools import cache
from pathlib import Path

import yaml
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.views.defaults import bad_request as django_bad_request


def rate_limited(request, exception):
    """django-ratelimit's response: JSON for the API, a plain page for people."""
    message = "You have sent a lot of requests in a short time. Please wait a minute and try again."
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "rate_limited", "message": message}, status=429)
    return render(request, "429.html", {"message": message}, status=429)


def bad_request(request, exception):
    """Django's 400 (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a bad host...): JSON for the API."""
    if request.path.startswith("/api/"):
        message = "Your request could not be read: it may be too large. Please try again."
        return JsonResponse({"error": "bad_request", "message": message}, status=400)
    try:
        return django_bad_request(request, exception)
    except Exception:  # noqa: BLE001 (a 400 page must never become a 500)
        return HttpResponseBadRequest("Bad request")


OPENAPI_FILE = Path(__file__).resolve().parent / "api" / "openapi.yaml"


@cache
def openapi_document():
    return yaml.safe_load(OPENAPI_FILE.read_text())


def openapi_yaml(request):
    """The OpenAPI description of the JSON endpoints (search, chat, bot API), written by hand beside them."""
    return HttpResponse(OPENAPI_FILE.read_bytes(), content_type="application/yaml; charset=utf-8")


def openapi_json(request):
    return JsonResponse(openapi_document())
