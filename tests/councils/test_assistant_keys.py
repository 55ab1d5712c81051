"""One assistant for several councils: a service is one intent (its chat key) for every council. A council's page
for a service gets the same key as another council's page at the same address, their questions teach that intent
together, and the bot API answers the key with the page of the council the resident is on."""
import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.management import call_command

from cms_pages.models import TaskPage
from tests.conftest import westmere

from .conftest import FELLSIDE_HOST

pytestmark = pytest.mark.django_db
QUESTIONS = [
    "how much is a bulky waste collection in fellside", "can you take my old sofa", "book a bulky collection",
    "collect a fridge from my house", "get rid of a mattress", "large item collection", "pick up old furniture",
    "how do I get rid of a wardrobe", "collect white goods", "bulky waste price fellside",
]


def fellside_bulky():
    return TaskPage.objects.get(url_path="/fellside/bins-and-recycling/bulky-waste/")


def switch_on(page, questions):
    page.chat_questions = "\n".join(questions)
    page.chat_enabled = True
    page.full_clean()
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_council_s_page_for_a_service_gets_the_other_council_s_key(fellside):
    westmere_bulky = TaskPage.objects.get(**westmere("/bins-and-recycling/bulky-waste/"))
    page = switch_on(fellside_bulky(), QUESTIONS)
    assert page.chat_key == westmere_bulky.chat_key == "bulky_waste"


def test_a_question_may_teach_one_service_in_both_councils_but_not_two_services(fellside):
    westmere_bulky = TaskPage.objects.get(**westmere("/bins-and-recycling/bulky-waste/"))
    shared = westmere_bulky.get_chat_questions()[0]
    switch_on(fellside_bulky(), QUESTIONS[:9] + [shared])  # the same service: allowed
    missed = TaskPage.objects.get(url_path="/fellside/bins-and-recycling/report-a-missed-bin/")
    missed.chat_questions = "\n".join([q + " missed" for q in QUESTIONS[:9]] + [shared])
    missed.chat_enabled = True
    with pytest.raises(ValidationError) as error:
        missed.full_clean()
    assert "already belongs to the page" in str(error.value)


def test_the_export_teaches_one_intent_with_both_councils_questions(tmp_path, fellside):
    switch_on(fellside_bulky(), QUESTIONS)
    call_command("export_assistant_data", str(tmp_path), stdout=open("/dev/null", "w"))
    nlu = yaml.safe_load((tmp_path / "data" / "nlu" / "pages.yml").read_text(encoding="utf-8"))["nlu"]
    bulky = [item for item in nlu if item["intent"] == "bulky_waste"]
    assert len(bulky) == 1
    examples = bulky[0]["examples"]
    assert "- can you take my old sofa" in examples  # Fellside's
    westmere_first = TaskPage.objects.get(**westmere("/bins-and-recycling/bulky-waste/")).get_chat_questions()[0]
    assert f"- {westmere_first}" in examples  # and Westmere's
    rules = yaml.safe_load((tmp_path / "data" / "rules" / "pages.yml").read_text(encoding="utf-8"))["rules"]
    assert sum(1 for rule in rules if rule["steps"][0] == {"intent": "bulky_waste"}) == 1


def test_the_bot_api_answers_a_key_with_the_resident_s_council_s_page(settings, client, fellside):
    settings.BOT_API_TOKEN = "t"
    switch_on(fellside_bulky(), QUESTIONS)

    def answer(host):
        return client.get("/api/bot/answer/", {"key": "bulky_waste"}, HTTP_HOST=host,
                          HTTP_AUTHORIZATION="Bearer t").json()["answer"]

    assert "£25" in answer(FELLSIDE_HOST)
    assert "£25" not in answer("localhost") and "£30" in answer("localhost")


def test_a_council_s_page_for_a_service_the_assistant_knows_needs_few_questions_of_its_own(fellside):
    """The intent already has the other council's questions; a service only one council has still needs ten."""
    assert switch_on(fellside_bulky(), QUESTIONS[:2]).chat_enabled
    garden = TaskPage.objects.get(**westmere("/bins-and-recycling/garden-waste/"))
    garden.chat_questions = "\n".join(garden.get_chat_questions()[:2])
    with pytest.raises(ValidationError) as error:
        garden.full_clean()
    assert "Add at least 10 questions" in str(error.value)


def test_the_export_counts_a_service_s_questions_across_councils_and_lets_councils_offer_it_differently():
    from assistant_updates.training_data import ChatIntent, ExportError, check

    westmere_tip = ChatIntent("tip", "Recycling centres", "/tip/", "info", tuple(f"tip question {n}" for n in range(8)))
    fellside_tip = ChatIntent("tip", "Book the tip", "/tip/", "book", ("book the tip", "tip slot"), "Fellside")
    check([westmere_tip, fellside_tip], core_intents=set())  # 10 together; info here, a booking there
    with pytest.raises(ExportError, match="8 questions, fewer than 10"):
        check([westmere_tip], core_intents=set())
    urgent = ChatIntent("tip", "Book the tip", "/tip/", "urgent", ("book the tip", "tip slot"), "Fellside")
    with pytest.raises(ExportError, match="urgent in one council and not in another"):
        check([westmere_tip, urgent], core_intents=set())
