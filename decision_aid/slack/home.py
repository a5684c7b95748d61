"""App Home, the reply to an @mention, and the identifier check's reply.

App Home shows the topics, how it works, the privacy notice and each topic's content
version and review date, with a start button (clicks there open the interview in a
modal: a Home tab has no response_url). A mention never gets a public reply about the
scenario: the person gets an ephemeral offer to start privately.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from decision_aid.core import KnowledgeBase, Refusal, intake
from decision_aid.slack import ids, words
from decision_aid.slack.blocks import (
    MODAL_BLOCKS,
    actions,
    button,
    context,
    divider,
    esc,
    header,
    section,
    unique_action_ids,
)
from decision_aid.slack.screens import Screen, topic_buttons

if TYPE_CHECKING:
    from decision_aid.slack.flow import Interview


def home_view(kb: KnowledgeBase) -> dict[str, Any]:
    blocks = [header(words.HOME_TITLE), *section(words.HOW_IT_WORKS),
              *actions([button(words.START, ids.OPEN_MODAL, "start", style="primary")]),
              divider(), *section(f"*{words.TOPICS}*")]
    for topic in kb.topics.values():
        blocks.extend(section(f"*{esc(topic.title)}*: {esc(topic.summary)}"))
        blocks.append(context(esc(words.CONTENT_VERSION.format(
            topic=topic.title, version=topic.version, reviewed=topic.reviewed))))
    blocks.extend(topic_buttons(kb.topics.values()))
    blocks.extend([divider(), context(esc(words.PRIVACY))])
    return {"type": "home", "blocks": unique_action_ids(blocks[:MODAL_BLOCKS])}


def mention_offer(interview: Interview, text: str) -> Screen:
    """A private offer to start; the mention's text only goes through the intake."""
    found = intake(interview.kb, text)
    del text
    if isinstance(found, Refusal):
        body = f"{words.PHI_TITLE} {esc(found.message)}\n{words.PHI_DELETE}"
        blocks = [*section(body), *section(words.MENTION_OFFER)]
        topic = ""
    else:
        blocks = section(words.MENTION_OFFER)
        best = found.candidates[0] if found.confident and found.candidates else None
        topic = best.topic.id if best else ""
    blocks.extend(actions([button(words.START_PRIVATE, ids.START_PRIVATE, f"{topic} ",
                                  style="primary")]))
    blocks.append(context(esc(words.PRIVACY)))
    return Screen(words.MENTION_OFFER, unique_action_ids(blocks))


def check_result(warning: str | None) -> Screen:
    """The identifier check's private reply: what kinds were found, never the text."""
    lines = f"{words.CHECK_FLAGGED} {esc(warning)}" if warning else words.CHECK_CLEAN
    blocks = [*section(lines), *section(f"*{words.CHECK_OFFER}*"),
              *actions([button(words.START_POSTING, ids.TOPIC, f"{words.POSTING_TOPIC} ")])]
    return Screen(warning or words.CHECK_CLEAN, unique_action_ids(blocks))
