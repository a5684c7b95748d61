"""checks/references.py: sources, replies, figures and contacts a rule names must exist."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from packtext import REQUESTER, rule_yaml, topic_yaml

from decision_aid.core import LoadResult

LoadText = Callable[..., LoadResult]


def pack(extra: str) -> str:
    patient = rule_yaml("patient", 10, "{fact: requester, is: patient}", "avoid") + extra
    return topic_yaml(REQUESTER + "rules:\n" + patient + rule_yaml("default", 0))


@pytest.mark.parametrize(("extra", "expected"), [
    ("    reply: demo-decline\n    figures: [demo-figure]\n", []),
    ("    reply: nothing-like-it\n",
     ["unknown-reply rule 'patient' names unknown reply 'nothing-like-it' "
      "(add it to content/replies.yaml)"]),
    ("    figures: [demo-figure, demo-figures]\n",
     ["unknown-figure rule 'patient' names unknown figure 'demo-figures' "
      "(did you mean 'demo-figure'?)"]),
    ("    contact: lead\n",
     ["unknown-contact rule 'patient' names unknown contact 'lead' "
      "(did you mean 'demo_lead'?)"]),
])
def test_every_reference_of_a_rule_is_checked(load_text: LoadText, extra: str,
                                              expected: list[str]) -> None:
    result = load_text(pack(extra))

    found = [p.format().split(": ", 1)[1] for p in result.problems]
    assert found == expected


def test_every_missing_source_is_reported(load_text: LoadText) -> None:
    text = pack("").replace("    sources: [demo-source]\n",
                            "    sources: [demo-source, missing-a, missing-b]\n", 1)

    result = load_text(text)

    assert [p.message for p in result.problems] == [
        "rule 'patient' names unknown source 'missing-a'",
        "rule 'patient' names unknown source 'missing-b'"]


def test_reference_problems_point_at_the_key_not_the_rule(load_text: LoadText) -> None:
    result = load_text(pack("    reply: nope\n"))  # the rule starts at 22:5 (#9 item 9)

    assert [(p.span.line, p.span.col) for p in result.problems] == [(36, 12)]
