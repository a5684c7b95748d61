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

from decision_aid.core import Answer

if TYPE_CHECKING:
    from decision_aid.core import AskedQuestion, Candidate, Outline, Question, Topic, Wording


class Nav(enum.Enum):
    """Where the user asked to go instead of answering."""

    BACK = "back"
    RESTART = "restart"


class Menu(enum.Enum):
    """What to do once a result is shown."""

    DETAILS = "d"
    WHY = "w"
    CHANGE = "c"
    SAVE = "s"
    CASE = "t"
    RESTART = "r"
    QUIT = "q"


_MENU_WORDS = {
    Menu.DETAILS: "menu.details",
    Menu.WHY: "menu.why",
    Menu.CHANGE: "menu.change",
    Menu.SAVE: "menu.save",
    Menu.CASE: "menu.case",
    Menu.RESTART: "menu.restart",
    Menu.QUIT: "menu.quit",
}


def menu_label(words: Wording, item: Menu) -> str:
    """A menu entry's words (content/wording.yaml `menu.*`); its key stays `item.value`."""
    return words(_MENU_WORDS[item])


@dataclass(frozen=True, slots=True, repr=False)
class Description:
    """Free text describing the situation; its repr hides it so it cannot reach a log."""

    text: str

    def __repr__(self) -> str:
        return "Description(<hidden>)"


class Face(Protocol):
    """Shows what the interview hands it and reads a choice; every word comes from the core
    (its outline and wording), except the prompts that name this face's own keys."""

    def welcome(self, lines: Sequence[str]) -> None: ...

    def start(self, topics: Sequence[Topic]) -> Topic | Description:
        """Pick a topic from the list, or describe the situation."""
        ...

    def refuse(self, warning: str) -> None:
        """The last description may identify someone: say why, and wipe it if possible."""
        ...

    def describe(self) -> str:
        """Ask for a (new) description; "" goes back to the topic list."""
        ...

    def pick_match(self, candidates: Sequence[Candidate]) -> Candidate | None:
        """Confirm one of the ranked topics; None shows the full list."""
        ...

    def confirm_prefill(self, heading: str, lines: Sequence[str]) -> bool:
        """Show the answers read from the description; True to use them."""
        ...

    def ask(self, question: Question, progress: str, preselect: Answer | None
            ) -> Answer | Nav: ...

    def note(self, text: str) -> None: ...

    def warn(self, text: str) -> None: ...

    def show_result(self, view: Outline) -> None:
        """The result as a screen should first show it: on a terminal, the outline's compact
        summary (`view.brief()`), ending with the verdict again; where nobody scrolls (a
        pipe), all of it."""
        ...

    def show_details(self, view: Outline) -> None:
        """The whole outline, ending with the verdict again."""
        ...

    def show_trace(self, view: Outline) -> None: ...

    def menu(self) -> Menu: ...

    def pick_asked(self, asked: Sequence[tuple[AskedQuestion, str]]) -> AskedQuestion | None:
        """Pick an answer to change, each shown with its line ("prompt — answer")."""
        ...

    def ask_path(self, prompt: str, default: Path) -> Path | None: ...

    def confirm(self, prompt: str) -> bool: ...
