"""Where the built-in packs are found: the environment, an installed wheel, or a checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_aid.core import _sources as sources
from decision_aid.core import builtin_packs

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_decision_aid_home_overrides_everything(tmp_path: Path) -> None:
    packs = builtin_packs({"DECISION_AID_HOME": str(tmp_path)})

    assert (packs.rules, packs.content, packs.about) == (
        tmp_path / "rules", tmp_path / "content", tmp_path / "docs" / "ABOUT.md")
    assert packs.cases == tmp_path / "content" / "cases"
    assert packs.origin == "environment"


def test_a_checkout_reads_the_repository_folders() -> None:
    packs = builtin_packs({})

    assert packs.origin == "checkout"  # the editable install has no decision_aid/_data
    assert packs.rules == REPO_ROOT / "rules"
    assert packs.about == REPO_ROOT / "docs" / "ABOUT.md"
    assert packs.about.is_file()


def test_an_installed_wheel_reads_its_packaged_copy(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "_data" / "rules").mkdir(parents=True)

    class FakeResources:
        @staticmethod
        def files(package: str) -> Path:
            assert package == "decision_aid"
            return tmp_path

    monkeypatch.setattr(sources, "resources", FakeResources)
    packs = builtin_packs({})

    assert packs.origin == "package"
    assert packs.rules == tmp_path / "_data" / "rules"
    assert packs.about == tmp_path / "_data" / "ABOUT.md"


def test_the_environment_wins_over_an_installed_wheel(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "_data").mkdir()
    monkeypatch.setattr(sources, "_packaged_data", lambda: tmp_path / "_data")

    assert builtin_packs({"DECISION_AID_HOME": "/srv/packs"}).origin == "environment"
    assert builtin_packs({"DECISION_AID_HOME": ""}).origin == "package"
