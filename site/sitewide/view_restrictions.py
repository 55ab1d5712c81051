"""Whether any page of the installation is private (a password, a sign-in or a group: Wagtail's view restrictions).

Wagtail asks the database for the restrictions on a page and on each of its ancestors (two queries) every time it
serves one. A council's site is public: while no page has a restriction the answer is kept under the page cache's
version, which any change of a restriction replaces (sitewide/signals.py)."""
from wagtail.models import PageViewRestriction

from .page_cache import kept


def any_view_restrictions():
    return kept("any-view-restriction", PageViewRestriction.objects.exists)


def public(pages):
    """`pages.public()`, without Wagtail's query for every restriction while no page has one."""
    return pages.public() if any_view_restrictions() else pages


class KeptViewRestrictionsMixin:
    """For a page model: no query for its restrictions while no page has any."""

    def get_view_restrictions(self):
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
