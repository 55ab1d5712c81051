"""Each demo council's editors, moderators, service owners and emergency publishers, with page permissions on its
own home page.

Wagtail decides who may explore, edit, publish and choose a page by the group page permissions on it and its
ancestors, so a group with permissions on a council's home page works on that council's pages alone: the
explorer, search and the page chooser show it nothing else. Wagtail's migrations (and ours, governance 0002 and
0004) give the staff groups their page permissions on the tree's root, which is every council's; once an
installation has a second council, those move to the home pages of the councils each group works for.

The demo does that here, when it loads Fellside. An administrator of a real installation does the same in
Settings > Groups: for each staff group, the page permissions on "Root" are set again on the home page of the
group's council (Settings > Councils' teams) and taken off "Root"; a new council's editors, moderators,
service owners and emergency publishers get the same permissions on its own home page, a row in Councils' teams,
and their service owners and moderators join the approval tasks ("Service owner approval", "Moderators approval") in
Settings > Workflows > Tasks. There is no data migration for this: with one council the root is that council.
"""
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Site, Task

from governance import emergency
from governance.council_approval import add_approvers
from governance.workflow import APPROVAL_TASK
from sitewide.models import CouncilTeam

# Westmere's group -> what another council's copy is called after its short name, and the approval task
# (Settings > Workflows > Tasks) its members answer for their council.
ROLES = {
    "Editors": ("editors", None),
    "Moderators": ("moderators", "Moderators approval"),
    "Service owners": ("service owners", APPROVAL_TASK),
    # Emergency publishing is by permission (governance/emergency.py), so a council's own group needs no code:
    # its page permissions keep its members to its own pages, and the emails go to its own service owners.
    emergency.GROUP: ("emergency publishers", None),
}


def copy_page_permissions(model, group, page):
    """`group` gets on `page` each page permission `model` has anywhere (on the root or its council's home)."""
    for permission_id in set(model.page_permissions.values_list("permission_id", flat=True)):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission_id=permission_id)


def copy_group(name, model_name):
    """A group named `name` with the permissions and request areas of the group `model_name`, made once (an
    administrator may change it later)."""
    group, created = Group.objects.get_or_create(name=name)
    model = Group.objects.filter(name=model_name).first()
    if created and model is not None:
        group.permissions.set(model.permissions.all())
        for area in model.request_areas.all():
            area.pk = None
            area.group = group
            area.save()
    return group


def load_council_staff(council, site):
    """"<council> editors", "<council> moderators", "<council> service owners" and "<council> emergency
    publishers": Westmere's groups' permissions on `site`'s home page, working for `site`, approving its pages."""
    for model_name, (role, task_name) in ROLES.items():
        group = copy_group(f"{council} {role}", model_name)
        CouncilTeam.objects.get_or_create(group=group, site=site)
        model = Group.objects.filter(name=model_name).first()
        if model is not None:
            copy_page_permissions(model, group, site.root_page)
        task = Task.objects.filter(name=task_name, active=True).first() if task_name else None
        if task is not None:
            add_approvers(task, group)


def scope_root_permissions():
    """With several councils, page permissions on the root (every council's) move to the home pages of the
    councils each group works for: a group given none works for the default council. Running it again changes
    nothing."""
    sites = {site.pk: site for site in Site.objects.select_related("root_page")}
    if len(sites) < 2:
        return
    default = next((site for site in sites.values() if site.is_default_site), None)
    for permission in GroupPagePermission.objects.filter(page__depth=1).select_related("group"):
        site_ids = list(permission.group.councils.values_list("site_id", flat=True))
        homes = [sites[pk].root_page for pk in site_ids] or ([default.root_page] if default else [])
        for home in homes:
            GroupPagePermission.objects.get_or_create(
                group=permission.group, page=home, permission_id=permission.permission_id
            )
        permission.delete()
