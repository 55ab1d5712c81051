"""Issue 20: after "Submit to Customer-tested publishing" the admin said "submitted for moderation" and the page
listing "live + in moderation": Wagtail's words. It says what is happening: customer testing (or, for pages
under Wagtail's "Moderators approval", approval)."""
import pytest
from django.contrib.messages import get_messages
from wagtail.models import Page, Workflow

from cms_pages.models import StandardPage, TaskPage
from governance.review_words import status_words
from tests.conftest import westmere
from tests.governance.helpers import edit_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def missed_bin():
    return TaskPage.objects.get(**westmere("/bins-and-recycling/report-a-missed-bin/"))


def submit(client, page):
    data = edit_form_data(client, page, summary="Tell us if we did not empty your bin on the day.")
    data["action-submit"] = "action-submit"
    return client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)


def test_a_governed_page_is_submitted_for_customer_testing_and_listed_as_in_it(client, editor, missed_bin):
    client.force_login(editor)
    response = submit(client, missed_bin)
    said = [str(message) for message in get_messages(response.wsgi_request)] + [response.content.decode()]
    html = response.content.decode()
    assert "has been submitted for customer testing." in html, said
    assert "submitted for moderation" not in html
    missed_bin.refresh_from_db()
    # The plain-English check passes at once; the page waits in the focus-group test.
    assert status_words(missed_bin) == "live + in customer testing"
    listing = client.get(f"/admin/pages/{missed_bin.get_parent().pk}/").content.decode()
    assert "live + in customer testing" in listing and "in moderation" not in listing
    editor_view = client.get(f"/admin/pages/{missed_bin.pk}/edit/").content.decode()
    assert "In customer testing" in editor_view and "In Moderation" not in editor_view


def test_a_page_under_moderators_approval_is_awaiting_approval(client, make_user):
    owner = make_user("admin-owner", superuser=True)
    page = StandardPage.objects.live().first()
    assert Workflow.objects.get(name="Moderators approval") == page.get_workflow()
    client.force_login(owner)
    html = edit_form_data(client, page)
    html["action-submit"] = "action-submit"
    response = client.post(f"/admin/pages/{page.pk}/edit/", html, follow=True).content.decode()
    assert "has been sent for approval." in response and "moderation" not in response.split("<main")[-1]
    assert status_words(Page.objects.get(pk=page.pk).specific) == "live + awaiting approval"


def test_emails_about_a_page_in_customer_testing_use_the_councils_words(make_user, moderator, mailoutbox):
    """Wagtail's emails said "submitted for moderation to workflow …" and "moderation stage"."""
    from wagtail.models import WorkflowState

    from cms_pages.models import TaskPage

    from .helpers import record_session

    page = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    people = {}
    for name, group in (("editor", "Editors"), ("owner", "Service owners")):
        people[name] = make_user(f"{name}-mail", group)
        people[name].email = f"{name}@example.org"
        people[name].save()
    admin = make_user("admin-mail", superuser=True)
    admin.email = "admin@example.org"
    admin.save()
    record_session(page, participants=6, completed=6, user=moderator)
    page.summary = "Pay your Council Tax online with a debit card. It takes 5 minutes."
    page.save_revision(user=people["editor"])
    state = page.get_workflow().start(page, people["editor"])
    state.refresh_from_db()
    task_state = state.current_task_state.specific
    task_state.task.specific.on_action(task_state, people["owner"], "approve")
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED

    emails = [f"{message.subject}\n{message.body}" for message in mailoutbox]
    assert emails, "no notification was sent"
    assert not [email for email in emails if "moderation" in email.lower()], emails
    assert any('"Pay your Council Tax" has been submitted for customer testing' in email for email in emails), emails
    assert any('is waiting for you at "Service owner approval", a step of customer testing' in email
               for email in emails), emails
    assert any('"Pay your Council Tax" has passed customer testing' in email for email in emails), emails
