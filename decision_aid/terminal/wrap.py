"""Lines folded at word boundaries to a terminal's width, counted in screen cells.

A terminal folds a long line wherever the width runs out, mid-word ("on my persona" /
"l account"); everything the interview writes outside rich goes through `fold` first.
A continuation line hangs under the text after the line's marker ("  3. [x] ", "✔ ", "• "),
so a wrapped option still reads as one option. Only a word wider than the whole line (a
web address) is cut, since it cannot fit any other way. Nothing here imports a face
library: the first screen is drawn before prompt_toolkit and rich are loaded.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from collections.abc import Iterator, Sequence
from typing import TextIO

_MARKER = re.compile(r" *(?:❯ +)?(?:\d+\. +|[•✔!|\-] )?(?:\[[ x]\] )?")
"""Leading spaces, the cursor, a number or bullet (or a quoted reply's bar), a check box:
what a continuation hangs under."""


def screen_width(stream: TextIO) -> int | None:
    """The width of the terminal `stream` writes to; None when it is not a terminal.

    Asked of the terminal itself first: COLUMNS can be stale after a resize, or inherited
    from a parent that set it for a different screen.
    """
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    try:
        return max(1, os.get_terminal_size(stream.fileno()).columns)
    except (AttributeError, ValueError, OSError):
        return max(1, shutil.get_terminal_size().columns)


def cells(text: str) -> int:
    """How many terminal cells `text` takes: wide (East Asian) characters take two,
    combining marks none."""
    return sum(_cell(char) for char in text)


def _cell(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def hang_of(line: str) -> str:
    """The blank indent that continuation lines of `line` take."""
    found = _MARKER.match(line)
    return " " * cells(found.group(0) if found else "")


def fold(line: str, width: int | None, *, hang: str | None = None) -> list[str]:
    """`line` as screen lines of at most `width` cells (None: as it is)."""
    if width is None or cells(line) <= width:
        return [line]
    indent = hang_of(line) if hang is None else hang
    if cells(indent) > width // 2:  # a deep marker on a narrow screen: do not hang
        indent = ""
    head = _MARKER.match(line)
    start = head.end() if head else 0
    return list(_pack(line[:start], line[start:].split(), width, indent, " "))


def fold_all(lines: Sequence[str], width: int | None) -> list[str]:
    """Every line folded, a text of several lines line by line; blank lines kept."""
    return [row for text in lines for line in text.split("\n") for row in fold(line, width)]


def fold_items(items: Sequence[str], width: int | None, separator: str) -> list[str]:
    """Items joined by `separator`, broken only between items (key hints: "↑↓ move · ...")."""
    if width is None:
        return [separator.join(items)]
    return list(_pack("", list(items), width, "", separator))


def _pack(first: str, words: Sequence[str], width: int, indent: str, gap: str
          ) -> Iterator[str]:
    """Greedy filling: as many words as fit on each line."""
    line, used, empty = first, cells(first), True
    for word in words:
        size = cells(word)
        if not empty and used + cells(gap) + size <= width:
            line, used = line + gap + word, used + cells(gap) + size
            continue
        if not empty:
            yield line
            line, used = indent, cells(indent)
        while used + size > width and size > 1:  # wider than a line: cut it
            room = max(1, width - used)
            piece = _take(word, room)
            yield line + piece
            word = word[len(piece):]
            size = cells(word)
            line, used = indent, cells(indent)
        line, used, empty = line + word, used + size, False
    if not empty or line.strip():
        yield line


def _take(word: str, room: int) -> str:
    """The longest start of `word` that fits in `room` cells (at least one character)."""
    taken, used = "", 0
    for char in word:
        if used + _cell(char) > room and taken:
            break
        taken, used = taken + char, used + _cell(char)
    return taken
