"""Every screen but the result: topic picker, usage card, intake replies, a question.

A `Screen` is what one reply shows: blocks, the plain `text` fallback (always set), and
for modals the submit label and `private_metadata`. The interview state rides in the
buttons' values (values.py); nothing here stores anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from decision_aid.core import Answer, Ask, Candidate, KnowledgeBase, QuestionKind, Session
from decision_aid.slack import ids, words
from decision_aid.slack.blocks import (
    BUTTON_LIMIT,
    Block,
    actions,
    button,
    context,
    esc,
    plain,
    section,
    unique_action_ids,
)
from decision_aid.slack.values import Codec

CHECKBOX_OPTIONS = 10  # Slack allows 10 options per checkbox group


@dataclass(frozen=True, slots=True)
class Screen:
    text: str
    blocks: list[Block]
    submit: str | None = None
    """Modals only: the submit button's label (the describe box, multi-choice Continue)."""
    metadata: str = ""
    """Modals only: private_metadata, the state a submission continues from."""
    extra: dict[str, Any] = field(default_factory=dict)


def note_block(note: str | None) -> list[Block]:
    return [context(f":information_source: {esc(note)}")] if note else []


def picker(kb: KnowledgeBase, *, note: str | None = None, modal: bool = False) -> Screen:
    """The topics as buttons; in a modal also the describe box (a view submission)."""
    blocks: list[Block] = [*note_block(note), *section(words.PICK_TOPIC)]
    if modal:
        blocks.append({"type": "input", "block_id": ids.DESCRIBE_BLOCK, "optional": True,
                       "label": plain(words.DESCRIBE_LABEL, 2000),
                       "hint": plain(words.DESCRIBE_HINT, 2000),
                       "element": {"type": "plain_text_input", "action_id": "text",
                                   "max_length": 500}})
    blocks.extend(topic_buttons(kb.topics.values()))
    blocks.append(context(esc(words.PRIVACY)))
    return Screen(words.PICK_TOPIC.replace("*", ""), unique_action_ids(blocks),
                  submit=words.FIND if modal else None, metadata="describe")


def topic_buttons(topics: Sequence[Any] | Any) -> list[Block]:
    return actions([button(t.title, ids.TOPIC, t.id) for t in topics])


def usage(command: str) -> Screen:
    text = words.USAGE.format(command=command)
    return Screen(text.replace("*", ""), [*section(text), context(esc(words.PRIVACY))])


def refusal(kb: KnowledgeBase, message: str, *, modal: bool = False,
            delete_hint: bool = False) -> Screen:
    """The PHI guard's warning (never the text), then the topics to pick from instead."""
    lines = f"{words.PHI_TITLE} {esc(message)}"
    if delete_hint:
        lines += "\n" + words.PHI_DELETE
    base = picker(kb, modal=modal)
    return Screen(message, [*section(lines), *base.blocks], submit=base.submit,
                  metadata=base.metadata, extra={"refusal": message})


def candidates(kb: KnowledgeBase, found: Sequence[Candidate]) -> Screen:
    blocks = [*section(words.DID_YOU_MEAN), *topic_buttons([c.topic for c in found]),
              *actions([button(words.ALL_TOPICS, ids.RESTART)])]
    return Screen(words.DID_YOU_MEAN.replace("*", ""), unique_action_ids(blocks))


def prefill(codec: Codec, kb: KnowledgeBase, candidate: Candidate, filled: Session,
            empty: Session) -> Screen:
    """Answers the description states, to confirm before they are used."""
    lines = "\n".join(f"• {esc(p.line)}" for p in candidate.prefill)
    heading = f"*{esc(kb.wording('prefill_heading'))}*"
    blocks = [context(esc(candidate.topic.title)), *section(f"{heading}\n{lines}"),
              *actions([button(words.USE_PREFILL, ids.RESUME, codec.value("use", filled),
                               style="primary"),
                        button(words.ANSWER_MYSELF, ids.RESUME, codec.value("own", empty)),
                        button(words.START_OVER, ids.RESTART)])]
    return Screen(kb.wording("prefill_heading"), unique_action_ids(blocks))


def question(codec: Codec, kb: KnowledgeBase, step: Ask, *, why: bool = False,
             note: str | None = None, modal: bool = False,
             preselect: Answer | None = None) -> Screen:
    """One question: options as buttons (checkboxes + Continue for multi-choice), then Back,
    Start over and Why?, and the progress line."""
    q, session = step.question, step.session
    topic = kb.topics[session.topic]
    progress = kb.wording("progress", number=step.number, at_most=step.at_most)
    blocks: list[Block] = [context(f"{esc(topic.title)} · {progress}"), *note_block(note)]
    long_labels = any(len(o.label) > BUTTON_LIMIT for o in q.options)
    text = f"*{esc(q.prompt)}*"
    if long_labels:
        text += "\n" + "\n".join(f"{i}. {esc(o.label)}" for i, o in enumerate(q.options, 1))
    blocks.extend(section(text))
    if why:
        blocks.extend(section(f":bulb: *{words.WHY_LABEL}:* {esc(q.why)}"))
    submit = None
    metadata = ""
    if q.kind is QuestionKind.MULTI:
        chosen = set(preselect) if isinstance(preselect, tuple) else set()
        blocks.append(_checkboxes(q.id, [(o.id, _label(i, o.label, long_labels))
                                         for i, o in enumerate(q.options, 1)], chosen))
        blocks.append(context(esc(words.NONE_TICKED)))
        if modal:
            submit, metadata = words.CONTINUE, f"{q.id} {codec.state(session)}"
        else:
            blocks.extend(actions([button(words.CONTINUE, ids.CONTINUE,
                                          codec.value(q.id, session), style="primary")]))
    else:
        blocks.extend(actions([
            button(_label(i, o.label, long_labels), ids.ANSWER,
                   codec.value(f"{q.id}={o.id}", session),
                   style="primary" if preselect == o.id else None)
            for i, o in enumerate(q.options, 1)]))
    blocks.extend(actions([button(words.BACK, ids.BACK, codec.value("back", session)),
                           button(words.START_OVER, ids.RESTART),
                           button(words.WHY, ids.WHY, codec.value("hide" if why else "show",
                                                                  session))]))
    return Screen(f"{q.prompt} ({progress})", unique_action_ids(blocks), submit=submit,
                  metadata=metadata)


def _label(number: int, label: str, numbered: bool) -> str:
    return f"{number}. {label}" if numbered else label


def _checkboxes(qid: str, options: list[tuple[str, str]], chosen: set[str]) -> Block:
    elements = []
    for start in range(0, len(options), CHECKBOX_OPTIONS):
        group = options[start:start + CHECKBOX_OPTIONS]
        element: dict[str, Any] = {
            "type": "checkboxes", "action_id": f"{ids.MULTI}_{start // CHECKBOX_OPTIONS}",
            "options": [{"text": plain(label), "value": oid} for oid, label in group]}
        initial = [{"text": plain(label), "value": oid} for oid, label in group
                   if oid in chosen]
        if initial:
            element["initial_options"] = initial
        elements.append(element)
    return {"type": "actions", "block_id": ids.MULTI_BLOCK + qid, "elements": elements}
