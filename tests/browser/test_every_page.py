"""Every page a resident can reach, as they get it, on a phone (390 px) and a desktop (1280 px):
every catalogue page (../shared/content-catalogue.yaml) and guide part, a search, and the first step
of every online form. Each must load with no console error and no failed request (network error,
404, 500), pass axe (WCAG 2.2 AA and best practices), and have only form controls a person can see,
find and tell apart (tests/browser/form_controls.js).

One test walks every page (the live server's database is emptied after each test and the demo
council takes a while to load); each page is its own subtest, so every failure is reported."""
from urllib.parse import urlsplit

import pytest

from tests.conftest import all_catalogue_paths, westmere

from .page_checks import Watcher, axe_problems, form_control_problems

pytestmark = [pytest.mark.browser]

WIDTHS = (390, 1280)
SEARCH = "/search/?q=bin+day"

# Pages every council site has, outside the catalogue, and the ones residents reach from an email or a link.
SITE_WIDE = ["/a-to-z/", "/service-status/", "/find/", "/subscriptions/service-status/", "/testing-panel/join/"]


def remote_test_paths(task_page):
    """A panel member's three pages of a remote test of the task page's draft (made here: the live server's
    database starts from the demo council alone)."""
    from resident_panel.invitations import send_invitations
    from resident_panel.models import Invitation

    from tests.resident_panel.conftest import make_member, make_test

    task_page.save_revision()
    area = task_page.get_parent()
    make_member("panel.member@example.org", area)
    send_invitations(make_test(task_page, area))
    token = Invitation.objects.get().token
    return [f"/testing/{token}/", f"/testing/{token}/page/", f"/testing/{token}/questions/"]


def resident_paths(catalogue):
    from cms_pages.models import GuidePartPage, TaskFormPage, TaskPage

    def path(page):
        return urlsplit(page.get_url()).path

    missed_bin = TaskPage.objects.get(**westmere("/report-a-missed-bin/"))
    paths = all_catalogue_paths(catalogue) + [SEARCH] + SITE_WIDE + [f"/subscriptions/page/{missed_bin.pk}/"]
    paths += remote_test_paths(missed_bin)
    paths += sorted(path(part) for part in GuidePartPage.objects.live().filter(**westmere()))
    forms = sorted(path(form) for form in TaskFormPage.objects.live().filter(**westmere()))  # Westmere's host
    return paths, forms


def test_every_page_loads_cleanly_and_passes_axe(browser, live_server, demo_council, catalogue, subtests):
    paths, forms = resident_paths(catalogue)
    assert len(forms) >= 20, forms  # the catalogue's report, apply, pay and book tasks
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15000)
        watcher = Watcher(page)
        for path in paths + forms:
            with subtests.test(msg=f"{path} at {width}px"):
                response = page.goto(live_server.url + path, wait_until="load")
                assert response.status == 200, f"{path}: {response.status}"
                if path in forms:
                    assert page.get_by_role("button", name="Continue").is_visible()
                problems = watcher.take() + form_control_problems(page) + axe_problems(page)
                assert not problems, "\n".join(problems)
        context.close()
