"""The short version of the Slack soak (benchmarks/soak_slack.py) in CI: the same driver
against the real `decision-aid slack --http` on gunicorn, 800 signed requests at
concurrency 20 with 5% malformed, over 127.0.0.1. Only correctness is asserted (nothing
lost, no 5xx, every well-formed request 2xx, every click's reply landed once); latency
and memory growth are printed, never asserted: this machine may be shared."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("slack_bolt")
pytest.importorskip("gunicorn")
pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SOAK = ROOT / "benchmarks" / "soak_slack.py"


def test_a_short_soak_loses_nothing_and_never_answers_5xx(tmp_path: Path) -> None:
    out = tmp_path / "soak.json"
    done = subprocess.run([sys.executable, str(SOAK), "--requests", "800", "--seconds", "5",
                           "--concurrency", "20", "--malformed", "0.05", "--json", str(out)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    print(done.stdout)  # the figures, for the CI log
    assert out.exists(), done.stdout[-2000:] + done.stderr[-2000:]
    figures = json.loads(out.read_text())

    assert figures["requests"] == 800 and figures["malformed"] == 40
    assert figures["lost"] == 0, figures["lost_errors"]
    assert figures["fivexx"] == 0, figures["statuses"]
    assert figures["well_formed_2xx"] == figures["well_formed"], figures["statuses"]
    assert {key.split()[0] for key in figures["statuses"]} == {
        "command", "click", "bad_signature", "truncated", "garbage"}
    clicks = sum(n for key, n in figures["statuses"].items() if key.startswith("click "))
    assert clicks > 300 and figures["replies_expected"] == clicks
    assert figures["replies_landed"] == figures["replies_expected"]
    assert figures["replies_repeated"] == 0 and figures["replies_invalid"] == 0
    assert figures["log_problems"] == {}
    assert figures["rss_samples"] > 0 and figures["rss_growth"] is not None  # reported only
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
