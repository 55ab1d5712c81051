"""The plain-English check on the words in the page editor, as the editor types (the Checks side panel).

The editor's script (static/governance/js/draft-check.js) posts the edit form here, the same data
Wagtail's preview posts; the page is built from it as the preview builds it, without saving, and
checked by the same function the workflow's "Plain-English check" task runs on a revision.
"""

from django.http import JsonResponse
from django.template.loader import render_to_string
from wagtail.admin.views.pages.preview import PreviewOnCreateView, PreviewOnEditView

from .accessibility import vague_links
from .models import plain_english_report
from .workflow import is_governed


class DraftCheckMixin:
    http_method_names = ("post",)

    def post(self, request, *args, **kwargs):
        if not is_governed(self.object):
            return JsonResponse({"governed": False, "html": ""})
        form = self.get_form(request.POST)
        # Fields that fail their own validation keep their saved words: the rest are checked as typed.
        complete = self.validate_form(form)
        report = plain_english_report(form.instance)
        links = vague_links(form.instance)
        html = render_to_string(
            "governance/draft_check.html",
            {"report": report, "complete": complete, "vague_links": links},
            request=request,
        )
        return JsonResponse(
            {
                "governed": True,
                "passed": report.passed,
                "summary": report.summary(),
                "problems": [check.key for check in report.failed_checks],
                "vague_links": [text for _label, text in links],
                "html": html,
            }
        )


class DraftCheckOnEditView(DraftCheckMixin, PreviewOnEditView):
    pass


class DraftCheckOnCreateView(DraftCheckMixin, PreviewOnCreateView):
    pass
