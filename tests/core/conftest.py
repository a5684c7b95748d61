"""Fixtures for core tests: load small packs written inline and compare their problems."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path

import pytest
from packtext import DEMO_CONTENT, TODAY

from decision_aid.core import Layer, LoadResult, load

LoadText = Callable[..., LoadResult]


@pytest.fixture
def load_text(tmp_path: Path) -> LoadText:
    """Write files into a fresh directory and load it on top of the demo content."""

    def run(files: Mapping[str, str] | str, *, today: date = TODAY) -> LoadResult:
        if isinstance(files, str):
            files = {"pack.yaml": files}
        folder = tmp_path / "pack"
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return load([Layer("built-in", DEMO_CONTENT), Layer("fixture", (folder,))],
                    today=today)

    return run


@pytest.fixture
def assert_problems(load_text: LoadText) -> Callable[[str, Sequence[tuple[int, int, str]]], None]:
    """`assert_problems(yaml_text, [(14, 9, "unknown-fact")])`: exactly these, in order."""

    def check(text: str, expected: Sequence[tuple[int, int, str]]) -> None:
        result = load_text(text)
        found = [(p.span.line, p.span.col, p.code) for p in result.problems]
        assert found == list(expected), [p.format() for p in result.problems]

    return check
