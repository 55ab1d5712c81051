"""Assisted digital: customer service fill in any online form for a caller or visitor ("New request for a
resident" in the admin), with the form's own questions and checks, through the same intake as the public form
(casework.intake). The request records how the resident asked (the channel) and who took it; a payment is taken
by card by the member of staff ("paid by phone"); the resident gets the same reference, tracking and emails.

A chat handed to a person becomes a request from the live chat console: the form starts with what the resident
said, and the conversation is kept with the request. Only the chat's council's forms are offered for it (a shared
team's member answering a Fellside chat makes a Fellside request); without a chat, a member of staff who works for
several councils sees each form's council beside it.

Staff need `casework.add_submission` (the Customer service group) and see only the forms of the services whose
requests they handle (casework.access). The answers wait in the member of staff's session, like a resident's
draft, so nothing typed is lost when a check fails.
"""
from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from wagtail.models import Page

from assistant.chat_scope import council_of, handoffs_for, site_of
from assistant.handoff_conversation import conversation
from assistant.models import ChatMessage
from sitewide import council_staff
from sitewide.councils import council_for_site, council_name, in_council, site_for_page

from . import access
from .intake import drafts, payment
from .intake.questions import PHOTO_FIELD
from .intake.submit import submit
from .models import ASSISTED_CHANNELS, Channel, PaymentStatus
from .prices import pounds

PERMISSION = "casework.add_submission"
can_take_requests = permission_required(PERMISSION, raise_exception=True)
DRAFT_KIND = "assisted"  # staff's drafts never mix with a form they fill in as a resident on the same browser
HANDOFF_PARAM = "handoff"


class FindForm(forms.Form):
    q = forms.CharField(label="Find the form", max_length=100, required=False)


class HowTheyAsked(forms.Form):
    channel = forms.ChoiceField(label="How did the resident contact us?", choices=ASSISTED_CHANNELS)


class PaidByCard(forms.Form):
    receipt = forms.CharField(
        label="Card payment receipt number",
        max_length=100,
        help_text="Take the payment on the council's card payment line, then give its receipt number here.",
        error_messages={"required": "Enter the card payment's receipt number"},
    )


def forms_in_scope(user, handoff=None):
    """The live online form pages of the services whose requests `user` handles; for a request made from a chat
    (`handoff`), only its council's: the request is that council's, as the chat is."""
    pages = Page.objects.live().type(*access.form_page_models()).filter(access.pages_in_scope(user))
    if handoff is not None:
        pages = pages.filter(in_council(site_of(handoff)))
    return pages.specific()


def forms_for(user, handoff=None):
    """Those that can take a request in (they write a form definition), by title."""
    pages = (page for page in forms_in_scope(user, handoff) if hasattr(page, "form_definition"))
    return sorted(pages, key=lambda p: p.title)


def form_page(user, page_id, handoff=None):
    page = forms_in_scope(user, handoff).filter(pk=page_id).first()
    if page is None or not hasattr(page, "form_definition"):
        raise Http404
    return page


def chat_handed_over(request):
    """The chat handed to a person that this request is made from (?handoff=<reference>), or None; only a chat
    of a council the member of staff works for (another council's conversation is not theirs to read)."""
    reference = (request.GET.get(HANDOFF_PARAM) or request.POST.get(HANDOFF_PARAM) or "")[:20]
    return handoffs_for(request.user).filter(reference=reference).first() if reference else None


def resident_said(handoff):
    """What the resident wrote in the chat, in order: the form's first long answer starts with it."""
    return "\n".join(line.text for line in conversation(handoff) if line.kind == ChatMessage.Sender.RESIDENT)


def council_names(user, handoff):
    """{site id: council name} to label each form with its council, for a member of staff who works for several
    and is not answering one council's chat; None when every form listed is one council's."""
    if handoff is not None or not council_staff.works_for_several(user):
        return None
    return {site.pk: council_name(council_for_site(site)) for site in council_staff.councils_for(user)}


def urls_for(page, handoff):
    query = f"?{HANDOFF_PARAM}={handoff.reference}" if handoff else ""
    return {
        "answers": reverse("casework_assisted:answers", args=[page.pk]) + query,
        "check": reverse("casework_assisted:check", args=[page.pk]) + query,
        "choose": reverse("casework_assisted:choose") + query,
    }


@can_take_requests
def choose(request):
    """Which form: every online form the member of staff may fill in, with a filter as they type."""
    handoff = chat_handed_over(request)
    find = FindForm(request.GET)
    query = find.cleaned_data["q"].strip() if find.is_valid() else ""
    pages = [page for page in forms_for(request.user, handoff) if query.lower() in page.title.lower()]
    councils = council_names(request.user, handoff)
    return render(request, "casework/assisted/choose.html", {
        "pages": [
            (page, urls_for(page, handoff)["answers"], councils and councils.get(site_for_page(page).pk))
            for page in pages
        ],
        "query": query,
        "find": find,
        "handoff": handoff,
        "chat_council": council_name(council_of(handoff)) if handoff else "",
        "council_column": councils is not None,
    })


@can_take_requests
def answers(request, page_id):
    """Every question of the form on one page, with the form's own checks; kept as typed when one fails."""
    handoff = chat_handed_over(request)
    page = form_page(request.user, page_id, handoff)
    draft = drafts.Draft(request.session, page.form_definition(), kind=DRAFT_KIND)
    intake = draft.intake
    if request.method != "POST":
        if handoff and intake.prefill_details(resident_said(handoff)):
            draft.save()
        channel = draft.extra.get("channel") or (Channel.WEB_CHAT if handoff else Channel.PHONE)
        how = HowTheyAsked(initial={"channel": channel})
        return render_answers(request, page, handoff, how, intake.form(initial=intake.answers))
    how = HowTheyAsked(request.POST)
    form = intake.take(None, request.POST)
    form.fields.pop(PHOTO_FIELD, None)
    if how.is_valid():
        draft.extra["channel"] = how.cleaned_data["channel"]
    draft.save()
    if not (how.is_valid() and form.is_valid()):
        return render_answers(request, page, handoff, how, form)
    return redirect(urls_for(page, handoff)["check"])


def render_answers(request, page, handoff, how, form):
    form.fields.pop(PHOTO_FIELD, None)  # a photo comes by email to the team: staff cannot take one on the phone
    return render(request, "casework/assisted/answers.html", {
        "page": page, "handoff": handoff, "how": how, "form": form, "urls": urls_for(page, handoff),
    })


@can_take_requests
def check(request, page_id):
    """Check the answers with the resident, take a payment if there is one, and send the request."""
    handoff = chat_handed_over(request)
    page = form_page(request.user, page_id, handoff)
    definition = page.form_definition()
    draft = drafts.Draft(request.session, definition, kind=DRAFT_KIND)
    intake = draft.intake
    channel = draft.extra.get("channel")
    if not intake.is_complete or channel not in dict(ASSISTED_CHANNELS):
        return redirect(urls_for(page, handoff)["answers"])
    amount = intake.amount_due
    paid = PaidByCard(request.POST if request.method == "POST" else None)
    if request.method == "POST" and (not amount or paid.is_valid()):
        transcript = [[line.speaker, line.text] for line in conversation(handoff)] if handoff else []
        submission = submit(intake, channel=channel, taken_by=request.user, handoff=handoff, chat_transcript=transcript)
        if amount:
            payment.taken_by_staff(submission, definition, request.user, paid.cleaned_data["receipt"])
        draft.clear()
        return redirect("casework_assisted:sent", submission.reference)
    return render(request, "casework/assisted/check.html", {
        "page": page,
        "handoff": handoff,
        "channel": Channel(channel).label,
        "rows": [row for row in intake.answer_rows() if row["field_id"] != f"id_{PHOTO_FIELD}"],
        "amount": pounds(amount) if amount else "",
        "paid": paid if amount else None,
        "urls": urls_for(page, handoff),
    })


@can_take_requests
def sent(request, reference):
    submission = get_object_or_404(access.requests_for(request.user), reference=reference)
    return render(request, "casework/assisted/sent.html", {
        "submission": submission,
        "paid": submission.payment_status == PaymentStatus.PAID,
        "request_url": reverse("requests:edit", args=[submission.pk]),
        "another_url": reverse("casework_assisted:choose"),
    })
