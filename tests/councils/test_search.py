"""Search and its suggestions find only the pages of the council whose site the resident is on (search/queries.py
searches under the site's home page). Best bets, synonyms and the query log are not per council yet (issue 28)."""
import json
import re
from urllib.parse import unquote

import pytest

pytestmark = pytest.mark.django_db


def result_paths(client, query):
    html = client.get("/search/", {"q": query}).content.decode()
    return [unquote(url) for url in re.findall(r"url=([^\"&]+)", html)]


def test_results_are_the_councils_own_pages(site_client, fellside):
    assert "/bins-and-recycling/book-a-recycling-centre-visit/" in result_paths(fellside, "Tarn Road recycling centre")
    assert "/bins-and-recycling/book-a-recycling-centre-visit/" not in result_paths(site_client, "Tarn Road")
    assert "/bins-and-recycling/garden-waste/" in result_paths(site_client, "garden waste")
    assert "/bins-and-recycling/garden-waste/" not in result_paths(fellside, "garden waste")


def test_suggestions_are_the_councils_own_pages(site_client, fellside):
    def titles(client):
        response = client.get("/api/search/autocomplete/", {"q": "tarn"})
        return [result["title"] for result in json.loads(response.content)["results"]]

    assert titles(fellside) == ["Book a visit to Tarn Road recycling centre"]
    assert titles(site_client) == []
