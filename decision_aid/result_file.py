"""A result written to a file the user named (`--save`, the interview's save).

The format comes from the file's ending. A file that is already there is never replaced
unless the user said so (`--force`, or yes to the interview's question), so a result
saved earlier cannot be lost to a repeated command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decision_aid.core import KnowledgeBase, Result


def check_target(path: Path, *, force: bool) -> None:
    """Raise ValueError, saying how to fix it, if a result cannot be saved to `path`."""
    from decision_aid.core import require_format

    require_format(path)
    if not force and (path.exists() or path.is_symlink()):
        raise ValueError(f"{path} exists; add --force to overwrite it, or choose another file")


def write_result(kb: KnowledgeBase, result: Result, path: Path) -> None:
    """The result as the document its file ending names; OSError or ValueError if not."""
    from decision_aid.core import explain, require_format, result_document

    text = result_document(result, explain(kb, result), require_format(path))
    path.write_text(text, encoding="utf-8")
