"""A results page, as rendered for anyone, kept beside its search's results (search.results_cache).

Rendering is half the work of a search asked before. Everything on the page is the same for every visitor who
is not signed in, except the query log's token in the result and page links (each search is logged and its
clicks counted on its own, search.querylog): the page is rendered with a stand-in for the token, kept under the
content's versions (as the results are, so an edit shows at once), and the stand-in replaced for each search.
The words are kept as typed, not normalised: the page shows them back. A signed-in visitor (an editor sees the
Wagtail user bar, a resident their account) always gets a page rendered for them.
"""
import hashlib

from django.conf import settings

from sitewide.page_cache import kept

from .vocabulary import current_version as vocabulary_version

TOKEN_STAND_IN = "00000000-0000-4000-8000-5ea5c4700000"  # a UUID no search is given (uuid4's bits are random)


def is_shareable(request):
    return settings.SEARCH_RESULTS_CACHE_SECONDS > 0 and not request.user.is_authenticated


def rendered_page(request, query_text, page_number, correct, log, render):
    """The page `render(token)` makes, for this search's `log` (None: a search not logged)."""
    token = str(log.token) if log is not None else None
    if not is_shareable(request):
        return render(token)
    words = hashlib.sha1(query_text.encode()).hexdigest()
    host = request.get_host()
    name = f"search-page:{vocabulary_version()}:{host}:{words}:{page_number}:{int(correct)}:{int(log is not None)}"
    page = kept(name, lambda: render(TOKEN_STAND_IN if token else None))
    return page.replace(TOKEN_STAND_IN, token) if token else page
