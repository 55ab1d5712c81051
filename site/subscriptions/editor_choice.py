"""Recording the editor's choice (panels.TellSubscribersPanel) when a governed page is submitted to
customer-tested publishing: a ChangeNotice for the revision just submitted."""
from django.contrib import messages
from wagtail.models import WorkflowState

from governance.workflow import is_governed

from . import page_changes
from .panels import SUMMARY_FIELD, TELL_FIELD

SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


def is_submission(request):
    return request.method == "POST" and any(request.POST.get(action) for action in SUBMIT_ACTIONS)


def in_workflow(page):
    # Not page.current_workflow_state: the view read it (and cached it) before the workflow started.
    return WorkflowState.objects.active().for_instance(page).exists()


def record_choice(request, page):
    """After the edit or create view submitted the page to its workflow: keep what the editor chose for it."""
    if not is_submission(request) or not is_governed(type(page)) or not in_workflow(page):
        return
    tell = request.POST.get(TELL_FIELD) == "yes"
    summary, shortened = page_changes.clean_summary(request.POST.get(SUMMARY_FIELD, ""))
    page_changes.record(page, page.get_latest_revision(), request.user, tell, summary)
    if shortened:
        messages.warning(request, "‘What changed’ was too long for one line, so we shortened it. "
                                  "Submit again to change it.")
    if tell and not summary:
        messages.warning(request, "You did not say what changed: the email to subscribers will only say that "
                                  "the page has changed.")
