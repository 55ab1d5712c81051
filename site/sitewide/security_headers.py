"""Content-Security-Policy (django-csp) and Permissions-Policy on every response.

Public pages run only the site's own scripts, plus GOV.UK Frontend's one-line inline script
(allowed by its hash, so cached pages need no per-response nonce), and only the site's own stylesheets:
no inline styles (the autocomplete's styles are in the Sass bundle). Signed-in editors are the exception:
the userbar's accessibility checker (axe) adds <style> elements, so their pages, never cached, allow
inline styles (never inline scripts). The Wagtail admin has inline styles of its own, so it gets a policy
that allows them; its scripts are its own files, plus the few inline scripts Wagtail writes (an inline
panel's or a date field's set-up), which carry this response's nonce (sitewide/templates/wagtailadmin/, the
`{% csp_nonce %}` tag), and the one-line set-up of a chooser (image, page, document, snippet, task), which
Wagtail writes from Python: each is allowed by its hash, and only when it is exactly that call with JSON
arguments (`chooser_setup_hashes`). An inline script injected into an admin page has no nonce and no
allowed hash, so it does not run. The admin loads nothing from other sites and cannot be framed by them.

The page editor's Preview panel shows the page in an iframe of the admin: a preview response (Wagtail
runs the page through the middleware as a request marked `is_preview`) may be framed by the site itself,
and is otherwise the page as an editor sees it. Public pages can never be framed.
"""
import base64
import hashlib
import json
import re
from contextvars import ContextVar

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

# GOV.UK Frontend's `js-enabled` snippet at the top of <body> in templates/base.html.
GOVUK_JS_ENABLED_HASH = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='"

PUBLIC_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, GOVUK_JS_ENABLED_HASH],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
    "base-uri": [SELF],
    "object-src": [NONE],
}

ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": [SELF, NONCE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],  # the page preview
    "frame-ancestors": [SELF],
}
ADMIN_PREFIXES = ("/admin/", "/django-admin/")

# A public page as a signed-in editor sees it, with the Wagtail userbar.
EDITOR_POLICY = {**PUBLIC_POLICY, "style-src": [SELF, UNSAFE_INLINE]}

# The same page in the page editor's Preview panel (an iframe of the admin, same origin).
PREVIEW_POLICY = {**EDITOR_POLICY, "frame-ancestors": [SELF]}


def policy_for(request):
    if request.path_info.startswith(ADMIN_PREFIXES):
        return ADMIN_POLICY
    if getattr(request, "is_preview", False):  # set by Wagtail on its own preview requests, never by a client
        return PREVIEW_POLICY
    user = getattr(request, "user", None)  # absent on a page-cache hit, which is always anonymous
    if user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return EDITOR_POLICY
    return PUBLIC_POLICY

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb",
    )
)


# Wagtail's chooser widgets end with `<script>new ImageChooser("id_image", {...});</script>` (BaseChooser.render)
# or `<script>createTaskChooser("id_task");</script>`: no attributes, so no nonce.
INLINE_SCRIPT_RE = re.compile(r"<script>([^<]*)</script>")
CHOOSER_SETUP_RE = re.compile(r'new [A-Z][A-Za-z]*Chooser\(("[^"\\]*"), (\{.*\})\);', re.S)
TASK_CHOOSER_SETUP_RE = re.compile(r'createTaskChooser\(("[^"\\]*")\);')


def is_json(text, kind):
    try:
        return isinstance(json.loads(text), kind)
    except ValueError:
        return False


def is_chooser_setup(script):
    """Exactly a chooser's set-up call, its arguments JSON (data, never code)."""
    match = CHOOSER_SETUP_RE.fullmatch(script)
    if match:
        return is_json(match[1], str) and is_json(match[2], dict)
    match = TASK_CHOOSER_SETUP_RE.fullmatch(script)
    return bool(match) and is_json(match[1], str)


def chooser_setup_hashes(html):
    """CSP hashes of the chooser set-up scripts in an admin page."""
    scripts = {script for script in INLINE_SCRIPT_RE.findall(html) if is_chooser_setup(script)}
    return sorted(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'" for script in scripts
    )


def allow_chooser_setup(response):
    """A post-render callback: the admin page's chooser set-up scripts are added to its script-src."""
    if "text/html" in response.get("Content-Type", ""):
        hashes = chooser_setup_hashes(response.content.decode(response.charset or "utf-8", "replace"))
        if hashes:
            update = dict(getattr(response, "_csp_update", None) or {})
            update["script-src"] = [*update.get("script-src", []), *hashes]
            response._csp_update = update


# The request being answered, for `{% csp_nonce %}` in templates rendered without it (form widgets).
current_request = ContextVar("current_request", default=None)


def current_nonce():
    """This response's nonce for an inline script of the admin ("" outside a request)."""
    request = current_request.get()
    return str(request.csp_nonce) if request is not None and hasattr(request, "csp_nonce") else ""


class SecurityHeadersMiddleware(CSPMiddleware):
    def __call__(self, request):
        token = current_request.set(request)
        try:
            return super().__call__(request)
        finally:
            current_request.reset(token)

    def process_template_response(self, request, response):
        if request.path_info.startswith(ADMIN_PREFIXES):
            response.add_post_render_callback(allow_chooser_setup)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None:
            policy = policy_for(request)
            extra = {"upgrade-insecure-requests": True} if request.is_secure() else {}
            parts = PolicyParts({**policy, **extra}, parts.update, parts.replace, parts.nonce)
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = PERMISSIONS_POLICY
        return response
