"""The trainer case format: a scenario, its answers and what the guidance should conclude.

A case is just a session written by hand plus expectations; see docs/pack-format.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from decision_aid.core import Problem, Span, display_path, read_yaml, yaml_files


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    title: str
    topic: str
    answers: tuple[tuple[str, Any], ...]
    verdict: str
    rules: tuple[str, ...] = ()
    asked: tuple[str, ...] | None = None
    narrative: str = ""
    teaching_points: tuple[str, ...] = ()
    span: Span = field(default_factory=lambda: Span(""))


def case_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The case files in these files or folders (folders are read recursively)."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        files, more = yaml_files(path, recursive=True)
        found.extend(files)
        problems.extend(more)
    return found, problems


def load_cases(paths: Iterable[Path]) -> tuple[list[Case], list[Problem]]:
    """Every case in these files or directories, and the problems of those that are broken."""
    from decision_aid.core import check_schema

    cases: list[Case] = []
    files, problems = case_files(paths)
    seen: dict[str, Span] = {}
    for path in files:
        doc, found = read_yaml(path, name=display_path(path))
        if found:
            problems.extend(found)
            continue
        shape = "cases_list" if isinstance(doc.data, dict) and "cases" in doc.data else "case"
        found = check_schema(doc, shape)
        if found:
            problems.extend(found)
            continue
        items = doc.data.get("cases", [doc.data])
        base = ("cases",) if "cases" in doc.data else ()
        for i, item in enumerate(items):
            where = (*base, i) if base else ()
            case = _case(item, doc.span(where))
            if case.id in seen:
                problems.append(Problem(case.span, "duplicate-case",
                                        f"case '{case.id}' is already defined at {seen[case.id]}",
                                        "give it a different id"))
                continue
            seen[case.id] = case.span
            cases.append(case)
    return cases, problems


def _case(item: dict[str, Any], span: Span) -> Case:
    expect = item["expect"]
    asked = expect.get("asked")
    return Case(
        id=item["id"], title=item["title"], topic=item["topic"],
        answers=tuple((str(k), tuple(v) if isinstance(v, list) else v)
                      for k, v in item["answers"].items()),
        verdict=expect["verdict"], rules=tuple(expect.get("rules", ())),
        asked=tuple(asked) if asked is not None else None,
        narrative=item.get("narrative", ""),
        teaching_points=tuple(item.get("teaching_points", ())), span=span,
    )
