"""Westmere District Council chatbot: custom actions (rasa_sdk action server).

`rasa run actions` imports this package and every submodule, registering the
actions defined in answers.py, bin_day.py, fallback.py, handoff.py and not_helpful.py.
"""
