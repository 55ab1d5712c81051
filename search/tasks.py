"""Background work for search: rebuilding the search server's index when the synonyms change."""
import io
import logging

from django.core.management import call_command
from django.db import transaction
from django_tasks import task

from .fallback import is_search_server

logger = logging.getLogger(__name__)


@task()
def rebuild_search_server_index():
    """A new index (with the current synonyms in its analyzer), then the alias switched to it."""
    call_command("update_index", backend_name="default", stdout=io.StringIO())
    logger.info("Search index rebuilt with the current synonyms")


def synonyms_changed(**kwargs):
    """Queue a rebuild once the editor's change is committed (nothing to do on the database backend)."""
    if is_search_server():
        transaction.on_commit(rebuild_search_server_index.enqueue)
