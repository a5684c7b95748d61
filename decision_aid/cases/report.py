"""Case results as text, JSON or JUnit XML (for CI dashboards).

Every report counts the same things: a case that ran and passed, one that ran and failed,
and a file or case that could not be used (`Broken`), which is a failure too. JUnit XML
is the Jenkins/Ant flavour (the `junit-10` schema; tests/cases/junit.xsd checks it): a
`<testsuites>` root, one `<testsuite>` per face, one `<testcase>` per case holding at most
one `<failure>` (the case ran and differed) or `<error>` (it could not be read or run).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

from decision_aid.cases.load import Broken
from decision_aid.cases.runner import CaseOutcome

SHOW_UNCOVERED = 5
"""Uncovered rules named in a text report; JSON lists all, `cases coverage` places them."""


@dataclass(frozen=True, slots=True)
class Report:
    outcomes: Sequence[CaseOutcome]
    broken: Sequence[Broken] = ()
    uncovered: Sequence[tuple[str, str]] = ()
    """(topic, rule) pairs no passing case ends on, among the topics the cases use."""

    @property
    def passed(self) -> int:
        return sum(o.passed for o in self.outcomes)

    @property
    def failed(self) -> int:
        return sum(not o.passed for o in self.outcomes) + len(self.broken)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.passed > 0


def _faces(report: Report) -> bool:
    return len({o.face for o in report.outcomes}) > 1 or any(
        o.face != "core" for o in report.outcomes)


def as_text(report: Report, *, trace: bool = True) -> str:
    lines = []
    faces = _faces(report)
    for o in report.outcomes:
        mark = "PASS" if o.passed else "FAIL"
        where = f" [{o.face}]" if faces else ""
        lines.append(f"{mark} {o.case.id}{where} — {o.case.title}")
        if not o.passed:
            lines.extend(f"     {failure}" for failure in o.failures)
            if o.result and trace:
                for entry in o.result.trace:
                    state = "fired" if entry.fired else "did not hold"
                    lines.append(f"     trace: {entry.rule} ({state}): {entry.condition}")
    for b in report.broken:
        lines.append(f"ERROR {b.name} — could not be used")
        lines.extend(p.format() for p in b.problems)  # path:line:col first, for editors
    if report.uncovered:
        named = [f"{t}/{r}" for t, r in report.uncovered]
        more = len(named) - SHOW_UNCOVERED
        lines.append("rules no passing case ends on: " + ", ".join(named[:SHOW_UNCOVERED]) +
                     (f" and {more} more (`decision-aid cases coverage` lists them)"
                      if more > 0 else ""))
    summary = f"{report.passed} passed, {report.failed} failed"
    if report.broken:
        summary += f" ({len(report.broken)} could not be read or checked)"
    lines.append(summary)
    return "\n".join(lines)


def _expected(o: CaseOutcome) -> dict[str, Any]:
    return {"verdict": o.case.verdict, "rules": list(o.case.rules),
            "asked": list(o.case.asked) if o.case.asked is not None else None,
            "not_offered": list(o.case.not_offered)}


def as_json(report: Report) -> str:
    data = {
        "cases": [
            {"id": o.case.id, "title": o.case.title, "topic": o.case.topic, "face": o.face,
             "passed": o.passed, "seconds": round(o.seconds, 4), "expected": _expected(o),
             "actual": {"verdict": o.actual_verdict, "rule": o.shown.rule if o.shown else None,
                        "asked": list(o.shown.asked) if o.shown else None},
             "failures": list(o.failures)}
            for o in report.outcomes
        ],
        "broken": [{"name": b.name, "file": b.file, "problems": [p.to_dict() for p in b.problems]}
                   for b in report.broken],
        "passed": report.passed,
        "failed": report.failed,
        "uncovered_rules": [f"{t}/{r}" for t, r in report.uncovered],
    }
    return json.dumps(data, indent=2)


def as_junit(report: Report) -> str:
    root = ET.Element("testsuites", name="decision-aid cases",
                      tests=str(len(report.outcomes) + len(report.broken)),
                      failures=str(sum(not o.passed for o in report.outcomes)),
                      errors=str(len(report.broken)))
    faces = dict.fromkeys(o.face for o in report.outcomes) or {"core": None}
    for n, face in enumerate(faces):
        outcomes = [o for o in report.outcomes if o.face == face]
        broken = report.broken if n == 0 else ()
        suite = ET.SubElement(
            root, "testsuite", name=f"decision-aid cases ({face})",
            tests=str(len(outcomes) + len(broken)),
            failures=str(sum(not o.passed for o in outcomes)), errors=str(len(broken)),
            skipped="0", time=f"{sum(o.seconds for o in outcomes):.3f}")
        for o in outcomes:
            case = ET.SubElement(suite, "testcase", classname=f"{face}.{o.case.topic}",
                                 name=o.case.id, time=f"{o.seconds:.3f}")
            if not o.passed:
                failure = ET.SubElement(case, "failure", message="; ".join(o.failures),
                                        type="mismatch")
                failure.text = "\n".join(o.failures)
        for b in broken:
            case = ET.SubElement(suite, "testcase", classname="unreadable", name=b.name,
                                 time="0")
            error = ET.SubElement(case, "error", message=b.problems[0].format(),
                                  type=b.problems[0].code)
            error.text = "\n".join(p.format() for p in b.problems)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
