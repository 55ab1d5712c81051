"""Whoever owns a service area, or handles its requests, works for the area's council: a Westmere user owns no
Fellside area, and a Westmere team handles no Fellside area's requests (governance.ServiceAreaOwner,
casework.RequestArea). The admin's forms show these as the field's error."""
from django.core.exceptions import ValidationError

from . import council_staff
from .councils import council_for_site, council_name, site_for_page


def check_user(user, area, field="user"):
    """Refuse `user` for `area` (a page) unless they work for its council."""
    site = site_for_page(area)
    if not council_staff.works_for(user, site):
        raise ValidationError({field: (
            f"{user.get_full_name() or user.get_username()} does not work for {council_name(council_for_site(site))}, "
            f"whose service area {area.title} is. Choose someone who does, or give one of their groups that council "
            "in Settings > Councils' teams."
        )})


def check_group(group, area, field="group"):
    """Refuse `group` for `area` (a page) unless it works for its council."""
    site = site_for_page(area)
    if not council_staff.group_works_for(group, site):
        raise ValidationError({field: (
            f"{group.name} does not work for {council_name(council_for_site(site))}, whose service area "
            f"{area.title} is. Choose a team that does, or give this one that council in Settings > Councils' teams."
        )})
