"""The human side of a handed-over chat: staff claim, reply and close; residents keep writing."""
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sitewide import council_staff
from sitewide.councils import council_name

from . import rasa_api
from .chat_scope import council_of
from .models import CallbackRequest, ChatMessage, HandoffRequest, StaffPresence
from .opening_hours import is_open


def active_handoff_for(sender_id):
    return HandoffRequest.objects.filter(sender_id=sender_id, status__in=HandoffRequest.ACTIVE).first()


def staff_online(site, now=None):
    """Someone who works for `site`'s council (a Site; None: anyone) has the live chat queue open."""
    since = (now or timezone.now()) - timedelta(seconds=settings.HANDOFF_STAFF_ONLINE_SECONDS)
    online = StaffPresence.objects.filter(last_seen__gte=since)
    if site is not None:
        online = online.filter(council_staff.staff_of(site))
    return online.exists()


def mark_staff_seen(user):
    StaffPresence.objects.update_or_create(user=user, defaults={"last_seen": timezone.now()})


def initial_status(site):
    """Waiting for a person only when the chat's council's (`site`'s) contact centre is open and someone who works
    for that council has the queue open."""
    if is_open(site=site) and staff_online(site):
        return HandoffRequest.Status.WAITING
    return HandoffRequest.Status.OUT_OF_HOURS


def council_details(handoff):
    """The details of the council the chat is answered in the name of (its own, whichever host staff are on)."""
    return council_of(handoff)


def callback_url(handoff):
    return reverse("assistant:callback", args=[handoff.reference])


def offer_callback(handoff, reason):
    """Tell the resident nobody can take the chat now, once, with a callback form and the phone number."""
    if handoff.callback_offered_at:
        return
    handoff.callback_offered_at = timezone.now()
    handoff.save(update_fields=["callback_offered_at"])
    ChatMessage.objects.create(
        handoff=handoff,
        sender=ChatMessage.Sender.SYSTEM,
        text=f"{reason} You can ask us to call or email you back, or phone us on {council_details(handoff).phone}. "
        "Everything you have written is saved.",
        link_text="Ask for a callback",
        link_url=callback_url(handoff),
    )


def check_claim_timeout(handoff, now=None):
    if handoff.status != HandoffRequest.Status.WAITING:
        return
    waited = ((now or timezone.now()) - handoff.created_at).total_seconds()
    if waited >= settings.HANDOFF_CLAIM_TIMEOUT_SECONDS:
        offer_callback(handoff, "Sorry, nobody is free to chat at the moment.")


def record_resident_message(handoff, text):
    return ChatMessage.objects.create(handoff=handoff, sender=ChatMessage.Sender.RESIDENT, text=text)


@transaction.atomic
def claim(handoff, user):
    handoff = HandoffRequest.objects.select_for_update().get(pk=handoff.pk)
    if handoff.status not in HandoffRequest.ACTIVE or (handoff.claimed_by and handoff.claimed_by != user):
        return False
    handoff.status, handoff.claimed_by, handoff.claimed_at = HandoffRequest.Status.CLAIMED, user, timezone.now()
    handoff.save(update_fields=["status", "claimed_by", "claimed_at"])
    ChatMessage.objects.create(handoff=handoff, sender=ChatMessage.Sender.SYSTEM, text=joined_words(handoff, user))
    return True


def joined_words(handoff, user):
    """What the resident reads when a person picks up: who, and for which council (a shared team's member
    answers each partner council's residents in that council's name)."""
    council = council_name(council_details(handoff))
    if user.first_name:
        return f"{user.first_name} from {council} has joined the chat."
    return f"A member of {council}'s customer service team has joined the chat."


def can_answer(handoff, user):
    """A live chat nobody else has: waiting, or picked up by this user. (One saved out of hours is not live.)"""
    return handoff.is_active and handoff.claimed_by_id in (None, user.pk)


def staff_reply(handoff, user, text):
    """The reply, or None when it cannot reach the resident: the chat is not live, or a colleague has it."""
    if not can_answer(handoff, user) or (handoff.claimed_by_id != user.pk and not claim(handoff, user)):
        return None
    return ChatMessage.objects.create(handoff=handoff, sender=ChatMessage.Sender.STAFF, text=text)


def answered_later(handoff, outcome):
    """A chat saved out of hours (or when nobody was free) has been dealt with by phone or email. The assistant
    was never paused for it, so there is nothing to hand back; its callback requests are done too."""
    handoff.status, handoff.outcome, handoff.closed_at = HandoffRequest.Status.CLOSED, outcome, timezone.now()
    handoff.save(update_fields=["status", "outcome", "closed_at"])
    handoff.callbacks.filter(status=CallbackRequest.Status.OPEN).update(
        status=CallbackRequest.Status.DONE, done_at=timezone.now()
    )


def close(handoff, outcome):
    """Close the chat and hand the conversation back to the bot (Rasa may be down: we note it)."""
    handoff.status, handoff.outcome, handoff.closed_at = HandoffRequest.Status.CLOSED, outcome, timezone.now()
    handoff.save(update_fields=["status", "outcome", "closed_at"])
    ChatMessage.objects.create(
        handoff=handoff,
        sender=ChatMessage.Sender.SYSTEM,
        text="The person has left the chat. You are talking to the automated assistant again.",
    )
    handoff.bot_resumed = rasa_api.resume(handoff.sender_id)
    handoff.save(update_fields=["bot_resumed"])
