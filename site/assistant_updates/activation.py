"""Putting a model live on every running Rasa server, and back.

Rasa's HTTP API (`rasa run --enable-api`) loads a model file by path: PUT /model {"model_file"}. Each
server swaps its agent only when the new one is loaded, so a turn is answered by the old model or the
new one, never by none; with the PostgreSQL tracker store (production) conversations carry on. The
model file must be reachable at the same path by the servers (one machine, or a shared volume).
The live file (ASSISTANT_MODEL_FILE, the one the servers load when they start) is replaced too, so a
restart keeps the update.
"""
import os
import shutil
from pathlib import Path

import requests
from django.conf import settings

from assistant.rasa_api import api_params
from assistant.rasa_servers import configured_urls

LOAD_TIMEOUT_SECONDS = 600  # loading a model takes a while on a busy machine


class ActivationFailed(Exception):
    pass


def live_model_file():
    return Path(settings.ASSISTANT_MODEL_FILE)


def keep_copy_of_live(destination):
    """A copy of what is live now (for rollback), or "" when there is no live file."""
    live = live_model_file()
    if not live.exists():
        return ""
    Path(destination).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(live, destination)
    return str(destination)


def replace_live_file(model_file):
    live = live_model_file()
    live.parent.mkdir(parents=True, exist_ok=True)
    partial = live.with_name(live.name + ".partial")
    shutil.copyfile(model_file, partial)
    os.replace(partial, live)  # atomic: a server starting now reads the old file or the new one


def check_servers():
    """Every Rasa server answers (its "/" needs no token): checked before minutes of training, not after."""
    for server in configured_urls():
        try:
            requests.get(f"{server}/", timeout=10).raise_for_status()
        except requests.RequestException as error:
            message = f"The Rasa server {server} is not answering, so no update can go live: {error}"
            raise ActivationFailed(message) from error


def load_on_server(server, model_file):
    response = requests.put(f"{server}/model", json={"model_file": str(Path(model_file).resolve())},
                            params=api_params(), timeout=LOAD_TIMEOUT_SECONDS)
    if response.status_code != 204:
        raise ActivationFailed(f"{server} refused the model: HTTP {response.status_code} {response.text[:300]}")


def activate(model_file, fallback_file=""):
    """Loads model_file on every server, then makes it the live file. If a server fails, the servers
    already switched go back to fallback_file, and the error says which server failed."""
    switched = []
    try:
        for server in configured_urls():
            load_on_server(server, model_file)
            switched.append(server)
    except (requests.RequestException, ActivationFailed) as error:
        for server in switched:
            if fallback_file:
                try:
                    load_on_server(server, fallback_file)
                except (requests.RequestException, ActivationFailed):
                    pass
        raise ActivationFailed(f"Could not load the new model on every Rasa server: {error}") from error
    replace_live_file(model_file)
    return switched
