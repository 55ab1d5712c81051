"""A resident's session (part-way through a form, or signed in) is read from the cache, and kept in the database."""
import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = [pytest.mark.django_db]
PAY = "/council-tax/pay/"


def test_a_session_is_read_from_the_cache_and_kept_in_the_database(site_client):
    session = site_client.session
    session["started"] = "report-a-missed-bin"
    session.save()
    assert Session.objects.filter(session_key=session.session_key).exists()  # survives the cache being emptied

    site_client.get(PAY)
    with CaptureQueriesContext(connection) as queries:
        response = site_client.get(PAY)
    assert response.status_code == 200
    assert [query["sql"] for query in queries if "django_session" in query["sql"]] == []
    assert site_client.session["started"] == "report-a-missed-bin"
