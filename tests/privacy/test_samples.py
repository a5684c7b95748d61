"""The privacy suite's inputs are what the detector itself calls identifying."""

from __future__ import annotations

import pytest

from decision_aid.core.phi import PhiKind, scan

from .phi_samples import EVERYTHING, SAMPLES, Sample, found_in


def test_every_kind_the_detector_knows_has_a_sample() -> None:
    assert {s.kind for s in SAMPLES} == set(PhiKind)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: f"{s.kind}-{s.identifier[:12]}")
def test_each_sample_is_flagged_as_its_kind_over_its_identifier(sample: Sample) -> None:
    report = scan(sample.text)
    at = sample.text.index(sample.identifier)
    assert any(f.kind is sample.kind and f.start <= at and at + len(sample.identifier) <= f.end
               for f in report.findings), report.findings
    assert found_in(sample.text)


def test_the_combined_message_holds_every_identifier_and_every_kind() -> None:
    report = scan(EVERYTHING)
    assert not report.too_long
    for sample in SAMPLES:
        assert sample.identifier in EVERYTHING
    assert set(report.kinds) == set(PhiKind)
