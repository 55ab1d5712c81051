"""Admin: remote tests (made by editors, with their results and the "Send invitations" button) and the panel
itself (how many members per topic; their email addresses only with SEE_MEMBERS_PERMISSION). Staff see the panels
of the councils they work for, and choose a test's topics from their service areas (resident_panel.councils)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from feedback.scope import Councils
from governance.models import focus_group_result
from sitewide.councils import council_for_page, council_name, site_for_page

from .councils import members_for, service_areas_for, tests_for
from .invitations import eligible_members, places_left, send_invitations
from .membership import leave
from .models import SEE_MEMBERS_PERMISSION, PanelMember, RemoteTest
from .results import results_of


class RemoteTestForm(WagtailAdminModelForm):
    """The topics are the live service areas of the councils the user works for (each named with its council when
    they work for several), and must be the tested page's council's: its panel is the one invited. The page is
    fixed once the test exists (its revision is pinned)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        councils = Councils(self.for_user) if self.for_user is not None else None
        self.fields["topics"].queryset = service_areas_for(self.for_user) if councils else Page.objects.none()
        self.fields["topics"].label_from_instance = lambda page: topic_label(page, councils)
        self.fields["topics"].widget = forms.CheckboxSelectMultiple(choices=self.fields["topics"].choices)
        if self.instance.pk:
            self.fields["page"].disabled = True
            self.fields["page"].help_text = (
                "Tested: the version saved on "
                + (timezone.localtime(self.instance.revision.created_at).strftime("%d %B %Y, %H:%M")
                   if self.instance.revision else "(deleted)")
                + ". To test a newer draft, make a new test."
            )
        else:
            self.fields["page"].help_text = "Residents will see its latest draft, as it is now."

    def clean_page(self):
        page = self.cleaned_data.get("page")
        if page is not None and not self.instance.pk and page.latest_revision_id is None:
            raise forms.ValidationError("This page has no saved version: save a draft of it first.")
        return page

    def clean(self):
        cleaned = super().clean()
        page, topics = cleaned.get("page") or getattr(self.instance, "page", None), cleaned.get("topics")
        if page is not None and topics:
            site = site_for_page(page)
            others = [topic for topic in topics if site_for_page(topic) != site]
            if others:
                self.add_error("topics", (
                    f"Choose topics of {council_name(council_for_page(page))}, whose page this is: its testing "
                    f"panel is the one invited. {', '.join(topic.title for topic in others)} "
                    f"{'is' if len(others) == 1 else 'are'} {council_name(council_for_page(others[0]))}'s."
                ))
        return cleaned

    def clean_ends_on(self):
        ends_on = self.cleaned_data.get("ends_on")
        if ends_on and ends_on < timezone.localdate() and "ends_on" in self.changed_data:
            raise forms.ValidationError("The end date must be today or later.")
        return ends_on


def topic_label(page, councils):
    """A topic's title, with its council's name when the user works for several."""
    council = councils.label(tree_path=page.path) if councils is not None else ""
    return f"{page.title} ({council})" if council else page.title


class RemoteTestCreateView(CreateView):
    def get_initial(self):
        """The page from ?page= (the page's "Test it online" button)."""
        initial = super().get_initial()
        if self.request.GET.get("page", "").isdigit():
            initial["page"] = int(self.request.GET["page"])
        return initial

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_url(self):
        return reverse("remote_tests:results", args=[self.object.pk])


def status_text(test):
    if not test.is_open():
        return "Ended"
    if test.invitations_sent_at is None:
        return "Invitations not sent"
    return "Open"


class RemoteTestIndexView(IndexView):
    def get_base_queryset(self):
        return tests_for(self.request.user) & super().get_base_queryset()


class OwnCouncilsTestMixin:
    """Another council's test is not there for this user."""

    def get_object(self, *args, **kwargs):
        test = super().get_object(*args, **kwargs)
        if not tests_for(self.request.user).filter(pk=test.pk).exists():
            raise Http404
        return test


class RemoteTestEditView(OwnCouncilsTestMixin, EditView):
    pass


class RemoteTestDeleteView(OwnCouncilsTestMixin, DeleteView):
    pass


class RemoteTestViewSet(ModelViewSet):
    model = RemoteTest
    icon = "mail"
    menu_label = "Remote tests"
    name = "remote_tests"
    add_to_admin_menu = False  # in the "Customer testing" group (wagtail_hooks)
    add_view_class = RemoteTestCreateView
    index_view_class = RemoteTestIndexView
    edit_view_class = RemoteTestEditView
    delete_view_class = RemoteTestDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["name"]
    search_backend_name = None
    list_display = [
        TitleColumn("name", label="Test", get_url=lambda test: reverse("remote_tests:results", args=[test.pk])),
        Column("page", label="Page"),
        Column("ends_on", label="Ends"),
        Column("status", label="Status", accessor=status_text),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("page"),
            InlinePanel("tasks", heading="Tasks", label="Task", min_num=1),
            FieldPanel("topics", heading="Who to invite: panel members interested in"),
            FieldRowPanel([FieldPanel("max_invitations"), FieldPanel("ends_on")]),
        ],
        base_form_class=RemoteTestForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("results/<int:pk>/", results_view, name="results"),
            path("invite/<int:pk>/", invite_view, name="invite"),
        ]


def check_permission(user, action):
    if not policy_registry.get_by_type(RemoteTest).user_has_permission(user, action):
        raise PermissionDenied


def results_view(request, pk):
    """The test's results for editors (no names, no emails) and what the focus-group gate makes of the page now."""
    check_permission(request.user, "change")
    test = get_object_or_404(tests_for(request.user).select_related("page", "revision", "session"), pk=pk)
    page = test.page.specific
    latest = page.get_latest_revision_as_object()
    return TemplateResponse(request, "resident_panel/admin/results.html", {
        "test": test,
        "page": page,
        "results": results_of(test),
        "invited": test.invitations.count(),
        "places_left": places_left(test),
        "can_invite": eligible_members(test).count() if test.is_open() else 0,
        "gate": focus_group_result(latest),
        "draft_changed": test.revision_id is not None and test.revision_id != page.latest_revision_id,
        "is_open": test.is_open(),
    })


@require_POST
def invite_view(request, pk):
    check_permission(request.user, "change")
    test = get_object_or_404(tests_for(request.user), pk=pk)
    if not test.is_open():
        messages.error(request, "This test has ended: no invitations sent.")
    else:
        sent = send_invitations(test)
        if sent:
            messages.success(request, f"Sent {sent} invitation{'s' if sent != 1 else ''}.")
        else:
            messages.warning(request, "No invitations sent: no more panel members to invite for these topics now.")
    return redirect("remote_tests:results", test.pk)


def can_see_members(user):
    return user.is_active and user.has_perm(SEE_MEMBERS_PERMISSION)


def can_see_panel(user):
    return can_see_members(user) or user.has_perm("resident_panel.add_remotetest")


def panel_view(request):
    """How many confirmed members each topic has; their email addresses only for those with the permission. Only
    the panels of the councils the user works for, each row named with its council when they work for several."""
    if not can_see_panel(request.user):
        raise PermissionDenied
    members, councils = members_for(request.user), Councils(request.user)
    chosen = PanelMember.topics.through.objects.filter(panelmember__in=members.filter(confirmed_at__isnull=False))
    counts = {row["page_id"]: row["members"] for row in chosen.values("page_id").annotate(members=Count("pk"))}
    context = {
        "topics": [
            (topic, counts.get(topic.pk, 0), councils.label(tree_path=topic.path))
            for topic in service_areas_for(request.user)
        ],
        "confirmed": members.filter(confirmed_at__isnull=False).count(),
        "waiting": members.filter(confirmed_at__isnull=True).count(),
        "can_see_members": can_see_members(request.user),
        "several_councils": councils.labelled,
    }
    if context["can_see_members"]:
        context["members"] = list(members.prefetch_related("topics"))
        for member in context["members"]:
            member.council_name = councils.label(site_id=member.site_id)
    return TemplateResponse(request, "resident_panel/admin/panel.html", context)


@require_POST
def remove_member_view(request, pk):
    """Remove a member who asked us to (by phone, say): the same as their own leave link. Another council's member
    is "not found"."""
    if not can_see_members(request.user):
        raise PermissionDenied
    leave(get_object_or_404(members_for(request.user), pk=pk))
    messages.success(request, "Removed from the panel, and their details deleted.")
    return redirect("resident_panel_admin:panel")
