"""What the Resident feedback dashboard shows: what residents told us in a period, per service area.

Page usefulness, comments and service comments are this app's own models; "Did this answer help?" too.
Searches come from the search app's query log, through the `logged_searches` Wagtail hook it registers (the
search app sits above this one), unanswered chat questions from assistant.UnansweredQuestion and the chat's
containment rate from assistant.conversations. Each section shows the viewer's councils' alone (scope.py), each
item labelled with its council when they work for several.
"""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.db.models import Count, IntegerField, Max, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page, Site

from assistant.chat_pages import chat_page_models
from assistant.chat_scope import page_link
from assistant.conversations import containment
from sitewide.pages import page_label, site_path

from .models import HandledSearch
from .scope import Councils, chat_answer_feedback_for, page_feedback_for, questions_for, service_comments_for
from .services import area_for_path, page_for_path, service_areas

PERIODS = {"7": "the last 7 days", "30": "the last 30 days", "90": "the last 90 days", "365": "the last year"}
NO_AREA = "Other pages"
LIMIT = 50


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
    site: object = None  # the council it was asked in (a Site)
    council: str = ""  # its name, in a list of several councils' questions

    @classmethod
    def of(cls, questions, site):
        latest = questions[0]
        return cls(
            site=site,
            pk=latest.pk,
            text=latest.text,
            page_url=latest.page_url,
            created_at=latest.created_at,
            times=len(questions),
            said_unhelpful=any(q.unhelpful_answer_key for q in questions),
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


def pages_for_chat_keys(keys, site=None):
    """{chat key: page} for the keys of pages in any state (a key is never reused within a council), of `site`'s
    council (the default council's when not given: questions logged without a council were asked there)."""
    site = site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    found = {}
    for model in chat_page_models():
        pages = model.objects.filter(chat_key__in=set(keys) - set(found))
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        for page in pages:
            found[page.chat_key] = page
    return found


def logged_searches(since, councils):
    """{"no_results": rows, "top": rows}: the search app's query log from `since` on of the councils (Site ids)
    `councils`, most searched first, each row with its council's id ("council"); None when no app logs searches."""
    for read in hooks.get_hooks("logged_searches"):
        return read(since, councils=councils)
    return None


def labels_for_pages(page_ids):
    """{page id: the page's name in lists} ("Home", "Report a missed bin collection — online form")."""
    return {page.pk: page_label(page) for page in Page.objects.filter(pk__in={pk for pk in page_ids if pk})}


class Dashboard:
    """The feedback of `user`'s councils in one period (`days`, one of PERIODS), open items only unless
    `show_dealt_with`."""

    def __init__(self, user, days="30", show_dealt_with=False):
        self.days = days if days in PERIODS else "30"
        self.since = timezone.now() - timedelta(days=int(self.days))
        self.show_dealt_with = show_dealt_with
        self.councils = Councils(user)
        self.user = user
        self.areas = {}
        self.area_by_id = {area.pk: area for _, area in service_areas()}

    def areas_of(self, site):
        """The service areas of `site`'s council: an address is matched with its own council's areas."""
        if site.pk not in self.areas:
            self.areas[site.pk] = service_areas(site)
        return self.areas[site.pk]

    def place(self, item, site, path):
        """Say whose council `item` (a row or an object) is, and link its page on that council's site."""
        values = {"council_id": site.pk if site else None, "council": self.councils.label(site.pk if site else None),
                  "url": page_link(site, path)}
        if isinstance(item, dict):
            item.update(values)
        else:
            for name, value in values.items():
                setattr(item, name, value)

    def open_only(self, queryset):
        return queryset if self.show_dealt_with else queryset.filter(dealt_with=False)

    def yes_no_per_page(self, feedback, answer, from_site=False, **extra):
        """Yes and No answers (`answer` is the boolean field) of `feedback` per page in the period, most Noes
        first; each row with its total and the percentage of Yes. `from_site`: answers kept with the site they
        came from, so that an address that is no page is counted per council."""
        fields = ["path", "page_id", "service_area_id", "page__path"]
        if from_site:
            default = Value(self.councils.default_id, output_field=IntegerField())
            feedback = feedback.annotate(from_site=Coalesce("site", default))
            fields.append("from_site")
        rows = (
            feedback.filter(created_at__gte=self.since)
            .values(*fields)
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
            self.place(row, self.councils.site(row.get("from_site"), row["page__path"]), row["path"])
        return rows

    def usefulness(self):
        rows = self.yes_no_per_page(
            page_feedback_for(self.user), "useful", from_site=True, open=Count("id", filter=Q(dealt_with=False))
        )
        rows = [row for row in rows if self.show_dealt_with or row["open"]]
        return group_by_area(rows, lambda row: self.area_by_id.get(row["service_area_id"]))

    def chat_helpfulness(self):
        """ "Did this answer help?" per page whose answer the chat gave, least helpful first."""
        rows = self.yes_no_per_page(chat_answer_feedback_for(self.user), "helpful")
        return group_by_area(rows, lambda row: self.area_by_id.get(row["service_area_id"]))

    def comments(self):
        feedback = self.open_only(
            page_feedback_for(self.user)
            .filter(created_at__gte=self.since)
            .exclude(trying_to_do="")
            .select_related("page")
        )[:LIMIT]
        for item in feedback:
            item.label = page_label(item.page) or item.path
            self.place(item, self.councils.site(item.site_id, item.page.path if item.page else None), item.path)
        return group_by_area(feedback, lambda item: self.area_by_id.get(item.service_area_id))

    def service_comments(self):
        comments = self.open_only(
            service_comments_for(self.user).filter(created_at__gte=self.since).select_related("service_area")
        )[:LIMIT]
        for item in comments:
            area = item.service_area
            self.place(item, self.councils.site(item.site_id, area.path if area else None), "")
        return group_by_area(comments, lambda item: self.area_by_id.get(item.service_area_id))

    def unanswered(self):
        """The questions, the same words asked again in the same council counted once ("asked 6 times"), most
        recent first."""
        groups = OrderedDict()
        questions = self.open_only(questions_for(self.user).filter(created_at__gte=self.since))[: LIMIT * 20]
        for question in questions:
            groups.setdefault((question.site_id or self.councils.default_id, question.text.lower()), []).append(
                question
            )
        rows = [RepeatedQuestion.of(asked, self.councils.site(site_id)) for (site_id, _), asked in groups.items()]
        rows = rows[:LIMIT]
        answered = {}  # {(council id, key): page}: a key names each council's own page
        for site in {row.site for row in rows if row.answered_key}:
            keys = [row.answered_key for row in rows if row.answered_key and row.site == site]
            answered.update({(site.pk, key): page for key, page in pages_for_chat_keys(keys, site).items()})
        asked_on = {}
        for row in rows:
            row.answered_with = answered.get((row.site.pk, row.answered_key))
            row.council = self.councils.label(row.site.pk)
            path = urlsplit(row.page_url).path
            if path and (row.site.pk, path) not in asked_on:
                asked_on[row.site.pk, path] = page_label(page_for_path(path, row.site)) or path
            row.asked_on = asked_on.get((row.site.pk, path), "")
        # Filed under the page the question is about: a wrong answer's page, else the page it was asked on.
        return group_by_area(rows, lambda row: area_for_path(row.filed_under_path, self.areas_of(row.site)))

    def containment(self):
        return containment(self.since, councils=self.councils.ids)

    def searches(self):
        logged = logged_searches(self.since, self.councils.ids)
        if logged is None:
            return None
        handled = set(
            HandledSearch.objects.annotate(
                council=Coalesce("site", Value(self.councils.default_id, output_field=IntegerField()))
            ).values_list("query", "council")
        )
        rows = logged["no_results"][: LIMIT * 2]
        no_results = [
            row for row in rows if self.show_dealt_with or (row["query"], row["council"]) not in handled
        ][:LIMIT]
        top = list(logged["top"][:20])
        for row in [*no_results, *top]:
            row["dealt_with"] = (row["query"], row["council"]) in handled
            row["last"] = row["last_searched"]
            row["council_id"] = row["council"]
            row["council"] = self.councils.label(row["council_id"])
        return {"no_results": no_results, "top": top}

    def context(self):
        return {
            "days": self.days,
            "periods": PERIODS,
            "period": PERIODS[self.days],
            "show_dealt_with": self.show_dealt_with,
            "several_councils": self.councils.labelled,
            "usefulness": self.usefulness(),
            "containment": self.containment(),
            "chat_helpfulness": self.chat_helpfulness(),
            "comments": self.comments(),
            "service_comments": self.service_comments(),
            "unanswered": self.unanswered(),
            "searches": self.searches(),
        }
