"""Fixtures every test directory may use: the repository root and the demo pack."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from decision_aid.core import Conclude, KnowledgeBase, Layer, Result, load, next_step, with_answers

# Tests are hermetic: no pack cache in the user's home (tests/core/test_cache.py turns it on
# in a temporary directory). Subprocesses the tests start inherit this too.
os.environ["DECISION_AID_CACHE"] = "off"

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_RULES = REPO_ROOT / "examples" / "rules"


@cache
def demo_kb() -> KnowledgeBase:
    """The example pack (topic demo-requests) alone, loaded once per run."""
    return load([Layer("demo", (DEMO_RULES,))]).unwrap()


@pytest.fixture
def repo_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, so problem paths read `tests/fixtures/...`."""
    monkeypatch.chdir(REPO_ROOT)
    return REPO_ROOT


@pytest.fixture
def demo() -> KnowledgeBase:
    return demo_kb()


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Empty built-in rules/ and content/, so tests never depend on the real content."""
    home = tmp_path / "home"
    (home / "rules").mkdir(parents=True)
    (home / "content").mkdir()
    monkeypatch.setenv("DECISION_AID_HOME", str(home))
    monkeypatch.delenv("DECISION_AID_RULES", raising=False)
    monkeypatch.delenv("DECISION_AID_JURISDICTION", raising=False)
    return home


def demo_result(kb: KnowledgeBase, answers: dict[str, object]) -> Result:
    """The demo topic's result for these answers (which must reach one)."""
    step = next_step(kb, with_answers(kb, "demo-requests", answers))
    assert isinstance(step, Conclude), step
    return step.result


@pytest.fixture
def conclude() -> Callable[[KnowledgeBase, dict[str, object]], Result]:
    return demo_result


@pytest.fixture
def avoid_result(demo: KnowledgeBase) -> Result:
    """The demo's richest result: avoid, with a reply, a figure and a source."""
    return demo_result(demo, {"requester": "patient", "platform": "personal", "urgent": "no"})
