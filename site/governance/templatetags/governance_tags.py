from django import template

from governance.review_words import in_review, status_words
from governance.workflow import is_customer_tested_workflow

register = template.Library()


@register.simple_tag
def page_status_words(page):
    """The page's status as the council says it ("live + in customer testing")."""
    return status_words(page)


@register.simple_tag
def review_title(workflow_state):
    """"In customer testing" or "Awaiting approval", for the editor's status panel."""
    return in_review(workflow_state.workflow if workflow_state else None).capitalize()


@register.simple_tag
def review_process(workflow=None, task=None):
    """What a page under review is going through, for the notification emails: "customer testing" or
    "approval". A task's emails know the task only: it is customer testing if the task is one of that workflow's."""
    if task is not None and workflow is None:
        workflow = next((w for w in task.workflows.all() if is_customer_tested_workflow(w)), None)
    return "customer testing" if is_customer_tested_workflow(workflow) else "approval"
