"""Which search backends the site uses, chosen from the environment.

Imported from settings, so nothing here may import Django models.

* Always: the Wagtail database backend (SQLite FTS5, or PostgreSQL full text when DATABASE_URL points
  there), under the name ``database``. It is kept up to date on every publish, so it is ready to take over.
* When ``ELASTICSEARCH_URL`` is set: Elasticsearch 8 becomes ``default``. If it is down, searches fall back
  to ``database`` (see ``search.engine``) and a warning is logged.
"""

DATABASE_BACKEND = "search.database_backend"
ELASTICSEARCH_BACKEND = "wagtail.search.backends.elasticsearch8"

DEFAULT_SEARCH_RATE_LIMIT = "60/m"

# A light English stemmer for every text field without its own analyzer (Wagtail's `_all_text`, title...),
# so "bins" finds "bin". Synonyms are NOT put in the index: editors change them in the admin and they are
# expanded at query time, the same way for both backends, with no reindex.
ELASTICSEARCH_INDEX_SETTINGS = {
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


def database_backend():
    return {"BACKEND": DATABASE_BACKEND, "SEARCH_CONFIG": "english"}


def elasticsearch_backend(url, index_prefix="westmere_", timeout=5):
    return {
        "BACKEND": ELASTICSEARCH_BACKEND,
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,  # Wagtail 8 ignores INDEX
        "TIMEOUT": timeout,
        # Fail fast: a dead cluster must not hold a resident's request while the client retries.
        "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        "INDEX_SETTINGS": ELASTICSEARCH_INDEX_SETTINGS,
    }


def backends_from_env(env):
    """WAGTAILSEARCH_BACKENDS from ELASTICSEARCH_URL, ELASTICSEARCH_INDEX_PREFIX and ELASTICSEARCH_TIMEOUT."""
    url = env.str("ELASTICSEARCH_URL", default="")
    if not url:
        return {"default": database_backend()}
    return {
        "default": elasticsearch_backend(
            url,
            index_prefix=env.str("ELASTICSEARCH_INDEX_PREFIX", default="westmere_"),
            timeout=env.float("ELASTICSEARCH_TIMEOUT", default=5.0),
        ),
        "database": database_backend(),
    }


def search_rate_limit(group, request):
    """Per-IP limit for the JSON search API (django-ratelimit syntax). SEARCH_RATE_LIMIT in settings or the
    environment; the chat action server is exempt when it sends the bot token (all residents share its IP)."""
    import os
    import secrets

    from django.conf import settings

    token = getattr(settings, "BOT_API_TOKEN", "")
    if token and secrets.compare_digest(request.headers.get("Authorization", ""), f"Bearer {token}"):
        return None
    configured = getattr(settings, "SEARCH_RATE_LIMIT", None) or os.environ.get("SEARCH_RATE_LIMIT")
    return configured or DEFAULT_SEARCH_RATE_LIMIT
