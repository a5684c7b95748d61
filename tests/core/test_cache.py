"""The pack cache: a hit gives the same knowledge base; any change or damage is a miss."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from decision_aid.core import Layer, load
from decision_aid.core import _cache as pack_cache

DEMO = Path(__file__).resolve().parents[2] / "examples" / "rules"


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(pack_cache.ENV, str(where))
    return where


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    copy = tmp_path / "rules"
    shutil.copytree(DEMO, copy)
    return copy


def _entries(where: Path) -> list[Path]:
    return sorted(where.rglob("*.bin")) if where.exists() else []


def test_a_second_load_reads_the_cache_and_gives_the_same_knowledge_base(
        cached: Path, pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load([Layer("demo", (pack,))])
    stored = _entries(cached)
    assert len(stored) == 7  # five files, the base wording and the check results

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached file was parsed again")

    monkeypatch.setattr("decision_aid.core._loader.read_yaml", no_parsing)
    second = load([Layer("demo", (pack,))])
    assert second.problems == first.problems
    assert second.kb is not None and first.kb is not None
    assert second.kb.topics.keys() == first.kb.topics.keys()
    topic_a, topic_b = first.kb.topics["demo-requests"], second.kb.topics["demo-requests"]
    assert [r.id for r in topic_a.rules] == [r.id for r in topic_b.rules]
    assert [r.span for r in topic_a.rules] == [r.span for r in topic_b.rules]


def test_a_changed_file_is_read_again(cached: Path, pack: Path) -> None:
    load([Layer("demo", (pack,))])
    target = pack / "demo-requests.yaml"
    target.write_text(target.read_text().replace("verdict: avoid", "verdict: avod"))
    result = load([Layer("demo", (pack,))])
    assert not result.ok
    assert any(p.code == "bad-value" for p in result.problems)


def test_broken_files_are_not_cached_so_their_problems_stay_visible(cached: Path,
                                                                   pack: Path) -> None:
    target = pack / "demo-requests.yaml"
    target.write_text(target.read_text().replace("verdict: avoid", "verdict: avod"))
    first = load([Layer("demo", (pack,))])
    second = load([Layer("demo", (pack,))])
    assert first.problems == second.problems and not second.ok


def test_a_damaged_entry_is_a_miss_not_an_error(cached: Path, pack: Path) -> None:
    first = load([Layer("demo", (pack,))])
    for entry in _entries(cached):
        entry.write_bytes(b"\x00garbage")
    second = load([Layer("demo", (pack,))])
    assert second.problems == first.problems and second.ok


def test_off_writes_nothing(tmp_path: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
                            ) -> None:
    monkeypatch.setenv(pack_cache.ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert load([Layer("demo", (pack,))]).ok
    assert not (tmp_path / "xdg").exists()
