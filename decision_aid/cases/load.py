"""Reading case files into a suite: every case that loads, and every one that does not.

Files are listed and read through the core (`yaml_files`, `read_yaml`: no FIFOs, link
loops reported, size limits), never by code of our own. A file or case that cannot be
used is not dropped: it becomes a `Broken` entry, which every report counts as a failing
test, so a suite of unreadable files never looks green.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from decision_aid.cases.check import check_case
from decision_aid.cases.model import Case, case_from_data
from decision_aid.core import (
    KnowledgeBase,
    Problem,
    Span,
    check_schema,
    display_path,
    document_kind,
    read_yaml,
    real_path,
    yaml_files,
)


@dataclass(frozen=True, slots=True)
class Broken:
    """A file, or one case in it, that cannot run, and why (its error problems)."""

    name: str
    """The case id when it is known, else the file's display path."""
    file: str
    problems: tuple[Problem, ...]


@dataclass(slots=True)
class Suite:
    cases: list[Case] = field(default_factory=list)
    broken: list[Broken] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for b in self.broken for p in b.problems] + self.warnings


def case_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The case files in these files or folders (folders read recursively), each once
    however often it is named (the same folder given twice is one folder)."""
    found: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for path in paths:
        files, more = yaml_files(path, recursive=True)
        for file in files:
            key = real_path(file)
            if key not in seen:
                seen.add(key)
                found.append(file)
        problems.extend(p for p in more if p not in problems)
    return found, problems


def is_case_file(path: Path) -> bool:
    """Whether this is a file of trainer cases (a mapping with `expect:` or `cases:`),
    so `rules lint` checks it as cases rather than as a pack."""
    if not path.is_file():
        return False
    doc, problems = read_yaml(path, name=display_path(path))
    return not problems and document_kind(doc.data) == "cases"


def cases_within(folder: Path) -> list[Path]:
    """The case files anywhere under `folder` (sub-folders too): what `rules lint FOLDER`
    checks as cases, beside the packs the folder itself holds."""
    return [path for path in case_files([folder])[0] if is_case_file(path)]


def read_suite(paths: Iterable[Path], kb: KnowledgeBase | None = None) -> Suite:
    """Every case in these files or folders; with `kb`, ids are checked and labels
    become option ids (see cases/check.py)."""
    suite = Suite()
    files, problems = case_files(paths)
    suite.files = files
    for problem in problems:
        if problem.is_error:
            suite.broken.append(Broken(problem.span.path, problem.span.path, (problem,)))
        else:
            suite.warnings.append(problem)
    seen: dict[str, Span] = {}
    for path in files:
        _read_file(path, kb, suite, seen)
    return suite


def _read_file(path: Path, kb: KnowledgeBase | None, suite: Suite,
               seen: dict[str, Span]) -> None:
    name = display_path(path)
    doc, found = read_yaml(path, name=name)
    kind = None if found else document_kind(doc.data)
    if kind not in (None, "cases"):
        found = [Problem(doc.span(), "not-a-case",
                         f"this is a rule pack ({kind}), not a case file",
                         "check it with `decision-aid rules lint`")]
    if not found:
        shape = "cases_list" if isinstance(doc.data, dict) and "cases" in doc.data else "case"
        found = check_schema(doc, shape)
    if found:
        suite.broken.append(Broken(name, name, tuple(found)))
        return
    listed = "cases" in doc.data
    items = doc.data["cases"] if listed else [doc.data]
    for i, item in enumerate(items):
        where: tuple[str | int, ...] = ("cases", i) if listed else ()
        case = case_from_data(item, doc.span(where))
        if case.id in seen:
            suite.broken.append(Broken(case.id, name, (Problem(
                doc.span((*where, "id")), "duplicate-case",
                f"case '{case.id}' is already defined at {seen[case.id]}",
                "give it a different id"),)))
            continue
        seen[case.id] = case.span
        problems: list[Problem] = []
        if kb is not None:
            checked, problems = check_case(kb, case, doc, where)
            case = checked or case
        errors = tuple(p for p in problems if p.is_error)
        suite.warnings.extend(p for p in problems if not p.is_error)
        if errors:
            suite.broken.append(Broken(case.id, name, tuple(sorted(errors))))
        else:
            suite.cases.append(case)


def load_cases(paths: Iterable[Path], kb: KnowledgeBase | None = None
               ) -> tuple[list[Case], list[Problem]]:
    """The cases that load, and the problems of those that do not (see `read_suite`)."""
    suite = read_suite(paths, kb)
    return suite.cases, suite.problems
