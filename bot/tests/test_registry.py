"""The action server finds every custom action the domain lists."""

import yaml
from rasa_sdk.executor import ActionExecutor

from conftest import BOT_DIR


def test_every_domain_action_is_registered():
    executor = ActionExecutor()
    executor.register_package("actions")
    domain = yaml.safe_load((BOT_DIR / "domain.yml").read_text())
    assert set(domain["actions"]) <= set(executor.actions)
