"""The action server's settings: the council's contact details for when the web app is down come from the file
the release wrote from the CMS (export/council.json), not from numbers typed in the bot."""

import importlib
import json

from actions import config


def reloaded(monkeypatch, **environment):
    for name in ("COUNCIL_PHONE", "COUNCIL_OUT_OF_HOURS_PHONE", "COUNCIL_OPENING_HOURS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return importlib.reload(config)


def test_the_contact_details_come_from_the_released_file(monkeypatch, tmp_path):
    released = tmp_path / "council.json"
    released.write_text(json.dumps({"name": "Westmere District Council", "phone": "01632 960321",
                                    "out_of_hours_phone": "01632 960987", "opening_hours": "Weekdays, 8am to 6pm",
                                    "bin_day_url": "/bins/when/", "bin_day_title": "When are my bins collected?",
                                    "contact_url": None}))
    try:
        settings = reloaded(monkeypatch, COUNCIL_CONTACT_FILE=str(released))
        assert (settings.FALLBACK_PHONE, settings.FALLBACK_OUT_OF_HOURS_PHONE, settings.FALLBACK_OPENING_HOURS) == (
            "01632 960321", "01632 960987", "Weekdays, 8am to 6pm")
        # The pages where the release found them; no contact page: no contact link.
        assert (settings.FALLBACK_BIN_DAY_URL, settings.FALLBACK_BIN_DAY_TITLE, settings.FALLBACK_CONTACT_URL) == (
            "/bins/when/", "When are my bins collected?", "")
        settings = reloaded(monkeypatch, COUNCIL_CONTACT_FILE=str(released), COUNCIL_PHONE="01632 960111")
        assert settings.FALLBACK_PHONE == "01632 960111"  # an override for one deployment
    finally:
        monkeypatch.undo()
        importlib.reload(config)


def test_no_number_is_made_up_without_the_file(monkeypatch, tmp_path):
    try:
        settings = reloaded(monkeypatch, COUNCIL_CONTACT_FILE=str(tmp_path / "missing.json"))
        assert settings.FALLBACK_PHONE == "" and settings.FALLBACK_OUT_OF_HOURS_PHONE == ""
    finally:
        monkeypatch.undo()
        importlib.reload(config)
