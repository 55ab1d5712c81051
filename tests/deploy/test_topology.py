"""State really shared between the processes of `make prod`: rate limits, the page cache, chats, forms.

The tests run in file order: the last one stops the "spare" web process and Rasa server.
"""
import random
import re
import string
import threading
import time
import uuid

import pytest
import requests

from assistant.rasa_servers import in_order_for

pytestmark = pytest.mark.prod


def texts(replies):
    return " ".join(reply.get("text", "") for reply in replies)


def say_to_rasa(rasa_url, sender, text):
    response = requests.post(f"{rasa_url}/webhooks/rest/webhook",
                             json={"sender": sender, "message": text, "metadata": {"page": "/"}}, timeout=60)
    response.raise_for_status()
    return response.json()


class Resident:
    """A browser through nginx: the widget's CSRF cookie, then chat messages to the web app's proxy."""

    def __init__(self, site_url, sender=None):
        self.site_url, self.sender = site_url, sender or f"resident-{uuid.uuid4().hex[:12]}"
        self.session = requests.Session()
        self.session.get(f"{site_url}/api/chat/", timeout=10).raise_for_status()

    def say(self, text):
        # A browser sends Origin with every POST: Django checks it against the host nginx passes on.
        return self.session.post(
            f"{self.site_url}/api/chat/", json={"sender": self.sender, "message": text, "page": "/"},
            headers={"X-CSRFToken": self.session.cookies["csrftoken"], "Origin": self.site_url}, timeout=60,
        )


def test_every_process_is_healthy_through_its_health_endpoint(topology):
    for url in [topology.url, *topology.web_urls]:
        response = requests.get(f"{url}/healthz", timeout=10)
        assert response.status_code == 200
        assert {name: check["ok"] for name, check in response.json()["checks"].items()} == {
            "database": True, "cache": True, "search": True}
    for url in topology.rasa_urls:
        status = requests.get(f"{url}/status", params=topology.rasa_api_params, timeout=10)
        assert status.json()["model_file"].endswith("westmere.tar.gz")


def test_nginx_serves_hashed_static_files_for_a_year_and_limits_request_size(topology):
    page = requests.get(f"{topology.url}/", timeout=10).text
    css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page).group(1)
    response = requests.get(f"{topology.url}{css}", timeout=10)
    assert response.status_code == 200 and "immutable" in response.headers["Cache-Control"]
    assert "max-age=31536000" in response.headers["Cache-Control"]
    too_big = requests.post(f"{topology.url}/feedback/", data=b"x" * (13 * 1024 * 1024), timeout=30)
    assert too_big.status_code == 413


def test_a_rate_limit_is_counted_across_both_web_processes(topology):
    """SEARCH_RATE_LIMIT is 8/m per client: 8 searches spread over both processes use it up for both."""
    statuses = [requests.get(f"{topology.web_urls[n % 2]}/api/search/", params={"q": "bins"}, timeout=10).status_code
                for n in range(12)]
    assert statuses[:8] == [200] * 8
    assert statuses[8:] == [429] * 4  # on web1 and on web2 alike


def test_rate_limits_behind_nginx_count_per_real_client_address(topology):
    """Through nginx every request comes from nginx's address; the limit follows the client address nginx
    passes on (here a load balancer's X-Forwarded-For, believed because the test runs on a trusted address)."""
    def search(client):
        return requests.get(f"{topology.url}/api/search/", params={"q": "bins"}, timeout=10,
                            headers={"X-Forwarded-For": client}).status_code

    first, second = "203.0.113.10", "203.0.113.20"
    assert [search(first) for _ in range(8)] == [200] * 8  # round-robin over both web processes
    assert search(first) == 429
    assert search(second) == 200  # another resident behind the same nginx is not blocked


def test_live_chat_across_processes_resident_on_one_staff_on_the_other(topology):
    """The resident's messages go through web1, a member of staff works on web2: both see everything."""
    web1, web2 = topology.web_urls
    agent, password = f"agent-{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    topology.manage("shell", "-c", (
        "from django.contrib.auth.models import Permission, User\n"
        f"user = User.objects.create_user('{agent}', password='{password}', first_name='Sam')\n"
        "user.user_permissions.add(*Permission.objects.filter(codename__in=['handle_live_chat', 'access_admin']))\n"
    ))
    staff = requests.Session()
    staff.get(f"{web2}/admin/login/", timeout=10)
    signed_in = staff.post(f"{web2}/admin/login/", timeout=10, headers={"Referer": f"{web2}/admin/login/"},
                           data={"username": agent, "password": password,
                                 "csrfmiddlewaretoken": staff.cookies["csrftoken"]})
    assert signed_in.url.rstrip("/").endswith("/admin"), signed_in.url
    csrf = {"X-CSRFToken": staff.cookies["csrftoken"], "Referer": f"{web2}/admin/"}
    assert staff.get(f"{web2}/admin/live-chat/", timeout=10).status_code == 200  # staff online

    resident = Resident(web1)
    assert resident.say("I want to talk to a person please").json()["mode"] == "human"
    [(reference,)] = topology.query("SELECT reference FROM assistant_handoffrequest WHERE sender_id = %s",
                                    [resident.sender])
    claimed = staff.post(f"{web2}/admin/live-chat/{reference}/claim/", headers=csrf, timeout=10)
    assert claimed.url.endswith(f"/admin/live-chat/{reference}/")

    assert resident.say("my housing benefit stopped").json()["mode"] == "human"
    seen = staff.get(f"{web2}/admin/live-chat/{reference}/messages.json", timeout=10).json()["messages"]
    assert "my housing benefit stopped" in [message["text"] for message in seen]

    question = "I can help with that. What is your claim number?"
    staff.post(f"{web2}/admin/live-chat/{reference}/reply/", data={"text": question}, timeout=10,
               headers={**csrf, "Accept": "application/json"}).raise_for_status()
    polled = resident.session.get(f"{web1}/api/chat/poll/", params={"after": 0},
                                  headers={"X-Chat-Sender": resident.sender},
                                  timeout=10).json()
    assert polled["mode"] == "human" and question in [message["text"] for message in polled["messages"]]


def test_publishing_a_page_clears_the_page_cache_in_every_web_process(topology):
    path = "/council-tax/pay/"
    for url in topology.web_urls:
        requests.get(f"{url}{path}", timeout=10)
        assert requests.get(f"{url}{path}", timeout=10).headers["X-Page-Cache"] == "hit"
    marker = f"Pay your Council Tax {uuid.uuid4().hex[:8]}"
    topology.manage("shell", "-c", (
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(url_path='/home{path}').specific\n"  # Westmere's (Fellside has one too)
        f"page.title = '{marker}'\n"
        "page.save_revision().publish()\n"
    ))
    for url in topology.web_urls:
        assert marker in requests.get(f"{url}{path}", timeout=10).text


def test_nginx_micro_caches_anonymous_pages_only_and_a_publish_shows_within_a_second(topology):
    site, path = topology.url, "/bins-and-recycling/"
    requests.get(f"{site}{path}", timeout=10)
    statuses = [requests.get(f"{site}{path}", timeout=10).headers.get("X-Proxy-Cache") for _ in range(3)]
    assert "HIT" in statuses
    # Never for a signed-in visitor, a query string (a postcode lookup, a search) or a page that sets a cookie.
    signed_in = requests.get(f"{site}{path}", cookies={"sessionid": "someone"}, timeout=10)
    assert signed_in.headers.get("X-Proxy-Cache") == "BYPASS"
    lookup = f"{site}/bins-and-recycling/bin-collection-day/?postcode=WM1+1AA"
    assert requests.get(lookup, timeout=10).headers.get("X-Proxy-Cache") == "BYPASS"
    form = "/bins-and-recycling/report-a-missed-bin/start/"
    for _ in range(2):
        response = requests.get(f"{site}{form}", timeout=10)
        assert response.headers.get("X-Proxy-Cache") in ("MISS", None) and "csrftoken" in response.cookies
    assert "X-Accel-Expires" not in requests.get(f"{site}{path}", timeout=10).headers  # nginx's, not the browser's

    marker = f"Bins and recycling {uuid.uuid4().hex[:8]}"
    topology.manage("shell", "-c", (
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(url_path='/home{path}').specific\n"  # Westmere's (Fellside has one too)
        f"page.title = '{marker}'\n"
        "page.save_revision().publish()\n"
    ))
    time.sleep(1.5)
    requests.get(f"{site}{path}", timeout=10)  # a stale copy may answer while nginx fetches the new one
    assert marker in requests.get(f"{site}{path}", timeout=10).text


def test_one_conversation_alternating_between_the_rasa_servers_keeps_its_state(topology):
    """A half-filled bin-day form started on one server is finished on the other."""
    rasa1, rasa2 = topology.rasa_urls
    sender = f"alternating-{uuid.uuid4().hex[:10]}"
    assert "postcode" in texts(say_to_rasa(rasa1, sender, "when is my bin day")).lower()
    assert "WM1 1AA" in texts(say_to_rasa(rasa2, sender, "the one by the park"))  # asked again, with an example
    answer = say_to_rasa(rasa1, sender, "wm1 1aa")
    assert "WM1 1AA" in texts(answer) and re.search(r"day", texts(answer))
    events = requests.get(f"{rasa2}/conversations/{sender}/tracker", params=topology.rasa_api_params,
                          timeout=10).json()["events"]
    said = [event["text"] for event in events if event["event"] == "user"]
    assert said == ["when is my bin day", "the one by the park", "wm1 1aa"]  # one history, both servers


def test_the_chat_proxy_spreads_conversations_over_both_rasa_servers(topology):
    senders = [f"spread-{n}-{uuid.uuid4().hex[:8]}" for n in range(40)]
    preferred = {in_order_for(topology.rasa_urls, sender)[0] for sender in senders}
    assert preferred == set(topology.rasa_urls)
    for sender in senders[:6]:
        response = Resident(topology.url, sender).say("when is my bin day")
        assert response.status_code == 200 and response.json()["mode"] == "bot"
        assert "postcode" in texts(response.json()["messages"]).lower()


def test_stopping_a_web_process_and_a_rasa_server_loses_no_form_and_chats_carry_on(topology):
    """Residents keep viewing pages, sending the feedback form and chatting while web2 and rasa2 stop."""
    rasa2 = topology.rasa_urls[1]
    # A chat that lives on rasa2, half-way through the bin-day form.
    sender = next(s for s in (f"failover-{uuid.uuid4().hex[:10]}" for _ in range(100))
                  if in_order_for(topology.rasa_urls, s)[0] == rasa2)
    resident = Resident(topology.url, sender)
    assert "postcode" in texts(resident.say("when is my bin day").json()["messages"]).lower()

    # Letters only: a hex marker such as "12345678" or "3e7b9123" can be taken for a number and redacted on the way in.
    marker = "stream " + "".join(random.choice(string.ascii_lowercase) for _ in range(12))
    results = {"page": [], "form": []}
    stop = threading.Event()

    def residents(kind):
        session = requests.Session()
        n = 0
        while not stop.is_set():
            n += 1
            try:
                if kind == "page":
                    status = session.get(f"{topology.url}/bins-and-recycling/", timeout=30).status_code
                else:
                    status = session.post(
                        f"{topology.url}/feedback/", headers={"Accept": "application/json"}, timeout=30,
                        data={"path": "/", "useful": "yes", "trying_to_do": f"{marker} {kind}"},
                    ).status_code
            except requests.RequestException as exc:
                status = type(exc).__name__
            results[kind].append(status)

    threads = [threading.Thread(target=residents, args=(kind,)) for kind in ("page", "form", "form")]
    for thread in threads:
        thread.start()
    time.sleep(3)
    topology.stop("spare")  # web2 and rasa2 go down mid-stream
    time.sleep(3)
    stop.set()
    for thread in threads:
        thread.join()

    assert results["page"] and set(results["page"]) == {200}, results["page"]
    assert results["form"] and set(results["form"]) == {200}, results["form"]
    saved = topology.query("SELECT count(*) FROM feedback_pagefeedback WHERE trying_to_do = %s", [f"{marker} form"])
    assert saved[0][0] == len(results["form"])  # every form sent is saved, once
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{rasa2}/status", timeout=5)
    # The chat that lived on rasa2 carries on through rasa1, with its half-filled form.
    answer = resident.say("WM1 1AA")
    assert answer.status_code == 200
    assert "WM1 1AA" in texts(answer.json()["messages"])


def test_a_browser_post_through_nginx_passes_the_origin_check_and_links_use_the_public_address(topology):
    """nginx passed `Host $host`, which drops the port: every browser POST on `make prod` got 403."""
    resident = Resident(topology.url)
    answer = resident.say("hello")
    assert answer.status_code == 200, answer.text[:300]
    session = requests.Session()
    session.get(f"{topology.url}/account/sign-in/", timeout=10)
    sign_in = session.post(f"{topology.url}/account/sign-in/", timeout=10, allow_redirects=False,
                           headers={"Origin": topology.url, "Referer": f"{topology.url}/account/sign-in/"},
                           data={"email": "nobody@example.org", "password": "wrong",
                                 "csrfmiddlewaretoken": session.cookies["csrftoken"]})
    assert sign_in.status_code != 403 and "Origin checking failed" not in sign_in.text
    page = requests.get(f"{topology.url}/bins-and-recycling/", timeout=10).text
    assert f'<link rel="canonical" href="{topology.url}/bins-and-recycling/">' in page
    assert f'<meta property="og:image" content="{topology.url}/' in page  # a static or an uploaded image
    assert f"<loc>{topology.url}/" in requests.get(f"{topology.url}/sitemap.xml", timeout=10).text


def test_the_action_server_and_rasas_api_answer_only_with_their_tokens(topology):
    """Anyone who reached the action server could run action_handoff for any conversation; Rasa's HTTP API
    gave out any conversation's tracker."""
    actions = f"http://127.0.0.1:{topology.ports['actions']}"
    call = {"next_action": "action_handoff", "sender_id": "attacker-0001", "version": "3.6.2", "domain": {},
            "tracker": {"sender_id": "attacker-0001", "events": [], "slots": {}, "latest_message": {}}}
    assert requests.post(f"{actions}/webhook", json=call, timeout=10).status_code == 403
    assert topology.query("SELECT count(*) FROM assistant_handoffrequest WHERE sender_id = 'attacker-0001'") == [(0,)]
    rasa = topology.rasa_urls[0]
    assert requests.get(f"{rasa}/conversations/anyone-0001/tracker", timeout=10).status_code == 401
    assert requests.put(f"{rasa}/model", json={"model_file": "/etc/passwd"}, timeout=10).status_code == 401
    # ...and the chat, which needs both, still works (say_to_rasa runs actions: the bin-day form).
    assert "postcode" in texts(say_to_rasa(rasa, f"tokens-{uuid.uuid4().hex[:8]}", "when is my bin day")).lower()
