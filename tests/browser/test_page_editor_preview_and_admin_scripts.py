"""Issue 20: in the page editor the Preview panel shows the page and the Checks panel really checks it
(the preview response said `frame-ancestors 'none'`, so the panel was a broken-page icon and the checker's
"Words -" and "Issues found 0" measured nothing); and the admin runs only its own scripts: an inline script
injected into an admin page does not run, while Wagtail's own (a chooser, an inline panel, a date picker) do."""
import re

import pytest
from django.contrib.auth.models import User
from wagtail.models import Collection

from cms_pages.models import TaskFormPage, TaskPage
from tests.conftest import westmere
from tests.security.csp import directives

pytestmark = [pytest.mark.browser]

REPORT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


@pytest.fixture
def editor_page(page, live_server):
    User.objects.create_superuser("preview-editor", "preview-editor@example.org", "a-long-editor-passphrase")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.add_init_script(REPORT_VIOLATIONS)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("preview-editor")
    page.get_by_label("Password").fill("a-long-editor-passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Westmere District Council").first.wait_for()
    page.console_errors = errors
    return page


def test_the_preview_panel_shows_the_page_and_the_checks_panel_measures_it(editor_page, live_server):
    page = editor_page
    task = TaskPage.objects.get(**westmere("/garden-waste/"))
    page.goto(f"{live_server.url}/admin/pages/{task.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    preview.get_by_role("heading", level=1, name=task.title).wait_for()
    assert not [error for error in page.console_errors if "frame-ancestors" in error]

    page.get_by_role("button", name="Toggle checks").click()
    panel = page.locator("[data-side-panel='checks']")
    # "Words", "Reading time" and "Readability" are measured on the page in the preview, not left at "-".
    page.wait_for_function(
        """() => { const panel = document.querySelector("[data-side-panel='checks']");
                   return panel && /Words\\s*\\d+/.test(panel.innerText.replace(/\\n/g, ' ')); }""",
        timeout=20000,
    )
    text = " ".join(panel.inner_text().split())
    assert re.search(r"Words \d+", text), text
    assert not re.search(r"Readability -", text), text
    assert "Sentences over 25 words: 0 (allowed: 0)" in text  # the plain-English check reads as it means
    assert page.evaluate("window.__cspViolations") == []


def test_a_public_page_still_cannot_be_framed(editor_page, live_server):
    response = editor_page.goto(live_server.url + "/bins-and-recycling/garden-waste/")
    assert directives(response.headers["content-security-policy"])["frame-ancestors"] == ["'none'"]


def test_an_injected_inline_script_does_not_run_in_the_admin(editor_page, live_server):
    page = editor_page
    response = page.goto(live_server.url + "/admin/pages/")
    script_src = directives(response.headers["content-security-policy"])["script-src"]
    assert "'unsafe-inline'" not in script_src
    page.evaluate(
        """() => { const script = document.createElement('script');
                   script.textContent = 'window.__injected = true';
                   document.body.appendChild(script); }"""
    )
    assert page.evaluate("window.__injected") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__cspViolations"))


def test_wagtails_own_scripts_still_run_in_the_page_editor(editor_page, live_server):
    page = editor_page
    # A form page: its questions are an inline panel, whose set-up is an inline script (with the nonce).
    form_page = TaskFormPage.objects.get(**westmere("/report-a-missed-bin/start/"))
    page.goto(f"{live_server.url}/admin/pages/{form_page.pk}/edit/")
    count = (
        "Array.from(document.querySelectorAll('[id]')).filter(e => /^inline_child_form_fields-\\d+$/.test(e.id)).length"
    )
    before = page.evaluate(count)
    assert before > 0
    page.get_by_role("button", name=re.compile(r"^Add questions", re.I)).first.click()
    assert page.evaluate(count) == before + 1

    # A task page: the social image chooser (its set-up allowed by its hash) and the schedule's date pickers.
    if not Collection.objects.exists():  # the live server's database was emptied, migrations' rows too
        Collection.add_root(name="Root")
    task = TaskPage.objects.get(**westmere("/garden-waste/"))
    page.goto(f"{live_server.url}/admin/pages/{task.pk}/edit/")
    page.get_by_role("tab", name="Promote").click()
    page.get_by_role("button", name=re.compile("Choose an image", re.I)).first.click()
    page.get_by_role("dialog").get_by_role("heading", name=re.compile("Choose an image", re.I)).wait_for()
    page.keyboard.press("Escape")
    assert page.evaluate("typeof window.jQuery('#id_go_live_at').datetimepicker") == "function"
    assert page.evaluate("!!window.jQuery('#id_go_live_at').data('xdsoft_datetimepicker')")
    assert page.evaluate("window.__cspViolations") == []
