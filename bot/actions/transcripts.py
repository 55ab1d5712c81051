"""Conversations that went wrong, sent to the web app for editors to read (Resident feedback > Chat transcripts).

Reasons: "said_no" (an answer did not help), "rephrased" (the resident asked again in other words),
"handed_off" (passed to a person). The web app removes personal data before it stores anything, keeps the
latest copy of the conversation and adds up the reasons. Failing to record never stops the reply.
"""

from __future__ import annotations

import logging

from rasa_sdk import Tracker

from actions.api.cms import CmsError, get_client
from actions.replies import page_url, transcript

logger = logging.getLogger(__name__)

REASONS = ("said_no", "rephrased", "handed_off")


def record_transcript(tracker: Tracker, reason: str) -> bool:
    """Post the conversation so far with `reason`; True when the web app kept it."""
    if reason not in REASONS:
        raise ValueError(f"Unknown transcript reason {reason!r}: one of {', '.join(REASONS)}")
    try:
        get_client().transcript(
            {
                "sender_id": tracker.sender_id,
                "reason": reason,
                "transcript": transcript(tracker),
                "page_url": page_url(tracker),
            }
        )
    except CmsError:
        logger.warning("Could not keep the chat transcript (%s) for editors", reason)
        return False
    return True
