"""Campaign links (issue 25): /go/<name> counts one visit, with no cookie, and leads to a page, a section or a chat
question's answer carrying the campaign for that visit only; a form sent and a chat started in that visit carry it;
editors get QR codes and a preview of the social card."""
import pytest
from campaigns.models import CampaignLink, CampaignVisit
from django.contrib.auth.models import Group

from assistant.models import ChatConversation
from casework.models import Submission
from cms_pages.models import TaskPage
from tests.casework.conftest import form_at, send, valid_answers
from tests.cms_pages.test_answer_pages import rasa  # noqa: F401 (fixture)
from tests.conftest import westmere

pytestmark = pytest.mark.django_db
GARDEN = "/bins-and-recycling/garden-waste/"
MISSED = "/bins-and-recycling/report-a-missed-bin/"


@pytest.fixture
def poster():
    page = TaskPage.objects.get(**westmere(MISSED))
    return CampaignLink.objects.create(name="bin-poster", page=page, section="what-happens-next",
                                       campaign="Missed bins spring 2027", source="Bus stops", medium="poster")


def test_a_campaign_link_counts_one_visit_and_leads_to_its_section_with_the_campaign(client, poster):
    response = client.get("/go/bin-poster")
    assert response.status_code == 302
    assert response["Location"] == f"{MISSED}?campaign=bin-poster#what-happens-next"
    assert CampaignVisit.objects.filter(link=poster).count() == 1
    assert not response.cookies and "Set-Cookie" not in response  # no tracking cookie
    assert client.get("/go/no-such-link").status_code == 404


def test_a_form_sent_in_that_visit_carries_the_campaign_and_another_does_not(client, poster, settings):
    settings.PAGE_CACHE_SECONDS = 60
    landing = client.get(client.get("/go/bin-poster")["Location"]).content.decode()
    form = form_at(MISSED)
    assert f'href="{form.url}?campaign=bin-poster"' in landing  # Start now carries it
    plain = client.get(MISSED).content.decode()
    assert f'href="{form.url}"' in plain  # the cached page of another visit does not
    made_up = client.get(MISSED + "?campaign=made-up").content.decode()
    assert "made-up" not in made_up

    client.get(form.url + "?campaign=bin-poster")
    send(client, form, valid_answers(form))
    assert Submission.objects.get().campaign == "bin-poster"


def test_a_chat_started_in_that_visit_carries_the_campaign(client, rasa):  # noqa: F811
    rasa.reply = [{"recipient_id": "x", "text": "Hello"}]
    client.get("/api/chat/")
    sent = client.post("/api/chat/", {"sender": "resident-abc123", "message": "hello", "page": "/",
                                      "campaign": "bin-poster"}, content_type="application/json")
    assert sent.status_code == 200
    assert ChatConversation.objects.get(sender_id="resident-abc123").campaign == "bin-poster"
    odd = client.post("/api/chat/", {"sender": "resident-xyz789", "message": "hello", "page": "/",
                                     "campaign": "<script>"}, content_type="application/json")
    assert odd.status_code == 200 and ChatConversation.objects.get(sender_id="resident-xyz789").campaign == ""


def test_a_question_link_leads_to_its_answer_page_with_the_campaign(client, rasa):  # noqa: F811
    CampaignLink.objects.create(name="missed-bin-post", question="my bin was not emptied", campaign="Missed bins",
                                source="Facebook", medium="social")
    rasa.parses["my bin was not emptied"] = ("report_missed_bin", 0.95)
    ask = client.get("/go/missed-bin-post")["Location"]
    answer = client.get(ask)["Location"]
    assert answer == "/ask/report_missed_bin/?q=my+bin+was+not+emptied&campaign=missed-bin-post"
    page = client.get(answer).content.decode()
    assert f'href="{form_at(MISSED).url}?campaign=missed-bin-post"' in page


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    from django.contrib.auth.models import Permission

    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="campaigns"),
                              Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return user


def test_editors_get_the_qr_codes_and_a_preview_of_the_social_card(client, editor, poster):
    client.get("/go/bin-poster")
    page = client.get(f"/admin/campaign_links/edit/{poster.pk}/").content.decode()
    assert "http://testserver/go/bin-poster" in page and "1 visit so far" in page
    assert "Report a missed bin collection" in page  # the card's title: the page's own
    svg = client.get(f"/admin/campaign-links/{poster.pk}/qr.svg")
    png = client.get(f"/admin/campaign-links/{poster.pk}/qr.png")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")


def test_staff_who_may_not_make_campaign_links_get_no_qr_code(client, django_user_model, poster):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("cs", "cs@example.org", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    refused = client.get(f"/admin/campaign-links/{poster.pk}/qr.svg")
    assert refused.status_code in (302, 403) and refused.get("Content-Type") != "image/svg+xml"


def test_a_link_must_lead_to_a_page_or_a_question_not_both():
    from django.core.exceptions import ValidationError

    page = TaskPage.objects.get(**westmere(GARDEN))
    with pytest.raises(ValidationError):
        CampaignLink(name="both", page=page, question="garden waste", campaign="x").full_clean()
    with pytest.raises(ValidationError):
        CampaignLink(name="neither", campaign="x").full_clean()


def test_the_card_of_a_question_link_is_its_landing_page_s(client, editor, rasa):  # noqa: F811
    rasa.parses["when is my bin day"] = ("bin_collection_day", 0.97)
    rasa.parses["my bin was not emptied"] = ("report_missed_bin", 0.95)
    day = CampaignLink.objects.create(name="bin-day", question="when is my bin day", campaign="x")
    missed = CampaignLink.objects.create(name="missed", question="my bin was not emptied", campaign="x")
    odd = CampaignLink.objects.create(name="odd", question="purple monkey", campaign="x")
    assert "Find your bin collection day" in client.get(f"/admin/campaign_links/edit/{day.pk}/").content.decode()
    page = client.get(f"/admin/campaign_links/edit/{missed.pk}/").content.decode()
    assert "Report a missed bin collection: our assistant&#x27;s answer" in page
    searched = client.get(f"/admin/campaign_links/edit/{odd.pk}/").content.decode()
    assert "the link will show the search results" in searched


def test_a_link_made_after_the_names_were_read_counts_at_once(client, poster):
    from campaigns.links import known_campaigns

    assert "bin-poster" in known_campaigns()  # the names are now cached
    CampaignLink.objects.create(name="new-leaflet", page=poster.page, campaign="Leaflets")
    assert "new-leaflet" in known_campaigns()
    landing = client.get(f"{MISSED}?campaign=new-leaflet").content.decode()
    assert "campaign=new-leaflet" in landing
