"""A content-addressed cache of parsed, schema-checked pack files and of check results.

Packs compile once: a file whose bytes, name and decision-aid version are unchanged is
not parsed or schema-checked again, and a knowledge base whose files are all unchanged is
not analysed again (the search for unreachable and clashing rules is the costly part).
Only documents without problems are stored. Entries are marshal data in a private
directory owned by the user: `$DECISION_AID_CACHE`, else `$XDG_CACHE_HOME/decision-aid`,
else `~/.cache/decision-aid`; `DECISION_AID_CACHE=off` disables it. Any failure to read or
write the cache is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from decision_aid import __version__
from decision_aid.core._problems import Problem, Severity, Span
from decision_aid.core._yamlsafe import Document

FORMAT = 5  # 3: numbers are plain decimal integers only; 4: no control characters in text;
# 5: reference problems point at the offending key
ENV = "DECISION_AID_CACHE"


def cache_dir(environ: dict[str, str] | None = None) -> Path | None:
    env = os.environ if environ is None else environ
    setting = env.get(ENV, "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "decision-aid"


def _schema_digest() -> str:
    from decision_aid.core._schema import pack_schema

    return hashlib.sha256(repr(pack_schema()).encode()).hexdigest()[:16]


def file_key(raw: bytes, name: str) -> str:
    digest = hashlib.sha256()
    for part in (str(FORMAT), __version__, _schema_digest(), name):
        digest.update(part.encode() + b"\0")
    digest.update(raw)
    return digest.hexdigest()


def combined_key(keys: Iterable[str], extra: Sequence[str]) -> str:
    digest = hashlib.sha256()
    for part in (*extra, *keys):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def _entry(key: str) -> Path | None:
    base = cache_dir()
    return None if base is None else base / key[:2] / f"{key}.bin"


def _read(key: str) -> Any:
    entry = _entry(key)
    if entry is None:
        return None
    try:
        if entry.stat().st_uid != os.getuid():
            return None
        return marshal.loads(entry.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _write(key: str, value: Any) -> None:
    entry = _entry(key)
    if entry is None:
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=entry.parent, delete=False) as tmp:
            tmp.write(marshal.dumps(value))
        Path(tmp.name).replace(entry)
    except (OSError, ValueError):
        return


def load_document(key: str, name: str) -> tuple[Document, str] | None:
    """A cached document and the kind it was checked as, or None on a miss."""
    value = _read(key)
    if not (isinstance(value, tuple) and len(value) == 4 and value[0] == FORMAT):
        return None
    _, kind, data, (positions, key_positions) = value
    if not isinstance(kind, str) or not isinstance(positions, dict):
        return None
    return Document(name, data, positions, key_positions), kind


def store_document(key: str, doc: Document, kind: str) -> None:
    if cache_dir() is None:
        return  # off: do not materialise positions nobody will read
    _write(key, (FORMAT, kind, doc.data, doc.plain_positions()))


def load_problems(key: str) -> list[Problem] | None:
    value = _read(key)
    if not (isinstance(value, tuple) and len(value) == 2 and value[0] == FORMAT):
        return None
    try:
        return [Problem(Span(path, line, col), code, message, hint, Severity(severity))
                for path, line, col, code, message, hint, severity in value[1]]
    except (TypeError, ValueError):
        return None


def store_problems(key: str, problems: Iterable[Problem]) -> None:
    _write(key, (FORMAT, [(p.span.path, p.span.line, p.span.col, p.code, p.message, p.hint,
                           p.severity.value) for p in problems]))
