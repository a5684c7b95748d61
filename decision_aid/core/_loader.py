"""Load the knowledge base: built-in packs and content, then overlay layers on top.

Loading validates everything up front and collects *all* problems; the knowledge base is
returned only when there are no errors. A layer is a directory (or a file) of YAML files;
each file is a topic, an extension of a topic (`extends:`), or content (`references:`,
`replies:`, `figures:`, `contacts:`, `vocabulary:`).
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from decision_aid.core import _cache as cache
from decision_aid.core import _files as files
from decision_aid.core import _schema as schema
from decision_aid.core import _wording as wording
from decision_aid.core._build import TopicBuilder, build_topic, facts_of, order_rules, unknown_id
from decision_aid.core._checks import CheckContext, run_checks
from decision_aid.core._errors import RulePackError
from decision_aid.core._files import display_path, real_path
from decision_aid.core._model import Contact, Figure, KnowledgeBase, Reply, Rule, Source, Topic
from decision_aid.core._problems import Problem, Span
from decision_aid.core._sources import base_wording_file, builtin_packs
from decision_aid.core._vocabulary import Vocabulary, read_vocabulary
from decision_aid.core._wording import Wording
from decision_aid.core._yamlsafe import Document, read_yaml

BUILTIN_LAYER = "built-in"
ENV_RULES = "DECISION_AID_RULES"
CONTENT_KINDS = ("references", "replies", "figures", "contacts", "vocabulary", "wording")


def overlay_dirs_from_env(environ: dict[str, str] | None = None) -> list[Path]:
    value = (environ if environ is not None else os.environ).get(ENV_RULES, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


@dataclass(frozen=True, slots=True)
class Layer:
    name: str
    paths: tuple[Path, ...]

    @classmethod
    def builtin(cls, *paths: Path) -> Layer:
        """A layer read as the built-in one (its rules are `built-in` in results and lint)."""
        return cls(BUILTIN_LAYER, paths)


@dataclass(frozen=True, slots=True)
class LoadResult:
    kb: KnowledgeBase | None
    problems: tuple[Problem, ...]

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


def default_layers(overlays: Sequence[Path] = (), *, builtin: bool = True,
                   environ: dict[str, str] | None = None) -> list[Layer]:
    """Built-in rules and content, then $DECISION_AID_RULES, then `overlays`, in that order."""
    layers = []
    if builtin:
        packs = builtin_packs()
        layers.append(Layer(BUILTIN_LAYER, (packs.content, packs.rules)))
    seen = {real_path(p) for layer in layers for p in layer.paths}
    for path in [*overlay_dirs_from_env(environ), *overlays]:
        if real_path(path) in seen:
            continue
        seen.add(real_path(path))
        layers.append(Layer(path.name or str(path), (path,)))
    return layers


def load(layers: Sequence[Layer] | None = None, *, today: date | None = None) -> LoadResult:
    """Load and check every layer; never raises for bad content.

    The garbage collector is left alone: switching it off here switched it off for every
    thread of a bot that reloads packs while serving (issue #13).
    """
    return _Loader(today).load(default_layers() if layers is None else layers)


def load_default(overlays: Sequence[Path] = ()) -> KnowledgeBase:
    """The knowledge base, or RulePackError with every problem."""
    return load(default_layers(overlays)).unwrap()


class _Loader:
    def __init__(self, today: date | None) -> None:
        self.today = today or date.today()
        self.problems: list[Problem] = []
        self.topics: dict[str, Topic] = {}
        self.sources: dict[str, Source] = {}
        self.replies: dict[str, Reply] = {}
        self.figures: dict[str, Figure] = {}
        self.contacts: dict[str, Contact] = {}
        self.vocabulary = Vocabulary()
        self.extensions: list[tuple[Document, str]] = []
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
        keys = [k for k in self.file_keys if k is not None]
        self.checks_key = cache.combined_key(
            keys, [self.today.isoformat(), *(layer.name for layer in layers)]
        ) if len(keys) == len(self.file_keys) else None
        for doc, layer_name in self.extensions:
            self._extend(doc, layer_name)
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
        self.problems.extend(self._checks(kb, clean))
        problems = tuple(sorted(set(self.problems)))
        ok = not any(p.is_error for p in problems)
        return LoadResult(kb if ok else None, problems)

    def _checks(self, kb: KnowledgeBase, clean: bool) -> list[Problem]:
        """Run the checks, or reuse their result for exactly these files on this day."""
        key = self.checks_key if clean else None
        cached = cache.load_problems(key) if key else None
        if cached is not None:
            return cached
        problems = list(run_checks(kb, CheckContext(self.today), clean=clean))
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
        doc, problems = read_yaml(path, name=name, raw=raw)
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
        if "topic" in data:
            kind = "topic"
        elif "extends" in data:
            kind = "extends"
        else:
            found = next((k for k in CONTENT_KINDS if k in data), None)
            if found is None:
                self.problems.append(Problem(
                    doc.span(), "file-kind", "not a topic, an extension or a content file",
                    "start with topic:, extends:, references:, replies:, figures:, contacts: "
                    "or vocabulary:"))
                return
            kind = found
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
        elif kind == "vocabulary" and not problems:
            vocabulary, more = read_vocabulary(doc)
            self.problems.extend(more)
            self.vocabulary = self.vocabulary.extended(vocabulary)
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

    def _extend(self, doc: Document, layer: str) -> None:
        data = doc.data
        target = data.get("extends")
        if not isinstance(target, str):
            return  # the schema check already reported it
        base = self.topics.get(target)
        if base is None:
            message, hint = unknown_id("topic", str(data.get("extends")), self.topics)
            self.problems.append(Problem(doc.span(("extends",)), "unknown-topic", message, hint))
            return
        builder = TopicBuilder(doc, layer, facts_of(base),
                               [q.id for q in base.questions] + [d.id for d in base.derived])
        builder.declare(_as_list(data.get("questions")), _as_list(data.get("derived")))
        questions = builder.questions(_as_list(data.get("questions")))
        derived = builder.derived(_as_list(data.get("derived")))
        rules: dict[str, Rule] = {r.id: r for r in base.rules}
        added = builder.rules(_as_list(data.get("rules")), seen=set(rules))
        rules.update({r.id: r for r in added})
        rules = self._override(doc, builder, rules)
        for i, rid in enumerate(_as_list(data.get("disable"))):
            if rid not in rules:
                message, hint = unknown_id("rule", str(rid), rules)
                self.problems.append(Problem(doc.span(("disable", i)), "unknown-rule",
                                             message, hint))
            else:
                del rules[rid]
        self.problems.extend(builder.problems)
        policy = base.policy + ((data["policy"],) if isinstance(data.get("policy"), str) else ())
        version = f"{base.version}+{layer}.{data.get('version', 'local')}"
        self.topics[base.id] = dataclasses.replace(
            base, questions=base.questions + tuple(questions),
            derived=base.derived + tuple(derived), rules=order_rules(rules.values()),
            policy=policy, version=_safe_version(version))

    def _override(self, doc: Document, builder: TopicBuilder, rules: dict[str, Rule]
                  ) -> dict[str, Rule]:
        from decision_aid.core._conditions import ConditionBuilder

        conditions = ConditionBuilder(doc, builder.facts)
        for i, item in enumerate(_as_list(doc.data.get("override"))):
            if not isinstance(item, dict):
                continue
            rid = item.get("id", "")
            if rid not in rules:
                message, hint = unknown_id("rule", str(rid), rules)
                self.problems.append(Problem(doc.span(("override", i, "id")), "unknown-rule",
                                             message, hint))
                continue
            merged = {**_rule_fields(rules[rid]), **item}
            if "when" not in item and rules[rid].when is not None:
                merged.pop("when", None)
            rule = builder.rule(merged, ("override", i), conditions)
            if rule is not None:
                if "when" not in item:
                    rule = dataclasses.replace(rule, when=rules[rid].when)
                rules[rid] = rule
        builder.problems.extend(conditions.problems)
        return rules


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _safe_version(version: str) -> str:
    return "".join(c if c.isalnum() or c in ".+-_" else "-" for c in version)


def _rule_fields(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id, "priority": rule.priority, "verdict": rule.verdict.value,
        "headline": rule.headline, "reasons": list(rule.reasons), "actions": list(rule.actions),
        "sources": list(rule.sources), "limits": rule.limits, "reply": rule.reply,
        "disagreement": rule.disagreement, "figures": list(rule.figures),
        "contact": rule.contact, "scope": rule.scope.value,
        **({"gap": rule.gap.value} if rule.gap else {}),
        "evidence": {"strength": rule.evidence.strength, "certainty": rule.evidence.certainty,
                     "scale": rule.evidence.scale, "basis": rule.evidence.basis},
    }


class KnowledgeBaseHolder:
    """Holds the current knowledge base; a reload swaps it only when the new one is clean.

    Reloads are serialised: one that starts while another runs waits, then reads the files
    itself, so the last swap always comes from the newest read (an older, slower read can
    never replace a newer one). Readers never wait: `kb` is a single reference.
    """

    def __init__(self, layers: Iterable[Layer]) -> None:
        self._layers = list(layers)
        self._reloading = threading.Lock()
        self._kb = load(self._layers).unwrap()

    @property
    def kb(self) -> KnowledgeBase:
        return self._kb

    def reload(self) -> LoadResult:
        """Load again; keep the old knowledge base (and return the errors) if it fails."""
        with self._reloading:
            result = load(self._layers)
            if result.kb is not None:
                self._kb = result.kb
        return result
