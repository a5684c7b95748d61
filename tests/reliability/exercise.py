"""What every load must give, and a walk through whatever a valid load gives.

`problem_faults` lists what is wrong with a load's problems as lines (not one line, no
file named, a YAML problem without line:col). `walk` runs a loaded knowledge base the way
the faces do: every topic from its start, random answers, Back, the session through the
signed codec at each step, and each step and result rendered by the core (JSON, Markdown,
text) and, when the Slack extra is installed, as the bot's Block Kit screens checked
against Slack's limits. Any exception propagates: a pack that loads must never crash a
face later (a 5,000-digit priority once did).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from typing import Any

from decision_aid.core import (
    Ask,
    KnowledgeBase,
    LoadResult,
    Problem,
    QuestionKind,
    SessionError,
    answer,
    back,
    decode_session,
    encode_session,
    explain,
    next_step,
    outline_markdown,
    outline_text,
    result_json,
    start,
    step_json,
)

FILE_LEVEL = frozenset({"file-encoding", "file-too-large", "file-not-regular", "file-is-folder",
                        "file-link-loop", "file-link-dangling", "file-unreadable"})
"""Problems about a whole file, which have no line:col to give."""
KEY = b"reliability-fuzz-key"
MAX_STEPS = 60


def problem_faults(result: LoadResult, *, max_length: int = 1200) -> list[str]:
    faults = []
    for problem in result.problems:
        line = problem.format()
        if "\n" in line or "\r" in line:
            faults.append(f"not one line: {line!r}")
        if len(line) > max_length:
            faults.append(f"{len(line)} characters: {line[:200]!r}...")
        if not problem.span.path:
            faults.append(f"no file named: {line!r}")
        if problem.span.line <= 0 and problem.code not in FILE_LEVEL:
            faults.append(f"no line:col: {line!r}")
    if result.kb is None and not result.errors:
        faults.append("no knowledge base and no error")
    return faults


def _pick(question: Any, rng: random.Random) -> Any:
    options = [o.id for o in question.options]
    if question.kind is QuestionKind.MULTI:
        return tuple(o for o in options if rng.random() < 0.35)
    return rng.choice(options) if options else "none"


def walk(kb: KnowledgeBase, rng: random.Random, *, slack: bool = True) -> int:
    """Walk every topic to a result (or MAX_STEPS); returns the number of steps taken."""
    render = _slack_renderer(kb) if slack else None
    steps = 0
    for topic in kb.topics.values():
        session = start(kb, topic.id)
        for _ in range(MAX_STEPS):
            steps += 1
            step = next_step(kb, session)
            json.dumps(step_json(kb, step))
            state = encode_session(session, key=KEY)
            assert decode_session(state, kb, key=KEY) == session, state
            if render is not None:
                render(step, session)
            if not isinstance(step, Ask):
                view = explain(kb, step.result)
                json.dumps(result_json(step.result, view))
                outline_markdown(view)
                outline_text(view)
                break
            if session.answers and rng.random() < 0.15:
                session = back(session)
                continue
            try:
                session = answer(kb, session, step.question.id, _pick(step.question, rng))
            except SessionError:  # e.g. exclusive options ticked together: a clear refusal
                session = answer(kb, session, step.question.id,
                                 _pick(step.question, random.Random(0)) if
                                 step.question.kind is not QuestionKind.MULTI else ())
    return steps


def _slack_renderer(kb: KnowledgeBase) -> Any:
    try:
        from slack_sdk.models.blocks import Block

        from decision_aid.slack import home, screens
        from decision_aid.slack.result_blocks import result_screen, share_message
        from decision_aid.slack.values import Codec
    except ImportError:
        return None
    codec = Codec(KEY)

    def valid(blocks: Iterable[dict[str, Any]], limit: int = 50) -> None:
        blocks = list(blocks)
        assert len(blocks) <= limit, len(blocks)
        assert len(json.dumps(blocks, ensure_ascii=False)) <= 12_000
        for raw in blocks:
            model = Block.parse(raw)
            assert model is not None, raw
            model.validate_json()
            for value in _button_values(raw):
                assert len(value) <= 2000

    valid(screens.picker(kb).blocks)
    valid(home.home_view(kb)["blocks"], limit=100)

    def render(step: Any, session: Any) -> None:
        if isinstance(step, Ask):
            for why in (False, True):
                valid(screens.question(codec, kb, step, why=why).blocks)
            modal = screens.question(codec, kb, step, modal=True)
            valid(modal.blocks, limit=100)
            assert len(modal.metadata or "") <= 3000
        else:
            for page in (0, 1, 5):
                valid(result_screen(codec, kb, step.result, session, page=page,
                                    can_share=True).blocks)
            shared = share_message(kb, step.result)
            valid(shared.get("blocks") or [])  # type: ignore[arg-type]

    return render


def _button_values(block: Any) -> Iterable[str]:
    if isinstance(block, dict):
        if block.get("type") == "button" and isinstance(block.get("value"), str):
            yield block["value"]
        for value in block.values():
            yield from _button_values(value)
    elif isinstance(block, list):
        for item in block:
            yield from _button_values(item)


def errors_of(problems: Iterable[Problem]) -> list[str]:
    return [p.format() for p in problems if p.is_error]
