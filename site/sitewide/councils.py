"""The council a page, a request or an email belongs to.

Each council on the installation is a Wagtail Site with its own content tree and its own CouncilSettings
(sitewide.models). A request (an HTTP one) finds its council by its host (current_site); a page, a saved form
submission or an email finds it by the site whose tree the page is in, so a task run later still writes in the
right council's name. The default site (Westmere in the demo) answers for anything that is in no site's tree.
"""
from django.conf import settings
from django.db.models import Q
from wagtail.models import Site

from .current_site import current_site
from .models import CouncilSettings


def site_for_page(page):
    """The site whose tree holds `page` (the deepest root, from Wagtail's cached site root paths); the default site
    for a page in none."""
    site = page.get_site() if page is not None else None
    return site or current_site()


def council_root_path(tree_path):
    """The tree path of the home page of the council whose tree holds the page at `tree_path` (the deepest site
    root above it), or None."""
    roots = [root for root in Site.objects.values_list("root_page__path", flat=True) if tree_path.startswith(root)]
    return max(roots, key=len) if roots else None


def council_for_site(site):
    return CouncilSettings.for_site(site) if site is not None else None


def council_for_page(page):
    return council_for_site(site_for_page(page))


def council_for_request(request):
    return council_for_site(current_site(request))


def in_council(site, path_field="path"):
    """A filter on pages (`path_field` is a page's tree path) for the pages of `site`'s council: a resident's list of
    requests on one council's site shows that council's alone."""
    return Q(**{f"{path_field}__startswith": site.root_page.path}) if site is not None else Q(pk__in=[])


def reference_prefix(page):
    council = council_for_page(page)
    return council.reference_prefix if council is not None and council.reference_prefix else None


def council_name(council):
    return council.name if council is not None else settings.WAGTAIL_SITE_NAME


def email_sender(council):
    """Who the council's emails come from: its own sender, else the installation's DEFAULT_FROM_EMAIL."""
    return (council.email_from if council is not None else "") or settings.DEFAULT_FROM_EMAIL


def public_url(site, path=""):
    """A link for an email or a text: the default site's public address is SITE_BASE_URL (behind the proxy, as
    production sets it); another council's is its own site's address."""
    if site is None or site.is_default_site:
        return settings.SITE_BASE_URL.rstrip("/") + path
    return site.root_url + path

