"""Chat answers as pages (issue 25): a chat-question link is read once on the server and sent to the answer page of
the page that answers it, which works without JavaScript, previews as that answer, is cached once per answer and
writes nothing; a question the assistant cannot read, or any question while it is down, goes to search results."""
import re
from urllib.parse import quote

import pytest
from django.core.cache import cache

from assistant.models import HandoffRequest, UnansweredQuestion
from cms_pages.models import TaskPage
from feedback.models import ChatAnswerFeedback
from search.models import SearchQueryLog
from tests.conftest import westmere
from tests.security.fake_rasa import FakeRasa

pytestmark = pytest.mark.django_db


@pytest.fixture
def rasa(settings):
    cache.clear()
    fake = FakeRasa()
    settings.RASA_URL, settings.RASA_URLS = fake.url, []
    yield fake
    fake.close()
    cache.clear()


def meta(html, prop):
    found = re.search(rf'<meta (?:property|name)="{prop}" content="([^"]*)"', html)
    return found.group(1) if found else None


@pytest.mark.parametrize("question, key, path", [
    ("my bin wasnt emptied", "report_missed_bin", "/bins-and-recycling/report-a-missed-bin/"),
    ("how do i pay a parking fine", "pay_parking_fine", "/parking-and-roads/pay-a-parking-fine/"),
    ("i'm moving house", "council_tax_moving_home", "/council-tax/moving-home/"),
])
def test_a_chat_question_link_without_javascript_answers_with_its_page_and_previews_as_that_answer(
    client, rasa, question, key, path
):
    rasa.parses[question] = (key, 0.93)
    link = client.get("/?ask=" + quote(question))
    assert link.status_code == 302 and link["Location"] == f"/ask/{key}/?q={quote(question).replace('%20', '+')}"
    page = client.get(link["Location"])
    html = page.content.decode()
    task = TaskPage.objects.get(**westmere(path))
    assert page.status_code == 200 and task.chat_answer in html
    assert f'href="{task.get_form_page().url}"' in html and "Start now" in html
    assert f'href="{task.url}"' in html
    assert meta(html, "og:title") == f"{task.title}: our assistant&#x27;s answer"
    assert meta(html, "og:description") == task.chat_answer.replace("'", "&#x27;")
    assert meta(html, "og:url") == f"http://testserver/ask/{key}/"  # one canonical address per answer
    assert "Was this answer helpful?" in html
    assert rasa.parsed == [question] and rasa.calls == 0  # read, never said to the bot: no conversation


def test_the_answer_page_is_cached_once_for_every_wording_and_writes_nothing(client, rasa, settings):
    settings.PAGE_CACHE_SECONDS = 60
    for question in ("bin not emptied", "they missed my bin", "bin missed again!"):
        rasa.parses[question] = ("report_missed_bin", 0.9)
        page = client.get(client.get("/?ask=" + quote(question))["Location"])
        assert page.status_code == 200
    assert page["X-Page-Cache"] == "hit"
    assert not HandoffRequest.objects.exists() and not UnansweredQuestion.objects.exists()


@pytest.mark.parametrize("down", [False, True])
def test_a_question_the_assistant_cannot_answer_or_any_while_it_is_down_goes_to_search(client, rasa, settings, down):
    if down:
        settings.RASA_URL = "http://127.0.0.1:9"  # nothing listens
    link = client.get("/bins-and-recycling/?ask=" + quote("what colour is the sky"))
    assert link.status_code == 302 and link["Location"] == "/search/?q=what+colour+is+the+sky&from=link"
    assert client.get(link["Location"]).status_code == 200
    # a crawler's link fills no list: no unanswered question, no failed search
    assert not UnansweredQuestion.objects.exists() and not SearchQueryLog.objects.exists()


def test_was_this_answer_helpful_is_counted_with_the_chat_widget_s(client, rasa):
    response = client.post("/ask/report_missed_bin/helpful/", {"helpful": "no"})
    assert response.status_code == 303
    assert response["Location"] == "/ask/report_missed_bin/?feedback=thanks#answer-feedback"
    feedback = ChatAnswerFeedback.objects.get()
    assert (feedback.chat_key, feedback.helpful) == ("report_missed_bin", False)
    assert "Thank you for your feedback." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("key", ["no_such_answer", "../admin", "x" * 300])
def test_an_answer_page_that_does_not_exist_is_not_found(client, key):
    assert client.get(f"/ask/{quote(key)}/").status_code == 404


def test_a_bin_day_question_link_leads_to_the_bin_day_lookup(client, rasa):
    rasa.parses["when is my bin day"] = ("bin_collection_day", 0.97)
    link = client.get("/?ask=when+is+my+bin+day")
    assert link["Location"] == "/bins-and-recycling/bin-collection-day/"


def test_without_javascript_the_answer_page_offers_no_chat_it_cannot_open(client):
    html = client.get("/ask/report_missed_bin/").content.decode()
    chat_link = html.index('data-chat-open>chat with our assistant')
    assert html.rindex('<span class="wm-chat-only">', 0, chat_link) > html.rindex("search the website", 0, chat_link)


def test_a_question_read_two_ways_nearly_as_likely_goes_to_search(client, rasa):
    rasa.parses["bins"] = ("report_missed_bin", 0.62, 0.58)  # as the assistant would, it asks: a link searches
    assert client.get("/?ask=bins")["Location"] == "/search/?q=bins&from=link"
    rasa.parses["my bin was missed"] = ("report_missed_bin", 0.9, 0.05)
    assert client.get("/?ask=my+bin+was+missed")["Location"].startswith("/ask/report_missed_bin/")
