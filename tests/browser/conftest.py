"""Real browser tests: Playwright drives Debian's chromium against the live test server."""
import os
import shutil

import pytest

from tests.conftest import reload_demo_council

# Playwright's sync API runs an event loop in this thread; the tests only read the database.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), "Browser tests need Debian's chromium: apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo_council(transactional_db):
    """The live server's tests are transactional: the database is emptied after each, so load it again."""
    reload_demo_council()


@pytest.fixture
def page(browser, live_server, demo_council):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone first
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
