"""Search pages and JSON endpoints: the results page, the click redirect, the chatbot API and autocomplete."""
import math
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from service_status.current import affecting_any

from cms_pages.answer_pages import FROM_PARAM, FROM_SHARED_LINK
from cms_pages.models import HomePage
from kit.bearer import carries_bearer_token
from sitewide.current_site import current_site
from sitewide.rate_limits import limited_by

from . import engine, results_cache
from .analysis import Query
from .models import SearchSource
from .querylog import find_log, log_click, safe_internal_path, search_log, stored_after
from .rendered_results import rendered_page

PER_PAGE = 10
API_DEFAULT_LIMIT = 5
API_MAX_LIMIT = 20
AUTOCOMPLETE_LIMIT = 8


def from_the_bot(request):
    """The chat action server, which sends the bot token: all residents in chat share its address."""
    return carries_bearer_token(request, settings.BOT_API_TOKEN)


def positive_int(value, default):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def pagination(query, page_number, page_count, extra):
    """Links for the GOV.UK pagination component: 1 ... 4 [5] 6 ... 12."""
    if page_count <= 1:
        return None

    def url(number):
        return "?" + urlencode({"q": query, **extra, **({"page": number} if number > 1 else {})})

    shown = sorted({1, page_count, page_number - 1, page_number, page_number + 1} & set(range(1, page_count + 1)))
    items, previous = [], 0
    for number in shown:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "url": url(number), "current": number == page_number})
        previous = number
    return {
        "items": items,
        "previous": url(page_number - 1) if page_number > 1 else None,
        "next": url(page_number + 1) if page_number < page_count else None,
    }


def click_url(token, position, url):
    if token is None or not url.startswith("/"):
        return url
    return "/search/click/?" + urlencode({"t": token, "p": position, "url": url})


def top_tasks(site):
    home = HomePage.objects.filter(pk=site.root_page_id).first() if site else None
    return home.specific.get_top_tasks() if home else []


@never_cache
@require_GET
@limited_by("SEARCH_PAGE_RATE_LIMIT", group="search-page")
def search_page(request):
    parsed = Query.parse(request.GET.get("q", ""))
    query = parsed.text
    context = {"query": query, "hide_header_search": True}
    if not query:
        return render(request, "search/search.html", context)

    site = current_site(request)
    correct = request.GET.get("spell") != "off"
    page_number = positive_int(request.GET.get("page"), 1)
    outcome, areas = results_cache.search(
        parsed, site=site, request=request, offset=(page_number - 1) * PER_PAGE, limit=PER_PAGE, correct=correct
    )
    page_count = max(1, math.ceil(outcome.total / PER_PAGE))
    if page_number > page_count:
        return redirect("/search/?" + urlencode({"q": query, **({} if correct else {"spell": "off"})}))

    # One log entry per search: later pages reuse the first page's entry (its token is in the links).
    log = find_log(request.GET.get("t")) if page_number > 1 else None
    new_log = None
    # A shared chat link the assistant could not answer lands here: a link preview's crawler follows it too, so it
    # is not logged and fills no list of failed searches (cms_pages.answer_pages)
    if log is None and request.GET.get(FROM_PARAM) != FROM_SHARED_LINK:
        log = new_log = search_log(outcome, SearchSource.SITE, site)
    extra = {} if correct else {"spell": "off"}

    def render_page(token):
        first_position = (page_number - 1) * PER_PAGE
        results = []
        for index, hit in enumerate(outcome.hits):
            area = areas.get(hit.page.pk) if hit.page is not None else None
            results.append({"hit": hit, "area": area, "href": click_url(token, first_position + index + 1, hit.url)})
        links = {"t": token} if token else {}
        context.update(
            disruptions=affecting_any(hit.page for hit in outcome.hits if hit.page is not None),
            outcome=outcome,
            results=results,
            total=outcome.total,
            page_number=page_number,
            page_count=page_count,
            pagination=pagination(query, page_number, page_count, {**links, **extra}),
            spell_off_url="?" + urlencode({"q": query, "spell": "off"}),
            top_tasks=top_tasks(site) if outcome.total == 0 else [],
        )
        return render_to_string("search/search.html", context, request)

    return stored_after(HttpResponse(rendered_page(request, query, page_number, correct, log, render_page)), new_log)


@never_cache
@require_GET
def click(request):
    """Result links come through here so we learn which result helped, with or without JavaScript.
    Only ever redirects to a path on this site."""
    path = safe_internal_path(request.GET.get("url", ""))
    if path is None:
        return HttpResponseBadRequest("That link is not a page on this website.", content_type="text/plain")
    log = find_log(request.GET.get("t"))
    if log is not None:
        log_click(log, path, positive_int(request.GET.get("p"), None))
    response = redirect(path)
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@require_GET
@limited_by("SEARCH_RATE_LIMIT", group="search-api", unless=from_the_bot)
def search_api(request):
    """For the chatbot: GET /api/search/?q=<text>&limit=3 -> {"query", "count", "some_words_only", "results":
    [{"title", "url", "summary"}]}. `count` is every match; `limit` is 5 unless given, at most 20;
    `some_words_only`: no page has every word of the query, so the results have only some of them (what the results
    page tells residents: "how do I apply for an allotment" finds the pages about applying)."""
    parsed = Query.parse(request.GET.get("q", ""))
    query = parsed.text
    limit = min(positive_int(request.GET.get("limit"), API_DEFAULT_LIMIT), API_MAX_LIMIT)
    if not query:
        return JsonResponse({"query": query, "count": 0, "some_words_only": False, "results": []})
    site = current_site(request)
    outcome, _ = results_cache.search(parsed, site=site, request=request, offset=0, limit=limit)
    hits = [hit for hit in outcome.hits if hit.url.startswith("/")][:limit]  # pages on this site only
    response = JsonResponse(
        {
            "query": query,
            "count": outcome.total,
            "some_words_only": outcome.some_words_only,
            "results": [{"title": hit.title, "url": hit.url, "summary": hit.summary} for hit in hits],
        }
    )
    return stored_after(response, search_log(outcome, SearchSource.API, site))


@require_GET
@limited_by("AUTOCOMPLETE_RATE_LIMIT", group="search-autocomplete")
def autocomplete_api(request):
    """Task titles for what has been typed so far: GET /api/search/autocomplete/?q=bin d."""
    query = Query.parse(request.GET.get("q", "")[:100])
    hits = engine.autocomplete(query, site=current_site(request), request=request, limit=AUTOCOMPLETE_LIMIT)
    response = JsonResponse({"query": query.text, "results": [{"title": hit.title, "url": hit.url} for hit in hits]})
    response["Cache-Control"] = "max-age=300"
    return response
