"""Case results as text, JSON or JUnit XML (for CI dashboards)."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from decision_aid.cases.runner import CaseOutcome


def as_text(outcomes: list[CaseOutcome], uncovered: list[tuple[str, str]]) -> str:
    lines = []
    for o in outcomes:
        mark = "PASS" if o.passed else "FAIL"
        lines.append(f"{mark} {o.case.id} — {o.case.title}")
        if not o.passed:
            lines.extend(f"     {failure}" for failure in o.failures)
            if o.result:
                for entry in o.result.trace:
                    state = "fired" if entry.fired else "did not hold"
                    lines.append(f"     trace: {entry.rule} ({state}): {entry.condition}")
    passed = sum(o.passed for o in outcomes)
    lines.append(f"{passed} passed, {len(outcomes) - passed} failed")
    if uncovered:
        lines.append("rules no passing case ends on: " +
                     ", ".join(f"{t}/{r}" for t, r in uncovered))
    return "\n".join(lines)


def as_json(outcomes: list[CaseOutcome], uncovered: list[tuple[str, str]]) -> str:
    data = {
        "cases": [
            {"id": o.case.id, "title": o.case.title, "topic": o.case.topic, "passed": o.passed,
             "expected": {"verdict": o.case.verdict, "rules": list(o.case.rules)},
             "actual": {"verdict": o.actual_verdict, "rule": o.result.rule if o.result else None,
                        "asked": [a.id for a in o.result.asked] if o.result else None},
             "failures": list(o.failures)}
            for o in outcomes
        ],
        "passed": sum(o.passed for o in outcomes),
        "failed": sum(not o.passed for o in outcomes),
        "uncovered_rules": [f"{t}/{r}" for t, r in uncovered],
    }
    return json.dumps(data, indent=2)


def as_junit(outcomes: list[CaseOutcome]) -> str:
    suite = ET.Element("testsuite", name="decision-aid cases", tests=str(len(outcomes)),
                       failures=str(sum(not o.passed for o in outcomes)))
    for o in outcomes:
        case = ET.SubElement(suite, "testcase", classname=o.case.topic, name=o.case.id)
        if not o.passed:
            failure = ET.SubElement(case, "failure", message="; ".join(o.failures))
            failure.text = "\n".join(o.failures)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True)
