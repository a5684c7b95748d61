"""Scoring a query against every topic of an index: four scores, each 0 to 1.

*Evidence* (the saturating votes of every feature), *cosine* (the best single trigger or
phrase), *fuzzy* (rapidfuzz token-set similarity with the best trigger) and *naive Bayes*
(the topic's share of the likelihood); :data:`WEIGHTS` combines them into a confidence. A
misspelt stem is first replaced by the nearest stem the packs use. Kept apart from the index
so the weights and thresholds chosen on the corpus sit in one short module.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from decision_aid.core.routing._features import content_stems, featurise
from decision_aid.core.routing._topic_index import Index

_TYPO_CUTOFF = 0.8
_EVIDENCE_SCALE = 3.0
_FUZZY_FLOOR = 45.0
WEIGHTS = (0.35, 0.35, 0.1, 0.2)
"""Evidence, cosine, fuzzy, naive Bayes."""


def _spell(stems: list[str], index: Index) -> list[str]:
    """Replace stems the packs don't use by the nearest one they do (one slip per 5 letters)."""
    fixed = []
    for stem in stems:
        if len(stem) >= 5 and stem.isalpha() and stem not in index.stems:
            best = process.extractOne(stem, index.spelling, scorer=OSA.normalized_similarity,
                                      score_cutoff=_TYPO_CUTOFF)
            if best is not None:
                stem = best[0]
        fixed.append(stem)
    return fixed


def topic_scores(index: Index,
                 words: Sequence[str]) -> list[tuple[float, float, float, float]] | None:
    """Per topic, each 0-1: evidence, cosine, fuzzy, naive Bayes; None if nothing is known."""
    lexicon = index.lexicon
    query = featurise(_spell(content_stems(words, lexicon), index), lexicon)
    n = len(index.topics)
    evidence = [0.0] * n
    log_likelihood = [0.0] * n
    vector: dict[str, float] = {}
    for feature, strength in query.weights.items():
        votes = index.votes.get(feature)
        if votes is None:
            continue
        for position, vote in votes:
            evidence[position] += strength * vote
        for position, value in enumerate(index.likelihood[feature]):
            log_likelihood[position] += strength * value
        vector[feature] = strength * index.idf[feature]
    if not vector:
        return None

    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    dots: dict[int, float] = defaultdict(float)
    for feature, value in vector.items():
        for i, weight in index.postings.get(feature, ()):
            dots[i] += value * weight
    cosine = [0.0] * n
    for i, dot in dots.items():
        owner = index.text_topics[i]
        cosine[owner] = max(cosine[owner], dot / norm * index.text_weights[i])

    fuzzy = [0.0] * n
    for _, score, i in process.extract(query.content, index.triggers,
                                       scorer=fuzz.token_set_ratio, limit=None,
                                       score_cutoff=_FUZZY_FLOOR):
        owner = index.trigger_topics[i]
        fuzzy[owner] = max(fuzzy[owner], (score - _FUZZY_FLOOR) / (100.0 - _FUZZY_FLOOR))

    best = max(log_likelihood)
    odds = [math.exp(v - best) for v in log_likelihood]
    total = sum(odds)
    return [
        (1.0 - math.exp(-evidence[p] / _EVIDENCE_SCALE), cosine[p], fuzzy[p], odds[p] / total)
        for p in range(n)
    ]
