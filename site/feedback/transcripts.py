"""Resident feedback > Chat transcripts: the conversations where the resident said an answer did not help, asked
again in other words, or was handed to a person, to read turn by turn (assistant.models.ChatTranscript).

Only users with the permission "Can read chat transcripts" (given to the groups that see the feedback dashboard)
open them. The list shows no words of any conversation; opening one is recorded in the admin's log (Reports >
Site history, and on the transcript itself), so who read what, and when, is known. Staff read the conversations of
the councils they work for (assistant.chat_scope), each labelled with its council when they work for several.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from assistant.chat_scope import CouncilNames, page_link, site_of, transcripts_for
from assistant.models import ChatTranscript
from sitewide import council_staff
from sitewide.pages import page_label

from .services import page_for_path

PERMISSION = "assistant.review_chat_transcripts"
VIEW_ACTION = "feedback.view_chat_transcript"
PER_PAGE = 25
REASONS = ChatTranscript.Reason
SPEAKERS = {"user": "Resident", "bot": "Assistant"}
SAFE_PATH = re.compile(r"/(?!/)[\w\-./~%+]*")  # never "//host" (another site) nor a backslash or space


def can_read(user):
    return user.is_active and user.has_perm(PERMISSION)


def site_path(page_url):
    """The address on this site a chat started on ("/council-tax/", as the chat widget sends it), or "" for anything
    else (a whole address, "javascript:...", "/\\evil.example", a path with spaces): only such a path is made a
    link or looked up; anything else is shown as text."""
    parts = urlsplit(page_url or "")
    if parts.scheme or parts.netloc or not SAFE_PATH.fullmatch(parts.path):
        return ""
    return parts.path


@dataclass
class StartedOn:
    path: str
    label: str
    url: str = ""  # the page on its council's site


def started_on(page_url, cache=None, site=None):
    """Where the chat started on `site` (its council's; by default the default site), named by the page's title
    when the page still exists."""
    path = site_path(page_url)
    if not path:
        return StartedOn("", page_url)
    cache = {} if cache is None else cache
    key = (site.pk if site else None, path)
    if key not in cache:
        cache[key] = page_label(page_for_path(path, site)) or path
    return StartedOn(path, cache[key], page_link(site, path))


def moment(timestamp):
    """A turn's timestamp (seconds since 1970, as Rasa keeps it) as a date and time, or None."""
    if not isinstance(timestamp, (int, float)) or isinstance(timestamp, bool) or timestamp <= 0:
        return None
    try:
        return datetime.fromtimestamp(timestamp, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def transcript_list(request):
    if not can_read(request.user):
        raise PermissionDenied
    reason = request.GET.get("reason", "")
    reason = reason if reason in REASONS.values else ""
    transcripts = transcripts_for(request.user).order_by("-updated_at", "-pk")
    counts = transcripts_for(request.user).aggregate(
        all=Count("pk"), **{value: Count("pk", filter=Q(**{value: True})) for value in REASONS.values}
    )
    if reason:
        transcripts = transcripts.filter(**{reason: True})
    paginator = Paginator(
        transcripts.select_related("site__root_page").defer("turns"), PER_PAGE  # the list shows no words
    )
    items = paginator.get_page(request.GET.get("p"))
    labels, councils = {}, CouncilNames()
    rows = []
    for transcript in items:
        transcript.council_name = councils(transcript)
        rows.append((transcript, started_on(transcript.page_url, labels, site_of(transcript))))
    filters = [("", "All conversations", counts["all"])] + [
        (choice.value, choice.label, counts[choice.value]) for choice in REASONS
    ]
    return TemplateResponse(
        request,
        "feedback/chat_transcripts.html",
        {
            "items": items,
            "rows": rows,
            "reason": reason,
            "filters": filters,
            "elided_page_range": paginator.get_elided_page_range(items.number),
            "retention_days": settings.CHAT_TRANSCRIPT_RETENTION_DAYS,
            "several_councils": council_staff.works_for_several(request.user),
        },
    )


def transcript_detail(request, pk):
    if not can_read(request.user):
        raise PermissionDenied
    transcript = get_object_or_404(transcripts_for(request.user), pk=pk)
    log(instance=transcript, action=VIEW_ACTION, user=request.user)  # who read it, before it is shown
    turns, day = [], None
    for turn in transcript.turns:
        if not isinstance(turn, dict):
            continue
        at = moment(turn.get("timestamp"))
        new_day = at is not None and timezone.localdate(at) != day  # the date is shown when it changes
        day = timezone.localdate(at) if at is not None else day
        sender = turn.get("sender")
        turns.append(
            {
                "speaker": SPEAKERS.get(sender, "Assistant"),
                "resident": sender == "user",
                "text": turn.get("text", ""),
                "at": at,
                "new_day": new_day,
            }
        )
    readers = ModelLogEntry.objects.for_instance(transcript).filter(action=VIEW_ACTION).select_related("user")
    return TemplateResponse(
        request,
        "feedback/chat_transcript.html",
        {
            "transcript": transcript,
            "turns": turns,
            "started_on": started_on(transcript.page_url, site=site_of(transcript)),
            "council_name": CouncilNames()(transcript),
            "several_councils": council_staff.works_for_several(request.user),
            "readers": readers.order_by("-timestamp")[:20],
            "deleted_on": transcript.updated_at + timedelta(days=settings.CHAT_TRANSCRIPT_RETENTION_DAYS),
            "cut": len(transcript.turns) >= ChatTranscript.MAX_TURNS,
            "max_turns": ChatTranscript.MAX_TURNS,
        },
    )
