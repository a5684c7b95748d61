"""What is known during one evaluation: answers, relevance and derived facts.

A fact is a value, NA (its question does not apply) or UNKNOWN (not answered yet, or
depending on something not answered). Values are memoised for the evaluation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar

from decision_aid.core._model import DerivedKind, Topic

if TYPE_CHECKING:
    from decision_aid.core._conditions import Node


class _Sentinel:
    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name


UNKNOWN: Final = _Sentinel("UNKNOWN")
NA: Final = _Sentinel("NA")
_MISSING: Final = _Sentinel("MISSING")


class Facts:
    """Three-valued view of one topic's facts, given the answers so far."""

    __slots__ = ("_answers", "_cache", "_topic_index")

    def __init__(self, index: TopicIndex, answers: Mapping[str, Any]) -> None:
        self._topic_index = index
        self._answers = answers
        self._cache: dict[str, Any] = {}

    def value(self, fact: str) -> Any:
        value = self._cache.get(fact, _MISSING)
        if value is not _MISSING:
            return value
        value = self._compute(fact)
        self._cache[fact] = value
        return value

    def count(self, fact: str) -> tuple[int, int]:
        value = self.value(fact)
        return value if isinstance(value, tuple) else (0, 0)

    def is_open(self, qid: str) -> bool:
        """True when question `qid` is unanswered and may still need an answer."""
        return qid not in self._answers and self.value(qid) is UNKNOWN

    def relevance(self, qid: str) -> bool | None:
        question = self._topic_index.questions.get(qid)
        if question is None or question.relevant is None:
            return True
        return question.relevant(self)

    def _compute(self, fact: str) -> Any:
        index = self._topic_index
        if fact in index.questions:
            question = index.questions[fact]
            if question.relevant is not None:
                applies = question.relevant.root.fn(self)
                if applies is False:
                    return NA
                if applies is None:
                    return UNKNOWN  # an answer counts only once its question applies
            return self._answers.get(fact, UNKNOWN)
        derived = index.derived[fact]
        if derived.kind is DerivedKind.COUNT:
            yes = maybe = 0
            for cond in derived.conditions:
                v = cond.root.fn(self)
                if v is True:
                    yes += 1
                elif v is None:
                    maybe += 1
            return (yes, yes + maybe)
        truth = derived.conditions[0].root.fn(self)
        return UNKNOWN if truth is None else ("yes" if truth else "no")


class TopicIndex:
    """Dictionaries over a topic for fast look-up, built once per topic."""

    __slots__ = ("derived", "described", "order", "questions", "reads", "rule_fns", "topic")

    def __init__(self, topic: Topic) -> None:
        self.topic = topic
        self.rule_fns = tuple((rule, None if rule.when is None else rule.when.root.fn)
                              for rule in topic.rules)
        self.described = {r.id: r.when.describe() if r.when else "always" for r in topic.rules}
        self.questions = {q.id: q for q in topic.questions}
        self.derived = {d.id: d for d in topic.derived}
        self.order = {q.id: i for i, q in enumerate(topic.questions)}
        self.reads = {r.id: self.depends_on(r.when.fact_ids() if r.when else ())
                      for r in topic.rules}

    def depends_on(self, start: tuple[str, ...], *, through_relevance: bool = True
                   ) -> frozenset[str]:
        """Every fact these facts depend on: through derived facts and, unless told not to,
        through the relevance conditions of the questions reached."""
        seen: set[str] = set()
        stack = list(start)
        while stack:
            fact = stack.pop()
            if fact in seen:
                continue
            seen.add(fact)
            if fact in self.derived:
                stack.extend(f for c in self.derived[fact].conditions for f in c.fact_ids())
            elif through_relevance and fact in self.questions \
                    and self.questions[fact].relevant is not None:
                relevant = self.questions[fact].relevant
                assert relevant is not None
                stack.extend(relevant.fact_ids())
        return frozenset(seen)


def open_questions(node: Node, facts: Facts, index: TopicIndex, *,
                   askable_only: bool) -> Iterator[str]:
    """Unanswered questions under the unknown parts of `node`.

    With `askable_only`, a question whose relevance is still unknown yields the questions
    its relevance reads instead (they must be asked first).
    """
    if node.fn(facts) is not None:
        return
    if node.kind != "leaf":
        for child in node.children:
            yield from open_questions(child, facts, index, askable_only=askable_only)
        return
    assert node.fact is not None
    yield from _open_fact(node.fact, facts, index, askable_only=askable_only)


def _open_fact(fact: str, facts: Facts, index: TopicIndex, *, askable_only: bool
               ) -> Iterator[str]:
    question = index.questions.get(fact)
    if question is None:
        for cond in index.derived[fact].conditions:
            yield from open_questions(cond.root, facts, index, askable_only=askable_only)
        return
    relevance = facts.relevance(fact)
    if relevance is None and question.relevant is not None:
        yield from open_questions(question.relevant.root, facts, index, askable_only=askable_only)
        if askable_only:
            return
    if facts.is_open(fact):
        yield fact


T = TypeVar("T")


class PerTopic(Generic[T]):
    """A value built once per topic object and shared (topics are immutable).

    Keyed by identity, so a reloaded knowledge base gets fresh values; bounded so that
    reloads do not grow it without end.
    """

    def __init__(self, build: Callable[[Topic], T], limit: int = 256) -> None:
        self._build = build
        self._limit = limit
        self._values: dict[int, tuple[Topic, T]] = {}

    def __call__(self, topic: Topic) -> T:
        found = self._values.get(id(topic))
        if found is not None and found[0] is topic:
            return found[1]
        if len(self._values) >= self._limit:
            self._values.clear()
        value = self._build(topic)
        self._values[id(topic)] = (topic, value)
        return value


index_of: PerTopic[TopicIndex] = PerTopic(TopicIndex)
