"""What the interview needs from free-text routing, and where to find it.

Routing lives in `decision_aid.core.routing`; the interview depends only on the shape
below (a ranked list of topics with a 0–100 score and answers the text clearly states), so
tests can pass a small fake and the terminal still works where routing is not installed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from decision_aid.core import KnowledgeBase, Topic


class PrefillLike(Protocol):
    """An answer the description states clearly; shown for confirmation before use."""

    @property
    def question(self) -> str: ...

    @property
    def option(self) -> str: ...


class MatchLike(Protocol):
    @property
    def topic(self) -> Topic: ...

    @property
    def score(self) -> float: ...

    @property
    def prefill(self) -> Sequence[PrefillLike]: ...


Router = Callable[["KnowledgeBase", str], Sequence[MatchLike]]


def lazy_route(kb: KnowledgeBase, text: str) -> Sequence[MatchLike]:
    """The core's router, imported on first use (rapidfuzz stays off the start-up path).

    Where routing is not installed this matches nothing, and the user picks from the list.
    """
    try:
        module = importlib.import_module("decision_aid.core.routing")
    except ImportError:
        return []
    route = cast("Router", module.route)
    return route(kb, text)
