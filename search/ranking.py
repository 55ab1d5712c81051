"""Re-ranking the backend's best candidates the same way on every backend.

Titles and editors' search keywords weigh more than summaries, which weigh more than body text (the
backend's own order); words count more when rare; pages many others link to rise a little; task pages
come before guides and other pages.
"""
import math
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from cms_pages.models import (
    ContactPage,
    GuidePage,
    GuidePartPage,
    HomePage,
    ServiceAreaPage,
    SignpostPage,
    StandardPage,
    StepByStepPage,
    TaskPage,
    UrgentPage,
)

from .text import content_words, stem, stems

TYPE_WEIGHTS = {
    TaskPage: 1.0,
    UrgentPage: 1.0,
    SignpostPage: 1.0,
    GuidePage: 0.85,
    StepByStepPage: 0.85,
    ContactPage: 0.8,
    ServiceAreaPage: 0.75,
    GuidePartPage: 0.75,
    StandardPage: 0.7,
    HomePage: 0.5,
}
OTHER_TYPE_WEIGHT = 0.7
# Pages the council's other pages point residents to (related pages, step-by-steps, top tasks, links in
# text) are the ones residents most often need: among pages that match about as well, they come first.
# Damped (log) and capped, so links order close matches and never outweigh the words.
LINK_WEIGHT = 0.8
LINKS_COUNTED = 15
TEXT_FIELDS = ("summary", "search_keywords", "answer")
PLACE_FIELDS = ("path", "depth", "search_description")  # every page's
KEPT_TEXTS = 20_000  # pages' words kept per process for re-ranking (about a kilobyte each)


@dataclass
class PageText:
    title: set
    title_terms: set
    keywords: list  # [set of stems per keyword phrase]
    keyword_union: set
    summary: set
    shown_summary: str = ""  # the summary as written, shown under the page in results
    # Where the page is, for a result shown without loading the page (search.hits.shown_hits)
    path: str = ""
    depth: int = 0
    search_description: str = ""

    @classmethod
    def of(cls, fields):
        title = stems(fields["title"])
        phrases = (fields.get("search_keywords") or "").split(",")
        keywords = [set(content_words(stems(phrase))) for phrase in phrases]
        keywords = [phrase for phrase in keywords if phrase]
        summary = " ".join(filter(None, [fields.get("summary"), fields.get("answer")]))
        return cls(
            title=set(title),
            title_terms=set(content_words(title)),
            keywords=keywords,
            keyword_union=set().union(*keywords) if keywords else set(),
            summary=set(stems(summary)),
            shown_summary=fields.get("summary") or "",
            path=fields.get("path") or "",
            depth=fields.get("depth") or 0,
            search_description=fields.get("search_description") or "",
        )


def text_score(text, terms, weights):
    """How well one page's words match one alternative's words (each word weighted by rarity)."""
    total = sum(weights.values()) or 1.0

    def coverage(bag):
        return sum(weight for term, weight in weights.items() if term in bag) / total

    title = coverage(text.title)
    keywords = coverage(text.keyword_union)
    score = 4.0 * title + 3.0 * keywords + 1.5 * coverage(text.summary)
    if title == 1.0:
        score += 1.0
        if text.title_terms == terms:
            score += 1.5
    if any(phrase == terms for phrase in text.keywords):
        score += 2.0
    elif any(terms <= phrase for phrase in text.keywords):
        score += 1.0  # the query is part of an editor's phrase
    elif any(len(phrase) > 1 and phrase <= terms for phrase in text.keywords):
        score += 1.0  # an editor's phrase of two words or more is in the query ("phone number for the council")
    return score


def candidate_texts(pages):
    """{page id: (page type, {title, summary, search_keywords, answer, and where the page is})}: one small query
    per page type, without loading StreamField bodies."""
    by_type = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, []).append(page.pk)
    texts = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        names = {field.name for field in model._meta.get_fields()}
        wanted = ["pk", "title", *(name for name in TEXT_FIELDS if name in names), *PLACE_FIELDS]
        for row in model._default_manager.filter(pk__in=ids).values(*wanted):
            texts[row["pk"]] = (model, row)
    return texts


def texts_of(candidates, vocabulary):
    """{page id: (page type, PageText)} for the candidates: each page's words read and split once per vocabulary
    (which any change of content replaces), not for every search. At most KEPT_TEXTS pages are kept."""
    kept = vocabulary.page_texts
    missing = [page for page in candidates if page.pk not in kept]
    if missing:
        if len(kept) + len(missing) > KEPT_TEXTS:
            kept.clear()
        for pk, (model, fields) in candidate_texts(missing).items():
            kept[pk] = (model, PageText.of(fields))
    return kept


def type_weight(model):
    return next((weight for kind, weight in TYPE_WEIGHTS.items() if issubclass(model, kind)), OTHER_TYPE_WEIGHT)


def rerank(candidates, analysis, vocabulary, boosts=None):
    """[(page, score)]: the backend's candidates (search.candidates, in the backend's order) by the shared scoring,
    plus any boost per page id (what residents clicked for these words: search.clicks)."""
    boosts = boosts or {}
    texts = texts_of(candidates, vocabulary)
    alternatives = []
    for words, weight in analysis.alternatives:
        terms = {stem(word) for word in words}
        alternatives.append((terms, {term: max(vocabulary.idf(term), 0.1) for term in terms}, weight))
    count = len(candidates) or 1
    scored = []
    for position, page in enumerate(candidates):
        model, text = texts.get(page.pk) or (page.specific_class or Page, PageText.of({"title": page.title}))
        best = max((weight * text_score(text, terms, weights) for terms, weights, weight in alternatives), default=0)
        body = 1.0 - position / count  # the backend's own relevance, which includes body text
        # Only among pages whose own words (title, keywords, summary) match: a page found for its body alone, or
        # by a fuzzy near-miss, is never lifted over the one whose body has the words.
        linked = vocabulary.inbound_links.get(page.pk, 0) if best > 0 else 0
        links = LINK_WEIGHT * math.log1p(min(linked, LINKS_COUNTED))
        scored.append(((best + body + links) * type_weight(model) + boosts.get(page.pk, 0.0), -position, page))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [(page, score) for score, _, page in scored]
