"""The README's examples do what it says they do, against the packs that ship (#9 item 10)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from decision_aid.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def shell_commands(text: str) -> list[list[str]]:
    """The commands of the README's ```sh blocks, continuation lines joined, comments off."""
    commands: list[list[str]] = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words:
                commands.append(words)
    return commands


def ask_examples() -> list[list[str]]:
    return [words for words in shell_commands(README.read_text(encoding="utf-8"))
            if words[:2] == ["decision-aid", "ask"]]


def test_the_readme_shows_an_ask_example() -> None:
    assert ask_examples()


@pytest.mark.parametrize("words", ask_examples(), ids=lambda words: " ".join(words[1:3]))
def test_the_readme_ask_example_reaches_a_verdict(
        words: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("DECISION_AID_HOME", "DECISION_AID_RULES", "DECISION_AID_JURISDICTION"):
        monkeypatch.delenv(name, raising=False)

    code = main(words[1:])

    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), out
    assert "Needs an answer" not in out


def test_the_first_screen_keeps_the_two_commands() -> None:
    first = shell_commands(README.read_text(encoding="utf-8"))[:2]

    assert first == [["scripts/run"], ["scripts/test"]]
