"""What the assistant itself keeps of conversations (Rasa's tracker store: every message and what it did) is deleted
after RASA_TRACKER_RETENTION_DAYS, as the "How our assistant works" page says. The store is Rasa's own database
(RASA_TRACKER_DATABASE_URL: PostgreSQL in production, as deploy/entrypoints/rasa.sh names it; SQLite beside the bot
under `make run`), with Rasa's table `events` (sender_id, timestamp in seconds since 1970, ...)."""
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from django.conf import settings

DELETE = "DELETE FROM events WHERE timestamp < {}"


def delete_events_before(cutoff):
    """Delete the tracker events older than `cutoff` (a datetime); how many. 0 when the store is not there yet (the
    assistant has not run) or has no events table."""
    url = settings.RASA_TRACKER_DATABASE_URL
    if not url:
        return 0
    seconds = cutoff.timestamp()
    if urlsplit(url).scheme == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            return 0
        with sqlite3.connect(path) as connection:
            return _delete(connection, "?", seconds, sqlite3.OperationalError)
    try:
        connection = psycopg.connect(url, connect_timeout=5)
    except psycopg.OperationalError:
        return 0  # no tracker database (the assistant has never run here)
    with connection:
        return _delete(connection, "%s", seconds, psycopg.errors.UndefinedTable)


def _delete(connection, placeholder, seconds, missing_table):
    try:
        cursor = connection.execute(DELETE.format(placeholder), (seconds,))
    except missing_table:
        return 0
    return cursor.rowcount
