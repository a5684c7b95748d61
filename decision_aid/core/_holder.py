"""The knowledge base a long-running face serves from, swapped whole on a clean reload."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from decision_aid.core import _loader as loader
from decision_aid.core._model import KnowledgeBase
from decision_aid.core._sources import Layer


class KnowledgeBaseHolder:
    """Holds the current knowledge base; a reload swaps it only when the new one is clean.

    Reloads are serialised: one that starts while another runs waits, then reads the files
    itself, so the last swap always comes from the newest read (an older, slower read can
    never replace a newer one). Readers never wait: `kb` is a single reference.
    """

    def __init__(self, layers: Iterable[Layer]) -> None:
        self._layers = list(layers)
        self._reloading = threading.Lock()
        self._kb = loader.load(self._layers).unwrap()

    @property
    def kb(self) -> KnowledgeBase:
        return self._kb

    def reload(self) -> loader.LoadResult:
        """Load again; keep the old knowledge base (and return the errors) if it fails."""
        with self._reloading:
            result = loader.load(self._layers)
            if result.kb is not None:
                self._kb = result.kb
        return result
