"""Issue 20, what customer service staff and service owners meet in the admin, in a real browser: the live chat
console says what a chat is about in words and shows the whole conversation, never offers to pick up a chat saved
out of hours; Assistant updates says whether anything is waiting to go live."""
import re

import pytest
from django.contrib.auth.models import Group, Permission, User

from assistant.models import CallbackRequest, HandoffRequest
from tests.conftest import westmere

pytestmark = [pytest.mark.browser]

REPORT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""
TRANSCRIPT = [
    {"sender": "user", "text": "how do i pay my council tax"},
    {"sender": "bot", "text": "You can pay your Council Tax online with a debit card."},
    {"sender": "user", "text": "/request_human"},
]


def sign_in(page, live_server, username, group, permission):
    """A member of `group`, which (the live server's database was emptied after the migrations) is given the
    admin and `permission` again."""
    user = User.objects.create_user(username, password="a-long-staff-passphrase", first_name="Sam")
    group, _ = Group.objects.get_or_create(name=group)
    group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", permission]))
    user.groups.add(group)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.add_init_script(REPORT_VIOLATIONS)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-staff-passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Westmere District Council").first.wait_for()
    return user


def test_the_live_chat_console_speaks_in_words_and_an_out_of_hours_chat_is_to_answer_later(page, live_server):
    live = HandoffRequest.objects.create(sender_id="browser-live-1", topic="pay_council_tax", page_url="/",
                                         transcript=TRANSCRIPT, status=HandoffRequest.Status.WAITING)
    later = HandoffRequest.objects.create(sender_id="browser-later-1", topic="pt_cs", page_url="/council-tax/",
                                          transcript=TRANSCRIPT, status=HandoffRequest.Status.OUT_OF_HOURS)
    CallbackRequest.objects.create(handoff=later, name="Jo Bloggs", phone="01632 960123", best_time="mornings")
    sign_in(page, live_server, "agent-browser", "Customer service", "handle_live_chat")

    page.goto(live_server.url + "/admin/live-chat/")
    waiting = page.get_by_role("row").filter(has_text=live.reference)
    assert re.search(r"Pay your Council Tax\s+Home", waiting.inner_text())
    saved = page.get_by_role("row").filter(has=page.get_by_role("link", name=f"Read {later.reference}")).last
    assert "Not known" in saved.inner_text() and "Asked: Jo Bloggs" in saved.inner_text()
    body = page.locator("main").inner_text()
    assert "pay_council_tax" not in body and "pt_cs" not in body
    assert page.get_by_role("button", name=f"Pick up {later.reference}").count() == 0

    page.get_by_role("link", name=f"Read {later.reference}").last.click()
    page.get_by_text("would not see a reply").wait_for()  # the chat's own page, not the list it left
    assert page.get_by_role("button", name="Pick up this chat").count() == 0
    assert page.get_by_role("button", name="Send reply").count() == 0
    page.get_by_text("phone 01632 960123").wait_for()
    page.get_by_label("What happened").select_option(label="Callback arranged")
    page.get_by_role("button", name="Mark as answered").click()
    page.get_by_text(f"{later.reference} is marked as answered.").wait_for()

    page.goto(f"{live_server.url}/admin/live-chat/{live.reference}/")
    lines = page.locator("#live-chat-messages li").all_inner_texts()
    assert lines[:3] == [
        "Resident: how do i pay my council tax",
        "Assistant: You can pay your Council Tax online with a debit card.",
        "Resident: (pressed “Talk to a person”)",
    ]
    page.get_by_role("button", name="Pick up this chat").click()
    page.get_by_label("Your reply").fill("Hello, I'm Sam. How can I help?")
    page.get_by_role("button", name="Send reply").click()
    page.get_by_text("Westmere District Council customer service: Hello, I'm Sam. How can I help?").wait_for()
    assert page.evaluate("window.__cspViolations") == []  # the console's own script runs from its file


def test_assistant_updates_says_what_is_waiting_to_go_live(page, live_server):
    from assistant_updates import pipeline
    from assistant_updates.models import AssistantUpdate
    from cms_pages.models import TaskPage

    _, now = pipeline.waiting_changes()
    AssistantUpdate.objects.create(outcome=AssistantUpdate.Outcome.LIVE, trained_on=now, changes=[], pages=len(now),
                                   questions=300, scores={"f1": 0.956})
    sign_in(page, live_server, "owner-browser", "Service owners", "run_assistant_update")
    page.goto(live_server.url + "/admin/assistant-updates/")
    assert page.get_by_test_id("waiting").inner_text().startswith("Nothing is waiting.")

    garden = TaskPage.objects.get(**westmere("/garden-waste/"))
    garden.chat_questions += "\ncan i share a brown bin with my neighbour"
    garden.save_revision().publish()
    page.reload()
    waiting = page.get_by_test_id("waiting").inner_text()
    assert waiting.startswith("1 page changed since the last update")
    assert f"{garden.title} (its questions changed)" in waiting
    text = page.locator("main").inner_text()
    for jargon in ("Rasa", "model", "F1", "fingerprint"):
        assert jargon not in text, jargon


ADMIN_LISTS = [
    "/admin/", "/admin/pages/search/?q=bin", "/admin/forms/", "/admin/users/", "/admin/words_to_avoid/",
    "/admin/reports/page-types-usage/", "/admin/governance/reports/needs-retesting/", "/admin/reports/aging-pages/",
    "/admin/settings/governance/governancesettings/", "/admin/live-chat/", "/admin/resident-feedback/",
    "/admin/resident-feedback/chats/",
]
CODES = re.compile(
    r"\b(?:cms_pages|assistant|governance|feedback|casework)\.[a-z_]+\b|\bTrue\b|\bFalse\b|\bNone\b|[Mm]oderation"
    r"|Max [a-z]+ [a-z]+|Min [a-z]+"
)


def test_every_admin_list_is_in_words_and_no_two_rows_look_the_same(page, live_server):
    # Issue 20's walk through the admin as an editor: codes ("cms_pages.taskformpage"), Python's True/False/None,
    # field names ("Max passive percent") and Wagtail's "moderation" are not words a council uses; a task page
    # and its form page (same title) were two rows that looked the same.
    from governance.models import WordToAvoid
    from governance.workflow import assign_to_governed_pages

    assign_to_governed_pages()
    WordToAvoid.objects.get_or_create(phrase="utilise", defaults={"suggestion": "use"})
    User.objects.create_superuser("walk-admin", "walk-admin@example.org", "a-long-admin-passphrase")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("walk-admin")
    page.get_by_label("Password").fill("a-long-admin-passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Westmere District Council").first.wait_for()
    for url in ADMIN_LISTS:
        page.goto(live_server.url + url)
        main = page.locator("main")
        text = main.inner_text()
        icons = " ".join(main.locator("svg title").all_inner_texts())  # what a screen reader hears for an icon
        found = CODES.findall(text.replace("Last published by", "") + " " + icons)
        found = [code for code in found if not (code == "None" and url.startswith("/admin/reports/aging"))]
        assert not found, (url, found)
        rows = [" ".join(row.split()) for row in main.locator("table tbody tr").all_inner_texts()]
        cells = main.locator("table tbody tr > td:nth-child(2) a").all_inner_texts()
        titles = [" ".join(cell.split()) for cell in cells]
        assert len(rows) == len(set(rows)), (url, [row for row in rows if rows.count(row) > 1][:3])
        if url.startswith(("/admin/pages/search/", "/admin/governance/reports/")):
            assert len(titles) == len(set(titles)), (url, [t for t in titles if titles.count(t) > 1][:3])
