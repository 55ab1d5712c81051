"""Issue 11, item 9: under the Content-Security-Policy the chat widget and the Wagtail admin still work,
with no violation reported by the browser."""
import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from tests.security.csp import directives
from tests.security.fake_rasa import FakeRasa

pytestmark = [pytest.mark.browser]

REPORT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


def violations(page):
    return page.evaluate("window.__cspViolations")


@pytest.fixture
def rasa(settings):
    cache.clear()  # no open circuit or rate limit left by another test
    fake = FakeRasa()
    fake.reply = [
        {"recipient_id": "x", "text": "You can report a missed bin online."},
        {"recipient_id": "x", "custom": {"links": [{"text": "Report a missed bin", "url": "/bins-and-recycling/"}]}},
    ]
    settings.RASA_URL = fake.url
    yield fake
    fake.close()


def test_the_chat_widget_works_under_the_policy(page, live_server, rasa):
    page.add_init_script(REPORT_VIOLATIONS)
    response = page.goto(live_server.url + "/council-tax/")
    policy = directives(response.headers["content-security-policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]  # a resident: no inline styles
    assert page.evaluate("document.body.classList.contains('js-enabled')")  # the hashed inline script ran
    page.get_by_role("button", name="Chat with our assistant").click()
    page.get_by_label("Type your question").fill("my bin was missed")
    page.keyboard.press("Enter")
    log = page.get_by_role("log")
    log.get_by_text("You can report a missed bin online.").wait_for()
    assert log.get_by_role("link", name="Report a missed bin").count() == 1
    assert violations(page) == []


def test_the_wagtail_admin_works_under_the_policy(page, live_server):
    User.objects.create_superuser("csp-admin", "csp-admin@example.org", "a-long-admin-passphrase")
    page.add_init_script(REPORT_VIOLATIONS)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("csp-admin")
    page.get_by_label("Password").fill("a-long-admin-passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Westmere District Council").first.wait_for()
    assert violations(page) == []
    from cms_pages.models import TaskPage

    task = TaskPage.objects.live().first()
    page.goto(f"{live_server.url}/admin/pages/{task.pk}/edit/")
    page.get_by_role("button", name="Save draft").first.wait_for()
    page.get_by_role("tab", name="Promote").click()  # the editor's own scripts run
    assert violations(page) == []
    for path in ("/admin/forms/", "/admin/requests/", "/admin/pages/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path


def test_a_signed_in_editor_sees_the_userbar_on_a_public_page_under_the_policy(page, live_server):
    # Residents' pages allow no inline styles; an editor's page allows them for the userbar's checker (axe).
    User.objects.create_superuser("csp-editor", "csp-editor@example.org", "a-long-editor-passphrase")
    page.add_init_script(REPORT_VIOLATIONS)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("csp-editor")
    page.get_by_label("Password").fill("a-long-editor-passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Westmere District Council").first.wait_for()
    response = page.goto(live_server.url + "/council-tax/")
    assert directives(response.headers["content-security-policy"])["style-src"] == ["'self'", "'unsafe-inline'"]
    userbar = page.locator("wagtail-userbar")
    userbar.wait_for(state="attached")
    trigger = userbar.locator("button").first
    assert trigger.is_visible() and trigger.bounding_box()["width"] < 100  # styled: a small round button
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
