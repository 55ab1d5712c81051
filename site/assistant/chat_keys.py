"""A page's chat key: its intent's name in the assistant, and how the action server asks for its answer
(``/api/bot/answer/?key=...``). The page makes it from its slug when an editor first switches it on for chat
(chat_pages.ChatAnswerMixin: editors never type one), the demo council's keys are checked against it, and the
bot sends it back with each page answer, so the widget can ask "Did this answer help?".

Lower-case letters, digits and _, starting with a letter: 2 to 59 characters.
"""

import re

CHAT_KEY_RE = re.compile(r"[a-z][a-z0-9_]{1,58}")  # always fullmatch: "$" would let a trailing newline in


def is_chat_key(value):
    return isinstance(value, str) and CHAT_KEY_RE.fullmatch(value) is not None
