"""The resident testing panel (residents who opted in, no account needed) and remote focus-group tests of a
page's draft: the tasks asked, the personal invitations sent, and the answers, which are kept without names."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from governance.content import page_text

SEE_MEMBERS_PERMISSION = "resident_panel.view_panel_member_emails"
TASK_MAX_LENGTH = 255
COMMENT_MAX_LENGTH = 2000


def new_token():
    return secrets.token_urlsafe(24)


class PanelMember(models.Model):
    """A resident on the panel. Until they open the link we email them, they get nothing else from us.
    Leaving deletes this row (their email address and name); their earlier answers stay, without them.
    Each council has its own panel: a resident may be on several, once each."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name="council",
        help_text="The council whose panel they joined (the site they joined on).",
    )
    email = models.EmailField()
    first_name = models.CharField(max_length=100, blank=True)
    topics = models.ManyToManyField(
        "wagtailcore.Page", related_name="+", blank=True, help_text="The service areas they want to test pages of."
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    consented_at = models.DateTimeField(default=timezone.now, help_text="When they agreed to what we said we keep.")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "testing panel member"
        constraints = [models.UniqueConstraint(fields=["email", "site"], name="resident_panel_once_a_council")]
        permissions = [("view_panel_member_emails", "Can see the email addresses of testing panel members")]

    def __str__(self):
        return f"Panel member {self.pk}"  # never the email: this shows in logs and admin messages


class RemoteTest(ClusterableModel):
    """A test of one revision of a page with panel members, online. Its answers are summed up in one focus-group
    session (governance), which the "Customer-tested publishing" workflow's focus-group task counts."""

    name = models.CharField(max_length=120, help_text="For editors, for example: Second garden waste bin, May.")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,  # a deleted revision ends the test; the words tested stay in content_text
        related_name="+",
        help_text="The version of the page residents see: the latest draft when the test was made.",
    )
    content_text = models.TextField(editable=False, blank=True, help_text="The tested revision's words.")
    topics = models.ManyToManyField(
        "wagtailcore.Page",
        related_name="+",
        blank=True,
        help_text="Invite panel members who chose one of these topics. None chosen: any member.",
    )
    max_invitations = models.PositiveSmallIntegerField(
        "How many residents to invite, at most",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    ends_on = models.DateField(help_text="The link works until the end of this day.")
    invitations_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    session = models.OneToOneField(
        "governance.FocusGroupSession",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="remote_test",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "remote test"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self._state.adding and self.revision_id is None and self.page_id:
            self.pin_latest_revision()
        super().save(*args, **kwargs)

    def pin_latest_revision(self):
        """Test the page's latest revision (its draft, or its live version if it has no draft), and keep its
        words: the focus-group session is recorded on them, not on whatever the page says later."""
        self.revision = self.page.get_latest_revision()
        self.content_text = page_text(self.revision.as_object()) if self.revision else ""

    def is_open(self, today=None):
        return self.revision_id is not None and (today or timezone.localdate()) <= self.ends_on


class RemoteTestTask(Orderable):
    test = ParentalKey(RemoteTest, on_delete=models.CASCADE, related_name="tasks")
    task = models.CharField(
        max_length=TASK_MAX_LENGTH,
        help_text="In plain words, for example: Find out how much a second garden waste bin costs.",
    )

    def __str__(self):
        return self.task


class Invitation(models.Model):
    """One panel member's personal link to one test. Sent once; the member may leave the panel later."""

    test = models.ForeignKey(RemoteTest, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(PanelMember, null=True, on_delete=models.SET_NULL, related_name="invitations")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["test", "member"], name="resident_panel_invited_once")]

    def __str__(self):
        return f"Invitation {self.pk} to {self.test}"


class RemoteTestResponse(models.Model):
    """One invitation's answers, on the revision it showed. Names and emails are never copied here."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Answers to {self.invitation.test}"


class TaskAnswer(models.Model):
    response = models.ForeignKey(RemoteTestResponse, on_delete=models.CASCADE, related_name="answers")
    task = models.ForeignKey(RemoteTestTask, on_delete=models.CASCADE, related_name="answers")
    managed = models.BooleanField()
    ease = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    in_the_way = models.TextField(blank=True, max_length=COMMENT_MAX_LENGTH)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "task"], name="resident_panel_one_answer_a_task")]

    def __str__(self):
        return f"Answer to {self.task}"
