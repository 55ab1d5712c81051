"""What the outcomes dashboard measures, each as plain rows for a chart, its table and its CSV.

Every measure reads the real records of one period (whole weeks, Monday to Sunday) and, where a record belongs to a
service area, of one area: requests (by their form's place in the page tree), "Is this page useful?" answers (by the
area they were given in). Chats, searches and callbacks belong to the whole site.
"""
from dataclasses import dataclass, field
from datetime import timedelta
from statistics import median

from campaigns.models import CampaignLink
from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from assistant.models import CallbackRequest, ChatConversation, HandoffRequest
from casework.models import ASSISTED_CHANNELS, Channel, Status, StatusChange, Submission
from feedback.models import PageFeedback
from kit.working_days import add_working_days
from search.models import SearchQueryLog

CALLBACK_WORKING_DAYS = 1  # the promise the callback page makes: by the end of the next working day
TOP_TASKS = 10


@dataclass
class Period:
    start: object  # a Monday (date)
    end: object  # the Sunday after the last week (date)
    area: object = None  # a service area page, or None for every area

    @property
    def weeks(self):
        weeks, day = [], self.start
        while day <= self.end:
            weeks.append(day)
            day += timedelta(days=7)
        return weeks

    def between(self, field_name):
        """A filter on a datetime field: within the period."""
        start = timezone.make_aware(timezone.datetime.combine(self.start, timezone.datetime.min.time()))
        end = timezone.make_aware(timezone.datetime.combine(self.end + timedelta(days=1), timezone.datetime.min.time()))
        return Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})


@dataclass
class Measure:
    """One chart: its title, what it shows, its columns and its rows (the first column names the row)."""

    key: str
    title: str
    summary: str
    columns: list
    rows: list = field(default_factory=list)
    plot: tuple = (1,)  # the columns the chart draws (the table shows them all)
    kind: str = "lines"  # "lines" over weeks, or "bars"
    percent: bool = False  # the drawn values are percentages (0 to 100)


def week_of(moment):
    day = timezone.localtime(moment).date() if hasattr(moment, "hour") else moment
    return day - timedelta(days=day.weekday())


def weekly(period, queryset, date_field, split=None):
    """{week: {split value: count}} of the queryset's rows in the period."""
    rows = (
        queryset.filter(period.between(date_field))
        .annotate(week=TruncWeek(date_field))
        .values("week", *([split] if split else []))
        .annotate(n=Count("pk"))
    )
    counts = {}
    for row in rows:
        week = week_of(row["week"])
        counts.setdefault(week, {})[row.get(split) if split else "all"] = row["n"]
    return counts


def requests_in(period):
    """The requests residents made: a "tell us once" request counts as its parts, each a service's request."""
    requests = Submission.objects.filter(parts__isnull=True)
    if period.area is not None:
        requests = requests.filter(page__path__startswith=period.area.path)
    return requests


def requests_by_channel(period):
    assisted = {value for value, _ in ASSISTED_CHANNELS}
    counts = weekly(period, requests_in(period), "submit_time", split="channel")
    rows = []
    for week in period.weeks:
        by_channel = counts.get(week, {})
        online = by_channel.get(Channel.ONLINE, 0)
        helped = sum(n for channel, n in by_channel.items() if channel in assisted)
        share = round(100 * online / (online + helped)) if online + helped else None
        rows.append([week, online, helped, share])
    return Measure(
        "requests", "Requests each week, online and with staff",
        "Requests residents sent themselves online, and those staff took for them by phone, face to face, email, "
        "letter, social media or web chat. Channel shift shows as the online share growing.",
        ["Week", "Online", "With staff", "Online share (%)"], rows, plot=(1, 2),
    )


def conversation_outcomes(period):
    """Chats started each week, and of those ended, how many the assistant handled alone (containment)."""
    handed = set(HandoffRequest.objects.values_list("sender_id", flat=True))
    idle = timezone.now() - timedelta(minutes=settings.CHAT_CONVERSATION_IDLE_MINUTES)  # as assistant.conversations
    rows = {week: [0, 0, 0] for week in period.weeks}
    for sender, started, last, fallbacks in ChatConversation.objects.filter(period.between("started_at")).values_list(
        "sender_id", "started_at", "last_message_at", "fallbacks"
    ):
        counts = rows.get(week_of(started))
        if counts is None:
            continue
        counts[0] += 1
        if last < idle:
            counts[1] += 1
            if not fallbacks and sender not in handed:
                counts[2] += 1
    return Measure(
        "chats", "Chats with the assistant, and how many it handled alone",
        "Conversations started each week; of those that have ended, the share the assistant answered with no "
        "\u201cI'm not sure\u201d and no hand-over to a person (containment).",
        ["Week", "Chats", "Ended", "Handled alone", "Handled alone (%)"],
        [[week, *c, round(100 * c[2] / c[1]) if c[1] else None] for week, c in rows.items()], plot=(4,), percent=True,
    )


def handoffs(period):
    rows = {week: [] for week in period.weeks}
    counts = {week: 0 for week in period.weeks}
    for created, claimed in HandoffRequest.objects.filter(period.between("created_at")).values_list(
        "created_at", "claimed_at"
    ):
        week = week_of(created)
        if week in counts:
            counts[week] += 1
            if claimed:
                rows[week].append((claimed - created).total_seconds() / 60)
    return Measure(
        "handoffs", "Chats handed to a person, and the median wait",
        "Conversations the assistant handed to customer service each week, and the median minutes before a person "
        "picked each up.",
        ["Week", "Handed to a person", "Median wait (minutes)"],
        [[week, counts[week], round(median(rows[week]), 1) if rows[week] else None] for week in period.weeks],
        plot=(1, 2),
    )


def callbacks_on_time(period):
    rows = {week: [0, 0] for week in period.weeks}
    for created, done_at in CallbackRequest.objects.filter(period.between("created_at")).values_list(
        "created_at", "done_at"
    ):
        week = week_of(created)
        if week not in rows:
            continue
        rows[week][0] += 1
        due = add_working_days(timezone.localtime(created).date(), CALLBACK_WORKING_DAYS)
        if done_at and timezone.localtime(done_at).date() <= due:
            rows[week][1] += 1
    return Measure(
        "callbacks", "Callbacks made on time",
        "Residents who asked us to call or email back, and how many we did by the end of the next working day.",
        ["Week", "Asked", "On time", "On time (%)"],
        [[week, a, b, round(100 * b / a) if a else None] for week, (a, b) in rows.items()], plot=(3,), percent=True,
    )


def service_standards(period):
    """Requests finished each week (done or closed) and how many by the day their service standard promised."""
    requests = requests_in(period).filter(due_by__isnull=False)
    finished = (
        StatusChange.objects.filter(period.between("created_at"), status__in=[Status.DONE, Status.CLOSED],
                                    submission__in=requests)
        .order_by("submission_id", "created_at")
        .values_list("submission_id", "created_at", "submission__due_by")
    )
    rows, seen = {week: [0, 0] for week in period.weeks}, set()
    for submission, at, due in finished:
        if submission in seen:
            continue  # the first time it was finished
        seen.add(submission)
        week = week_of(at)
        if week in rows:
            rows[week][0] += 1
            rows[week][1] += timezone.localtime(at).date() <= due
    return Measure(
        "standards", "Service standards met",
        "Requests finished each week, and the share finished by the day the form's service standard promised.",
        ["Week", "Finished", "On time", "On time (%)"],
        [[week, a, b, round(100 * b / a) if a else None] for week, (a, b) in rows.items()], plot=(3,), percent=True,
    )


def page_usefulness(period):
    feedback = PageFeedback.objects.all()
    if period.area is not None:
        feedback = feedback.filter(service_area=period.area)
    counts = weekly(period, feedback, "created_at", split="useful")
    rows = []
    for week in period.weeks:
        yes, no = counts.get(week, {}).get(True, 0), counts.get(week, {}).get(False, 0)
        rows.append([week, yes, no, round(100 * yes / (yes + no)) if yes + no else None])
    return Measure(
        "useful", "\u201cIs this page useful?\u201d answered yes",
        "Answers each week, and the share of them that said yes.",
        ["Week", "Yes", "No", "Yes (%)"], rows, plot=(3,), percent=True,
    )


def searches_without_results(period):
    counts = weekly(period, SearchQueryLog.objects.all(), "created_at", split=None)
    empty = weekly(period, SearchQueryLog.objects.filter(result_count=0), "created_at", split=None)
    rows = []
    for week in period.weeks:
        total, none = counts.get(week, {}).get("all", 0), empty.get(week, {}).get("all", 0)
        rows.append([week, total, none, round(100 * none / total) if total else None])
    return Measure(
        "searches", "Searches that found nothing",
        "Searches each week, and the share that found no page. Editors see the words in Failed searches.",
        ["Week", "Searches", "No results", "No results (%)"], rows, plot=(3,), percent=True,
    )


def top_tasks(period):
    rows = (
        requests_in(period).filter(period.between("submit_time"))
        .values("task_title").annotate(n=Count("pk")).order_by("-n", "task_title")[:TOP_TASKS]
    )
    return Measure(
        "tasks", "Top tasks", "The tasks residents asked for most in the period.",
        ["Task", "Requests"], [[row["task_title"], row["n"]] for row in rows], kind="bars",
    )


def campaigns(period):
    rows = []
    for link in CampaignLink.objects.order_by("name"):
        visits = link.visits.filter(period.between("at")).count()
        chats = ChatConversation.objects.filter(period.between("started_at"), campaign=link.name).count()
        sent = requests_in(period).filter(period.between("submit_time"), campaign=link.name).count()
        if visits or chats or sent:
            rows.append([f"/go/{link.name}", visits, chats, sent])
    return Measure(
        "campaigns", "Campaign links: visits, chats and requests",
        "For each campaign link: the visits through it, the chats and the requests started in those visits.",
        ["Campaign link", "Visits", "Chats", "Requests"], rows, kind="bars", plot=(1, 2, 3),
    )


# Each measure by its key (its chart's id and its CSV's name), in the dashboard's order
MEASURES = {
    "requests": requests_by_channel,
    "chats": conversation_outcomes,
    "handoffs": handoffs,
    "callbacks": callbacks_on_time,
    "standards": service_standards,
    "useful": page_usefulness,
    "searches": searches_without_results,
    "tasks": top_tasks,
    "campaigns": campaigns,
}


def all_measures(period):
    return [measure(period) for measure in MEASURES.values()]
