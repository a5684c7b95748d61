"""Hostile text through the intake, in a child under childrun's bounds (issue 12).

Every shape of tests/data/phi_hostile.yaml, at 1 MB and cut to the 3,000-character limit,
goes through `intake` over the packs that ship (the PHI guard, then routing), and through
the plain interview's describe prompt. A regression to catastrophic backtracking stops the
child at the CPU limit and fails here, rather than hanging the run.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from childrun import assert_bounded, run_child
from conftest import Env
from hostile_inputs import DEMO_RULES, REPO_ROOT

from decision_aid.core.phi import MAX_TEXT_CHARS

HOSTILE = yaml.safe_load((REPO_ROOT / "tests" / "data" / "phi_hostile.yaml")
                         .read_text(encoding="utf-8"))
IDENTIFYING = ("dates", "names", "names beside role words", "mixed", "every kind")
"""Units that carry whole identifiers: the guard must refuse them at any length."""

INTAKE = """
import json, sys, yaml
from decision_aid.core import default_layers, intake, load
from decision_aid.core.phi import MAX_TEXT_CHARS
from decision_aid.core._intake import Refusal, Routed
units = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
kb = load(default_layers(environ={})).unwrap()
out = {}
for name, unit in units.items():
    seen = []
    for size in (1_000_000, MAX_TEXT_CHARS, 280):
        text = (unit * (size // len(unit) + 1))[:size]
        got = intake(kb, text)
        if isinstance(got, Refusal):
            assert all(0 <= f.start < f.end <= len(text) for f in got.findings)
            seen.append("too long" if not got.findings else "refused")
        else:
            assert isinstance(got, Routed)
            seen.append("routed")
    out[name] = seen
print(json.dumps(out))
"""


def test_hostile_text_through_the_intake_is_refused_or_routed_in_bounded_time(
        corpus: Path, child_env: Env) -> None:
    env = {k: v for k, v in child_env.items() if k != "DECISION_AID_HOME"}  # the real packs
    child = run_child([str(REPO_ROOT / "tests" / "data" / "phi_hostile.yaml")], env=env,
                      cwd=corpus, code=INTAKE)

    assert_bounded(child, code=0)
    seen = json.loads(child.stdout)
    assert set(seen) == set(HOSTILE)
    for name, (megabyte, at_limit, short) in seen.items():
        # refused unread, whatever it holds (only blank text is nothing to refuse)
        assert megabyte == ("routed" if not HOSTILE[name].strip() else "too long"), name
        assert at_limit in ("refused", "routed") and short in ("refused", "routed"), name
    for name in IDENTIFYING:
        assert seen[name][1:] == ["refused", "refused"], (name, seen[name])


def test_hostile_descriptions_in_the_plain_interview(corpus: Path, child_env: Env) -> None:
    typed = "".join(f"0\n{(unit * (MAX_TEXT_CHARS // len(unit) + 1))[:MAX_TEXT_CHARS]}\n\n"
                    for unit in HOSTILE.values())
    typed += "0\n" + HOSTILE["mixed"] * 15_000 + "\n"  # a 1 MB description
    child = run_child(["interview", "--plain", "--rules", str(DEMO_RULES)], env=child_env,
                      cwd=corpus, stdin=typed.encode())

    assert_bounded(child, code=3, line=r"^Input ended before the interview finished\.$")
    for name in IDENTIFYING:
        assert HOSTILE[name][:20] not in child.stdout, name  # never echoed
