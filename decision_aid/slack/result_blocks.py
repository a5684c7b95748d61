"""A result in Block Kit, rendered from the core's outline: same sections, same order, same
words as every other face; only the styling is Slack's.

Verdict and headline lead; then each outline section in turn (reasons, actions, the reply
template as a quote, evidence, sources as links, peer figures with their limits, limits,
contested points, contacts, ...). A result too long for one message folds into pages
("Show more"), never fails. The controls under it: Back, Start over, Share a summary (in
a channel only) and the anonymous "Was this helpful?".
"""

from __future__ import annotations

from decision_aid.core import KnowledgeBase, Outline, Result, Section, Session, explain
from decision_aid.slack import ids, words
from decision_aid.slack.blocks import (
    MESSAGE_BLOCKS,
    MODAL_BLOCKS,
    Block,
    actions,
    button,
    context,
    esc,
    header,
    link,
    paginate,
    section,
)
from decision_aid.slack.screens import Screen
from decision_aid.slack.values import Codec

VERDICT_ICONS = {"avoid": ":no_entry:", "caution": ":warning:", "acceptable": ":white_check_mark:"}


def result_screen(codec: Codec, kb: KnowledgeBase, result: Result, session: Session, *,
                  page: int = 0, modal: bool = False, can_share: bool = False,
                  voted: bool = False) -> Screen:
    """One page of the result with its controls; `page` past the end shows the last."""
    shape = explain(kb, result)
    head = _head(shape)
    groups = [_section(s) for s in shape.sections]
    groups.append([context(esc(shape.footer))])

    def controls(index: int, total: int) -> list[Block]:
        paging = []
        if index > 0:
            paging.append(button(words.SHOW_LESS, ids.PAGE, codec.value(str(index - 1),
                                                                         session)))
        if index < total - 1:
            paging.append(button(words.SHOW_MORE.format(page=index + 2, pages=total),
                                 ids.PAGE, codec.value(str(index + 1), session),
                                 style="primary"))
        row = [*paging, button(words.BACK, ids.BACK, codec.value("back", session)),
               button(words.START_OVER, ids.RESTART)]
        if can_share:
            row.append(button(words.SHARE, ids.SHARE, codec.value("share", session)))
        blocks = actions(row)
        if voted:
            blocks.append(context(esc(words.THANKS)))
        else:
            blocks.extend(actions([button(f"{words.HELPFUL} {words.YES}", ids.HELPFUL,
                                          codec.value("yes", session)),
                                   button(f"{words.HELPFUL} {words.NO}", ids.HELPFUL,
                                          codec.value("no", session))]))
        return blocks

    pages = paginate(head, groups, controls,
                     max_blocks=MODAL_BLOCKS if modal else MESSAGE_BLOCKS)
    blocks = pages[max(0, min(page, len(pages) - 1))]
    text = words.RESULT_FALLBACK.format(word=shape.word, headline=shape.headline)
    return Screen(text, blocks, extra={"pages": len(pages)})


def _head(shape: Outline) -> list[Block]:
    icon = VERDICT_ICONS.get(shape.verdict, "")
    blocks: list[Block] = [header(f"{shape.word}: {shape.headline}")]
    blocks.extend(section(f"{icon} *{esc(shape.word)}*: {esc(shape.headline)}"))
    blocks.append(context(esc(shape.question)))
    if shape.notice:
        blocks.extend(section(f":information_source: {esc(shape.notice)}"))
    return blocks


def _section(part: Section) -> list[Block]:
    lines = [f"*{esc(part.title)}*"]
    for number, item in enumerate(part.items, 1):
        text = esc(item.text)
        text = link(item.url, text)
        if part.key == "reply":
            line = "\n".join(f"> {row}" for row in text.split("\n"))
        else:
            line = f"{number}. {text}" if part.numbered else f"• {text}"
        if item.note:
            line += f"\n      _{esc(item.note)}_"
        lines.append(line)
    return section("\n".join(lines))


def share_message(kb: KnowledgeBase, result: Result) -> dict[str, object]:
    """What "Share a summary" posts in the channel: only pack text (verdict, headline,
    sources), never an answer the person gave."""
    shape = explain(kb, result)
    sources = next((s for s in shape.sections if s.key == "sources"), None)
    lines = [f"*{esc(shape.word)}*: {esc(shape.headline)}", esc(shape.question),
             words.SHARED_BY]
    for item in sources.items if sources else ():
        lines.append(f"• {link(item.url, esc(item.text))}")
    text = "\n".join(lines)
    return {"response_type": "in_channel", "replace_original": False,
            "text": words.RESULT_FALLBACK.format(word=shape.word, headline=shape.headline),
            "blocks": section(text)}
