"""The pack loader fuzzed through every face: never a traceback, always a problem line
with the file (and line:col for anything inside it) or a valid load that every face can
then run (issue 12).

Mutants come from tests/reliability/pack_mutants.py: text changes that break YAML, and
structure changes that keep it valid and reach the schema, the build and the checks.
Hypothesis draws them (derandomized: CI runs the same examples each time; set
DECISION_AID_FUZZ_EXAMPLES for a longer run). Faces: `load()` as the library, `rules
lint`, `--rules DIR`, `$DECISION_AID_RULES`, and the bot's reload. Time and memory are
measured once, coarsely, on child processes (tests/hostile/childrun.py): one that loads
and walks hundreds of seeded mutants, and the command line on a few of them.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile.childrun import assert_bounded, run_child
from hostile.hostile_inputs import DEMO_RULES, REPO_ROOT
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from decision_aid.cli import main
from decision_aid.core import KnowledgeBaseHolder, Layer, load

from .exercise import problem_faults, walk
from .pack_mutants import (
    ENCODINGS,
    GENTLE_OPS,
    TEXT_OPS,
    TREE_OPS,
    TextMutation,
    TreeMutation,
    dump,
    encode,
    mutate_text,
    mutate_tree,
    random_mutant,
)

EXAMPLES = int(os.environ.get("DECISION_AID_FUZZ_EXAMPLES", "0")) or None
FUZZ = settings(deadline=None, derandomize=EXAMPLES is None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


def fuzz(default: int) -> settings:
    """The fuzz settings with `default` examples (DECISION_AID_FUZZ_EXAMPLES overrides)."""
    return settings(FUZZ, max_examples=EXAMPLES or default)
DEMO_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(DEMO_RULES.glob("*.yaml"))}
REAL_RULES = REPO_ROOT / "rules"
REAL_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(REAL_RULES.glob("*.yaml"))}
PROBLEM_LINE = re.compile(r"^\S.*?(:\d+:\d+)?: [a-z][a-z0-9-]+ ")

fraction = st.floats(0, 1, exclude_max=True)
text_mutations = st.lists(st.builds(TextMutation, st.sampled_from(TEXT_OPS), fraction,
                                    st.integers(0, 999), fraction), min_size=1, max_size=5)
tree_mutations = st.lists(st.builds(TreeMutation, st.sampled_from(TREE_OPS), fraction,
                                    st.integers(0, 999), fraction), min_size=1, max_size=5)
gentle_mutations = st.lists(st.builds(TreeMutation, st.sampled_from(GENTLE_OPS), fraction,
                                      st.integers(0, 999), fraction), min_size=1, max_size=2)
"""Same-type values and swapped ids: most still load, so the walk and renderers run."""


@contextlib.contextmanager
def pack_folder(texts: dict[str, str], target: str, content: bytes) -> Iterator[Path]:
    """A fresh folder of these pack files, `target` replaced by `content`."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as name:
        folder = Path(name) / "pack"
        folder.mkdir()
        for file, text in texts.items():
            (folder / file).write_bytes(content if file == target else text.encode())
        yield folder


def loads_cleanly_or_says_why(layers: list[Layer], seed: int) -> bool:
    result = load(layers)
    assert problem_faults(result) == []
    if result.kb is not None:
        walk(result.kb, random.Random(seed))
    return result.kb is not None


# -- the library face, in process ---------------------------------------------------------------
@fuzz(80)
@given(target=st.sampled_from(sorted(DEMO_TEXTS)), mutations=text_mutations,
       encoding=st.sampled_from(ENCODINGS))
def test_mutated_pack_text_loads_or_is_a_problem_line(target: str,
                                                      mutations: list[TextMutation],
                                                      encoding: str) -> None:
    content = encode(mutate_text(DEMO_TEXTS[target], mutations), encoding)
    with pack_folder(DEMO_TEXTS, target, content) as folder:
        valid = loads_cleanly_or_says_why([Layer("fuzz", (folder,))], len(mutations))
    event("valid load" if valid else "problems")


@fuzz(80)
@given(target=st.sampled_from(sorted(DEMO_TEXTS)),
       mutations=st.one_of(tree_mutations, gentle_mutations), flow=st.booleans())
def test_mutated_pack_structure_loads_or_is_a_problem_line(target: str,
                                                           mutations: list[TreeMutation],
                                                           flow: bool) -> None:
    import yaml

    data = mutate_tree(yaml.safe_load(DEMO_TEXTS[target]), mutations)
    with pack_folder(DEMO_TEXTS, target, dump(data, flow).encode()) as folder:
        valid = loads_cleanly_or_says_why([Layer("fuzz", (folder,))], len(mutations))
    event("valid load" if valid else "problems")


@fuzz(8)
@given(target=st.sampled_from(sorted(REAL_TEXTS)), mutations=gentle_mutations)
def test_mutated_shipped_packs_load_or_are_problem_lines(target: str,
                                                         mutations: list[TreeMutation]) -> None:
    import yaml

    data = mutate_tree(yaml.safe_load(REAL_TEXTS[target]), mutations)
    with pack_folder(REAL_TEXTS, target, dump(data).encode()) as folder:
        loads_cleanly_or_says_why([Layer.builtin(REPO_ROOT / "content", folder)],
                                  len(mutations))


# -- the command line, in process -------------------------------------------------------------
def run_main(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def empty_builtins(isolated_home: Path) -> Path:
    return isolated_home


@fuzz(45)
@given(target=st.sampled_from(sorted(DEMO_TEXTS)), mutations=text_mutations,
       face=st.sampled_from(["rules lint", "--rules", "DECISION_AID_RULES"]))
def test_every_command_line_face_prints_problem_lines_or_runs(
        empty_builtins: Path, monkeypatch: pytest.MonkeyPatch, target: str,
        mutations: list[TextMutation], face: str) -> None:
    content = mutate_text(DEMO_TEXTS[target], mutations).encode("utf-8", "surrogatepass")
    with pack_folder(DEMO_TEXTS, target, content) as folder:
        monkeypatch.delenv("DECISION_AID_RULES", raising=False)
        if face == "rules lint":
            args = ["rules", "lint", "--isolated", str(folder)]
        elif face == "--rules":
            args = ["topics", "--rules", str(folder)]
        else:
            monkeypatch.setenv("DECISION_AID_RULES", str(folder))
            args = ["topics"]
        code, out, err = run_main(args)

    assert code in (0, 1) if face == "rules lint" else code in (0, 2)
    problems = (out if face == "rules lint" else err).splitlines()
    if code != 0:
        problems = [ln for ln in problems if not ln.startswith(("decision-aid: ", "0 error",
                                                               "1 error"))]
        problems = [ln for ln in problems if not re.match(r"^\d+ error\(s\)", ln)]
        assert problems, (out, err)
        for line in problems:
            assert PROBLEM_LINE.match(line), line
            assert str(folder) in line or line.startswith("pack"), line


# -- the bot's reload ---------------------------------------------------------------------------
@fuzz(40)
@given(target=st.sampled_from(sorted(DEMO_TEXTS)), text=text_mutations,
       tree=st.one_of(tree_mutations, gentle_mutations), structural=st.booleans())
def test_a_reload_of_mutated_packs_keeps_serving(target: str, text: list[TextMutation],
                                                 tree: list[TreeMutation],
                                                 structural: bool) -> None:
    pytest.importorskip("slack_bolt")
    import yaml

    from decision_aid.slack.reload import reload_packs

    with pack_folder(DEMO_TEXTS, target, DEMO_TEXTS[target].encode()) as folder:
        holder = KnowledgeBaseHolder([Layer("fuzz", (folder,))])
        serving = holder.kb
        source = DEMO_TEXTS[target]
        changed = dump(mutate_tree(yaml.safe_load(source), tree)) if structural else \
            mutate_text(source, text)
        (folder / target).write_bytes(changed.encode("utf-8", "surrogatepass"))

        swapped = reload_packs(holder)
        event("swapped" if swapped else "kept the old packs")

        if swapped:
            walk(holder.kb, random.Random(1))
        else:
            assert holder.kb is serving
            walk(holder.kb, random.Random(1))


# -- bounded time and memory, measured on child processes ---------------------------------------
BATCH = """
import random, sys, tempfile
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from reliability.exercise import problem_faults, walk
from reliability.pack_mutants import random_mutant
from decision_aid.core import Layer, load
demo = Path(sys.argv[2])
texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(demo.glob("*.yaml"))}
rng = random.Random(int(sys.argv[3]))
valid = faults = 0
with tempfile.TemporaryDirectory() as tmp:
    for n in range(int(sys.argv[4])):
        folder = Path(tmp) / f"m{n}"
        folder.mkdir()
        target = rng.choice(sorted(texts))
        for name, text in texts.items():
            content = random_mutant(text, rng) if name == target else text.encode()
            (folder / name).write_bytes(content)
        result = load([Layer("fuzz", (folder,))])
        faults += len(problem_faults(result))
        if result.kb is not None:
            valid += 1
            walk(result.kb, random.Random(n), slack=False)
print(f"loads {n + 1} valid {valid} faults {faults}")
"""


def test_hundreds_of_mutants_load_in_bounded_time_and_memory(child_env: dict[str, str],
                                                             tmp_path: Path) -> None:
    child = run_child([str(REPO_ROOT / "tests"), str(DEMO_RULES), "12", "150"], env=child_env,
                      cwd=tmp_path, code=BATCH)

    assert_bounded(child, code=0, line=r"^loads 150 valid \d+ faults 0$")
    valid = int(child.stdout.split()[3])
    assert valid >= 10, child.stdout  # enough of them load to reach the interview walk


@pytest.mark.parametrize(("face", "seed"), [("rules-lint", 1), ("rules-flag", 2),
                                            ("env-overlay", 3)])
def test_a_mutant_through_the_command_line_is_bounded(child_env: dict[str, str],
                                                      tmp_path: Path, face: str,
                                                      seed: int) -> None:
    rng = random.Random(seed)
    target = rng.choice(sorted(DEMO_TEXTS))
    folder = tmp_path / "pack"
    folder.mkdir()
    for name, text in DEMO_TEXTS.items():
        (folder / name).write_bytes(random_mutant(text, rng) if name == target else
                                    text.encode())
    env = dict(child_env)
    if face == "rules-lint":
        args, ok = ["rules", "lint", "--isolated", "pack"], (0, 1)
    elif face == "rules-flag":
        args, ok = ["topics", "--rules", "pack"], (0, 2)
    else:
        args, ok = ["topics"], (0, 2)
        env["DECISION_AID_RULES"] = "pack"

    child = run_child(args, env=env, cwd=tmp_path)

    assert child.code in ok, child.output[-2000:]
    assert_bounded(child, code=child.code)
    if child.code != 0:
        lines = [ln for ln in child.output.splitlines() if ln.startswith("pack/")]
        assert lines and all(PROBLEM_LINE.match(ln) and len(ln) < 400 for ln in lines), \
            child.output[-2000:]
