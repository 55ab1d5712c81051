"""What residents see, on a phone (390 px) and a desktop (1280 px): links in page text in the council's colours,
a chat button that covers nothing, a way back to the services from any inner page, a corrected search that
counts what it searched for, and a chat that greets, suggests, tidies its buttons away, lists bin days and
links phone numbers (as words, never as markup)."""
import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.conftest import westmere

from .page_checks import Watcher, axe_problems

pytestmark = [pytest.mark.browser]

WIDTHS = (390, 1280)
TEAL = "rgb(0, 98, 94)"  # the council's link colour ($wm-teal)
BROWSER_BLUE, BROWSER_PURPLE = "rgb(0, 0, 238)", "rgb(85, 26, 139)"

# Every element a person can press or type in that the chat button's box touches (none should).
UNDER_CHAT_BUTTON_JS = """() => {
  const toggle = document.querySelector('.wm-chat__toggle')
  const box = toggle.getBoundingClientRect()
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
  const offScreen = box.bottom <= 0 || box.top >= window.innerHeight  // scrolled away with the page
  const onTop = offScreen || (hit && (hit === toggle || toggle.contains(hit)))
  const problems = onTop ? [] : ['the button is under ' + (hit && hit.outerHTML.slice(0, 80))]
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')) {
    if (el === toggle || toggle.contains(el) || el.contains(toggle) || el.closest('.wm-chat__panel')) continue
    const r = el.getBoundingClientRect()
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue
    if (r.left < box.right && box.left < r.right && r.top < box.bottom && box.top < r.bottom) {
      problems.push(el.tagName + ' "' + (el.innerText || el.value || '').trim().slice(0, 40) + '"')
    }
  }
  return problems
}"""


# The page's layout shifts (CLS) since it started loading
LAYOUT_SHIFTS_JS = """window.__shifts = 0; new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts += entry.value
}).observe({type: 'layout-shift', buffered: true})"""


def new_page(browser, width):
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


def link_colour(link):
    return link.evaluate("el => getComputedStyle(el).color")


def test_what_a_resident_sees_on_a_phone_and_a_desktop(browser, live_server, demo_council, subtests):
    from cms_pages.models import ServiceAreaPage

    areas = list(ServiceAreaPage.objects.live().filter(**westmere()).values_list("title", flat=True))
    for width in WIDTHS:
        context, page = new_page(browser, width)
        page.add_init_script(LAYOUT_SHIFTS_JS)
        watcher = Watcher(page)

        with subtests.test(msg=f"links in page text are the council's colour at {width}px"):
            page.goto(live_server.url + "/bins-and-recycling/report-a-missed-bin/")
            link = page.locator("main p > a", has_text="bin collection day").first  # Wagtail rich text
            assert link.get_attribute("class") is None
            assert link_colour(link) == TEAL
            assert "underline" in link.evaluate("el => getComputedStyle(el).textDecorationLine")
            page.goto(live_server.url + "/bins-and-recycling/what-goes-in-which-bin/")
            page.get_by_text("What about batteries and small electricals?").click()  # a details block's text
            assert link_colour(page.locator("main .govuk-details__text a", has_text="recycling centre")) == TEAL
            for path in ("/bins-and-recycling/report-a-missed-bin/", "/benefits-and-support/cost-of-living-help/"):
                page.goto(live_server.url + path)
                colours = page.locator("main a:visible").evaluate_all("as => as.map(a => getComputedStyle(a).color)")
                assert colours and BROWSER_BLUE not in colours and BROWSER_PURPLE not in colours, (path, colours)

        for path in ("/", "/planning-and-building/extend-your-home/", "/bins-and-recycling/report-a-missed-bin/"):
            with subtests.test(msg=f"the chat button covers nothing on {path} at {width}px"):
                page.goto(live_server.url + path)
                toggle = page.get_by_role("button", name="Chat with our assistant")
                expect(toggle).to_be_visible()
                assert page.evaluate("window.__shifts") == 0  # nothing moved when the button arrived
                assert not page.evaluate(UNDER_CHAT_BUTTON_JS), "on load"
                for where in ("document.body.scrollHeight / 2", "document.body.scrollHeight"):
                    page.evaluate(f"window.scrollTo(0, {where})")
                    assert not page.evaluate(UNDER_CHAT_BUTTON_JS), f"scrolled to {where}"

        with subtests.test(msg=f"a way back to the services from inner pages at {width}px"):
            for path, area in (("/bins-and-recycling/report-a-missed-bin/", "Bins and recycling"),
                               ("/bins-and-recycling/what-goes-in-which-bin/food-waste-caddy/", "Bins and recycling"),
                               ("/planning-and-building/extend-your-home/", "Planning and building control")):
                page.goto(live_server.url + path)
                more = page.get_by_role("navigation", name=f"More in {area}")
                expect(more).to_be_visible()
                title = page.get_by_role("heading", level=1).inner_text()
                assert more.get_by_role("link", name=title, exact=True).count() == 0  # not this page again
                services = page.get_by_role("contentinfo").get_by_role("navigation", name="Services")
                assert services.get_by_role("link").all_inner_texts() == areas
            more.get_by_role("link", name="All services in Planning and building control").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Planning and building control")
            page.get_by_role("contentinfo").get_by_role("link", name="Council Tax", exact=True).click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Council Tax")

        with subtests.test(msg=f"a corrected search counts the corrected words at {width}px"):
            page.goto(live_server.url + "/search/?q=mised+bin")
            expect(page.locator(".wm-search-correction")).to_contain_text("Showing results for missed bin")
            count = page.locator("#search-result-count").inner_text()
            assert re.fullmatch(r"\d+ results? for \W?missed bin\W?", count), count  # <q> adds the quotes

        assert not watcher.take()
        context.close()


@pytest.fixture
def fake_rasa(settings):
    from tests.security.fake_rasa import FakeRasa

    cache.clear()  # no open circuit or rate limit left by another test
    fake = FakeRasa()
    fake.reply = [{"recipient_id": "x", "text": "I can help with that."}]
    settings.RASA_URL = fake.url
    yield fake
    fake.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_chat_opens_with_a_greeting_and_questions_to_press(browser, live_server, demo_council, fake_rasa, width):
    from cms_pages.models import HomePage

    top_tasks = [task.title for task in HomePage.objects.get(**westmere()).get_top_tasks()][:4]
    context, page = new_page(browser, width)
    watcher = Watcher(page)
    page.goto(live_server.url + "/council-tax/")
    page.get_by_role("button", name="Chat with our assistant").click()
    log = page.get_by_role("log")
    expect(log).to_contain_text("Hello. Ask me about a council service in your own words, or choose one of these:")
    suggestions = log.locator(".wm-chat__quick-reply")
    expect(suggestions).to_have_text(top_tasks)  # the home page's top tasks, in order
    for i in range(len(top_tasks)):
        assert suggestions.nth(i).bounding_box()["height"] >= 44  # a finger-sized target
    page.screenshot(path=f"/tmp/chat-greeting-{width}.png")
    assert not axe_problems(page)

    log.get_by_role("button", name="Report a missed bin collection").click()
    log.locator(".wm-chat__message--user", has_text="Report a missed bin collection").wait_for()
    log.get_by_text("I can help with that.").wait_for()
    assert fake_rasa.messages == ["my bin wasn't emptied"]  # the page's own first question, which the bot knows
    expect(suggestions).to_have_count(0)  # the choice is made: the buttons go, and the words that offered them
    greeting = log.locator(".wm-chat__message--greeting")
    expect(greeting).to_contain_text("Hello. Ask me about a council service in your own words.")
    expect(greeting).not_to_contain_text("choose one of these")
    assert page.get_by_label("Type your question").evaluate("el => el === document.activeElement")

    page.reload()  # the greeting is not given twice, and its buttons stay gone
    page.get_by_role("log").get_by_text("I can help with that.").wait_for(state="attached")
    expect(page.locator(".wm-chat__message--greeting")).to_have_count(1)
    expect(page.locator(".wm-chat__quick-reply")).to_have_count(0)
    assert not watcher.take()
    context.close()


def test_chat_replies_list_bin_days_link_phone_numbers_and_drop_buttons_that_no_longer_apply(
        browser, live_server, demo_council, fake_rasa):
    from cms_pages.models import TaskPage

    missed_bin = TaskPage.objects.get(**westmere("/report-a-missed-bin/"))
    context, page = new_page(browser, 390)
    watcher = Watcher(page)
    page.goto(live_server.url + "/bins-and-recycling/")
    page.get_by_role("button", name="Chat with our assistant").click()
    box = page.get_by_label("Type your question")
    log = page.get_by_role("log")

    def say(text, reply):
        fake_rasa.reply = reply
        box.fill(text)
        box.press("Enter")
        page.wait_for_function("() => !document.querySelector('.wm-chat--busy')")

    say("when is my bin day", [{"recipient_id": "x", "text": "What is your postcode?",
                                "buttons": [{"title": "Stop", "payload": "/stop"}]}])
    expect(log.get_by_role("button", name="Stop")).to_have_count(1)
    say("WM1 1AA", [{"recipient_id": "x", "text": (
        "Your next collections:\n- Rubbish: Monday 8 December\n- Recycling: Monday 15 December\n"
        "- <img src=x onerror=\"document.title='owned'\"> <b>bold</b>\n"
        "If we miss your bin, call 01632 960180 or +44 (0)1632 960000. Not a number: 0163 29601801234.")}])
    expect(log.get_by_role("button", name="Stop")).to_have_count(0)  # the bin-day questions are over

    reply = log.locator(".wm-chat__message--bot").last
    items = reply.locator("ul.wm-chat__list > li")
    expect(items).to_have_text(["Rubbish: Monday 8 December", "Recycling: Monday 15 December",
                                "<img src=x onerror=\"document.title='owned'\"> <b>bold</b>"])
    assert reply.locator("img, b, script").count() == 0 and page.title() != "owned"  # words, never markup
    assert reply.get_by_role("link", name="01632 960180").get_attribute("href") == "tel:+441632960180"
    assert reply.get_by_role("link", name="+44 (0)1632 960000").get_attribute("href") == "tel:+441632960000"
    assert reply.get_by_role("link").count() == 2

    answer = [{"recipient_id": "x", "text": "You can report a missed bin online."},
              {"recipient_id": "x", "custom": {"links": [{"text": "Report a missed bin", "url": missed_bin.url}],
                                               "answer": {"key": missed_bin.chat_key}}}]
    say("my bin was missed", answer)
    expect(log.get_by_role("group", name="Did this answer help?")).to_have_count(1)
    say("and my recycling", answer)  # moved on without answering: only the newest answer asks
    expect(log.get_by_role("group", name="Did this answer help?")).to_have_count(1)
    page.reload()
    page.get_by_role("log").get_by_text("and my recycling").wait_for(state="attached")
    expect(page.get_by_role("group", name="Did this answer help?")).to_have_count(1)
    expect(page.locator(".wm-chat__list")).to_have_count(1)  # the list is kept as a list
    assert not axe_problems(page)
    assert not watcher.take()
    context.close()
