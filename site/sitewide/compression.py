"""gzip for the pages, JSON and other text the app itself sends (static files come pre-compressed
from whitenoise, which sits above this middleware and answers before it).

Why this is safe against BREACH (a secret in a compressed body, guessed from response sizes while
the attacker's text is reflected beside it):
- the only secret in our HTML is Django's CSRF token, which is masked with a fresh random value in
  every response, so there is nothing stable for the attacker to guess byte by byte;
- Django's GZipMiddleware adds 0-100 random bytes to every gzip response ("Heal the Breach"), so
  response sizes no longer give an answer away;
- the pages that echo text from the URL (search results) carry no secret.
Images, PDFs and other downloads (photos of fly-tipping, for instance) are already compressed, so
only text is gzipped.
"""
from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = ("text/", "application/json", "application/javascript", "application/xml", "image/svg+xml")


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(TEXT_TYPES):
            return response
        return super().process_response(request, response)
