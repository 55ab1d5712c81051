"""Chat answers as pages, for links shared on social media.

A chat-question link (`/?ask=when is my bin day`, on any page) is read once, on the server, by the assistant's model
(Rasa's /model/parse: no conversation, so nothing is written and a link preview's crawler fills no list), and sent
on to the answer page of the page that answers it: `/ask/<chat key>/?q=...`. One page per answer, so the page cache
keeps one copy of each, whatever the question's words (`q` is for the chat widget only: with JavaScript the widget
opens on top and asks it, and the conversation carries on). A question the assistant cannot answer, or any question
while the assistant is down, goes to the search results for it, never to an error.

The answer page says what the assistant says (cms_pages.serializers.chat_answer: the same fields), with its page,
its Start now link, "Was this answer helpful?" and Open Graph / Twitter card tags of that answer.
"""
import secrets
from urllib.parse import urlencode

from campaigns.links import campaign_of, with_campaign
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from assistant.chat_keys import is_chat_key
from assistant.chat_links import answer_title, answering_page, intent_of
from assistant.chat_pages import chat_page_for_key
from feedback.services import record_chat_answer_feedback
from kit.text import clean_text
from sitewide.current_site import current_site
from sitewide.metadata import page_metadata
from sitewide.page_cache import SKIP_PREFIXES
from sitewide.rate_limits import limited_by

from .page_links import tool_page
from .serializers import chat_answer

ASK_PARAM = "ask"  # the chat-question link's question
QUESTION_PARAM = "q"  # the question, carried to the answer page for the chat widget
MAX_QUESTION = 500
# The assistant's own intents answered by a tool on a page, not by a page's words: the page with the tool
TOOL_INTENTS = {"bin_collection_day": "bins"}
# On the search results a question goes to when the assistant cannot answer it: not logged (search.views)
FROM_PARAM, FROM_SHARED_LINK = "from", "link"


def answer_url(page, question="", campaign=""):
    url = reverse("cms_pages:answer_page", args=[page.chat_key])
    return with_campaign(url + (f"?{urlencode({QUESTION_PARAM: question})}" if question else ""), campaign)


def search_url(question):
    return reverse("search:search") + "?" + urlencode({"q": question, FROM_PARAM: FROM_SHARED_LINK})


def landing(question, site):
    """Where a shared question leads: (the page with the tool that answers it, False), (the page whose answer the
    assistant gives, True), or (None, False) for the search results."""
    intent = intent_of(question)
    tool = tool_page(site, TOOL_INTENTS[intent]) if intent in TOOL_INTENTS and site else None
    if tool is not None:
        return tool, False
    page = answering_page(question, site, intent) if intent else None
    return page, page is not None


def where_to(question, site, campaign=""):
    question = " ".join(clean_text(question).split())[:MAX_QUESTION]
    if not question:
        return "/"
    page, is_answer = landing(question, site)
    if page is None:
        return search_url(question)
    return answer_url(page, question, campaign) if is_answer else with_campaign(page.url, campaign)


def social_card(question, request):
    """The card a link to this question shows where it is shared (its landing page's Open Graph values), or None
    when it leads to search results (campaigns' preview, through the hook in cms_pages.wagtail_hooks)."""
    page, is_answer = landing(question, current_site(request))
    if page is None:
        return None
    if is_answer:
        return page_metadata(request, title=answer_title(page), description=page.chat_answer)
    return page_metadata(request, page.specific)


class AskLinkMiddleware:
    """Before the page cache: a chat-question link on any public address is answered where its answer is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and ASK_PARAM in request.GET
            and not request.path.startswith(SKIP_PREFIXES)
        ):
            question, site = request.GET.get(ASK_PARAM, ""), current_site(request)
            return HttpResponseRedirect(where_to(question, site, campaign_of(request)))
        return self.get_response(request)


def answered_page_or_404(request, key):
    page = chat_page_for_key(key, current_site(request)) if is_chat_key(key) else None
    if page is None:
        raise Http404("No answer with that key")
    return page


def answer_page(request, key):
    page = answered_page_or_404(request, key)
    answer = chat_answer(page, request)
    return render(request, "cms_pages/answer_page.html", {
        "answer": answer,
        "title": answer_title(page),
        "answered": page,
        "feedback_url": reverse("cms_pages:answer_feedback", args=[key]),
        "thanks": request.GET.get("feedback") == "thanks",
    })


@csrf_exempt  # as "Is this page useful?": the page is cached whole, so it carries no token (feedback.views)
@require_POST
@limited_by("FEEDBACK_RATE_LIMIT", method="POST")
def answer_feedback(request, key):
    """"Was this answer helpful?" on an answer page: one anonymous answer, counted with the chat widget's."""
    page = answered_page_or_404(request, key)
    helpful = request.POST.get("helpful")
    if helpful in ("yes", "no"):
        record_chat_answer_feedback(f"answer-page-{secrets.token_hex(16)}", page, helpful == "yes")
    response = HttpResponseRedirect(answer_url(page) + "?feedback=thanks#answer-feedback")
    response.status_code = 303
    return response
