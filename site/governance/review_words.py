"""The council's words for a page under review, where Wagtail says "moderation".

A governed page is in customer testing (the "Customer-tested publishing" workflow: plain-English check,
focus-group test, service owner approval); any other page under Wagtail's "Moderators approval" is awaiting
approval. The page listing's status ("Live + in customer testing"), the editor's status panel and the messages
after submitting say so (templates/wagtailadmin/: page_status_tag.html and the status side panel; the
after_create_page and after_edit_page hooks reword Wagtail's message).
"""
from django.contrib import messages
from django.utils.safestring import SafeData, mark_safe
from wagtail.models import WorkflowState

from .workflow import is_customer_tested_workflow

IN_CUSTOMER_TESTING = "in customer testing"
AWAITING_APPROVAL = "awaiting approval"

# Wagtail's messages after "Submit to …" (wagtail/admin/views/pages/edit.py and create.py).
SUBMITTED = "has been submitted for moderation."
CREATED_AND_SUBMITTED = "created and submitted for moderation."


def in_review(workflow):
    """"in customer testing" for the customer-tested workflow, "awaiting approval" for any other."""
    return IN_CUSTOMER_TESTING if is_customer_tested_workflow(workflow) else AWAITING_APPROVAL


def status_words(page):
    """Wagtail's status_string ("live + in moderation", "draft", …) with the council's words for review."""
    if page.workflow_in_progress and not page.approved_schedule and (page.live or not page.expired):
        state = page.current_workflow_state
        words = in_review(state.workflow if state else None)
        return f"live + {words}" if page.live else words
    return page.status_string


def submitted_words(workflow):
    return "submitted for customer testing" if is_customer_tested_workflow(workflow) else "sent for approval"


def reword_submitted_message(request, page):
    """After a submit, Wagtail's "… has been submitted for moderation." says what is happening instead."""
    # Not page.current_workflow_state: the editor read it (and kept it) before the workflow started.
    state = WorkflowState.objects.active().for_instance(page).select_related("workflow").first()
    if state is None:
        return
    words = submitted_words(state.workflow)
    storage = messages.get_messages(request)
    queued = list(storage)  # read every message (marks them used), then add them back, reworded
    for message in queued:
        text = str(message.message)
        if SUBMITTED in text or CREATED_AND_SUBMITTED in text:
            text = text.replace(SUBMITTED, f"has been {words}.").replace(CREATED_AND_SUBMITTED, f"created and {words}.")
        if isinstance(message.message, SafeData):
            text = mark_safe(text)  # noqa: S308 (Wagtail's own message with its buttons; our words are plain text)
        messages.add_message(request, message.level, text, extra_tags=message.extra_tags)
