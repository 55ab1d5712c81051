"""The outcomes dashboard (issue 25): for a known set of requests, chats, feedback, searches and campaign visits,
each measure's rows are right, the CSV holds the same rows, the service area filter keeps to its area, and only
Service owners and managers see it."""
import csv
import io
from datetime import date, datetime, timedelta

import pytest
from campaigns.models import CampaignLink, CampaignVisit
from django.contrib.auth.models import Group
from django.utils import timezone

from assistant.models import CallbackRequest, ChatConversation, HandoffRequest
from casework.models import Channel, Status, StatusChange, Submission
from cms_pages.models import ServiceAreaPage, TaskPage
from feedback.models import PageFeedback
from outcomes.measures import MEASURES, Period
from search.models import SearchQueryLog
from tests.casework.conftest import form_at
from tests.conftest import westmere

pytestmark = pytest.mark.django_db
WEEK_1, WEEK_2 = date(2026, 11, 16), date(2026, 11, 23)  # Mondays
MISSED = "/bins-and-recycling/report-a-missed-bin/"
PARKING = "/parking-and-roads/pay-a-parking-fine/"


def at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=hour)


def request_(path, day, channel=Channel.ONLINE, campaign="", due=None, done=None):
    submission = Submission.objects.create(page=form_at(path), task_title=path, form_data={}, channel=channel,
                                           campaign=campaign, due_by=due, working_days=2 if due else None)
    Submission.objects.filter(pk=submission.pk).update(submit_time=at(day))
    if done:
        StatusChange.objects.create(submission=submission, status=Status.DONE, created_at=at(done))
    return submission


@pytest.fixture
def activity():
    poster = CampaignLink.objects.create(name="bin-poster", page=TaskPage.objects.get(**westmere(MISSED)),
                                         campaign="Bins")
    request_(MISSED, WEEK_1, due=WEEK_1 + timedelta(days=2), done=WEEK_1 + timedelta(days=1))  # on time
    request_(MISSED, WEEK_1 + timedelta(days=1), channel=Channel.PHONE, due=WEEK_1 + timedelta(days=3),
             done=WEEK_1 + timedelta(days=8))  # late, finished in week 2
    request_(PARKING, WEEK_1 + timedelta(days=2))
    request_(MISSED, WEEK_2, campaign="bin-poster")
    request_(PARKING, WEEK_2 + timedelta(days=1), channel=Channel.FACE_TO_FACE)
    for n, (day, fallbacks) in enumerate([(WEEK_1, 0), (WEEK_1, 1), (WEEK_2, 0)]):
        ChatConversation.objects.create(sender_id=f"chat-{n}", started_at=at(day), last_message_at=at(day),
                                        fallbacks=fallbacks, turns=2, campaign="bin-poster" if n == 2 else "")
    handoff = HandoffRequest.objects.create(sender_id="chat-0")
    picked_up = at(WEEK_1) + timedelta(minutes=4)
    HandoffRequest.objects.filter(pk=handoff.pk).update(created_at=at(WEEK_1), claimed_at=picked_up)
    callback = CallbackRequest.objects.create(handoff=handoff, name="Jo")
    CallbackRequest.objects.filter(pk=callback.pk).update(created_at=at(WEEK_1), done_at=at(WEEK_1 + timedelta(days=1)))
    for useful, day in [(True, WEEK_1), (True, WEEK_1), (False, WEEK_1), (True, WEEK_2)]:
        PageFeedback.objects.create(path=MISSED, useful=useful, created_at=at(day),
                                    service_area=ServiceAreaPage.objects.get(**westmere("/bins-and-recycling/")))
    for count, day in [(3, WEEK_1), (0, WEEK_1), (5, WEEK_2), (0, WEEK_2)]:
        SearchQueryLog.objects.create(query="bins", result_count=count, created_at=at(day))
    for day in (WEEK_1, WEEK_2):
        CampaignVisit.objects.create(link=poster, at=at(day))
    return Period(WEEK_1, WEEK_2 + timedelta(days=6))


def rows(key, period):
    return MEASURES[key](period).rows


def test_each_measure_counts_the_known_activity(activity):
    assert rows("requests", activity) == [[WEEK_1, 2, 1, 67], [WEEK_2, 1, 1, 50]]
    assert rows("chats", activity) == [[WEEK_1, 2, 2, 0, 0], [WEEK_2, 1, 1, 1, 100]]  # chat-0 went to a person
    assert rows("handoffs", activity) == [[WEEK_1, 1, 4.0], [WEEK_2, 0, None]]
    assert rows("callbacks", activity) == [[WEEK_1, 1, 1, 100], [WEEK_2, 0, 0, None]]
    assert rows("standards", activity) == [[WEEK_1, 1, 1, 100], [WEEK_2, 1, 0, 0]]
    assert rows("useful", activity) == [[WEEK_1, 2, 1, 67], [WEEK_2, 1, 0, 100]]
    assert rows("searches", activity) == [[WEEK_1, 2, 1, 50], [WEEK_2, 2, 1, 50]]
    assert rows("tasks", activity) == [[MISSED, 3], [PARKING, 2]]
    assert rows("campaigns", activity) == [["/go/bin-poster", 2, 1, 1]]


def test_a_service_area_keeps_to_its_own_requests_and_feedback(activity):
    bins = Period(activity.start, activity.end, ServiceAreaPage.objects.get(**westmere("/bins-and-recycling/")))
    assert rows("requests", bins) == [[WEEK_1, 1, 1, 50], [WEEK_2, 1, 0, 100]]
    assert rows("tasks", bins) == [[MISSED, 3]]
    area = ServiceAreaPage.objects.get(**westmere("/parking-and-roads/"))
    parking = Period(activity.start, activity.end, area)
    assert rows("useful", parking) == [[WEEK_1, 0, 0, None], [WEEK_2, 0, 0, None]]


@pytest.fixture
def manager(client, django_user_model):
    user = django_user_model.objects.create_user("manager", "manager@example.org", "pw")
    user.groups.add(Group.objects.get(name="Managers"))
    client.force_login(user)
    return user


def test_the_dashboard_draws_each_chart_with_its_table_and_the_csv_has_the_same_rows(client, manager, activity):
    query = "?start=2026-11-16&end=2026-11-29"
    page = client.get("/admin/outcomes/" + query).content.decode()
    assert page.count('role="img"') == 9 and page.count('<table class="listing">') == 9
    assert "Requests each week, online and with staff" in page and "Week of 16 Nov 2026" in page
    download = client.get("/admin/outcomes/requests.csv" + query)
    assert download["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(download.content.decode())))
    assert table == [["Week", "Online", "With staff", "Online share (%)"],
                     ["2026-11-16", "2", "1", "67"], ["2026-11-23", "1", "1", "50"]]
    assert client.get("/admin/outcomes/no-such-chart.csv").status_code == 404


def test_only_service_owners_and_managers_see_the_dashboard(client, django_user_model):
    from django.contrib.auth.models import Permission

    staff = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get("/admin/outcomes/").status_code in (302, 403)
    assert client.get("/admin/outcomes/requests.csv").status_code in (302, 403)
    assert Group.objects.get(name="Service owners").permissions.filter(codename="view_outcomes_dashboard").exists()
