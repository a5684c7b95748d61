"""Makers of hostile inputs, written at test time so the corpus is small on disk."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO_RULES = REPO_ROOT / "examples" / "rules"
FIRST_PRIORITY = "demo-requests.yaml:65:15"  # where with_priority() puts its value


def demo_pack(folder: Path, edit: Callable[[str], str] = lambda text: text) -> Path:
    """A copy of the demo pack in `folder`, its topic file changed by `edit`."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in DEMO_RULES.glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        if source.name == "demo-requests.yaml":
            text = edit(text)
        (folder / source.name).write_text(text, encoding="utf-8")
    return folder


def with_priority(value: str) -> Callable[[str], str]:
    """An edit that gives the first rule this priority."""
    return lambda text: text.replace("priority: 100", f"priority: {value}", 1)


def sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no room on disk."""
    with path.open("wb") as f:
        f.truncate(size)
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def loop(path: Path) -> Path:
    path.symlink_to(path)
    return path


def copy_cases(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO_ROOT / "tests" / "fixtures" / "cases" / "demo-cases.yaml", folder)
    return folder
