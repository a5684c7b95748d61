"""A non-editable install carries the packs: sdist → wheel → fresh venv → run from elsewhere.

The wheel is built from the unpacked sdist (as a distribution or a Docker build would), so
this checks both archives. Its dependencies come from the package index (pip's cache makes
reruns quick); every step has a time limit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKED = ("rules/friend-requests.yaml", "content/references.yaml",
          "content/cases/friend-requests.yaml")


def _run(argv: Sequence[str | Path], *, cwd: Path, timeout: float,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)
    assert done.returncode in (0, 3), (
        f"{' '.join(map(str, argv))} exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done


def _clean_env(tmp_path: Path) -> dict[str, str]:
    """The user's environment, less anything that would point back into the repository."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DECISION_AID_HOME", "DECISION_AID_RULES", "PYTHONPATH", "VIRTUAL_ENV",
                        "PYTHONHOME")}
    env["DECISION_AID_CACHE"] = "off"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["HOME"] = env.get("HOME", str(tmp_path))
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh venv outside the repository with decision-aid installed from its wheel."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    _run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", dist],
         cwd=REPO_ROOT, timeout=120)
    (sdist,) = dist.glob("decision_aid-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        archive.extractall(tmp / "unpacked", filter="data")
    top = names[0].split("/")[0]
    for packed in (*PACKED, "docs/ABOUT.md"):
        assert f"{top}/{packed}" in names, packed
    assert not any("/.venv/" in n or "__pycache__" in n for n in names)

    _run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", dist],
         cwd=tmp / "unpacked" / top, timeout=120)
    (wheel,) = dist.glob("decision_aid-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        files = archive.namelist()
    for packed in PACKED:
        assert any(f.startswith(f"decision_aid/_data/{packed}") for f in files), packed
    assert "decision_aid/_data/ABOUT.md" in files
    assert "decision_aid/schema/pack.schema.json" in files
    assert not any(f.startswith("tests/") for f in files)

    env = _clean_env(tmp)
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp, timeout=120)
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet",
          "--retries", "3", "--timeout", "30", wheel], cwd=tmp, timeout=600, env=env)
    return venv, env


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    folder = tmp_path / "some-other-folder"
    folder.mkdir()
    return folder


def test_the_package_is_imported_from_the_venv_not_the_repository(
        installed: tuple[Path, dict[str, str]], elsewhere: Path) -> None:
    venv, env = installed
    done = _run([venv / "bin" / "python", "-c",
                 "import decision_aid.core as c; print(c.__file__); print(c.builtin_packs())"],
                cwd=elsewhere, timeout=60, env=env)
    path, packs = done.stdout.splitlines()
    assert Path(path).is_relative_to(venv)
    assert "origin='package'" in packs


def test_topics_lint_cases_and_about_run_from_another_folder(
        installed: tuple[Path, dict[str, str]], elsewhere: Path) -> None:
    venv, env = installed
    tool = venv / "bin" / "decision-aid"

    topics = _run([tool, "topics", "--format", "json"], cwd=elsewhere, timeout=60, env=env)
    assert "friend-requests" in {t["id"] for t in json.loads(topics.stdout)}
    lint = _run([tool, "rules", "lint"], cwd=elsewhere, timeout=120, env=env)
    assert lint.returncode == 0 and "error" not in lint.stderr
    cases = _run([tool, "cases", "run"], cwd=elsewhere, timeout=120, env=env)
    assert cases.returncode == 0 and " 0 failed" in cases.stdout
    about = _run([tool, "about"], cwd=elsewhere, timeout=60, env=env)
    assert about.stdout.strip() == (REPO_ROOT / "docs" / "ABOUT.md").read_text(
        encoding="utf-8").strip()


def test_ask_reaches_a_cited_result_from_another_folder(
        installed: tuple[Path, dict[str, str]], elsewhere: Path) -> None:
    """Answer each question the installed tool asks with its first option, to a result."""
    venv, env = installed
    answers: list[str] = []
    for _ in range(20):
        argv = [venv / "bin" / "decision-aid", "ask", "friend-requests", "--format", "json"]
        done = _run([*argv, *(f"--answer={a}" for a in answers)], cwd=elsewhere, timeout=60,
                    env=env)
        step = json.loads(done.stdout)
        if step["status"] == "result":
            break
        question = step["question"]
        answers.append(f"{question['id']}={question['options'][0]['id']}")
    assert step["status"] == "result" and done.returncode == 0
    assert step["verdict"] in ("avoid", "caution", "acceptable")
    assert step["sources"] and all(s["citation"] for s in step["sources"])
