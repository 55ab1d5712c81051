from django.http import JsonResponse
from django.shortcuts import render


def rate_limited(request, exception):
    """django-ratelimit's response: JSON for the API, a plain page for people."""
    message = "You have sent a lot of requests in a short time. Please wait a minute and try again."
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "rate_limited", "message": message}, status=429)
    return render(request, "429.html", {"message": message}, status=429)
