"""The interview on plain lines: numbered options, answers typed as numbers.

Used for pipes and scripts, NO_COLOR, TERM=dumb and `--plain`. No colour codes, no cursor
movement, no face library; every prompt is one line ending in ": " so a script (or a test)
can wait for it. Invalid input gets a one-line hint and the same question again; free text
is never echoed back. End of input raises EOFError, which the caller turns into exit 3.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from decision_aid.core import Answer, QuestionKind, Wording
from decision_aid.terminal.face import Description, Menu, Nav, menu_label
from decision_aid.terminal.wrap import fold, fold_all, screen_width

if TYPE_CHECKING:
    from decision_aid.core import AskedQuestion, Candidate, Outline, Question, Topic

_SPLIT = re.compile(r"[\s,]+")
MAX_LINE = 100_000
"""Longest line read at a prompt (a memory bound, far above the free-text limit that the
PHI guard enforces); the rest of a longer line is read and dropped, unkept."""


def choice(text: str, low: int, high: int) -> int | None:
    """A typed number in [low, high], or None.

    ASCII digits only: `str.isdigit()` accepts '²' and '¹', which `int()` refuses, and a
    5,000-digit line is past the interpreter's conversion limit; both are just a wrong
    answer here.
    """
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        return None
    number = int(text)
    return number if low <= number <= high else None


class PlainFace:
    def __init__(self, stdin: TextIO | None, stdout: TextIO,
                 wording: Wording | None = None) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.wording = wording or Wording.base()

    # -- reading and writing ---------------------------------------------------------------

    def width(self) -> int | None:
        """The terminal's width when writing to one (NO_COLOR, TERM=dumb, --plain); on a
        pipe lines stay whole, one prompt a line, for scripts."""
        return screen_width(self.stdout)

    def say(self, *lines: str) -> None:
        self.stdout.write("".join(line + "\n" for line in fold_all(lines, self.width())))
        self.stdout.flush()

    def _line(self, limit: int) -> str:
        """One line of input; "" (input ended) when there is none to read: stdin closed
        before the start (`0<&-` leaves Python no sys.stdin), closed since, or gone."""
        if self.stdin is None:
            return ""
        try:
            return self.stdin.readline(limit)
        except (OSError, ValueError):  # EIO from a vanished terminal; a closed file
            return ""

    def read(self, prompt: str) -> str:
        lines = fold(prompt.rstrip(), self.width())
        self.say(*lines[:-1])
        prompt = lines[-1] + " "
        self.stdout.write(prompt)
        self.stdout.flush()
        while True:
            try:
                line = self._line(MAX_LINE + 1)
            except KeyboardInterrupt:
                self.stdout.write("\n")  # what is said next starts on a line of its own
                raise
            if not line:
                self.stdout.write("\n")
                raise EOFError
            if len(line) <= MAX_LINE or line.endswith("\n"):
                return line.strip()
            while line and not line.endswith("\n"):  # drop the rest of an overlong line
                line = self._line(MAX_LINE)
            self.say(f"! That line is over {MAX_LINE} characters; type a shorter answer.")
            self.stdout.write(prompt)
            self.stdout.flush()

    def _number(self, prompt: str, low: int, high: int, hint: str) -> int:
        while True:
            number = choice(self.read(prompt), low, high)
            if number is not None:
                return number
            self.say(hint)

    # -- Face ------------------------------------------------------------------------------

    def welcome(self, lines: Sequence[str]) -> None:
        self.say(*lines, "")

    def start(self, topics: Sequence[Topic]) -> Topic | Description:
        while True:
            self.say(self.wording("interview.topics"),
                     *(f"  {n}. {t.title}" for n, t in enumerate(topics, 1)),
                     f"  0. {self.wording('interview.describe_own_words')}")
            n = self._number("Choose a number: ", 0, len(topics),
                             f"Type a number from 0 to {len(topics)}.")
            if n:
                return topics[n - 1]
            text = self.describe()
            if text:
                return Description(text)

    def refuse(self, warning: str) -> None:
        self.warn(warning)

    def describe(self) -> str:
        return self.read("Describe your situation (no names or identifiers; "
                         "empty line to go back): ")

    def pick_match(self, matches: Sequence[Candidate]) -> Candidate | None:
        self.say(self.wording("interview.closest_topics"),
                 *(f"  {n}. {m.topic.title} ({m.score:.0f}% match)"
                   for n, m in enumerate(matches, 1)),
                 f"  0. {self.wording('interview.none_of_these_topics')}")
        n = self._number("Choose a number: ", 0, len(matches),
                         f"Type a number from 0 to {len(matches)}.")
        return matches[n - 1] if n else None

    def confirm_prefill(self, heading: str, lines: Sequence[str]) -> bool:
        self.say(heading, *(f"  {line}" for line in lines))
        return self._yes_no(f"{self.wording('interview.use_answers')} [Y/n]: ", default=True)

    def confirm(self, prompt: str) -> bool:
        return self._yes_no(f"{prompt} [y/N]: ", default=False)

    def _yes_no(self, prompt: str, *, default: bool) -> bool:
        while True:
            text = self.read(prompt).lower()
            if not text:
                return default
            if text in ("y", "yes", "n", "no"):
                return text.startswith("y")
            self.say("Type y or n.")

    def ask(self, question: Question, progress: str, preselect: Answer | None
            ) -> Answer | Nav:
        multi = question.kind is QuestionKind.MULTI
        before = preselect if isinstance(preselect, tuple) else (preselect,)
        self.say(f"{progress}: {question.prompt}" + (" (choose any)" if multi else ""))
        for n, option in enumerate(question.options, 1):
            mark = "  (previous answer)" if option.id in before else ""
            self.say(f"  {n}. {option.label}{mark}")
        if multi:
            keep = "Enter keeps the previous answer, " if preselect is not None else "Enter or "
            hint = f"numbers separated by spaces or commas; {keep}0 for none of these"
        else:
            hint = "a number" + ("; Enter keeps the previous answer" if preselect else "")
        while True:
            text = self.read(f"Answer ({hint}; ? why, b back, r restart): ")
            if text == "?":
                self.say(self.wording("interview.why_asked", why=question.why))
                continue
            got = self._parse(question, text, preselect)
            alone = _exclusive_clash(question, got)
            if alone:
                self.say(self.wording("exclusive_clash", option=alone))
                continue
            if got is not None:
                return got
            self.say(f"Type {hint}, or ? for why this is asked.")

    def _parse(self, question: Question, text: str, preselect: Answer | None
               ) -> Answer | Nav | None:
        low = text.lower()
        if low in ("b", "back"):
            return Nav.BACK
        if low in ("r", "restart"):
            return Nav.RESTART
        if not text and preselect is not None:
            return preselect
        ids = question.option_ids
        if question.kind is not QuestionKind.MULTI:
            number = choice(text, 1, len(ids))
            return ids[number - 1] if number is not None else None
        tokens = [t for t in _SPLIT.split(text) if t]
        if not tokens or tokens == ["0"]:
            return ()
        numbers = [choice(t, 1, len(ids)) for t in tokens]
        if None in numbers:
            return None
        picked = {n - 1 for n in numbers if n is not None}
        return tuple(ids[i] for i in sorted(picked))

    def note(self, text: str) -> None:
        self.say(text)

    def warn(self, text: str) -> None:
        self.say(f"! {text}")

    def show_result(self, view: Outline) -> None:
        self.show_details(view if self.width() is None else view.brief())

    def show_details(self, view: Outline) -> None:
        from decision_aid.core import outline_text

        self.say("", outline_text(view).rstrip("\n"), "", f"{view.word}: {view.headline}")

    def show_trace(self, view: Outline) -> None:
        from decision_aid.core import trace_text

        self.say(trace_text(view))

    def menu(self) -> Menu:
        keys = ", ".join(f"{m.value} {menu_label(self.wording, m)}" for m in Menu)
        while True:
            try:
                text = self.read(f"Next ({keys}): ").lower()
            except EOFError:
                return Menu.QUIT  # a script that stops after the result has finished
            for item in Menu:
                if text == item.value:
                    return item
            self.say("Type one of: " + " ".join(m.value for m in Menu) + ".")

    def pick_asked(self, asked: Sequence[tuple[AskedQuestion, str]]) -> AskedQuestion | None:
        self.say(self.wording("interview.which_answer"),
                 *(f"  {n}. {line}" for n, (_, line) in enumerate(asked, 1)),
                 f"  0. {self.wording('interview.keep_all')}")
        n = self._number("Choose a number: ", 0, len(asked),
                         f"Type a number from 0 to {len(asked)}.")
        return asked[n - 1][0] if n else None

    def ask_path(self, prompt: str, default: Path) -> Path | None:
        text = self.read(f"{prompt} [{default}] (- to cancel): ")
        if text == "-":
            return None
        return Path(text).expanduser() if text else default


def _exclusive_clash(question: Question, got: Answer | Nav | None) -> str | None:
    """The label of an exclusive option picked together with others, if any."""
    clash = question.clash(got) if isinstance(got, tuple) else None
    option = question.option(clash[0]) if clash else None
    return option.label if option else None
