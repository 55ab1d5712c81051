"""Content governed by customers: the plain-English check, words to avoid, focus-group sessions,
review dates and the two custom workflow tasks of "Customer-tested publishing"."""

from dataclasses import replace
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable, Task, TaskState

from sitewide import area_staff

from .content import page_text, text_hash
from .council_approval import CouncilApprovalTask  # noqa: F401 (a model: registered by being imported here)
from .focus_group import FocusGroupThresholds, evaluate_page
from .plain_english import Thresholds, check_page


@register_setting(icon="check")
class GovernanceSettings(BaseGenericSetting):
    """Thresholds for the plain-English check, the focus-group test and review dates."""

    max_reading_age = models.PositiveSmallIntegerField(
        default=12, help_text="Highest reading age a page may have (Flesch-Kincaid grade + 5). GOV.UK aims for 9."
    )
    max_sentence_words = models.PositiveSmallIntegerField(
        default=25, help_text="No sentence may have more words than this."
    )
    max_passive_percent = models.PositiveSmallIntegerField(
        default=20,
        validators=[MaxValueValidator(100)],
        help_text="Highest share of sentences in the passive voice, as a percentage.",
    )
    max_words_to_avoid = models.PositiveSmallIntegerField(
        default=0, help_text="How many words from the 'words to avoid' list a page may use."
    )
    min_participants = models.PositiveSmallIntegerField(
        default=5, help_text="Residents who must have tested the page, across all its sessions."
    )
    min_completion_percent = models.PositiveSmallIntegerField(
        default=80,
        validators=[MaxValueValidator(100)],
        help_text="Every task must be completed without help by at least this share of participants.",
    )
    min_ease_rating = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Lowest average ease rating (1 very hard to 5 very easy).",
    )
    material_change_percent = models.PositiveSmallIntegerField(
        default=10,
        validators=[MaxValueValidator(100)],
        help_text="A page whose words changed by more than this since its last focus-group test needs testing again.",
    )
    review_months = models.PositiveSmallIntegerField(
        default=12, help_text="Default time between reviews, counted from the last publication."
    )
    review_reminder_days = models.PositiveSmallIntegerField(
        default=30, help_text="Email a page's owners this many days before its review date."
    )

    panels = [  # headings in words, not the field names ("Max passive percent")
        MultiFieldPanel(
            [
                FieldPanel("max_reading_age", heading="Highest reading age"),
                FieldPanel("max_sentence_words", heading="Longest sentence, in words"),
                FieldPanel("max_passive_percent", heading="Sentences in the passive voice, at most (%)"),
                FieldPanel("max_words_to_avoid", heading="Words to avoid, at most"),
            ],
            heading="Plain-English check",
        ),
        MultiFieldPanel(
            [
                FieldPanel("min_participants", heading="Residents who tested it, at least"),
                FieldPanel("min_completion_percent", heading="Completed each task without help, at least (%)"),
                FieldPanel("min_ease_rating", heading="Average ease, at least (1 to 5)"),
            ],
            heading="Focus-group test",
        ),
        MultiFieldPanel(
            [
                FieldPanel("material_change_percent", heading="Words changed before it needs testing again (%)"),
                FieldPanel("review_months", heading="Months between reviews"),
                FieldPanel("review_reminder_days", heading="Remind the page's owners, days before its review date"),
            ],
            heading="Re-testing",
        ),
    ]

    class Meta:
        verbose_name = "Content governance thresholds"

    def thresholds(self):
        """The plain-English check's limits."""
        return Thresholds(
            max_reading_age=self.max_reading_age,
            max_sentence_words=self.max_sentence_words,
            max_passive_percent=self.max_passive_percent,
            max_words_to_avoid=self.max_words_to_avoid,
        )

    def focus_group_thresholds(self):
        return FocusGroupThresholds(
            min_participants=self.min_participants,
            min_completion_percent=self.min_completion_percent,
            min_ease_rating=self.min_ease_rating,
            material_change_percent=self.material_change_percent,
        )


class WordToAvoidManager(models.Manager):
    def active_pairs(self):
        return list(self.filter(active=True).values_list("phrase", "suggestion"))


class WordToAvoid(models.Model):
    phrase = models.CharField(max_length=60, unique=True, help_text="A word or phrase, for example: utilise.")
    suggestion = models.CharField(max_length=100, blank=True, help_text="What to write instead, for example: use.")
    active = models.BooleanField(default=True)

    objects = WordToAvoidManager()
    panels = [FieldPanel("phrase"), FieldPanel("suggestion"), FieldPanel("active")]

    class Meta:
        ordering = ["phrase"]
        verbose_name = "word to avoid"
        verbose_name_plural = "words to avoid"

    def __str__(self):
        return self.phrase

    def save(self, *args, **kwargs):
        self.phrase = " ".join(self.phrase.lower().split())
        super().save(*args, **kwargs)


class FocusGroupSession(ClusterableModel):
    """One test of a page with residents: the tasks they were asked to do and how it went."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="focus_group_sessions")
    date = models.DateField(default=date.today)
    participants = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1)], help_text="How many residents took part."
    )
    ease_rating = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="Average answer to 'How easy was it?', from 1 (very hard) to 5 (very easy).",
    )
    findings = models.TextField(blank=True, help_text="What you saw and what you will change. No names.")
    content_text = models.TextField(editable=False, blank=True, help_text="The page's words when it was tested.")
    content_hash = models.CharField(max_length=64, editable=False, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("page"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("participants"), FieldPanel("ease_rating")]),
        InlinePanel("task_results", heading="Tasks asked", label="Task", min_num=1),
        FieldPanel("findings"),
    ]

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = "focus-group session"

    def __str__(self):
        return f"{self.page.title}, {self.date:%d %B %Y}" if self.page_id else "Focus-group session"

    def clean(self):
        super().clean()
        for result in self.task_results.all():
            if self.participants and result.completed_without_help > self.participants:
                raise ValidationError(
                    f'"{result.task}": more people completed it than took part ({self.participants}).'
                )

    def save(self, *args, **kwargs):
        if not self.content_text:
            self.content_text = page_text(self.page.get_latest_revision_as_object())
        self.content_hash = text_hash(self.content_text)
        with transaction.atomic():
            super().save(*args, **kwargs)  # saves the task results too
            FocusGroupTask.advance(self.page, user=self.recorded_by)

    def completion_percent(self):
        results = list(self.task_results.all())
        if not results or not self.participants:
            return None
        return round(
            100
            * sum(min(r.completed_without_help, self.participants) for r in results)
            / (self.participants * len(results))
        )


class FocusGroupTaskResult(Orderable):
    session = ParentalKey(FocusGroupSession, on_delete=models.CASCADE, related_name="task_results")
    task = models.CharField(
        max_length=255, help_text="What residents were asked to do, for example: Find your bin day."
    )
    completed_without_help = models.PositiveSmallIntegerField(help_text="How many finished it without help.")
    average_seconds = models.PositiveIntegerField("Average time on task (seconds)", null=True, blank=True)

    panels = [FieldPanel("task"), FieldPanel("completed_without_help"), FieldPanel("average_seconds")]

    def __str__(self):
        return self.task


class PageReview(models.Model):
    """When a page is next due for review (kept here so the page models stay the editors' own)."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="governance_review")
    review_date = models.DateField(help_text="Check the page is still right, and test it again, by this date.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "page review date"
        permissions = [("view_governance_reports", "Can view the needs re-testing report")]

    def __str__(self):
        return f"{self.page} by {self.review_date}"


class AreaTestingThresholds(models.Model):
    """A service area's own focus-group thresholds: an empty field keeps the site-wide setting."""

    OVERRIDES = ("min_participants", "min_completion_percent", "min_ease_rating", "material_change_percent")

    area = models.OneToOneField("cms_pages.ServiceAreaPage", on_delete=models.CASCADE, related_name="+")
    min_participants = models.PositiveSmallIntegerField(
        "Residents who tested it, at least", null=True, blank=True, validators=[MinValueValidator(1)],
        help_text="Leave empty to use the site-wide setting.",
    )
    min_completion_percent = models.PositiveSmallIntegerField(
        "Completed each task without help, at least (%)", null=True, blank=True, validators=[MaxValueValidator(100)],
        help_text="Leave empty to use the site-wide setting.",
    )
    min_ease_rating = models.DecimalField(
        "Average ease, at least (1 to 5)", max_digits=3, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)], help_text="Leave empty to use the site-wide setting.",
    )
    material_change_percent = models.PositiveSmallIntegerField(
        "Words changed before it needs testing again (%)", null=True, blank=True, validators=[MaxValueValidator(100)],
        help_text="Leave empty to use the site-wide setting.",
    )

    panels = [FieldPanel("area"), *(FieldPanel(name) for name in OVERRIDES)]

    class Meta:
        verbose_name = "service area's testing thresholds"
        verbose_name_plural = "service areas' testing thresholds"

    def __str__(self):
        return f"Testing thresholds for {self.area}"

    def apply(self, thresholds):
        """The site-wide FocusGroupThresholds with this area's own values in place."""
        own = {name: getattr(self, name) for name in self.OVERRIDES if getattr(self, name) is not None}
        return replace(thresholds, **own)


def area_overrides():
    """[(area's tree path, its AreaTestingThresholds)], deepest area first: one query for any number of pages."""
    rows = AreaTestingThresholds.objects.select_related("area").order_by("-area__depth")
    return [(row.area.path, row) for row in rows]


def focus_group_thresholds_for(page, settings=None, overrides=None):
    """The focus-group thresholds for the page: its service area's own, else the site-wide ones."""
    settings = settings or GovernanceSettings.load()
    overrides = area_overrides() if overrides is None else overrides
    own = next((row for path, row in overrides if (page.path or "").startswith(path)), None)
    return own.apply(settings.focus_group_thresholds()) if own else settings.focus_group_thresholds()


def plain_english_report(page):
    """The plain-English check with the limits and words to avoid set in the admin."""
    return check_page(page, GovernanceSettings.load().thresholds(), WordToAvoid.objects.active_pairs())


def focus_group_result(page):
    """The focus-group rule with the thresholds set in the admin (the page's service area's, if it has its own)."""
    return evaluate_page(page, focus_group_thresholds_for(page))


def user_can_edit(page, user):
    return user.is_active and (user.is_superuser or page.permissions_for_user(user).can_edit())


class PlainEnglishTask(Task):
    """Automatic: runs the plain-English check on the submitted revision and passes or fails it at once.

    A failed check sends the page back to its editor (needs changes) with the problems in the comment;
    the full, highlighted report is at Pages > ... > "Customer testing". Resubmitting runs it again.
    """

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        return self.run_check(task_state, user)

    def run_check(self, task_state, user=None, update=False):
        report = plain_english_report(task_state.revision.as_object())
        if report.passed:
            return task_state.approve(user=user, update=update, comment=report.summary())
        return task_state.reject(user=user, update=update, comment=report.summary())

    def get_actions(self, obj, user):
        if user_can_edit(obj, user):
            return [("recheck", "Run the plain-English check again", False)]
        return []

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "recheck":
            return self.run_check(task_state, user, update=True)
        raise PermissionDenied("The plain-English check passes or fails on its own.")

    @classmethod
    def get_description(cls):
        return "Automatic: reading age, sentence length, passive voice and words to avoid must be within the limits."

    class Meta:
        verbose_name = "Plain-English check"
        verbose_name_plural = "Plain-English checks"


class FocusGroupTask(Task):
    """Passes when the page's focus-group sessions (on its current words) meet the thresholds."""

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        result = focus_group_result(task_state.revision.as_object())
        if result.passed:
            return task_state.approve(user=user, update=False, comment=result.summary())
        return task_state

    def get_actions(self, obj, user):
        if not user_can_edit(obj, user):
            return []
        actions = [("reject", "Request changes", True)]
        if focus_group_result(obj.get_latest_revision_as_object()).passed:
            actions.insert(0, ("approve", "Approve: focus-group results meet the thresholds", False))
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            result = focus_group_result(task_state.revision.as_object())
            if not result.passed:
                raise PermissionDenied(result.summary())
            kwargs.setdefault("comment", result.summary())
        return super().on_action(task_state, user, action_name, **kwargs)

    def user_can_access_editor(self, obj, user):
        return False

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if user.is_superuser or user.has_perm("governance.add_focusgroupsession"):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @classmethod
    def advance(cls, page, user=None):
        """A new session was recorded: pass the page's focus-group task if the results now meet the rule."""
        states = TaskState.objects.for_instance(page).filter(
            status=TaskState.STATUS_IN_PROGRESS, task__in=cls.objects.all()
        )
        for state in states:
            result = focus_group_result(page.get_latest_revision_as_object())
            if result.passed:
                state.approve(user=user, comment=result.summary())

    @classmethod
    def get_description(cls):
        return "Record focus-group sessions with residents; passes when completion and ease meet the thresholds."

    class Meta:
        verbose_name = "Focus-group test"
        verbose_name_plural = "Focus-group tests"


class PublicationRecord(models.Model):
    """One publication of a page (or its scheduling), and which gates the published revision passed.

    Written for every publish of every page: by the workflow's last approval, by the emergency route,
    and, for anything else (the demo loader, an import, a copy published with its original), by the
    page_published signal. A governed page counts as customer-tested while its live revision has a
    WORKFLOW record.
    """

    class Route(models.TextChoices):
        WORKFLOW = "workflow", "Passed the workflow"
        EMERGENCY = "emergency", "Published without customer testing (emergency)"
        DIRECT = "direct", "Published without the workflow"

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="publication_records")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    route = models.CharField(max_length=10, choices=Route.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True, help_text="Why the page was published without customer testing.")
    plain_english_overridden = models.BooleanField(
        default=False, help_text="Published although the plain-English check failed; the reason says why."
    )
    gates = models.JSONField(default=list, help_text="[{gate, passed, detail}] in the order they were passed.")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True, help_text="Empty while the revision is scheduled.")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "publication record"
        permissions = [
            ("publish_in_emergency", "Can publish governed pages without customer testing, giving a reason"),
        ]

    def __str__(self):
        return f"{self.page} ({self.get_route_display()})"

    @property
    def is_emergency(self):
        return self.route == self.Route.EMERGENCY


class ServiceAreaOwner(models.Model):
    """Who owns a service area: they are emailed when one of its pages is published in an emergency."""

    area = models.ForeignKey("cms_pages.ServiceAreaPage", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A member of the service owners group of the area's council, with an email address.",
    )

    panels = [FieldPanel("area"), FieldPanel("user")]

    class Meta:
        unique_together = [("area", "user")]
        verbose_name = "service area owner"

    def __str__(self):
        return f"{self.user} owns {self.area}"

    def clean(self):
        super().clean()
        if self.area_id and self.user_id:
            area_staff.check_user(self.user, self.area)  # another council's staff own none of this one's areas


class ReviewReminder(models.Model):
    """A review-date reminder sent for a page: one for each review date, so nobody is emailed twice."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    review_date = models.DateField()
    sent_to = models.TextField(blank=True, help_text="Who was emailed, one address a line.")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "review_date"], name="one_reminder_per_review_date")]

    def __str__(self):
        return f"Review reminder: {self.page} by {self.review_date}"
