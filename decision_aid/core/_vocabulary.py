"""The routing vocabulary as a value: how staff write, read from `vocabulary:` content files.

Free text is routed by comparing the user's words with the packs' own, so both go through the
same rewrites: several words that mean one thing ("x ray" -> "xray", "look him up" -> "search
him"), abbreviations and slang ("pt" -> "patient", "insta" -> "instagram"), common words that
say nothing about the topic, negating words, and concept groups whose words stand for one idea
("texted", "emailed" -> *message*). That is content, not code: the built-in list lives in
`content/vocabulary.yaml` and an institution's overlay adds its own local words (its portal's
name, its wards' slang) in a file of the same shape.

Layers merge in load order: a later layer's phrases apply before the earlier ones (a local
phrase wins), its words replace or add, its common and negating words and concept members are
added. Nothing can be removed. The router (:mod:`decision_aid.core.routing`) compiles the
value once per knowledge base; this module only reads and checks it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from decision_aid.core._problems import Problem

if TYPE_CHECKING:
    from decision_aid.core._yamlsafe import Document

WILDCARD = "*"
"""In a phrase's `say`, any one word; in `means`, the word it matched (in order)."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """Several words said one way (`say`, alternatives) and the plain words they mean."""

    say: tuple[str, ...]
    means: str


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """How staff write, for routing free text to topics; empty until content provides it."""

    phrases: tuple[Phrase, ...] = ()
    words: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    common: frozenset[str] = frozenset()
    negating: frozenset[str] = frozenset()
    concepts: Mapping[str, frozenset[str]] = field(
        default_factory=lambda: MappingProxyType({}))

    def extended(self, other: Vocabulary) -> Vocabulary:
        """This vocabulary with a later layer's added on top (its phrases first)."""
        concepts = dict(self.concepts)
        for name, members in other.concepts.items():
            concepts[name] = concepts.get(name, frozenset()) | members
        return Vocabulary(
            phrases=other.phrases + self.phrases,
            words=MappingProxyType({**self.words, **other.words}),
            common=self.common | other.common,
            negating=self.negating | other.negating,
            concepts=MappingProxyType(concepts),
        )


def read_vocabulary(doc: Document) -> Vocabulary:
    """The vocabulary of a schema-checked `vocabulary:` file."""
    data: dict[str, Any] = doc.data["vocabulary"]
    phrases = tuple(Phrase(tuple(p["say"]), p["means"]) for p in data.get("phrases", []))
    return Vocabulary(
        phrases=phrases,
        words=MappingProxyType(dict(data.get("words", {}))),
        common=frozenset(data.get("common", ())),
        negating=frozenset(data.get("negating", ())),
        concepts=MappingProxyType(
            {name: frozenset(members) for name, members in data.get("concepts", {}).items()}),
    )


def phrase_problems(doc: Document) -> Iterator[Problem]:
    """What the schema cannot see in a `vocabulary:` file's phrases (it may have failed it:
    entries of the wrong shape are left to the schema's problems)."""
    data = doc.data.get("vocabulary") if isinstance(doc.data, dict) else None
    phrases = data.get("phrases") if isinstance(data, dict) else None
    for i, phrase in enumerate(phrases if isinstance(phrases, list) else []):
        means, says = (phrase.get("means"), phrase.get("say")) if isinstance(
            phrase, dict) else (None, None)
        if not isinstance(means, str) or not isinstance(says, list):
            continue
        wanted = means.split().count(WILDCARD)
        for j, say in enumerate(says):
            if not isinstance(say, str):
                continue
            tokens = say.split()
            where = ("vocabulary", "phrases", i, "say", j)
            if all(t == WILDCARD for t in tokens):
                yield Problem(doc.span(where), "bad-phrase",
                              f"'{say}' would rewrite any words",
                              "name at least one word, e.g. 'look * up'")
            elif tokens.count(WILDCARD) < wanted:
                yield Problem(doc.span(where), "bad-phrase",
                              f"'means' uses {wanted} '*' but '{say}' has "
                              f"{tokens.count(WILDCARD)}",
                              "give each '*' in 'means' a '*' in every 'say'")
