"""Small packs written inline in tests: a standard header and rules with every field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

TODAY = date(2026, 12, 1)
DEMO_RULES = Path(__file__).resolve().parents[2] / "examples" / "rules"
DEMO_CONTENT = tuple(
    DEMO_RULES / name
    for name in ("demo-references.yaml", "demo-replies.yaml", "demo-figures.yaml",
                 "demo-contacts.yaml")
)

HEADER = """\
topic:
  id: {topic_id}
  title: Inline pack
  summary: A small pack written inside a test.
  decision: Should I accept?
  version: 1.0.0
  reviewed: 2026-01-01
  review_due: 2027-06-01
  options_considered:
    - {{id: accept, label: Accept, benefits: [Feels friendly.], harms: [Blurs boundaries.]}}
    - {{id: decline, label: Decline, benefits: [Keeps boundaries.], harms: [May feel cold.]}}
  triggers: [inline request]
"""

RULE_BODY = """\
    headline: Decline kindly and redirect.
    reasons: [A reason.]
    actions: [An action.]
    sources: [demo-source]
    evidence:
      strength: good-practice-statement
      certainty: not-graded
      scale: GRADE
      basis: professional-society-consensus
    limits: Example only.
"""

REQUESTER = """\
questions:
  - id: requester
    prompt: Who sent the request?
    why: Patients and colleagues are treated differently.
    kind: single
    options:
      - {id: patient, label: A patient}
      - {id: colleague, label: A colleague}
"""


def topic_yaml(body: str, topic_id: str = "inline") -> str:
    """A topic file: the standard header, then `body` (questions, derived, rules)."""
    return HEADER.format(topic_id=topic_id) + body


def rule_yaml(rule_id: str, priority: int, when: str | None = None,
              verdict: str = "caution") -> str:
    """One rule as a block item, with every required field filled in."""
    text = f"  - id: {rule_id}\n    priority: {priority}\n"
    if when is not None:
        text += f"    when: {when}\n"
    else:  # a fallback says the guidance does not cover the answers (checks/scope.py)
        text += "    scope: not-covered\n    contact: demo_lead\n"
    return text + f"    verdict: {verdict}\n" + RULE_BODY
