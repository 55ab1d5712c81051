"""A big council's long tail: when more pages match than are re-ranked, the best-matching task pages are re-ranked
too (search/queries.py TASK_CANDIDATES), so a resident's task is not left behind pages that only mention it."""
import pytest
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from cms_pages.models import StandardPage, TaskPage
from search.engine import TASK_TYPES
from search.queries import base_queryset, matches

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


def test_no_second_search_when_the_candidates_already_hold_enough_task_pages(make_page, few_candidates, monkeypatch):
    """The candidates are the first pages of the backend's order: when TASK_CANDIDATES of them are task pages, these
    are the best task pages too (a council whose long tail is task pages asked the same thing twice)."""
    monkeypatch.setattr("search.queries.TASK_CANDIDATES", 2)
    for number in range(1, 6):
        make_page(TaskPage, title=f"Report a quokka {number}", summary="Seen a quokka? Tell us.")
    backend = get_search_backend()
    searched = []

    def recorded(query, queryset, *args, **kwargs):
        searched.append(queryset)
        return type(backend).search(backend, query, queryset, *args, **kwargs)

    monkeypatch.setattr(backend, "search", recorded)
    results, candidates, total = matches(backend, PlainText("quokka"), base_queryset(), task_types=TASK_TYPES)
    assert (len(candidates), total, len(searched)) == (3, 5, 1)

    long_tail(make_page)  # now the first three candidates are not all task pages
    searched.clear()
    results, candidates, total = matches(backend, PlainText("quokka"), base_queryset(), task_types=TASK_TYPES)
    assert len(searched) == 2
