"""Interface wording as content: the words every face shows that are not guidance.

The base is `content/wording.yaml` of the product (packaged or in the checkout; see
`_sources.py`). Any layer may hold a `wording:` file whose entries replace the base's, so an
institution can use its own privacy notice or another language. Nested YAML keys are flat
here (`sections.reasons`). A replacement must keep exactly the `{placeholders}` of the entry
it replaces, so rendering can never fail on a missing value.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from decision_aid.core._problems import Problem, Span, did_you_mean
from decision_aid.core._yamlsafe import Document

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Wording:
    """Flat entries (`sections.reasons` → "Why"); call it to fill one in."""

    entries: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __call__(self, key: str, **values: object) -> str:
        """The entry `key` with its placeholders filled from `values`."""
        return self.entries[key].format(**values)

    @classmethod
    def base(cls) -> Wording:
        """The product's own wording (for knowledge bases built by hand, as in tests)."""
        return _base()


@cache
def _base() -> Wording:
    from decision_aid.core._sources import base_wording_file
    from decision_aid.core._yamlsafe import read_yaml

    doc, problems = read_yaml(base_wording_file())
    entries = dict(flatten(doc)) if not problems else {}
    if problems or not entries:
        first = problems[0].format() if problems else f"{doc.path}: no wording entries"
        raise RuntimeError(f"the interface wording could not be read: {first}")
    return Wording(MappingProxyType(entries))


def flatten(doc: Document) -> Iterator[tuple[str, str]]:
    """The `wording:` mapping of a checked file as (dotted key, text) pairs."""
    data = doc.data.get("wording") if isinstance(doc.data, dict) else None
    yield from (
        (key, text) for key, text, _ in _walk(data if isinstance(data, dict) else {}, ("wording",))
    )


def _walk(data: dict[str, Any], where: Path_) -> Iterator[tuple[str, str, Path_]]:
    for key, value in data.items():
        here = (*where, key)
        if isinstance(value, dict):
            for sub, text, at in _walk(value, here):
                yield f"{key}.{sub}", text, at
        elif isinstance(value, str):
            yield str(key), value, here


def placeholders(text: str) -> frozenset[str]:
    """The `{names}` a text fills in (`{{` is a literal brace)."""
    try:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)
    except ValueError:
        return frozenset({"{"})  # an unbalanced brace: never equal to a valid entry's set


def merge(base: Mapping[str, str], doc: Document) -> tuple[dict[str, str], list[Problem]]:
    """`base` with a layer's entries replacing it; problems for unknown keys or placeholders."""
    merged = dict(base)
    problems: list[Problem] = []
    data = doc.data.get("wording") if isinstance(doc.data, dict) else None
    for key, text, where in _walk(data if isinstance(data, dict) else {}, ("wording",)):
        span: Span = doc.span(where)
        if key not in base:
            problems.append(Problem(span, "unknown-wording", f"'{key}' is not a wording entry",
                                    did_you_mean(key, base) or
                                    "see content/wording.yaml for the entries"))
            continue
        want, got = placeholders(base[key]), placeholders(text)
        if want != got:
            shown = ", ".join("{" + n + "}" for n in sorted(want)) or "none"
            problems.append(Problem(span, "wording-placeholders",
                                    f"'{key}' must use the placeholders {shown}",
                                    "keep each {name} of the entry it replaces; write a "
                                    "literal brace as {{ or }}"))
            continue
        merged[key] = text
    return merged, problems
