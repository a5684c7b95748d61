"""Features of a text for scoring: light stems, pairs of neighbouring stems, concepts.

Both a pack's texts (when the index is built) and a query are reduced to the same weighted
features here, so scoring compares like with like: the stems of the content words, each pair
of neighbouring stems, and the broad concepts of the vocabulary's concept groups ("texted",
"emailed" -> *message*).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from decision_aid.core.routing._lexicon import Lexicon
from decision_aid.core.routing._stem import light_stem

_UNIGRAM, _CONCEPT_W, _BIGRAM = 1.0, 1.0, 1.2
"""How much a word, a concept and a pair of neighbouring words count in a text."""


@dataclass(frozen=True, slots=True)
class Features:
    content: str
    """Stems of the content words in order: what rapidfuzz compares."""
    weights: dict[str, float]


def content_stems(words: Iterable[str], lexicon: Lexicon) -> list[str]:
    """Stems of the words that carry meaning."""
    return [light_stem(w) for w in words if w not in lexicon.stop]


def featurise(stems: list[str], lexicon: Lexicon) -> Features:
    weights: dict[str, float] = {}
    for stem in stems:
        weights[stem] = _UNIGRAM
        for concept in lexicon.concepts.get(stem, ()):
            weights.setdefault(concept, _CONCEPT_W)
    for left, right in itertools.pairwise(stems):
        weights[f"{left} {right}"] = _BIGRAM
    return Features(" ".join(stems), weights)
