"""What a search returns to the results page and the API: hits (organic and editors' best bets)."""
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from sitewide.page_cache import kept
from sitewide.view_restrictions import public

from .models import SearchBackendName


@dataclass
class Hit:
    title: str
    url: str
    summary: str = ""
    page: object = None
    promoted: bool = False
    score: float = 0.0


@dataclass(frozen=True)
class PageRef:
    """What the results page reads of a hit's page: the section above it and disruptions on its branch."""

    pk: int
    path: str
    depth: int


@dataclass
class Outcome:
    query: object  # the parsed analysis.Query
    analysis: object = None  # analysis.Analysis, when the query had words
    total: int = 0
    hits: list = field(default_factory=list)  # the requested slice, best bets first on the first page
    backend: str = SearchBackendName.DATABASE
    # No page has every word of the query (nor of an expansion), and no best bet: the results have some of them
    some_words_only: bool = False

    @property
    def corrected(self):
        return self.analysis.corrected if self.analysis else None

    @property
    def highlight_stems(self):
        return self.analysis.highlight_stems if self.analysis else set()


def specific_in_order(pages):
    if not pages:
        return []
    by_pk = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()}
    return [by_pk[p.pk] for p in pages if p.pk in by_pk]


def shown_pages(pages, texts):
    """[(specific page, its summary)] in order, for results. A page the re-ranking read (`texts`: ranking's
    {page id: (type, PageText)}) is its specific page without a query (its own fields are loaded only if read),
    with the summary already read; others are loaded (a query per page type). Pages gone since are left out.
    Candidates (search.candidates) are made into pages here, in one query."""
    made = Page.objects.in_bulk([page.pk for page in pages if not isinstance(page, Page)])
    pages = [page if isinstance(page, Page) else made.get(page.pk) for page in pages]
    pages = [page for page in pages if page is not None]
    loaded = {page.pk: page for page in specific_in_order([page for page in pages if page.pk not in texts])}
    shown = []
    for page in pages:
        if page.pk in texts:
            shown.append((page.specific_deferred, texts[page.pk][1].shown_summary))
        elif page.pk in loaded:
            shown.append((loaded[page.pk], None))
    return shown


def shown_hits(pages, scores, texts, site):
    """{page id: Hit} for those of the pages that re-ranking read (`texts`) in `site`'s own tree, each with a
    PageRef, not its page: no query, where making pages costs one and ~0.2 ms a page. The link is the page's path
    on `site`, as Wagtail's page.get_url gives it for a page of the request's own site."""
    root = site.root_page.url_path
    hits = {}
    for page in pages:
        if page.pk not in texts or not page.url_path.startswith(root):
            continue
        text = texts[page.pk][1]
        hits[page.pk] = Hit(
            title=page.title,
            url=reverse("wagtail_serve", args=(page.url_path[len(root) :],)),
            summary=text.shown_summary or text.search_description,
            page=PageRef(page.pk, text.path, text.depth),
            score=scores[page.pk],
        )
    return hits


def page_hit(page, request=None, site=None, promoted=False, score=0.0, summary=None):
    """The page as a result; `summary` when already known (None: read from the page)."""
    url = page.get_url(request=request) if request is not None else page.get_url()
    if url is None:
        return None
    if site is not None and url.startswith("http"):
        url = page.relative_url(site, request) or url
    if summary is None:
        summary = getattr(page, "summary", "")
    summary = summary or page.search_description or ""
    return Hit(title=page.title, url=url, summary=summary, page=page, promoted=promoted, score=score)


def promotion_hit(pick, request=None, site=None):
    if pick.page_id:
        hit = page_hit(pick.page.specific, request, site, promoted=True)
    else:
        hit = Hit(title=pick.external_link_text or pick.external_link_url, url=pick.external_link_url, promoted=True)
    if hit:
        hit.summary = pick.description or hit.summary
    return hit


def section_titles(site, pages):
    """{page id: the title of the top-level section it sits in (a service area, or Contact us)}, for result
    breadcrumbs. The site's sections are kept under the page cache's version (a publish or a move replaces them)."""
    if site is None or not pages:
        return {}
    root = site.root_page
    size = len(root.path) + Page.steplen
    found = kept(f"search-sections:{site.pk}", lambda: dict(
        public(Page.objects.child_of(root).live()).values_list("path", "title")
    ))
    inside = [page for page in pages if page.depth > root.depth + 1 and page.path.startswith(root.path)]
    return {page.pk: found[page.path[:size]] for page in inside if page.path[:size] in found}


def for_council(site):
    """Best bets that may show on a council's site: a page is filtered by the site's pages, a link outside the site
    by its council (models.PromotionCouncil; none: every council)."""
    shown = Q(page__isnull=False) | Q(council__site__isnull=True)  # (a left join: no PromotionCouncil row too)
    return shown | Q(council__site=site) if site is not None else shown


def best_bets(queryset, site=None):
    """Editors' best bets (wagtail.contrib.search_promotions) that may show on a council's site, in order: a
    page's only while it is one of `queryset`'s. Read without Query.get(), which would store every query string
    unredacted."""
    picks = SearchPromotion.objects.filter(for_council(site)).select_related("query", "page")
    picks = list(picks.order_by("sort_order", "pk"))
    live_ids = set(queryset.filter(pk__in=[p.page_id for p in picks if p.page_id]).values_list("pk", flat=True))
    shown = []
    for pick in picks:
        if pick.page_id in live_ids:
            pick.page = pick.page.specific
            shown.append(pick)
        elif not pick.page_id and pick.external_link_url:
            shown.append(pick)
    return shown


def promotions(analysis, picks):
    """The best bets among `picks` (best_bets) for the query or its corrected form, each page or link once."""
    strings = {analysis.query.normalised}
    if analysis.corrected:
        strings.add(analysis.corrected)
    result, seen = [], set()
    for pick in picks:
        key = pick.page_id or pick.external_link_url
        if pick.query.query_string in strings and key not in seen:
            seen.add(key)
            result.append(pick)
    return result
