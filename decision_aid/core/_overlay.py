"""Overlay merging: an `extends:` file adds questions, derived facts and rules to a topic,
overrides fields of its rules by id, switches rules off, and adds local policy.

Overrides merge at the YAML level: the base rule's own mapping, as its pack wrote it, with
the override's fields on top, built again like any rule. So every rule field an author can
write (now or in a later format) can be overridden, and nothing is lost by turning a built
rule back into YAML. A condition (`when`) not overridden keeps the base rule's compiled one,
whose positions point into the base pack.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from decision_aid.core._build import TopicBuilder, facts_of, order_rules, unknown_id
from decision_aid.core._conditions import ConditionBuilder
from decision_aid.core._model import Rule, Topic
from decision_aid.core._problems import Problem, Severity
from decision_aid.core._yamlsafe import Document

RuleYaml = Mapping[str, Mapping[str, Any]]
"""Each rule's mapping as written, by rule id."""


def rule_yaml(raw: Any) -> dict[str, Mapping[str, Any]]:
    """The `rules:` list of a pack or extension as {rule id: its mapping}."""
    items = raw if isinstance(raw, list) else []
    return {item["id"]: item for item in items
            if isinstance(item, dict) and isinstance(item.get("id"), str)}


def extend(base: Topic, written: RuleYaml, doc: Document, layer: str
           ) -> tuple[Topic, dict[str, Mapping[str, Any]], list[Problem]]:
    """`base` with the extension `doc` applied: the new topic, its rules' mappings (for a
    later extension to override), and the problems found."""
    data = doc.data
    problems: list[Problem] = []
    builder = TopicBuilder(doc, layer, facts_of(base),
                           [q.id for q in base.questions] + [d.id for d in base.derived])
    builder.declare(_as_list(data.get("questions")), _as_list(data.get("derived")))
    questions = builder.questions(_as_list(data.get("questions")))
    derived = builder.derived(_as_list(data.get("derived")))
    rules: dict[str, Rule] = {r.id: r for r in base.rules}
    yaml_of = dict(written)
    added = builder.rules(_as_list(data.get("rules")), seen=set(rules))
    rules.update({r.id: r for r in added})
    yaml_of.update({rid: item for rid, item in rule_yaml(data.get("rules")).items()
                    if rid in rules})
    problems += _override(doc, builder, rules, yaml_of)
    for i, rid in enumerate(_as_list(data.get("disable"))):
        if rid not in rules:
            message, hint = unknown_id("rule", str(rid), rules)
            problems.append(Problem(doc.span(("disable", i)), "unknown-rule", message, hint))
        else:
            del rules[rid]
    problems += builder.problems
    policy = base.policy + ((data["policy"],) if isinstance(data.get("policy"), str) else ())
    version = f"{base.version}+{layer}.{data.get('version', 'local')}"
    topic = dataclasses.replace(
        base, questions=base.questions + tuple(questions),
        derived=base.derived + tuple(derived), rules=order_rules(rules.values()),
        policy=policy, version=_safe_version(version))
    return topic, yaml_of, problems


def _override(doc: Document, builder: TopicBuilder, rules: dict[str, Rule],
              yaml_of: dict[str, Mapping[str, Any]]) -> list[Problem]:
    problems: list[Problem] = []
    conditions = ConditionBuilder(doc, builder.facts)
    for i, item in enumerate(_as_list(doc.data.get("override"))):
        if not isinstance(item, dict):
            continue
        rid = item.get("id", "")
        if rid not in rules:
            message, hint = unknown_id("rule", str(rid), rules)
            problems.append(Problem(doc.span(("override", i, "id")), "unknown-rule",
                                    message, hint))
            continue
        written = {**yaml_of.get(rid, {}), **item}
        merged = {k: v for k, v in written.items() if k != "when" or "when" in item}
        rule = builder.rule(merged, ("override", i), conditions)
        if rule is not None:
            if "when" not in item:
                rule = dataclasses.replace(rule, when=rules[rid].when)
            problems += _kept_words(doc, i, item, rules[rid], rule)
            rules[rid] = rule
            yaml_of[rid] = written
    problems += conditions.problems
    return problems


WORDS = ("headline", "reasons", "actions")
"""What a rule says about its verdict: an override that changes the verdict should say it
again in its own words."""


def _kept_words(doc: Document, i: int, item: Mapping[str, Any], base: Rule, rule: Rule
                ) -> list[Problem]:
    """A warning when an override changes the verdict but keeps the base rule's words,
    which were written for the old verdict ("Don't accept" under ACCEPTABLE)."""
    kept = [key for key in WORDS if key not in item]
    if rule.verdict is base.verdict or not kept:
        return []
    listed = kept[0] if len(kept) == 1 else ", ".join(kept[:-1]) + " and " + kept[-1]
    return [Problem(doc.span(("override", i, "verdict")), "override-keeps-words",
                    f"the override makes '{rule.id}' {rule.verdict.value} (it was "
                    f"{base.verdict.value}) but keeps its {listed}",
                    f"write the {listed} for the new verdict in the override too",
                    Severity.WARNING)]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _safe_version(version: str) -> str:
    return "".join(c if c.isalnum() or c in ".+-_" else "-" for c in version)
