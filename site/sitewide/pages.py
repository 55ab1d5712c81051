"""What any app may say of a page of any type, without knowing the page types (cms_pages defines them, above
the apps): how the admin names it in lists, its address on the site, and whether it is a service area.

A task's online form page has the task's title ("Report a missed bin collection" for the task page and its
form at .../start/): in a list it is "Report a missed bin collection — online form", the title its own
page type gives the admin (TaskFormPage.get_admin_display_title).
"""


class ServiceArea:
    """Marks the page type of the site's service areas ("Bins and recycling", "Council Tax"), the sections that
    feedback and customer testing group pages by: cms_pages.ServiceAreaPage inherits it. Wagtail finds them
    with `Page.objects.type(ServiceArea)`. A plain mixin with no fields: it changes no table."""


def page_label(page):
    """The page's title as an admin list shows it ("Home", "Garden waste collections — online form"), for a
    page of any class: a plain Page too, named by its own page type without loading it (Wagtail's
    specific_deferred makes no query)."""
    if page is None:
        return ""
    page = getattr(page, "specific_deferred", page)
    return page.get_admin_display_title() if hasattr(page, "get_admin_display_title") else page.title


def page_path(page, request=None):
    """The page's path from its site's root ("/council-tax/pay/"), whatever the hostname; None if it has none."""
    parts = page.get_url_parts(request)
    return parts[2] if parts else None


def site_path(url_path):
    """The page's address on its site from its Wagtail url_path, which starts with the site root's slug:
    "/home/council-tax/pay/" -> "/council-tax/pay/"."""
    parts = url_path.strip("/").split("/", 1)
    return "/" + parts[1] + "/" if len(parts) > 1 else "/"
