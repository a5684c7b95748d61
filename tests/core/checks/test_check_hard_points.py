"""checks/hard_points.py: rules on soft ground must say how firm they are."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from packtext import REQUESTER, rule_yaml, topic_yaml

from decision_aid.core import LoadResult

LoadText = Callable[..., LoadResult]

SECONDARY = """\
references:
  - {key: second-hand, citation: A news report of a case., year: 2020, kind: commentary,
     jurisdiction: US, url: "https://example.org/news", checked: secondary}
"""


def pack(*extra: str, basis: str = "professional-society-consensus",
         sources: str = "[demo-source]") -> str:
    rule = rule_yaml("patient", 10, "{fact: requester, is: patient}", "avoid")
    rule = rule.replace("basis: professional-society-consensus", f"basis: {basis}")
    rule = rule.replace("sources: [demo-source]", f"sources: {sources}")
    rule += "".join(f"    {line}\n" for line in extra)
    return topic_yaml(REQUESTER + "rules:\n" + rule + rule_yaml("default", 0))


def warnings(result: LoadResult) -> list[str]:
    return [p.message for p in result.problems if p.code == "unflagged-hard-point"]


@pytest.mark.parametrize(("basis", "sources", "why"), [
    pytest.param("expert-opinion", "[demo-source]", "rests on expert opinion", id="opinion"),
    pytest.param("inference", "[demo-source]", "rests on inference", id="inference"),
    pytest.param("professional-society-consensus", "[second-hand]",
                 "rests on one source ('second-hand') checked only at second hand",
                 id="one-secondary-source"),
])
def test_soft_ground_without_a_gap_is_a_warning(load_text: LoadText, basis: str,
                                                sources: str, why: str) -> None:
    result = load_text({"pack.yaml": pack(basis=basis, sources=sources),
                        "refs.yaml": SECONDARY})

    assert warnings(result) == [f"rule 'patient' {why} but does not say how firm it is"]


def test_a_second_source_or_a_gap_settles_it(load_text: LoadText) -> None:
    both = load_text({"pack.yaml": pack(sources="[second-hand, demo-source]"),
                      "refs.yaml": SECONDARY})
    flagged = load_text(pack("gap: silent", basis="expert-opinion"))

    assert warnings(both) == [] and warnings(flagged) == []


def test_split_needs_the_disagreement(load_text: LoadText) -> None:
    bare = load_text(pack("gap: split"))
    said = load_text(pack("gap: split", "disagreement: The AMA is less strict."))

    assert warnings(bare) == [
        "rule 'patient' says the sources disagree (gap: split) but not where"]
    assert warnings(said) == []
