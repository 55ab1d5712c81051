"""A chat handed to a person, in words, oldest first: what the resident and the assistant said before the
handoff, then the live chat. The live chat console shows it; a request made from the chat keeps it
(casework.assisted)."""
from dataclasses import dataclass

from sitewide.councils import council_name

from .chat_scope import council_of
from .models import ChatMessage
from .topics import resident_words

SPEAKERS = {
    ChatMessage.Sender.RESIDENT: "Resident",
    ChatMessage.Sender.STAFF: "Customer service",
    ChatMessage.Sender.SYSTEM: "Automatic message",
}
# Who said a line of the transcript the bot sends ("user" or "bot": Rasa's event names).
TRANSCRIPT_RESIDENT = {"user", "resident"}
TRANSCRIPT_ASSISTANT = {"bot", "assistant"}


@dataclass
class Line:
    speaker: str
    text: str
    kind: str  # "resident", "assistant", "staff", "system"
    time: object = None


def speakers(handoff):
    """Who said the live chat's lines: staff speak for the chat's council (a shared team answers several)."""
    return {**SPEAKERS, ChatMessage.Sender.STAFF: f"{council_name(council_of(handoff))} customer service"}


def conversation(handoff):
    """Everything said, oldest first: the resident and the assistant before the handoff, then the live chat."""
    lines, names = [], speakers(handoff)
    for turn in handoff.transcript or []:
        if not isinstance(turn, dict) or not str(turn.get("text") or "").strip():
            continue
        if turn.get("sender") in TRANSCRIPT_RESIDENT:
            lines.append(Line("Resident", resident_words(str(turn["text"])), "resident"))
        elif turn.get("sender") in TRANSCRIPT_ASSISTANT:
            lines.append(Line("Assistant", str(turn["text"]), "assistant"))
    for message in handoff.messages.all():
        text = resident_words(message.text) if message.sender == ChatMessage.Sender.RESIDENT else message.text
        lines.append(Line(names.get(message.sender, message.sender), text, message.sender, message.created_at))
    return lines
