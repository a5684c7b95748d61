"""The command line called through `main([...])`, on empty built-in packs (the demo pack is
added with `--rules examples/rules`), from the repository root."""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_aid.cli import main

from .args import Run


@pytest.fixture(autouse=True)
def _isolated(isolated_home: Path, repo_root: Path) -> None:
    """Empty built-in packs, and the repository root as the working directory."""


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Run:
    """`cli("ask", ...)`: the exit code and what was printed on stdout and stderr."""

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run
