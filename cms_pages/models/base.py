"""What every public page shares: a summary, social-media card fields and breadcrumbs.

The page types themselves are in pages.py, which builds on this module (never the other way round)."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from assistant.chat_pages import ChatAnswerMixin
from cms_pages.blocks import BodyStreamBlock
from complaints.reports import LessonsPanel
from sitewide.view_restrictions import KeptViewRestrictionsMixin


class CouncilSiteMixin:
    """What a page says of the council (Wagtail site) whose tree it is in.

    Its `url` without a request is its path on its own council's site ("/council-tax/pay/").

    With several councils (Wagtail sites) on the installation, Wagtail's `page.url` is a full address
    (http://host:port/...) whenever it is not told the current site. A council's pages link only to pages of its own
    content tree, so a path is right wherever they are shown, and the rest of the code (emails join it to the site's
    public address) expects one. Given a request, `get_url` is Wagtail's: a path on the request's own site, a full
    address for another council's page (`{% pageurl %}`)."""

    def get_url(self, request=None, current_site=None):
        if request is None and current_site is None:
            parts = self.get_url_parts()
            return parts[2] if parts is not None and parts[2] is not None else None
        return super().get_url(request=request, current_site=current_site)

    url = property(get_url)

    def get_admin_display_title(self):
        """In the admin a page of a council other than the default one is named with it ("Bins and recycling
        (Fellside District Council)"): in a list of both councils' pages no two rows look the same."""
        return super().get_admin_display_title() + council_suffix(self)


def council_suffix(page):
    site = page.get_site()
    return f" ({site.site_name})" if site is not None and not site.is_default_site and site.site_name else ""


class CouncilPage(KeptViewRestrictionsMixin, CouncilSiteMixin, Page):
    summary = models.TextField(
        max_length=300,
        help_text=(
            "One plain sentence saying what residents can do here. Shown in lists, search results and link previews."
        ),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Picture for social-media link previews (1200 x 630). The council logo is used if empty.",
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.AutocompleteField("summary"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        LessonsPanel(heading="What complaints about this page taught us"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("social_image")]

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_breadcrumbs(self):
        """Ancestors from the home page down, not including this page."""
        return self.get_ancestors().filter(depth__gte=2).specific()


class SearchKeywordsMixin(models.Model):
    """Words residents search with that the page itself does not use, weighed above its summary."""

    search_keywords = models.CharField(
        max_length=500,
        blank=True,
        help_text="Words residents use that are not in the title, separated by commas: tip, bin day, PCN.",
    )

    keyword_search_fields = [
        index.SearchField("search_keywords", boost=3),
        index.AutocompleteField("search_keywords"),
    ]

    class Meta:
        abstract = True


class ResidentTaskPage(ChatAnswerMixin, SearchKeywordsMixin, CouncilPage):
    """Pages that answer a resident's question: they feed search and the chatbot."""

    body = StreamField(BodyStreamBlock(), blank=True)
    related_pages = StreamField(
        [("page", blocks.PageChooserBlock())],
        blank=True,
        help_text="Two to four other tasks residents often need next.",
    )

    search_fields = (
        CouncilPage.search_fields
        + SearchKeywordsMixin.keyword_search_fields
        + [
            index.SearchField("answer"),
            index.SearchField("body"),
        ]
    )

    class Meta:
        abstract = True

    def get_related(self):
        # Title and address only, so the pages the chooser loaded in one query will do (no .specific each).
        return [block.value for block in self.related_pages if block.value and block.value.live]
