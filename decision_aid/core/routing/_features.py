"""Features of a text for scoring: light stems, pairs of neighbouring stems, concepts.

Both a pack's texts (when the index is built) and a query are reduced to the same weighted
features here, so scoring compares like with like: the stems of the content words, each pair
of neighbouring stems, and the broad concepts of the lexicon's synonym groups ("texted",
"emailed" -> *message*). The stemmer is deliberately light: being the same on both sides is
all routing needs.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from decision_aid.core.routing._lexicon import CONCEPTS, STOP, WORDS


def light_stem(word: str) -> str:
    """A light suffix stripper: being the same on both sides is all routing needs."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    stem = word
    if word.endswith("ing") and len(word) >= 6:
        stem = word[:-3]
    elif word.endswith("ed") and not word.endswith("eed") and len(word) >= 5:
        stem = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        stem = word[:-1]
    if stem != word and len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        stem = stem[:-1]
    if stem.endswith("e") and len(stem) > 4:
        stem = stem[:-1]
    return stem


def _concept_table(spec: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = defaultdict(list)
    for group in re.split(r"\n(?=\w+:)", spec.strip()):
        name, words = group.split(":", 1)
        for word in words.split():
            table[light_stem(word)].append("~" + name)
    return {stem: tuple(dict.fromkeys(names)) for stem, names in table.items()}


_CONCEPT = _concept_table(CONCEPTS)
LEXICON_STEMS = frozenset(_CONCEPT) | frozenset(
    light_stem(w) for words in WORDS.values() for w in words.split()
)

_UNIGRAM, _CONCEPT_W, _BIGRAM = 1.0, 1.0, 1.2
"""How much a word, a concept and a pair of neighbouring words count in a text."""


@dataclass(frozen=True, slots=True)
class Features:
    content: str
    """Stems of the content words in order: what rapidfuzz compares."""
    weights: dict[str, float]


def content_stems(words: Iterable[str]) -> list[str]:
    """Stems of the words that carry meaning."""
    return [light_stem(w) for w in words if w not in STOP]


def featurise(stems: list[str]) -> Features:
    weights: dict[str, float] = {}
    for stem in stems:
        weights[stem] = _UNIGRAM
        for concept in _CONCEPT.get(stem, ()):
            weights.setdefault(concept, _CONCEPT_W)
    for left, right in itertools.pairwise(stems):
        weights[f"{left} {right}"] = _BIGRAM
    return Features(" ".join(stems), weights)
