"""Two councils side by side in one browser: each host shows its own council's name, colours, pages, prices,
search results and assistant, and neither shows the other's (Chromium resolves *.localhost to the loopback)."""
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fellside_url(live_server, path="/"):
    return live_server.url.replace("localhost", "fellside.localhost").replace("127.0.0.1", "fellside.localhost") + path


@pytest.mark.parametrize("width", [390, 1280])
def test_both_councils_side_by_side(browser, live_server, demo_council, width, tmp_path):
    context = browser.new_context(viewport={"width": width, "height": 900})
    westmere, fellside = context.new_page(), context.new_page()
    try:
        westmere.goto(live_server.url + "/bins-and-recycling/bulky-waste/")
        fellside.goto(fellside_url(live_server, "/bins-and-recycling/bulky-waste/"))
        sites = ((westmere, "Westmere", "Fellside", "£30"), (fellside, "Fellside", "Westmere", "£25"))
        for page, own, other, price in sites:
            text = page.locator("body").inner_text()
            assert own in page.title() and other not in page.title()
            assert price in text and other not in text
            assert page.locator("#wm-chat").get_attribute("data-title") == f"Ask {own}"
        header = [page.locator("header").first.evaluate("e => getComputedStyle(e).backgroundColor")
                  for page in (westmere, fellside)]
        assert header[0] != header[1]  # teal and green
        westmere.screenshot(path=str(tmp_path / f"westmere-{width}.png"), full_page=True)
        fellside.screenshot(path=str(tmp_path / f"fellside-{width}.png"), full_page=True)

        # Search on each site finds its own council's pages only
        fellside.goto(fellside_url(live_server, "/search/?q=tip"))
        results = fellside.locator("main").inner_text()
        assert "Tarn Road recycling centre" in results and "Westmere" not in results
        westmere.goto(live_server.url + "/search/?q=tip")
        assert "Tarn Road" not in westmere.locator("main").inner_text()

        # A page only Fellside has is not found on Westmere's site
        response = westmere.goto(live_server.url + "/bins-and-recycling/book-a-recycling-centre-visit/")
        assert response.status == 404
    finally:
        context.close()
