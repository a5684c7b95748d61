"""`decision-aid rules lint [PATHS]`: packs checked as packs and case files as cases, with
their problems as `path:line:col: CODE message (hint)` lines and a summary.

Registered by decision_aid/cli.py; a path that names nothing is its UsageError (exit 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from decision_aid.exit_codes import ExitCode

if TYPE_CHECKING:
    from decision_aid.core import Layer, Problem


def run(args: argparse.Namespace) -> int:
    from decision_aid.cli import _jurisdiction, _print, _refuse_missing
    from decision_aid.core import Layer, default_layers, load

    paths = list(args.paths)
    _refuse_missing(paths)
    case_files, overlays, split, listing = lint_inputs(paths)
    if args.isolated:
        given = [*overlays, *(f for layer in split for f in layer.paths)]
        layers = [Layer.builtin(*_builtin_content_besides(given))]
        layers += [Layer(p.name or str(p), (p,)) for p in overlays]
    else:
        layers = default_layers([*args.rules, *overlays])
    result = load([*layers, *split])
    if result.kb is not None:
        _jurisdiction(args, result.kb)
    problems = [*listing, *result.problems]
    if case_files and result.kb is not None:
        from decision_aid.cases.load import read_suite

        problems += read_suite(case_files, result.kb).problems
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    if args.format == "json":
        _print(json.dumps([p.to_dict() for p in problems], indent=2))
    else:
        for problem in problems:
            _print(problem.format())
        topics = len(result.kb.topics) if result.kb else 0
        checked = f"{topics} topic(s)" + (f", {len(case_files)} case file(s)"
                                          if case_files else "")
        summary = (f"{len(errors)} error(s), {len(warnings)} warning(s)" if problems
                   else f"ok: {checked}, no problems")
        print(summary, file=sys.stderr)
        for path, topic in result.extended:
            print(f"{path}: extends {topic}", file=sys.stderr)
        if not args.isolated and any(p.code == "duplicate-topic" for p in errors):
            print("note: a topic defined twice is an error; change a loaded topic with "
                  "'extends:', or check a copy on its own with --isolated",
                  file=sys.stderr)
    failed = bool(errors) or (args.strict and bool(warnings))
    return ExitCode.CHECKS_FAILED if failed else ExitCode.OK


def _builtin_content_besides(given: Sequence[Path]) -> list[Path]:
    """The built-in content files `--isolated` checks PATHS with: all but those of a kind
    PATHS bring themselves (a copy of content/ being edited), which would clash with them."""
    from decision_aid.core import builtin_packs, document_kind, read_yaml, yaml_files

    def kind(file: Path) -> str | None:
        doc, problems = read_yaml(file)
        return None if problems else document_kind(doc.data)

    brought = {kind(f) for path in given for f in yaml_files(path)[0]} - {None, "wording"}
    return [f for f in yaml_files(builtin_packs().content)[0] if kind(f) not in brought]


def lint_inputs(paths: Sequence[Path]
                 ) -> tuple[list[Path], list[Path], list[Layer], list[Problem]]:
    """What `rules lint PATHS` checks as cases and as packs, each file as what it is.

    Case files given, or anywhere under a folder given, are checked as cases. A folder is
    a pack overlay as it is; one that holds case files beside its packs becomes a layer of
    just its pack files (with the problems of listing it). The built-in folders are never
    an overlay of themselves. Returns (case files, overlay paths, split layers, problems).
    """
    from decision_aid.cases.load import cases_within, is_case_file
    from decision_aid.core import Layer, builtin_packs, real_path, yaml_files

    packs = builtin_packs()
    builtin = {real_path(packs.rules), real_path(packs.content)}
    case_files: list[Path] = []
    overlays: list[Path] = []
    split: list[Layer] = []
    listing: list[Problem] = []
    for path in paths:
        if not path.is_dir():
            (case_files if is_case_file(path) else overlays).append(path)
            continue
        found = cases_within(path)
        case_files += found
        files, unlisted = yaml_files(path)
        beside = [f for f in files if f in found]
        if real_path(path) in builtin:
            continue
        if not beside:
            overlays.append(path)
        elif rest := [f for f in files if f not in found]:
            split.append(Layer(path.name or str(path), tuple(rest)))
            listing += unlisted
    return case_files, overlays, split, listing
