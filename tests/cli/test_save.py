"""--save on `ask` and the interview: written when asked, never over a file without --force
(#9 item 5)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from .args import DEMO, PATIENT, Run

PLAIN_KEYS = "1\n1\n1\n2\nq\n"  # demo topic, a patient, personal account, not urgent, quit
OLD = "an earlier result\n"


@pytest.mark.parametrize("where", ["after", "before"])
def test_ask_saves_the_result(cli: Run, tmp_path: Path,
                              where: str) -> None:
    target = tmp_path / "result.md"
    save = ["--save", str(target)]
    argv = [*save, "ask", "demo-requests", *PATIENT] if where == "before" else \
        ["ask", "demo-requests", *PATIENT, *save]

    code, out, err = cli(*argv, *DEMO)

    assert code == 0
    assert "Don't accept; decline kindly and redirect." in out
    assert err == f"Saved to {target}\n"
    assert "Don't accept; decline kindly and redirect." in target.read_text(encoding="utf-8")


def test_ask_saves_by_the_file_extension_not_the_output_format(
        cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "result.json"

    code, _, _ = cli("ask", "demo-requests", *PATIENT, "--format", "markdown",
                     "--save", str(target), *DEMO)

    assert code == 0
    assert target.read_text(encoding="utf-8").lstrip().startswith("{")


def test_ask_does_not_overwrite_without_force(cli: Run,
                                              tmp_path: Path) -> None:
    target = tmp_path / "result.md"
    target.write_text(OLD, encoding="utf-8")

    code, out, err = cli("ask", "demo-requests", *PATIENT, "--save", str(target), *DEMO)

    assert (code, out) == (2, "")
    assert err == (f"decision-aid: {target} exists; add --force to overwrite it, "
                   "or choose another file\n")
    assert target.read_text(encoding="utf-8") == OLD


def test_ask_overwrites_with_force(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "result.md"
    target.write_text(OLD, encoding="utf-8")

    code, _, _ = cli("ask", "demo-requests", *PATIENT, "--save", str(target), "--force",
                     *DEMO)

    assert code == 0
    assert "Don't accept" in target.read_text(encoding="utf-8")


def test_ask_that_needs_an_answer_says_nothing_was_saved(
        cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "result.md"

    code, _, err = cli("ask", "demo-requests", "--answer", "requester=patient",
                       "--save", str(target), *DEMO)

    assert code == 3
    assert err == f"decision-aid: not saved to {target}: the result needs more answers\n"
    assert not target.exists()


def test_ask_with_a_save_of_an_unknown_kind_is_refused_first(
        cli: Run, tmp_path: Path) -> None:
    code, out, err = cli("ask", "demo-requests", *PATIENT, "--save",
                         str(tmp_path / "result.docx"), *DEMO)

    assert (code, out) == (2, "")
    assert err.startswith("decision-aid: ") and ".md" in err


def test_the_interview_refuses_an_existing_save_file_before_asking(
        cli: Run, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "result.md"
    target.write_text(OLD, encoding="utf-8")
    stdin = io.StringIO(PLAIN_KEYS)
    monkeypatch.setattr("sys.stdin", stdin)

    code, out, err = cli("interview", "--plain", "--save", str(target), *DEMO)

    assert (code, out) == (2, "")
    assert err == (f"decision-aid: {target} exists; add --force to overwrite it, "
                   "or choose another file\n")
    assert stdin.tell() == 0  # nothing was asked, so nothing typed is lost
    assert target.read_text(encoding="utf-8") == OLD


def test_the_interview_overwrites_with_force(cli: Run,
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "result.md"
    target.write_text(OLD, encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(PLAIN_KEYS))

    code, out, _ = cli("--plain", "--save", str(target), "--force", *DEMO)

    assert code == 0
    assert f"Saved to {target}" in out
    assert "Don't accept" in target.read_text(encoding="utf-8")


def test_a_save_file_that_appears_during_the_interview_is_not_overwritten(
        cli: Run, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "result.md"

    class Appears(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            if self.tell() == len("1\n1\n1\n"):  # just before the last answer
                target.write_text(OLD, encoding="utf-8")
            return super().readline(size)

    monkeypatch.setattr("sys.stdin", Appears(PLAIN_KEYS))

    code, out, err = cli("--plain", "--save", str(target), *DEMO)

    assert code == 2
    assert f"! Could not save: {target} exists; add --force to overwrite it" in out
    assert err == f"The result was not saved to {target}.\n"
    assert target.read_text(encoding="utf-8") == OLD


def test_the_interview_keeps_saving_its_own_file_after_a_change(
        cli: Run, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "result.md"
    # ... then change the first answer to a colleague with two signals, and quit
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n1\n1\n2\nc\n1\n2\n1 2\nq\n"))

    code, out, _ = cli("--plain", "--save", str(target), *DEMO)

    assert code == 0
    assert out.count(f"Saved to {target}") == 2
    assert "Accepting is reasonable" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(("where", "said"), [
    pytest.param("missing/result.md", "there is no folder", id="no-folder"),
    pytest.param(".", "is a folder: name a file in it", id="a-folder"),
])
def test_ask_refuses_a_save_place_that_cannot_take_a_file_before_any_work(
        cli: Run, tmp_path: Path, where: str, said: str) -> None:
    target = tmp_path / where

    code, out, err = cli("ask", "demo-requests", *PATIENT, "--save", str(target), *DEMO)

    assert (code, out) == (2, "")
    assert said in err and "Errno" not in err
    assert err.count("\n") == 1


def test_a_write_that_fails_is_said_in_one_plain_line(
        cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path, *args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_text", refuse)
    target = tmp_path / "result.md"

    code, _, err = cli("ask", "demo-requests", *PATIENT, "--save", str(target), *DEMO)

    assert code == 2
    assert err == (f"decision-aid: the result was not saved to {target}: cannot save to "
                   f"{target}: permission denied (choose a place you can write to)\n")


@pytest.mark.parametrize(("typed", "said"), [
    pytest.param("missing/out.md", "there is no folder", id="no-folder"),
    pytest.param(".", "is a folder: name a file in it", id="a-folder"),
])
def test_the_interview_menu_says_why_a_place_cannot_be_saved_to(
        cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        typed: str, said: str) -> None:
    place = tmp_path / typed
    monkeypatch.setattr("sys.stdin", io.StringIO(f"1\n1\n1\n2\ns\n{place}\nq\n"))

    code, out, _ = cli("--plain", *DEMO)

    assert code == 0
    assert f"! Could not save: {place}" in out or f"! Could not save: cannot save to {place}" \
        in out
    assert said in out and "Errno" not in out and "Overwrite" not in out


OURS = """\
wording:
  save:
    saved: "Enregistré dans {path}"
  interview:
    input_ended: Fin de l'entrée.
  menu:
    quit: quitter
  ask:
    needs_answer: "Il manque une réponse : {question} — {prompt}"
"""


def test_an_overlay_replaces_the_interface_sentences_faces_used_to_hold(
        cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # was: written in the faces' code (ask.py, entry.py, the menus), so no overlay could
    (tmp_path / "ours").mkdir()
    (tmp_path / "ours" / "wording.yaml").write_text(OURS, encoding="utf-8")
    ours = ["--rules", str(tmp_path / "ours")]
    target = tmp_path / "result.md"

    code, out, _ = cli("ask", "demo-requests", *DEMO, *ours)
    assert code == 3 and out.startswith("Il manque une réponse : requester — ")

    code, _, err = cli("ask", "demo-requests", *PATIENT, "--save", str(target), *DEMO, *ours)
    assert (code, err) == (0, f"Enregistré dans {target}\n")

    monkeypatch.setattr("sys.stdin", io.StringIO(PLAIN_KEYS))
    code, out, _ = cli("--plain", *DEMO, *ours)
    assert code == 0 and "q quitter" in out

    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))  # the input ends mid-interview
    code, _, err = cli("--plain", *DEMO, *ours)
    assert (code, err) == (3, "Fin de l'entrée.\n")
