"""Residents' "Is this page useful?" answers.

Why the form posts to a CSRF-exempt view: every public page is cached whole for anonymous visitors
(sitewide.page_cache), and a response that sets a cookie, such as a CSRF cookie, is never
cached. A CSRF token in a cached page would also be shared by everyone who gets that copy. So the
form on the page carries no token and posts here. CSRF protects a signed-in person's actions; this
view changes nothing for anyone: it only adds one anonymous, redacted row, needs no session and reads
no cookie, so a forged post can do no more than a real one. What is left is spam, so the view
- accepts only the fixed fields (path, useful, trying_to_do) and ignores the rest,
- drops posts that fill the honeypot field (hidden from people, filled by bots) while thanking them,
- limits each IP address to FEEDBACK_RATE_LIMIT posts (django-ratelimit, as the chat proxy does),
- redacts emails, phone numbers and postcodes from the free text before saving it.
Without JavaScript the browser is sent back (303) to the same page at the feedback box, which says
thank you; with JavaScript (site/frontend/js/feedback.js, in the page bundle) the form is replaced by
the thanks in place.
"""

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kit.honeypot import is_spam
from sitewide.current_site import current_site
from sitewide.rate_limits import limited_by

from .services import record_page_feedback

THANKS = "Thank you for your feedback."


def safe_path(request, path):
    path = str(path or "")
    if (
        not path.startswith("/")
        or path.startswith("//")
        or len(path) > 255
        or not url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()})
    ):
        return "/"
    return path.split("?")[0].split("#")[0]


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@csrf_exempt  # see the module docstring: cached pages cannot carry a CSRF token
@require_POST
@limited_by("FEEDBACK_RATE_LIMIT", method="POST")
def submit_feedback(request):
    path = safe_path(request, request.POST.get("path"))
    useful = request.POST.get("useful")
    if useful not in ("yes", "no"):
        message = "Choose Yes or No to tell us if the page was useful."
        if wants_json(request):
            return JsonResponse({"ok": False, "message": message}, status=400)
        response = HttpResponseRedirect(f"{path}?feedback=choose#page-feedback")
        response.status_code = 303
        return response
    if not is_spam(request.POST):
        record_page_feedback(
            path, useful == "yes", request.POST.get("trying_to_do", ""), site=current_site(request)
        )
    if wants_json(request):  # the script shows the thanks and the panel link, as the page does without it
        return JsonResponse({"ok": True, "message": THANKS, "join_panel_url": reverse("resident_panel:join")})
    response = HttpResponseRedirect(f"{path}?feedback=thanks#page-feedback")
    response.status_code = 303
    return response
