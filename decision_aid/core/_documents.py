"""An outline as a document: Markdown, plain text or JSON, with no face library.

Used for saved files, `ask --format`, plain mode (pipes, NO_COLOR, TERM=dumb) and any face
that wants text (Slack's fallback `text`, handouts). Every word and the order come from the
outline; these functions only lay it out.
"""

from __future__ import annotations

import json
from pathlib import Path

from decision_aid.core._engine import Ask, Step
from decision_aid.core._model import KnowledgeBase
from decision_aid.core._outline import Item, Outline, Section, TraceStep, explain
from decision_aid.core._result import Result

DOCUMENT_FORMATS = {".md": "markdown", ".markdown": "markdown", ".json": "json",
                    ".txt": "text"}


def document_format(path: Path) -> str | None:
    """The format for a file name, or None when the extension is not one we write."""
    return DOCUMENT_FORMATS.get(path.suffix.lower())


def require_format(path: Path) -> str:
    """The format for a file name; ValueError saying which endings work otherwise."""
    kind = document_format(path)
    if kind is None:
        raise ValueError(f"cannot save to {path}: use a file ending in "
                         f"{', '.join(sorted(DOCUMENT_FORMATS))}")
    return kind


def result_document(result: Result, view: Outline, kind: str) -> str:
    """The result as `kind` (markdown, text or json); ValueError for another kind."""
    if kind == "json":
        return json.dumps(result_json(result, view), indent=2, ensure_ascii=False) + "\n"
    if kind == "markdown":
        return outline_markdown(view)
    if kind == "text":
        return outline_text(view)
    raise ValueError(f"cannot write a result as {kind!r}: use one of "
                     f"{', '.join(sorted(set(DOCUMENT_FORMATS.values())))}")


def result_json(result: Result, view: Outline) -> dict[str, object]:
    """The result's data (`Result.to_dict`) with its outline, the words a reader sees."""
    return {**result.to_dict(), "outline": view.to_dict()}


def step_json(kb: KnowledgeBase, step: Step) -> dict[str, object]:
    """A step as JSON (`ask --format json`): the result with its outline, or the question
    still needed with what was answered so far."""
    if not isinstance(step, Ask):
        return result_json(step.result, explain(kb, step.result))
    q = step.question
    data: dict[str, object] = {
        "status": "needs_answer", "topic": step.session.topic,
        "question": {"id": q.id, "prompt": q.prompt, "why": q.why, "kind": q.kind.value,
                     "options": [{"id": o.id, "label": o.label} for o in q.options]},
        "number": step.number, "at_most": step.at_most,
        "asked": [{"id": qid, "answer": list(a) if isinstance(a, tuple) else a}
                  for qid, a in step.session.answers],
    }
    if step.cut_short:  # the step's search ran out of its budget (core/_settle.py)
        data["search"] = {"cut_short": list(step.cut_short), "note": step.search_note}
    return data


def outline_markdown(view: Outline, *, with_trace: bool = True) -> str:
    """A self-contained Markdown document (and, by default, the trace)."""
    lines = [f"> **{view.notice}**", ""] if view.notice else []
    lines += [f"# {view.word}: {view.headline}", "", f"*{view.question}*", ""]
    for section in view.sections:
        lines += [f"## {section.title}", ""]
        if section.key == "reply":
            lines += ["> " + line if line else ">" for line in section.items[0].text.splitlines()]
        else:
            lines += [_md_item(section, n, item) for n, item in enumerate(section.items, 1)]
        lines.append("")
    if with_trace:
        lines += [f"## {view.why_title}", ""]
        lines += _trace_lines(view.why, bullet="- ", indent="  - ")
        lines.append("")
    if view.footer:
        lines.append(f"_{view.footer}_")
    return "\n".join(lines) + "\n"


def _md_item(section: Section, number: int, item: Item) -> str:
    text = item.text
    if item.url:
        text += f" <{item.url}>"
    if item.note:
        text += f" ({item.note})" if section.key == "sources" else f"  \n  {item.note}"
    return f"{number}. {text}" if section.numbered else f"- {text}"


def outline_text(view: Outline) -> str:
    """Plain text with no markup and no colour codes: readable in any terminal or log."""
    lines = [view.notice, ""] if view.notice else []
    lines += [f"{view.word}: {view.headline}", view.question, ""]
    for section in view.sections:
        lines.append(section.title)
        if section.key == "reply":
            lines += ["  | " + line for line in section.items[0].text.splitlines()]
        else:
            for n, item in enumerate(section.items, 1):
                lines.append(f"  {n}. {item.text}" if section.numbered else f"  - {item.text}")
                lines += [f"     {extra}" for extra in (item.url, item.note) if extra]
        lines.append("")
    if view.footer:
        lines.append(view.footer)
    return "\n".join(lines) + "\n"


def trace_text(view: Outline) -> str:
    """The "why" trace as indented plain text."""
    return "\n".join([f"{view.why_title}:", *_trace_lines(view.why)]) + "\n"


def _trace_lines(steps: tuple[TraceStep, ...], *, bullet: str = "  ",
                 indent: str = "      ") -> list[str]:
    lines: list[str] = []
    for step in steps:
        lines.append(f"{bullet}{step.mark} {step.heading}")
        lines += [f"{indent}{detail}" for detail in step.details]
    return lines
