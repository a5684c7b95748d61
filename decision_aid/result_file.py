"""A result written to a file the user named (`--save`, the interview's save).

The format comes from the file's ending. A file that is already there is never replaced
unless the user said so (`--force`, or yes to the interview's question), so a result
saved earlier cannot be lost to a repeated command. What goes wrong is said in one line
from the interface wording (`save.*`), never as an errno.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decision_aid.core import KnowledgeBase, Result, Wording


def check_place(path: Path, words: Wording, *, result: bool = True) -> None:
    """Raise ValueError, saying how to fix it, if `path` is a folder, has no folder to go
    in, or (for a `result`) has an ending no result format has; whether it exists is the
    caller's question."""
    from decision_aid.core import require_format

    if path.is_dir():
        raise ValueError(words("save.is_folder", path=path, example=path / "result.md"))
    folder = path.parent
    if not folder.is_dir():
        raise ValueError(words("save.no_folder", path=path, folder=folder))
    if result:
        require_format(path)


def check_target(path: Path, *, force: bool, words: Wording) -> None:
    """`check_place`, and refuse a file that exists unless `force`."""
    check_place(path, words)
    if not force and (path.exists() or path.is_symlink()):
        raise ValueError(words("save.exists", path=path))


def write_failure(path: Path, err: OSError, words: Wording) -> str:
    """An OSError from writing `path`, said plainly (no errno, no repr of the path)."""
    reason = (err.strerror or type(err).__name__).lower()
    return words("save.write_failed", path=path, reason=reason)


def write_text(path: Path, text: str, words: Wording) -> None:
    """Write `text`; ValueError with a one-line reason if it cannot be written."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise ValueError(write_failure(path, err, words)) from None


def write_result(kb: KnowledgeBase, result: Result, path: Path) -> None:
    """The result as the document its file ending names; ValueError saying why if not."""
    from decision_aid.core import explain, require_format, result_document

    check_place(path, kb.wording)
    text = result_document(result, explain(kb, result), require_format(path))
    write_text(path, text, kb.wording)
