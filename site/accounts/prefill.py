"""What a signed-in resident's account fills in on the forms they start (casework.intake.prefill): their name,
email address, phone number and the saved address they use in forms. Nothing for someone signed out, and nothing
for a staff account (staff fill forms in for residents from the admin, with the resident's details)."""
from casework.access import is_staff_account
from casework.intake.prefill import Known, KnownAddress

from .models import ResidentProfile


def known_about(user):
    """A Known for a resident's account, or None when there is nobody to fill anything in for."""
    if not user.is_authenticated or is_staff_account(user):
        return None
    profile = ResidentProfile.objects.filter(user=user).first()
    if profile is None:
        return Known(email=user.email or "")
    saved = profile.main_address
    return Known(
        name=profile.full_name,
        email=user.email or "",
        phone=profile.phone,
        address=known_address(saved.address) if saved else None,
    )


def known_address(address):
    lines = ", ".join(part for part in (address.line_1, address.line_2, address.town) if part)
    return KnownAddress(postcode=address.postcode, lines=lines, uprn=address.uprn)


def contact_for(user):
    """(how they want updates, their phone number) for a request they send while signed in."""
    profile = ResidentProfile.objects.filter(user=user).first() if user and user.is_authenticated else None
    return (profile.contact_by, profile.phone) if profile else ("", "")
