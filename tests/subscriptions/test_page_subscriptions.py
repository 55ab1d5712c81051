"""Get emails about this page (issue 26): a resident subscribes with no account, confirms by a button (not by
opening the link), and is emailed once when a change the editor marked "tell subscribers" goes live; never for
a change not marked, never before confirming, never after one click on the unsubscribe link."""
import pytest
from django.core import mail
from subscriptions.models import ChangeNotice, PageSubscription
from wagtail.models import WorkflowState

from cms_pages.models import GuidePage, ServiceAreaPage, TaskFormPage, TaskPage
from sitewide.councils import public_url
from tests.conftest import westmere
from tests.governance.helpers import edit_form_data, record_session

from .conftest import confirm_link_token, unsubscribe_link

pytestmark = pytest.mark.django_db
PLAIN = "Pay your Council Tax online with a debit card. It takes 5 minutes."


@pytest.fixture
def pay_page():
    return TaskPage.objects.get(**westmere("/council-tax/pay/"))


def subscribe(client, page, email):
    return client.post(f"/subscriptions/page/{page.pk}/", {"email": email})


def confirmed(page, email):
    return PageSubscription.objects.create(page=page, email=email, confirmed_at="2026-01-01T00:00Z")


def test_the_page_links_to_the_form_which_sends_only_a_confirm_email_until_confirmed_by_a_button(
    site_client, pay_page
):
    html = site_client.get(pay_page.url).content.decode()
    assert f'href="/subscriptions/page/{pay_page.pk}/"' in html and "Get emails when this page changes" in html
    form = site_client.get(f"/subscriptions/page/{pay_page.pk}/").content.decode()
    assert 'for="id_email"' in form and 'name="website"' in form and pay_page.title in form

    response = subscribe(site_client, pay_page, " Jo@Example.org ")
    assert "Check your email" in response.content.decode()
    subscription = PageSubscription.objects.get()
    assert subscription.email == "jo@example.org" and subscription.page_id == pay_page.pk
    assert not subscription.confirmed
    assert [m.subject for m in mail.outbox] == ["Confirm your email updates"]
    assert mail.outbox[0].to == ["jo@example.org"] and pay_page.title in mail.outbox[0].body
    token = confirm_link_token(mail.outbox[0])

    page = site_client.get(f"/subscriptions/confirm/{token}/")  # a mail scanner opening the link
    assert page.status_code == 200 and "Start my emails" in page.content.decode()
    assert not PageSubscription.objects.get().confirmed
    done = site_client.post(f"/subscriptions/confirm/{token}/")
    assert "Your emails have started" in done.content.decode()
    assert PageSubscription.objects.get().confirmed
    assert len(mail.outbox) == 1  # nothing else was sent
    assert site_client.get("/subscriptions/confirm/not-a-token/").status_code == 404


def test_subscribing_again_makes_no_second_subscription_and_the_page_does_not_say_which(site_client, pay_page):
    first = subscribe(site_client, pay_page, "jo@example.org").content.decode()
    again = subscribe(site_client, pay_page, "JO@example.org").content.decode()
    token = confirm_link_token(mail.outbox[-1])
    site_client.post(f"/subscriptions/confirm/{token}/")
    after_confirming = subscribe(site_client, pay_page, "jo@example.org").content.decode()
    assert PageSubscription.objects.count() == 1
    strip = lambda html: html.split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert strip(first) == strip(again) == strip(after_confirming)
    assert [m.subject for m in mail.outbox] == ["Confirm your email updates"] * 2 + ["You already get these emails"]
    assert "/subscriptions/unsubscribe/" in mail.outbox[-1].body


def test_only_live_governed_pages_can_be_subscribed_to(site_client):
    area = ServiceAreaPage.objects.first()
    assert site_client.get(f"/subscriptions/page/{area.pk}/").status_code == 404
    assert site_client.get("/subscriptions/page/99999999999999999999/").status_code == 404
    draft = TaskPage.objects.first()
    draft.unpublish()
    assert site_client.get(f"/subscriptions/page/{draft.pk}/").status_code == 404


@pytest.mark.parametrize(("email", "message"), [
    ("", "Enter your email address"),
    ("jo\x00@exa\x00mple", "Enter an email address in the correct format"),
    ("j" * 300 + "@example.org", "characters or fewer"),
    ("jo@exa mple.org", "Enter an email address in the correct format"),
    ("jö\u202e@example.org", "Enter an email address in the correct format"),
])
def test_bad_email_addresses_get_a_clear_message_and_keep_what_was_typed(site_client, pay_page, email, message):
    response = subscribe(site_client, pay_page, email)
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html and message in html
    assert html.startswith("<!DOCTYPE html>") or "<title>Error:" in html
    assert not PageSubscription.objects.exists() and not mail.outbox


def test_a_nul_byte_is_dropped_before_the_form_sees_it(site_client, pay_page):
    assert "Check your email" in subscribe(site_client, pay_page, "jo\x00@example.org").content.decode()
    assert PageSubscription.objects.get().email == "jo@example.org"  # sitewide.request_guards removes NULs


def test_spam_is_thanked_and_dropped_and_floods_are_refused(site_client, pay_page, settings):
    response = site_client.post(f"/subscriptions/page/{pay_page.pk}/", {"email": "bot@example.org", "website": "x"})
    assert "Check your email" in response.content.decode()
    assert not PageSubscription.objects.exists() and not mail.outbox
    settings.FORM_RATE_LIMIT = "2/m"
    statuses = [subscribe(site_client, pay_page, f"jo{n}@example.org").status_code for n in range(3)]
    assert statuses[-1] == 429


def test_the_editor_ticks_tell_subscribers_and_they_are_emailed_once_when_it_goes_live(
    client, site_client, editor, moderator, service_owner, pay_page
):
    confirmed(pay_page, "jo@example.org")
    PageSubscription.objects.create(page=pay_page, email="waiting@example.org")  # never confirmed
    client.force_login(editor)
    edit_page = client.get(f"/admin/pages/{pay_page.pk}/edit/").content.decode()
    assert 'name="subscriptions-tell"' in edit_page and "Tell the page's subscribers when this goes live" in edit_page
    assert "1 person gets emails when this page changes" in edit_page
    data = edit_form_data(client, pay_page, summary=PLAIN, **{
        "action-submit": "action-submit",
        "subscriptions-tell": "yes",
        "subscriptions-summary": "You can now pay with a debit card.",
    })
    assert client.post(f"/admin/pages/{pay_page.pk}/edit/", data).status_code == 302

    notice = ChangeNotice.objects.get()
    latest = TaskPage.objects.get(pk=pay_page.pk).get_latest_revision()
    assert (notice.page_id, notice.revision_id, notice.tell_subscribers, notice.created_by) == (
        pay_page.pk, latest.pk, True, editor)
    assert notice.summary == "You can now pay with a debit card." and notice.published_at is None
    assert not mail.outbox  # not live yet

    record_session(pay_page, participants=6, completed=6, user=moderator)  # the focus-group test passes
    state = WorkflowState.objects.for_instance(pay_page).latest("created_at")
    task_state = state.current_task_state.specific
    assert task_state.task.name == "Service owner approval"
    task_state.task.specific.on_action(task_state, service_owner, "approve")
    assert TaskPage.objects.get(pk=pay_page.pk).summary == PLAIN  # live

    assert [m.to for m in mail.outbox] == [["jo@example.org"]]
    email = mail.outbox[0]
    assert email.subject == f"Page updated: {pay_page.title}"
    assert "You can now pay with a debit card." in email.body
    assert public_url(None, "/council-tax/pay/") in email.body  # the page's full address (the default council's)
    notice.refresh_from_db()
    assert notice.published_at is not None and notice.emails_sent == 1

    latest.publish()  # the same revision published again (a system task): nobody is told twice
    assert len(mail.outbox) == 1

    assert "Emails stopped" in site_client.get(unsubscribe_link(email)).content.decode()
    assert not PageSubscription.objects.filter(email="jo@example.org").exists()
    ChangeNotice.objects.create(page=pay_page, revision=pay_page.save_revision(), tell_subscribers=True)
    TaskPage.objects.get(pk=pay_page.pk).get_latest_revision().publish()
    assert len(mail.outbox) == 1  # unsubscribed: nothing more


def test_a_change_not_marked_tell_sends_nothing(client, editor, pay_page):
    confirmed(pay_page, "jo@example.org")
    client.force_login(editor)
    data = edit_form_data(client, pay_page, summary=PLAIN, **{
        "action-submit": "action-submit", "subscriptions-summary": "Small wording change",
    })
    client.post(f"/admin/pages/{pay_page.pk}/edit/", data)
    notice = ChangeNotice.objects.get()
    assert not notice.tell_subscribers
    TaskPage.objects.get(pk=pay_page.pk).get_latest_revision().publish()  # a system publish of it
    assert not mail.outbox
    notice.refresh_from_db()
    assert notice.published_at is not None
    pay_page.save_revision().publish()  # no notice at all
    assert not mail.outbox


def test_saving_a_draft_records_no_choice_and_the_newest_choice_before_publishing_decides(client, editor, pay_page):
    confirmed(pay_page, "jo@example.org")
    client.force_login(editor)
    draft = edit_form_data(client, pay_page, **{"subscriptions-tell": "yes"})
    client.post(f"/admin/pages/{pay_page.pk}/edit/", draft)
    assert not ChangeNotice.objects.exists()  # only a submission to the workflow records it
    ChangeNotice.objects.create(page=pay_page, revision=pay_page.save_revision(), tell_subscribers=True)
    revision = pay_page.save_revision()
    ChangeNotice.objects.create(page=pay_page, revision=revision, tell_subscribers=False)
    revision.publish()
    assert not mail.outbox and not ChangeNotice.objects.filter(published_at__isnull=True).exists()


def test_a_change_to_a_guide_part_tells_the_guides_subscribers(site_client):
    guide = GuidePage.objects.live().filter(numchild__gt=0).first()
    part = guide.get_children().live().first().specific
    html = site_client.get(part.url).content.decode()
    assert f'href="/subscriptions/page/{guide.pk}/"' in html  # a part's link subscribes to the whole guide
    confirmed(guide, "jo@example.org")
    ChangeNotice.objects.create(page=part, revision=part.save_revision(), tell_subscribers=True, summary="New part")
    part.get_latest_revision().publish()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jo@example.org"]
    assert part.title in mail.outbox[0].body and f"part of {guide.title}" in mail.outbox[0].body


def test_the_summary_is_one_clean_line_with_a_message_when_shortened(client, editor, pay_page):
    client.force_login(editor)
    data = edit_form_data(client, pay_page, **{
        "action-submit": "action-submit", "subscriptions-tell": "yes",
        "subscriptions-summary": "Now\x00 weekly\r\n collections – café ✓ " + "x" * 400,
    })
    response = client.post(f"/admin/pages/{pay_page.pk}/edit/", data, follow=True)
    summary = ChangeNotice.objects.get().summary
    assert summary.startswith("Now weekly collections – café ✓ x") and len(summary) == 200
    assert "\x00" not in summary and "\n" not in summary
    assert "too long for one line" in response.content.decode()


def test_the_panel_shows_only_on_governed_pages(client, editor):
    client.force_login(editor)
    area = ServiceAreaPage.objects.first()
    assert 'name="subscriptions-tell"' not in client.get(f"/admin/pages/{area.pk}/edit/").content.decode()
    new_task = client.get(f"/admin/pages/add/cms_pages/taskpage/{area.pk}/").content.decode()
    assert 'id="id_subscriptions-tell"' in new_task and 'for="id_subscriptions-summary"' in new_task
    form_page = TaskFormPage.objects.first()  # a task's online form: the task's subscribers hear of it
    assert 'name="subscriptions-tell"' in client.get(f"/admin/pages/{form_page.pk}/edit/").content.decode()
