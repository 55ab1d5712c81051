"""Governed pages go live only through "Customer-tested publishing" (or the traced emergency route)."""

import pytest
from django.contrib.messages import get_messages
from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import PageLogEntry, Revision, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from casework.models import Notification
from cms_pages.models import GuidePartPage, ServiceAreaPage, TaskFormPage, TaskPage
from governance.models import PublicationRecord, ServiceAreaOwner
from governance.publishing import LOG_ACTION
from governance.retesting import NEVER_TESTED, live_governed_pages, pages_needing_retesting
from tests.conftest import westmere

from .helpers import edit_form_data, record_session

pytestmark = pytest.mark.django_db
ROLES = ["editor", "moderator", "service_owner", "superuser"]
PLAIN = "Tell us if we did not collect your bin on your collection day. It takes 2 minutes."
POMPOUS = "Utilise this facility in order to facilitate the notification of non-collection of receptacles."
REASON = "The collection day changed after the storm and residents are putting bins out on the wrong day."


@pytest.fixture
def superuser(make_user):
    return make_user("super", superuser=True)


@pytest.fixture
def emergency_publisher(make_user):
    user = make_user("emergency", "Emergency publishers")
    user.email = "emergency@example.org"
    user.save()
    return user


@pytest.fixture
def role(request, make_user):
    groups = {"editor": ["Editors"], "moderator": ["Moderators"], "service_owner": ["Service owners"]}
    if request.param == "superuser":
        return make_user("super", superuser=True)
    return make_user(request.param, *groups[request.param])


@pytest.fixture
def missed_bin():
    return TaskPage.objects.get(**westmere("/bins-and-recycling/report-a-missed-bin/"))


def live_summary(page):
    return TaskPage.objects.get(pk=page.pk).live_revision.as_object().summary


def message_texts(response):
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


@pytest.mark.parametrize("role", ROLES, indirect=True)
def test_the_edit_view_does_not_publish_a_governed_page_and_says_how_to_submit(client, role, missed_bin):
    client.force_login(role)
    before = live_summary(missed_bin)
    html = client.get(f"/admin/pages/{missed_bin.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in html  # no Publish button, for anyone
    data = edit_form_data(client, missed_bin, summary=POMPOUS, **{"action-publish": "action-publish"})
    response = client.post(f"/admin/pages/{missed_bin.pk}/edit/", data)
    assert response.status_code == 302
    assert "Submit to Customer-tested publishing" in message_texts(response)
    assert live_summary(missed_bin) == before  # not live
    after = TaskPage.objects.get(pk=missed_bin.pk)
    assert after.live_revision_id == missed_bin.live_revision_id
    assert after.get_latest_revision().as_object().summary == POMPOUS  # kept as a draft: nothing lost


@pytest.mark.parametrize("role", ROLES, indirect=True)
def test_scheduling_and_the_api_do_not_publish_a_governed_page(client, role, missed_bin):
    client.force_login(role)
    data = edit_form_data(
        client, missed_bin, summary=PLAIN, go_live_at="2030-01-01 09:00", **{"action-publish": "action-publish"}
    )
    client.post(f"/admin/pages/{missed_bin.pk}/edit/", data)
    assert not Revision.page_revisions.filter(object_id=str(missed_bin.pk), approved_go_live_at__isnull=False)
    # Any code that publishes on someone's behalf (an API, a script) goes through the same check.
    revision = missed_bin.save_revision(user=role)
    with pytest.raises(PublishPermissionError):
        revision.publish(user=role)


@pytest.mark.parametrize("role", ROLES, indirect=True)
def test_reverting_to_an_older_version_does_not_publish_it(client, role, missed_bin):
    old = missed_bin.live_revision
    missed_bin.summary = PLAIN
    missed_bin.save_revision().publish()  # a system publish (like the demo loader)
    client.force_login(role)
    assert client.get(f"/admin/pages/{missed_bin.pk}/revisions/{old.pk}/revert/").status_code == 200
    data = edit_form_data(client, missed_bin, revision=str(old.pk), **{"action-publish": "action-publish"})
    response = client.post(f"/admin/pages/{missed_bin.pk}/edit/", data)
    assert "Submit to Customer-tested publishing" in message_texts(response)
    assert live_summary(missed_bin) == PLAIN
    with pytest.raises(PublishPermissionError):
        old.publish(user=role, previous_revision=old)


@pytest.mark.parametrize("role", ROLES, indirect=True)
def test_bulk_publish_leaves_governed_pages_alone(client, role, missed_bin):
    missed_bin.summary = POMPOUS
    missed_bin.save_revision(user=role)
    client.force_login(role)
    url = f"/admin/bulk/wagtailcore/page/publish/?id={missed_bin.pk}&next=/admin/"
    response = client.post(url, {"include_descendants": ""})
    assert response.status_code in (200, 302)
    assert live_summary(missed_bin) != POMPOUS
    if response.status_code == 302:
        assert "Submit to Customer-tested publishing" in message_texts(response)


@pytest.mark.parametrize("role", ROLES, indirect=True)
def test_copy_and_publish_makes_a_draft_copy(client, role, missed_bin):
    client.force_login(role)
    response = client.post(
        f"/admin/pages/{missed_bin.pk}/copy/",
        {
            "new_title": "Report a missed garden waste collection",
            "new_slug": "report-missed-garden-bin",
            "new_parent_page": missed_bin.get_parent().pk,
            "copy_subpages": "on",
            "publish_copies": "on",
        },
    )
    assert not TaskPage.objects.filter(slug="report-missed-garden-bin", live=True).exists()
    copy = TaskPage.objects.filter(slug="report-missed-garden-bin").first()
    if copy is None:  # Service owners may not add pages at all, so Wagtail refuses the copy itself
        assert response.status_code == 200 and role.groups.filter(name="Service owners").exists()
        return
    assert response.status_code == 302
    assert not TaskFormPage.objects.child_of(copy).live().exists()  # its form page stays a draft too
    assert "not published" in message_texts(response)


def test_a_new_governed_page_is_saved_as_a_draft_not_published(client, superuser):
    area = ServiceAreaPage.objects.get(**westmere(), slug="bins-and-recycling")
    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": "Report a broken bin",
            "slug": "report-broken-bin",
            "summary": "Tell us if your bin is broken.",
            "kind": "report",
            "body": streamfield([]),
            "related_pages": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = client.post(f"/admin/pages/add/cms_pages/taskpage/{area.pk}/", data)
    assert response.status_code == 302
    page = TaskPage.objects.get(**westmere(), slug="report-broken-bin")
    assert not page.live
    assert "Submit to Customer-tested publishing" in message_texts(response)


def test_guide_parts_and_form_pages_follow_their_parent(superuser):
    for page in (GuidePartPage.objects.first(), TaskFormPage.objects.first()):
        revision = page.save_revision(user=superuser)
        with pytest.raises(PublishPermissionError):
            revision.publish(user=superuser)


def test_the_demo_pages_are_listed_as_never_tested():
    live = set(live_governed_pages().values_list("pk", flat=True))
    never = {status.page.pk for status in pages_needing_retesting() if NEVER_TESTED in status.reasons}
    assert live and never == live
    assert {TaskPage, TaskFormPage, GuidePartPage} <= {type(page) for page in live_governed_pages()}


def test_the_dashboard_shows_the_tested_share_by_service_area(client, moderator):
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "of live task, guide and step-by-step pages passed customer testing" in html
    assert "<strong>0%</strong>" in html
    assert "Bins and recycling" in html


# The emergency route.


def test_only_emergency_publishers_get_the_emergency_route(client, make_user, missed_bin, emergency_publisher):
    for user in (make_user("m", "Moderators"), make_user("o", "Service owners"), make_user("e", "Editors")):
        client.force_login(user)
        assert client.get(f"/admin/governance/pages/{missed_bin.pk}/emergency-publish/").status_code in (302, 403)
        assert emergency_post(client, missed_bin, reason=REASON).status_code in (302, 403)
        assert not PublicationRecord.objects.filter(route="emergency").exists()
    client.force_login(emergency_publisher)
    html = client.get(f"/admin/pages/{missed_bin.pk}/edit/").content.decode()
    assert 'name="action-emergency-publish"' in html
    assert client.get(f"/admin/governance/pages/{missed_bin.pk}/emergency-publish/").status_code == 200


def emergency_post(client, page, **data):
    return client.post(
        f"/admin/governance/pages/{page.pk}/emergency-publish/",
        {"revision": page.get_latest_revision().pk, **data},
    )


def test_the_emergency_route_needs_a_reason_records_it_emails_owners_and_lists_the_page(
    client, django_user_model, make_user, missed_bin, emergency_publisher
):
    owner = make_user("bins-owner", "Service owners")
    owner.email = "bins.owner@example.org"
    owner.save()
    other_owner = make_user("tax-owner", "Service owners")
    other_owner.email = "tax.owner@example.org"
    other_owner.save()
    area = ServiceAreaPage.objects.get(**westmere(), slug="bins-and-recycling")
    ServiceAreaOwner.objects.create(area=area, user=owner)
    missed_bin.summary = PLAIN
    revision = missed_bin.save_revision(user=emergency_publisher)
    client.force_login(emergency_publisher)

    response = emergency_post(client, missed_bin, reason="")
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    response = emergency_post(client, missed_bin, reason="Urgent.")
    assert "at least 5 words" in response.content.decode()
    assert live_summary(missed_bin) != PLAIN

    response = emergency_post(client, missed_bin, reason=REASON)
    assert response.status_code == 302
    assert live_summary(missed_bin) == PLAIN
    record = PublicationRecord.objects.get(page=missed_bin, route=PublicationRecord.Route.EMERGENCY)
    assert (record.user, record.reason, record.revision) == (emergency_publisher, REASON, revision)
    assert record.published_at is not None and not record.plain_english_overridden
    emails = Notification.objects.filter(subject__startswith="Published without customer testing")
    assert [email.to_email for email in emails] == ["bins.owner@example.org"]  # the area's owner only
    assert REASON in emails[0].body and "emergency" in emails[0].body
    entry = PageLogEntry.objects.filter(page=missed_bin, action=LOG_ACTION).latest("timestamp")
    assert entry.data["route"] == "emergency" and entry.data["reason"] == REASON
    assert REASON in client.get(f"/admin/pages/{missed_bin.pk}/history/").content.decode()

    status = next(s for s in pages_needing_retesting() if s.page.pk == missed_bin.pk)
    assert status.testing_status == "Published without customer testing"
    assert REASON in status.reasons_text
    listing = client.get(f"/admin/pages/{missed_bin.get_parent().pk}/").content.decode()
    assert "Published without customer testing" in listing
    testing = client.get(f"/admin/governance/pages/{missed_bin.pk}/").content.decode()
    assert "Published without customer testing" in testing and REASON in testing


def test_emergency_content_must_pass_the_plain_english_check_unless_the_reason_says_why(
    client, missed_bin, emergency_publisher
):
    missed_bin.summary = POMPOUS
    missed_bin.save_revision(user=emergency_publisher)
    client.force_login(emergency_publisher)
    response = emergency_post(client, missed_bin, reason=REASON)
    assert response.status_code == 200
    assert "The plain-English check fails" in response.content.decode()
    assert live_summary(missed_bin) != POMPOUS
    reason = REASON + " Legal wording we must quote."
    response = emergency_post(client, missed_bin, reason=reason, override_plain_english="on")
    assert response.status_code == 302
    assert live_summary(missed_bin) == POMPOUS
    assert PublicationRecord.objects.get(page=missed_bin, route="emergency").plain_english_overridden


def pass_the_workflow(page, editor, owner, moderator):
    """Submit the latest draft, record a focus-group session that meets the thresholds, approve."""
    record_session(page, participants=6, completed=6, user=moderator)
    page = TaskPage.objects.get(pk=page.pk)
    latest = page.get_latest_revision_as_object()
    latest.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    state.refresh_from_db()
    task_state = state.current_task_state.specific
    assert task_state.task.name == "Service owner approval", task_state.comment
    task_state.task.specific.on_action(task_state, owner, "approve")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    return state


def test_a_page_leaves_the_list_when_a_later_version_passes_the_whole_workflow(
    client, missed_bin, emergency_publisher, editor, service_owner, moderator
):
    missed_bin.summary = PLAIN
    missed_bin.save_revision(user=emergency_publisher)
    client.force_login(emergency_publisher)
    assert emergency_post(client, missed_bin, reason=REASON).status_code == 302
    assert missed_bin.pk in {s.page.pk for s in pages_needing_retesting()}

    missed_bin = TaskPage.objects.get(pk=missed_bin.pk)
    missed_bin.answer = "Tell us online if we missed your bin. We will come back within 2 working days."
    missed_bin.save_revision(user=editor)
    pass_the_workflow(missed_bin, editor, service_owner, moderator)

    assert missed_bin.pk not in {s.page.pk for s in pages_needing_retesting()}
    record = PublicationRecord.objects.filter(page=missed_bin).first()
    assert record.route == "workflow" and record.published_at
    assert [gate["gate"] for gate in record.gates] == [
        "Plain-English check",
        "Focus-group test",
        "Service owner approval",
    ]
    entry = PageLogEntry.objects.filter(page=missed_bin, action=LOG_ACTION).latest("timestamp")
    assert entry.data["route"] == "workflow"
    client.force_login(moderator)
    history = client.get(f"/admin/pages/{missed_bin.pk}/history/").content.decode()
    assert "Passed every gate of Customer-tested publishing" in history
    assert "Focus-group test passed: 6 residents" in history


def test_every_publish_says_which_gates_it_passed(missed_bin):
    missed_bin.save_revision().publish()  # a system task: no gate
    entry = PageLogEntry.objects.filter(page=missed_bin, action=LOG_ACTION).latest("timestamp")
    assert entry.data == {
        "route": "direct",
        "gates": [],
        "reason": "",
        "plain_english_overridden": False,
        "governed": True,
    }


def test_the_emergency_route_publishes_only_the_version_the_publisher_saw(client, missed_bin, emergency_publisher):
    missed_bin.summary = PLAIN
    seen = missed_bin.save_revision(user=emergency_publisher)
    missed_bin.summary = POMPOUS
    missed_bin.save_revision()  # someone else saves a newer draft meanwhile
    client.force_login(emergency_publisher)
    response = client.post(
        f"/admin/governance/pages/{missed_bin.pk}/emergency-publish/", {"revision": seen.pk, "reason": REASON}
    )
    assert response.status_code == 200 and "Someone saved a newer version" in response.content.decode()
    assert live_summary(missed_bin) not in (PLAIN, POMPOUS)
