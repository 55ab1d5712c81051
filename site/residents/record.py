"""One view of a resident: what the council holds that belongs to them, from every channel, in time order.

Items belong to the same resident when their email address, phone number (written one way) or property (the
UPRN of the address they gave) match, or when staff linked two identifiers with a reason (ResidentLink). A
reference finds its request's resident; a postcode finds the residents who sent requests from it, for staff to
choose. Caseworkers see only their own services' requests; customer service and data protection officers see
everything (casework.access.handles_every_area) of the councils they work for: a chat or callback of another council
is left out, as its requests are (assistant.chat_scope).
"""
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts.models import ResidentProfile
from assistant.chat_scope import callbacks_for, handoffs_for
from assistant.handoff_conversation import conversation
from casework import access

from .identifiers import EMAIL, PHONE, POSTCODE, REFERENCE, UPRN, Identifier, email, phone
from .models import RecordLook, ResidentLink

MAX_ROUNDS = 5  # links and shared details are followed this many steps from what staff typed


@dataclass
class Item:
    at: datetime
    kind: str
    title: str
    detail: str = ""
    url: str = ""


@dataclass
class Record:
    start: Identifier
    identifiers: list
    requests: list = field(default_factory=list)
    chats: list = field(default_factory=list)
    callbacks: list = field(default_factory=list)
    accounts: list = field(default_factory=list)
    links: list = field(default_factory=list)

    @property
    def found(self):
        return bool(self.requests or self.chats or self.callbacks or self.accounts)

    def timeline(self):
        items = [request_item(r) for r in self.requests] + [chat_item(c) for c in self.chats]
        items += [callback_item(c) for c in self.callbacks] + [account_item(a) for a in self.accounts]
        items += [link_item(link) for link in self.links]
        return sorted(items, key=lambda item: item.at, reverse=True)


def identifiers_of_request(request):
    found = (
        email(request.email),
        Identifier(PHONE, request.phone) if request.phone else None,
        Identifier(UPRN, request.uprn) if request.uprn else None,
    )
    return {i for i in found if i}


def identifiers_of_callback(callback):
    return {i for i in (email(callback.email), phone(callback.phone)) if i}


def values(identifiers, kind):
    return sorted(i.value for i in identifiers if i.kind == kind)


def requests_matching(identifiers, user):
    query = Q(pk__in=[])
    for address in values(identifiers, EMAIL):
        query |= Q(email__iexact=address)
    query |= Q(phone__in=values(identifiers, PHONE)) | Q(reference__in=values(identifiers, REFERENCE))
    query |= Q(uprn__in=values(identifiers, UPRN))
    return list(access.requests_for(user).filter(query).select_related("handoff", "taken_by"))


def callbacks_matching(identifiers, user):
    """The callbacks of the councils `user` works for that give one of the email addresses or phone numbers."""
    emails, phones = set(values(identifiers, EMAIL)), set(values(identifiers, PHONE))
    query = Q(pk__in=[])
    for address in emails:
        query |= Q(email__iexact=address)
    callbacks = callbacks_for(user)
    found = set(callbacks.filter(query))
    wanted = {Identifier(PHONE, number) for number in phones}
    if wanted:  # kept as the resident typed them: compared written one way
        found |= {c for c in callbacks.exclude(phone="") if phone(c.phone) in wanted}
    return sorted(found, key=lambda c: c.created_at)


def active_links(identifiers):
    stored = [str(i) for i in identifiers]
    return list(
        ResidentLink.objects.filter(unlinked_at__isnull=True).filter(Q(first__in=stored) | Q(second__in=stored))
    )


def record_of(start, user):
    """The record of the resident `start` identifies, as far as `user` may see it."""
    everything = access.handles_every_area(user) or user.has_perm("residents.read_record_looks")
    known = {start}
    for _ in range(MAX_ROUNDS):
        found = set()
        for request in requests_matching(known, user):
            found |= identifiers_of_request(request)
        if everything:
            for callback in callbacks_matching(known, user):
                found |= identifiers_of_callback(callback)
            for link in active_links(known):
                found |= {Identifier.parse(link.first), Identifier.parse(link.second)} - {None}
        found -= {i for i in found if i.kind == POSTCODE}  # many people share a postcode
        if found <= known:
            break
        known |= found
    record = Record(start, sorted(known, key=str), requests=requests_matching(known, user))
    if everything:
        record.callbacks = callbacks_matching(known, user)
        handoffs = {r.handoff_id for r in record.requests} | {c.handoff_id for c in record.callbacks}
        record.chats = list(handoffs_for(user).filter(pk__in=handoffs - {None}))
        record.accounts = accounts_of(known)
        record.links = active_links(known)
    return record


def accounts_of(identifiers):
    """Residents' accounts with one of the email addresses, or whose details keep one of the phone numbers."""
    addresses, phones = values(identifiers, EMAIL), values(identifiers, PHONE)
    if not addresses and not phones:
        return []
    query = Q(resident__phone__in=phones) if phones else Q(pk__in=[])
    for address in addresses:
        query |= Q(email__iexact=address)
    users = get_user_model().objects.filter(query).distinct().order_by("date_joined")
    return [user for user in users if not access.is_staff_account(user)]


def residents_at(postcode, user):
    """The residents who sent requests from a postcode: [(identifier, latest request)] for staff to choose."""
    latest = {}
    for request in access.requests_for(user).filter(postcode=postcode).order_by("submit_time"):
        identifier = email(request.email) or (Identifier(PHONE, request.phone) if request.phone else None)
        if identifier:
            latest[identifier] = request
    return sorted(latest.items(), key=lambda pair: pair[1].submit_time, reverse=True)


def request_item(request):
    how = request.get_channel_display()
    paid = f", {request.get_payment_status_display().lower()}" if request.payment_status else ""
    return Item(request.submit_time, "Request", f"{request.reference}: {request.task_title}",
                f"{request.get_status_display()} ({how}{paid})", f"/admin/requests/edit/{request.pk}/")


def chat_item(handoff):
    outcome = f": {handoff.get_outcome_display()}" if handoff.outcome else ""
    return Item(handoff.created_at, "Chat handed to a person", handoff.reference,
                f"{handoff.get_status_display()}{outcome}", f"/admin/live-chat/{handoff.reference}/")


def callback_item(callback):
    how = ", ".join(part for part in (callback.phone, callback.email) if part)
    return Item(callback.created_at, "Callback", f"{callback.name} asked us to contact them ({how})",
                callback.get_status_display())


def account_item(user):
    profile = ResidentProfile.objects.filter(user=user).first()
    verified = "email confirmed" if profile and profile.email_verified else "email not confirmed"
    return Item(user.date_joined, "Account", f"My Account opened with {user.email}", verified)


def account_held(user):
    """An account as a subject access request gives it: the details it keeps to fill in forms, too."""
    profile = ResidentProfile.objects.filter(user=user).first()
    held = {"email": user.email, "opened": user.date_joined.isoformat()}
    if profile:
        held.update(name=profile.full_name, phone=profile.phone, updates_by=profile.get_contact_by_display(),
                    addresses=[saved.address.full for saved in profile.addresses.select_related("address")])
    return held


def link_item(link):
    first, second = Identifier.parse(link.first), Identifier.parse(link.second)
    by = link.linked_by.get_username() if link.linked_by else "staff"
    return Item(link.linked_at, "Linked by staff", f"{first.words} and {second.words}", f"{link.reason} ({by})")


def subject_access(record):
    """Everything held about the resident, as one JSON-ready dict (a subject access request)."""
    identifiers = [str(i) for i in record.identifiers]
    return {
        "identifiers": identifiers,
        "requests": [
            {
                "reference": r.reference,
                "service": r.task_title,
                "sent": r.submit_time.isoformat(),
                "channel": r.get_channel_display(),
                "status": r.get_status_display(),
                "answers": r.answers,
                "history": [[c.created_at.isoformat(), c.status_label, c.note] for c in r.history.all()],
                "payments": [
                    [p.created_at.isoformat(), p.amount_pence, p.get_state_display()] for p in r.payments.all()
                ],
                "files": [u.original_name for u in r.uploads.all()],
                "emails": [[n.created_at.isoformat(), n.subject] for n in r.emails.all()],
                "chat": r.chat_transcript,
            }
            for r in record.requests
        ],
        "chats": [
            {
                "reference": h.reference,
                "started": h.created_at.isoformat(),
                "status": h.get_status_display(),
                "conversation": [[line.speaker, line.text] for line in conversation(h)],
            }
            for h in record.chats
        ],
        "callbacks": [
            {"name": c.name, "phone": c.phone, "email": c.email, "best_time": c.best_time,
             "asked": c.created_at.isoformat(), "status": c.get_status_display()}
            for c in record.callbacks
        ],
        "accounts": [account_held(user) for user in record.accounts],
        "links": [{"between": [link.first, link.second], "reason": link.reason,
                   "linked": link.linked_at.isoformat()} for link in record.links],
        "looks": [
            {"by": look.user.get_username() if look.user else "", "at": look.at.isoformat(), "why": look.reason,
             "what": look.get_what_display()}
            for look in RecordLook.objects.filter(resident__in=identifiers)
        ],
    }

