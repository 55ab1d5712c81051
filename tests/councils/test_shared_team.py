"""A shared customer-service team: its members see live chats, callbacks and chat transcripts from every partner
council in one queue, each labelled with its council, and answer in that council's name; each council's own staff
see only their own, and another council's chat is "not found" to them.

The demo makes "Customer service" (Westmere's), "Fellside customer service" and "Shared customer service" (both)."""
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import Site

from assistant import handoffs
from assistant.models import CallbackRequest, ChatMessage, ChatTranscript, HandoffRequest
from sitewide.models import CouncilSettings

from .conftest import FELLSIDE_HOST
from .conftest import hand_over as handed_over

pytestmark = pytest.mark.django_db

ALWAYS_OPEN = override_settings(
    CONTACT_CENTRE_DAYS=list(range(7)), CONTACT_CENTRE_OPENS="00:00", CONTACT_CENTRE_CLOSES="23:59:59"
)
FELLSIDE, WESTMERE = "Fellside District Council", "Westmere District Council"
FELLSIDE_PHONE, WESTMERE_PHONE = "01632 960500", "01632 960000"
QUEUE = "/admin/live-chat/"


@pytest.fixture(autouse=True)
def fellside_on_the_installation_s_hours():
    """The demo gives Fellside live chat hours of its own (8:30am to 4:30pm); here it keeps the installation's, as
    Westmere does (ALWAYS_OPEN), so a chat waits for a person whatever the time the tests run."""
    council = CouncilSettings.for_site(Site.objects.get(hostname=FELLSIDE_HOST))
    council.contact_centre_days, council.contact_centre_opens, council.contact_centre_closes = [], None, None
    council.save()


def member(username, group, first_name=""):
    user = User.objects.create_user(username, f"{username}@example.org", "x", first_name=first_name)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def westmere_agent():
    return member("wendy", "Customer service", "Wendy")


@pytest.fixture
def fellside_agent():
    return member("fran", "Fellside customer service", "Fran")


@pytest.fixture
def shared_agent():
    return member("sam", "Shared customer service", "Sam")


def signed_in(user):
    client = Client(HTTP_HOST="localhost")  # staff work in the default site's admin, whichever council they answer
    client.force_login(user)
    return client


def hand_over(client, sender):
    """The bot hands a chat to a person, asking as the council's site the resident is on."""
    return HandoffRequest.objects.get(reference=handed_over(client, sender)["reference"])


@pytest.fixture
def chats(site_client, fellside, shared_agent):
    """A Fellside resident's chat and a Westmere resident's, both waiting (the shared team is online)."""
    handoffs.mark_staff_seen(shared_agent)
    with ALWAYS_OPEN:
        return {"fellside": hand_over(fellside, "fellside-resident-1"),
                "westmere": hand_over(site_client, "westmere-resident-1")}


def row_of(html, reference):
    """The queue's table row of a chat."""
    start = html.index(f">{reference}</a>")
    return html[html.rindex("<tr>", 0, start):html.index("</tr>", start)]


def test_a_chat_handed_over_on_a_council_s_site_is_that_council_s(chats):
    assert chats["fellside"].site.hostname == FELLSIDE_HOST
    assert chats["westmere"].site.is_default_site
    assert {chat.status for chat in chats.values()} == {HandoffRequest.Status.WAITING}


def test_each_council_s_own_team_sees_only_its_chats_and_the_shared_team_both_labelled(
    chats, westmere_agent, fellside_agent, shared_agent
):
    fellside_ref, westmere_ref = chats["fellside"].reference, chats["westmere"].reference
    for user, sees, not_sees in ((fellside_agent, fellside_ref, westmere_ref),
                                 (westmere_agent, westmere_ref, fellside_ref)):
        client = signed_in(user)
        html = client.get(QUEUE).content.decode()
        assert sees in html and not_sees not in html, user
        assert '<th scope="col">Council</th>' not in html  # one council: nothing to tell apart
        queue = client.get(QUEUE + "queue.json").json()
        assert [waiting["reference"] for waiting in queue["waiting"]] == [sees]

    client = signed_in(shared_agent)
    html = client.get(QUEUE).content.decode()
    assert FELLSIDE in row_of(html, fellside_ref) and WESTMERE not in row_of(html, fellside_ref)
    assert WESTMERE in row_of(html, westmere_ref) and FELLSIDE not in row_of(html, westmere_ref)
    queue = client.get(QUEUE + "queue.json").json()
    assert {(w["reference"], w["council"]) for w in queue["waiting"]} == {(fellside_ref, FELLSIDE),
                                                                          (westmere_ref, WESTMERE)}
    assert f"{FELLSIDE}: answer in its name" in client.get(f"{QUEUE}{fellside_ref}/").content.decode()


def test_saved_chats_and_callbacks_are_shown_to_their_council_s_staff_only(chats, westmere_agent, fellside_agent,
                                                                            shared_agent):
    for chat in chats.values():
        chat.status = HandoffRequest.Status.OUT_OF_HOURS
        chat.save()
        CallbackRequest.objects.create(handoff=chat, name=f"Caller {chat.sender_id}", phone="01632 960123")
    fellside_callback = CallbackRequest.objects.get(handoff=chats["fellside"])

    fellside_queue = signed_in(fellside_agent).get(QUEUE).content.decode()
    westmere_queue = signed_in(westmere_agent).get(QUEUE).content.decode()
    assert "Caller fellside-resident-1" in fellside_queue and "Caller westmere-resident-1" not in fellside_queue
    assert "Caller westmere-resident-1" in westmere_queue and "Caller fellside-resident-1" not in westmere_queue
    assert f"Read {chats['fellside'].reference}" in fellside_queue
    assert f"Read {chats['fellside'].reference}" not in westmere_queue
    assert signed_in(westmere_agent).get(QUEUE + "queue.json").json()["callbacks"] == 1

    shared = signed_in(shared_agent).get(QUEUE).content.decode()
    callbacks = shared[shared.index("Callbacks to make"):shared.index("Chats to answer later")]
    fellside_row = callbacks[callbacks.index("Caller fellside-resident-1"):]
    assert fellside_row.index(FELLSIDE) < fellside_row.index("</tr>")

    # Marking another council's callback done is "not found", and leaves it to do.
    response = signed_in(westmere_agent).post(f"{QUEUE}callbacks/{fellside_callback.pk}/done/")
    assert response.status_code == 404
    fellside_callback.refresh_from_db()
    assert fellside_callback.status == CallbackRequest.Status.OPEN


def test_a_westmere_only_member_cannot_open_claim_answer_or_close_a_fellside_chat(chats, westmere_agent):
    client = signed_in(westmere_agent)
    reference = chats["fellside"].reference
    assert client.get(f"{QUEUE}{reference}/").status_code == 404
    assert client.get(f"{QUEUE}{reference}/messages.json").status_code == 404
    assert client.post(f"{QUEUE}{reference}/claim/").status_code == 404
    assert client.post(f"{QUEUE}{reference}/reply/", {"text": "Hello from Westmere"}).status_code == 404
    assert client.post(f"{QUEUE}{reference}/close/", {"outcome": "answered"}).status_code == 404
    make_request = client.get(f"/admin/new-request/?handoff={reference}")
    assert make_request.status_code == 200 and reference not in make_request.content.decode()
    chat = HandoffRequest.objects.get(reference=reference)
    assert (chat.status, chat.claimed_by) == (HandoffRequest.Status.WAITING, None)
    assert not chat.messages.exists()
    assert client.get(f"{QUEUE}{chats['westmere'].reference}/").status_code == 200


def test_the_shared_team_answers_the_fellside_chat_in_fellside_s_name(chats, shared_agent, fellside):
    client = signed_in(shared_agent)
    reference = chats["fellside"].reference
    client.post(f"{QUEUE}{reference}/claim/")
    client.post(f"{QUEUE}{reference}/reply/", {"text": "Hello, how can I help?"})

    polled = fellside.get("/api/chat/poll/", headers={"X-Chat-Sender": "fellside-resident-1"}).json()
    said = [message["text"] for message in polled["messages"]]
    assert said == [f"Sam from {FELLSIDE} has joined the chat.", "Hello, how can I help?"]
    console = client.get(f"{QUEUE}{reference}/").content.decode()
    assert f"<strong>{FELLSIDE} customer service:</strong> Hello, how can I help?" in console
    speakers = client.get(f"{QUEUE}{reference}/messages.json").json()["messages"]
    assert [m["speaker"] for m in speakers] == ["Automatic message", f"{FELLSIDE} customer service"]

    client.post(f"{QUEUE}{chats['westmere'].reference}/claim/")
    assert chats["westmere"].messages.get().text == f"Sam from {WESTMERE} has joined the chat."


def test_nobody_free_gives_the_chat_s_own_council_s_phone_number(chats, shared_agent):
    """The offer is made when staff's queue notices the wait, on the default site's admin: still Fellside's number."""
    HandoffRequest.objects.update(created_at=timezone.now() - timedelta(hours=1))
    signed_in(shared_agent).get(QUEUE)
    fellside_offer = chats["fellside"].messages.get(sender=ChatMessage.Sender.SYSTEM)
    westmere_offer = chats["westmere"].messages.get(sender=ChatMessage.Sender.SYSTEM)
    assert FELLSIDE_PHONE in fellside_offer.text and WESTMERE_PHONE not in fellside_offer.text
    assert WESTMERE_PHONE in westmere_offer.text

    callback_form = Client(HTTP_HOST="localhost").get(f"/chat/callback/{chats['fellside'].reference}/")
    assert f'href="tel:01632960500">{FELLSIDE_PHONE}</a>' in callback_form.content.decode()


@ALWAYS_OPEN
def test_a_chat_waits_for_a_person_only_when_someone_who_works_for_its_council_is_online(
    site_client, fellside, westmere_agent, fellside_agent
):
    handoffs.mark_staff_seen(westmere_agent)
    assert hand_over(fellside, "fellside-resident-2").status == HandoffRequest.Status.OUT_OF_HOURS
    assert hand_over(site_client, "westmere-resident-2").status == HandoffRequest.Status.WAITING
    handoffs.mark_staff_seen(fellside_agent)
    assert hand_over(fellside, "fellside-resident-3").status == HandoffRequest.Status.WAITING


def test_chat_transcripts_are_read_by_their_council_s_staff(site_client, fellside, westmere_agent, fellside_agent,
                                                            shared_agent):
    for client, sender in ((fellside, "fellside-resident-4"), (site_client, "westmere-resident-4")):
        response = client.post("/api/bot/transcript/", json.dumps({
            "sender_id": sender, "reason": "said_no", "page_url": "/",
            "transcript": [{"sender": "user", "text": f"words of {sender}"}],
        }), content_type="application/json")
        assert response.status_code == 201
    fellside_transcript = ChatTranscript.objects.get(sender_id="fellside-resident-4")
    assert fellside_transcript.site.hostname == FELLSIDE_HOST
    read = Permission.objects.get(codename="review_chat_transcripts")
    for user in (westmere_agent, fellside_agent, shared_agent):
        user.user_permissions.add(read)

    westmere_reader = signed_in(westmere_agent)
    html = westmere_reader.get("/admin/resident-feedback/chats/").content.decode()
    assert "All conversations (1)" in html and f"/chats/{fellside_transcript.pk}/" not in html
    assert westmere_reader.get(f"/admin/resident-feedback/chats/{fellside_transcript.pk}/").status_code == 404
    opened = signed_in(fellside_agent).get(f"/admin/resident-feedback/chats/{fellside_transcript.pk}/")
    assert "words of fellside-resident-4" in opened.content.decode()
    shared = signed_in(shared_agent).get("/admin/resident-feedback/chats/").content.decode()
    assert "All conversations (2)" in shared and FELLSIDE in shared and WESTMERE in shared


def test_a_resident_record_shows_only_the_chats_and_callbacks_of_the_user_s_councils(chats, westmere_agent,
                                                                                       fellside_agent):
    CallbackRequest.objects.create(handoff=chats["fellside"], name="Jo Fellside", email="jo@example.org")
    record_permission = Permission.objects.get(codename="view_resident_record")
    for user in (westmere_agent, fellside_agent):
        user.user_permissions.add(record_permission)
    looked = {}
    for user in (westmere_agent, fellside_agent):
        response = signed_in(user).post("/admin/residents/", {"q": "jo@example.org", "reason": "They called us"})
        looked[user.username] = response.content.decode()
    assert "Jo Fellside asked us to contact them" in looked["fran"]
    assert chats["fellside"].reference in looked["fran"]
    assert "Jo Fellside" not in looked["wendy"] and chats["fellside"].reference not in looked["wendy"]


def test_staff_given_permissions_in_no_group_work_for_the_default_council(django_user_model):
    """As a group given no council does: the live chat of a one-council installation needs no setting up."""
    from django.contrib.auth.models import Permission
    from django.utils import timezone
    from wagtail.models import Site

    from assistant.handoffs import staff_online
    from assistant.models import StaffPresence
    from sitewide import council_staff

    agent = django_user_model.objects.create_user("agent", password="x")
    agent.user_permissions.add(*Permission.objects.filter(codename__in=["handle_live_chat", "access_admin"]))
    westmere_site = Site.objects.get(is_default_site=True)
    assert council_staff.council_ids_for(agent) == {westmere_site.pk}
    StaffPresence.objects.create(user=agent, last_seen=timezone.now())
    assert staff_online(westmere_site)
    assert not staff_online(Site.objects.get(hostname="fellside.localhost"))
