"""The bot's API for page answers, asked by the page's stable chat key.

These views live here rather than in `assistant` because they read page content, and `assistant` sits below
`cms_pages` (it must not import it); they reuse the assistant's token check and council details, which is an
import pointing down. cms_pages/urls.py wires them in (included by site/customer_connect/urls.py).
"""
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from assistant.bot_api import bot_only, council_for, phones
from cms_pages.serializers import chat_answer, chat_page_for_key, chat_pages, chat_summary


@bot_only
@require_GET
def answer(request):
    """GET /api/bot/answer/?key=report_missed_bin: the chat answer of the page with that key."""
    site, council = council_for(request)
    key = request.GET.get("key", "").strip()
    page = chat_page_for_key(key, site) if key else None
    if page is None:
        return JsonResponse({"error": "not_found", "key": key}, status=404)
    return JsonResponse({**chat_answer(page, request), "phones": phones(council)})


@bot_only
@require_GET
def pages(request):
    """GET /api/bot/pages/: every page the assistant answers (the action server keeps a copy for outages)."""
    site, _ = council_for(request)
    return JsonResponse({"pages": [chat_summary(page, request) for page in chat_pages(site)]})

