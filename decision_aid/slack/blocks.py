"""Block Kit building blocks as plain dicts, each within Slack's per-field limits.

Slack refuses a message whose blocks break a limit (3000 characters a section, 150 a
header, 75 a button, 25 elements an actions block, 50 blocks a message, 100 a modal) or
whose blocks add up to more than about 12k characters (`msg_blocks_too_long`). These
helpers cut text at the limits with an ellipsis and `paginate` folds long screens into
pages, so a long result is split, never refused. Pack and user-facing text is escaped for
mrkdwn (& < >), so it cannot form links or mentions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

Block = dict[str, Any]

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
BUTTON_LIMIT = 75
CONTEXT_LIMIT = 10
ACTIONS_LIMIT = 25
MESSAGE_BLOCKS = 50
MODAL_BLOCKS = 100
BUDGET = 11_000
"""Characters of JSON for all blocks of one message, under Slack's ~12k with room to spare."""


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str | None, text: str) -> str:
    """`text` (already escaped) as a mrkdwn link when `url` is a plain http(s) URL."""
    if url and url.startswith(("https://", "http://")) and not any(
            c in url for c in "|<> \n"):
        return f"<{url}|{text}>"
    return text


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain(text: str, limit: int = BUTTON_LIMIT) -> dict[str, Any]:
    return {"type": "plain_text", "text": cut(text, limit) or " ", "emoji": True}


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text, HEADER_LIMIT)}


def section(mrkdwn: str) -> list[Block]:
    """One or more section blocks (long text split at line ends, then cut)."""
    chunks: list[str] = []
    current = ""
    for line in mrkdwn.split("\n"):
        line = cut(line, SECTION_LIMIT)
        if current and len(current) + 1 + len(line) > SECTION_LIMIT:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current.strip():
        chunks.append(current)
    return [{"type": "section", "text": {"type": "mrkdwn", "text": c}} for c in chunks]


def context(*texts: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": cut(t, SECTION_LIMIT)}
                                            for t in texts[:CONTEXT_LIMIT] if t]}


def divider() -> Block:
    return {"type": "divider"}


def button(text: str, action_id: str, value: str = "", *, style: str | None = None,
           url: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "button", "text": plain(text), "action_id": action_id}
    if value:
        element["value"] = value
    if style:
        element["style"] = style
    if url:
        element["url"] = url
    return element


def actions(elements: Sequence[dict[str, Any]], block_id: str | None = None) -> list[Block]:
    """Actions blocks of at most 25 elements; action ids made unique per message."""
    blocks: list[Block] = []
    for start in range(0, len(elements), ACTIONS_LIMIT):
        block: Block = {"type": "actions", "elements": list(elements[start:start +
                                                                      ACTIONS_LIMIT])}
        if block_id:
            block["block_id"] = f"{block_id}_{start // ACTIONS_LIMIT}" if start else block_id
        blocks.append(block)
    return blocks


def unique_action_ids(blocks: list[Block]) -> list[Block]:
    """Slack wants action ids unique within a message: suffix repeats with their index."""
    seen: dict[str, int] = {}
    for block in blocks:
        elements = block.get("elements", []) if block.get("type") == "actions" else []
        accessory = block.get("accessory")
        for element in [*elements, *([accessory] if isinstance(accessory, dict) else [])]:
            action_id = element.get("action_id")
            if not isinstance(action_id, str):
                continue
            count = seen.get(action_id, 0)
            seen[action_id] = count + 1
            if count:
                element["action_id"] = f"{action_id}.{count}"
    return blocks


def size(blocks: Sequence[Block]) -> int:
    return len(json.dumps(blocks, ensure_ascii=False))


def paginate(head: list[Block], groups: Sequence[list[Block]],
             controls: Callable[[int, int], list[Block]], *, max_blocks: int = MESSAGE_BLOCKS,
             budget: int = BUDGET) -> list[list[Block]]:
    """Pages of `head` + as many groups as fit + `controls(page, pages)`.

    A group is kept whole when it fits a page; a group too big for any page is split into
    single blocks. The controls are sized for the worst case (they hold paging buttons).
    """
    reserve = size(controls(1, 2)) + 2
    reserve_blocks = len(controls(1, 2))
    room = budget - size(head) - reserve
    room_blocks = max_blocks - len(head) - reserve_blocks
    pieces: list[list[Block]] = []
    for group in groups:
        if size(group) <= room and len(group) <= room_blocks:
            pieces.append(group)
        else:
            pieces.extend([b] for b in group)
    pages: list[list[Block]] = []
    current: list[Block] = []
    for piece in pieces:
        if current and (size(current) + size(piece) > room or
                        len(current) + len(piece) > room_blocks):
            pages.append(current)
            current = []
        current.extend(piece)
    pages.append(current)
    total = len(pages)
    return [unique_action_ids([*json.loads(json.dumps(head)), *page, *controls(i, total)])
            for i, page in enumerate(pages)]
