"""Turn validated YAML documents into model values, collecting problems as it goes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from decision_aid.core._conditions import Condition, ConditionBuilder, FactInfo, Node
from decision_aid.core._model import (
    ConsideredOption,
    Derived,
    DerivedKind,
    Evidence,
    Gap,
    Option,
    Question,
    QuestionKind,
    Rule,
    Scope,
    Topic,
    Verdict,
)
from decision_aid.core._problems import Problem, did_you_mean
from decision_aid.core._yamlsafe import Document, Path_

YES_NO = (Option("yes", "Yes"), Option("no", "No"))
UNBUILT = Condition(Node("unbuilt"))
"""Stands in for a rule's condition that had errors, so the rule is kept and the look-up
checks (sources, replies, contacts...) report its other problems in the same run rather
than after the condition is fixed. A knowledge base with errors is never compiled or
served, so nothing evaluates it."""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(v for v in _list(value) if isinstance(v, str))


class TopicBuilder:
    """Builds questions, derived facts and rules of one topic from one document."""

    def __init__(self, doc: Document, layer: str, known: Mapping[str, FactInfo] | None = None,
                 taken_ids: Iterable[str] = ()) -> None:
        self.doc = doc
        self.layer = layer
        self.problems: list[Problem] = []
        self.facts: dict[str, FactInfo] = dict(known or {})
        self._taken = set(taken_ids)

    def _problem(self, where: Path_, code: str, message: str, hint: str | None = None,
                 key: bool = False) -> None:
        span = self.doc.key_span(where) if key else self.doc.span(where)
        self.problems.append(Problem(span, code, message, hint))

    def _unique(self, kind: str, ident: str, where: Path_, seen: set[str]) -> bool:
        if ident in seen:
            self._problem(where, "duplicate-id", f"{kind} id '{ident}' is already used",
                          "give it a different id")
            return False
        seen.add(ident)
        return True

    # -- questions and derived facts -----------------------------------------------
    def declare(self, questions: list[Any], derived: list[Any], base: Path_ = ()) -> None:
        """Record fact ids and kinds first, so conditions may refer to any of them."""
        for i, raw in enumerate(questions):
            q = _dict(raw)
            qid = _str(q.get("id"))
            kind = _str(q.get("kind"))
            if not qid or kind not in ("single", "multi", "yes_no"):
                continue
            where = (*base, "questions", i, "id")
            if not self._unique("question", qid, where, self._taken):
                continue
            opts = ("yes", "no") if kind == "yes_no" else tuple(
                _str(_dict(o).get("id")) for o in _list(q.get("options")))
            self.facts[qid] = FactInfo(kind, opts)
        for i, raw in enumerate(derived):
            d = _dict(raw)
            did = _str(d.get("id"))
            if not did:
                continue
            if not self._unique("fact", did, (*base, "derived", i, "id"), self._taken):
                continue
            self.facts[did] = FactInfo("count" if "count" in d else "bool")

    def questions(self, raw: list[Any], base: Path_ = ()) -> list[Question]:
        conditions = ConditionBuilder(self.doc, self.facts)
        out: list[Question] = []
        for i, item in enumerate(raw):
            q = _dict(item)
            where = (*base, "questions", i)
            qid, kind = _str(q.get("id")), _str(q.get("kind"))
            if not qid or kind not in ("single", "multi", "yes_no"):
                continue
            options = self._options(q, kind, where)
            relevant = None
            if "relevant" in q:
                relevant = conditions.build(q["relevant"], (*where, "relevant"))
            out.append(Question(qid, _str(q.get("prompt")), _str(q.get("why")),
                                QuestionKind(kind), options, relevant,
                                self.doc.span(where), self.layer))
        self.problems.extend(conditions.problems)
        return out

    def _options(self, q: dict[str, Any], kind: str, where: Path_) -> tuple[Option, ...]:
        if kind == "yes_no":
            if "options" in q:
                self._problem((*where, "options"), "options-on-yes-no",
                              "a yes_no question has the options yes and no already",
                              "remove 'options' or use kind: single", key=True)
            return YES_NO
        raw = _list(q.get("options"))
        if not raw:
            self._problem(where, "missing-options", f"a {kind} question needs options",
                          "add options: [{id: ..., label: ...}, ...]")
        seen: set[str] = set()
        options: list[Option] = []
        for j, item in enumerate(raw):
            o = _dict(item)
            oid = _str(o.get("id"))
            if not oid or not self._unique("option", oid, (*where, "options", j, "id"), seen):
                continue
            exclusive = o.get("exclusive") is True
            if exclusive and kind != "multi":
                self._problem((*where, "options", j, "exclusive"), "exclusive-option",
                              "only an option of a multi-choice question can be exclusive",
                              "remove 'exclusive' or use kind: multi", key=True)
            options.append(Option(oid, _str(o.get("label")), _strs(o.get("phrases")),
                                  self.doc.span((*where, "options", j)), exclusive))
        return tuple(options)

    def derived(self, raw: list[Any], base: Path_ = ()) -> list[Derived]:
        conditions = ConditionBuilder(self.doc, self.facts)
        out: list[Derived] = []
        for i, item in enumerate(raw):
            d = _dict(item)
            where = (*base, "derived", i)
            did = _str(d.get("id"))
            if not did or ("count" in d) == ("when" in d):
                continue
            built: list[Condition | None]
            if "count" in d:
                built = [conditions.build(c, (*where, "count", j))
                         for j, c in enumerate(_list(d["count"]))]
                kind = DerivedKind.COUNT
            else:
                built = [conditions.build(d["when"], (*where, "when"))]
                kind = DerivedKind.BOOL
            if all(c is not None for c in built) and built:
                out.append(Derived(did, kind, tuple(c for c in built if c is not None),
                                   self.doc.span(where)))
        self.problems.extend(conditions.problems)
        return out

    # -- rules ---------------------------------------------------------------------
    def rules(self, raw: list[Any], base: Path_ = (), seen: set[str] | None = None
              ) -> list[Rule]:
        conditions = ConditionBuilder(self.doc, self.facts)
        seen = set() if seen is None else seen
        out: list[Rule] = []
        for i, item in enumerate(raw):
            r = _dict(item)
            where = (*base, "rules", i)
            rid = _str(r.get("id"))
            if not rid or not self._unique("rule", rid, (*where, "id"), seen):
                continue
            rule = self.rule(r, where, conditions)
            if rule is not None:
                out.append(rule)
        self.problems.extend(conditions.problems)
        return out

    def rule(self, r: dict[str, Any], where: Path_, conditions: ConditionBuilder
             ) -> Rule | None:
        when = None
        if "when" in r:
            when = conditions.build(r["when"], (*where, "when")) or UNBUILT
        try:
            verdict = Verdict(str(r.get("verdict")))
        except ValueError:
            return None
        priority = r.get("priority")
        ev = _dict(r.get("evidence"))
        return Rule(
            id=_str(r.get("id")),
            priority=priority if isinstance(priority, int) else 0,
            when=when,
            verdict=verdict,
            headline=_str(r.get("headline")),
            reasons=_strs(r.get("reasons")),
            actions=_strs(r.get("actions")),
            sources=_strs(r.get("sources")),
            evidence=Evidence(_str(ev.get("strength")), _str(ev.get("certainty")),
                              _str(ev.get("scale")), _str(ev.get("basis"))),
            limits=_str(r.get("limits")),
            reply=r.get("reply") if isinstance(r.get("reply"), str) else None,
            disagreement=r.get("disagreement") if isinstance(r.get("disagreement"), str)
            else None,
            figures=_strs(r.get("figures")),
            contact=r.get("contact") if isinstance(r.get("contact"), str) else None,
            span=self.doc.span(where),
            layer=self.layer,
            scope=Scope(r["scope"]) if r.get("scope") in ("covered", "not-covered")
            else Scope.COVERED,
            gap=Gap(r["gap"]) if r.get("gap") in ("silent", "split", "inference") else None,
        )

    def considered(self, raw: list[Any], base: Path_ = ()) -> tuple[ConsideredOption, ...]:
        """The topic's options considered; `when` is built like any other condition."""
        conditions = ConditionBuilder(self.doc, self.facts)
        out: list[ConsideredOption] = []
        for i, item in enumerate(raw):
            o = _dict(item)
            when = None
            if "when" in o:
                when = conditions.build(o["when"], (*base, i, "when"))
                if when is None:
                    continue
            out.append(ConsideredOption(_str(o.get("id")), _str(o.get("label")),
                                        _strs(o.get("benefits")), _strs(o.get("harms")), when))
        self.problems.extend(conditions.problems)
        return tuple(out)


def order_rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """Highest priority first; written order breaks ties (sort is stable)."""
    return tuple(sorted(rules, key=lambda r: -r.priority))


def build_topic(doc: Document, layer: str) -> tuple[Topic | None, list[Problem]]:
    """A topic from a validated topic file (schema problems are reported elsewhere)."""
    data = _dict(doc.data)
    meta = _dict(data.get("topic"))
    builder = TopicBuilder(doc, layer)
    builder.declare(_list(data.get("questions")), _list(data.get("derived")))
    questions = builder.questions(_list(data.get("questions")))
    derived = builder.derived(_list(data.get("derived")))
    rules = builder.rules(_list(data.get("rules")))
    considered = builder.considered(_list(meta.get("options_considered")),
                                    ("topic", "options_considered"))
    topic_id = _str(meta.get("id"))
    if not topic_id:
        return None, builder.problems
    topic = Topic(
        id=topic_id, title=_str(meta.get("title")), summary=_str(meta.get("summary")),
        decision=_str(meta.get("decision")), version=_str(meta.get("version"), "0"),
        reviewed=_str(meta.get("reviewed")),
        review_due=meta.get("review_due") if isinstance(meta.get("review_due"), str) else None,
        triggers=_strs(meta.get("triggers")), questions=tuple(questions),
        derived=tuple(derived), rules=order_rules(rules), options_considered=considered,
        span=doc.span(("topic",)), layer=layer,
    )
    return topic, builder.problems


def facts_of(topic: Topic) -> dict[str, FactInfo]:
    """The fact table of a built topic, for building extensions against it."""
    facts = {q.id: FactInfo(q.kind.value, q.option_ids) for q in topic.questions}
    facts.update({d.id: FactInfo(d.kind.value) for d in topic.derived})
    return facts


def unknown_id(kind: str, ident: str, known: Iterable[str]) -> tuple[str, str]:
    """Message and hint for a reference to an id that does not exist."""
    return f"{kind} '{ident}' does not exist", did_you_mean(ident, list(known)) or \
        f"check the {kind} ids"
