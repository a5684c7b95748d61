"""Detector rules and spans: how a pattern match becomes a finding, and how findings merge.

Every detector module (names, dates, numbers, places, online) declares a tuple of
:class:`Rule`; this module holds that shape, the helpers the rules' checks share, and the
two steps :func:`decision_aid.core.phi.scan` runs over them: collect candidate findings,
then merge overlapping ones into non-overlapping spans that take the strongest kind.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from decision_aid.core.phi._report import PRIORITY, PhiFinding, PhiKind

Span = tuple[int, int]
Check = Callable[[str, re.Match[str]], Span | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled pattern; group "v", when present, is the identifier inside the match."""

    kind: PhiKind
    pattern: re.Pattern[str]
    check: Check | None = None
    needs: re.Pattern[str] | None = None  # cheap pre-filter on the whole text
    near: re.Pattern[str] | None = None
    """A finding counts only with a match of this within ``window`` characters of it."""
    window: int = 0


def match_span(m: re.Match[str]) -> Span:
    if "v" in m.re.groupindex and m.start("v") >= 0:
        return m.start("v"), m.end("v")
    return m.start(), m.end()


def count_digits(s: str) -> int:
    return sum(ch.isdigit() for ch in s)


def candidates(rules: Iterable[Rule], text: str) -> Iterator[PhiFinding]:
    """Every span some rule finds in ``text``, in rule order; spans may overlap."""
    for rule in rules:
        if rule.needs is not None and rule.needs.search(text) is None:
            continue
        near = _Near(rule, text) if rule.near is not None else None
        if near is not None and not near.starts:
            continue
        for m in rule.pattern.finditer(text):
            if near is not None and not near.around(match_span(m)):
                continue  # cheap: the check can only narrow the span
            span = rule.check(text, m) if rule.check is not None else match_span(m)
            if span is not None and span[0] < span[1] and (near is None or near.around(span)):
                yield PhiFinding(rule.kind, span[0], span[1])


class _Near:
    """Where a rule's ``near`` pattern matches in one text, found once for the whole text."""

    __slots__ = ("ends", "starts", "window")

    def __init__(self, rule: Rule, text: str) -> None:
        assert rule.near is not None
        found = [m.span() for m in rule.near.finditer(text)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]
        self.window = rule.window

    def around(self, span: Span) -> bool:
        """True when a match lies wholly within ``window`` characters of ``span``."""
        i = bisect.bisect_left(self.starts, span[0] - self.window)
        return i < len(self.ends) and self.ends[i] <= span[1] + self.window


def merge(found: list[PhiFinding]) -> tuple[PhiFinding, ...]:
    """Union overlapping spans; the merged span takes the highest-priority kind."""
    merged: list[PhiFinding] = []
    for f in sorted(found, key=lambda c: (c.start, -c.end)):
        if merged and f.start < merged[-1].end:
            last = merged[-1]
            kind = min(last.kind, f.kind, key=PRIORITY.__getitem__)
            merged[-1] = PhiFinding(kind, last.start, max(last.end, f.end))
        else:
            merged.append(f)
    return tuple(merged)
