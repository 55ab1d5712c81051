"""My Account: the resident's details and saved addresses, which fill in the forms they start while signed in."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casework.access import is_staff_account
from places import lookups
from sitewide.current_site import current_site
from sitewide.rate_limits import limited_by

from . import open_requests, services
from .forms import ChooseAddressForm, DetailsForm, FindAddressForm
from .models import SavedAddress

MOST_SAVED_ADDRESSES = 10


def residents_only(view):
    """Staff accounts keep no resident details: staff fill forms in for residents from the admin."""

    @login_required
    def check(request, *args, **kwargs):
        if is_staff_account(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return check


@never_cache
@residents_only
def change_details(request):
    profile = services.profile_for(request.user)
    count = open_requests.open_requests(request.user).count()
    form = DetailsForm(request.POST or None, instance=profile, open_requests=count)
    if request.method == "POST" and form.is_valid():
        profile = form.save()
        open_requests.use_new_contact_choice(request.user, profile.contact_by)
        if form.cleaned_data.get("update_open_requests"):
            changed = open_requests.use_new_details(request.user, profile)
            messages.success(request, f"Your details are saved, and used on {changed} open "
                                      f"request{'s' if changed != 1 else ''}.")
        else:
            messages.success(request, "Your details are saved. We will use them in the forms you fill in.")
        return redirect("accounts:home")
    return render(request, "accounts/details.html", {"form": form})


@never_cache
@residents_only
@limited_by("ACCOUNT_ADDRESS_RATE_LIMIT", group="account-addresses", key="user")
def add_address(request):
    """Find the address by postcode in the council's address list (as the bin-day lookup does), then pick it."""
    profile = services.profile_for(request.user)
    find = FindAddressForm(request.POST or request.GET or None)
    if not find.is_bound or not find.is_valid():
        return render(request, "accounts/address_find.html", {"form": find})
    try:
        addresses = lookups.addresses_at(find.cleaned_data["postcode"], current_site(request))
    except lookups.InvalidPostcode:
        find.add_error("postcode", "Enter a real postcode")
    except lookups.NotInArea:
        find.add_error("postcode", lookups.not_in_area(current_site(request)))
    except lookups.NoAddresses as error:
        find.add_error("postcode", lookups.NO_ADDRESSES.format(postcode=error.args[0]))
    if find.errors:
        return render(request, "accounts/address_find.html", {"form": find})
    choose = ChooseAddressForm(addresses, request.POST if request.method == "POST" else None)
    if not choose.is_bound or not choose.is_valid():
        postcode = addresses[0].postcode
        return render(request, "accounts/address_choose.html", {"form": choose, "postcode": postcode})
    chosen = next(address for address in addresses if address.uprn == choose.cleaned_data["uprn"])
    if profile.addresses.count() >= MOST_SAVED_ADDRESSES:
        messages.error(request, f"You can keep up to {MOST_SAVED_ADDRESSES} addresses. Remove one first.")
        return redirect("accounts:home")
    saved, _ = SavedAddress.objects.get_or_create(
        profile=profile, address=chosen, defaults={"main": not profile.addresses.exists()}
    )
    messages.success(request, f"{chosen.full} is saved in your account.")
    return redirect("accounts:home")


@residents_only
@require_POST
def use_address(request, pk):
    """This address fills in forms from now on."""
    saved = get_object_or_404(SavedAddress, pk=pk, profile__user=request.user)
    saved.profile.addresses.update(main=False)
    SavedAddress.objects.filter(pk=saved.pk).update(main=True)
    messages.success(request, f"We will use {saved.address.full} in your forms.")
    return redirect("accounts:home")


@residents_only
@require_POST
def remove_address(request, pk):
    saved = get_object_or_404(SavedAddress, pk=pk, profile__user=request.user)
    was_main, profile = saved.main, saved.profile
    saved.delete()
    if was_main:
        following = profile.addresses.order_by("created_at").first()
        if following:
            SavedAddress.objects.filter(pk=following.pk).update(main=True)
    messages.success(request, f"{saved.address.full} is removed from your account.")
    return redirect("accounts:home")
