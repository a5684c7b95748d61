"""`decision-aid cases ...`: the trainer's commands. Each parses, calls cases/, renders.

Registered by decision_aid/cli.py (`add_parser`); heavy modules load inside the command.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from decision_aid.exit_codes import ExitCode

if TYPE_CHECKING:
    from decision_aid.cases.load import Suite
    from decision_aid.cases.model import Case
    from decision_aid.cases.report import Report
    from decision_aid.core import KnowledgeBase

FACES = ("core", "terminal", "slack", "all")  # see cases/faces.py


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
               common: argparse.ArgumentParser) -> None:
    cases = sub.add_parser("cases", help="trainer cases: run, new, play, coverage, export")
    csub = cases.add_subparsers(dest="cases_command", metavar="ACTION", required=True)
    p = csub.add_parser("run", parents=[common], help="run case files as a suite")
    _paths(p)
    p.add_argument("--format", choices=("text", "json", "junit"), default="text")
    p.add_argument("--run", metavar="REGEX", help="only cases whose id matches")
    p.add_argument("--tag", action="append", default=[], help="only cases with this tag "
                   "(repeatable: any of them)")
    p.add_argument("--topic", action="append", default=[], help="only cases of this topic "
                   "(repeatable)")
    p.add_argument("--face", choices=FACES, default="core",
                   help="play each case through the core (default), the terminal face, the "
                        "Slack face, or all three")
    p.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                   help="fail a case that takes longer (default 10 s a face)")
    p.add_argument("--watch", action="store_true",
                   help="run again whenever a case or pack file changes (Ctrl-C ends)")
    _add_coverage(csub, common)
    _add_export(csub, common)
    p = csub.add_parser("play", parents=[common], help="walk a class through cases, or quiz "
                        "a learner (--quiz)")
    p.add_argument("paths", nargs="*", metavar="CASE",
                   help="case files, folders or case ids (default: the built-in cases)")
    p.add_argument("--quiz", action="store_true", help="the learner answers and predicts "
                   "the verdict before each reveal; a set of cases gives a score")
    p.add_argument("--scores", type=Path, metavar="FILE",
                   help="append each case's score as a JSON line (no names)")
    p.add_argument("--run", metavar="REGEX", help="only cases whose id matches")
    p.add_argument("--tag", action="append", default=[], help="only cases with this tag")
    p.add_argument("--topic", action="append", default=[], help="only cases of this topic")
    p = csub.add_parser("new", parents=[common], help="a case to fill in, from a topic or a "
                        "saved interview")
    p.add_argument("topic", nargs="?", help="the topic id to write a case for")
    p.add_argument("--from", dest="source", type=Path, metavar="RESULT.json",
                   help="an interview saved with --save FILE.json (or ask --format json)")
    p.add_argument("--id", dest="case_id", help="the new case's id")
    p.add_argument("--output", type=Path, metavar="FILE", default=None,
                   help="write here (refuses to overwrite; default: standard output)")


def _add_coverage(csub: argparse._SubParsersAction[argparse.ArgumentParser],
                  common: argparse.ArgumentParser) -> None:
    p = csub.add_parser("coverage", parents=[common],
                        help="rules, questions and options no passing case exercises")
    _paths(p)
    p.add_argument("--min", type=float, default=None, metavar="PERCENT",
                   help="fail unless at least this share of all items is covered "
                        "(counted exactly: --min 100 fails on a single miss)")
    p.add_argument("--format", choices=("text", "json"), default="text")


def _add_export(csub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    p = csub.add_parser("export", parents=[common],
                        help="a printable handout of cases (one page each)")
    _paths(p)
    p.add_argument("--format", choices=("html", "md"), default="html")
    p.add_argument("--output", type=Path, metavar="FILE", required=True,
                   help="where to write the handout (- for standard output)")
    p.add_argument("--title", default="Teaching cases", help="the handout's title")
    p.add_argument("--run", metavar="REGEX", help="only cases whose id matches")
    p.add_argument("--tag", action="append", default=[], help="only cases with this tag")
    p.add_argument("--topic", action="append", default=[], help="only cases of this topic")


def _paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path,
                        help="case files or directories (default: the built-in cases)")


def run(args: argparse.Namespace, kb_for: Callable[[argparse.Namespace], KnowledgeBase]
        ) -> int:
    """Dispatch one `cases` action; `kb_for` loads the packs (or raises the CLI's
    UsageError)."""
    actions = {"run": _run, "coverage": _coverage, "export": _export, "new": _new,
               "play": _play_cases}
    return actions[args.cases_command](args, kb_for)


def case_paths(args: argparse.Namespace) -> list[Path]:
    from decision_aid.cli import UsageError
    from decision_aid.core import builtin_packs

    paths: list[Path] = args.paths or [builtin_packs().cases]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or directory")
    return paths


def selected(args: argparse.Namespace, cases: list[Case]) -> list[Case]:
    """The cases --run, --tag and --topic pick (all of them when none is given)."""
    from decision_aid.cli import UsageError

    try:
        pattern = re.compile(args.run) if args.run else None
    except re.error as exc:
        raise UsageError(f"--run '{args.run}' is not a regular expression: {exc}") from None
    return [c for c in cases
            if (pattern is None or pattern.search(c.id))
            and (not args.tag or set(args.tag) & set(c.tags))
            and (not args.topic or c.topic in args.topic)]


def _run(args: argparse.Namespace, kb_for: Callable[[argparse.Namespace], KnowledgeBase]
         ) -> int:
    paths = case_paths(args)
    if not args.watch:
        return _run_once(args, kb_for, paths)
    from decision_aid.cases.watch import watch

    return watch(lambda: _run_once(args, kb_for, paths, watching=True),
                 lambda: _watched_files(args, paths))


def _watched_files(args: argparse.Namespace, paths: list[Path]) -> list[Path]:
    from decision_aid.cases.load import case_files
    from decision_aid.core import default_layers, yaml_files

    files, _ = case_files(paths)
    for layer in default_layers(getattr(args, "rules", [])):
        for path in layer.paths:
            files.extend(yaml_files(path, recursive=True)[0])
    return files


def _run_once(args: argparse.Namespace, kb_for: Callable[[argparse.Namespace], KnowledgeBase],
              paths: list[Path], *, watching: bool = False) -> int:
    from decision_aid.cases import report as reports
    from decision_aid.cases.load import read_suite
    from decision_aid.cli import UsageError

    try:
        kb = kb_for(args)
    except UsageError as exc:
        if not watching:
            raise
        print(f"decision-aid: {exc}", file=sys.stderr)
        return ExitCode.CHECKS_FAILED
    suite = read_suite(paths, kb)
    shown_in_report = args.format == "text"
    for problem in suite.warnings if shown_in_report else suite.problems:
        print(problem.format(), file=sys.stderr)
    if not suite.cases and not suite.broken:
        raise UsageError("no case files found in " + ", ".join(map(str, paths)))
    picked = selected(args, suite.cases)
    filtering = bool(args.run or args.tag or args.topic)
    if filtering and not picked:
        raise UsageError("no case matches --run/--tag/--topic")
    report = _play(args, kb, suite, picked)
    text = {"json": reports.as_json, "junit": reports.as_junit}.get(args.format,
                                                                   reports.as_text)(report)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
    return ExitCode.OK if report.ok else ExitCode.CHECKS_FAILED


def _play(args: argparse.Namespace, kb: KnowledgeBase, suite: Suite, cases: list[Case]
          ) -> Report:
    from decision_aid.cases.faces import players
    from decision_aid.cases.progress import progress_bar
    from decision_aid.cases.report import Report
    from decision_aid.cases.runner import DEFAULT_TIME_LIMIT, run_cases, uncovered_rules
    from decision_aid.cli import UsageError

    limit = DEFAULT_TIME_LIMIT if args.time_limit is None else args.time_limit
    if limit <= 0:
        raise UsageError("--time-limit must be more than 0 seconds")
    from decision_aid.core import default_layers

    outcomes = []
    try:
        with players(args.face, default_layers(getattr(args, "rules", []))) as faces, \
                progress_bar(len(cases) * len(faces), stream=sys.stderr) as advance:
            for face, player in faces:
                outcomes += run_cases(kb, cases, player=player, face=face, time_limit=limit,
                                      progress=lambda _: advance())
    except RuntimeError as exc:
        raise UsageError(str(exc)) from None
    topics = {c.topic for c in cases}
    uncovered = [(t, r) for t, r in uncovered_rules(kb, outcomes) if t in topics]
    return Report(outcomes, suite.broken, uncovered)  # a broken file fails any selection


def _coverage(args: argparse.Namespace,
              kb_for: Callable[[argparse.Namespace], KnowledgeBase]) -> int:
    from decision_aid.cases import coverage as cov
    from decision_aid.cases.load import read_suite
    from decision_aid.cases.runner import run_cases
    from decision_aid.cli import UsageError

    if args.min is not None and not 0 <= args.min <= 100:
        raise UsageError("--min must be a percentage from 0 to 100")
    paths = case_paths(args)
    kb = kb_for(args)
    suite = read_suite(paths, kb)
    for problem in suite.problems:
        print(problem.format(), file=sys.stderr)
    result = cov.coverage(kb, run_cases(kb, suite.cases))
    render = cov.as_json if args.format == "json" else cov.as_text
    sys.stdout.write(render(result, len(suite.broken)) + "\n")
    if args.min is not None and not result.meets(args.min):
        covered, total = result.count()
        print(f"decision-aid: coverage {covered}/{total} is below --min {args.min:g}%",
              file=sys.stderr)
        return ExitCode.CHECKS_FAILED
    return ExitCode.OK


def _export(args: argparse.Namespace,
            kb_for: Callable[[argparse.Namespace], KnowledgeBase]) -> int:
    from decision_aid.cases.export_html import html_page
    from decision_aid.cases.export_md import markdown
    from decision_aid.cases.handout import handout
    from decision_aid.cases.load import read_suite
    from decision_aid.cli import UsageError

    paths = case_paths(args)
    kb = kb_for(args)
    suite = read_suite(paths, kb)
    for problem in suite.problems:
        print(problem.format(), file=sys.stderr)
    if suite.broken:
        raise UsageError(f"{len(suite.broken)} case(s) or file(s) could not be read; "
                         "fix them first (see `decision-aid cases run`)")
    cases = selected(args, suite.cases)
    if not cases:
        raise UsageError("no case to export")
    handouts = [handout(kb, c) for c in cases]
    render = html_page if args.format == "html" else markdown
    text = render(handouts, args.title)
    if str(args.output) == "-":
        sys.stdout.write(text)
    else:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{args.output}: cannot write ({exc.strerror})") from None
        print(f"Wrote {len(handouts)} case(s) to {args.output}", file=sys.stderr)
    unresolved = [h.case.id for h in handouts if h.outline is None]
    return ExitCode.CHECKS_FAILED if unresolved else ExitCode.OK


def _new(args: argparse.Namespace, kb_for: Callable[[argparse.Namespace], KnowledgeBase]
         ) -> int:
    from decision_aid.cases import scaffold
    from decision_aid.cli import UsageError, _topic_id
    from decision_aid.core import read_yaml

    if (args.topic is None) == (args.source is None):
        raise UsageError("give a topic id or --from RESULT.json (one of them)")
    kb = kb_for(args)
    if args.case_id is not None and not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", args.case_id):
        raise UsageError(f"--id '{args.case_id}' must be lower-case letters, digits, - and _")
    if args.source is not None:
        doc, problems = read_yaml(args.source)
        if problems:
            raise UsageError(problems[0].format())
        try:
            text = scaffold.from_result(kb, doc.data if isinstance(doc.data, dict) else {},
                                        args.case_id)
        except ValueError as exc:
            raise UsageError(f"{args.source}: {exc}") from None
    else:
        topic = kb.topics[_topic_id(kb, args.topic)]
        text = scaffold.from_topic(topic, args.case_id or f"{topic.id}-new-case")
    if args.output is None:
        sys.stdout.write(text)
        return ExitCode.OK
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with args.output.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise UsageError(f"{args.output} exists; choose another name") from None
    except OSError as exc:
        raise UsageError(f"{args.output}: cannot write ({exc.strerror})") from None
    print(f"Wrote {args.output}: fill in every CHOOSE and the narrative, then "
          f"`decision-aid cases run {args.output}`", file=sys.stderr)
    return ExitCode.OK


def _play_cases(args: argparse.Namespace,
                kb_for: Callable[[argparse.Namespace], KnowledgeBase]) -> int:
    from decision_aid.cases.load import read_suite
    from decision_aid.cases.play import Player
    from decision_aid.cli import UsageError
    from decision_aid.core import builtin_packs, did_you_mean

    kb = kb_for(args)
    paths = [Path(p) for p in args.paths if Path(p).exists() or Path(p).is_symlink()]
    ids = [p for p in args.paths if not (Path(p).exists() or Path(p).is_symlink())]
    suite = read_suite(paths or [builtin_packs().cases], kb)
    for problem in suite.problems:
        print(problem.format(), file=sys.stderr)
    known = {c.id: c for c in suite.cases}
    for wanted in ids:
        if wanted not in known:
            hint = did_you_mean(wanted, known) or "give a case file, folder or id"
            raise UsageError(f"'{wanted}' is neither a file nor a case id ({hint})")
    cases = [known[i] for i in ids] if ids else selected(args, suite.cases)
    if ids and (args.run or args.tag or args.topic):
        cases = selected(args, cases)
    if not cases:
        raise UsageError("no case to play")
    player = Player(kb, sys.stdin, sys.stdout)
    try:
        if args.quiz:
            player.quiz(cases, args.scores)
        else:
            player.walk(cases)
    except EOFError:
        print("Input ended before the quiz finished.", file=sys.stderr)
        return ExitCode.NEEDS_ANSWER
    except BrokenPipeError:
        raise  # the reader went away (`| head`): the command line ends quietly
    except OSError as exc:
        raise UsageError(f"{args.scores}: cannot write ({exc.strerror})") from None
    return ExitCode.OK
