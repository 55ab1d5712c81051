"""Taking a remote test from a personal link: the tasks, the draft page, then the questions.

Every response here is for one resident: never cached (no-store, and the page cache skips /testing/), never
indexed (X-Robots-Tag and the robots meta tag) and not a Wagtail page, so it is in no search and no sitemap.
After the test's end day, or for a link we do not know, the link says the test has ended and takes nothing.
"""

from functools import wraps

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from kit.honeypot import is_spam
from sitewide.rate_limits import limited_by

from .answering import find_invitation, has_answered, record_answers
from .draft import render_draft
from .forms import AnswerForm
from .views import noindex


def ended(request, invitation=None):
    status = 404 if invitation is None else 410
    return render(request, "resident_panel/ended.html", status=status)


def with_open_invitation(view):
    """Find the invitation by its token; a link we do not know, or whose test is over, gets "This test has ended"."""

    @wraps(view)
    def wrapped(request, token):
        invitation = find_invitation(token)
        if invitation is None:
            return ended(request)
        if not invitation.test.is_open():
            return ended(request, invitation)
        return view(request, invitation)

    return noindex(never_cache(wrapped))


def context_for(invitation, **extra):
    return {"invitation": invitation, "test": invitation.test, "tasks": list(invitation.test.tasks.all()), **extra}


@with_open_invitation
def start(request, invitation):
    return render(request, "resident_panel/start.html", context_for(invitation, answered=has_answered(invitation)))


@with_open_invitation
def draft(request, invitation):
    response = render_draft(request, invitation.test.revision, context_for(invitation))
    return response if response is not None else ended(request, invitation)


@with_open_invitation
@limited_by("FORM_RATE_LIMIT", method="POST", group="remote-test-answers")
def questions(request, invitation):
    if has_answered(invitation):
        return render(request, "resident_panel/answered.html", context_for(invitation, again=True))
    form = AnswerForm(request.POST or None, tasks=invitation.test.tasks.all())
    if request.method == "POST" and (is_spam(request.POST) or form.is_valid()):
        if not is_spam(request.POST):
            record_answers(invitation, form.answers())
        return redirect("resident_panel:thanks", invitation.token)
    return render(request, "resident_panel/questions.html", context_for(invitation, form=form))


@noindex
@never_cache
def thanks(request, token):
    invitation = find_invitation(token)
    return render(request, "resident_panel/answered.html", context_for(invitation) if invitation else {})
