"""The index of one knowledge base: every topic's features, weighted, built once and cached.

Scoring a query needs, per feature, how specific it is to a topic (idf), each topic's votes
and naive Bayes likelihoods, the postings of triggers and phrases for cosine similarity, the
triggers for rapidfuzz and the stems a misspelling may be corrected towards. Building that
costs milliseconds, so it is done once per ``KnowledgeBase`` (immutable) and cached by the
object's identity; the cache holds only pack text, never a user's.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from decision_aid.core._model import KnowledgeBase, Topic
from decision_aid.core.routing._by_identity import ByIdentity
from decision_aid.core.routing._features import Features, content_stems, featurise
from decision_aid.core.routing._lexicon import Lexicon, lexicon_of
from decision_aid.core.routing._normalise import normalise_with

# How much each part of a topic counts; parts from _PHRASE_W up also count on their own
# (cosine), triggers and titles also for rapidfuzz.
_TRIGGER_W, _TITLE_W, _SUMMARY_W, _PHRASE_W, _LABEL_W = 1.0, 0.8, 0.5, 0.5, 0.2
_SATURATION = 0.6
_NB_ALPHA = 0.1


@dataclass(frozen=True, slots=True)
class Index:
    topics: tuple[Topic, ...]
    idf: dict[str, float]
    votes: dict[str, tuple[tuple[int, float], ...]]
    """feature -> (topic, saturating idf-weighted vote) for every topic that uses it."""
    likelihood: dict[str, tuple[float, ...]]
    """feature -> log P(feature | topic) for every topic, smoothed (naive Bayes)."""
    postings: dict[str, tuple[tuple[int, float], ...]]
    """feature -> (text, its weight in the text's unit vector) for triggers and phrases."""
    text_topics: tuple[int, ...]
    text_weights: tuple[float, ...]
    triggers: tuple[str, ...]
    """Triggers and titles as content stems, for rapidfuzz."""
    trigger_topics: tuple[int, ...]
    stems: frozenset[str]
    spelling: tuple[str, ...]
    """Stems long enough to correct a misspelling towards."""
    lexicon: Lexicon
    """The knowledge base's vocabulary, compiled: the query is read with it too."""


def _topic_texts(topic: Topic) -> Iterable[tuple[str, float]]:
    for trigger in topic.triggers:
        yield trigger, _TRIGGER_W
    yield topic.title, _TITLE_W
    yield topic.summary, _SUMMARY_W
    for question in topic.questions:
        for option in question.options:
            yield option.label, _LABEL_W
            for phrase in option.phrases:
                yield phrase, _PHRASE_W


def build_index(kb: KnowledgeBase) -> Index:
    topics = tuple(kb.topics.values())
    lexicon = lexicon_of(kb.vocabulary)
    mass: list[dict[str, float]] = [defaultdict(float) for _ in topics]
    texts: list[tuple[int, float, Features]] = []
    for position, topic in enumerate(topics):
        for text, weight in _topic_texts(topic):
            words = normalise_with(text, lexicon, owner="").split()
            features = featurise(content_stems(words, lexicon), lexicon)
            for feature, strength in features.weights.items():
                mass[position][feature] += weight * strength
            if weight >= _PHRASE_W and features.content:
                texts.append((position, weight, features))

    ceiling = math.log(len(topics) + 1)
    used_by = Counter(f for m in mass for f in m)
    idf = {f: ceiling - math.log(count) for f, count in used_by.items()}
    for feature in idf:
        if " " in feature:  # a pair of words is no more specific than its vaguer word
            left, right = feature.split(" ")
            idf[feature] *= min(idf.get(left, ceiling), idf.get(right, ceiling)) / ceiling

    votes: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for position, amounts in enumerate(mass):
        for feature, amount in amounts.items():
            votes[feature].append((position, idf[feature] * amount / (amount + _SATURATION)))
    totals = [sum(m.values()) + _NB_ALPHA * len(idf) for m in mass]
    likelihood = {
        f: tuple(math.log((m.get(f, 0.0) + _NB_ALPHA) / total)
                 for m, total in zip(mass, totals, strict=True))
        for f in idf
    }
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, (_, _, features) in enumerate(texts):
        vector = {f: w * idf[f] for f, w in features.weights.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        for feature, value in vector.items():
            postings[feature].append((i, value / norm))
    stems = frozenset(f for f in idf if " " not in f and not f.startswith("~"))
    return Index(
        topics=topics,
        idf=idf,
        votes={f: tuple(v) for f, v in votes.items()},
        likelihood=likelihood,
        postings={f: tuple(v) for f, v in postings.items()},
        text_topics=tuple(p for p, _, _ in texts),
        text_weights=tuple(w for _, w, _ in texts),
        triggers=tuple(f.content for _, w, f in texts if w >= _TITLE_W),
        trigger_topics=tuple(p for p, w, _ in texts if w >= _TITLE_W),
        stems=stems | lexicon.stems,
        spelling=tuple(sorted(s for s in stems | lexicon.stems if len(s) >= 5 and s.isalpha())),
        lexicon=lexicon,
    )


CACHE: ByIdentity[KnowledgeBase, Index] = ByIdentity(4)


def cached_index(kb: KnowledgeBase) -> Index:
    """The index of ``kb``, built on first use."""
    return CACHE.get(kb, build_index)
