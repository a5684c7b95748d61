"""The hostile-input corpus: files made at test time (small on disk), and a child's setting.

Each child runs `decision-aid` from the corpus folder (so problem paths read `<id>/x.yaml`)
with empty built-in packs, no pack cache and no overlay from the environment. Bytecode is
written to a per-run folder so each child does not compile the project again.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

Env = dict[str, str]


@pytest.fixture(scope="session")
def child_env(tmp_path_factory: pytest.TempPathFactory) -> Env:
    home = tmp_path_factory.mktemp("home")
    (home / "rules").mkdir()
    (home / "content").mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("DECISION_AID_RULES", "DECISION_AID_JURISDICTION",
                        "PYTHONDONTWRITEBYTECODE", "PYTHONIOENCODING")}
    env.update(DECISION_AID_HOME=str(home), DECISION_AID_CACHE="off",
               PYTHONPYCACHEPREFIX=str(tmp_path_factory.mktemp("pycache")))
    return env


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A fresh folder the child runs in."""
    return tmp_path
