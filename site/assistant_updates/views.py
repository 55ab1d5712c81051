"""Assistant updates in the admin: every run (who, when, data, scores, outcome), start one, roll back."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from . import activation, pipeline
from .models import AssistantUpdate
from .runner import run_in_background

PERMISSION = "assistant_updates.run_assistant_update"


def can_update(user):
    return user.is_active and user.has_perm(PERMISSION)


def index(request):
    if not can_update(request.user):
        raise PermissionDenied
    updates = list(AssistantUpdate.objects.select_related("started_by")[:50])
    live = pipeline.current_live()
    return TemplateResponse(request, "assistant_updates/index.html", {
        "updates": updates,
        "live": live,
        "running": any(not update.is_finished for update in updates),
        "can_roll_back": bool(live and live.previous_model_file),
        "servers": activation.configured_urls(),
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
        messages.success(request, "The update has started. Training and testing take several minutes; "
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
        messages.success(request, f"Rolled back update {update.pk}: the assistant from before it is live again.")
    return redirect("assistant_updates:index")
