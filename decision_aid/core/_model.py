"""The knowledge base as immutable values: topics, questions, rules, sources.

Everything here is built once by the loader and shared read-only by every session,
face and thread.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from decision_aid.core._conditions import Condition
from decision_aid.core._problems import Span
from decision_aid.core._vocabulary import Vocabulary
from decision_aid.core._wording import Wording

Answer = str | tuple[str, ...]
"""One answer: an option id, or for a multi-choice question the chosen ids in option order."""


class Verdict(enum.StrEnum):
    """The one shared scale, from most to least restrictive."""

    AVOID = "avoid"
    CAUTION = "caution"
    ACCEPTABLE = "acceptable"


class QuestionKind(enum.StrEnum):
    SINGLE = "single"
    MULTI = "multi"
    YES_NO = "yes_no"


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    label: str
    phrases: tuple[str, ...] = ()
    span: Span = Span("")
    exclusive: bool = False
    """In a multi-choice question, an option that cannot be combined with any other
    ("none of these", "unsure")."""


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    prompt: str
    why: str
    kind: QuestionKind
    options: tuple[Option, ...]
    relevant: Condition | None = None
    span: Span = Span("")
    layer: str = "built-in"

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def clash(self, chosen: Collection[str]) -> tuple[str, str] | None:
        """An exclusive option chosen together with another one, as (exclusive, other)."""
        if len(chosen) < 2:
            return None
        alone = next((o.id for o in self.options if o.exclusive and o.id in chosen), None)
        if alone is None:
            return None
        return alone, next(c for c in chosen if c != alone)


class DerivedKind(enum.StrEnum):
    COUNT = "count"
    BOOL = "bool"


@dataclass(frozen=True, slots=True)
class Derived:
    """A fact computed from answers: a count of conditions that hold, or one condition."""

    id: str
    kind: DerivedKind
    conditions: tuple[Condition, ...]
    span: Span = Span("")


class Scope(enum.StrEnum):
    """Whether a rule is a finding of the guidance or says the guidance does not cover it."""

    COVERED = "covered"
    NOT_COVERED = "not-covered"


class Gap(enum.StrEnum):
    """How firm a rule is where it is not a plain reading of the sources."""

    SILENT = "silent"  # the sources do not address this exact situation
    SPLIT = "split"  # the sources disagree
    INFERENCE = "inference"  # the pack's own reading of general principles


@dataclass(frozen=True, slots=True)
class Evidence:
    """How strong the backing is, on a named scale (GRADE with good-practice statements)."""

    strength: str
    certainty: str
    scale: str
    basis: str


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    priority: int
    when: Condition | None
    verdict: Verdict
    headline: str
    reasons: tuple[str, ...]
    actions: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: Evidence
    limits: str
    reply: str | None = None
    disagreement: str | None = None
    figures: tuple[str, ...] = ()
    contact: str | None = None
    span: Span = Span("")
    layer: str = "built-in"
    scope: Scope = Scope.COVERED
    gap: Gap | None = None


@dataclass(frozen=True, slots=True)
class ConsideredOption:
    """One thing the user could do, with its benefits and harms in equal detail (IPDAS).

    `when` limits it to the answers where it is really on the table.
    """

    id: str
    label: str
    benefits: tuple[str, ...]
    harms: tuple[str, ...]
    when: Condition | None = None


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    title: str
    summary: str
    decision: str
    version: str
    reviewed: str
    review_due: str | None
    triggers: tuple[str, ...]
    questions: tuple[Question, ...]
    derived: tuple[Derived, ...]
    rules: tuple[Rule, ...]
    options_considered: tuple[ConsideredOption, ...] = ()
    policy: tuple[str, ...] = ()
    span: Span = Span("")
    layer: str = "built-in"
    compiled: object = field(default=None, init=False, repr=False, compare=False)
    """The engine's form of this topic (core/_compiled.py): made once, when the knowledge
    base is loaded or on first use, and never copied by `dataclasses.replace`."""

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    def rule(self, rid: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rid), None)


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    citation: str
    year: int
    kind: str
    jurisdiction: str
    url: str
    checked: str
    span: Span = Span("")


@dataclass(frozen=True, slots=True)
class Reply:
    id: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A peer figure from a study, always shown with its limits."""

    id: str
    source: str
    text: str
    limits: str
    span: Span = Span("")


@dataclass(frozen=True, slots=True)
class Contact:
    id: str
    role: str
    how: str
    placeholder: bool = False
    """True until an institution overlay sets the real person and route."""


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """All topics and content, validated; safe to share between threads."""

    topics: Mapping[str, Topic]
    sources: Mapping[str, Source]
    replies: Mapping[str, Reply] = field(default_factory=dict)
    figures: Mapping[str, Figure] = field(default_factory=dict)
    contacts: Mapping[str, Contact] = field(default_factory=dict)
    layers: tuple[str, ...] = ("built-in",)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    """How staff write, for routing free text (content `vocabulary:`)."""
    wording: Wording = field(default_factory=Wording.base)

    def topic(self, topic_id: str) -> Topic | None:
        return self.topics.get(topic_id)

    def jurisdictions(self) -> tuple[str, ...]:
        """The jurisdictions the sources name, for checking `--jurisdiction` against."""
        return tuple(sorted({s.jurisdiction for s in self.sources.values()}, key=str.casefold))
