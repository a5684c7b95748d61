"""Hard points that do not say they are hard.

Where the sources are silent, disagree, or a rule is the pack's own inference, the result
must say so. A rule whose evidence rests on expert opinion or inference, or on a single
source checked only through a secondary report, must set `gap:` (silent, split or
inference); a `gap: split` rule must say where the sources disagree (`disagreement`).

Bad — the pack's own reading, presented as if a source said it::

    - id: follow-back
      sources: [rheum-2017]          # one source, checked: secondary
      evidence: {basis: expert-opinion, ...}

Good::

    - id: follow-back
      gap: silent
      limits: No code addresses one-way follows; this applies the friending guidance.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from decision_aid.core._model import Gap, KnowledgeBase, Rule
from decision_aid.core._problems import Problem, Severity

if TYPE_CHECKING:
    from decision_aid.core._checks import CheckContext

CODES = ("unflagged-hard-point",)
SOFT_BASES = ("expert-opinion", "inference")


def check(kb: KnowledgeBase, context: CheckContext) -> Iterator[Problem]:
    for topic in kb.topics.values():
        for rule in topic.rules:
            why = _why_hard(kb, rule)
            if why and rule.gap is None:
                yield Problem(rule.span, "unflagged-hard-point",
                              f"rule '{rule.id}' {why} but does not say how firm it is",
                              "add gap: silent, split or inference (and a disagreement "
                              "note for split)", Severity.WARNING)
            if rule.gap is Gap.SPLIT and not rule.disagreement:
                yield Problem(rule.span, "unflagged-hard-point",
                              f"rule '{rule.id}' says the sources disagree (gap: split) but "
                              "not where", "add disagreement: ...", Severity.WARNING)


def _why_hard(kb: KnowledgeBase, rule: Rule) -> str | None:
    if rule.evidence.basis in SOFT_BASES:
        return f"rests on {rule.evidence.basis.replace('-', ' ')}"
    if len(rule.sources) == 1:
        source = kb.sources.get(rule.sources[0])
        if source is not None and source.checked == "secondary":
            return f"rests on one source ('{source.key}') checked only at second hand"
    return None
