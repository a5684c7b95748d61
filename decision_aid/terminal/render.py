"""A result as rich renderables: the verdict as a coloured word, sections, a trace tree.

Pack text is never parsed as rich markup: every string goes into `Text` as plain text, so
"[cite: 3]" shows literally and "[/]" cannot raise. The verdict is always a word, so the
screen reads the same without colour. Import this module only when about to draw (rich
costs ~65 ms to import).
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from decision_aid.core import Item, Outline, Section

VERDICT_STYLES = {
    "avoid": "bold white on red",
    "caution": "bold black on yellow",
    "acceptable": "bold black on green",
}


def verdict_badge(verdict: str, word: str) -> Text:
    """` AVOID ` in the verdict's colour; the word carries the meaning without colour."""
    return Text(f" {word} ", style=VERDICT_STYLES.get(verdict, "bold reverse"))


def verdict_line(view: Outline) -> RenderableType:
    """The badge and the headline beside it."""
    header = Table.grid(padding=(0, 2))
    header.add_column(no_wrap=True)
    header.add_column(ratio=1)
    header.add_row(verdict_badge(view.verdict, view.word), Text(view.headline, style="bold"))
    return header


def render_result(view: Outline) -> RenderableType:
    """Everything the outline says, in its order, then the verdict again: after a long
    result it is the line left in view above the menu."""
    parts: list[RenderableType] = []
    if view.notice:
        parts += [Text(view.notice, style="bold"), Text("")]
    parts += [verdict_line(view), Text(view.question, style="dim")]
    for section in view.sections:
        parts.append(Text(""))
        parts.append(_section(section))
    if view.footer:
        parts += [Text(""), Text(view.footer, style="dim")]
    parts += [Text(""), verdict_line(view)]
    return Group(*parts)


def _section(section: Section) -> RenderableType:
    title = Text(section.title, style="bold underline")
    if section.key == "reply":
        # Only horizontal rules, so a mouse selection copies the reply without border marks.
        return Group(title, Panel(Text(section.items[0].text), box=box.HORIZONTALS,
                                  padding=(0, 1), expand=False))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(ratio=1)
    for number, item in enumerate(section.items, 1):
        grid.add_row(Text(f"{number}." if section.numbered else "•"), _item(item))
    return Group(title, Padding(grid, (0, 0, 0, 1)))


def _item(item: Item) -> RenderableType:
    lines: list[RenderableType] = [Text(item.text)]
    if item.url:
        # Folded, never cut with an ellipsis: a link must survive being copied.
        lines.append(Text(item.url, style=Style(link=item.url, underline=True),
                          overflow="fold"))
    if item.note:
        lines.append(Text(item.note, style="dim"))
    return Group(*lines) if len(lines) > 1 else lines[0]


def render_trace(view: Outline) -> Tree:
    """The rules tried, as a tree: each rule, whether it held, and the answers it read."""
    tree = Tree(Text(view.why_title, style="bold"))
    for step in view.why:
        mark = (step.mark, "bold" if step.held else "dim")
        branch = tree.add(Text.assemble(mark, " ", step.heading))
        for detail in step.details:
            branch.add(Text(detail))
    return tree
