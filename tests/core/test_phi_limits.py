"""The PHI guard's limits: over-long text refused unread, and the detector linear on 1 MB.

Faces never scan more than ``MAX_TEXT_CHARS``; the detector itself must still finish long
hostile input (tests/data/phi_hostile.yaml: digits, names, dates, separators and near-misses
of every rule) in time proportional to its length, with no
catastrophic backtracking. The 1 MB check runs in a child process that reports its own CPU
time and peak memory; the bounds are generous (CI machines are slow and shared), and the
slowest input is printed. Run ``pytest tests/core/test_phi_limits.py -q`` and read the
"PHI 1 MB" line.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from decision_aid.core import phi
from decision_aid.core.phi import MAX_TEXT_CHARS, PhiReport, redact, scan

# --------------------------------------------------------------------------------------------
# The length limit
# --------------------------------------------------------------------------------------------


def test_text_at_the_limit_is_scanned() -> None:
    text = "my patient John Smith " + "x" * (MAX_TEXT_CHARS - 22)
    assert len(text) == MAX_TEXT_CHARS
    report = scan(text)
    assert not report.too_long
    assert report.kinds == (phi.PhiKind.NAME,)


def test_text_over_the_limit_is_refused_unread() -> None:
    text = "a nurse asked " * (MAX_TEXT_CHARS // 14 + 1)
    assert len(text) > MAX_TEXT_CHARS
    report = scan(text)
    assert report == PhiReport((), too_long=True)
    assert report.flagged
    assert report.kinds == ()
    assert report.warning() == (
        "That is longer than 3,000 characters: describe the situation in a few sentences, "
        "without names. Nothing was stored.")
    assert redact(text) == "[TOO LONG]"
    assert redact(text, report) == "[TOO LONG]"


def test_the_limit_is_a_few_kilobytes() -> None:
    assert 1_000 <= MAX_TEXT_CHARS <= 4_000


def test_identifiers_past_the_limit_are_not_echoed() -> None:
    text = "x" * MAX_TEXT_CHARS + " my patient John Smith, DOB 03/04/1961"
    report = scan(text)
    assert report.too_long and not report.findings
    assert "John" not in report.warning() and "1961" not in report.warning()


# --------------------------------------------------------------------------------------------
# The detector on long input
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a" * 100_000, id="letters"),
        pytest.param("1" * 100_000, id="digits"),
        pytest.param("1 " * 50_000, id="spaced-digits"),
        pytest.param("Aaaa Bbbb " * 10_000, id="title-case-pairs"),
        pytest.param("patient Aaaa " * 8_000, id="patient-names"),
        pytest.param("nurse Zoë Ærø " * 8_000, id="role-accented-names"),
        pytest.param("a@" * 50_000, id="at-signs"),
        pytest.param("a." * 50_000, id="dots"),
        pytest.param("ab:" * 33_000, id="colons"),
        pytest.param("http://" + "a" * 100_000, id="long-url"),
        pytest.param("12/" * 33_000, id="slashes"),
        pytest.param("DOB " * 25_000, id="keywords"),
    ],
)
def test_long_input_completes(text: str) -> None:
    text = text[:100_000]
    findings = phi._detect(text)
    previous_end = 0
    for f in findings:
        assert previous_end <= f.start < f.end <= len(text)
        previous_end = f.end
    redact(text, PhiReport(findings))


HOSTILE_PATH = Path(__file__).resolve().parent.parent / "data" / "phi_hostile.yaml"
HOSTILE: dict[str, str] = yaml.safe_load(HOSTILE_PATH.read_text(encoding="utf-8"))
SIZES = (50_000, 500_000)
"""Every unit at these two sizes (ten times the text, about ten times the work)..."""
MEGABYTE = ("digits", "digits and separators", "dates", "names beside role words",
            "name near-misses", "phone near-misses", "mixed", "every kind")
"""...and these, the slowest families, at 1 MB as well (all at 1 MB: benchmarks/bench_phi.py)."""


def test_every_rule_meets_a_hostile_input_shaped_for_it() -> None:
    """Each rule's pre-filter and context are met by some unit, so each regex really runs
    over a megabyte of text (a pre-filter that fails skips its rule)."""
    for rule in phi._RULES:
        assert any((rule.needs is None or rule.needs.search(unit))
                   and (rule.near is None or rule.near.search(unit))
                   for unit in HOSTILE.values()), rule.pattern.pattern[:80]


# The child builds each input at two sizes and times the detector on both with process_time.
_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    import yaml
    from decision_aid.core import phi

    UNITS = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    SIZES, MEGABYTE = json.loads(sys.argv[2])
    def cpu(unit, size):
        text = (unit * (size // len(unit) + 1))[:size]
        start = time.process_time()
        phi._detect(text)
        return time.process_time() - start

    result = {name: [cpu(unit, size) for size in SIZES] for name, unit in UNITS.items()}
    megabyte = {name: cpu(UNITS[name], 1_000_000) for name in MEGABYTE}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": result, "megabyte": megabyte, "peak_mb": peak_mb}))
""")
MAX_SECONDS_PER_MB = 60.0
"""Typical runs take 1-4 s per MB here; a regression to backtracking would take minutes."""
MAX_GROWTH = 30.0
"""Ten times the text should cost about ten times the work; quadratic would be 100."""
MAX_PEAK_MB = 400.0


def test_one_megabyte_inputs_finish_in_bounded_time(capsys: pytest.CaptureFixture[str]) -> None:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(HOSTILE_PATH),
                           json.dumps([SIZES, MEGABYTE])],
                          capture_output=True, text=True, check=True, timeout=1800)
    report = json.loads(done.stdout)
    seconds: dict[str, list[float]] = report["seconds"]
    megabyte: dict[str, float] = report["megabyte"]
    slowest = max(megabyte, key=megabyte.__getitem__)
    with capsys.disabled():
        print("\nPHI hostile inputs (CPU s at 50 KB, 500 KB): "
              + ", ".join(f"{name} {a:.2f}/{b:.2f}" for name, (a, b) in seconds.items())
              + "\nPHI 1 MB inputs (CPU s): "
              + ", ".join(f"{name} {t:.2f}" for name, t in megabyte.items())
              + f"; slowest: {slowest} {megabyte[slowest]:.2f} s; "
              f"peak {report['peak_mb']:.0f} MB")
    for name, (tenth, whole) in seconds.items():
        assert whole < MAX_SECONDS_PER_MB / 2, (name, whole)
        assert whole < MAX_GROWTH * max(tenth, 0.05), (name, tenth, whole)
    assert all(t < MAX_SECONDS_PER_MB for t in megabyte.values()), megabyte
    assert report["peak_mb"] < MAX_PEAK_MB
