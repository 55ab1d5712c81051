"""Issue 11, item 17: a body larger than the site accepts is refused before it is read."""
import io

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


class MustNotBeRead(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_300_mb_upload_is_refused_from_its_content_length_without_reading_it(site_client):
    response = site_client.generic(
        "POST", "/council-tax/pay/start/", b"", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(300 * 1024 * 1024), **{"wsgi.input": MustNotBeRead()},
    )
    assert response.status_code == 413 and "too large" in response.content.decode()


def test_the_api_says_so_in_json(site_client):
    response = site_client.generic(
        "POST", "/api/chat/", b"", content_type="application/json",
        CONTENT_LENGTH=str(50 * 1024 * 1024), **{"wsgi.input": MustNotBeRead()},
    )
    assert response.status_code == 413 and response.json()["error"] == "too_large"


def test_a_form_body_over_the_field_cap_is_a_400(site_client):
    client = Client(HTTP_HOST="localhost")
    response = client.post("/feedback/", {"useful": "no", "trying_to_do": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 400
