"""Editors can only build the tree the site's navigation expects."""
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms_pages.models import (
    ContactPage,
    GuidePage,
    GuidePartPage,
    HomePage,
    ServiceAreaPage,
    SignpostPage,
    StandardPage,
    StepByStepPage,
    TaskFormPage,
    TaskPage,
    UrgentPage,
)


class TreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_holds_areas_and_site_pages(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {ServiceAreaPage, StepByStepPage, ContactPage, StandardPage})

    def test_service_areas_hold_the_tasks(self):
        self.assertAllowedParentPageTypes(ServiceAreaPage, {HomePage})
        self.assertAllowedSubpageTypes(
            ServiceAreaPage, {TaskPage, GuidePage, StepByStepPage, SignpostPage, UrgentPage}
        )

    def test_forms_belong_to_tasks_and_guide_parts_to_guides(self):
        self.assertAllowedParentPageTypes(TaskFormPage, {TaskPage})
        self.assertAllowedSubpageTypes(TaskPage, {TaskFormPage})
        self.assertAllowedParentPageTypes(GuidePartPage, {GuidePage})
        self.assertAllowedSubpageTypes(GuidePage, {GuidePartPage})

    def test_leaf_pages_have_no_children(self):
        for model in (SignpostPage, UrgentPage, StepByStepPage, StandardPage, GuidePartPage, TaskFormPage):
            self.assertAllowedSubpageTypes(model, set())

    def test_a_task_cannot_go_straight_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, TaskPage)
        self.assertCanNotCreateAt(TaskPage, TaskPage)

    def test_an_editor_can_create_a_task_in_a_service_area(self):
        self.login()
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Home", slug="test-home", summary="Home"))
        area = home.add_child(instance=ServiceAreaPage(title="Bins", slug="bins", summary="Bins"))
        self.assertCanCreate(
            area,
            TaskPage,
            nested_form_data(
                {
                    "title": "Report a broken bin",
                    "slug": "report-a-broken-bin",
                    "summary": "Tell us if your bin is broken.",
                    "kind": "report",
                    "body": streamfield([("heading", {"text": "Before you start"})]),
                    "related_pages": streamfield([]),
                }
            ),
            publish=False,  # a task page goes live only through Customer-tested publishing
        )
