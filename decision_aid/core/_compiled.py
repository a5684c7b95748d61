"""A topic compiled once into what the engine needs, held by the topic itself.

`compiled(topic)` gives the topic's `CompiledTopic`: the slot layout (questions and
options by index, see core/_facts.py), the order in which relevance and derived facts
are filled in, every rule, relevance and derived condition as closures over integer
masks (core/_compile.py) with its classification, and the look-up tables the trace,
the checks and the world search use. The loader compiles every topic it loads; a topic
made some other way (a test, `dataclasses.replace`) is compiled on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from graphlib import CycleError, TopologicalSorter
from typing import Any

from decision_aid.core import _closures as make
from decision_aid.core._compile import Compiler, Cond, State, classify
from decision_aid.core._conditions import Condition
from decision_aid.core._errors import SessionError
from decision_aid.core._facts import Layout, Slot
from decision_aid.core._model import Derived, DerivedKind, Question, Rule, Topic


class CompiledRule:
    """One rule in engine form: its condition (None: always holds) and classification."""

    __slots__ = ("atoms", "cond", "exact", "fn", "index", "read_once", "reads", "rule")

    def __init__(self, index: int, rule: Rule, cond: Cond | None,
                 slots: Sequence[Slot] = ()) -> None:
        self.index = index
        self.rule = rule
        self.cond = cond
        self.fn = cond.fn if cond is not None else None
        self.exact, self.read_once, self.atoms = classify(cond, slots) if cond is not None \
            else (True, True, {})
        self.reads = 0  # the question slots it reads (through relevance and derived facts)
        for var in self.atoms:
            self.reads |= 1 << (var[0] if isinstance(var, tuple) else var)


class CompiledTopic:
    """Everything the engine, the search and the checks need of one topic, made once."""

    __slots__ = (
        "_compiler",
        "_derived",
        "_described",
        "_extra",
        "_questions",
        "considered",
        "cycle",
        "eval_cost",
        "kills",
        "layout",
        "order",
        "plan",
        "position",
        "questions",
        "reads",
        "relevance",
        "rules",
        "steps",
        "topic",
    )

    def __init__(self, topic: Topic) -> None:
        self.topic = topic
        self.layout = layout = Layout(topic)
        self.questions: dict[str, Question] = {q.id: q for q in topic.questions}
        self.position = {q.id: i for i, q in enumerate(topic.questions)}
        self.cycle: tuple[str, ...] | None = None
        self._compiler = compiler = Compiler(layout.slots, layout.index)
        self._extra: dict[int, tuple[Condition, Cond]] = {}
        self.kills: object = None  # core/_kills.py, made when a large topic first needs it
        self.steps: tuple[Callable[[State], None], ...] = ()
        self.relevance: dict[str, Cond] = {}
        try:
            fill = _fill_order(topic)
        except CycleError as exc:
            self.cycle = tuple(dict.fromkeys(exc.args[1]))
            fill = []
        items: list[tuple[str, Fill]] = []  # in the order they must be filled in
        self.eval_cost = len(layout.slots)  # copying the state, then each filled-in fact
        for fact in fill:
            i = layout.index[fact]
            if i < layout.questions:
                relevant = topic.questions[i].relevant
                if relevant is None:
                    continue
                cond = compiler.relevance[i] = self.relevance[fact] = \
                    compiler.compile(relevant.root)
                na = layout.slots[i].na
                items.append((fact, (i, na, *cond.test) if cond.test is not None
                              else make.relevance_step(i, na, cond.fn)))
                self.eval_cost += cond.size
            else:
                derived = topic.derived[i - layout.questions]
                conds = compiler.derived[i] = tuple(compiler.compile(c.root)
                                                    for c in derived.conditions)
                items.append((fact, _count_step(i, conds) if derived.kind is DerivedKind.COUNT
                              else make.bool_step(i, conds[0].fn)))
                self.eval_cost += sum(c.size for c in conds)
        self.steps = _grouped(f for _, f in items)
        self.rules = tuple(
            CompiledRule(k, r, compiler.compile(r.when.root) if r.when is not None else None,
                         layout.slots)
            for k, r in enumerate(topic.rules))
        self.considered = tuple((o, compiler.compile(o.when.root) if o.when else None)
                                for o in topic.options_considered)
        self.order = relevance_order(topic) if self.cycle is None else []
        self._described: dict[str, str] = {}
        self._questions = self.questions
        self._derived = {d.id: d for d in topic.derived}
        self.reads = {r.id: self.depends_on(r.when.fact_ids() if r.when else ())
                      for r in topic.rules}
        # the decision in the order it runs: before each rule, the facts it reads that no
        # rule above needed yet are filled in; then its closure (None: always holds)
        plan = []
        done: set[str] = set()
        for r in self.rules:
            needed = [f for fact, f in items if fact in self.reads[r.rule.id] and fact not in done]
            done.update(fact for fact, _ in items if fact in self.reads[r.rule.id])
            plan.append((_grouped(needed), r.fn, r.exact, r))
        self.plan = tuple(plan)

    # -- states ----------------------------------------------------------------------------------
    def evaluate(self, base: State) -> State:
        """The full state for these question slots: relevance and derived facts filled in.
        `base` is not changed."""
        s = base.copy()
        for step in self.steps:
            step(s)
        return s

    def state(self, answers: Iterable[tuple[str, Any]]) -> State:
        """The state for a session's answers (multi-choice answers as tuples or sets)."""
        if self.cycle is not None:
            raise SessionError(f"the facts of topic '{self.topic.id}' depend on each other "
                               "in a circle", hint="run `decision-aid rules lint`")
        s = self.layout.base(answers)
        for step in self.steps:
            step(s)
        return s

    def applies(self, state: State, qid: str) -> bool | None:
        """Whether question `qid` applies in this state (None: not known yet)."""
        relevant = self.relevance.get(qid)
        return True if relevant is None else relevant.fn(state)

    def truth(self, condition: Condition, state: State) -> bool | None:
        """Three-valued truth of any condition of this topic (compiled on first use)."""
        found = self._extra.get(id(condition))
        if found is None:
            found = self._extra[id(condition)] = (condition,
                                                  self._compiler.compile(condition.root))
        return found[1].fn(state)

    def conditions(self) -> Iterator[Cond]:
        """Every compiled condition of the topic: rules, relevance, derived facts, options."""
        yield from (r.cond for r in self.rules if r.cond is not None)
        yield from self.relevance.values()
        for conds in self._compiler.derived.values():
            yield from conds
        yield from (c for _, c in self.considered if c is not None)

    # -- dependencies ----------------------------------------------------------------------------
    def depends_on(self, start: Iterable[str], *, through_relevance: bool = True
                   ) -> frozenset[str]:
        """Every fact these facts depend on: through derived facts and, unless told not to,
        through the relevance conditions of the questions reached."""
        return _walk(self._questions, self._derived, start, through_relevance)

    def described(self, rule: Rule) -> str:
        """A rule's condition in words, for traces (worded when first asked for)."""
        text = self._described.get(rule.id)
        if text is None:
            text = self._described[rule.id] = rule.when.describe() if rule.when else "always"
        return text


def compiled(topic: Topic) -> CompiledTopic:
    """The topic's compiled form, made on first use and kept on the topic."""
    form = topic.compiled
    if form.__class__ is CompiledTopic:
        return form
    made = CompiledTopic(topic)
    object.__setattr__(topic, "compiled", made)
    return made


Fill = Callable[[State], None] | tuple[int, int, int, int, int]
"""How one fact is filled in: a step, or a one-leaf relevance to run with its neighbours."""


def _grouped(fills: Iterable[Fill]) -> tuple[Callable[[State], None], ...]:
    """Steps for these fills in order, consecutive one-leaf relevances in one loop."""
    steps: list[Callable[[State], None]] = []
    run: list[tuple[int, int, int, int, int]] = []
    for fill in fills:
        if isinstance(fill, tuple):
            run.append(fill)
            continue
        if run:
            steps.append(make.relevance_tests_step(tuple(run)))
            run = []
        steps.append(fill)
    if run:
        steps.append(make.relevance_tests_step(tuple(run)))
    return tuple(steps)


def _count_step(i: int, conds: tuple[Cond, ...]) -> Callable[[State], None]:
    has = tuple(c.has for c in conds if c.has is not None)
    if len(has) == len(conds):
        return make.count_has_step(i, has)
    tests = tuple(c.test for c in conds if c.test is not None)
    if len(tests) == len(conds):
        return make.count_tests_step(i, tests)
    return make.count_step(i, tuple(c.fn for c in conds))


# -- order ---------------------------------------------------------------------------------------
def _depends_on(topic: Topic, start: Iterable[str], *, through_relevance: bool = True
                ) -> frozenset[str]:
    return _walk({q.id: q for q in topic.questions}, {d.id: d for d in topic.derived}, start,
                 through_relevance)


def _walk(questions: dict[str, Question], derived: dict[str, Derived], start: Iterable[str],
          through_relevance: bool) -> frozenset[str]:
    seen: set[str] = set()
    stack = list(start)
    while stack:
        fact = stack.pop()
        if fact in seen:
            continue
        seen.add(fact)
        if fact in derived:
            stack.extend(f for c in derived[fact].conditions for f in c.fact_ids())
        elif through_relevance and fact in questions:
            relevant = questions[fact].relevant
            if relevant is not None:
                stack.extend(relevant.fact_ids())
    return frozenset(seen)


def _fill_order(topic: Topic) -> list[str]:
    """Questions with relevance and derived facts, each after the facts it reads."""
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for q in topic.questions:
        sorter.add(q.id, *(q.relevant.fact_ids() if q.relevant else ()))
    for d in topic.derived:
        sorter.add(d.id, *(f for c in d.conditions for f in c.fact_ids()))
    return list(sorter.static_order())


def relevance_order(topic: Topic) -> list[str]:
    """Question ids so that a question comes after those its relevance reads (through
    derived facts), keeping pack order where relevance allows.

    Raises graphlib.CycleError when relevance conditions depend on each other in a circle.
    """
    questions = {q.id for q in topic.questions}
    deps = {q.id: {f for f in _depends_on(topic, q.relevant.fact_ids(), through_relevance=False)
                   if f in questions} if q.relevant else set() for q in topic.questions}
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for qid, needs in deps.items():
        sorter.add(qid, *needs)
    order = list(sorter.static_order())
    position = {q.id: i for i, q in enumerate(topic.questions)}
    depth: dict[str, int] = {}
    for qid in order:
        depth[qid] = 1 + max((depth[d] for d in deps[qid]), default=-1)
    return sorted(order, key=lambda q: (depth[q], position[q]))


__all__ = ["CompiledRule", "CompiledTopic", "CycleError", "compiled", "relevance_order"]
