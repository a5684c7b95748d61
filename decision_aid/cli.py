"""The one command line. Each subcommand parses, calls the core, renders, returns an exit code.

Exit codes: 0 ok, 1 checks failed, 2 bad usage or bad input, 3 an answer is needed,
130 interrupted. Faces and heavy libraries are imported inside the subcommand that needs
them, so `--version` and `--help` stay fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from decision_aid import __version__
from decision_aid.ask import MAX_ANSWERS
from decision_aid.exit_codes import ExitCode

if TYPE_CHECKING:
    from decision_aid.core import KnowledgeBase, Topic

MAX_ARGUMENTS = 2_000
"""Most command-line arguments; argparse's time grows with the square of their number."""


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors said in one line that points at --help (its default
    prints the whole usage block first); subcommand parsers are made of this class too."""

    def error(self, message: str) -> NoReturn:
        self.exit(ExitCode.BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _common(top: bool) -> argparse.ArgumentParser:
    """Options accepted before and after the command; only the top level sets defaults."""
    common = _Parser(add_help=False)
    default: Any = argparse.SUPPRESS
    common.add_argument("--rules", action="append", type=Path,
                        default=[] if top else default, metavar="DIR",
                        help="an overlay directory of packs on top of the built-in ones "
                             "(repeatable; also $DECISION_AID_RULES)")
    common.add_argument("--jurisdiction", default=None if top else default,
                        help="list sources from this jurisdiction first (US, UK, Canada, "
                             "Australia, international; also $DECISION_AID_JURISDICTION)")
    return common


def _interview_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--plain and --save work with or without the `interview` command."""
    default: Any = argparse.SUPPRESS
    parser.add_argument("--plain", action="store_true", default=False if top else default,
                        help="numbered plain text, no colour (the interview)")
    _save_options(parser, top=top)


def _save_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default: Any = argparse.SUPPRESS
    parser.add_argument("--save", type=Path, metavar="FILE", default=None if top else default,
                        help="write the result to FILE (.md, .json or .txt)")
    parser.add_argument("--force", action="store_true", default=False if top else default,
                        help="let --save overwrite FILE if it exists")


def build_parser() -> argparse.ArgumentParser:
    common = _common(top=False)
    parser: argparse.ArgumentParser = _Parser(
        prog="decision-aid", parents=[_common(top=True)],
        description="Evidence-based professionalism guidance for social media dilemmas.")
    parser.add_argument("--version", action="version", version=f"decision-aid {__version__}")
    _interview_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("interview", parents=[common], help="the interactive interview (default)")
    p.add_argument("topic", nargs="?", help="start with this topic id")
    _interview_options(p, top=False)

    p = sub.add_parser("topics", parents=[common], help="list topics, questions and option ids")
    p.add_argument("topic", nargs="?", help="show only this topic")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("ask", parents=[common], help="answer non-interactively")
    p.add_argument("topic")
    p.add_argument("--answer", action="append", default=[], metavar="QUESTION=OPTION",
                   help="one answer (repeatable, once per question; it overrides the "
                        "--answers file); multi-choice: QUESTION=a,b")
    p.add_argument("--answers", type=Path, metavar="FILE",
                   help="a YAML/JSON mapping of question ids to option ids (or a case file)")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    _save_options(p, top=False)

    rules = sub.add_parser("rules", help="lint, schema and graph of rule packs")
    rsub = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    p = rsub.add_parser("lint", parents=[common], help="check packs; problems as path:line:col")
    p.add_argument("paths", nargs="*", type=Path, help="pack files or directories")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--isolated", action="store_true",
                   help="check only PATHS with the built-in content, not the built-in packs")
    rsub.add_parser("schema", help="print the JSON Schema for packs")
    p = rsub.add_parser("graph", parents=[common], help="the decision flow of a topic")
    p.add_argument("topic", metavar="TOPIC|PATH",
                   help="a topic id, or a pack file or folder (drawn with the built-in packs)")
    p.add_argument("--format", choices=("mermaid", "dot", "notes"), default="mermaid",
                   help="notes: each rule's full condition, as text")

    from decision_aid.cases.cli import add_parser as add_cases

    add_cases(sub, common)

    sub.add_parser("about", help="who wrote the content, how it is reviewed, its limits")

    p = sub.add_parser("slack", parents=[common],
                       help="run the Slack bot (Socket Mode; --http for HTTP replicas)")
    p.add_argument("--http", action="store_true",
                   help="serve the Events API over HTTP (gunicorn) instead of Socket Mode")
    p.add_argument("--host", default="0.0.0.0", help="HTTP: address to listen on")
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "3000")),
                   help="HTTP: port (0 lets the system choose; also $PORT)")
    p.add_argument("--workers", type=int, default=2, help="HTTP: worker processes")
    p.add_argument("--threads", type=int, default=16, help="HTTP: threads per worker")
    return parser


def _tolerant_streams() -> None:
    """Undecodable input becomes U+FFFD and unencodable output '?' (PYTHONIOENCODING=ascii,
    a latin-1 pipe): a user sees replaced characters, never a UnicodeError traceback."""
    for stream, errors in ((sys.stdin, "replace"), (sys.stdout, "replace"),
                           (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream already in use
                reconfigure(errors=errors)


def _too_many(args_list: Sequence[str]) -> str | None:
    """Refuse what argparse would spend seconds on before saying no, before parsing."""
    if len(args_list) > MAX_ARGUMENTS:
        return f"{len(args_list)} arguments is over the limit of {MAX_ARGUMENTS}"
    answers = sum(1 for a in args_list if a == "--answer" or a.startswith("--answer="))
    if answers > MAX_ANSWERS:
        return (f"{answers} --answer flags is over the limit of {MAX_ANSWERS} "
                "(a topic has far fewer questions)")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        _tolerant_streams()
    if args_list == ["--version"]:
        print(f"decision-aid {__version__}")
        return ExitCode.OK
    refused = _too_many(args_list)
    if refused:
        print(f"decision-aid: {refused}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0)
    command = args.command or "interview"
    handlers = {"interview": _interview, "topics": _topics, "ask": _ask, "rules": _rules,
                "cases": _cases, "about": _about, "slack": _slack}
    try:
        return handlers[command](args)
    except UsageError as exc:
        print(f"decision-aid: {exc}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return ExitCode.OK


# -- helpers ---------------------------------------------------------------------------
def _kb(args: argparse.Namespace) -> KnowledgeBase:
    from decision_aid.core import default_layers, load

    result = load(default_layers(getattr(args, "rules", [])))
    if result.kb is None:
        for problem in result.errors:
            print(problem.format(), file=sys.stderr)
        raise UsageError(f"the rule packs have {len(result.errors)} error(s); "
                         "fix them (see `decision-aid rules lint`)")
    _jurisdiction(args, result.kb)  # every command that takes it refuses an unknown one
    return result.kb


def _topic_id(kb: KnowledgeBase, topic: str) -> str:
    """A topic id the user typed, refused with a suggestion when no topic has it."""
    if topic not in kb.topics:
        from decision_aid.core import topic_hint

        raise UsageError(f"unknown topic '{topic}' ({topic_hint(topic, kb.topics)})")
    return topic


def _jurisdiction(args: argparse.Namespace, kb: KnowledgeBase) -> str | None:
    """--jurisdiction, or else its variable, checked against the jurisdictions sources name
    (the one check every face shares: core.check_jurisdiction)."""
    from decision_aid.core import UnknownJurisdiction, check_jurisdiction, jurisdiction_setting

    value, where = jurisdiction_setting(getattr(args, "jurisdiction", None))
    try:
        return check_jurisdiction(kb, value, where=where)
    except UnknownJurisdiction as err:
        raise UsageError(str(err)) from None


def _save_target(args: argparse.Namespace, kb: KnowledgeBase) -> Path | None:
    """--save FILE, refused before any question if it is a folder, has no folder to go in,
    has an unknown ending or already exists (without --force), so nothing the user answers
    is lost to a file that cannot be written."""
    from decision_aid.result_file import check_target

    path: Path | None = getattr(args, "save", None)
    if path is not None:
        try:
            check_target(path, force=getattr(args, "force", False), words=kb.wording)
        except ValueError as err:
            raise UsageError(str(err)) from None
    return path


def _refuse_missing(paths: Sequence[Path]) -> None:
    """A path that names nothing is a usage error; a broken link is the loader's to report."""
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or directory")


def _print(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# -- subcommands -----------------------------------------------------------------------
def _interview(args: argparse.Namespace) -> int:
    from decision_aid.terminal import run_interview

    kb = _kb(args)
    save = _save_target(args, kb)
    topic = getattr(args, "topic", None)
    if topic is not None:
        _topic_id(kb, topic)
    return run_interview(kb, topic=topic, plain=getattr(args, "plain", False), save=save,
                         force=getattr(args, "force", False),
                         jurisdiction=_jurisdiction(args, kb), stdin=sys.stdin, stdout=sys.stdout)


def _topics(args: argparse.Namespace) -> int:
    import json

    kb = _kb(args)
    shown = [kb.topics[_topic_id(kb, args.topic)]] if args.topic else kb.topics.values()
    data: list[dict[str, Any]] = [
        {"id": t.id, "title": t.title, "summary": t.summary, "decision": t.decision,
         "version": t.version, "reviewed": t.reviewed,
         "questions": [
             {"id": q.id, "prompt": q.prompt, "kind": q.kind.value, "why": q.why,
              "options": [{"id": o.id, "label": o.label} for o in q.options]}
             for q in t.questions]}
        for t in shown
    ]
    if args.format == "json":
        _print(json.dumps(data, indent=2))
        return ExitCode.OK
    lines = []
    for t in data:
        lines.append(f"{t['id']} — {t['title']} (v{t['version']}, reviewed {t['reviewed']})")
        lines.append(f"  {t['summary']}")
        for q in t["questions"]:
            kind = {"multi": " [several: a,b]", "yes_no": " [yes/no]"}.get(q["kind"], "")
            lines.append(f"  {q['id']}: {q['prompt']}{kind}")
            lines += [f"      {o['id']}: {o['label']}" for o in q["options"]]
        lines.append("")
    from decision_aid.terminal.wrap import fold, screen_width

    width = screen_width(sys.stdout)  # on a terminal, folded at words; on a pipe, whole
    _print("\n".join(row for line in lines for row in fold(line, width, hang=_hang(line))))
    return ExitCode.OK


def _hang(line: str) -> str:
    """Continuation lines sit two columns in from the line they continue."""
    return " " * (len(line) - len(line.lstrip(" ")) + 2)


def _ask(args: argparse.Namespace) -> int:
    from decision_aid.ask import run

    kb = _kb(args)
    save = _save_target(args, kb)
    return run(args, kb, jurisdiction=_jurisdiction(args, kb), save=save)


def _rules(args: argparse.Namespace) -> int:
    if args.rules_command == "schema":
        import json

        from decision_aid.core import pack_schema

        _print(json.dumps(pack_schema(), indent=2))
        return ExitCode.OK
    if args.rules_command == "graph":
        from decision_aid.core import graph_dot, graph_mermaid, graph_notes

        draw = {"mermaid": graph_mermaid, "dot": graph_dot, "notes": graph_notes}[args.format]
        kb, topics = _graph_topics(args)
        _print("\n".join(draw(kb, topic) for topic in topics))
        return ExitCode.OK
    return _lint(args)


def _graph_topics(args: argparse.Namespace) -> tuple[KnowledgeBase, list[Topic]]:
    """The topics to draw: one by id, or those a pack file or folder defines or extends."""
    from decision_aid.core import display_path

    path = Path(args.topic)
    if not path.exists():
        kb = _kb(args)
        topic = kb.topic(args.topic)
        if topic is None:
            from decision_aid.core import topic_hint

            raise UsageError(f"'{args.topic}' is neither a topic nor a file "
                             f"({topic_hint(args.topic, kb.topics)})")
        return kb, [topic]
    from decision_aid.core import default_layers

    builtin = [p.resolve() for p in default_layers(environ={})[0].paths]
    if not any(path.resolve().is_relative_to(b) for b in builtin):
        # An overlay, drawn on top of the built-in packs; a file brings its folder along,
        # since its references and replies usually live beside it.
        args.rules = [*args.rules, path.parent if path.is_file() else path]
    kb = _kb(args)
    inside = display_path(path)
    found = [t for t in kb.topics.values()
             if t.span.path == inside or t.span.path.startswith(inside.rstrip("/") + "/")
             or any(r.span.path.startswith(inside) for r in t.rules if r.layer != "built-in")]
    if not found:
        raise UsageError(f"{path}: defines or extends no topic")
    return kb, found


def _lint(args: argparse.Namespace) -> int:
    from decision_aid.lint import run

    return run(args)


def _cases(args: argparse.Namespace) -> int:
    from decision_aid.cases.cli import run

    return run(args, _kb)


def _slack(args: argparse.Namespace) -> int:
    try:
        from decision_aid.slack.main import Options, run
    except ImportError as exc:
        raise UsageError(f"the Slack bot needs the slack extra ({exc.name} is missing): "
                         "pip install 'decision-aid[slack]'") from None
    if not 0 <= args.port <= 65535 or args.workers < 1 or args.threads < 1:
        raise UsageError("--port must be 0-65535, --workers and --threads at least 1")
    return run(Options(http=args.http, host=args.host, port=args.port, workers=args.workers,
                       threads=args.threads, overlays=tuple(args.rules),
                       jurisdiction=args.jurisdiction))


def _about(args: argparse.Namespace) -> int:
    from decision_aid.core import builtin_packs

    packs = builtin_packs()
    try:
        text = packs.about.read_text(encoding="utf-8")
    except OSError:
        where = " (set by DECISION_AID_HOME)" if packs.origin == "environment" else ""
        raise UsageError(f"{packs.about} is missing{where}") from None
    from decision_aid.terminal.page import show_markdown

    show_markdown(text, sys.stdout)
    return ExitCode.OK
