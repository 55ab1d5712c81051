"""Per-client rate limits (django-ratelimit), one way for every feature.

Each limit is a setting in django-ratelimit's syntax ("10/m"), read when a request comes, so a test or a
deployment can change it. The client is found by sitewide.client_ip (RATELIMIT_IP_META_KEY), so key="ip"
means the real client behind the reverse proxy.

* ``limited_by("CHAT_RATE_LIMIT")`` decorates a view: over the limit, django-ratelimit's 429 (RATELIMIT_VIEW).
* ``is_limited(request, "track", "TRACK_RATE_LIMIT")`` counts one request and says whether it is over the limit,
  for views that show their own page (what was typed stays on it).
"""
from django.conf import settings
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit


def rate_from_setting(setting_name, unless=None):
    """A django-ratelimit rate: the setting's value now; no limit for a request that `unless(request)` excuses."""

    def rate(group, request):
        if unless is not None and unless(request):
            return None
        return getattr(settings, setting_name)

    return rate


def limited_by(setting_name, *, group=None, key="ip", method=ALL, unless=None):
    """A view decorator: at most `setting_name` requests (of `method`) per client, then a 429.
    Without a group, django-ratelimit names the group after the view."""
    return ratelimit(group=group, key=key, rate=rate_from_setting(setting_name, unless), method=method, block=True)


def is_limited(request, group, setting_name, key="ip"):
    """Count this request in `group` and say whether it is over the `setting_name` limit."""
    return is_ratelimited(request, group=group, key=key, rate=getattr(settings, setting_name), increment=True)
