"""What a search returns to the results page and the API: hits (organic and editors' best bets)."""
from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

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


@dataclass
class Outcome:
    query: object  # the parsed analysis.Query
    analysis: object = None  # analysis.Analysis, when the query had words
    total: int = 0
    hits: list = field(default_factory=list)  # the requested slice, best bets first on the first page
    backend: str = SearchBackendName.DATABASE

    @property
    def corrected(self):
        return self.analysis.corrected if self.analysis else None

    @property
    def highlight_stems(self):
        return self.analysis.highlight_stems if self.analysis else set()


def specific_in_order(pages):
    by_pk = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()}
    return [by_pk[p.pk] for p in pages if p.pk in by_pk]


def page_hit(page, request=None, site=None, promoted=False, score=0.0):
    url = page.get_url(request=request) if request is not None else page.get_url()
    if url is None:
        return None
    if site is not None and url.startswith("http"):
        url = page.relative_url(site, request) or url
    summary = getattr(page, "summary", "") or page.search_description or ""
    return Hit(title=page.title, url=url, summary=summary, page=page, promoted=promoted, score=score)


def promotion_hit(pick, request=None, site=None):
    if pick.page_id:
        hit = page_hit(pick.page.specific, request, site, promoted=True)
    else:
        hit = Hit(title=pick.external_link_text or pick.external_link_url, url=pick.external_link_url, promoted=True)
    if hit:
        hit.summary = pick.description or hit.summary
    return hit


def sections(site, pages):
    """{page id: the top-level section it sits in (a service area, or Contact us)}, for result breadcrumbs."""
    if site is None or not pages:
        return {}
    root = site.root_page
    size = len(root.path) + Page.steplen
    inside = [page for page in pages if page.depth > root.depth + 1 and page.path.startswith(root.path)]
    found = public(Page.objects.live()).filter(path__in={page.path[:size] for page in inside})
    found = {section.path: section for section in found}
    return {page.pk: found[page.path[:size]] for page in inside if page.path[:size] in found}


def for_council(site):
    """Best bets that may show on a council's site: a page is filtered by the site's pages, a link outside the site
    by its council (models.PromotionCouncil; none: every council)."""
    shown = Q(page__isnull=False) | Q(council__site__isnull=True)  # (a left join: no PromotionCouncil row too)
    return shown | Q(council__site=site) if site is not None else shown


def promotions(analysis, queryset, site=None):
    """Editors' best bets (wagtail.contrib.search_promotions) for the query or its corrected form, on a council's
    site. Looked up without Query.get(), which would store every query string unredacted."""
    strings = {analysis.query.normalised}
    if analysis.corrected:
        strings.add(analysis.corrected)
    picks = SearchPromotion.objects.filter(for_council(site), query__query_string__in=strings).select_related("query")
    picks = picks.order_by("sort_order", "pk")
    live_ids = set(queryset.filter(pk__in=[p.page_id for p in picks if p.page_id]).values_list("pk", flat=True))
    result, seen = [], set()
    for pick in picks:
        key = pick.page_id or pick.external_link_url
        if key in seen:
            continue
        if pick.page_id and pick.page_id in live_ids:
            seen.add(key)
            result.append(pick)
        elif not pick.page_id and pick.external_link_url:
            seen.add(key)
            result.append(pick)
    return result
