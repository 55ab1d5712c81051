"""Which live governed pages need testing with residents (again), and how much of the site is tested.

A live governed page needs (re-)testing when:
- its live version never passed "Customer-tested publishing" (never tested: the demo pages, imported
  pages, a copy kept live), or it was published without customer testing in an emergency; it leaves
  the list when a later version passes the whole workflow;
- it is past its review date (its own, or by default 12 months after it was last published);
- its words changed by more than the threshold since its last focus-group session.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from sitewide.pages import ServiceArea, page_label

from .content import changed_percent, is_material_change, page_text
from .models import (
    FocusGroupSession,
    GovernanceSettings,
    PageReview,
    PublicationRecord,
    area_overrides,
    focus_group_thresholds_for,
)
from .workflow import governed_page_models

NEVER_TESTED = "Never tested with residents: the live version did not pass Customer-tested publishing"
LIVE_NOT_TESTED = "The live version did not pass Customer-tested publishing"


def format_day(day):
    """1 December 2027 (a report column: Wagtail's date column shows future dates as "Just now")."""
    return f"{day.day} {day:%B %Y}" if day else ""


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class PageStatus:
    page: Page
    review_date: date | None
    review_date_set: bool
    last_session: object = None
    changed_percent: int | None = None
    customer_tested: bool = True
    ever_tested: bool = True
    emergency: PublicationRecord | None = None
    reasons: list = field(default_factory=list)

    @property
    def title(self):
        """The page's name in lists: a task's form page is "… — online form", never the task's twin."""
        return page_label(self.page)

    @property
    def last_tested(self):
        return self.last_session.date if self.last_session else None

    @property
    def reasons_text(self):
        return "; ".join(self.reasons)

    @property
    def type_name(self):
        return self.page.specific_class._meta.verbose_name if self.page.specific_class else ""

    @property
    def review_date_text(self):
        return format_day(self.review_date)

    @property
    def last_tested_text(self):
        return format_day(self.last_tested)

    @property
    def testing_status(self):
        if self.emergency:
            return "Published without customer testing"
        if not self.customer_tested:
            return "Never tested" if not self.ever_tested else "Live version not tested"
        return "Customer-tested"


def default_review_date(page, settings):
    published = page.last_published_at or page.first_published_at
    return add_months(timezone.localdate(published), settings.review_months) if published else None


@dataclass
class PublicationState:
    """What the publication records say about a page's live version."""

    tested: bool
    ever_tested: bool
    emergency: PublicationRecord | None


def publication_states(pages):
    """{page id: PublicationState} for live pages, in three queries."""
    ids = [page.pk for page in pages]
    records = PublicationRecord.objects.filter(page_id__in=ids)
    tested = set(
        records.filter(route=PublicationRecord.Route.WORKFLOW, revision_id=F("page__live_revision_id")).values_list(
            "page_id", flat=True
        )
    )
    ever = set(records.filter(route=PublicationRecord.Route.WORKFLOW).values_list("page_id", flat=True))
    emergencies = {}
    live_emergencies = records.filter(
        route=PublicationRecord.Route.EMERGENCY, revision_id=F("page__live_revision_id"), published_at__isnull=False
    )
    for record in live_emergencies.select_related("user").order_by("published_at"):
        emergencies[record.page_id] = record  # the latest wins
    return {pk: PublicationState(pk in tested, pk in ever, None if pk in tested else emergencies.get(pk)) for pk in ids}


MISSING = object()


def page_status(
    page, settings, today=None, review=MISSING, last_session=MISSING, text=None, publication=None, overrides=None
):
    today = today or timezone.localdate()
    if review is MISSING:
        review = PageReview.objects.filter(page=page).first()
    if last_session is MISSING:
        last_session = page.focus_group_sessions.first()
    if publication is None:
        publication = publication_states([page])[page.pk]
    review_date = review.review_date if review else default_review_date(page, settings)
    status = PageStatus(page, review_date, bool(review), last_session)
    if page.live:
        status.customer_tested = publication.tested
        status.ever_tested = publication.ever_tested
        status.emergency = publication.emergency
    if status.emergency:
        record = status.emergency
        when = timezone.localtime(record.published_at)
        status.reasons.append(
            f"Published without customer testing on {format_day(when.date())} (emergency): {record.reason}"
        )
    elif not status.customer_tested:
        status.reasons.append(LIVE_NOT_TESTED if status.ever_tested else NEVER_TESTED)
    if review_date and review_date < today:
        status.reasons.append(f"Past its review date ({format_day(review_date)})")
    if last_session is not None:
        current = page_text(page) if text is None else text
        status.changed_percent = changed_percent(last_session.content_text, current)
        material = focus_group_thresholds_for(page, settings, overrides).material_change_percent
        if is_material_change(last_session.content_text, current, material):
            status.reasons.append(f"Changed {status.changed_percent}% since the last focus-group test")
    return status


def live_governed_pages():
    return Page.objects.live().type(*governed_page_models()).specific().order_by("path")


def governed_page_statuses(today=None, scope=None):
    """The status of every live governed page (those matching `scope`, a filter on pages, when given: a member
    of staff's own councils')."""
    settings = GovernanceSettings.load()
    pages = list(live_governed_pages().filter(scope) if scope is not None else live_governed_pages())
    reviews = {review.page_id: review for review in PageReview.objects.all()}
    latest = {}
    for session in FocusGroupSession.objects.order_by("date", "created_at"):
        latest[session.page_id] = session  # the last one wins
    publication = publication_states(pages)
    overrides = area_overrides()
    return [
        page_status(
            page,
            settings,
            today,
            review=reviews.get(page.pk),
            last_session=latest.get(page.pk),
            publication=publication[page.pk],
            overrides=overrides,
        )
        for page in pages
    ]


def pages_needing_retesting(today=None, scope=None):
    return [status for status in governed_page_statuses(today, scope) if status.reasons]


@dataclass
class AreaShare:
    area: str
    tested: int
    total: int

    @property
    def percent(self):
        return round(100 * self.tested / self.total) if self.total else 0


def tested_share_by_area(statuses=None):
    """The share of live governed pages whose live version passed customer testing, per service area."""
    statuses = governed_page_statuses() if statuses is None else statuses
    areas = {area.path: area.title for area in Page.objects.type(ServiceArea).order_by("path")}
    counts = defaultdict(lambda: [0, 0])
    for status in statuses:
        path = status.page.path
        area = next((title for area_path, title in areas.items() if path.startswith(area_path)), "Across services")
        counts[area][0] += status.customer_tested
        counts[area][1] += 1
    shares = [AreaShare(area, tested, total) for area, (tested, total) in counts.items()]
    return sorted(shares, key=lambda share: (share.area == "Across services", share.area))
