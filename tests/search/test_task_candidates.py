"""A big council's long tail: when more pages match than are re-ranked, the best-matching task pages are re-ranked
too (search/queries.py TASK_CANDIDATES), so a resident's task is not left behind pages that only mention it."""
import pytest

from cms_pages.models import StandardPage, TaskPage

from .test_results_page import get, result_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def few_candidates(monkeypatch):
    """Re-rank 3 candidates instead of 200: the same as a council with hundreds of matching pages."""
    monkeypatch.setattr("search.queries.RERANK_CANDIDATES", 3)
    monkeypatch.setattr("search.engine.RERANK_CANDIDATES", 3)


def long_tail(make_page, count=5):
    body = [("paragraph", "<p>Quokka facts: where a quokka lives, what a quokka eats, quokka photographs.</p>")]
    return [
        make_page(StandardPage, title=f"Quokka facts {number}", summary="All about the quokka.", body=body)
        for number in range(1, count + 1)
    ]


def test_the_task_comes_first_even_beyond_the_re_ranked_candidates(site_client, make_page, few_candidates):
    pages = long_tail(make_page)
    task = make_page(TaskPage, title="Report an animal sighting", summary="Seen a quokka? Tell us.",
                     search_keywords="quokka")
    titles = result_titles(get(site_client, q="quokka"))
    assert titles[0] == task.title
    assert sorted(titles[1:]) == sorted(page.title for page in pages)  # every page once, none repeated


def test_page_two_carries_on_in_the_backend_s_order_without_repeats(site_client, make_page, few_candidates):
    pages = long_tail(make_page, count=12)
    make_page(TaskPage, title="Report an animal sighting", summary="Seen a quokka? Tell us.", search_keywords="quokka")
    first, second = (result_titles(get(site_client, q="quokka", page=number)) for number in (1, 2))
    assert len(first) == 10 and len(second) == 3
    assert len(set(first + second)) == 13 and set(first + second) >= {page.title for page in pages}
