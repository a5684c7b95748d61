"""Where each key of a rule was written, so a problem about one key points at its line.

A built rule keeps only where it starts: finding a position costs a walk of the YAML
tree, so positions are looked up only for a problem. The loader records, for each rule
of each topic, the documents that wrote it (its pack, then any override); `span` finds
the last of them that wrote the key, since an override that leaves a key out keeps the
pack's own.
"""

from __future__ import annotations

from typing import Any

from decision_aid.core._model import Rule
from decision_aid.core._problems import Span
from decision_aid.core._yamlsafe import Document, Path_


class RuleKeys:
    def __init__(self) -> None:
        self._written: dict[tuple[str, str], list[tuple[Document, Path_, dict[str, Any]]]] = {}

    def record(self, topic: str, doc: Document, section: str) -> None:
        """Every rule mapping in the document's `section` list (`rules`, `override`)."""
        items = doc.data.get(section) if isinstance(doc.data, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                self._written.setdefault((topic, item["id"]), []).append(
                    (doc, (section, i), item))

    def span(self, topic: str, rule: Rule, key: str, index: int | None = None) -> Span:
        """The position of `key` (or of its `index`th item) in the rule as last written;
        the rule's own start when no document wrote the key."""
        for doc, where, item in reversed(self._written.get((topic, rule.id), [])):
            if key in item:
                found: Span = doc.span((*where, key) if index is None else (*where, key, index))
                return found
        return rule.span
