"""Reading a request's JSON body the one safe way: a JSON object, or None for anything else."""

import json


def json_object(body):
    """The decoded object, or None for bad JSON, JSON that is not an object, or JSON nested so deep
    (a thousand levels) that the decoder gives up with RecursionError."""
    try:
        data = json.loads(body or b"{}")
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None
