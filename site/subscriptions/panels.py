"""The editor's choice, in the page editor of governed pages: tell the page's subscribers when this change goes
live, and what changed in one line. The two boxes are not fields of the page (the choice belongs to one
submission, not to the page's content): wagtail_hooks.py reads them from the submitted form.

cms_pages adds the panel to its governed page types; it shows only on pages customer-tested publishing governs.
"""
from wagtail.admin.panels import Panel

from governance.workflow import is_governed

from .models import SUMMARY_MAX_LENGTH
from .page_changes import subscriber_count, waiting_notice

TELL_FIELD = "subscriptions-tell"
SUMMARY_FIELD = "subscriptions-summary"


class TellSubscribersPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Email subscribers")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return "tell_subscribers"

    class BoundPanel(Panel.BoundPanel):
        template_name = "subscriptions/admin/tell_subscribers_panel.html"

        def is_shown(self):
            return self.instance is not None and is_governed(type(self.instance)) and super().is_shown()

        def page_for_count(self):
            """The page itself, or for a new page its parent (a new part of a guide: the guide's subscribers)."""
            if self.instance.pk:
                return self.instance
            return getattr(self.form, "parent_page", None)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.page_for_count()
            notice = waiting_notice(self.instance)
            context.update(
                tell_field=TELL_FIELD,
                summary_field=SUMMARY_FIELD,
                max_length=SUMMARY_MAX_LENGTH,
                count=subscriber_count(page) if page is not None else 0,
                tell=notice.tell_subscribers if notice else False,
                summary=notice.summary if notice else "",
            )
            return context
