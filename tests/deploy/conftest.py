"""The production topology for the tests marked `prod` (make test-prod only): deploy/prod/topology.py starts it
with deploy/prod/start.sh.

  * "main": nginx, web1, the tasks worker, rasa1, the action server;
  * "spare": web2 and rasa2, which the last test stops in the middle of traffic.
PROD_TEST_DATABASE_URL and PROD_TEST_REDIS_URL choose the stores (defaults: database connect_prod_test,
made anew each run, and Redis db 9, emptied first).
"""
import os
import sys
from pathlib import Path

import psycopg
import pytest
import redis
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy" / "prod"))
from topology import Topology  # noqa: E402

DATABASE_URL = os.environ.get("PROD_TEST_DATABASE_URL", "postgres://connect:connect@127.0.0.1:5432/connect_prod_test")
REDIS_URL = os.environ.get("PROD_TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
SETTINGS = {
    "PAGE_CACHE_SECONDS": "600",
    "CHAT_RATE_LIMIT": "1000/m",
    "FEEDBACK_RATE_LIMIT": "100000/m",  # the stop test streams feedback posts as fast as they go
    "CHAT_POLL_RATE_LIMIT": "1000/m",
    "SEARCH_RATE_LIMIT": "8/m",  # the rate-limit test counts these across both web processes
    "CONTACT_CENTRE_DAYS": "0,1,2,3,4,5,6",  # live chat open whenever the tests run
    "CONTACT_CENTRE_OPENS": "00:00",
    "CONTACT_CENTRE_CLOSES": "23:59:59",
}


def fresh_databases(url):
    """Every run starts from empty databases (the site's and the bot tracker's), as on a new machine."""
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        for database in (name, f"{name}_tracker"):
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))


@pytest.fixture(scope="session")
def topology(tmp_path_factory):
    assert (ROOT / "bot/models/westmere.tar.gz").exists(), "The bot model is missing: run `make bot-train`"
    redis.Redis.from_url(REDIS_URL).flushdb()
    fresh_databases(DATABASE_URL)
    topology = Topology(tmp_path_factory.mktemp("prod"), DATABASE_URL, REDIS_URL, **SETTINGS)
    topology.release()
    topology.start("main", "nginx", "web1", "worker", "rasa1", "actions")
    topology.start("spare", "web2", "rasa2")
    try:
        topology.wait_until_up()
        yield topology
    except RuntimeError:
        for run in list(topology.runs):
            print(f"--- {run}\n{topology.log_tail(run)}")
        raise
    finally:
        for run in list(topology.runs):
            topology.stop(run)
