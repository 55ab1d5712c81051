"""Whose address list a row is: each council on the installation (a Wagtail Site) has its own addresses, collection
rounds, wards and places, so a resident on one council's site never finds another council's.

A row's `site` is its council; no site (null) is the default council's, so rows loaded before there were several
councils, and an installation with one council, need nothing more.
"""
from django.db.models import Q


def of_council(queryset, site, field="site"):
    """The rows of `queryset` that are `site`'s council's (`field` is the path to the row's site: "ward__site")."""
    if site is None:
        return queryset.filter(**{f"{field}__isnull": True})
    if site.is_default_site:
        return queryset.filter(Q(**{f"{field}__isnull": True}) | Q(**{field: site}))
    return queryset.filter(**{field: site})


def stored_site(site):
    """What a row loaded for `site`'s council keeps as its site: None for the default council (see above)."""
    return None if site is None or site.is_default_site else site
