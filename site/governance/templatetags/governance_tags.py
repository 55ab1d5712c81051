from django import template

from governance.review_words import in_review, status_words

register = template.Library()


@register.simple_tag
def page_status_words(page):
    """The page's status as the council says it ("live + in customer testing")."""
    return status_words(page)


@register.simple_tag
def review_title(workflow_state):
    """"In customer testing" or "Awaiting approval", for the editor's status panel."""
    return in_review(workflow_state.workflow if workflow_state else None).capitalize()
