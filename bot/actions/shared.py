"""One instance per action server process, made when first asked for; a test puts in its own."""

from __future__ import annotations

from typing import Callable, Generic, Optional, TypeVar

T = TypeVar("T")


class Shared(Generic[T]):
    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._instance: Optional[T] = None

    def get(self) -> T:
        if self._instance is None:
            self._instance = self._make()
        return self._instance

    def reset(self, instance: Optional[T] = None) -> None:
        """Tests start from an instance of their own (None: a new one is made when next asked for)."""
        self._instance = instance
