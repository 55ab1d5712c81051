"""The spam honeypot is invisible to people and to screen readers on every form, at phone and desktop widths
(issue 11.18: "Leave this field empty" with a box showed above the first question)."""
import pytest

from assistant.models import HandoffRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_honeypot_is_hidden_on_every_form(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    handoff = HandoffRequest.objects.create(sender_id="browser-honeypot", topic="bins")
    for path in [
        "/",  # "Is this page useful?"
        "/bins-and-recycling/report-a-missed-bin/start/",
        "/environment/report-fly-tipping/start/",
        f"/chat/callback/{handoff.reference}/",
    ]:
        page.goto(live_server.url + path)
        boxes = page.locator("input[name=website]")
        assert boxes.count() >= 1, path
        for i in range(boxes.count()):
            assert boxes.nth(i).is_hidden(), f"the honeypot is visible on {path}"
        tree = page.locator("body").aria_snapshot()  # what a screen reader is given
        assert "Leave this" not in tree, f"screen readers meet the honeypot on {path}"
        labels = page.get_by_text("Leave this box empty")
        assert not any(labels.nth(i).is_visible() for i in range(labels.count())), path
