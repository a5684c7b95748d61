"""References from rules to content that does not exist.

Bad::

    sources: [bosslet-201]     # no such key in content/references.yaml
    reply: decline-request     # no such id in content/replies.yaml

Good: every `sources` key, `reply`, `figures` and `contact` id is defined under content/,
and every figure names a known source.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from decision_aid.core._model import KnowledgeBase, Rule
from decision_aid.core._problems import Problem, Span, did_you_mean

if TYPE_CHECKING:
    from decision_aid.core._checks import CheckContext

CODES = ("unknown-source", "unknown-reply", "unknown-figure", "unknown-contact")


def check(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    for topic in kb.topics.values():
        for rule in topic.rules:
            yield from _rule(kb, rule, Where(context, topic.id, rule))
    for figure in kb.figures.values():
        if figure.source not in kb.sources:
            yield Problem(figure.span, "unknown-source",
                          f"figure '{figure.id}' cites unknown source '{figure.source}'",
                          did_you_mean(figure.source, kb.sources) or
                          "add it to content/references.yaml")


@dataclass(frozen=True, slots=True)
class Where:
    """A rule and how to find where its keys were written."""

    context: CheckContext
    topic: str
    rule: Rule

    def __call__(self, key: str, index: int | None = None) -> Span:
        return self.context.keys.span(self.topic, self.rule, key, index)


def _missing(at: Span, rule: Rule, kind: str, ident: str, known: Mapping[str, object],
             where: str) -> Problem:
    return Problem(at, f"unknown-{kind}", f"rule '{rule.id}' names unknown {kind} '{ident}'",
                   did_you_mean(ident, known) or f"add it to {where}")


def _rule(kb: KnowledgeBase, rule: Rule, at: Where) -> Iterator[Problem]:
    for i, key in enumerate(rule.sources):
        if key not in kb.sources:
            yield _missing(at("sources", i), rule, "source", key, kb.sources,
                           "content/references.yaml")
    if rule.reply and rule.reply not in kb.replies:
        yield _missing(at("reply"), rule, "reply", rule.reply, kb.replies,
                       "content/replies.yaml")
    for i, fid in enumerate(rule.figures):
        if fid not in kb.figures:
            yield _missing(at("figures", i), rule, "figure", fid, kb.figures,
                           "content/figures.yaml")
    if rule.contact and rule.contact not in kb.contacts:
        yield _missing(at("contact"), rule, "contact", rule.contact, kb.contacts,
                       "content/contacts.yaml")
