"""The editors' feedback dashboard: what residents told us, per service area, and what to act on.

Searches come from the search app's query-log API (search.querylog), unanswered chat questions from
assistant.UnansweredQuestion (read lazily so this works without the assistant app), and the chat's
containment rate from assistant.conversations.
"""

import csv
from collections import OrderedDict
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.models import Page

from assistant.conversations import containment
from cms_pages.labels import page_label
from cms_pages.models.chat import chat_page_models, site_path
from kit.spreadsheets import safe_cell
from search.querylog import no_result_searches, searches_since, top_searches

from .models import ChatAnswerFeedback, HandledSearch, PageFeedback, ServiceComment
from .services import area_for_path, page_for_path, service_areas

PERMISSION = "feedback.view_feedback_dashboard"
PERIODS = {"7": "the last 7 days", "30": "the last 30 days", "90": "the last 90 days", "365": "the last year"}
NO_AREA = "Other pages"
LIMIT = 50


def can_view(user):
    return user.is_active and user.has_perm(PERMISSION)


def unanswered_model():
    try:
        return apps.get_model("assistant", "UnansweredQuestion")
    except LookupError:
        return None


def group_by_area(items, area_of):
    groups = OrderedDict()
    for item in items:
        area = area_of(item)
        groups.setdefault(area.title if area else NO_AREA, []).append(item)
    return sorted(groups.items(), key=lambda pair: (pair[0] == NO_AREA, pair[0]))


@dataclass
class RepeatedQuestion:
    """One question as the dashboard lists it: the latest time it was asked, and how often it was."""

    pk: int
    text: str
    page_url: str
    created_at: object
    times: int
    said_unhelpful: bool  # the assistant answered, and the resident said it did not help
    dealt_with: bool
    answered_key: str = ""  # the chat key of the page it answered with, when the resident said it did not help
    answered_with: object = None  # that page
    asked_on: str = ""  # the page the resident was on, by title

    @classmethod
    def of(cls, questions):
        latest = questions[0]
        return cls(
            pk=latest.pk, text=latest.text, page_url=latest.page_url, created_at=latest.created_at,
            times=len(questions), said_unhelpful=any(q.unhelpful_answer_key for q in questions),
            dealt_with=all(q.dealt_with for q in questions),
            answered_key=next((q.unhelpful_answer_key for q in questions if q.unhelpful_answer_key), ""),
        )

    @property
    def answered_with_label(self):
        return page_label(self.answered_with)

    @property
    def filed_under_path(self):
        """The page the question is about: the one it was answered with, else the one it was asked on."""
        if self.answered_with is not None:
            return site_path(self.answered_with.url_path)
        return urlsplit(self.page_url).path


def pages_for_chat_keys(keys):
    """{chat key: page} for the keys of pages in any state (a key is never reused)."""
    found = {}
    for model in chat_page_models():
        for page in model.objects.filter(chat_key__in=set(keys) - set(found)):
            found[page.chat_key] = page
    return found


def labels_for_pages(page_ids):
    """{page id: the page's name in lists} ("Home", "Report a missed bin collection — online form")."""
    return {page.pk: page_label(page) for page in Page.objects.filter(pk__in={pk for pk in page_ids if pk})}


class Dashboard:
    def __init__(self, days="30", show_dealt_with=False):
        self.days = days if days in PERIODS else "30"
        self.since = timezone.now() - timedelta(days=int(self.days))
        self.show_dealt_with = show_dealt_with
        self.areas = service_areas()
        self.area_by_id = {area.pk: area for _, area in self.areas}

    def open_only(self, queryset):
        return queryset if self.show_dealt_with else queryset.filter(dealt_with=False)

    def yes_no_per_page(self, model, answer, **extra):
        """Yes and No answers (`answer` is the boolean field) per page in the period, most Noes first; each row
        with its total and the percentage of Yes."""
        rows = (
            model.objects.filter(created_at__gte=self.since)
            .values("path", "page_id", "service_area_id")
            .annotate(
                yes=Count("id", filter=Q(**{answer: True})),
                no=Count("id", filter=Q(**{answer: False})),
                last=Max("created_at"),
                **extra,
            )
            .order_by("-no", "-yes", "path")
        )
        rows = list(rows)
        labels = labels_for_pages(row["page_id"] for row in rows)
        for row in rows:
            row["total"] = row["yes"] + row["no"]
            row["percent"] = round(100 * row["yes"] / row["total"]) if row["total"] else None
            row["label"] = labels.get(row["page_id"]) or row["path"]
        return rows

    def usefulness(self):
        rows = self.yes_no_per_page(PageFeedback, "useful", open=Count("id", filter=Q(dealt_with=False)))
        rows = [row for row in rows if self.show_dealt_with or row["open"]]
        return group_by_area(rows, lambda row: self.area_by_id.get(row["service_area_id"]))

    def chat_helpfulness(self):
        """"Did this answer help?" per page whose answer the chat gave, least helpful first."""
        rows = self.yes_no_per_page(ChatAnswerFeedback, "helpful")
        return group_by_area(rows, lambda row: self.area_by_id.get(row["service_area_id"]))

    def comments(self):
        feedback = self.open_only(
            PageFeedback.objects.filter(created_at__gte=self.since).exclude(trying_to_do="").select_related("page")
        )[:LIMIT]
        for item in feedback:
            item.label = page_label(item.page) or item.path
        return group_by_area(feedback, lambda item: self.area_by_id.get(item.service_area_id))

    def service_comments(self):
        comments = self.open_only(ServiceComment.objects.filter(created_at__gte=self.since))[:LIMIT]
        return group_by_area(comments, lambda item: self.area_by_id.get(item.service_area_id))

    def unanswered(self):
        """The questions, the same words asked again counted once ("asked 6 times"), most recent first."""
        model = unanswered_model()
        if model is None:
            return []
        groups = OrderedDict()
        for question in self.open_only(model.objects.filter(created_at__gte=self.since))[:LIMIT * 20]:
            groups.setdefault(question.text.lower(), []).append(question)
        rows = [RepeatedQuestion.of(questions) for questions in list(groups.values())[:LIMIT]]
        answered = pages_for_chat_keys(row.answered_key for row in rows if row.answered_key)
        asked_on = {}
        for row in rows:
            row.answered_with = answered.get(row.answered_key)
            path = urlsplit(row.page_url).path
            if path and path not in asked_on:
                asked_on[path] = page_label(page_for_path(path)) or path
            row.asked_on = asked_on.get(path, "")
        # Filed under the page the question is about: a wrong answer's page, else the page it was asked on.
        return group_by_area(rows, lambda row: area_for_path(row.filed_under_path, self.areas))

    def searches(self):
        logs = searches_since(self.since)
        handled = set(HandledSearch.objects.values_list("query", flat=True))
        rows = no_result_searches(logs)[: LIMIT * 2]
        no_results = [row for row in rows if self.show_dealt_with or row["query"] not in handled][:LIMIT]
        top = list(top_searches(logs)[:20])
        for row in [*no_results, *top]:
            row["dealt_with"] = row["query"] in handled
            row["last"] = row["last_searched"]
        return {"no_results": no_results, "top": top}

    def context(self):
        return {
            "days": self.days,
            "periods": PERIODS,
            "period": PERIODS[self.days],
            "show_dealt_with": self.show_dealt_with,
            "usefulness": self.usefulness(),
            "containment": containment(self.since),
            "chat_helpfulness": self.chat_helpfulness(),
            "comments": self.comments(),
            "service_comments": self.service_comments(),
            "unanswered": self.unanswered(),
            "searches": self.searches(),
        }

    @staticmethod
    def _yes_no_csv_rows(section, areas, dealt_with):
        for area, rows in areas:
            for row in rows:
                yield [
                    section, area, "", row["path"], row["yes"], row["no"], row["percent"], row["total"],
                    row["last"].isoformat(), ("no" if row["open"] else "yes") if dealt_with else "",
                ]

    def csv_rows(self):
        yield ["section", "service area", "item", "page", "yes", "no", "useful %", "count", "date", "dealt with"]
        yield from self._yes_no_csv_rows("Page usefulness", self.usefulness(), dealt_with=True)
        yield from self._yes_no_csv_rows("Chat answer helped", self.chat_helpfulness(), dealt_with=False)
        chat = containment(self.since)
        yield ["Chat containment", "", "ended without a fallback or a handoff", "", chat["contained"],
               chat["ended"] - chat["contained"], chat["percent"], chat["ended"], "", ""]
        for area, items in self.comments():
            for item in items:
                yield [
                    "What they were trying to do",
                    area,
                    item.trying_to_do,
                    item.path,
                    "",
                    "",
                    "",
                    1,
                    item.created_at.isoformat(),
                    yesno(item.dealt_with),
                ]
        for area, items in self.service_comments():
            for item in items:
                yield [
                    item.get_category_display(),
                    area,
                    item.text,
                    "",
                    "",
                    "",
                    "",
                    1,
                    item.created_at.isoformat(),
                    yesno(item.dealt_with),
                ]
        for area, items in self.unanswered():
            for item in items:
                yield [
                    "Chat question not answered",
                    area,
                    item.text,
                    item.filed_under_path if item.answered_with else item.page_url,
                    "",
                    "",
                    "",
                    item.times,
                    item.created_at.isoformat(),
                    yesno(item.dealt_with),
                ]
        searches = self.searches()
        if searches:
            for row in searches["no_results"]:
                yield [
                    "Search with no results",
                    "",
                    row["query"],
                    "",
                    "",
                    "",
                    "",
                    row["searches"],
                    row["last"].isoformat(),
                    yesno(row["dealt_with"]),
                ]
            for row in searches["top"]:
                yield ["Top search", "", row["query"], "", "", "", "", row["searches"], row["last"].isoformat(), ""]


def yesno(value):
    return "yes" if value else "no"


def dashboard_from(request):
    return Dashboard(request.GET.get("days", "30"), request.GET.get("show") == "all")


def dashboard_view(request):
    if not can_view(request.user):
        raise PermissionDenied
    return TemplateResponse(request, "feedback/dashboard.html", dashboard_from(request).context())


def export_csv(request):
    if not can_view(request.user):
        raise PermissionDenied
    dashboard = dashboard_from(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="resident-feedback-{timezone.localdate():%Y-%m-%d}.csv"'
    writer = csv.writer(response)
    for row in dashboard.csv_rows():
        writer.writerow([safe_cell("" if cell is None else str(cell)) for cell in row])
    return response


def mark_question_dealt_with(question):
    """The question, and every other time it was asked in the same words. Returns how many."""
    if question is None:
        return 0
    return type(question).objects.filter(text__iexact=question.text, dealt_with=False).update(dealt_with=True)


@require_POST
def mark_dealt_with(request):
    if not can_view(request.user):
        raise PermissionDenied
    kind, key = request.POST.get("kind", ""), request.POST.get("id", "")
    done = 0
    if kind == "page":
        done = PageFeedback.objects.filter(path=key, dealt_with=False).update(dealt_with=True)
    elif kind == "feedback" and key.isdigit():
        done = PageFeedback.objects.filter(pk=key).update(dealt_with=True)
    elif kind == "comment" and key.isdigit():
        done = ServiceComment.objects.filter(pk=key).update(dealt_with=True)
    elif kind == "question" and key.isdigit() and unanswered_model():
        done = mark_question_dealt_with(unanswered_model().objects.filter(pk=key).first())
    elif kind == "search" and key:
        HandledSearch.objects.get_or_create(query=key[:255])
        done = 1
    if done:
        messages.success(request, "Marked as dealt with.")
    else:
        messages.error(request, "That item could not be found.")
    url = reverse("feedback_dashboard:index")
    query = request.POST.get("return_query", "")
    return redirect(f"{url}?{query}" if query and query.replace("=", "").replace("&", "").isalnum() else url)
