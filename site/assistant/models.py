"""What the chat assistant needs from the web app: unanswered questions, handoffs, live chat.

Bin rounds and addresses are in `places` (the address list the website uses too)."""
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


class UnansweredQuestion(models.Model):
    """A question the bot could not answer, for editors to act on (personal data removed).

    Also a question it answered wrongly: when the resident says the answer did not help, the bot sends
    the question with the intent "not_helpful:<the page key it answered with>".
    """

    NOT_HELPFUL_PREFIX = "not_helpful:"

    text = models.CharField(max_length=500)
    # The council whose site the resident asked on: its editors act on it. None (older questions): the default
    # council.
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="council"
    )
    intent = models.CharField(max_length=100, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    page_url = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    dealt_with = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.text

    @property
    def unhelpful_answer_key(self):
        """The chat key of the page whose answer the resident said did not help, or ""."""
        if self.intent.startswith(self.NOT_HELPFUL_PREFIX):
            return self.intent[len(self.NOT_HELPFUL_PREFIX):]
        return ""


def new_handoff_reference():
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I/L to misread
    return "HO-" + "".join(secrets.choice(alphabet) for _ in range(6))


class HandoffRequest(models.Model):
    """A conversation the bot handed to a person. The record and transcript outlive the bot."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a person"
        OUT_OF_HOURS = "out_of_hours", "Out of hours"
        CLAIMED = "claimed", "With a person"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        ANSWERED = "answered", "Answered in chat"
        FORM = "form", "Sent to an online form"
        CALLBACK = "callback", "Callback arranged"
        REFERRED = "referred", "Referred to another team or organisation"
        NO_REPLY = "no_reply", "Resident left"

    ACTIVE = (Status.WAITING, Status.CLAIMED)

    reference = models.CharField(max_length=12, unique=True, default=new_handoff_reference)
    sender_id = models.CharField(max_length=100, db_index=True)
    # The council whose site the chat was on: its staff answer it, in its name. None (older chats): the default
    # council. A council with chats is not deleted from under them.
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="council"
    )
    topic = models.CharField(max_length=100, blank=True)
    page_url = models.CharField(max_length=255, blank=True)
    transcript = models.JSONField(default=list, help_text="The conversation with the bot before the handoff.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    callback_offered_at = models.DateTimeField(null=True, blank=True)
    bot_resumed = models.BooleanField(default=False, help_text="Rasa was told to carry on after the chat closed.")

    class Meta:
        ordering = ["-created_at"]
        permissions = [("handle_live_chat", "Can pick up and answer live chats")]

    def __str__(self):
        return self.reference

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    def wait_seconds(self, now=None):
        return int(((self.claimed_at or now or timezone.now()) - self.created_at).total_seconds())


class ChatMessage(models.Model):
    """A message in the human part of a conversation; ids only go up, so the widget polls 'after'."""

    class Sender(models.TextChoices):
        RESIDENT = "resident", "Resident"
        STAFF = "staff", "Staff"
        SYSTEM = "system", "System"

    handoff = models.ForeignKey(HandoffRequest, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=10, choices=Sender.choices)
    text = models.TextField()
    link_text = models.CharField(max_length=100, blank=True)
    link_url = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.sender}: {self.text[:40]}"


class CallbackRequest(models.Model):
    """A resident asked us to call or email back: it sits in the live chat queue as a task. It is always asked from a
    chat handed to a person, so it belongs to that chat's council (none: the default council)."""

    class Status(models.TextChoices):
        OPEN = "open", "To do"
        DONE = "done", "Done"

    handoff = models.ForeignKey(
        HandoffRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="callbacks"
    )
    name = models.CharField(max_length=100)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    best_time = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True, help_text="When staff called or emailed back")

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Callback for {self.name}"


class StaffPresence(models.Model):
    """When a customer service member last had the live chat queue open."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_seen = models.DateTimeField()

    def __str__(self):
        return f"{self.user} last seen {self.last_seen:%H:%M}"


class ChatConversation(models.Model):
    """One widget conversation with the assistant, counted for the containment rate.

    Only counts are kept, no words: how many turns, how many the bot could not answer (fallbacks).
    Whether a person took over is read from HandoffRequest by the same sender id.
    """

    sender_id = models.CharField(max_length=100, unique=True)
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_message_at = models.DateTimeField(default=timezone.now)
    turns = models.PositiveIntegerField(default=0)
    fallbacks = models.PositiveIntegerField(default=0)
    campaign = models.CharField(
        max_length=40, blank=True, help_text="The campaign link the visit began with, if any (campaigns)"
    )
    # The council whose site the conversation was on (None for older ones: the default council): each council's
    # editors read their own containment rate.
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="council",
    )

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.sender_id}: {self.turns} turns, {self.fallbacks} fallbacks"


class ChatTranscript(models.Model):
    """The words of a conversation that went wrong, for editors to read (Resident feedback > Chat transcripts):
    the resident said an answer did not help, had to ask again in other words, or was handed to a person.

    The bot sends the conversation each time one of these happens; the latest copy replaces the turns and the
    reasons add up. Every text is passed through kit.redaction.redact() before it is stored, only the last
    MAX_TURNS turns are kept, and delete_old_transcripts removes a transcript CHAT_TRANSCRIPT_RETENTION_DAYS
    after its last change. Reading one is recorded in the admin's log (who saw it, and when).
    """

    class Reason(models.TextChoices):
        SAID_NO = "said_no", "Said an answer did not help"
        REPHRASED = "rephrased", "Asked again in other words"
        HANDED_OFF = "handed_off", "Handed to a person"

    MAX_TURNS = 60
    MAX_TEXT = 1000

    sender_id = models.CharField(max_length=100, unique=True)
    # The council whose site the conversation was on (None for older ones: the default council).
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="council"
    )
    said_no = models.BooleanField(Reason.SAID_NO.label, default=False)
    rephrased = models.BooleanField(Reason.REPHRASED.label, default=False)
    handed_off = models.BooleanField(Reason.HANDED_OFF.label, default=False)
    turns = models.JSONField(
        default=list, help_text="The resident's and the assistant's words, oldest first; personal data removed."
    )
    page_url = models.CharField(max_length=255, blank=True, help_text="The page the chat started on.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        default_permissions = ()  # only the bot writes them, and retention deletes them
        permissions = [("review_chat_transcripts", "Can read chat transcripts")]
        verbose_name = "chat transcript"

    def __str__(self):
        # No words of the conversation: this is the name the admin's log keeps after it is deleted.
        return f"Chat transcript {self.pk} ({timezone.localtime(self.created_at):%d %b %Y})"

    @property
    def reasons(self):
        """[(code, label)] of what happened, in a fixed order."""
        return [(reason.value, reason.label) for reason in self.Reason if getattr(self, reason.value)]
