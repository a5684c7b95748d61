"""Read and list the files a user names, without hanging, exhausting memory or tracebacks.

Every file decision-aid reads from a user (packs, overlays from --rules and
$DECISION_AID_RULES, --answers files, trainer case folders) comes through here, so the
odd files a folder can hold are handled once:

- a FIFO, socket or device is refused before it is opened (opening a FIFO blocks, and
  /dev/zero never ends);
- the size comes from `stat`, and at most the limit is read even if the file grows;
- a symlink loop, a dangling link, or a folder named `x.yaml` is reported as a Problem,
  never skipped silently and never a `RuntimeError`.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from decision_aid.core._problems import Problem, Severity, Span

YAML_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 5_000_000
"""The largest pack, overlay or case file read (the largest shipped pack is ~28 KB)."""

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def real_path(path: Path) -> Path:
    """The path with links resolved as far as they go; never raises on a symlink loop.

    (`Path.resolve()` raises RuntimeError on a loop in Python 3.11.)
    """
    return Path(os.path.realpath(path))


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it, as editors expect.

    The folder is resolved, the file's own name kept: a problem with a link names the link.
    """
    try:
        return str((real_path(path.parent) / path.name).relative_to(real_path(Path.cwd())))
    except (ValueError, OSError):
        return str(path)


def _stat_problem(path: Path, name: str, exc: OSError) -> Problem:
    """What an OSError from stat or open means, said plainly."""
    span = Span(name)
    if exc.errno == errno.ELOOP:
        return Problem(span, "file-link-loop", "the symbolic link goes round in a loop",
                       "point the link at a real file or remove it")
    if exc.errno == errno.ENOENT and path.is_symlink():
        target = str(path.readlink())
        return Problem(span, "file-link-dangling",
                       f"the symbolic link points to '{target[:200]}', which does not exist",
                       "fix the link or remove it")
    return Problem(span, "file-unreadable", exc.strerror or str(exc),
                   "check the path and permissions")


def _kind_problem(mode: int, name: str) -> Problem | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Problem(Span(name), "file-is-folder", "this is a folder, not a file",
                       "name a file, or rename the folder so it does not end in .yaml")
    kind = next((what for test, what in _KINDS if test(mode)), "not a regular file")
    return Problem(Span(name), "file-not-regular", f"this is {kind}, not a regular file",
                   "name a regular file")


def _too_large(name: str, size: int, limit: int) -> Problem:
    return Problem(Span(name), "file-too-large",
                   f"{size} bytes is over the {limit} byte limit" if size > limit else
                   f"the file is over the {limit} byte limit",
                   "split it into smaller files (see docs/limits.md)")


def read_bytes(path: Path, *, name: str | None = None, limit: int = MAX_FILE_BYTES
               ) -> bytes | Problem:
    """The file's bytes, or the one problem that stopped the read."""
    name = str(path) if name is None else name
    try:
        info = path.stat()
    except OSError as exc:
        return _stat_problem(path, name, exc)
    problem = _kind_problem(info.st_mode, name)
    if problem is None and info.st_size > limit:
        problem = _too_large(name, info.st_size, limit)
    if problem is not None:
        return problem
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return _stat_problem(path, name, exc)
    try:
        problem = _kind_problem(os.fstat(fd).st_mode, name)  # swapped since the stat
        if problem is not None:
            return problem
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        return _stat_problem(path, name, exc)
    finally:
        os.close(fd)
    if left <= 0:
        return _too_large(name, limit + 1, limit)
    return b"".join(chunks)


def yaml_files(path: Path, *, recursive: bool = False) -> tuple[list[Path], list[Problem]]:
    """The YAML files a path names: itself if it is not a folder, else those inside it.

    Entries named *.yaml that cannot be read as files are errors (a pack or case the
    user meant to include is missing); a folder named *.yaml is a warning. With
    `recursive`, sub-folders (and links to folders) are read too, each real folder once.
    """
    try:
        is_dir = stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        is_dir = False
    if not is_dir:
        return [path], []  # read_bytes says what is wrong with it, if anything
    files: list[Path] = []
    problems: list[Problem] = []
    _list(path, recursive, files, problems, set())
    return files, problems


def _list(folder: Path, recursive: bool, files: list[Path], problems: list[Problem],
          seen: set[tuple[int, int]]) -> None:
    try:
        info = folder.stat()
        seen.add((info.st_dev, info.st_ino))
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(_stat_problem(folder, display_path(folder), exc))
        return
    for entry in entries:
        path = Path(entry.path)
        yaml_name = entry.name.endswith(YAML_SUFFIXES)
        try:
            mode = entry.stat().st_mode  # follows links
        except OSError as exc:
            if yaml_name or entry.is_symlink():
                problems.append(_stat_problem(path, display_path(path), exc))
            continue
        if stat.S_ISDIR(mode):
            _subfolder(path, entry, yaml_name, recursive, files, problems, seen)
        elif yaml_name:
            problem = _kind_problem(mode, display_path(path))
            if problem is None:
                files.append(path)
            else:
                problems.append(problem)


def _subfolder(path: Path, entry: os.DirEntry[str], yaml_name: bool, recursive: bool,
               files: list[Path], problems: list[Problem], seen: set[tuple[int, int]]) -> None:
    if not recursive:
        if yaml_name:
            problems.append(Problem(Span(display_path(path)), "file-is-folder",
                                    "this folder is named like a YAML file and is not read",
                                    "packs in sub-folders are not loaded; rename or move it",
                                    Severity.WARNING))
        return
    info = entry.stat()  # cannot fail: the caller's stat of it just succeeded (cached)
    if (info.st_dev, info.st_ino) in seen:
        problems.append(Problem(Span(display_path(path)), "file-link-loop",
                                "this link leads back to a folder already read, so it is "
                                "skipped", "remove the link", Severity.WARNING))
        return
    _list(path, recursive, files, problems, seen)

