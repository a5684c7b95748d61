"""`decision-aid ask TOPIC`: every answer at once (flags, a file), then the result or the
next question, for scripts and for trying a pack.

Registered by decision_aid/cli.py, which loads the packs and checks --jurisdiction and
--save first; bad answers raise the CLI's UsageError (one line, exit 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from decision_aid.exit_codes import ExitCode

if TYPE_CHECKING:
    from decision_aid.core import KnowledgeBase, Result, Step

MAX_ANSWERS = 200
"""Most answers one `ask` takes, from --answer flags and an --answers file together
(the largest topic has a few dozen questions); see docs/limits.md."""
MAX_ANSWERS_FILE_BYTES = 1_000_000


def run(args: argparse.Namespace, kb: KnowledgeBase, *, jurisdiction: str | None,
        save: Path | None) -> int:
    from decision_aid.cli import UsageError
    from decision_aid.core import Ask, SessionError, next_step, with_answers

    pairs = read_answers(args, kb)
    if len(pairs) > MAX_ANSWERS:
        raise UsageError(f"{len(pairs)} answers is over the limit of {MAX_ANSWERS}")
    try:
        session = with_answers(kb, args.topic, pairs)
        step = next_step(kb, session, jurisdiction=jurisdiction)
    except SessionError as exc:
        raise UsageError(str(exc)) from None
    for qid in dict.fromkeys(q for q, _ in pairs if q not in session.answered):
        print(f"decision-aid: {kb.wording('ask.ignored', question=qid)}", file=sys.stderr)
    if args.format == "json":
        from decision_aid.core import step_json

        text = json.dumps(step_json(kb, step), indent=2)
    else:
        text = render_step(kb, step, args.format)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    if isinstance(step, Ask):
        if save is not None:
            print(f"decision-aid: {kb.wording('save.needs_answers', path=save)}",
                  file=sys.stderr)
        return ExitCode.NEEDS_ANSWER
    return save_result(kb, step.result, save) if save is not None else ExitCode.OK


def read_answers(args: argparse.Namespace, kb: KnowledgeBase) -> list[tuple[str, Any]]:
    """The answers file's pairs, then the flags' (a flag overrides the file; a question
    given twice by flags is refused, since keeping the last would hide a typo)."""
    from decision_aid.cli import UsageError

    pairs: list[tuple[str, Any]] = []
    if args.answers:
        from decision_aid.core import read_yaml

        doc, problems = read_yaml(args.answers, limit=MAX_ANSWERS_FILE_BYTES)
        if problems:
            raise UsageError(problems[0].format())
        data = doc.data.get("answers", doc.data) if isinstance(doc.data, dict) else None
        if not isinstance(data, dict):
            raise UsageError(f"{args.answers}: expected a mapping of question ids to option ids")
        if len(data) > MAX_ANSWERS:
            raise UsageError(f"{doc.span(('answers',) if 'answers' in doc.data else ())}: "
                             f"{len(data)} answers is over the limit of {MAX_ANSWERS}")
        pairs.extend((str(k), v) for k, v in data.items())
    flags: dict[str, str] = {}
    for item in args.answer:
        qid, sep, value = item.partition("=")
        qid, value = qid.strip(), value.strip()
        if not sep or not qid:
            raise UsageError(f"--answer '{item}' must look like QUESTION=OPTION")
        if qid in flags:
            raise UsageError(f"--answer gives '{qid}' twice ('{flags[qid]}', then '{value}'); "
                             "give each question once"
                             + _list_hint(kb, args.topic, qid, (flags[qid], value)))
        flags[qid] = value
    return pairs + list(flags.items())


def _list_hint(kb: KnowledgeBase, topic_id: str, qid: str, given: tuple[str, str]) -> str:
    """For a question given twice: how to give both, if it takes several options."""
    from decision_aid.core import QuestionKind

    topic = kb.topics.get(topic_id)
    question = topic.question(qid) if topic is not None else None
    if question is None or question.kind is not QuestionKind.MULTI:
        return ""
    return f" (it takes several options as a list: {qid}={','.join(given)})"


def save_result(kb: KnowledgeBase, result: Result, path: Path) -> int:
    from decision_aid.result_file import write_result

    try:
        write_result(kb, result, path)
    except ValueError as err:
        print(f"decision-aid: {kb.wording('save.not_saved_because', path=path, reason=err)}",
              file=sys.stderr)
        return ExitCode.BAD_INPUT
    print(kb.wording("save.saved", path=path), file=sys.stderr)
    return ExitCode.OK


def render_step(kb: KnowledgeBase, step: Step, fmt: str) -> str:
    """The next question with its option ids, or the result as text or Markdown."""
    from decision_aid.core import Ask, explain, outline_markdown, outline_text

    if isinstance(step, Ask):
        q = step.question
        words = kb.wording
        lines = [words("ask.needs_answer", question=q.id, prompt=q.prompt),
                 "  " + words("ask.why", why=q.why)]
        lines += [f"  {o.id}: {o.label}" for o in q.options]
        lines.append(words("ask.answer_with", question=q.id))
        return "\n".join(lines)
    view = explain(kb, step.result)
    return outline_markdown(view) if fmt == "markdown" else outline_text(view)
