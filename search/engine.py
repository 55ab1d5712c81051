"""Site search, built for what residents type: the steps, each in its own module.

1. `analysis`: the query is cleaned and split once, spelling is corrected against the council's own words and
   synonyms are expanded ("tip" -> "household waste recycling centre").
2. `queries`: the backend (OpenSearch or Elasticsearch with fuzzy matching, or the database) is asked for
   pages matching every meaningful word of the query or of one of its expansions; if nothing matches, any. A
   sentence (three meaningful words or more) also adds the pages with any of its words, after those with all.
3. `ranking`: the best candidates are re-ranked the same way on every backend, with a small boost for
   the pages residents chose for the same words (`clicks`).
4. `hits`: editors' best bets (promoted results) go first.
`fallback` picks the backend and answers from the database when the search server fails.
"""
from cms_pages.models import GuidePage, SignpostPage, StepByStepPage, TaskPage, UrgentPage
from sitewide.current_site import current_site

from .analysis import Query, analyse
from .clicks import click_boosts, click_shares
from .fallback import run_with_fallback
from .hits import (
    Outcome,
    best_bets,
    page_hit,
    promotion_hit,
    promotions,
    shown_hits,
    shown_pages,
    specific_in_order,
)
from .queries import RERANK_CANDIDATES, base_queryset, is_known_to, matches, relaxed_query, strict_query
from .ranking import rerank
from .text import STOP_WORDS, stem, stems
from .vocabulary import get_vocabulary

TASK_TYPES = (TaskPage, SignpostPage, UrgentPage)
SUGGESTED_TYPES = (*TASK_TYPES, GuidePage, StepByStepPage)
TAIL_OVERLAP = 10  # how far before the end of the re-ranked candidates the rest of the results is read from


def ranked_matches(backend, on_server, query, queryset, vocabulary, correct, site=None):
    """(analysis, total, [(page, score)] best first, the backend's results for the tail, whether any page has every
    word)."""
    site_id = site.pk if site else None
    analysis = analyse(query, vocabulary, is_known_to(backend, queryset), correct=correct, site_id=site_id)
    if not analysis.alternatives:
        return analysis, 0, [], None, False
    many_pages = vocabulary.documents > RERANK_CANDIDATES  # a search may match more pages than are re-ranked
    strict = strict_query(analysis, on_server)
    results, candidates, total = matches(backend, strict, queryset, on_server, TASK_TYPES, many_pages)
    every_word = total > 0
    if total == 0 or analysis.is_sentence:
        # Any of the words. A sentence's pages with every word stay first in the backend's order (re-ranking reads it),
        # the others follow: most of a sentence's words may not be on the page it is about.
        relaxed = relaxed_query(analysis, on_server)
        results, wider, total = matches(backend, relaxed, queryset, on_server, TASK_TYPES, many_pages)
        seen = {page.pk for page in candidates}
        candidates += [page for page in wider if page.pk not in seen]
    boosts = click_boosts(candidates, click_shares(query.text, site))
    return analysis, total, rerank(candidates, analysis, vocabulary, boosts), results, every_word


def site_best_bets(vocabulary, queryset, site):
    """The site's own best bets, read once per vocabulary (a change of best bets or pages is a new one)."""
    if vocabulary.best_bets is None:
        vocabulary.best_bets = best_bets(queryset, site or current_site())
    return vocabulary.best_bets


def search(query, *, site=None, request=None, offset=0, limit=10, correct=True, with_promotions=True, with_pages=True):
    """Search the site. Returns an Outcome with `total` matches and `limit` hits from `offset`. Without `with_pages`,
    a hit's page may be a PageRef (pk, path, depth), all that the results page and the search API read of it."""
    query = Query.parse(query)
    if not query:
        return Outcome(query=query)
    queryset = base_queryset(site)
    vocabulary = get_vocabulary(site)  # the council's own words: a correction finds pages on its site

    def work(backend, on_server):
        return ranked_matches(backend, on_server, query, queryset, vocabulary, correct, site)

    (analysis, total, ranked, results, every_word), label = run_with_fallback(work)
    outcome = Outcome(query=query, analysis=analysis, total=total, backend=label)

    # Best bets lead the first page; organic results never repeat them on any page.
    picks = promotions(analysis, site_best_bets(vocabulary, queryset, site)) if with_promotions else []
    outcome.some_words_only = total > 0 and not every_word and not picks
    promoted_ids = {pick.page_id for pick in picks if pick.page_id}
    ranked_ids = {page.pk for page, _ in ranked}
    outcome.total += sum(1 for pick in picks if not pick.page_id or pick.page_id not in ranked_ids)
    for pick in picks if offset == 0 else []:
        hit = promotion_hit(pick, request, site)
        if hit:
            outcome.hits.append(hit)

    organic = [(page, score) for page, score in ranked if page.pk not in promoted_ids]
    wanted = organic[offset : offset + limit]
    if len(wanted) < limit and results is not None and total > len(ranked):
        # Beyond the re-ranked candidates: the backend's own order, without the pages already re-ranked (the task
        # pages added to the candidates, and candidates a search cluster orders differently from one query to the
        # next when their scores are equal, read from a little before the candidates' end)
        start, need = max(offset, len(ranked)), offset + limit - max(offset, len(ranked))
        added = max(0, len(ranked) - RERANK_CANDIDATES)
        ranked_ids = {page.pk for page, _ in ranked}
        first = max(0, RERANK_CANDIDATES - TAIL_OVERLAP)
        beyond = [page for page in results[first : start + need + added] if page.pk not in ranked_ids]
        skip = start - len(ranked)
        wanted += [(page, 0.0) for page in beyond[skip : skip + need] if page.pk not in promoted_ids]
    scores = {page.pk: score for page, score in wanted}
    pages = [page for page, _ in wanted]
    light = shown_hits(pages, scores, vocabulary.page_texts, site) if site and not with_pages else {}
    # The rest are made into pages; one gone since is left out
    others = [page for page in pages if page.pk not in light]
    made = {page.pk: (page, summary) for page, summary in shown_pages(others, vocabulary.page_texts)}
    for page in pages:
        hit = light.get(page.pk)
        if hit is None and page.pk in made:
            shown, summary = made[page.pk]
            hit = page_hit(shown, request, site, score=scores[page.pk], summary=summary)
        if hit:
            outcome.hits.append(hit)
    return outcome


def autocomplete(query, *, site=None, request=None, limit=8):
    """Task titles for the words typed so far (the last word may be half typed)."""
    query = Query.parse(query)
    words = list(query.words)
    if not words or len(query.normalised) < 2:
        return []
    *complete, partial = words
    typed = " ".join([word for word in complete if word not in STOP_WORDS] + [partial])
    queryset = base_queryset(site).type(*SUGGESTED_TYPES)

    def work(backend, on_server):
        return specific_in_order(list(backend.autocomplete(typed, queryset)[: limit * 3]))

    pages, _ = run_with_fallback(work)
    wanted, partial_stem = set(query.stems), stem(partial)

    def order(item):
        position, page = item
        title = stems(page.title)
        return (
            not (wanted - {partial_stem}) <= set(title),  # the title has the words already typed
            not any(word.startswith(partial_stem) for word in title),  # and one starting like the last
            not isinstance(page, TASK_TYPES),
            position,
        )

    pages = [page for _, page in sorted(enumerate(pages), key=order)]
    if not pages and len(partial) >= 3:
        # Nothing starts like that: fall back to the full search (spelling, synonyms), task pages only.
        outcome = search(query, site=site, request=request, limit=limit, with_promotions=False)
        pages = [hit.page for hit in outcome.hits if isinstance(hit.page, SUGGESTED_TYPES)]
    hits = [page_hit(page, request, site) for page in pages[:limit]]
    return [hit for hit in hits if hit]
