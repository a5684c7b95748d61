"""Which rules an answer rules out: bitsets over a topic's rules, made once per topic.

For each answer on its own (an option of a single question; an option of a multi-choice
question chosen, or not), the set of rules that it makes false whatever else is answered,
as an int with one bit per rule position. A rule reads only a few questions, so a few
answers rule out most rules of a large topic without evaluating them: the engine skips
them when it decides, and the decisions check's search (core/_reach.py) prunes with them.
A rule ruled out is false; one not ruled out may still be false (by answers together).
"""

from __future__ import annotations

from collections.abc import Iterator

from decision_aid.core._closures import State
from decision_aid.core._compiled import CompiledTopic


def indexes(mask: int) -> Iterator[int]:
    """The positions of the bits set in `mask`, lowest first."""
    while mask:
        bit = mask & -mask
        mask ^= bit
        yield bit.bit_length() - 1


class Kills:
    """The kill masks of one topic, and which rules read each question slot."""

    __slots__ = ("all", "ins", "one", "outs", "readers", "slots")

    def __init__(self, form: CompiledTopic) -> None:
        layout = form.layout
        self.slots = layout.slots
        self.all = (1 << len(form.rules)) - 1
        self.readers: dict[int, int] = {}  # slot -> rules that read it
        self.one: dict[int, list[int]] = {}  # single slot -> per option
        self.ins: dict[int, list[int]] = {}  # multi slot -> per option, chosen
        self.outs: dict[int, list[int]] = {}  # multi slot -> per option, not chosen
        reading: dict[int, list[int]] = {}
        for rule in form.rules:
            for var in rule.atoms:
                slot = var[0] if isinstance(var, tuple) else var
                readers = reading.setdefault(slot, [])
                if not readers or readers[-1] != rule.index:
                    readers.append(rule.index)
        open_base = layout.base()
        fns = [r.fn for r in form.rules]

        def killed(i: int, value: int | None, readers: list[int]) -> int:
            if value is None:  # impossible on its own (an exclusive option with others)
                return 0
            base = open_base.copy()
            base[i] = value
            s = form.evaluate(base)
            mask = 0
            for k in readers:
                fn = fns[k]
                if fn is not None and fn(s) is False:
                    mask |= 1 << k
            return mask

        for i, readers in reading.items():
            self.readers[i] = sum(1 << k for k in readers)
            slot = layout.slots[i]
            if not slot.is_question:
                continue
            bits = [1 << j for j in range(slot.width)]
            if slot.kind == "multi":
                self.ins[i] = [killed(i, slot.narrow(open_base[i], chosen=b), readers)
                               for b in bits]
                self.outs[i] = [killed(i, slot.narrow(open_base[i], dropped=b), readers)
                                for b in bits]
            else:
                self.one[i] = [killed(i, b, readers) for b in bits]

    def killed_by(self, i: int, value: int) -> int:
        """Rules false whatever else is answered, once slot `i` is narrowed to `value`."""
        slot = self.slots[i]
        if slot.kind == "multi":
            ins, outs = self.ins.get(i), self.outs.get(i)
            if ins is None or outs is None:
                return 0
            width, full = slot.width, slot.full
            must, may = value & full, value >> width & full
            mask = 0
            for j in range(width):
                bit = 1 << j
                if must & bit:
                    mask |= ins[j]
                elif not may & bit:
                    mask |= outs[j]
            return mask
        per = self.one.get(i)
        if per is None or value == slot.full:
            return 0
        mask = -1
        rest = value
        while rest:
            bit = rest & -rest
            rest ^= bit
            mask &= per[bit.bit_length() - 1]
        return mask if mask != -1 else 0

    def killed(self, base: State, questions: int) -> int:
        """Rules ruled out by the question slots of `base` (the answers of a session)."""
        mask = 0
        slots = self.slots
        for i in range(questions):
            value = base[i]
            slot = slots[i]
            if value != slot.open_value():
                mask |= self.killed_by(i, value)
        return mask


def kills_of(form: CompiledTopic) -> Kills:
    """The topic's kill masks, made on first use and kept with its compiled form."""
    made = form.kills
    if made is None:
        made = form.kills = Kills(form)
    assert isinstance(made, Kills)
    return made


__all__ = ["Kills", "indexes", "kills_of"]
