"""How a page is named in admin lists, so two rows never look the same.

A task's online form page has the task's title ("Report a missed bin collection" for the task page and its
form at .../start/): in a list it is "Report a missed bin collection — online form".
"""
from cms_pages.models import TaskFormPage
from cms_pages.models.forms import FORM_SUFFIX


def page_label(page):
    """The page's title as an admin list shows it ("Home", "Garden waste collections — online form"), for a
    page of any class (a plain Page too, without loading its specific page: TaskFormPage.get_admin_display_title)."""
    if page is None:
        return ""
    title = page.get_admin_display_title() if hasattr(page, "get_admin_display_title") else page.title
    if page.specific_class is TaskFormPage and not title.endswith(FORM_SUFFIX):
        title += FORM_SUFFIX
    return title
