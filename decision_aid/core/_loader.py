"""Load the knowledge base: built-in packs and content, then overlay layers on top.

Loading validates everything up front and collects *all* problems; the knowledge base is
returned only when there are no errors. A layer is a directory (or a file) of YAML files;
each file is a topic, an extension of a topic (`extends:`), or content (`references:`,
`replies:`, `figures:`, `contacts:`, `vocabulary:`).
"""

from __future__ import annotations

import gc
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from decision_aid.core import _cache as cache
from decision_aid.core import _files as files
from decision_aid.core import _overlay as overlay
from decision_aid.core import _schema as schema
from decision_aid.core import _wording as wording
from decision_aid.core._build import build_topic, unknown_id
from decision_aid.core._checks import CheckContext, run_checks
from decision_aid.core._compiled import compiled
from decision_aid.core._errors import RulePackError
from decision_aid.core._files import display_path, real_path
from decision_aid.core._model import Contact, Figure, KnowledgeBase, Reply, Source, Topic
from decision_aid.core._problems import Problem, Span
from decision_aid.core._rule_keys import RuleKeys
from decision_aid.core._sources import BUILTIN_LAYER, Layer, base_wording_file, default_layers
from decision_aid.core._vocabulary import Vocabulary, phrase_problems, read_vocabulary
from decision_aid.core._wording import Wording
from decision_aid.core._yamlsafe import Document, read_yaml

CONTENT_KINDS = ("references", "replies", "figures", "contacts", "vocabulary", "wording")
CASES = "cases"


def document_kind(data: object) -> str | None:
    """What a YAML document is by its shape: `topic`, `extends`, a content kind, `cases`
    (trainer cases: a `cases:` list or one case with `expect:`), or None.

    Cases are told first: one case names its topic (`topic: friend-requests`), which
    would otherwise read as a topic file with every key wrong.
    """
    if not isinstance(data, dict):
        return None
    if CASES in data or "expect" in data:
        return CASES
    if "topic" in data:
        return "topic"
    if "extends" in data:
        return "extends"
    return next((k for k in CONTENT_KINDS if k in data), None)


@dataclass(frozen=True, slots=True)
class LoadResult:
    kb: KnowledgeBase | None
    problems: tuple[Problem, ...]
    extended: tuple[tuple[str, str], ...] = ()
    """(file, topic id) for each extension applied: what an overlay of only extensions did,
    which a count of topics does not show."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def ok(self) -> bool:
        return self.kb is not None

    def unwrap(self) -> KnowledgeBase:
        if self.kb is None:
            raise RulePackError(self.errors)
        return self.kb


def load(layers: Sequence[Layer] | None = None, *, today: date | None = None) -> LoadResult:
    """Load and check every layer; never raises for bad content.

    The garbage collector is left alone: switching it off here switched it off for every
    thread of a bot that reloads packs while serving (issue #13). But what the load has
    built is frozen (`gc.freeze`) after each file, and every few thousand YAML nodes while
    a file is composed, so that the collections a large load triggers do not scan it
    again and again (quadratic in the number of files: 10,000 rules took 24x the time of
    1,000; within one 1,000-rule file, two full collections were a third of the load);
    it is unfrozen when the load ends. Nothing is
    frozen when something else froze objects first (a server before it forks).
    """
    freezing = gc.isenabled() and gc.get_freeze_count() == 0
    try:
        return _Loader(today, freezing).load(default_layers() if layers is None else layers)
    finally:
        if freezing:
            gc.unfreeze()


def load_default(overlays: Sequence[Path] = ()) -> KnowledgeBase:
    """The knowledge base, or RulePackError with every problem."""
    return load(default_layers(overlays)).unwrap()


class _Loader:
    def __init__(self, today: date | None, freezing: bool = False) -> None:
        self.today = today or date.today()
        self.freezing = freezing
        self.problems: list[Problem] = []
        self.topics: dict[str, Topic] = {}
        self.sources: dict[str, Source] = {}
        self.replies: dict[str, Reply] = {}
        self.figures: dict[str, Figure] = {}
        self.contacts: dict[str, Contact] = {}
        self.vocabulary = Vocabulary()
        self.extensions: list[tuple[Document, str]] = []
        self.rule_yaml: dict[str, dict[str, Mapping[str, Any]]] = {}
        self.rule_keys = RuleKeys()
        self.extended: list[tuple[str, str]] = []
        self.file_keys: list[str | None] = []
        self.checks_key: str | None = None
        self.wording: dict[str, str] | None = None  # None until the base is read

    def load(self, layers: Sequence[Layer]) -> LoadResult:
        found: list[tuple[Path, str]] = []
        for layer in layers:
            for path in layer.paths:
                listed, unlisted = files.yaml_files(path)
                self.problems.extend(unlisted)
                found += [(file, layer.name) for file in listed]
        base = base_wording_file()
        if real_path(base) not in {real_path(file) for file, _ in found}:
            found.insert(0, (base, BUILTIN_LAYER))
        for file, layer_name in found:
            self._file(file, layer_name)
            self._freeze()
        keys = [k for k in self.file_keys if k is not None]
        self.checks_key = cache.combined_key(
            keys, [self.today.isoformat(), *(layer.name for layer in layers)]
        ) if len(keys) == len(self.file_keys) else None
        for doc, layer_name in self.extensions:
            self._extend(doc, layer_name)
            self._freeze()
        kb = KnowledgeBase(
            topics=MappingProxyType(dict(self.topics)),
            sources=MappingProxyType(dict(self.sources)),
            replies=MappingProxyType(dict(self.replies)),
            figures=MappingProxyType(dict(self.figures)),
            contacts=MappingProxyType(dict(self.contacts)),
            layers=tuple(layer.name for layer in layers),
            vocabulary=self.vocabulary,
            wording=Wording(MappingProxyType(self.wording or {})),
        )
        clean = not any(p.is_error for p in self.problems)
        if clean:
            for topic in kb.topics.values():
                compiled(topic)  # once, here: the engine and the checks share it
        self.problems.extend(self._checks(kb, clean))
        problems = tuple(sorted(set(self.problems)))
        ok = not any(p.is_error for p in problems)
        return LoadResult(kb if ok else None, problems, tuple(self.extended))

    def _freeze(self) -> None:
        if self.freezing:
            gc.freeze()

    def _checks(self, kb: KnowledgeBase, clean: bool) -> list[Problem]:
        """Run the checks, or reuse their result for exactly these files on this day."""
        key = self.checks_key if clean else None
        cached = cache.load_problems(key) if key else None
        if cached is not None:
            return cached
        problems = list(run_checks(kb, CheckContext(self.today, self.rule_keys), clean=clean))
        if key:
            cache.store_problems(key, problems)
        return problems

    def _file(self, path: Path, layer: str) -> None:
        name = display_path(path)
        raw = files.read_bytes(path, name=name)
        if isinstance(raw, Problem):
            self.problems.append(raw)
            self.file_keys.append(None)
            return
        key = cache.file_key(raw, name)
        self.file_keys.append(key)
        hit = cache.load_document(key, name)
        if hit is not None:
            self._dispatch(hit[0], hit[1], layer, checked=True)
            return
        doc, problems = read_yaml(path, name=name, raw=raw, freeze=self.freezing)
        self.problems.extend(problems)
        if problems or doc.data is None:
            self.file_keys[-1] = None
            return
        data = doc.data
        if not isinstance(data, dict):
            self.problems.append(Problem(doc.span(), "file-kind",
                                         "a pack file must be a mapping",
                                         "start with topic:, extends: or references:"))
            return
        kind = document_kind(data)
        if kind == CASES:
            self.problems.append(Problem(
                doc.span(), "file-kind", "this is a file of trainer cases, not a rule pack",
                "run it with `decision-aid cases run`, or check it with "
                "`decision-aid rules lint`"))
            return
        if kind is None:
            self.problems.append(Problem(
                doc.span(), "file-kind", "not a topic, an extension or a content file",
                "start with topic:, extends:, references:, replies:, figures:, contacts: "
                "or vocabulary:"))
            return
        if self._dispatch(doc, kind, layer, checked=False) and key:
            cache.store_document(key, doc, kind)
        else:
            self.file_keys[-1] = None

    def _dispatch(self, doc: Document, kind: str, layer: str, *, checked: bool) -> bool:
        """Hand a document to its reader; True when it passed its schema check."""
        definition = {"topic": "topic_file", "extends": "extension_file"}.get(
            kind, f"{kind}_file")
        problems = [] if checked else schema.check(doc, definition)
        self.problems.extend(problems)
        if kind == "topic":
            self._topic(doc, layer)
        elif kind == "extends":
            self.extensions.append((doc, layer))
        elif kind == "vocabulary":
            self.problems.extend(phrase_problems(doc))  # with the schema's, not after them
            if not problems:
                self.vocabulary = self.vocabulary.extended(read_vocabulary(doc))
        elif kind == "wording" and not problems:
            self._wording(doc)
        elif not problems:
            self._content(doc, kind, layer)
        return not problems

    def _topic(self, doc: Document, layer: str) -> None:
        topic, more = build_topic(doc, layer)
        self.problems.extend(more)
        if topic is None:
            return
        if topic.id in self.topics:
            first = self.topics[topic.id]
            self.problems.append(Problem(
                doc.span(("topic", "id")), "duplicate-topic",
                f"topic '{topic.id}' is already defined at {first.span}",
                "use 'extends:' to change an existing topic"))
            return
        self.topics[topic.id] = topic
        self.rule_yaml[topic.id] = overlay.rule_yaml(doc.data.get("rules"))
        self.rule_keys.record(topic.id, doc, "rules")

    def _wording(self, doc: Document) -> None:
        """The first wording file read is the base; later ones replace its entries."""
        if self.wording is None:
            self.wording = dict(wording.flatten(doc))
            return
        self.wording, problems = wording.merge(self.wording, doc)
        self.problems.extend(problems)

    def _content(self, doc: Document, kind: str, layer: str) -> None:
        for i, item in enumerate(doc.data[kind]):
            where = (kind, i)
            ident = item.get("key") or item.get("id")
            target: dict[str, Any] = getattr(self, kind if kind != "references" else "sources")
            if ident in target and kind != "contacts":
                first = getattr(target[ident], "span", None)
                at = f" at {first}" if first is not None else ""
                self.problems.append(Problem(doc.span(where), "duplicate-id",
                                             f"'{ident}' is already defined{at}", "remove one"))
                continue
            target[ident] = self._content_item(kind, item, doc.span(where))

    def _extend(self, doc: Document, layer: str) -> None:
        target = doc.data.get("extends")
        if not isinstance(target, str):
            return  # the schema check already reported it
        base = self.topics.get(target)
        if base is None:
            message, hint = unknown_id("topic", target, self.topics)
            self.problems.append(Problem(doc.span(("extends",)), "unknown-topic", message, hint))
            return
        topic, written, problems = overlay.extend(base, self.rule_yaml.get(target, {}), doc,
                                                  layer)
        self.topics[target], self.rule_yaml[target] = topic, written
        self.problems.extend(problems)
        self.rule_keys.record(target, doc, "rules")
        self.rule_keys.record(target, doc, "override")
        self.extended.append((doc.path, target))

    @staticmethod
    def _content_item(kind: str, item: dict[str, Any], span: Span) -> object:
        if kind == "references":
            return Source(item["key"], item["citation"], item["year"], item["kind"],
                          item["jurisdiction"], item["url"], item["checked"], span)
        if kind == "replies":
            return Reply(item["id"], item["title"], item["text"])
        if kind == "figures":
            return Figure(item["id"], item["source"], item["text"], item["limits"], span)
        return Contact(item["id"], item["role"], item["how"], item.get("placeholder") is True)
