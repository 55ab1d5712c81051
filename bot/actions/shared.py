"""One instance per council per action server process, made when first asked for; a test puts in its own.

What is kept from the web API (the pages' words, the answers kept for outages) is a council's own: each council
the action server has answered for has its instance (actions.council: the turn's council).
"""

from __future__ import annotations

from typing import Callable, Dict, Generic, Optional, TypeVar

from actions import council

T = TypeVar("T")


class Shared(Generic[T]):
    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._instances: Dict[Optional[str], T] = {}

    def get(self) -> T:
        key = council.current()
        instance = self._instances.get(key)
        if instance is None:
            instance = self._instances.setdefault(key, self._make())
        return instance

    def reset(self, instance: Optional[T] = None) -> None:
        """Tests start from an instance of their own, for the default council (None: new ones are made when next
        asked for)."""
        self._instances = {None: instance} if instance is not None else {}
