"""Assistant updates in the admin: every run (who, when, data, scores, outcome), start one, roll back."""
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from . import activation, evaluation, pipeline
from .models import AssistantUpdate
from .runner import run_in_background

PERMISSION = "assistant_updates.run_assistant_update"


def can_update(user):
    return user.is_active and user.has_perm(PERMISSION)


def described(update):
    """The run with its changes and score said in words (for the list)."""
    update.change_lines = [f"{c['title']} ({pipeline.CHANGE_WORDS[c['change']]})" for c in update.changes or []]
    scores = update.scores or {}
    update.understood = evaluation.in_100(scores["f1"]) if scores.get("f1") else None
    update.understood_before = evaluation.in_100(scores["live_f1"]) if scores.get("live_f1") else None
    return update


def index(request):
    if not can_update(request.user):
        raise PermissionDenied
    updates = [described(update) for update in AssistantUpdate.objects.select_related("started_by")[:50]]
    live = pipeline.current_live()
    waiting, pages = pipeline.waiting_changes()
    return TemplateResponse(request, "assistant_updates/index.html", {
        "updates": updates,
        "live": live,
        "running": any(not update.is_finished for update in updates),
        "can_roll_back": bool(live and live.previous_model_file),
        "waiting": [f"{c['title']} ({pipeline.CHANGE_WORDS[c['change']]})" for c in waiting or []],
        "waiting_known": waiting is not None,
        "pages_now": len(pages),
        "minimum_understood": evaluation.in_100(settings.ASSISTANT_MIN_F1),
    })


@require_POST
def start(request):
    if not can_update(request.user):
        raise PermissionDenied
    try:
        update = pipeline.start_update(request.user)
    except pipeline.UpdateRefused as error:
        messages.error(request, str(error))
    else:
        run_in_background(update)
        messages.success(request, "The update has started. Learning the pages and checking take several minutes; "
                                  "this page shows how it goes. Residents keep the current assistant meanwhile.")
    return redirect("assistant_updates:index")


@require_POST
def roll_back(request):
    if not can_update(request.user):
        raise PermissionDenied
    try:
        update = pipeline.rollback(request.user)
    except (pipeline.UpdateRefused, activation.ActivationFailed) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"Went back from update {update.pk}: the assistant from before it answers residents again."
        )
    return redirect("assistant_updates:index")
