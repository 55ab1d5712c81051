"""The chat is offered only on a council whose pages the assistant answers: Fellside's pages have no chat yet, so
its residents are never given Westmere's answers (its prices, its forms) on Fellside's site."""
import pytest

pytestmark = pytest.mark.django_db
WIDGET = 'id="wm-chat"'


def test_the_chat_is_offered_where_the_assistant_answers_the_council_s_pages(site_client, fellside):
    assert WIDGET in site_client.get("/bins-and-recycling/bulky-waste/").content.decode()
    assert WIDGET not in fellside.get("/bins-and-recycling/bulky-waste/").content.decode()
    assert WIDGET not in fellside.get("/").content.decode()

