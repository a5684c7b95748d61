"""Which rules can decide: a search for answers where some rules hold and none above them.

The decisions check asks, for every rule, whether some answers make it the first rule
that holds (and, for rules of equal priority, whether two can both be first). A plain
search evaluates every rule above the target at every step, which is quadratic in the
number of rules. This one does less:

* *Kill masks* (core/_kills.py): for each answer on its own, the rules it makes false
  whatever else is answered. A rule reads only a few questions, so most rules above a
  target die as soon as the target's own answers are chosen, without being evaluated.
* The search first makes the target rules hold, branching only on what they read; then
  it keeps the rules above that are neither killed nor already false. A rule above is
  evaluated again only when a question it reads (directly, through relevance or a derived
  fact) has just been narrowed; one that reads nothing narrowed yet is still as unknown as
  before any answer. The search branches on what the first still-open rule reads, trying
  first the half of the answers that kills more of them.

Work is counted in condition nodes evaluated, as in core/_worlds.py; the caller gives a
budget to each search.
"""

from __future__ import annotations

from collections.abc import Sequence

from decision_aid.core._compile import State, split
from decision_aid.core._compiled import CompiledTopic
from decision_aid.core._kills import indexes, kills_of
from decision_aid.core._worlds import Budget

REPAIRS = 8
"""Answers the greedy try may change, one at a time, before the full search takes over."""


class RuleSearch:
    """Searches one topic for answers where given rules hold first."""

    def __init__(self, form: CompiledTopic) -> None:
        self.form = form
        layout = form.layout
        self.open = layout.base()
        root = form.evaluate(self.open)
        self.root_true = self.root_false = 0
        for rule in form.rules:
            truth = True if rule.fn is None else rule.fn(root)
            if truth is True:
                self.root_true |= 1 << rule.index
            elif truth is False:
                self.root_false |= 1 << rule.index
        self.fns = [r.fn for r in form.rules]
        self.sizes = [r.cond.size if r.cond is not None else 1 for r in form.rules]
        kills = kills_of(form)
        self.readers = kills.readers
        self.kill_one = kills.one
        self.killed_by = kills.killed_by
        self._greedy_tried = False

    # -- the search --------------------------------------------------------------------------
    def first(self, musts: Sequence[int], before: int, budget: Budget) -> State | None:
        """Narrowed question slots where every rule in `musts` holds and no rule at a
        position below `before` does, or None. Raises BudgetExceeded."""
        above = (1 << before) - 1
        if above & self.root_true:
            return None
        unknown = above & ~self.root_false
        self._greedy_tried = False
        return self._visit(self.open.copy(), 0, unknown, 0, tuple(musts), budget)

    def _greedy(self, base: State, killed: int, unknown: int, budget: Budget) -> State | None:
        """One completion of `base` that kills as many rules above as it can, repaired a
        few times, if every rule above then fails (the rules that must hold already do,
        on all of `base`)."""
        layout = self.form.layout
        done = base.copy()
        contrib: dict[int, int] = {}  # slot -> the rules its greedy answer rules out
        region_killed = killed  # ruled out by `base` itself, whatever the answers added
        cost = 0
        for slot in layout.slots[: layout.questions]:
            i = slot.index
            if not self.readers.get(i, 0) & unknown & ~killed:
                continue  # no rule still open above reads it: any answer will do
            value = done[i]
            if slot.kind == "multi":
                for j in range(slot.width):
                    bit = 1 << j
                    if value & bit or not value >> slot.width & bit:
                        continue
                    picks = [v for v in (slot.narrow(value, chosen=bit),
                                         slot.narrow(value, dropped=bit)) if v is not None]
                    value = max(picks, key=lambda v: (self.killed_by(i, v) & unknown
                                                      ).bit_count())
            elif value & (value - 1):
                per = self.kill_one.get(i)
                options = [1 << j for j in range(slot.width) if value >> j & 1]
                value = max(options, key=lambda v: (per[v.bit_length() - 1] & unknown
                                                    ).bit_count()) if per else options[0]
            contrib[i] = self.killed_by(i, value)
            killed |= contrib[i]
            done[i] = value
            cost += 1
        for _ in range(REPAIRS + 1):
            s = self.form.evaluate(done)
            cost += self.form.eval_cost
            bad = -1
            for k in indexes(unknown & ~killed):
                fn = self.fns[k]
                assert fn is not None
                cost += self.sizes[k]
                if fn(s) is not False:
                    bad = k
                    break
            if bad < 0:
                budget.spend(cost)
                return done
            repair = self._repair(bad, base, done, contrib, region_killed, unknown)
            cost += len(contrib)
            if repair is None:
                break
            i, value, killed = repair
            done[i] = value
            contrib[i] = self.killed_by(i, value)
        budget.spend(cost)
        return None

    def _repair(self, bad: int, base: State, done: State, contrib: dict[int, int],
                region_killed: int, unknown: int) -> tuple[int, int, int] | None:
        """The change of one single-choice answer that rule `bad` reads (within `base`)
        that leaves the fewest rules above not ruled out: (slot, value, rules killed)."""
        best: tuple[int, int, int, int] | None = None
        for var in self.form.rules[bad].atoms:
            if isinstance(var, tuple) or var not in contrib:
                continue
            allowed = base[var]
            per = self.kill_one.get(var)
            if per is None or not allowed & (allowed - 1):
                continue
            rest = region_killed
            for j, mask in contrib.items():
                if j != var:
                    rest |= mask
            for x in indexes(allowed & ~done[var]):
                now = rest | per[x]
                score = (unknown & ~now).bit_count()
                if best is None or score < best[0]:
                    best = (score, var, 1 << x, now)
        return None if best is None else best[1:]

    def _visit(self, base: State, killed: int, unknown: int, stale: int,
               musts: tuple[int, ...], budget: Budget) -> State | None:
        """`unknown`: rules above not known to fail; `stale`: those of them that read a
        question narrowed since they were last evaluated."""
        form = self.form
        s = form.evaluate(base)
        cost = form.eval_cost
        for k in musts:
            fn = self.fns[k]
            if fn is None:
                continue
            cost += self.sizes[k]
            truth = fn(s)
            if truth is False:
                budget.spend(cost)
                return None
            if truth is None:
                budget.spend(cost)
                cond = form.rules[k].cond
                assert cond is not None
                return self._branch(split(cond, s), base, killed, unknown, stale, musts,
                                    budget, greedy=False)
        unknown &= ~killed
        if not self._greedy_tried:
            self._greedy_tried = True
            found = self._greedy(base, killed, unknown, budget)
            if found is not None:
                return found
        for k in indexes(stale & unknown):
            fn = self.fns[k]
            assert fn is not None
            cost += self.sizes[k]
            truth = fn(s)
            if truth is True:
                budget.spend(cost)
                return None
            if truth is False:
                unknown ^= 1 << k
        budget.spend(cost)
        if not unknown:
            return base.copy()
        pending = (unknown & -unknown).bit_length() - 1
        cond = form.rules[pending].cond
        assert cond is not None
        return self._branch(split(cond, s), base, killed, unknown, 0, musts, budget,
                            greedy=True)

    def _branch(self, where: tuple[int, int] | None, base: State, killed: int, unknown: int,
                stale: int, musts: tuple[int, ...], budget: Budget, *, greedy: bool
                ) -> State | None:
        assert where is not None, "a rule is unknown with nothing left to narrow"
        i, mask = where
        slot = self.form.layout.slots[i]
        old = base[i]
        if slot.kind == "multi":
            halves = [v for v in (slot.narrow(old, chosen=mask), slot.narrow(old, dropped=mask))
                      if v is not None]
        else:
            halves = [v for v in (old & mask, old & ~mask) if v]
        options = [(v, killed | self.killed_by(i, v)) for v in halves]
        if greedy:  # first the half that kills more of the rules still open above
            options.sort(key=lambda o: -(o[1] & unknown).bit_count())
        stale |= self.readers.get(i, 0)
        for value, now_killed in options:
            base[i] = value
            found = self._visit(base, now_killed, unknown, stale, musts, budget)
            if found is not None:
                base[i] = old
                return found
        base[i] = old
        return None


__all__ = ["RuleSearch"]
