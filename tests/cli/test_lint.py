"""`rules lint` says what it checked: an overlay that only extends a topic is named with the
topic it extends, and every problem of a broken pack shows in one run (#9 item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_aid.cli import main

EXTENSION = """\
extends: demo-requests
version: "1"
policy: Our trust asks staff not to connect with patients on any platform.
"""


def test_an_extension_only_overlay_is_named_with_the_topic_it_extends(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "local.yaml").write_text(EXTENSION, encoding="utf-8")

    code = main(["rules", "lint", "--rules", "examples/rules", str(tmp_path)])

    out, err = capsys.readouterr()
    assert (code, out) == (0, "")
    assert err == (f"ok: 1 topic(s), no problems\n"
                   f"{tmp_path / 'local.yaml'}: extends demo-requests\n")


def test_an_unknown_fact_and_an_unknown_source_show_together(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = Path("examples/rules/demo-requests.yaml").read_text(encoding="utf-8")
    at = text.index("- id: trusted-colleague")  # its condition and its sources break
    rule = (text[at:].replace("fact: signal_count", "fact: signal_cont", 1)
            .replace("sources: [demo-source]", "sources: [demo-sorce]", 1))
    broken = text[:at] + rule
    assert broken.count("demo-sorce") == 1 and "signal_cont," in broken
    for path in Path("examples/rules").glob("demo-*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "demo-requests.yaml").write_text(broken, encoding="utf-8")

    code = main(["rules", "lint", "--isolated", str(tmp_path)])

    out = capsys.readouterr().out
    assert code == 1
    assert [line.split(": ")[1].split()[0] for line in out.splitlines()] == [
        "unknown-fact", "unknown-source"]


def test_a_copy_of_a_built_in_pack_points_at_isolated(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # was: only "topic ... is already defined" for every topic of the copy
    for path in Path("examples/rules").glob("demo-*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")

    code = main(["rules", "lint", "--rules", "examples/rules",
                 str(tmp_path / "demo-requests.yaml")])

    _, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines()[-1] == (
        "note: a topic defined twice is an error; change a loaded topic with 'extends:', "
        "or check a copy on its own with --isolated")


def test_isolated_checks_a_copy_of_the_content_instead_of_the_built_in_content(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, isolated_home: Path) -> None:
    # was: every reference, reply and figure of the copy "is already defined"
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in Path("examples/rules").glob("demo-*.yaml"):
        (copy / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (isolated_home / "content" / "references.yaml").write_text(
        (copy / "demo-references.yaml").read_text(encoding="utf-8"), encoding="utf-8")

    code = main(["rules", "lint", "--isolated", str(copy)])

    _, err = capsys.readouterr()
    assert (code, err) == (0, "ok: 1 topic(s), no problems\n")
