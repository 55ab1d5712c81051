"""GET /api/bot/knowledge/: the pages' own words and the search synonyms, for the assistant's second opinion
(bot/actions/knowledge.py)."""
import pytest

from tests.cms_pages.test_chat_pages import new_task

pytestmark = pytest.mark.django_db


def knowledge(client, version=""):
    response = client.get("/api/bot/knowledge/", {"version": version} if version else {})
    assert response.status_code == 200
    return response.json()


def test_every_page_the_assistant_answers_comes_with_its_own_words(site_client):
    found = knowledge(site_client)
    pages = {page["key"]: page for page in found["pages"]}
    assert len(pages) == 42  # the 41 chat pages and the bin day page, which the bot's own form answers
    bin_day = pages["bin_collection_day"]
    assert (bin_day["kind"], bin_day["url"]) == ("form", "/bins-and-recycling/bin-collection-day/")
    assert "bin day" in bin_day["keywords"]
    missed = pages["report_missed_bin"]
    assert missed["url"] == "/bins-and-recycling/report-a-missed-bin/"
    assert missed["kind"] == "report"
    assert "my bin wasn't emptied" in missed["questions"]
    assert "food caddy missed" in missed["keywords"]
    assert "wait until 6pm" in missed["body"]  # the body's text, without its HTML
    assert "<p>" not in missed["body"]
    # The editor's related pages that the assistant answers (the bin day page is the bin day form's).
    assert missed["related"] == ["what_goes_in_which_bin", "order_bin"]
    # A guide's further parts are read with it.
    guide = next(page for page in found["pages"] if page["kind"] == "guide")
    assert len(guide["body"]) > 500


def test_each_page_says_what_it_says_one_statement_at_a_time(site_client):
    """For a follow-up's answer (bot/actions/knowledge.py said_on_page): sentences, list items read with their
    lead-in or heading, insets whole, and the cost; no headings, HTML or contact blocks."""
    pages = {page["key"]: page for page in knowledge(site_client)["pages"]}
    garden = pages["garden_waste"]["statements"]
    assert "In December, January and February we empty them once a month." in garden
    assert "What you can put in: hedge trimmings and small branches" in garden
    assert "Cost: £52 a year for each brown bin, or £40 if you get Council Tax Support." in garden
    assert "You can also take garden waste to a household waste recycling centre for free, or compost it at home." \
        in garden
    missed = pages["report_missed_bin"]["statements"]
    assert "We will not return to empty your bin if: it was not out by 7am" in missed
    assert "Check your bin collection day." in missed  # a link's text, with no gap before the full stop
    assert "Has your bin been missed more than twice in 3 months? Tell us. We will find out what is going wrong " \
        "and fix it." in missed
    assert not [text for text in missed if "<" in text or "Before you report" in text or "01632" in text]
    assert pages["bin_collection_day"]["statements"] == []


def test_a_release_that_sends_more_of_each_page_makes_a_new_version(site_client, monkeypatch):
    """The statements were added with the pages unchanged: the version, so the cache and the assistant's index,
    stayed the old one, without them, until a page was next published."""
    from cms_pages import knowledge as module

    before = knowledge(site_client)["version"]
    monkeypatch.setattr(module, "FORMAT", module.FORMAT + 1)
    after = knowledge(site_client, before)
    assert after["version"] != before and "statements" in after["pages"][0]


def test_a_page_published_now_is_in_the_next_answer_with_its_follow_up_questions(site_client):
    before = knowledge(site_client)
    assert knowledge(site_client, before["version"]) == {"version": before["version"], "unchanged": True}

    page = new_task()
    page.chat_follow_up_questions = "- how long does it last?\n- can I renew it"
    page.save_revision().publish()

    after = knowledge(site_client, before["version"])
    assert after["version"] != before["version"]
    taught = next(found for found in after["pages"] if found["key"] == "pavement_licence")
    assert taught["follow_up_questions"] == ["how long does it last?", "can I renew it"]
    assert taught["summary"] == "Put tables and chairs outside."

    page.unpublish()
    assert "pavement_licence" not in {found["key"] for found in knowledge(site_client, after["version"])["pages"]}


def test_the_follow_up_questions_are_in_the_chat_panel_with_help_for_editors(admin_client):
    from tests.cms_pages.test_chat_pages import page_at

    page = page_at("/bins-and-recycling/garden-waste/")
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Follow-up questions residents ask" in html
    assert "the assistant quotes the page&#x27;s sentence that says it" in html
    assert "No retraining needed" in html


def test_the_search_synonyms_come_with_the_pages_and_a_change_is_a_new_version(site_client):
    from search.models import Synonym

    before = knowledge(site_client)
    assert ["ctax", "council tax"] in before["synonyms"]
    Synonym.objects.create(term="uni", equivalents="university, student")
    after = knowledge(site_client, before["version"])
    assert after["version"] != before["version"]
    assert ["uni", "university", "student"] in after["synonyms"]
