"""Hostile rule packs through every entrance that reads them (issues 12 and 13).

Each input goes through `rules lint`, `--rules DIR` and `$DECISION_AID_RULES` in a child
process: the exit code, one short line naming the file (and the line:col where there is
one), no traceback, bounded CPU time and memory (tests/hostile/childrun.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from childrun import assert_bounded, run_child
from conftest import Env
from hostile_inputs import (
    FIRST_PRIORITY,
    demo_pack,
    fifo,
    loop,
    sparse,
    with_priority,
)


def text_file(text: str | bytes, name: str = "x.yaml") -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_bytes(text.encode() if isinstance(text, str) else text)
    return make


def in_folder(make: Callable[[Path], Path], name: str = "x.yaml") -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        demo_pack(folder)
        make(folder / name)
    return build


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# id, how to make the pack folder, the problem code, where it points (a regex after the id)
PACKS = [
    pytest.param(lambda f: demo_pack(f, with_priority("1" + ":59" * 200_000)), "bad-scalar",
                 re.escape(FIRST_PRIORITY), id="sexagesimal-priority-600kb"),
    pytest.param(lambda f: demo_pack(f, with_priority("0x" + "f" * 5000)), "bad-scalar",
                 re.escape(FIRST_PRIORITY), id="hex-priority-5000-digits"),
    pytest.param(lambda f: demo_pack(f, with_priority("9" * 5000)), "bad-scalar",
                 re.escape(FIRST_PRIORITY), id="decimal-priority-5000-digits"),
    pytest.param(lambda f: demo_pack(f, with_priority(".nan")), "bad-scalar",
                 re.escape(FIRST_PRIORITY), id="nan-priority"),
    pytest.param(text_file("a: [" + "1, " * 1_600_000 + "1]\n"), "yaml-too-many-nodes",
                 r"x\.yaml:1:1", id="flow-list-4.8mb"),
    pytest.param(lambda f: [text_file("a: [" + "1, " * 1_500_000 + "1]\n", f"x{i}.yaml")(f)
                            for i in range(4)], "yaml-too-many-nodes", r"x3\.yaml:1:1",
                 id="four-packs-of-4.5mb"),
    pytest.param(text_file("{" + ", ".join(f"k{i}: 1" for i in range(400_000)) + "}\n"),
                 "yaml-too-many-nodes", r"x\.yaml:1:1", id="400k-keys"),
    pytest.param(lambda f: (f.mkdir(), sparse(f / "x.yaml", 50_000_000)), "file-too-large",
                 r"x\.yaml", id="50mb-file"),
    pytest.param(text_file(billion_laughs()), "yaml-too-many-nodes", r"x\.yaml:1:1",
                 id="billion-laughs"),
    pytest.param(text_file("a: " + "[" * 20_000 + "]" * 20_000 + "\n"),
                 "(yaml-syntax|yaml-too-deep)", r"x\.yaml:1:\d+", id="nesting-20000-deep"),
    pytest.param(text_file("a: !!python/object/apply:os.system [ls]\n"), "yaml-tag",
                 r"x\.yaml:1:4", id="python-tag"),
    pytest.param(text_file("a: 1\nb: 2\na: 3\n"), "duplicate-key", r"x\.yaml:3:1",
                 id="duplicate-keys"),
    pytest.param(text_file("a:\n\tb: 1\n"), "yaml-syntax", r"x\.yaml:2:1", id="tab"),
    pytest.param(text_file("topic:\n  id: x\n  title: 'unclosed\n"), "yaml-syntax",
                 r"x\.yaml:3:10", id="unclosed-quote"),
    pytest.param(text_file("a: café\n".encode("latin-1")), "file-encoding", r"x\.yaml",
                 id="latin-1"),
    pytest.param(text_file("a: 1\n".encode("utf-16")), "file-encoding", r"x\.yaml",
                 id="utf-16"),
    pytest.param(text_file(bytes(range(256)) * 40), "file-encoding", r"x\.yaml", id="binary"),
    pytest.param(in_folder(fifo), "file-not-regular", r"x\.yaml", id="fifo-in-folder"),
    pytest.param(in_folder(loop), "file-link-loop", r"x\.yaml", id="symlink-loop-in-folder"),
    pytest.param(in_folder(lambda p: (p.symlink_to(p.parent / "gone.yaml"), p)[1]),
                 "file-link-dangling", r"x\.yaml", id="dangling-link-in-folder"),
    pytest.param(in_folder(lambda p: (p.symlink_to("/dev/zero"), p)[1]), "file-not-regular",
                 r"x\.yaml", id="dev-zero-in-folder"),
    pytest.param(loop, "file-link-loop", "", id="folder-is-a-symlink-loop"),
]


def lint(folder: Path, env: Env) -> tuple[list[str], Env]:
    return ["rules", "lint", "--isolated", folder.name], env


def rules_flag(folder: Path, env: Env) -> tuple[list[str], Env]:
    return ["topics", "--rules", folder.name], env


def env_overlay(folder: Path, env: Env) -> tuple[list[str], Env]:
    return ["topics"], {**env, "DECISION_AID_RULES": folder.name}


ENTRANCES = [pytest.param(lint, 1, id="rules-lint"),
             pytest.param(rules_flag, 2, id="rules-flag"),
             pytest.param(env_overlay, 2, id="env-overlay")]


@pytest.mark.parametrize(("entrance", "exit_code"), ENTRANCES)
@pytest.mark.parametrize(("make", "code", "where"), PACKS)
def test_a_hostile_pack_is_one_problem_line_in_bounded_time_and_memory(
        corpus: Path, child_env: Env, entrance: Callable[[Path, Env], tuple[list[str], Env]],
        exit_code: int, make: Callable[[Path], object], code: str, where: str) -> None:
    folder = corpus / "pack"
    make(folder)
    args, env = entrance(folder, child_env)

    child = run_child(args, env=env, cwd=corpus)

    at = rf"pack/{where}" if where else "pack"
    assert_bounded(child, code=exit_code, line=rf"^{at}(:\d+:\d+)?: {code} ")


def test_a_folder_named_like_a_pack_is_a_warning_not_skipped(corpus: Path, child_env: Env
                                                             ) -> None:
    demo_pack(corpus / "pack")
    (corpus / "pack" / "more.yaml").mkdir()

    child = run_child(["rules", "lint", "--isolated", "pack"], env=child_env, cwd=corpus)
    assert_bounded(child, code=0, line=r"^pack/more\.yaml: file-is-folder warning: ")

    strict = run_child(["rules", "lint", "--strict", "--isolated", "pack"], env=child_env,
                       cwd=corpus)
    assert_bounded(strict, code=1, line=r"^pack/more\.yaml: file-is-folder warning: ")


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_a_huge_hex_priority_is_refused_before_ask_can_render_it(
        corpus: Path, child_env: Env, fmt: str) -> None:
    # issue 13 item 6: this passed lint and crashed ask at the 4,300-digit limit
    demo_pack(corpus / "pack", with_priority("0x" + "f" * 5000))

    child = run_child(["ask", "demo-requests", "--rules", "pack", "--answer",
                       "requester=patient", "--format", fmt], env=child_env, cwd=corpus)

    assert_bounded(child, code=2, line=rf"^pack/{re.escape(FIRST_PRIORITY)}: bad-scalar ")


def test_the_command_line_pack_paths_are_checked_too(corpus: Path, child_env: Env) -> None:
    fifo(corpus / "lone.yaml")

    child = run_child(["rules", "lint", "--isolated", "lone.yaml", "/dev/zero"],
                      env=child_env, cwd=corpus)

    assert_bounded(child, code=1, line=r"^lone\.yaml: file-not-regular ")
    assert re.search(r"^/dev/zero: file-not-regular ", child.stdout, re.M)
