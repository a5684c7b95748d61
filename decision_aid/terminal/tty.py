"""The interview in a real terminal: prompt_toolkit choice lists and a rich result.

Lines of text (the description, file names) are read with a plain line reader, so the
first prompt appears before prompt_toolkit (~180 ms) and rich (~65 ms) are imported; both
load on first use, or earlier in the background (see `prefetch`).
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from decision_aid.core import Answer, QuestionKind
from decision_aid.terminal.face import Description, Menu, Nav, menu_label
from decision_aid.terminal.wrap import cells, fold, fold_all, screen_width

if TYPE_CHECKING:
    from rich.console import Console

    from decision_aid.core import AskedQuestion, Candidate, Outline, Question, Topic, Wording

LineReader = Callable[[str], str]
"""Reads one line after showing a prompt; raises KeyboardInterrupt or EOFError to leave."""


def input_reader(prompt: str) -> str:
    """`input()` with line editing; its in-memory history is cleared so nothing is kept."""
    import readline

    try:
        return input(prompt)
    finally:
        readline.clear_history()


def toolkit_reader(prompt: str) -> str:
    """A prompt_toolkit line reader (used where stdin is not the process's own)."""
    from prompt_toolkit.shortcuts import PromptSession

    return str(PromptSession[str]().prompt(prompt))


def prefetch() -> threading.Thread:
    """Import the face libraries in the background while the user reads the first screen."""

    def work() -> None:
        import decision_aid.terminal.choices
        import decision_aid.terminal.render  # noqa: F401

    thread = threading.Thread(target=work, name="decision-aid-prefetch")
    thread.start()
    return thread


class TtyFace:
    """The rich face. Lines it writes itself are folded at words to `columns` (None: the
    terminal's width when writing to one, else as they are)."""

    def __init__(self, stdout: TextIO, read_line: LineReader = input_reader,
                 console: Console | None = None, columns: int | None = None,
                 wording: Wording | None = None) -> None:
        from decision_aid.core import Wording

        self.words = wording or Wording.base()
        self.stdout = stdout
        self.read_line = read_line
        self._console = console
        self._columns = columns
        self._rows = 1

    def width(self) -> int | None:
        return self._columns if self._columns is not None else screen_width(self.stdout)

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(file=self.stdout, highlight=False, markup=False,
                                    emoji=False)
        return self._console

    def say(self, *lines: str) -> None:
        self.stdout.write("".join(line + "\n" for line in fold_all(lines, self.width())))
        self.stdout.flush()

    def _choose(self, prompt: str, items: Sequence[tuple[Any, str]], **kwargs: Any) -> Any:
        from decision_aid.terminal.choices import choose

        return choose(prompt, items, **kwargs)

    # -- Face ------------------------------------------------------------------------------

    def welcome(self, lines: Sequence[str]) -> None:
        self.say(*lines, "")

    def _read(self, prompt: str) -> str:
        """A line, remembering only how many screen rows it took (to wipe it if refused).

        A prompt wider than the screen is folded at words; its last line is the one the
        line reader shows, so the typed text follows it.
        """
        width = self.width()
        lines = fold(prompt.rstrip(), width)
        self.say(*lines[:-1])
        last = lines[-1] + " "
        text = self.read_line(last)
        columns = width or max(1, shutil.get_terminal_size().columns)
        self._rows = len(lines) - 1 + max(1, -(-(cells(last) + cells(text)) // columns))
        return text.strip()

    def refuse(self, warning: str) -> None:
        self.stdout.write("\x1b[1A\x1b[2K" * self._rows)  # up a row, clear it
        self.say(f"! {warning}")

    def start(self, topics: Sequence[Topic]) -> Topic | Description:
        self.say(self.words("interview.topics"),
                 *(f"  {n}. {t.title}" for n, t in enumerate(topics, 1)))
        while True:
            text = self._read("Describe your situation, or type a topic number: ")
            if text.isdigit():
                if 1 <= int(text) <= len(topics):
                    return topics[int(text) - 1]
                self.say(f"Type a number from 1 to {len(topics)}, or describe the situation.")
            elif text:
                return Description(text)

    def describe(self) -> str:
        return self._read("Describe it again without identifiers "
                          "(Enter to go back to the list): ")

    def pick_match(self, matches: Sequence[Candidate]) -> Candidate | None:
        items: list[tuple[Candidate | None, str]] = [
            (m, f"{m.topic.title}  ({m.score:.0f}% match)") for m in matches]
        items.append((None, self.words("interview.none_of_these_topics")))
        got = self._choose(self.words("interview.which_topic"), items, navigation=True)
        return None if isinstance(got, Nav) else got

    def confirm_prefill(self, heading: str, lines: Sequence[str]) -> bool:
        self.say(heading, *(f"  {line}" for line in lines))
        return self._yes_no(self.words("interview.use_answers"),
                            yes=self.words("interview.use_them"),
                            no=self.words("interview.answer_myself"))

    def confirm(self, prompt: str) -> bool:
        return self._yes_no(prompt, yes=self.words("interview.yes"),
                            no=self.words("interview.no"), default_yes=False)

    def _yes_no(self, prompt: str, *, yes: str, no: str, default_yes: bool = True) -> bool:
        items = [(True, yes), (False, no)] if default_yes else [(False, no), (True, yes)]
        got = self._choose(prompt, items, hotkeys={"y": True, "n": False})
        return got is True

    def ask(self, question: Question, progress: str, preselect: Answer | None
            ) -> Answer | Nav:
        from decision_aid.terminal.choices import ChoiceList, run_choice

        ids = question.option_ids
        before = preselect if isinstance(preselect, tuple) else (preselect,)
        state = ChoiceList(question.prompt, [o.label for o in question.options],
                           multi=question.kind is QuestionKind.MULTI, progress=progress,
                           why=question.why, words=self.words,
                           exclusive=frozenset(i for i, o in enumerate(question.options)
                                               if o.exclusive))
        chosen = [i for i, oid in enumerate(ids) if oid in before]
        if chosen:
            state.cursor = chosen[0]
            state.ticked = set(chosen) if state.multi else set()
        got = run_choice(state)
        if isinstance(got, Nav):
            self.say("← back" if got is Nav.BACK else "")
            return got
        value: Answer = tuple(ids[i] for i in got) if isinstance(got, tuple) else ids[got]
        picked = value if isinstance(value, tuple) else (value,)
        labels = ", ".join(o.label for o in question.options if o.id in picked)
        self.say(f"✔ {question.prompt} — {labels or self.words('interview.none_of_these')}")
        return value

    def note(self, text: str) -> None:
        self.say(text)

    def warn(self, text: str) -> None:
        self.say(f"! {text}")

    def show_result(self, view: Outline) -> None:
        self.show_details(view.brief())

    def show_details(self, view: Outline) -> None:
        from decision_aid.terminal.render import render_result

        self.console.print()
        self.console.print(render_result(view))
        self.console.print()

    def show_trace(self, view: Outline) -> None:
        from decision_aid.terminal.render import render_trace

        self.console.print(render_trace(view))

    def menu(self) -> Menu:
        items = [(m, f"[{m.value}] {menu_label(self.words, m)}") for m in Menu]
        got = self._choose(self.words("interview.what_next"), items,
                           hotkeys={m.value: m for m in Menu})
        assert isinstance(got, Menu)
        return got

    def pick_asked(self, asked: Sequence[tuple[AskedQuestion, str]]) -> AskedQuestion | None:
        items: list[tuple[AskedQuestion | None, str]] = list(asked)
        items.append((None, self.words("interview.keep_all")))
        got = self._choose(self.words("interview.which_answer"), items, navigation=True)
        return None if isinstance(got, Nav) else got

    def ask_path(self, prompt: str, default: Path) -> Path | None:
        text = self._read(f"{prompt} [{default}] (- to cancel): ")
        if text == "-":
            return None
        return Path(text).expanduser() if text else default
