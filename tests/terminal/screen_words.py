"""Finding words a terminal broke in two: a line that fills the width and ends in letters,
followed by one that starts with letters, where the two halves together make a word the
aid uses and the halves do not both stand alone ("on my persona" / "l account")."""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_WORD = re.compile(r"[A-Za-z]+")


SHORT_WORDS = frozenset({"a", "i", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in",
                         "is", "it", "me", "my", "no", "of", "on", "or", "so", "to", "up", "us",
                         "we"})
"""Words of one or two letters that stand alone; any other short piece is half a word."""


@cache
def vocabulary() -> frozenset[str]:
    """Every word of three letters or more in the packs, the content and the terminal face's
    own strings, lower case."""
    texts = [path.read_text(encoding="utf-8")
             for folder in ("rules", "content", "examples", "tests/fixtures/terminal")
             for path in (ROOT / folder).rglob("*.yaml")]
    face = [*(ROOT / "decision_aid" / "terminal").glob("*.py"), ROOT / "decision_aid" / "cli.py"]
    for path in face:
        texts += [node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    return frozenset(w.lower() for text in texts for w in _WORD.findall(text) if len(w) > 2)


def _stands_alone(word: str) -> bool:
    return word in SHORT_WORDS or (len(word) > 2 and word in vocabulary())


def broken_words(screen: str, width: int) -> list[str]:
    """"persona|l" for every word broken across two screen lines."""
    known = vocabulary()
    lines = screen.splitlines()
    found = []
    in_address = False  # a web address is folded on purpose, whatever its pieces read as
    for above, below in itertools.pairwise(lines):
        if len(above) < width or not below.strip() or not above.strip():
            in_address = False
            continue
        last, first = above.split()[-1], below.split()[0]
        in_address = in_address or "/" in last
        if in_address:
            continue
        tail = re.search(r"[A-Za-z]+$", last)
        head = re.match(r"[A-Za-z]+", first)
        if tail is None or head is None:
            continue
        a, b = tail.group(0).lower(), head.group(0).lower()
        if a + b in known and not (_stands_alone(a) and _stands_alone(b)):
            found.append(f"{tail.group(0)}|{head.group(0)}")
    return found


def too_wide(screen: str, width: int) -> list[str]:
    return [line for line in screen.splitlines() if len(line) > width]


def assert_words_whole(screens: Iterable[str], width: int) -> None:
    for screen in screens:
        assert broken_words(screen, width) == [], screen
