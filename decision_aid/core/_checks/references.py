"""References from rules to content that does not exist.

Bad::

    sources: [bosslet-201]     # no such key in content/references.yaml
    reply: decline-request     # no such id in content/replies.yaml

Good: every `sources` key, `reply`, `figures` and `contact` id is defined under content/,
and every figure names a known source.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from decision_aid.core._model import KnowledgeBase, Rule
from decision_aid.core._problems import Problem, did_you_mean

if TYPE_CHECKING:
    from decision_aid.core._checks import CheckContext

CODES = ("unknown-source", "unknown-reply", "unknown-figure", "unknown-contact")


def check(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    for topic in kb.topics.values():
        for rule in topic.rules:
            yield from _rule(kb, rule)
    for figure in kb.figures.values():
        if figure.source not in kb.sources:
            yield Problem(figure.span, "unknown-source",
                          f"figure '{figure.id}' cites unknown source '{figure.source}'",
                          did_you_mean(figure.source, kb.sources) or
                          "add it to content/references.yaml")


def _missing(rule: Rule, kind: str, ident: str, known: Mapping[str, object], where: str
             ) -> Problem:
    return Problem(rule.span, f"unknown-{kind}",
                   f"rule '{rule.id}' names unknown {kind} '{ident}'",
                   did_you_mean(ident, known) or f"add it to {where}")


def _rule(kb: KnowledgeBase, rule: Rule) -> Iterator[Problem]:
    for key in rule.sources:
        if key not in kb.sources:
            yield _missing(rule, "source", key, kb.sources, "content/references.yaml")
    if rule.reply and rule.reply not in kb.replies:
        yield _missing(rule, "reply", rule.reply, kb.replies, "content/replies.yaml")
    for fid in rule.figures:
        if fid not in kb.figures:
            yield _missing(rule, "figure", fid, kb.figures, "content/figures.yaml")
    if rule.contact and rule.contact not in kb.contacts:
        yield _missing(rule, "contact", rule.contact, kb.contacts, "content/contacts.yaml")
