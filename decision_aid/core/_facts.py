"""How a topic's facts are held while the engine evaluates: one integer per fact.

Every question and derived fact has a slot in a *state* (a list of ints), holding the set
of values the fact can still take, as bits:

* single-choice and yes/no questions: one bit per option, plus the `na` bit for "does
  not apply" (its relevance is false);
* multi-choice questions: `must` (options certainly chosen) in the low bits, `may`
  (options possibly chosen) in the next ones, and the `na` bit above both;
* count facts: the least and the most conditions that can hold, `lo | hi << COUNT_SHIFT`;
* true/false derived facts: bit 0 for yes, bit 1 for no.

An answer narrows a question's slot to one value; an unanswered question keeps every
value; the world search narrows slots step by step. Sets are exact for one fact and
never claim more than the answers imply, so three-valued evaluation over them is sound.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from decision_aid.core._model import DerivedKind, QuestionKind, Topic

CODES_KEPT = 20_000
"""Multi-choice answers whose slot value a layout remembers (a bound, not a cache size
anyone needs to tune: single-choice answers are all known up front)."""
COUNT_SHIFT = 32
COUNT_MASK = (1 << COUNT_SHIFT) - 1
YES, NO = 1, 2


@dataclass(frozen=True, slots=True)
class Slot:
    """Where one fact lives in a state, and what its bits mean."""

    index: int
    fact: str
    kind: str  # single | multi | count | bool (yes_no questions are single)
    options: tuple[str, ...] = ()
    bits: dict[str, int] | None = None
    full: int = 0  # every option bit
    na: int = 0  # the "does not apply" bit (questions only)
    exclusive: int = 0  # multi-choice options that cannot be combined with another
    width: int = 0  # the number of options

    @property
    def is_question(self) -> bool:
        return self.kind in ("single", "multi")

    def open_value(self) -> int:
        """The slot of an unanswered question: every answer still possible."""
        return self.full << self.width if self.kind == "multi" else self.full

    def encode(self, answer: Any) -> int:
        """The slot of an answered question (an option id, or ids for multi-choice)."""
        bits = self.bits or {}
        if self.kind == "multi":
            chosen = 0
            for option in answer:
                chosen |= bits[option]
            return chosen | chosen << self.width
        return bits[answer]

    def narrow(self, value: int, chosen: int = 0, dropped: int = 0) -> int | None:
        """A multi-choice slot with the options `chosen` certainly chosen and `dropped`
        certainly not; None when that is impossible (an option both chosen and dropped,
        or an exclusive option together with another)."""
        width, full = self.width, self.full
        must = (value | chosen) & full
        may = value >> width & full & ~dropped
        if must & ~may:
            return None
        if must & self.exclusive:
            if must & (must - 1):
                return None
            may = must
        elif must:
            may &= ~self.exclusive
        return must | may << width

    def values(self, value: int) -> Iterator[str]:
        """Option ids whose bit is set in `value` (for single choice: the possible ones)."""
        for i, option in enumerate(self.options):
            if value >> i & 1:
                yield option


class Layout:
    """The slots of one topic: questions in pack order, then derived facts."""

    __slots__ = ("_codes", "_open", "index", "questions", "slots")

    def __init__(self, topic: Topic) -> None:
        slots: list[Slot] = []
        for i, q in enumerate(topic.questions):
            options = q.option_ids
            width = len(options)
            kind = "multi" if q.kind is QuestionKind.MULTI else "single"
            exclusive = sum(1 << j for j, o in enumerate(q.options) if o.exclusive)
            slots.append(Slot(i, q.id, kind, options, {o: 1 << j for j, o in enumerate(options)},
                              (1 << width) - 1, 1 << (2 * width if kind == "multi" else width),
                              exclusive if kind == "multi" else 0, width))
        for d in topic.derived:
            if d.kind is DerivedKind.COUNT:
                slots.append(Slot(len(slots), d.id, "count"))
            else:
                slots.append(Slot(len(slots), d.id, "bool", ("yes", "no"),
                                  {"yes": YES, "no": NO}, YES | NO, width=2))
        self.slots = tuple(slots)
        self.questions = len(topic.questions)
        self.index = {s.fact: s.index for s in slots}
        self._open = [s.open_value() for s in self.slots[: self.questions]]
        self._open += [0] * (len(self.slots) - self.questions)
        # (question id, answer) as a session holds it -> (slot, value): every single-choice
        # answer up front, multi-choice answers as they come (up to CODES_KEPT of them)
        self._codes: dict[tuple[str, Any], tuple[int, int]] = {
            (s.fact, option): (s.index, bit) for s in self.slots[: self.questions]
            if s.kind != "multi" for option, bit in (s.bits or {}).items()}

    def base(self, answers: Iterable[tuple[str, Any]] = ()) -> list[int]:
        """Question slots for these answers (unanswered: open), derived slots zero."""
        out = self._open.copy()
        codes = self._codes
        for pair in answers:
            try:
                code = codes[pair]
            except (KeyError, TypeError):  # a multi-choice answer (TypeError: a list)
                code = self._code(pair)
            out[code[0]] = code[1]
        return out

    def _code(self, pair: tuple[str, Any]) -> tuple[int, int]:
        qid, answer = pair
        i = self.index[qid]
        code = i, self.slots[i].encode(answer)
        if len(self._codes) < CODES_KEPT and isinstance(answer, tuple):
            self._codes[pair] = code
        return code

    def answers_of(self, state: list[int] | tuple[int, ...]) -> dict[str, Any]:
        """Answers a narrowed state allows, for a witness: the first option still possible
        of a narrowed single-choice question, the options certainly chosen of a narrowed
        multi-choice one. Questions that may not apply or are still open are left out."""
        out: dict[str, Any] = {}
        for slot in self.slots[: self.questions]:
            value = state[slot.index]
            if value & slot.na:
                continue
            if slot.kind == "multi":
                must = value & slot.full
                if value != slot.open_value():
                    out[slot.fact] = frozenset(slot.values(must))
            elif value != slot.full:
                out[slot.fact] = next(slot.values(value))
        return out


def count_range(value: int) -> tuple[int, int]:
    """(least, most) conditions of a count fact that can hold."""
    return value & COUNT_MASK, value >> COUNT_SHIFT


__all__ = ["CODES_KEPT", "COUNT_MASK", "COUNT_SHIFT", "NO", "YES", "Layout", "Slot",
           "count_range"]
