"""Which live pages need testing with residents again: past their review date, or changed materially
since their last focus-group session."""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from wagtail.models import Page

from .content import page_text, similarity


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
    reasons: list = field(default_factory=list)

    @property
    def title(self):
        return self.page.title

    @property
    def last_tested(self):
        return self.last_session.date if self.last_session else None

    @property
    def reasons_text(self):
        return "; ".join(self.reasons)

    @property
    def type_name(self):
        return self.page.specific_class._meta.verbose_name if self.page.specific_class else ""


def default_review_date(page, settings):
    published = page.last_published_at or page.first_published_at
    return add_months(timezone.localdate(published), settings.review_months) if published else None


MISSING = object()


def page_status(page, settings, today=None, review=MISSING, last_session=MISSING, text=None):
    from .models import PageReview

    today = today or timezone.localdate()
    if review is MISSING:
        review = PageReview.objects.filter(page=page).first()
    if last_session is MISSING:
        last_session = page.focus_group_sessions.first()
    review_date = review.review_date if review else default_review_date(page, settings)
    status = PageStatus(page, review_date, bool(review), last_session)
    if review_date and review_date < today:
        status.reasons.append(f"Past its review date ({review_date:%d %B %Y})")
    if last_session is not None:
        current = page_text(page) if text is None else text
        status.changed_percent = round(100 * (1 - similarity(last_session.content_text, current)))
        if settings.is_material_change(last_session.content_text, current):
            status.reasons.append(f"Changed {status.changed_percent}% since the last focus-group test")
    return status


def pages_needing_retesting(today=None):
    from .models import FocusGroupSession, GovernanceSettings, PageReview
    from .workflow import governed_page_models

    settings = GovernanceSettings.load()
    pages = Page.objects.live().type(*governed_page_models()).specific().order_by("path")
    reviews = {review.page_id: review for review in PageReview.objects.all()}
    latest = {}
    for session in FocusGroupSession.objects.order_by("date", "created_at"):
        latest[session.page_id] = session  # the last one wins
    statuses = []
    for page in pages:
        status = page_status(page, settings, today, review=reviews.get(page.pk), last_session=latest.get(page.pk))
        if status.reasons:
            statuses.append(status)
    return statuses
