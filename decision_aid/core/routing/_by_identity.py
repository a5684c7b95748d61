"""A small cache keyed by an immutable object's identity, for what routing derives from it.

A ``KnowledgeBase`` or ``Vocabulary`` is immutable but not hashable (it holds mappings), and
building routing's index or compiled vocabulary from one costs milliseconds, so each result is
kept against the object itself. An entry holds its key object, so the id cannot be reused
while the entry lives; the oldest entry goes once the cache is full. Only pack content is
ever kept here, never a user's text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class ByIdentity(Generic[K, V]):
    """``get(key, build)``: the value built from ``key``, built once per object."""

    def __init__(self, size: int) -> None:
        self.entries: dict[int, tuple[K, V]] = {}
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: K, build: Callable[[K], V]) -> V:
        entry = self.entries.get(id(key))
        if entry is not None and entry[0] is key:
            return entry[1]
        value = build(key)
        with self._lock:
            while len(self.entries) >= self._size:
                self.entries.pop(next(iter(self.entries)))
            self.entries[id(key)] = (key, value)
        return value

    def __repr__(self) -> str:
        return f"ByIdentity({self.entries!r})"
