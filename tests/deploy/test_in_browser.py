"""`make prod` in Chromium through nginx, as a resident and an editor would use it: every POST a browser sends
(chat, forms, sign-in) carries an Origin header that Django checks against the host nginx passes on."""
import re
import uuid
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.prod

ROOT = Path(__file__).resolve().parents[2]
IMAGE = ROOT / "site" / "static" / "img" / "westmere-social.png"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(30000)
    forbidden = []
    page.on("response", lambda response: response.status == 403 and forbidden.append(response.url))
    yield page
    context.close()
    assert not forbidden, f"refused: {forbidden}"


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30000)
    yield page
    context.close()


def emails_in_the_worker_log(topology):
    return topology.log_tail("main", chars=200_000)


def test_a_resident_chats_signs_up_reports_tracks_and_finds_it_in_my_account(topology, phone):
    site = topology.url
    email = f"resident-{uuid.uuid4().hex[:8]}@example.org"
    password = f"Correct-horse-{uuid.uuid4().hex[:6]}"

    # The chat answers through nginx, the web processes and Rasa with its action server.
    phone.goto(site + "/")
    phone.get_by_role("button", name="Chat with our assistant").click()
    phone.get_by_label("Type your question").fill("when is my bin day")
    phone.keyboard.press("Enter")
    phone.get_by_role("log").get_by_text(re.compile("postcode", re.I)).first.wait_for()
    phone.get_by_role("button", name="Close chat").click()  # a phone shows the chat over the page

    # An account: sign up, confirm the address from the email (in the worker's log), sign in.
    phone.goto(site + "/account/sign-up/")
    phone.get_by_label("Email address").fill(email)
    phone.get_by_label("Create a password").fill(password)
    phone.get_by_role("button", name=re.compile("Create|Sign up|Continue")).first.click()
    phone.wait_for_load_state()
    link = None
    for _ in range(60):
        links = re.findall(r"(http://\S+/account/verify/\S+/)", emails_in_the_worker_log(topology))
        if links:
            link = links[-1]
            break
        phone.wait_for_timeout(1000)
    assert link and link.startswith(site + "/"), link  # the link keeps nginx's port
    phone.goto(link)
    if phone.get_by_label("Password").count():  # the link signs nobody in: sign in, then confirm
        phone.get_by_label("Email address").fill(email)
        phone.get_by_label("Password").fill(password)
        phone.get_by_role("button", name="Sign in").click()
        phone.wait_for_load_state()
    phone.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    phone.wait_for_load_state()
    assert "confirmed" in phone.locator("main").inner_text().lower()

    # A form to its reference, signed in.
    phone.goto(site + "/bins-and-recycling/report-a-missed-bin/")
    phone.get_by_role("button", name="Start now").click()
    phone.get_by_label("Your postcode").fill("WM1 1AA")
    phone.get_by_label("First line of your address").fill("12 Riverside Road")
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_label("Recycling (blue bin)").check()
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_label("Day", exact=True).fill("3")
    phone.get_by_label("Month", exact=True).fill("11")
    phone.get_by_label("Year", exact=True).fill("2025")
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_role("radio", name="Yes", exact=True).check()
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_role("button", name="Continue").click()
    if phone.get_by_label("Email address").count():
        phone.get_by_label("Email address").fill(email)
        phone.get_by_role("button", name="Continue").click()
    phone.get_by_role("button", name="Send").click()
    reference = phone.locator("[data-reference]").inner_text().strip()
    assert re.fullmatch(r"WM-[A-Z2-9]{4}-[A-Z2-9]{2}", reference)

    # Tracking, without signing in, and My Account.
    phone.goto(site + "/track/")
    phone.get_by_label("Reference number").fill(reference)
    phone.get_by_label("Email address").fill(email)
    phone.get_by_role("button", name="Track request").click()
    assert phone.locator("[data-status]").inner_text() == "Received"
    phone.goto(site + "/account/")
    assert reference in phone.locator("main").inner_text()

    # A forgotten password: the emailed link keeps nginx's port too (nginx passed the Host without it).
    phone.context.clear_cookies()  # signed out
    phone.goto(site + "/account/password-reset/")
    phone.get_by_label("Email address").fill(email)
    phone.locator("main form [type=submit]").first.click()
    phone.wait_for_load_state()
    for _ in range(60):
        resets = re.findall(r"(http://\S+/account/password-reset/\S+/)", emails_in_the_worker_log(topology))
        if resets:
            break
        phone.wait_for_timeout(1000)
    assert resets and resets[-1].startswith(site + "/account/password-reset/"), resets


def test_an_editor_signs_in_previews_a_page_runs_its_checks_and_an_uploaded_image_is_shown(topology, desktop):
    site = topology.url
    editor, password = f"editor-{uuid.uuid4().hex[:6]}", uuid.uuid4().hex
    topology.manage("shell", "-c", (
        "from django.contrib.auth.models import User\n"
        f"User.objects.create_superuser('{editor}', '{editor}@example.org', '{password}')\n"
    ))
    desktop.goto(site + "/admin/login/")
    desktop.get_by_label("Username").fill(editor)
    desktop.get_by_label("Password").fill(password)
    desktop.get_by_role("button", name="Sign in").click()
    desktop.wait_for_url(re.compile(r"/admin/$"))

    # An uploaded image is served (nginx serves MEDIA_ROOT's images) and shown in the admin.
    desktop.goto(site + "/admin/images/add/")
    desktop.locator("input[type=file][name=file]").set_input_files(str(IMAGE))
    desktop.locator("input[name=title]").fill("Riverside recycling centre")
    desktop.locator("form").filter(has=desktop.locator("input[name=title]")).locator("[type=submit]").first.click()
    desktop.wait_for_load_state()
    desktop.goto(site + "/admin/images/")
    image = desktop.locator("img[src*='/media/images/']").first
    image.wait_for()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), image.get_attribute("src")
    page_id = topology.manage("shell", "-c", (
        "from wagtail.images import get_image_model\n"
        "from wagtail.models import Page\n"
        "page = Page.objects.get(url_path='/home/bins-and-recycling/').specific\n"  # Westmere's
        "page.social_image = get_image_model().objects.get(title='Riverside recycling centre')\n"
        "page.save_revision().publish()\n"
        "print(page.pk)\n"
    )).stdout.split()[-1]  # Django's shell may first say what it imported
    shared = desktop.request.get(site + "/bins-and-recycling/").text()
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', shared).group(1)
    assert og_image.startswith(site + "/media/images/")
    served = desktop.request.get(og_image)
    assert served.status == 200 and served.headers["content-type"].startswith("image/")

    # The page editor's preview loads in its frame, so the checks really run.
    desktop.goto(f"{site}/admin/pages/{page_id}/edit/")
    desktop.get_by_role("button", name=re.compile("Toggle preview", re.I)).click()
    frame = desktop.frame_locator("iframe#w-preview-iframe, iframe[data-w-preview-target='iframe']").first
    frame.locator("h1").first.wait_for()
    assert "Bins and recycling" in frame.locator("h1").first.inner_text()
    desktop.get_by_role("button", name=re.compile("Toggle checks", re.I)).click()
    checks = desktop.locator("[data-side-panel='checks']")
    words = checks.locator("[data-content-word-count]")
    words.wait_for()
    # "-" until the checker has read the preview: a number means it ran on the page.
    desktop.wait_for_function("el => /\\d/.test(el.textContent)", arg=words.element_handle(), timeout=30000)
