"""Wagtail's OpenSearch 2 and Elasticsearch 8 backends, with the council's synonyms in each new index.

Synonyms are expanded at query time on every backend (search.analysis), so an editor's change works at
once. On a search server they are also put in the index's search analyzer (a `synonym_graph` filter in
`default_search`), so the server's own matching and scoring know them too. Analysis settings are fixed
when an index is created: saving or deleting a synonym in the admin queues a re-index (search.tasks), which
builds a new index with the new synonyms and switches the alias to it.
"""
import hashlib
import json
from copy import deepcopy

from wagtail.search.backends import elasticsearch8, opensearch2

from .candidates import CandidateResultsMixin, candidates_by_pk
from .models import Synonym

SYNONYM_FILTER = "westmere_synonyms"
STEMMER_FILTER = "westmere_english_stemmer"


def synonym_rules():
    """Solr-style rules, one per live synonym for every council: "tip, household waste recycling centre, hwrc".
    One index serves every council, so a council's own synonyms are not in its analyzer: they are expanded at
    query time only (search.analysis), which every backend does anyway."""
    rules = []
    for synonym in Synonym.objects.filter(live=True, site=None):
        group = synonym.group()
        if len(group) > 1:
            rules.append(", ".join(group))
    return rules


def with_synonyms(index_settings, rules):
    """The index settings with a search analyzer that expands the synonyms (unchanged when there are none)."""
    result = deepcopy(index_settings)
    if not rules:
        return result
    analysis = result.setdefault("settings", {}).setdefault("analysis", {})
    filters = analysis.setdefault("filter", {})
    filters[SYNONYM_FILTER] = {"type": "synonym_graph", "synonyms": rules, "lenient": True}
    chain = ["asciifolding", "lowercase", SYNONYM_FILTER] + ([STEMMER_FILTER] if STEMMER_FILTER in filters else [])
    analysis.setdefault("analyzer", {})["default_search"] = {"type": "custom", "tokenizer": "standard", "filter": chain}
    return result


class SynonymIndexMixin:
    def put(self):
        backend = self.backend
        plain = backend.settings
        backend.settings = with_synonyms(plain, synonym_rules())
        try:
            super().put()
        finally:
            backend.settings = plain


# A fuzzy word keeps its first letter: residents' typos seldom change it ("recylcing", "counsil"), and the match then
# tries far fewer of the index's terms (the cluster's part of a site search at 10,000 pages: about a fifth less).
FUZZY_PREFIX_LENGTH = 1


class FirstLetterFuzzyMixin:
    def _compile_fuzzy_query(self, query, fields):
        compiled = super()._compile_fuzzy_query(query, fields)
        options = compiled.get("multi_match") or next(iter(compiled["match"].values()))
        options["prefix_length"] = FUZZY_PREFIX_LENGTH
        return compiled


class SearchServerError(Exception):
    """One search of a request of several failed (the whole request did not)."""


def search_together(*slices):
    """[[result, ...], ...]: the slices' searches (of OneRequestResultsMixin results) in one request (`_msearch`),
    which the cluster runs side by side: the site search's candidates and its best task pages were two round trips,
    one after the other."""
    backend = slices[0].backend
    lines = [part for results in slices for part in results.request_parts()]
    if backend.use_new_elasticsearch_api:
        answer = backend.es.msearch(searches=lines)
    else:
        answer = backend.es.msearch(body=lines)
    found = []
    for results, response in zip(slices, answer["responses"], strict=True):
        if "error" in response:
            raise SearchServerError(response["error"])
        found.append(results.take_hits(response["hits"]))
    return found


class OneRequestResultsMixin(CandidateResultsMixin):
    """A slice of up to ONE_REQUEST_HITS results in one request, and its count from that request's exact total.

    modelsearch scrolls for more than 100 hits: the 200 candidates re-ranking reads (search.queries) cost a search,
    a scroll and a clear of the scroll, then a separate count request, each a round trip to the cluster. Here it is
    one search (`from`/`size`, `track_total_hits`), whose total answers `count()` for the same query."""

    ONE_REQUEST_HITS = 1000

    def _limit(self):
        limit = None if self.stop is None else self.stop - self.start
        return None if limit is None or limit > self.ONE_REQUEST_HITS else limit

    def _do_search(self):
        limit = self._limit()
        if limit is None:
            yield from super()._do_search()
            return
        body = self._get_es_body()
        params = {
            "index": self._index_name(),
            "preference": self._preference(body),
            "_source": False,
            self.fields_param_name: "pk",
            "from_": self.start,
            "size": limit,
            "track_total_hits": True,
        }
        yield from self._hits_found(self._backend_do_search(body, **params)["hits"])

    def _index_name(self):
        return self.backend.get_index_for_model(self.query_compiler.queryset.model).name

    @staticmethod
    def _preference(body):
        """The same shard copies for every request of the same query (`body`, as sent): copies can order equal
        scores differently, and a search reads its candidates and the results beyond them in separate requests
        (search.engine)."""
        query = json.dumps(body["query"], sort_keys=True, default=str)
        return hashlib.sha256(query.encode()).hexdigest()[:16]

    def _hits_found(self, hits):
        total = hits.get("total")
        if isinstance(total, dict) and total.get("relation") == "eq":
            self.query_compiler.known_total = total.get("value")  # shared by every slice of this search
        return self._get_results_from_hits(hits["hits"])

    def _get_results_from_hits(self, hits):
        if not self.candidates_only:
            yield from super()._get_results_from_hits(hits)
            return
        queryset = self.query_compiler.queryset
        to_python = queryset.model._meta.pk.to_python
        scores = {to_python(hit["fields"]["pk"][0]): hit["_score"] for hit in hits}
        found = candidates_by_pk(queryset, list(scores))
        for pk, score in scores.items():
            candidate = found.get(pk)
            if candidate is not None:
                if self._score_field:
                    setattr(candidate, self._score_field, score)
                yield candidate

    def request_parts(self):
        """This slice's search as two lines of a `_msearch` request (search_together)."""
        body = self._get_es_body()
        header = {"index": self._index_name(), "preference": self._preference(body)}
        return [header, {**body, "_source": False, self.fields_param_name: ["pk"], "from": self.start,
                         "size": self._limit(), "track_total_hits": True}]

    def take_hits(self, hits):
        """The results of this slice from its part of a `_msearch` answer, kept as if it had searched itself."""
        self._results_cache = list(self._hits_found(hits))
        return self._results_cache

    def _do_count(self):
        total = getattr(self.query_compiler, "known_total", None)
        if total is None:
            return super()._do_count()
        if self.stop is not None:
            total = min(total, self.stop)
        return max(total - self.start, 0)


class OpenSearch2Index(SynonymIndexMixin, opensearch2.OpenSearch2Index):
    pass


class OpenSearch2SearchResults(OneRequestResultsMixin, opensearch2.OpenSearch2SearchResults):
    pass


class OpenSearch2SearchQueryCompiler(FirstLetterFuzzyMixin, opensearch2.OpenSearch2SearchQueryCompiler):
    pass


class OpenSearch2SearchBackend(opensearch2.OpenSearch2SearchBackend):
    index_class = OpenSearch2Index
    query_compiler_class = OpenSearch2SearchQueryCompiler
    results_class = OpenSearch2SearchResults


class Elasticsearch8Index(SynonymIndexMixin, elasticsearch8.Elasticsearch8Index):
    pass


class Elasticsearch8SearchResults(OneRequestResultsMixin, elasticsearch8.Elasticsearch8SearchResults):
    pass


class Elasticsearch8SearchQueryCompiler(FirstLetterFuzzyMixin, elasticsearch8.Elasticsearch8SearchQueryCompiler):
    pass


class Elasticsearch8SearchBackend(elasticsearch8.Elasticsearch8SearchBackend):
    index_class = Elasticsearch8Index
    query_compiler_class = Elasticsearch8SearchQueryCompiler
    results_class = Elasticsearch8SearchResults
