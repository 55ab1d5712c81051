"""The spam honeypot is on every public form and hidden from people and screen readers (issue 11.18)."""
import pytest
from bs4 import BeautifulSoup

from assistant.models import CallbackRequest, HandoffRequest
from kit.honeypot import HONEYPOT_FIELD, HoneypotMixin, is_spam

pytestmark = pytest.mark.django_db


def assert_honeypot_hidden(html):
    soup = BeautifulSoup(html, "html.parser")
    boxes = soup.find_all("input", attrs={"name": HONEYPOT_FIELD})
    assert boxes, "no honeypot on this form"
    for box in boxes:
        hidden_by = [element for element in [box, *box.parents] if element.name and element.has_attr("hidden")]
        assert hidden_by, f"the honeypot is shown to people and screen readers: {box.parent}"
        assert box.get("tabindex") == "-1" and box.get("autocomplete") == "off"


def test_is_spam_and_the_mixin():
    assert is_spam({"website": "http://spam.example"}) and not is_spam({"website": "  "}) and not is_spam({})

    class Form(HoneypotMixin):
        is_bound, data = True, {"website": "x"}

    assert Form().is_spam


def test_every_form_page_and_the_feedback_box_hide_the_honeypot(site_client):
    from tests.casework.conftest import form_at, valid_answers

    missed_bin = form_at("/bins-and-recycling/report-a-missed-bin/")
    assert_honeypot_hidden(site_client.get("/").content.decode())  # "Is this page useful?"
    assert_honeypot_hidden(site_client.get(missed_bin.url).content.decode())
    site_client.post(missed_bin.url, valid_answers(missed_bin))
    assert_honeypot_hidden(site_client.get(missed_bin.url + "step/2/").content.decode())


def test_the_callback_form_hides_the_honeypot_and_drops_bots(site_client):
    handoff = HandoffRequest.objects.create(sender_id="honeypot-test", topic="bins")
    url = f"/chat/callback/{handoff.reference}/"
    assert_honeypot_hidden(site_client.get(url).content.decode())
    response = site_client.post(url, {"name": "Bot", "phone": "01632 960001", "website": "http://spam.example"})
    assert response.status_code == 200 and not CallbackRequest.objects.exists()
    site_client.post(url, {"name": "Sam", "phone": "01632 960001"})
    assert CallbackRequest.objects.get().name == "Sam"
