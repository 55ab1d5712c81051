"""In Chromium on a phone (390 px), and on a desktop: a signed-in resident tells us once they are moving within
Westmere. One thing per page; their name and address come from their account and are not asked again; the services
step offers only what a move within Westmere needs, with what they must do themselves; Check your answers shows
everything with Change links; the confirmation lists every reference. axe on the services step and the
confirmation. Screenshots go to BROWSER_SCREENSHOTS when it is set (issue 24)."""
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from accounts.models import ResidentProfile, SavedAddress
from casework.models import Submission
from places.models import Address

from .test_garden_waste import assert_accessible, continue_, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def signed_in_resident():
    user = get_user_model().objects.create_user("jo@example.org", "jo@example.org", PASSWORD)
    profile = ResidentProfile.objects.create(user=user, verified_email="jo@example.org", full_name="Jo Bloggs")
    SavedAddress.objects.create(profile=profile, address=Address.objects.get(uprn="100091000002"), main=True)
    return user


@pytest.mark.parametrize("width", [390, 1280])
def test_moving_within_westmere_tells_each_chosen_service_once(browser, live_server, demo_council, width):
    signed_in_resident()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(live_server.url + "/account/sign-in/")
        page.get_by_label("Email address").fill("jo@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()

        page.goto(live_server.url + "/moving-to-westmere/")
        page.get_by_role("link", name="Tell us you are moving home").first.click()
        page.get_by_role("button", name="Start now").click()

        page.get_by_role("radio", name="Moving within Westmere").check()
        continue_(page)
        # Name (step 2) and address now (step 3) come from the account: the next question is the new address
        expect(page.get_by_label("Your new address, including postcode")).to_be_visible()
        question_form = page.locator("form[enctype='multipart/form-data']")
        assert question_form.locator(".govuk-form-group:visible").count() == 1  # one thing per page
        page.get_by_label("Your new address, including postcode").fill("Flat 2\n9 Market Street\nWM1 1AA")
        continue_(page)
        page.get_by_label("Day").fill("1")
        page.get_by_label("Month").fill("2")
        page.get_by_label("Year").fill("2027")
        continue_(page)
        for _ in range(4):  # who is moving, Council Tax account, landlord, phone: all optional
            continue_(page)
        # the email address comes from the account: the services step is next
        services = page.get_by_role("group", name="What should we do for you?")
        expect(services).to_be_visible()
        assert services.get_by_role("checkbox").count() == 5
        assert "Register to vote" in page.locator(".wm-signposts").inner_text()
        assert_accessible(page)
        screenshot(page, "moving-services", width)
        continue_(page)  # nothing ticked: a GOV.UK error, nothing sent
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        services.get_by_role("checkbox", name=re.compile("^Council Tax")).check()
        services.get_by_role("checkbox", name=re.compile("^Parking")).check()
        continue_(page)

        expect(page.get_by_role("heading", name="Check your answers before sending")).to_be_visible()
        check = page.locator("main").inner_text()
        for shown in ("Jo Bloggs", "3 Market Street", "jo@example.org", "Moving within Westmere", "Parking"):
            assert shown in check
        assert page.get_by_role("link", name=re.compile("^Change")).count() == 11
        screenshot(page, "moving-check", width)
        page.get_by_role("button", name=re.compile("Send")).click()

        expect(page.get_by_role("heading", name="Request sent")).to_be_visible()
        parent = Submission.objects.get(parent__isnull=True)
        parts = list(parent.parts.order_by("pk"))
        assert [part.task_title for part in parts] == ["Moving home: Council Tax account",
                                                       "Moving home: move resident parking permit"]
        shown = page.locator("main").inner_text()
        assert all(reference in shown for reference in [parent.reference] + [p.reference for p in parts])
        listed = page.locator("[data-part-reference]").all_inner_texts()
        assert listed == [part.reference for part in parts]  # in the order the form asked
        assert_accessible(page)
        screenshot(page, "moving-confirmation", width)
    finally:
        context.close()
