"""Safe file reading and listing: odd files are problems, never tracebacks or skipped silently.

(FIFOs, which would hang a regression forever, are tried in child processes with a time
limit in tests/hostile/.)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from packtext import DEMO_CONTENT

from decision_aid.core import Layer, Severity, default_layers, load
from decision_aid.core._files import display_path, read_bytes, real_path, yaml_files
from decision_aid.core._problems import Problem


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\n")

    assert read_bytes(path) == b"a: 1\n"


def test_a_file_over_the_limit_is_refused_from_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as f:
        f.truncate(10**10)  # a sparse 10 GB: reading it would exhaust memory

    got = read_bytes(path, name="big.yaml", limit=1000)

    assert isinstance(got, Problem)
    assert got.format() == ("big.yaml: file-too-large 10000000000 bytes is over the 1000 "
                            "byte limit (split it into smaller files (see docs/limits.md))")


def test_an_endless_device_is_refused_before_it_is_read() -> None:
    got = read_bytes(Path("/dev/zero"), limit=1000)

    assert isinstance(got, Problem)
    assert got.code == "file-not-regular"
    assert "character device" in got.message


def test_a_symlink_loop_is_a_problem(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)

    got = read_bytes(loop, name="loop.yaml")

    assert isinstance(got, Problem)
    assert got.format() == ("loop.yaml: file-link-loop the symbolic link goes round in a loop "
                            "(point the link at a real file or remove it)")


def test_a_dangling_link_is_a_problem_naming_its_target(tmp_path: Path) -> None:
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "missing.yaml")

    got = read_bytes(link)

    assert isinstance(got, Problem)
    assert got.code == "file-link-dangling"
    assert "missing.yaml" in got.message


def test_a_folder_is_not_read_as_a_file(tmp_path: Path) -> None:
    got = read_bytes(tmp_path)

    assert isinstance(got, Problem)
    assert got.code == "file-is-folder"


def test_real_path_and_display_path_survive_a_loop(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.symlink_to(b)
    b.symlink_to(a)

    assert real_path(a).name in ("a", "b")
    assert display_path(a)


def listing(folder: Path, *, recursive: bool = False) -> tuple[list[str], list[str]]:
    files, problems = yaml_files(folder, recursive=recursive)
    return ([p.relative_to(folder).as_posix() for p in files],
            [f"{Path(p.span.path).name} {p.code} {p.severity.value}" for p in problems])


def test_odd_entries_in_a_pack_folder_are_reported_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text("a: 1\n")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "gone.yml").symlink_to(tmp_path / "absent.yaml")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "notes.txt").write_text("not yaml\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "nested.yaml").write_text("a: 1\n")

    assert listing(tmp_path) == (["good.yaml"], [
        "folder.yaml file-is-folder warning",
        "gone.yml file-link-dangling error",
        "loop.yaml file-link-loop error",
    ])


def test_a_device_linked_into_a_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")

    assert listing(tmp_path) == ([], ["zero.yaml file-not-regular error"])


def test_a_case_folder_is_read_recursively_and_a_folder_loop_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.yaml").write_text("x: 1\n")
    (tmp_path / "a" / "up").symlink_to(tmp_path)
    (tmp_path / "linked").symlink_to(tmp_path / "a")

    files, problems = listing(tmp_path, recursive=True)

    assert files == ["a/one.yaml"]
    assert problems == ["up file-link-loop warning", "linked file-link-loop warning"]


def test_a_symlink_loop_as_an_overlay_is_a_load_problem_not_a_traceback(tmp_path: Path) -> None:
    loop = tmp_path / "overlay"
    loop.symlink_to(loop)

    result = load([Layer("built-in", DEMO_CONTENT), *default_layers([loop], builtin=False)])

    assert [(p.code, p.severity) for p in result.problems] == [
        ("file-link-loop", Severity.ERROR)]


def test_a_symlink_loop_in_the_environment_overlay_is_a_load_problem(tmp_path: Path) -> None:
    loop = tmp_path / "rules"
    loop.symlink_to(loop)

    layers = default_layers(builtin=False, environ={"DECISION_AID_RULES": str(loop)})
    result = load([Layer("built-in", DEMO_CONTENT), *layers])

    assert [p.code for p in result.problems] == ["file-link-loop"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)

    got = read_bytes(path)

    assert isinstance(got, Problem)
    assert got.code == "file-unreadable"
