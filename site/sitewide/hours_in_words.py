"""The times a council's written opening hours mention ("Monday to Friday, 9am to 5pm", "8:30am", "17:00",
"midday"), so they can be checked against the hours its live chat keeps, and a time as residents write it."""
import re

TWELVE_HOUR = re.compile(r"\b(\d{1,2})(?:[:.]([0-5]\d))?\s*([ap])\.?m\b", re.IGNORECASE)
TWENTY_FOUR_HOUR = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
MIDDAY = re.compile(r"\b(?:midday|noon)\b", re.IGNORECASE)


def times_in(text):
    """{(hour, minute)} of every time `text` mentions."""
    found = set()
    for hour, minute, half in TWELVE_HOUR.findall(text):
        if 1 <= int(hour) <= 12:
            found.add((int(hour) % 12 + (12 if half.lower() == "p" else 0), int(minute or 0)))
    found.update((int(hour), int(minute)) for hour, minute in TWENTY_FOUR_HOUR.findall(text))
    if MIDDAY.search(text):
        found.add((12, 0))
    return found


def unmentioned(text, times):
    """Those of `times` that `text` does not mention, when it mentions any time at all (words with no times,
    "Weekdays, office hours", contradict nothing)."""
    mentioned = times_in(text)
    return [moment for moment in times if mentioned and (moment.hour, moment.minute) not in mentioned]


def in_words(moment):
    """9am, 8:30am, 5pm."""
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{moment.hour % 12 or 12}{minutes}{'am' if moment.hour < 12 else 'pm'}"
