"""Hostile answers files, case folders, session states, typed input and flags (issue 13).

Every run is a child process under the bounds of tests/hostile/childrun.py; each asserts
the exit code, a one-line message naming the file (and position) or the input, and no
traceback.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from childrun import assert_bounded, run_child
from conftest import Env
from hostile_inputs import DEMO_RULES, copy_cases, fifo, loop, sparse

DEMO = ["--rules", str(DEMO_RULES)]


# -- --answers ---------------------------------------------------------------------------------
def answers_text(text: str) -> object:
    return lambda path: path.write_text(text, encoding="utf-8")


ANSWERS = [
    pytest.param(lambda p: p.symlink_to("/dev/zero"), r"file-not-regular", id="dev-zero"),
    pytest.param(fifo, r"file-not-regular", id="fifo"),
    pytest.param(loop, r"file-link-loop", id="symlink-loop"),
    pytest.param(lambda p: sparse(p, 50_000_000), r"file-too-large", id="50mb"),
    pytest.param(answers_text("".join(f"q{i}: x\n" for i in range(100_000))),
                 r"(file-too-large|yaml-too-many-nodes)", id="100k-answers"),
    pytest.param(answers_text("".join(f"q{i}: x\n" for i in range(1_000))),
                 r"1000 answers is over the limit", id="1000-answers"),
    pytest.param(answers_text("- requester\n- patient\n"), r"expected a mapping",
                 id="wrong-shape"),
    pytest.param(answers_text("requester: 0x" + "f" * 5000 + "\n"), r"bad-scalar",
                 id="huge-hex"),
    pytest.param(answers_text("requestor: patient\n"), r"not a question of topic",
                 id="unknown-question"),
    pytest.param(lambda p: p.write_bytes("requester: patiënt\n".encode("latin-1")),
                 r"file-encoding", id="latin-1"),
]


@pytest.mark.parametrize(("make", "message"), ANSWERS)
def test_a_hostile_answers_file_is_one_line_and_exit_2(
        corpus: Path, child_env: Env, make: object, message: str) -> None:
    make(corpus / "answers.yaml")  # type: ignore[operator]

    child = run_child(["ask", "demo-requests", "--answers", "answers.yaml", *DEMO],
                      env=child_env, cwd=corpus)

    assert_bounded(child, code=2, line=rf"^decision-aid: .*{message}")
    assert child.stderr.count("\n") == 1


def test_thirty_thousand_answer_flags_are_refused_quickly(corpus: Path, child_env: Env) -> None:
    # issue 13 item 9: 23 s in argparse before the error
    flags = [arg for i in range(30_000) for arg in ("--answer", f"q{i}=x")]

    child = run_child(["ask", "demo-requests", *flags, *DEMO], env=child_env, cwd=corpus)

    assert_bounded(child, code=2, line=r"^decision-aid: 60004 arguments is over the limit")


def test_an_answer_that_does_not_apply_is_a_warning(corpus: Path, child_env: Env) -> None:
    child = run_child(["ask", "demo-requests", "--answer", "requester=patient", "--answer",
                       "platform=personal", "--answer", "urgent=no", "--answer", "signals=met",
                       *DEMO], env=child_env, cwd=corpus)

    assert_bounded(child, code=0, line=r"^decision-aid: warning: the answer to 'signals' was "
                                       r"ignored")


# -- cases run ---------------------------------------------------------------------------------
CASE_FOLDERS = [
    pytest.param(lambda d: fifo(d / "pipe.yaml"), 1, r"^cases/pipe\.yaml: file-not-regular ",
                 id="fifo"),
    pytest.param(lambda d: loop(d / "loop.yaml"), 1, r"^cases/loop\.yaml: file-link-loop ",
                 id="symlink-loop"),
    pytest.param(lambda d: (d / "up").symlink_to(d), 0,
                 r"^cases/up: file-link-loop warning: ", id="folder-loop"),
    pytest.param(lambda d: (d / "zero.yaml").symlink_to("/dev/zero"), 1,
                 r"^cases/zero\.yaml: file-not-regular ", id="dev-zero"),
    pytest.param(lambda d: sparse(d / "big.yaml", 50_000_000), 1,
                 r"^cases/big\.yaml: file-too-large ", id="50mb"),
    pytest.param(lambda d: (d / "extra.yaml").write_text(
        "id: demo-extra\ntitle: An answer that does not apply\ntopic: demo-requests\n"
        "answers: {requester: patient, platform: personal, urgent: 'no', signals: [met]}\n"
        "expect: {verdict: avoid}\n"), 1, r"answer to 'signals' was not used",
        id="answer-that-does-not-apply"),
]


@pytest.mark.parametrize(("make", "code", "line"), CASE_FOLDERS)
def test_a_hostile_case_folder_is_reported(corpus: Path, child_env: Env, make: object,
                                           code: int, line: str) -> None:
    folder = copy_cases(corpus / "cases")
    make(folder)  # type: ignore[operator]

    child = run_child(["cases", "run", "cases", *DEMO], env=child_env, cwd=corpus)

    assert_bounded(child, code=code, line=line)


def test_a_symlink_loop_as_the_case_folder_is_reported(corpus: Path, child_env: Env) -> None:
    loop(corpus / "cases")

    child = run_child(["cases", "run", "cases", *DEMO], env=child_env, cwd=corpus)

    assert_bounded(child, code=1, line=r"^cases: file-link-loop ")


# -- session states ----------------------------------------------------------------------------
DECODE = """
import sys
from pathlib import Path
from decision_aid.core import Layer, SessionError, decode_session, encode_session, load
from decision_aid.core import with_answers
kb = load([Layer("demo", (Path(sys.argv[1]),))]).unwrap()
key = b"hostile-test-key"
good = encode_session(with_answers(kb, "demo-requests", {"requester": "colleague",
                                                          "signals": ["met"]}), key=key)
for line in Path(sys.argv[2]).read_text("utf-8", "surrogatepass").split("\\n"):
    state = line.encode("utf-8", "surrogatepass").decode("unicode_escape")
    try:
        decode_session(state, kb, key=key)
        print("accepted")
    except SessionError:
        print("refused")
for bad in (b"", ):
    for call in (lambda: encode_session(decode_session(good, kb, key=key), key=bad),
                 lambda: decode_session(good, kb, key=bad)):
        try:
            call()
        except ValueError as exc:
            print("usage:", exc)
print("good", decode_session(good, kb, key=key).answers)
"""


def mutated_states(count: int, seed: int = 13) -> list[str]:
    """Truncated, extended, flipped and re-signed variants of a state, and odd characters."""
    rng = random.Random(seed)
    base = "v1|demo-requests|1.0.0|requester=colleague|signals=met~AAAAAAAAAAAAAAAAAAAAAA"
    alphabet = "|~=+*-_.aZ9\u00e9\ud800\udfff\x00\n "
    states = ["v1|demo-requests|1.0.0|requester=coll\ud800eague", "\ud800" * 1000,
              "x" * 10_000_000, ""]
    for _ in range(count):
        chars = list(base)
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(chars) + 1)
            op = rng.choice("idr")
            if op == "i":
                chars.insert(i, rng.choice(alphabet))
            elif chars:
                i = min(i, len(chars) - 1)
                if op == "d":
                    del chars[i]
                else:
                    chars[i] = rng.choice(alphabet)
        states.append("".join(chars)[: rng.randint(0, len(chars))])
    return states


def test_twenty_thousand_hostile_states_are_refused_cleanly(corpus: Path, child_env: Env
                                                            ) -> None:
    states = mutated_states(20_000)
    path = corpus / "states.txt"
    path.write_text("\n".join(s.encode("unicode_escape").decode("ascii") for s in states),
                    encoding="utf-8")

    child = run_child([str(DEMO_RULES), str(path)], env=child_env, cwd=corpus, code=DECODE)

    assert_bounded(child, code=0, line=r"^usage: the signing key is empty")
    lines = child.stdout.splitlines()
    assert lines.count("refused") + lines.count("accepted") == len(states)
    assert lines.count("accepted") == 0  # every mutation breaks the made-up signature
    assert lines.count("usage: the signing key is empty: pass a secret key, or None for no "
                       "signature") == 2
    assert lines[-1].startswith("good (('requester', 'colleague'), ('signals', ('met',)))")


# -- the plain interview -------------------------------------------------------------------------
TYPED = [
    pytest.param(b"\xc2\xb2\n1\n\xc2\xb9\n1\n1\n2\nq\n", {}, id="superscripts"),
    pytest.param(b"1" * 5000 + b"\n1\n1\n1\n2\nq\n", {}, id="5000-digits"),
    pytest.param(b"\xff\xfe\x80\n1\n1\n1\n2\nq\n", {"PYTHONIOENCODING": "utf-8"},
                 id="not-utf-8"),
    pytest.param(b"1\n1\n1\n2\nq\n", {"PYTHONIOENCODING": "ascii"}, id="ascii-output"),
    pytest.param(b"x" * 1_000_000 + b"\n1\n1\n1\n2\nq\n", {}, id="1mb-line"),
    pytest.param(b"\x00\x1b[31m\x07\n1\n1\n1\n2\nq\n", {}, id="control-characters"),
]


@pytest.mark.parametrize(("typed", "extra"), TYPED)
def test_hostile_typing_in_the_plain_interview(corpus: Path, child_env: Env, typed: bytes,
                                              extra: Env) -> None:
    child = run_child(["interview", "--plain", *DEMO], env={**child_env, **extra},
                      cwd=corpus, stdin=typed)

    assert_bounded(child, code=0, line=r"^AVOID: ")


@pytest.mark.parametrize("args", [["topics"], ["rules", "lint", "--isolated"],
                                  ["ask", "demo-requests", "--answer", "requester=patient",
                                   "--answer", "platform=personal", "--answer", "urgent=no"]])
def test_every_command_degrades_on_an_ascii_terminal(corpus: Path, child_env: Env,
                                                     args: list[str]) -> None:
    child = run_child([*args, *(DEMO if args[0] != "rules" else [str(DEMO_RULES)])],
                      env={**child_env, "PYTHONIOENCODING": "ascii"}, cwd=corpus)

    assert_bounded(child, code=0)
    child.stdout.encode("ascii")
