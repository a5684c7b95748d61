"""A handout as Markdown: the same content and order as the HTML page."""

from __future__ import annotations

from collections.abc import Sequence

from decision_aid.cases.handout import LABELS, Handout, safe_url
from decision_aid.core import Item, Section


def _item(item: Item, n: int, numbered: bool) -> str:
    text = item.text
    url = safe_url(item.url)
    if url:
        text = f"[{text}]({url})"
    if item.note:
        text += f" ({item.note})"
    return f"{n}. {text}" if numbered else f"- {text}"


def _section(section: Section) -> list[str]:
    if section.key == "reply":
        body = ["> " + line if line else ">" for line in section.items[0].text.splitlines()]
    else:
        body = [_item(i, n, section.numbered) for n, i in enumerate(section.items, 1)]
    return [f"### {section.title}", "", *body, ""]


def _list(title: str, lines: Sequence[str]) -> list[str]:
    return [f"### {title}", "", *(f"- {line}" for line in lines), ""] if lines else []


def _case(h: Handout) -> list[str]:
    case = h.case
    meta = ([f"{LABELS['level']}: {case.level}"] if case.level else []) + [f"Case {case.id}"]
    lines = [f"## {case.title}", "", f"*{' · '.join(meta)}*", ""]
    if case.narrative:
        lines += [case.narrative, ""]
    lines += _list(LABELS["objectives"], case.objectives)
    if h.interview is not None:
        lines += [f"### {LABELS['interview']}", "",
                  *(f"- {i.text}" for i in h.interview.items), ""]
    lines += [f"### {LABELS['result']}", ""]
    if h.outline is None:
        lines += ["; ".join(h.problems), ""]
    else:
        if h.outline.notice:
            lines += [f"*{h.outline.notice}*", ""]
        lines += [f"**{h.outline.word}: {h.outline.headline}**", ""]
        for section in h.result_sections:
            lines += _section(section)
    lines += _list(LABELS["teaching"], [p.text for p in case.teaching_points])
    lines += _list(LABELS["discussion"], case.discussion)
    return lines


def markdown(handouts: Sequence[Handout], title: str) -> str:
    lines = [f"# {title}", ""]
    for n, h in enumerate(handouts):
        if n:
            lines += ["---", ""]
        lines += _case(h)
    return "\n".join(lines).rstrip() + "\n"
