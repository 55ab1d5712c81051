"""The chat is offered only on a council whose pages the assistant answers: a council with none of its pages on chat
offers no chat, so its residents are never given another council's answers (its prices, its forms) on its site."""
import json

import pytest
import responses
from wagtail.models import Page

pytestmark = pytest.mark.django_db
WIDGET = 'id="wm-chat"'


def test_the_chat_is_offered_where_the_assistant_answers_the_council_s_pages(site_client, fellside):
    assert WIDGET in site_client.get("/bins-and-recycling/bulky-waste/").content.decode()
    assert WIDGET in fellside.get("/bins-and-recycling/bulky-waste/").content.decode()
    for page in Page.objects.filter(url_path__startswith="/fellside/").specific():
        if getattr(page, "chat_enabled", False):
            page.chat_enabled = False
            page.save_revision().publish()
    assert WIDGET not in fellside.get("/bins-and-recycling/bulky-waste/").content.decode()
    assert WIDGET not in fellside.get("/").content.decode()
    assert WIDGET in site_client.get("/bins-and-recycling/bulky-waste/").content.decode()



@responses.activate
def test_the_chat_tells_the_assistant_which_council_the_resident_is_on(site_client, fellside):
    """The action server asks the web API as that council's site (bot/actions/council.py): its pages and prices."""
    rasa = responses.post("http://127.0.0.1:5005/webhooks/rest/webhook", json=[{"recipient_id": "s", "text": "Hi"}])
    for client in (fellside, site_client):
        client.get("/api/chat/")
        token = client.cookies["csrftoken"].value
        body = {"sender": "council-test-1", "message": "bulky waste", "page": "/"}
        response = client.post("/api/chat/", data=json.dumps(body), content_type="application/json",
                               HTTP_X_CSRFTOKEN=token)
        assert response.status_code == 200
    on_fellside, on_westmere = (json.loads(call.request.body)["metadata"] for call in rasa.calls)
    assert on_fellside == {"page": "/", "council": "fellside.localhost"}
    assert on_westmere == {"page": "/"}  # the default site: the web API's own default
