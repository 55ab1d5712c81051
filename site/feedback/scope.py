"""Whose feedback a member of staff sees, and whose council each item is: the councils they work for
(sitewide.council_staff), one rule for every section of the Resident feedback dashboard, its spreadsheet, "Mark
dealt with" and "Teach the assistant", as assistant.chat_scope is for chats.

Page feedback and "Did this answer help?" belong to the council whose tree their page is in, a comment,
compliment or complaint to its service area's. Feedback with neither (an address that is no page, a comment that
names no service) belongs to the council whose site it came from; none kept (older rows): the default council.
An unanswered question belongs to the council it was asked on, a search to the council it was made on. A council's
editors see only their own; a shared team sees its councils' together, each item labelled with its council; any
other council's item is "not found" to them.
"""
from django.db.models import Q
from django.shortcuts import get_object_or_404
from wagtail.models import Site

from assistant.models import UnansweredQuestion
from sitewide import council_staff
from sitewide.councils import council_for_site, council_name

from .models import ChatAnswerFeedback, PageFeedback, ServiceComment


def about_a_page(site_ids, page_field):
    """A filter on feedback about a page (`page_field`, which may be empty) for the councils (Sites) `site_ids`: by
    the page's tree, else by the site it came from."""
    no_page = Q(**{f"{page_field}__isnull": True}) & council_staff.sites_or_default(site_ids)
    return council_staff.pages_of_councils(site_ids, f"{page_field}__path") | no_page


def page_feedback_for(user, queryset=None):
    queryset = PageFeedback.objects.all() if queryset is None else queryset
    return queryset.filter(about_a_page(council_staff.council_ids_for(user), "page"))


def chat_answer_feedback_for(user, queryset=None):
    # A rating is always of a page; one whose page is gone is nobody's to act on.
    queryset = ChatAnswerFeedback.objects.all() if queryset is None else queryset
    return queryset.filter(council_staff.page_filter(user, "page__path"))


def service_comments_for(user, queryset=None):
    queryset = ServiceComment.objects.all() if queryset is None else queryset
    return queryset.filter(about_a_page(council_staff.council_ids_for(user), "service_area"))


def questions_for(user, queryset=None):
    queryset = UnansweredQuestion.objects.all() if queryset is None else queryset
    return queryset.filter(council_staff.site_or_default_filter(user))


def question_or_404(user, pk):
    return get_object_or_404(questions_for(user), pk=pk)


def default_site_id():
    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


def same_council(question):
    """A filter on unanswered questions for those asked in `question`'s council (none kept: the default's)."""
    return council_staff.sites_or_default([question.site_id or default_site_id()])


class Councils:
    """The councils `user` works for, to say whose council an item is: labelled (with its council's name) only
    when they work for several, as a list of one council's items needs no label."""

    def __init__(self, user):
        self.sites = {site.pk: site for site in council_staff.councils_for(user).select_related("root_page")}
        self.labelled = len(self.sites) > 1
        self.default_id = default_site_id()
        self.names = {}

    @property
    def ids(self):
        return list(self.sites)

    def site(self, site_id=None, tree_path=None):
        """The council (a Site) whose tree holds the page at `tree_path`, else the site `site_id`, else the
        default council."""
        if tree_path:
            roots = [site for site in self.sites.values() if tree_path.startswith(site.root_page.path)]
            if roots:
                return max(roots, key=lambda site: len(site.root_page.path))
        return self.sites.get(site_id or self.default_id) or Site.objects.filter(pk=site_id or self.default_id).first()

    def name(self, site):
        key = site.pk if site is not None else None
        if key not in self.names:
            self.names[key] = council_name(council_for_site(site))
        return self.names[key]

    def label(self, site_id=None, tree_path=None):
        """The council's name for a list of several councils' items, else ""."""
        return self.name(self.site(site_id, tree_path)) if self.labelled else ""
