"""Which councils a member of staff works for: the one rule every staff list, queue and export applies.

A group works for the councils it is given (`CouncilTeam`); a group given none works for the default council, so
an installation with one council needs no setting up. A user works for the councils of all their groups; a
superuser for every council. A shared customer-service team is a group given several councils: its members see
each partner council's queue in one, each item labelled with its council.
"""
from django.contrib.auth.models import Group
from django.db.models import Q
from wagtail.models import Site

from .councils import in_council
from .models import CouncilTeam

NOTHING = Q(pk__in=[])


def councils_by_group(user):
    """{group id: the ids of the Sites (councils) that group of `user`'s works for}."""
    cached = getattr(user, "_councils_by_group", None)
    if cached is not None:
        return cached
    groups = {group_id: set() for group_id in user.groups.values_list("pk", flat=True)}
    for group_id, site_id in CouncilTeam.objects.filter(group_id__in=groups).values_list("group_id", "site_id"):
        groups[group_id].add(site_id)
    unassigned = [group_id for group_id, sites in groups.items() if not sites]
    if unassigned:
        default = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
        for group_id in unassigned:
            groups[group_id] = {default} - {None}
    user._councils_by_group = groups
    return groups


def council_ids_for(user):
    """The ids of the Sites (councils) `user` works for."""
    if not (user.is_authenticated and user.is_active):
        return set()
    if user.is_superuser:
        return set(Site.objects.values_list("pk", flat=True))
    by_group = councils_by_group(user)
    if not by_group:  # permissions given to the user alone, in no group: the default council's, as a group given none
        return set(Site.objects.filter(is_default_site=True).values_list("pk", flat=True))
    return set().union(*by_group.values())


def councils_for(user):
    return Site.objects.filter(pk__in=council_ids_for(user)).order_by("site_name", "hostname")


def works_for(user, site):
    return site is not None and site.pk in council_ids_for(user)


def works_for_several(user):
    return len(council_ids_for(user)) > 1


def site_filter(user, field="site"):
    """A filter on rows with a site (a council) for the councils `user` works for."""
    return Q(**{f"{field}__in": council_ids_for(user)})


def page_filter(user, path_field="path"):
    """A filter on pages (`path_field` is the page's tree path) for the pages in the trees of `user`'s councils."""
    return pages_of_councils(council_ids_for(user), path_field)


def pages_of_councils(site_ids, path_field="path"):
    """A filter on pages for the pages in the trees of the councils (Sites) `site_ids`."""
    scope = NOTHING
    for site in Site.objects.filter(pk__in=site_ids).select_related("root_page"):
        scope |= in_council(site, path_field)
    return scope


def site_or_default_filter(user, field="site"):
    """`site_filter` for rows whose site may be empty (kept from before there were several councils): an empty
    one is the default council's."""
    return sites_or_default(council_ids_for(user), field)


def sites_or_default(site_ids, field="site"):
    """A filter on rows whose site may be empty for the councils (Sites) `site_ids`: an empty one is the default
    council's."""
    scope = Q(**{f"{field}__in": site_ids})
    if Site.objects.filter(is_default_site=True, pk__in=site_ids).exists():
        scope |= Q(**{f"{field}__isnull": True})
    return scope


def groups_of(site):
    """A filter on groups for those that work for `site` (a council): given it, or, for the default council,
    given none."""
    scope = Q(councils__site=site)
    if site.is_default_site:
        scope |= Q(councils__isnull=True)
    return scope


def group_works_for(group, site):
    """Whether `group` works for `site` (a council): it is given it, or, for the default council, given none."""
    return site is not None and Group.objects.filter(pk=group.pk).filter(groups_of(site)).exists()


def staff_of(site, user_field="user"):
    """A filter on rows with a user (`user_field`) for the active staff who work for `site` (a council): superusers,
    members of a group given that council, and, for the default council, members of a group given none."""
    groups = Q(**{f"{user_field}__groups__councils__site": site})
    if site.is_default_site:
        groups |= Q(**{f"{user_field}__groups__in": Group.objects.filter(councils__isnull=True)})
        groups |= Q(**{f"{user_field}__groups__isnull": True})  # permissions given to the user alone
    return Q(**{f"{user_field}__is_active": True}) & (Q(**{f"{user_field}__is_superuser": True}) | groups)
