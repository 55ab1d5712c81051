"""Each council's editors, moderators and service owners work on their own council's pages alone.

The demo makes "Fellside editors", "Fellside moderators" and "Fellside service owners" with Westmere's groups'
permissions on Fellside's home page, and moves Westmere's groups' page permissions from the tree's root to
Westmere's home page (cms_pages/demo/loader.py). A Fellside page's service-owner approval is for Fellside's
service owners (governance/council_approval.py); the governance lists show a user their own councils' pages.
"""
import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.test import Client
from wagtail.models import GroupPagePermission, Page, WorkflowState

from cms_pages.models import HomePage, TaskPage
from governance.retesting import governed_page_statuses
from tests.conftest import westmere
from tests.governance.helpers import record_session

pytestmark = pytest.mark.django_db


def fellside(path="/"):
    return {"url_path__startswith": "/fellside/", "url_path__endswith": path}


def member(username, *groups):
    user = User.objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def signed_in(user):
    client = Client(HTTP_HOST="localhost")  # staff use the default site's admin, whichever council they work for
    client.force_login(user)
    return client


@pytest.fixture
def fellside_pay():
    return TaskPage.objects.get(**fellside("/council-tax/pay/"))


@pytest.fixture
def westmere_pay():
    return TaskPage.objects.get(**westmere("/council-tax/pay/"))


def test_a_fellside_editor_explores_fellsides_pages_and_cannot_edit_westmeres(fellside_pay, westmere_pay):
    client = signed_in(member("fiona", "Fellside editors"))
    fellside_home = HomePage.objects.get(slug="fellside")
    westmere_home = HomePage.objects.get(slug="home")
    explorer = client.get("/admin/pages/", follow=True).content.decode()
    assert f"/admin/pages/{fellside_home.pk}/" in explorer
    assert f"/admin/pages/{westmere_home.pk}/" not in explorer
    area = client.get(f"/admin/pages/{fellside_pay.get_parent().pk}/").content.decode()
    assert f"/admin/pages/{fellside_pay.pk}/edit/" in area
    assert client.get(f"/admin/pages/{fellside_pay.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{westmere_pay.pk}/edit/").status_code in (302, 403, 404)
    assert client.get(f"/admin/pages/{westmere_pay.get_parent().pk}/").status_code in (302, 403, 404)
    search = client.get("/admin/pages/search/", {"q": "council tax"}).content.decode()
    assert f"/admin/pages/{fellside_pay.pk}/edit/" in search
    assert f"/admin/pages/{westmere_pay.pk}/edit/" not in search
    chooser = client.get("/admin/choose-page/search/", {"q": "pay"}).content.decode()
    assert f'data-id="{fellside_pay.pk}"' in chooser or str(fellside_pay.pk) in chooser
    assert f"/admin/pages/{westmere_pay.pk}/" not in chooser


def test_a_westmere_editor_cannot_edit_fellsides_pages(fellside_pay, westmere_pay):
    client = signed_in(member("wes", "Editors"))
    assert client.get(f"/admin/pages/{westmere_pay.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{fellside_pay.pk}/edit/").status_code in (302, 403, 404)
    assert westmere_pay.permissions_for_user(member("wes2", "Editors")).can_edit()
    assert not fellside_pay.permissions_for_user(member("wes3", "Moderators", "Service owners")).can_edit()


def at_approval(page, editor):
    """The page submitted, through the plain-English check and the focus-group test, waiting for approval."""
    page.summary = "Pay your Council Tax online with a debit card. It takes 5 minutes."
    page.answer = "Pay by Direct Debit, by card on our phone line or in cash at a post office."
    page.save_revision(user=editor)
    record_session(page, participants=6, completed=6, user=editor)  # tested in these words
    state = page.get_workflow().start(page, editor)
    state.refresh_from_db()
    assert state.current_task_state.task.name == "Service owner approval", state.current_task_state.comment
    return state


def test_a_fellside_pages_approval_is_for_fellsides_service_owners(fellside_pay):
    state = at_approval(fellside_pay, member("fiona", "Fellside editors"))
    task_state = state.current_task_state.specific
    task = task_state.task.specific
    westmere_owner, fellside_owner = member("wendy", "Service owners"), member("fred", "Fellside service owners")

    assert task.get_actions(fellside_pay, westmere_owner) == []
    assert not task.get_task_states_user_can_moderate(westmere_owner).filter(pk=task_state.pk).exists()
    assert task.get_task_states_user_can_moderate(fellside_owner).filter(pk=task_state.pk).exists()
    assert "approve" in [name for name, *_ in task.get_actions(fellside_pay, fellside_owner)]

    task.on_action(task_state, fellside_owner, "approve")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_a_westmere_service_owner_cannot_approve_a_fellside_page_in_the_admin(fellside_pay):
    state = at_approval(fellside_pay, member("fiona", "Fellside editors"))
    task_state = state.current_task_state
    client = signed_in(member("wendy", "Service owners"))
    url = f"/admin/pages/{fellside_pay.pk}/workflow/action/approve/{task_state.pk}/"
    response = client.post(url, {"comment": ""})
    assert response.status_code in (302, 403, 404)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.current_task_state.pk == task_state.pk
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state.specific, member("walt", "Service owners"), "approve")


def test_the_re_testing_report_lists_the_users_own_councils_pages(fellside_pay, westmere_pay):
    fellside_report = signed_in(member("fiona", "Fellside editors")).get("/admin/governance/reports/needs-retesting/")
    westmere_report = signed_in(member("wes", "Editors")).get("/admin/governance/reports/needs-retesting/")
    assert fellside_report.status_code == westmere_report.status_code == 200
    fellside_html, westmere_html = fellside_report.content.decode(), westmere_report.content.decode()
    assert f"/admin/governance/pages/{fellside_pay.pk}/" in fellside_html
    assert f"/admin/governance/pages/{westmere_pay.pk}/" not in fellside_html
    assert f"/admin/governance/pages/{westmere_pay.pk}/" in westmere_html
    assert f"/admin/governance/pages/{fellside_pay.pk}/" not in westmere_html
    assert {s.page.pk for s in governed_page_statuses()} >= {fellside_pay.pk, westmere_pay.pk}  # the job sees all


def test_focus_group_sessions_are_listed_for_the_users_own_council(fellside_pay, westmere_pay):
    editor = member("fiona", "Fellside editors")
    mine, theirs = record_session(fellside_pay, 3, 3, user=editor), record_session(westmere_pay, 3, 3, user=editor)
    client = signed_in(editor)
    listing = client.get("/admin/focus_group_sessions/").content.decode()
    assert f"/admin/focus_group_sessions/edit/{mine.pk}/" in listing
    assert f"/admin/focus_group_sessions/edit/{theirs.pk}/" not in listing
    assert client.get(f"/admin/focus_group_sessions/edit/{theirs.pk}/").status_code == 404


def test_a_fellside_service_areas_moderation_is_for_fellsides_moderators():
    area = HomePage.objects.get(slug="fellside").get_children().live().first().specific
    editor = member("fiona", "Fellside editors")
    area.save_revision(user=editor)
    state = area.get_workflow().start(area, editor)  # Wagtail's "Moderators approval"
    task = state.current_task_state.task.specific
    assert task.name == "Moderators approval"
    assert task.get_actions(area, member("mo", "Moderators")) == []
    assert "approve" in [name for name, *_ in task.get_actions(area, member("fay", "Fellside moderators"))]


def test_loading_the_demo_again_leaves_page_permissions_on_the_councils_home_pages():
    from cms_pages.demo.loader import DemoCouncilLoader

    def permissions():
        return sorted(GroupPagePermission.objects.values_list("group__name", "page__slug", "permission__codename"))

    before = permissions()
    DemoCouncilLoader().run()
    assert permissions() == before
    assert not GroupPagePermission.objects.filter(page__depth=1).exists()  # nothing on every council's root
    for role in ("editors", "moderators", "service owners", "emergency publishers"):
        group = Group.objects.get(name=f"Fellside {role}")
        assert {p.slug for p in Page.objects.filter(group_permissions__group=group)} == {"fellside"}
        assert list(group.councils.values_list("site__hostname", flat=True)) == ["fellside.localhost"]
    assert {p.slug for p in Page.objects.filter(group_permissions__group__name="Editors")} == {"home"}
    assert {p.slug for p in Page.objects.filter(group_permissions__group__name="Emergency publishers")} == {"home"}


def test_a_pages_emails_go_to_its_own_councils_service_owners(fellside_pay, westmere_pay):
    """Emergency publishes and review reminders: the area's owners, else its council's service owners."""
    from governance.emergency import service_owner_emails
    from governance.review_reminders import owner_emails

    member("wendy", "Service owners")
    member("fred", "Fellside service owners")
    assert service_owner_emails(fellside_pay) == ["fred@example.org"]
    assert "wendy@example.org" not in owner_emails(fellside_pay)
    assert "wendy@example.org" in service_owner_emails(westmere_pay)
    assert "fred@example.org" not in owner_emails(westmere_pay)


def test_an_administrator_adds_a_councils_approvers_in_settings_workflows_tasks():
    from governance.workflow import approval_task

    admin = User.objects.create_superuser("admin", "admin@example.org", "x")
    page = signed_in(admin).get(f"/admin/workflows/tasks/edit/{approval_task().pk}/")
    assert page.status_code == 200
    assert "Fellside service owners" in page.content.decode()


REASON = "The tip is shut after the flood and residents are driving there with bulky waste this morning."


def emergency_publish(client, page):
    return client.post(
        f"/admin/governance/pages/{page.pk}/emergency-publish/",
        {"revision": page.get_latest_revision().pk, "reason": REASON},
    )


def test_a_fellside_emergency_publisher_publishes_fellsides_pages_alone_and_fellside_is_told(
    fellside_pay, westmere_pay
):
    from casework.models import Notification
    from governance.emergency import can_publish_in_emergency
    from governance.models import PublicationRecord

    publisher = member("felix", "Fellside emergency publishers")
    member("fred", "Fellside service owners")
    member("wendy", "Service owners")
    assert can_publish_in_emergency(fellside_pay, publisher)
    assert not can_publish_in_emergency(westmere_pay, publisher)
    assert not can_publish_in_emergency(fellside_pay, member("wes", "Emergency publishers"))  # Westmere's group
    client = signed_in(publisher)
    summary = "Pay your Council Tax online with a debit card. It takes 5 minutes."
    for page in (fellside_pay, westmere_pay):  # in plain English: the emergency route still checks that
        page.summary = summary
        page.answer = "Pay by Direct Debit, by card on our phone line or in cash at a post office."
        page.save_revision(user=publisher)

    assert emergency_publish(client, westmere_pay).status_code in (302, 403)
    assert not PublicationRecord.objects.filter(page=westmere_pay, route="emergency").exists()
    assert TaskPage.objects.get(pk=westmere_pay.pk).live_revision_id == westmere_pay.live_revision_id

    response = emergency_publish(client, fellside_pay)
    assert response.status_code == 302
    assert PublicationRecord.objects.get(page=fellside_pay, route="emergency").user == publisher
    assert TaskPage.objects.get(pk=fellside_pay.pk).live_revision.as_object().summary == summary
    emails = Notification.objects.filter(subject__startswith="Published without customer testing")
    assert [email.to_email for email in emails] == ["fred@example.org"]  # Fellside's owners, not Westmere's
