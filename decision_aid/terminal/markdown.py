"""A result as Markdown or as plain text, with no face library.

Used for saved files, plain mode (pipes, NO_COLOR, TERM=dumb) and any face that wants text
(Slack can reuse it). The words come from `outline`, so every face says the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from decision_aid.terminal.outline import Item, Outline, Section, TraceStep, outline, trace

if TYPE_CHECKING:
    from decision_aid.core import Result


def result_markdown(result: Result, *, with_trace: bool = True) -> str:
    """A self-contained Markdown document of the result (and, by default, its trace)."""
    view = outline(result)
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
        lines += ["## How this was decided", ""]
        lines += _trace_lines(trace(result), bullet="- ", indent="  - ")
        lines.append("")
    lines.append(f"_{view.footer}_")
    return "\n".join(lines) + "\n"


def _md_item(section: Section, number: int, item: Item) -> str:
    text = item.text
    if item.url:
        text += f" <{item.url}>"
    if item.note:
        text += f" ({item.note})" if section.key == "sources" else f"  \n  {item.note}"
    return f"{number}. {text}" if section.numbered else f"- {text}"


def result_text(result: Result) -> str:
    """Plain text with no markup and no colour codes: readable in any terminal or log."""
    return _text(outline(result))


def _text(view: Outline) -> str:
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
    lines.append(view.footer)
    return "\n".join(lines) + "\n"


def trace_text(result: Result) -> str:
    """The "why" trace as indented plain text."""
    return "\n".join(["How this was decided:", *_trace_lines(trace(result))]) + "\n"


def _trace_lines(steps: tuple[TraceStep, ...], *, bullet: str = "  ",
                 indent: str = "      ") -> list[str]:
    lines: list[str] = []
    for step in steps:
        lines.append(f"{bullet}{'[held]' if step.held else '[no]'} {step.heading}")
        lines += [f"{indent}{detail}" for detail in step.details]
    return lines
