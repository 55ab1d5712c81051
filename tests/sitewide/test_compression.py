"""Pages, JSON and other text leave the app gzipped when the browser accepts it; downloads that are
already compressed (images, PDFs) do not; cached pages are gzipped too. See sitewide/compression.py."""
import gzip
import re

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from sitewide.compression import TextGZipMiddleware

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def body(response):
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    return gzip.decompress(response.content).decode()


def test_a_page_is_gzipped_and_several_times_smaller(site_client):
    response = site_client.get("/bins-and-recycling/", **GZIP)
    html = body(response)
    assert "Bins and recycling" in html
    assert len(response.content) * 3 < len(html.encode())


def test_a_page_is_not_gzipped_for_a_client_that_does_not_ask(site_client):
    response = site_client.get("/bins-and-recycling/")
    assert not response.has_header("Content-Encoding")
    assert b"Bins and recycling" in response.content


def test_cached_pages_are_gzipped_on_every_visit(site_client):
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        first = site_client.get("/council-tax/", **GZIP)
        second = site_client.get("/council-tax/", **GZIP)
        plain = site_client.get("/council-tax/")
    cache.clear()
    assert (first["X-Page-Cache"], second["X-Page-Cache"], plain["X-Page-Cache"]) == ("miss", "hit", "hit")
    assert body(first) == body(second) == plain.content.decode()


def test_json_is_gzipped(site_client):
    response = site_client.get("/api/search/autocomplete/?q=bin", **GZIP)
    assert '"results"' in body(response)


def test_a_form_is_gzipped_and_its_csrf_token_never_repeats(site_client):
    """BREACH needs a secret that stays the same between responses: Django masks the token afresh each time."""
    tokens = set()
    for _ in range(3):
        html = body(site_client.get("/bins-and-recycling/report-a-missed-bin/start/", **GZIP))
        tokens.add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
    assert len(tokens) == 3


@pytest.mark.parametrize("content_type", ["image/jpeg", "application/pdf", "image/png"])
def test_files_that_are_already_compressed_are_sent_as_they_are(content_type):
    middleware = TextGZipMiddleware(lambda request: HttpResponse(b"\xff" * 5000, content_type=content_type))
    response = middleware(RequestFactory().get("/", **GZIP))
    assert not response.has_header("Content-Encoding")
    assert response.content == b"\xff" * 5000
