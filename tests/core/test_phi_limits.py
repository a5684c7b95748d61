"""The PHI guard's limits: over-long text refused unread, and the detector linear on 1 MB.

Faces never scan more than ``MAX_TEXT_CHARS``; the detector itself must still finish long
hostile input (digits, names, dates, separators) in time proportional to its length, with no
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

import pytest

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


# The child builds each input at two sizes and times the detector on both with process_time.
_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    from decision_aid.core import phi

    UNITS = {
        "digits": "4915550123",
        "spaced digits": "7 0 7 7 0 9 ",
        "digits and separators": "12-34/56.78:90 +(1) ",
        "dates": "DOB 03/04/1961 born 3rd March 1961 ",
        "names": "Mrs Zoë O'Brien-Ærø and Mr J. Lopez ",
        "names beside role words": "the nurse named Grace Hale told patient Tom Baxter ",
        "separators": "-/.:,;()@#_ ",
        "mixed": "pt Ian Boyd DOB 1/2/1940 phone 0161 496 0999 at 14 Kingsway Rd LS6 3QR ",
    }
    result = {}
    for name, unit in UNITS.items():
        times = []
        for size in (250_000, 1_000_000):
            text = (unit * (size // len(unit) + 1))[:size]
            start = time.process_time()
            phi._detect(text)
            times.append(time.process_time() - start)
        result[name] = times
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": result, "peak_mb": peak_mb}))
""")
MAX_SECONDS_PER_MB = 60.0
"""Typical runs take 1-4 s per MB here; a regression to backtracking would take minutes."""
MAX_GROWTH = 8.0
"""Four times the text should cost about four times the work; quadratic would be 16."""
MAX_PEAK_MB = 400.0


def test_one_megabyte_inputs_finish_in_bounded_time(capsys: pytest.CaptureFixture[str]) -> None:
    done = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True,
                          check=True, timeout=900)
    report = json.loads(done.stdout)
    seconds: dict[str, list[float]] = report["seconds"]
    slowest = max(seconds, key=lambda name: seconds[name][1])
    with capsys.disabled():
        print("\nPHI 1 MB inputs (CPU s at 250 KB, 1 MB): "
              + ", ".join(f"{name} {a:.2f}/{b:.2f}" for name, (a, b) in seconds.items())
              + f"; slowest: {slowest} {seconds[slowest][1]:.2f} s; "
              f"peak {report['peak_mb']:.0f} MB")
    for name, (quarter, whole) in seconds.items():
        assert whole < MAX_SECONDS_PER_MB, (name, whole)
        assert whole < MAX_GROWTH * max(quarter, 0.05), (name, quarter, whole)
    assert report["peak_mb"] < MAX_PEAK_MB
