"""The council's page types and the tree rules that keep the site tidy."""

from django.db import models
from django.http import Http404
from subscriptions.panels import TellSubscribersPanel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from assistant.chat_pages import chat_panel
from cms_pages.blocks import BodyStreamBlock, StepBlock, TaskBodyStreamBlock
from cms_pages.lookups import lookup_for
from governance.workflow import CustomerTested
from sitewide.current_site import current_site
from sitewide.page_cache import keep, peek_kept
from sitewide.pages import ServiceArea

from .base import CouncilPage, ResidentTaskPage, SearchKeywordsMixin
from .forms import TaskFormPage

AREA_CHILDREN = [
    "cms_pages.TaskPage",
    "cms_pages.GuidePage",
    "cms_pages.StepByStepPage",
    "cms_pages.SignpostPage",
    "cms_pages.UrgentPage",
]


class InJourneysMixin:
    """Pages with the side navigation: the step-by-step journeys that link to them."""

    def get_journeys(self):
        return [journey for journey in StepByStepPage.objects.live() if self.pk in journey.linked_page_ids()]


class HomePage(CouncilPage):
    intro = models.CharField(max_length=255, blank=True, help_text="One sentence under the council's name.")
    top_tasks = StreamField(
        [("task", blocks.PageChooserBlock())],
        blank=True,
        help_text="The six to eight tasks residents come for most. Check the top searches report before changing.",
    )

    content_panels = CouncilPage.content_panels + [FieldPanel("intro"), FieldPanel("top_tasks")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms_pages.ServiceAreaPage",
        "cms_pages.StepByStepPage",
        "cms_pages.ContactPage",
        "cms_pages.StandardPage",
    ]
    # One home page per council: each is the root of a Wagtail Site (a council's own hostname and content tree),
    # made only under the tree's root.

    class Meta:
        verbose_name = "Home page"

    def route(self, request, path_components):
        """The page a path names in one query, not two a level as Wagtail's own routing asks: the deepest page whose
        address is a start of the path, which then routes the rest itself (an online form's steps). The same answer
        as Wagtail's, since no page type between the home page and the last page routes by anything but its
        children's slugs. Only pages inside this home page's tree are found: another council's page with the same
        address is never served on this council's site. A page found at the whole address is kept under the page
        cache's version (a publish, move or unpublish replaces it); a longer made-up address is never kept."""
        if not path_components:
            return super().route(request, path_components)
        whole = self.url_path + "/".join(path_components) + "/"
        page = peek_kept(f"page-at:{whole}")
        if page is None:
            addresses = [self.url_path + "/".join(path_components[:n]) + "/" for n in range(1, len(path_components))]
            addresses.append(whole)
            page = Page.objects.filter(url_path__in=addresses, path__startswith=self.path).order_by("-depth").first()
            if page is None:
                raise Http404
            page = page.specific
            if page.url_path == whole:
                keep(f"page-at:{whole}", page)
        return page.route(request, path_components[page.depth - self.depth :])

    def get_top_tasks(self):
        return [block.value.specific for block in self.top_tasks if block.value and block.value.live]

    def get_service_areas(self):
        return self.get_children().live().public().type(ServiceAreaPage, ContactPage).specific()


class ServiceAreaPage(ServiceArea, CouncilPage):
    intro = models.TextField(blank=True, help_text="A short paragraph at the top of the page.")

    content_panels = CouncilPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = AREA_CHILDREN

    class Meta:
        verbose_name = "Service area (for example Bins and recycling)"

    def get_tasks(self):
        return self.get_children().live().public().specific()


class TaskKind(models.TextChoices):
    INFO = "info", "Information"
    REPORT = "report", "Report something"
    APPLY = "apply", "Apply for something"
    PAY = "pay", "Pay for something"
    BOOK = "book", "Book something"


class TaskPage(CustomerTested, InJourneysMixin, ResidentTaskPage):
    kind = models.CharField(
        max_length=10,
        choices=TaskKind.choices,
        default=TaskKind.INFO,
        help_text="Report, apply, pay and book tasks need an online form: add a form page below this page.",
    )
    who_can_use = models.TextField("Who can use this", blank=True)
    what_you_need = models.TextField(
        "What you need", blank=True, help_text="One item per line, for example: your Council Tax account number."
    )
    cost = models.CharField(
        max_length=200,
        blank=True,
        help_text="For example: Free. Leave it empty when the online form has a price table: the page shows "
        "the prices from it.",
    )
    time_taken = models.CharField(
        "How long it takes",
        max_length=255,
        blank=True,
        help_text="How long the form takes and when they will hear back.",
    )
    # A task's body can also hold a tool that looks an address up (bin day lookup, councillor finder).
    body = StreamField(TaskBodyStreamBlock(), blank=True)

    content_panels = ResidentTaskPage.content_panels + [
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldPanel("who_can_use"), FieldPanel("what_you_need"), FieldPanel("cost"), FieldPanel("time_taken")],
            heading="Before you start",
        ),
        FieldPanel("body"),
        FieldPanel("related_pages"),
        chat_panel,
        TellSubscribersPanel(),
    ]
    promote_panels = ResidentTaskPage.promote_panels + [FieldPanel("search_keywords")]
    search_fields = ResidentTaskPage.search_fields + [
        index.SearchField("who_can_use"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["cms_pages.ServiceAreaPage", "cms_pages.ContactPage"]
    subpage_types = ["cms_pages.TaskFormPage"]

    class Meta:
        verbose_name = "Task page"

    @property
    def needs_form(self):
        return self.kind != TaskKind.INFO

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lookup"] = lookup_for(self.body, request.GET, current_site(request))
        return context

    def what_you_need_list(self):
        return [line.strip() for line in self.what_you_need.splitlines() if line.strip()]

    def cost_lines(self):
        """What the page says under Cost: the prices of its form's price table, or what the editor typed."""
        form_page = self.get_form_page() if self.needs_form else None
        table = form_page.price_table() if form_page else None
        if table:
            return [*table.cost_lines(), *([table.note] if table.note else [])]
        return [self.cost] if self.cost else []

    def cost_text(self):
        return " ".join(self.cost_lines())

    def get_form_page(self):
        return TaskFormPage.objects.child_of(self).live().first()

    @property
    def chat_kind(self):
        return self.kind

    def get_chat_start_page(self):
        return self.get_form_page() if self.needs_form else None


class GuidePartsMixin:
    """Previous and next links between the parts of a guide."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parts = self.guide.get_parts()
        labelled = [{"page": part, "label": "Overview" if i == 0 else part.title} for i, part in enumerate(parts)]
        index = next(i for i, part in enumerate(parts) if part.pk == self.pk)
        context["previous_part"] = labelled[index - 1] if index > 0 else None
        context["next_part"] = labelled[index + 1] if index + 1 < len(labelled) else None
        return context


class GuidePage(CustomerTested, InJourneysMixin, GuidePartsMixin, ResidentTaskPage):
    """A guide in several parts. This page is part 1; each child is a further part with its own URL."""

    content_panels = ResidentTaskPage.content_panels + [
        HelpPanel(content="This page is the first part of the guide. Add further parts as child pages."),
        FieldPanel("body"),
        FieldPanel("related_pages"),
        chat_panel,
        TellSubscribersPanel(),
    ]
    promote_panels = ResidentTaskPage.promote_panels + [FieldPanel("search_keywords")]
    chat_kind = "guide"
    parent_page_types = ["cms_pages.ServiceAreaPage"]
    subpage_types = ["cms_pages.GuidePartPage"]

    class Meta:
        verbose_name = "Guide (in parts)"

    def get_parts(self):
        return [self, *self.get_children().live().public().specific()]

    @property
    def guide(self):
        return self


class GuidePartPage(GuidePartsMixin, CouncilPage):
    body = StreamField(BodyStreamBlock(), blank=True)

    content_panels = CouncilPage.content_panels + [FieldPanel("body"), TellSubscribersPanel()]
    search_fields = CouncilPage.search_fields + [index.SearchField("body")]
    parent_page_types = ["cms_pages.GuidePage"]
    subpage_types = []

    template = "cms_pages/guide_page.html"

    class Meta:
        verbose_name = "Guide part"

    @property
    def guide(self):
        return self.get_parent().specific


class StepByStepPage(CustomerTested, InJourneysMixin, ResidentTaskPage):
    """A life-event journey: numbered steps, each linking to the tasks it involves."""

    steps = StreamField([("step", StepBlock())], help_text="Steps in the order residents do them.")

    content_panels = ResidentTaskPage.content_panels + [
        FieldPanel("steps"),
        FieldPanel("body"),
        FieldPanel("related_pages"),
        chat_panel,
        TellSubscribersPanel(),
    ]
    promote_panels = ResidentTaskPage.promote_panels + [FieldPanel("search_keywords")]
    search_fields = ResidentTaskPage.search_fields + [index.SearchField("steps")]
    chat_kind = "step_by_step"
    parent_page_types = ["cms_pages.HomePage", "cms_pages.ServiceAreaPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Step-by-step journey"

    def linked_page_ids(self):
        """The ids of the pages its steps link to, read from the stored blocks: no page is loaded, so listing the
        journeys a page is in costs one query however many journeys and links there are."""
        ids = set()
        for step in self.steps.raw_data:
            for link in step["value"].get("links") or []:
                value = link.get("value") if isinstance(link, dict) else link  # a ListBlock item, or the old form
                if value:
                    ids.add(value)
        return ids

    def step_number_for(self, page):
        for number, step in enumerate(self.steps, start=1):
            if any(link and link.pk == page.pk for link in step.value["links"]):
                return number
        return None


class SignpostPage(InJourneysMixin, ResidentTaskPage):
    """For things the district council does not do: say who does, and link there."""

    organisation = models.CharField(
        max_length=150, help_text="Who deals with this, for example: Westmere County Council."
    )
    organisation_url = models.URLField(help_text="The page on their website where residents can do it.")

    content_panels = ResidentTaskPage.content_panels + [
        MultiFieldPanel([FieldPanel("organisation"), FieldPanel("organisation_url")], heading="Who does this"),
        FieldPanel("body"),
        FieldPanel("related_pages"),
        chat_panel,
    ]
    promote_panels = ResidentTaskPage.promote_panels + [FieldPanel("search_keywords")]
    search_fields = ResidentTaskPage.search_fields + [index.SearchField("organisation")]
    chat_kind = "signpost"
    parent_page_types = ["cms_pages.ServiceAreaPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Signpost (another organisation does this)"

    def get_chat_signpost(self):
        return {"organisation": self.organisation, "url": self.organisation_url}


class UrgentPage(InJourneysMixin, ResidentTaskPage):
    """Someone needs a person now: the phone numbers come before anything else."""

    urgent_message = models.CharField(
        max_length=255, help_text="One sentence, for example: If you have nowhere to sleep tonight, call us now."
    )
    phone = models.CharField(max_length=30)
    out_of_hours_phone = models.CharField(
        max_length=30, help_text="The number to call evenings, weekends and bank holidays."
    )

    content_panels = ResidentTaskPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("urgent_message"), FieldPanel("phone"), FieldPanel("out_of_hours_phone")], heading="Call us now"
        ),
        FieldPanel("body"),
        FieldPanel("related_pages"),
        chat_panel,
    ]
    promote_panels = ResidentTaskPage.promote_panels + [FieldPanel("search_keywords")]
    chat_kind = "urgent"
    parent_page_types = ["cms_pages.ServiceAreaPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Urgent help page"


class ContactPage(SearchKeywordsMixin, CouncilPage):
    """How to reach the council; phone, address and hours come from the council's contact settings."""

    intro = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    face_to_face = StreamField(BodyStreamBlock(), blank=True, help_text="Ways to get help in person.")

    content_panels = CouncilPage.content_panels + [FieldPanel("intro"), FieldPanel("email"), FieldPanel("face_to_face")]
    search_fields = (
        CouncilPage.search_fields + SearchKeywordsMixin.keyword_search_fields + [index.SearchField("face_to_face")]
    )
    promote_panels = CouncilPage.promote_panels + [FieldPanel("search_keywords")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.TaskPage"]
    max_count = 1

    class Meta:
        verbose_name = "Contact page"

    def get_tasks(self):
        return self.get_children().live().public().specific()


class StandardPage(SearchKeywordsMixin, CouncilPage):
    """Plain pages such as the accessibility statement, privacy notice and cookies."""

    body = StreamField(BodyStreamBlock(), blank=True)

    content_panels = CouncilPage.content_panels + [FieldPanel("body")]
    search_fields = CouncilPage.search_fields + SearchKeywordsMixin.keyword_search_fields + [index.SearchField("body")]
    promote_panels = CouncilPage.promote_panels + [FieldPanel("search_keywords")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "Standard page"
