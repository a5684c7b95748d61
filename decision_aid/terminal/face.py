"""The few things an interview asks of a screen, so plain and rich screens share one flow.

`Interview` (interview.py) decides what happens next; a face only shows things and reads
the user's choice. Plain mode (pipes, NO_COLOR, TERM=dumb) and the prompt_toolkit/rich
mode both implement `Face`.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from decision_aid.core import AskedQuestion, Question, Result, Topic
    from decision_aid.terminal.matching import MatchLike

Answer = str | tuple[str, ...]

WELCOME = "decision-aid: professionalism guidance for physicians on social media."
PRIVACY = ("Privacy: do not type names or anything that identifies a patient or colleague.\n"
           "Nothing you type is stored.")


class Nav(enum.Enum):
    """Where the user asked to go instead of answering."""

    BACK = "back"
    RESTART = "restart"


class Menu(enum.Enum):
    """What to do once a result is shown."""

    WHY = "w"
    CHANGE = "c"
    SAVE = "s"
    CASE = "t"
    RESTART = "r"
    QUIT = "q"


MENU_LABELS = {
    Menu.WHY: "why",
    Menu.CHANGE: "change an answer",
    Menu.SAVE: "save",
    Menu.CASE: "save as a trainer case",
    Menu.RESTART: "restart",
    Menu.QUIT: "quit",
}


@dataclass(frozen=True, slots=True, repr=False)
class Description:
    """Free text describing the situation; its repr hides it so it cannot reach a log."""

    text: str

    def __repr__(self) -> str:
        return "Description(<hidden>)"


class Face(Protocol):
    def welcome(self) -> None: ...

    def start(self, topics: Sequence[Topic]) -> Topic | Description:
        """Pick a topic from the list, or describe the situation."""
        ...

    def refuse(self, warning: str) -> None:
        """The last description may identify someone: say why, and wipe it if possible."""
        ...

    def describe(self) -> str:
        """Ask for a (new) description; "" goes back to the topic list."""
        ...

    def pick_match(self, matches: Sequence[MatchLike]) -> MatchLike | None:
        """Confirm one of the ranked topics; None shows the full list."""
        ...

    def confirm_prefill(self, lines: Sequence[tuple[str, str]]) -> bool:
        """Show (question, answer) pairs read from the description; True to use them."""
        ...

    def ask(self, question: Question, progress: str, preselect: Answer | None
            ) -> Answer | Nav: ...

    def note(self, text: str) -> None: ...

    def warn(self, text: str) -> None: ...

    def show_result(self, result: Result) -> None: ...

    def show_trace(self, result: Result) -> None: ...

    def menu(self) -> Menu: ...

    def pick_asked(self, asked: Sequence[AskedQuestion]) -> AskedQuestion | None: ...

    def ask_path(self, prompt: str, default: Path) -> Path | None: ...

    def confirm(self, prompt: str) -> bool: ...
