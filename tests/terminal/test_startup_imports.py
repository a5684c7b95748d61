"""Start-up cost: the package imports no face library; plain mode never needs one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("rich", "prompt_toolkit", "rapidfuzz")


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=True)
    return {m.split(".")[0] for m in done.stdout.split()}


def test_importing_the_terminal_package_loads_no_face_library() -> None:
    assert not loaded_after("import decision_aid.terminal") & set(HEAVY)


def test_a_plain_interview_loads_no_face_library() -> None:
    code = """
import io
from pathlib import Path
from decision_aid.core import Layer, load
from decision_aid.terminal import run_interview
kb = load([Layer("demo", (Path("examples/rules"),))]).unwrap()
out = io.StringIO()
assert run_interview(kb, topic=None, plain=True, save=None, jurisdiction=None,
                     stdin=io.StringIO("1\\n1\\n1\\n2\\nw\\nq\\n"), stdout=out) == 0
assert "AVOID" in out.getvalue()
"""
    assert not loaded_after(code) & {"rich", "prompt_toolkit"}
