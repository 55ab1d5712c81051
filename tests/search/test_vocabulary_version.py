"""The vocabulary's version (search.vocabulary.current_version): read once per request, never kept beyond it."""
import pytest
from django.core.cache import cache

from search import vocabulary

pytestmark = pytest.mark.django_db


class CountingCache:
    """The cache, counting reads of the vocabulary's version."""

    def __init__(self):
        self.reads = 0

    def get(self, key, *args):
        self.reads += key == vocabulary.VERSION_KEY
        return cache.get(key, *args)

    def __getattr__(self, name):
        return getattr(cache, name)


def test_a_search_reads_the_version_once(client, monkeypatch, settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS, settings.PAGE_CACHE_SECONDS = 300, 60  # as in production
    client.get("/search/", {"q": "bins"})
    counting = CountingCache()
    monkeypatch.setattr(vocabulary, "cache", counting)
    response = client.get("/search/", {"q": "council tax"})
    assert "Pay your Council Tax" in response.content.decode()
    assert counting.reads == 1  # its kept results, the vocabulary and its kept page share it


def test_a_change_in_a_request_is_read_next_in_that_request():
    vocabulary.request_started()
    try:
        before = vocabulary.current_version()
        assert vocabulary.current_version() == before
        vocabulary.invalidate()  # an editor's publish, in the same request
        assert vocabulary.current_version() != before
    finally:
        vocabulary.request_finished()


def test_outside_a_request_another_process_s_change_is_read_at_once():
    vocabulary.current_version()
    cache.set(vocabulary.VERSION_KEY, "changed by another process", None)
    assert vocabulary.current_version() == "changed by another process"
