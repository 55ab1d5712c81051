"""Content-Security-Policy (django-csp) and Permissions-Policy on every response.

Public pages run only the site's own scripts, plus GOV.UK Frontend's one-line inline script
(allowed by its hash, so cached pages need no per-response nonce), and only the site's own stylesheets:
no inline styles (the autocomplete's styles are in the Sass bundle). Signed-in editors are the exception:
the userbar's accessibility checker (axe) adds <style> elements, so their pages, never cached, allow
inline styles (never inline scripts). The Wagtail admin still has inline scripts and styles of its own,
so it gets a policy that allows them but still loads nothing from other sites and cannot be framed by them.
"""
from csp.constants import NONE, SELF, UNSAFE_INLINE
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
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],  # the page preview
    "frame-ancestors": [SELF],
}
ADMIN_PREFIXES = ("/admin/", "/django-admin/")

# A public page as a signed-in editor sees it, with the Wagtail userbar.
EDITOR_POLICY = {**PUBLIC_POLICY, "style-src": [SELF, UNSAFE_INLINE]}


def policy_for(request):
    if request.path_info.startswith(ADMIN_PREFIXES):
        return ADMIN_POLICY
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


class SecurityHeadersMiddleware(CSPMiddleware):
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
