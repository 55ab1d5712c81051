"""Which search backends the site uses, chosen from the environment: WAGTAILSEARCH_BACKENDS (base.py).

A part of the settings, so nothing here may import Django models or any app: the backends are named by their
dotted paths (the search app's, as INSTALLED_APPS names apps).

* Always: the Wagtail database backend (SQLite FTS5, or PostgreSQL full text when DATABASE_URL points
  there), under the name ``database``. It is kept up to date on every publish, so it is ready to take over.
* When ``OPENSEARCH_URL`` is set: OpenSearch 2 (``wagtail.search.backends.opensearch2``, opensearch-py) becomes
  ``default``; otherwise, when ``ELASTICSEARCH_URL`` is set, Elasticsearch 8. Both get the same index settings,
  the same options and the same database fallback (``search.fallback``): if the server is down, searches are
  answered by ``database`` and a warning is logged.

A URL may list several nodes of one cluster, separated by commas: the client then tries the next node when
one is down.
"""

DATABASE_BACKEND = "search.database_backend"
# Wagtail's elasticsearch8 and opensearch2 backends, whose new indexes also carry the synonyms (server_backends).
ELASTICSEARCH_BACKEND = "search.server_backends.Elasticsearch8SearchBackend"
OPENSEARCH_BACKEND = "search.server_backends.OpenSearch2SearchBackend"
DEFAULT_INDEX_PREFIX = "westmere_"
DEFAULT_TIMEOUT_SECONDS = 5.0

# A light English stemmer for every text field without its own analyzer (Wagtail's `_all_text`, title...),
# so "bins" finds "bin". Synonyms are expanded at query time, the same way on every backend, so an editor's
# change works at once; server_backends also puts them in the index's search analyzer when it is built.
SEARCH_SERVER_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "westmere_english_stemmer": {"type": "stemmer", "language": "light_english"},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["asciifolding", "lowercase", "westmere_english_stemmer"],
                },
            },
        }
    }
}
ELASTICSEARCH_INDEX_SETTINGS = SEARCH_SERVER_INDEX_SETTINGS  # the name earlier releases used


def database_backend():
    return {"BACKEND": DATABASE_BACKEND, "SEARCH_CONFIG": "english"}


def split_urls(urls):
    if isinstance(urls, str):
        urls = urls.split(",")
    return [url.strip() for url in urls if url.strip()]


def search_server_backend(backend, urls, index_prefix=DEFAULT_INDEX_PREFIX, timeout=DEFAULT_TIMEOUT_SECONDS):
    """Settings for OpenSearch or Elasticsearch: one place for what both share."""
    urls = split_urls(urls)
    return {
        "BACKEND": backend,
        "URLS": urls,
        "INDEX_PREFIX": index_prefix,  # Wagtail 8 ignores INDEX
        "TIMEOUT": timeout,
        # Fail fast: a dead cluster must not hold a resident's request while the client retries. A refused
        # connection is retried once on each other node listed (that is instant); a timeout is not retried.
        "OPTIONS": {"max_retries": len(urls) - 1, "retry_on_timeout": False},
        "INDEX_SETTINGS": SEARCH_SERVER_INDEX_SETTINGS,
        # update_index builds a new index and then points the alias at it: searches go on meanwhile.
        "ATOMIC_REBUILD": True,
    }


def elasticsearch_backend(url, index_prefix=DEFAULT_INDEX_PREFIX, timeout=DEFAULT_TIMEOUT_SECONDS):
    return search_server_backend(ELASTICSEARCH_BACKEND, url, index_prefix, timeout)


def opensearch_backend(url, index_prefix=DEFAULT_INDEX_PREFIX, timeout=DEFAULT_TIMEOUT_SECONDS):
    return search_server_backend(OPENSEARCH_BACKEND, url, index_prefix, timeout)


SEARCH_SERVERS = [("OPENSEARCH", opensearch_backend), ("ELASTICSEARCH", elasticsearch_backend)]


def backends_from_env(env):
    """WAGTAILSEARCH_BACKENDS from OPENSEARCH_URL or ELASTICSEARCH_URL, with <NAME>_INDEX_PREFIX and
    <NAME>_TIMEOUT (seconds)."""
    for name, make in SEARCH_SERVERS:
        url = env.str(f"{name}_URL", default="")
        if url:
            server = make(
                url,
                index_prefix=env.str(f"{name}_INDEX_PREFIX", default=DEFAULT_INDEX_PREFIX),
                timeout=env.float(f"{name}_TIMEOUT", default=DEFAULT_TIMEOUT_SECONDS),
            )
            return {"default": server, "database": database_backend()}
    return {"default": database_backend()}
