"""Words residents use that the pages do not: a slang word is not "corrected" into another word."""
import re

import pytest

pytestmark = pytest.mark.django_db


def test_a_stolen_bin_in_slang_finds_the_bin_page_without_a_wrong_correction(site_client):
    content = site_client.get("/search/", {"q": "my wheelie bin got nicked"}).content.decode()
    main = content[content.index("<main"):content.index("</main>")]
    assert "Showing results for" not in main and "kicked" not in main
    results = re.findall(r'href="([^"]*order-a-bin[^"]*|[^"]*report-a-missed-bin[^"]*)"', main)
    assert results and "order-a-bin" in results[0], results
