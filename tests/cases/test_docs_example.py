"""The example case in docs/pack-format.md loads and passes against the shipped packs.

Issue 11: the documented example used questions the packs no longer have and failed.
"""

from __future__ import annotations

import re
from pathlib import Path

from decision_aid.cases.load import load_cases
from decision_aid.cases.runner import run_case
from decision_aid.core import default_layers, load

ROOT = Path(__file__).resolve().parents[2]


def test_the_documented_case_passes_against_the_shipped_packs(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "pack-format.md").read_text(encoding="utf-8")
    section = text[text.index("## Trainer cases"):text.index("## Overlays")]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None
    path = tmp_path / "example.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    kb = load(default_layers(environ={})).unwrap()

    cases, problems = load_cases([path], kb)

    assert [p.format() for p in problems] == []
    outcome = run_case(kb, cases[0])
    assert outcome.passed, outcome.failures
    assert dict(cases[0].answers)["requester"] == "current_patient"  # the label became the id
