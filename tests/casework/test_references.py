"""References are short, readable, unique and forgiving to type."""
import pytest

from casework import references
from casework.models import Submission

pytestmark = pytest.mark.django_db


def test_references_are_short_and_have_no_ambiguous_characters():
    for _ in range(500):
        reference = references.random_reference()
        assert references.FORMAT.match(reference), reference
        assert not set(reference[3:].replace("-", "")) & set("IL1O0U")


def test_a_reference_already_used_is_never_issued_again(monkeypatch, missed_bin_form):
    first = Submission.objects.create(page=missed_bin_form, form_data={}, reference="WM-AAAA-AA")
    issued = iter(["WM-AAAA-AA", "WM-AAAA-AA", "WM-BBBB-BB"])
    monkeypatch.setattr(references, "random_reference", lambda: next(issued))
    second = Submission(page=missed_bin_form, form_data={})
    second.save()
    assert second.reference == "WM-BBBB-BB" != first.reference


def test_what_residents_type_is_normalised():
    assert references.normalise("wm 7k3p 9q") == "WM-7K3P-9Q"
    assert references.normalise("WM7K3P9Q") == "WM-7K3P-9Q"
    assert references.normalise("7K3P-9Q") == "WM-7K3P-9Q"
