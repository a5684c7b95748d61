"""The analysis behind one step: which rule decides, and which question can matter.

Rules are tried from the highest priority down in three-valued logic. Most rules are
*exact* (core/_compile.py), so their three-valued truth is final. A rule that is not,
such as `any: [P, {not: P}]`, may be undecided yet certain; `settle` then searches the
remaining answers to find whether it can still hold and still fail.

All the searches of one step draw on one `Budget`, and their results are reused within
the step. When the budget runs out the rule stays undecided: the engine asks a question
it reads, and the step records that its search was cut short.
"""

from __future__ import annotations

from collections.abc import Iterator

from decision_aid.core._compile import State, open_slots, option_classes
from decision_aid.core._compiled import CompiledRule, CompiledTopic
from decision_aid.core._conditions import Truth
from decision_aid.core._kills import indexes, kills_of
from decision_aid.core._worlds import Budget, BudgetExceeded, WorldSearch, holds

LARGE = 64
"""From this many rules on, a step skips the rules its answers rule out (core/_kills.py)
instead of evaluating every rule."""
STEP_BUDGET = 200_000
"""Work one step may do, in condition nodes evaluated by its searches (counted, never
timed; see core/_worlds.py)."""


class StepAnalysis:
    """Decides one state of one topic, within one budget."""

    def __init__(self, form: CompiledTopic, base: State, budget: Budget | None = None) -> None:
        self.form = form
        self.base = base
        self.state = form.evaluate(base)
        self.budget = budget if budget is not None else Budget(STEP_BUDGET)
        self.cut_short: list[str] = []
        self._settled: dict[tuple[int, tuple[int, ...]], Truth] = {}
        self._search: WorldSearch | None = None
        self.alive: int | None = None  # for a large topic: the rules not ruled out
        if len(form.rules) >= LARGE:
            kills = kills_of(form)
            self.alive = kills.all & ~kills.killed(base, form.layout.questions)

    def _candidates(self) -> Iterator[CompiledRule]:
        """The rules that may still hold, in the order they are tried."""
        rules = self.form.rules
        if self.alive is None:
            yield from rules
            return
        for k in indexes(self.alive):
            yield rules[k]

    # -- which rule decides ----------------------------------------------------------------------
    def decide(self) -> tuple[CompiledRule | None, CompiledRule | None]:
        """(winner, first undecided rule): exactly one of them is set for a covered topic."""
        state = self.state
        for rule in self._candidates():
            fn = rule.fn
            if fn is None:
                return rule, None
            truth = fn(state)
            if truth is None and not rule.exact:
                truth = self.settle(rule, self.base)
            if truth is True:
                return rule, None
            if truth is None:
                return None, rule
        return None, None

    def settle(self, rule: CompiledRule, base: State) -> Truth:
        """The truth of `rule` over every way the answers `base` leaves open can go, or
        None when it can go both ways (or the budget ran out first)."""
        key = (rule.index, tuple(base))
        if key in self._settled:
            return self._settled[key]
        truth: Truth = None
        search = self._search = self._search or WorldSearch(self.form)
        try:
            self.budget.spend()
            if search.narrow(holds(self.form, rule.index), base, self.budget) is None:
                truth = False
            elif search.narrow(holds(self.form, rule.index, False), base, self.budget) is None:
                truth = True
        except BudgetExceeded:
            if rule.rule.id not in self.cut_short:
                self.cut_short.append(rule.rule.id)
            return None
        self._settled[key] = truth
        return truth

    # -- which question to ask -------------------------------------------------------------------
    def question_for(self, rule: CompiledRule) -> int:
        """The slot of the question to ask for an undecided rule: the first (in pack order)
        whose answer can decide it; the first it reads if none can alone."""
        assert rule.cond is not None
        candidates = sorted(set(open_slots(rule.cond, self.state, askable=True)))
        if not candidates:  # pragma: no cover - three-valued logic guarantees one
            raise AssertionError(f"rule '{rule.rule.id}' is undecided with nothing to ask")
        if rule.read_once or len(candidates) == 1:
            return candidates[0]
        for slot in candidates:
            if self._narrows(rule, slot):
                return slot
        return candidates[0]

    def _narrows(self, rule: CompiledRule, i: int) -> bool:
        """Whether some answer to question slot `i` decides `rule`."""
        slot = self.form.layout.slots[i]
        if rule.exact:  # its truth is monotone in each answer: try the two extremes
            return any(self._truth(rule, v) is not None for v in self._extremes(rule, i))
        if slot.kind != "multi":
            value = self.base[i]
            while value:
                option = value & -value
                value ^= option
                if self._settled_with(rule, i, option) is not None:
                    return True
            return False
        assert rule.cond is not None
        classes = option_classes((rule.cond,), i, slot.exclusive)
        return self._narrows_multi(rule, i, self.base[i], classes)

    def _narrows_multi(self, rule: CompiledRule, i: int, value: int, classes: list[int]
                       ) -> bool:
        """Depth first over the classes of options the rule cannot tell apart (none, one or
        all of a class chosen); an answer narrowed so far that decides the rule is enough."""
        if self._settled_with(rule, i, value) is not None:
            return True
        if not classes:
            return False
        slot = self.form.layout.slots[i]
        members, rest = classes[0], classes[1:]
        one = members & -members
        picks = [slot.narrow(value, dropped=members), slot.narrow(value, chosen=members)]
        if one != members:
            picks.insert(1, slot.narrow(value, chosen=one, dropped=members & ~one))
        return any(self._narrows_multi(rule, i, pick, rest) for pick in picks if pick is not None)

    def _settled_with(self, rule: CompiledRule, i: int, value: int) -> Truth:
        base = self.base.copy()
        base[i] = value
        return self.settle(rule, base)

    def _truth(self, rule: CompiledRule, value_at: tuple[int, int]) -> Truth:
        assert rule.fn is not None
        base = self.base.copy()
        base[value_at[0]] = value_at[1]
        return rule.fn(self.form.evaluate(base))

    def _extremes(self, rule: CompiledRule, i: int) -> Iterator[tuple[int, int]]:
        """Answers to slot `i` that push an exact rule furthest towards true and false."""
        slot = self.form.layout.slots[i]
        value = self.base[i]
        if slot.kind == "multi":
            plus = minus = 0
            for var, (_, _, sign) in rule.atoms.items():
                if isinstance(var, tuple) and var[0] == i:
                    if sign > 0:
                        plus |= var[1]
                    elif sign < 0:
                        minus |= var[1]
            may = value >> slot.width
            for chosen, dropped in ((plus, minus), (minus, plus)):
                narrowed = slot.narrow(value, chosen & may, dropped & ~value)
                if narrowed is not None:
                    yield i, narrowed
            return
        narrow, wide, _ = rule.atoms.get(i, (slot.full, slot.full, 1))
        for parts in ((value & narrow, value & wide), (value & ~wide, value & ~narrow)):
            part = parts[0] or parts[1]
            if part:
                yield i, part & -part

    # -- how many questions at most ----------------------------------------------------------------
    def remaining(self, undecided: CompiledRule) -> int:
        """At most how many more questions: the open ones that rules which could still
        decide read (up to the first rule that holds; in a large topic, every rule not
        ruled out from `undecided` down to the first that always holds)."""
        pending = 0
        state = self.state
        if self.alive is not None:
            kills = kills_of(self.form)
            window = self.alive & ~((1 << undecided.index) - 1)
            always = next((r.index for r in self.form.rules if r.fn is None), None)
            if always is not None:
                window &= (1 << always) - 1
            for i, readers in kills.readers.items():
                if readers & window:
                    pending |= 1 << i
            return self._open_count(pending)
        for rule in self.form.rules:
            fn = rule.fn
            if fn is None:
                break
            truth = fn(state)
            if truth is True:
                break
            if truth is None:
                pending |= rule.reads
        return self._open_count(pending)

    def _open_count(self, pending: int) -> int:
        """How many of these question slots (a bitset) are still open."""
        slots = self.form.layout.slots
        state = self.state
        count = 0
        while pending:
            bit = pending & -pending
            pending ^= bit
            slot = slots[bit.bit_length() - 1]
            value = state[slot.index]
            if value == slot.na:
                continue  # it does not apply
            if slot.kind == "multi":
                count += value & slot.full != value >> slot.width & slot.full
            else:
                options = value & slot.full
                count += options & (options - 1) != 0
        return max(1, count)


__all__ = ["STEP_BUDGET", "StepAnalysis"]
