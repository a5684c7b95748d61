"""A small inline choice list with the keys an interview needs and no prompt library has.

Arrows (or j/k) move, digits pick (an option's number, typed: of twelve, "1" "2" picks the
twelfth at once, "1" then Enter or a pause of a second the first, like plain mode's typed
numbers), Space ticks in a multi-select and Enter confirms, `?`
shows why the question is asked, Left/Backspace/b go back and `r` restarts (returning the
`Nav` values), Ctrl-C raises KeyboardInterrupt and Ctrl-D EOFError. It is a
non-full-screen prompt_toolkit Application that erases itself when done, so the
transcript keeps only the one-line summary the caller prints. The marks (❯, [x]) carry
the meaning, so it reads without colour.

It is drawn for the screen it is on, at every redraw (so a resize is followed): text is
folded at words, and a list taller than the screen scrolls, keeping the cursor's option,
the question and the key hints in view, with "↑ 3 more" / "↓ 4 more" where options are
hidden.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from prompt_toolkit.application import Application
from prompt_toolkit.data_structures import Size
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.layout import FormattedTextControl, HSplit, Layout, Window
from prompt_toolkit.styles import Style

from decision_aid.terminal.face import Nav
from decision_aid.terminal.wrap import fold, fold_items

if TYPE_CHECKING:
    from decision_aid.core import Wording

T = TypeVar("T")
_Handler = Callable[[KeyPressEvent], None]
_Done = Callable[[KeyPressEvent, "int | tuple[int, ...] | Nav"], None]
_Row = list[tuple[str, str]]

STYLE = Style.from_dict({
    "progress": "italic",
    "prompt": "bold",
    "selected": "bold reverse",
    "why": "italic",
    "hint": "#888888",
})


@dataclass
class ChoiceList:
    """The state of one choice list; `fragments()` draws it, key handlers change it."""

    prompt: str
    labels: Sequence[str]
    multi: bool = False
    progress: str = ""
    why: str = ""
    cursor: int = 0
    ticked: set[int] = field(default_factory=set)
    show_why: bool = False
    navigation: bool = True
    hotkeys: Mapping[str, int] = field(default_factory=dict)
    exclusive: frozenset[int] = frozenset()
    """Options that stand alone ("none of these"): ticking one clears the others."""
    screen: Callable[[], Size] | None = None
    """The screen's size now; None draws for an endless screen (tests of the logic)."""
    top: int = 0
    """The first option shown when the list scrolls."""
    typed: str = ""
    """Digits typed of a number that a further digit could still make longer."""
    words: Wording | None = None
    """The interface wording (the product's own when None), for the `why` line."""
    window: float = 1.0
    """Seconds a typed number waits for a further digit before it is taken as it is."""
    typed_count: int = 0
    """Digits typed so far: a waiting number is taken only if no digit came after it."""

    def move(self, delta: int) -> None:
        self.typed = ""
        self.cursor = (self.cursor + delta) % len(self.labels)

    def type_digit(self, digit: str) -> int | None:
        """Add a typed digit; the option's index once its number is whole, else None.

        A number is whole when no option's number goes on from it ("2" of twelve), or
        when Enter follows ("1" then Enter). A digit that makes no option's number starts
        a new one (or is ignored), and the cursor shows the number typed so far.
        """
        count = len(self.labels)
        self.typed_count += 1
        for text in dict.fromkeys((self.typed + digit, digit)):
            number = int(text)
            if 1 <= number <= count:
                break
        else:
            self.typed = ""
            return None
        self.cursor = number - 1
        if number * 10 > count:
            self.typed = ""
            return number - 1
        self.typed = text
        return None

    def toggle(self, index: int) -> None:
        if index in self.ticked:
            self.ticked.discard(index)
        elif index in self.exclusive:
            self.ticked = {index}
        else:
            self.ticked = (self.ticked - self.exclusive) | {index}

    def picked(self) -> int | tuple[int, ...]:
        return tuple(sorted(self.ticked)) if self.multi else self.cursor

    def hint_keys(self) -> list[str]:
        count = len(self.labels)
        numbers = f"1-{count}" if count > 1 else "1"
        keys = [f"typed {self.typed}: another digit, or Enter"] if self.typed else []
        keys += ["↑↓ move", f"{numbers} tick" if self.multi else f"{numbers} pick"]
        keys += ["Space tick", "Enter done (none ticked = none of these)"] if self.multi \
            else ["Enter choose"]
        if self.why:
            keys.append("? why")
        if self.navigation:
            keys += ["← back", "r restart"]
        keys.append("Ctrl-C quit")
        return keys

    def hint(self) -> str:
        return " · ".join(self.hint_keys())

    def fragments(self) -> StyleAndTextTuples:
        size = self.screen() if self.screen is not None else None
        columns = size.columns if size else None
        head: list[_Row] = []
        if self.progress:
            head += [[("class:progress", line)] for line in fold(self.progress, columns)]
        head += [[("class:prompt", line)] for line in fold(self.prompt, columns)]
        tail: list[_Row] = []
        if self.show_why and self.why:
            from decision_aid.core import Wording

            why = (self.words or Wording.base())("interview.why_asked", why=self.why)
            tail += [[("class:why", line)] for line in fold(why, columns)]
        tail += [[("class:hint", line)] for line in fold_items(self.hint_keys(), columns, " · ")]
        options = [self._option_rows(i, columns) for i in range(len(self.labels))]
        room = size.rows - len(head) - len(tail) if size else None
        shown = self._visible([len(rows) for rows in options], room)
        body: list[_Row] = []
        if shown.start > 0:
            body.append([("class:hint", f"  ↑ {shown.start} more")])
        for i in shown:
            body += options[i]
        if shown.stop < len(options):
            body.append([("class:hint", f"  ↓ {len(options) - shown.stop} more")])
        out: StyleAndTextTuples = []
        for n, row in enumerate(head + body + tail):
            if n:
                out.append(("", "\n"))
            out.extend(row)
        return out

    def _option_rows(self, i: int, columns: int | None) -> list[_Row]:
        """One option folded to the width; continuation lines hang under its label."""
        here = i == self.cursor
        box = ("[x] " if i in self.ticked else "[ ] ") if self.multi else ""
        number = f"{i + 1}. ".rjust(len(str(len(self.labels))) + 2)
        lines = fold(f"{'❯ ' if here else '  '}{number}{box}{self.labels[i]}", columns)
        style = "class:selected" if here else ""
        rows: list[_Row] = [[("", lines[0][:2]), (style, lines[0][2:])]]
        for line in lines[1:]:
            text = line.lstrip(" ")
            rows.append([("", line[:len(line) - len(text)]), (style, text)])
        return rows

    def _visible(self, heights: Sequence[int], room: int | None) -> range:
        """The options to draw: all if they fit, else a window around the cursor that
        stays put until the cursor leaves it (a hidden part costs a row for its mark)."""
        count = len(heights)
        if room is None or sum(heights) <= room:
            return range(count)

        def cost(first: int, last: int) -> int:
            return sum(heights[first:last]) + (first > 0) + (last < count)

        first = min(self.top, self.cursor)
        while first < self.cursor and cost(first, self.cursor + 1) > room:
            first += 1
        last = self.cursor + 1
        while last < count and cost(first, last + 1) <= room:
            last += 1
        while first > 0 and cost(first - 1, last) <= room:
            first -= 1
        self.top = first
        return range(first, last)


def run_choice(state: ChoiceList) -> int | tuple[int, ...] | Nav:
    """Show the list until the user picks: an index (single), indexes (multi) or a Nav."""
    bindings = _bindings(state)
    control = FormattedTextControl(state.fragments, focusable=True, show_cursor=False)
    app: Application[int | tuple[int, ...] | Nav] = Application(
        layout=Layout(HSplit([Window(control, wrap_lines=True, dont_extend_height=True)])),
        key_bindings=bindings, style=STYLE, full_screen=False, erase_when_done=True,
        mouse_support=False)
    state.screen = app.output.get_size
    return app.run()


def _bindings(state: ChoiceList) -> KeyBindings:
    kb = KeyBindings()

    def done(event: KeyPressEvent, value: int | tuple[int, ...] | Nav) -> None:
        event.app.exit(result=value)

    @kb.add("up")
    @kb.add("k")
    def _up(event: KeyPressEvent) -> None:
        state.move(-1)

    @kb.add("down")
    @kb.add("j")
    @kb.add("tab")
    def _down(event: KeyPressEvent) -> None:
        state.move(1)

    @kb.add("enter")
    @kb.add("c-j")  # Enter typed between two lists arrives through the tty as a line feed
    def _enter(event: KeyPressEvent) -> None:
        if state.typed and state.multi:  # the number typed is whole: tick it, stay
            state.typed = ""
            state.toggle(state.cursor)
            return
        state.typed = ""
        done(event, state.picked())

    @kb.add(" ")
    def _space(event: KeyPressEvent) -> None:
        state.typed = ""
        if state.multi:
            state.toggle(state.cursor)
        else:
            done(event, state.cursor)

    for digit in "0123456789":
        if digit not in state.hotkeys:
            kb.add(digit)(_digit_handler(state, digit, done))

    @kb.add("?")
    def _why(event: KeyPressEvent) -> None:
        state.show_why = not state.show_why

    for key, index in state.hotkeys.items():
        kb.add(key)(_hotkey_handler(index, done))

    if state.navigation:
        for key in ("left", "backspace", "b", "escape"):
            if key not in state.hotkeys:
                kb.add(key)(lambda event: done(event, Nav.BACK))
        if "r" not in state.hotkeys:
            kb.add("r")(lambda event: done(event, Nav.RESTART))

    @kb.add("c-c")
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    @kb.add("c-d")
    def _eof(event: KeyPressEvent) -> None:
        event.app.exit(exception=EOFError())

    return kb


def _digit_handler(state: ChoiceList, digit: str, done: _Done) -> _Handler:
    def take(event: KeyPressEvent, index: int) -> None:
        if state.multi:
            state.toggle(index)
        else:
            done(event, index)

    def handler(event: KeyPressEvent) -> None:
        index = state.type_digit(digit)
        if index is not None:
            take(event, index)
        elif state.typed:
            asyncio.get_running_loop().call_later(state.window, later, event, state.typed_count)

    def later(event: KeyPressEvent, typed_count: int) -> None:
        """The window passed: a number still waiting, with no digit since, is taken."""
        if state.typed and state.typed_count == typed_count and event.app.is_running:
            state.typed = ""
            take(event, state.cursor)
            event.app.invalidate()

    return handler


def _hotkey_handler(index: int, done: _Done) -> _Handler:
    def handler(event: KeyPressEvent) -> None:
        done(event, index)

    return handler


def choose(prompt: str, items: Sequence[tuple[T, str]], *, hotkeys: Mapping[str, T] | None = None,
           navigation: bool = False, progress: str = "") -> T | Nav:
    """Pick one of `items` (value, label); for menus and confirmations."""
    values = [value for value, _ in items]
    keys = {key: values.index(value) for key, value in (hotkeys or {}).items()}
    got = run_choice(ChoiceList(prompt, [label for _, label in items], hotkeys=keys,
                                navigation=navigation, progress=progress))
    if isinstance(got, Nav):
        return got
    assert isinstance(got, int)
    return values[got]

