"""The site a request is for: the Wagtail site matching its host, else the default site.

Without a request (a task, a signal, the bot's handover queue) it is the default site. None only when
there is no site at all (an empty database): callers say what they do then.
"""
from wagtail.models import Site


def current_site(request=None):
    site = Site.find_for_request(request) if request is not None else None
    return site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
