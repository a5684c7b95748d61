"""`about` on a terminal is rendered Markdown; anywhere else it is the page as written
(#9 item 10)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from decision_aid.cli import main

PAGE = ("# About these packs\n\nIt is **guidance**, not legal advice.\n\n"
        "- one\n- two\n\nSee [the GMC](https://www.gmc-uk.org/).\n")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def about_page(isolated_home: Path) -> None:
    (isolated_home / "docs").mkdir()
    (isolated_home / "docs" / "ABOUT.md").write_text(PAGE, encoding="utf-8")


def test_about_on_a_terminal_is_rendered(about_page: None, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    screen = Terminal()
    monkeypatch.setattr("sys.stdout", screen)
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("TERM", "xterm-256color")

    assert main(["about"]) == 0

    text = re.sub(r"\x1b\[[0-9;]*m", "", screen.getvalue())  # bold and underline codes
    assert "About these packs" in text and "# About" not in text
    assert "guidance" in text and "**" not in text
    assert "• one" in text
    assert "https://www.gmc-uk.org/" in text  # the address stays readable, not only a link
    assert max(len(line) for line in text.splitlines()) <= 40


def test_about_on_a_pipe_is_the_page_as_written(about_page: None,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["about"]) == 0

    assert capsys.readouterr().out == PAGE


def test_about_on_a_dumb_terminal_is_the_page_as_written(
        about_page: None, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = Terminal()
    monkeypatch.setattr("sys.stdout", screen)
    monkeypatch.setenv("TERM", "dumb")

    assert main(["about"]) == 0

    assert screen.getvalue() == PAGE
