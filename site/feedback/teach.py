"""Teach the assistant: a question it could not answer becomes an example of the page that answers it.

The question (personal data already removed when it was recorded) is added to the chosen page's
"Questions residents ask" in a new draft, so it goes live through the page's usual review, and the next
update of the assistant includes it.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from assistant.chat_pages import add_question_as_draft, chat_pages
from assistant.chat_scope import site_of
from sitewide.pages import site_path

from .dealt_with import mark_question_dealt_with
from .permissions import viewers_only
from .scope import question_or_404


class TeachForm(forms.Form):
    question = forms.CharField(
        label="The question",
        max_length=500,
        help_text="Edit it into a question residents would ask, if you need to. Personal details were removed.",
    )
    page = forms.TypedChoiceField(label="The page that answers it", coerce=int, empty_value=None)

    def __init__(self, *args, pages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pages = {page.pk: page for page in pages}
        # Each page with the address residents see, not /home/…
        self.fields["page"].choices = [("", "Choose a page")] + [
            (p.pk, f"{p.title} ({site_path(p.url_path)})") for p in pages
        ]


@viewers_only
def teach_view(request, pk):
    unanswered = question_or_404(request.user, pk)  # another council's question is "not found"
    # Its own council's pages: the question is taught to the page its residents are answered with
    live_chat_pages = chat_pages(site_of(unanswered))
    pages = [page for page in live_chat_pages if page.permissions_for_user(request.user).can_edit()]
    key = unanswered.unhelpful_answer_key
    unhelpful_answer = next((page for page in live_chat_pages if key and page.chat_key == key), None)
    form = TeachForm(request.POST or None, pages=pages, initial={"question": unanswered.text})
    if request.method == "POST" and form.is_valid():
        page = form.pages[form.cleaned_data["page"]]
        try:
            add_question_as_draft(page, form.cleaned_data["question"], request.user)
        except ValidationError as error:
            form.add_error("question", error)
        else:
            mark_question_dealt_with(unanswered)
            messages.success(
                request,
                f"The question is in a new draft of “{page.title}”. Submit the page for review: once it is "
                "published, the next update of the assistant learns it.",
            )
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return TemplateResponse(
        request,
        "feedback/teach.html",
        {
            "form": form,
            "unanswered": unanswered,
            "unhelpful_answer": unhelpful_answer,
        },
    )
