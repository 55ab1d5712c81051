"""Work left until a response has been sent (sitewide/after_response.py)."""
import pytest
from django.core.signals import request_finished
from django.http import HttpResponse

from sitewide.after_response import after_response

pytestmark = pytest.mark.django_db  # the end of a request closes old database connections


def test_the_work_runs_when_the_response_is_closed_then_the_request_finishes():
    done, finished = [], []

    def on_finished(**kwargs):
        finished.append(list(done))

    response = after_response(HttpResponse("page"), lambda: done.append("work"))
    assert done == []
    request_finished.connect(on_finished)
    try:
        response.close()
    finally:
        request_finished.disconnect(on_finished)
    assert done == ["work"] and finished == [["work"]]  # before Django's end of the request


def test_a_failure_is_logged_and_the_response_still_closes(caplog):
    def fails():
        raise RuntimeError("database gone")

    response = after_response(HttpResponse("page"), fails)
    response.close()
    assert response.closed
    assert "Could not finish the work left until after the response" in caplog.text
