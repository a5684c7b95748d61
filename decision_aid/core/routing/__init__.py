"""Route free text to topics: normalise how staff type, then match the packs' own words.

``route(kb, text)`` ranks topics for a description such as "my pt's mum added me on insta",
each with a 0-100 confidence; ``confident(matches)`` says whether the best one is clear enough
to skip the "which topic?" step; ``prefill(topic, text)`` finds the answers the text states
outright (an option's ``phrases``) so a face can offer them for confirmation.

How a query is scored against each topic:

* **Normalise** (:func:`normalise`): fold case and accents, drop punctuation and possessives,
  expand abbreviations and slang ("fb" -> "facebook", "pt" -> "patient", "dm" -> "direct
  message", "mum" -> "parent", "x-ray" -> "xray", "google review" -> "online review"). The
  packs' triggers and phrases go through the same step, so both sides share one vocabulary:
  the knowledge base's ``vocabulary`` (content, ``content/vocabulary.yaml``, which an
  institution's overlay extends).
* **Features**: light stems of the content words, pairs of neighbouring stems, and broad
  concepts shared by synonyms ("texted", "dm", "emailed" -> *message*; "googled", "stalked"
  -> *search*). A misspelt word is replaced by the nearest stem the packs use (rapidfuzz).
* Four scores, each 0-1, from the topic's triggers (most), title, summary and option phrases
  and labels (less), with features weighted by how specific they are to one topic (idf):
  *evidence* (the votes of every feature, saturating), *cosine* (the best single trigger or
  phrase, so words that belong together count together), *fuzzy* (rapidfuzz token-set
  similarity with the best trigger: near-verbatim wording, any order) and *naive Bayes*
  (the topic's share of the likelihood, which separates topics that share words).

Their weighted sum is the confidence. The weights, the concept groups and the thresholds of
:func:`confident` were chosen on ``tests/data/routing_corpus.yaml`` and on routing each pack
trigger with itself left out; the corpus test prints the accuracy.

Everything derived from a knowledge base is built once and cached by the object's identity (a
``KnowledgeBase`` is immutable), so a query costs a fraction of a millisecond. Pure: no I/O,
no logging, and the text is not kept once a call returns.

Layout: one step a private module (``_lexicon`` the compiled vocabulary, ``_stem``,
``_normalise``, ``_features``, ``_topic_index`` building and caching, ``_scoring``,
``_prefill``); this module combines the scores into :func:`route` and decides
:func:`confident`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from decision_aid.core._model import KnowledgeBase, Topic
from decision_aid.core.routing._normalise import MAX_CHARS as MAX_CHARS
from decision_aid.core.routing._normalise import normalise
from decision_aid.core.routing._prefill import Prefill, prefill
from decision_aid.core.routing._prefill import phrase_words as _phrase_words  # noqa: F401
from decision_aid.core.routing._prefill import prefill_from as _prefill
from decision_aid.core.routing._prefill import words_of as _words
from decision_aid.core.routing._scoring import WEIGHTS as _WEIGHTS
from decision_aid.core.routing._scoring import topic_scores as _scores
from decision_aid.core.routing._topic_index import CACHE as _CACHE  # noqa: F401
from decision_aid.core.routing._topic_index import build_index as _build  # noqa: F401
from decision_aid.core.routing._topic_index import cached_index as _index

# _phrase_words, _CACHE and _build keep their old names here for tests/core/test_routing.py and
# benchmarks/bench_routing.py, which inspect the caches and time the index build.

__all__ = ["Prefill", "TopicMatch", "confident", "normalise", "prefill", "route"]

CONFIDENT_SCORE = 60.0
"""The best topic needs at least this score for :func:`confident` ..."""
CONFIDENT_MARGIN = 15.0
"""... and this lead over the second."""


@dataclass(frozen=True, slots=True)
class TopicMatch:
    """A candidate topic, its confidence (0-100) and the answers the text states for it."""

    topic: Topic
    score: float
    prefill: tuple[Prefill, ...]


def route(kb: KnowledgeBase, text: str, *, limit: int = 3) -> list[TopicMatch]:
    """Topics for a free-text description, best first, each with a 0-100 confidence.

    An empty list when the text has nothing the packs recognise (empty, punctuation, only
    common words, or words no pack uses).
    """
    if limit <= 0:
        return []
    index = _index(kb)
    words = _words(text, index.lexicon)
    scores = _scores(index, words.words)
    if scores is None:
        return []
    combined = [
        (min(100.0, round(100.0 * sum(w * s for w, s in zip(_WEIGHTS, parts, strict=True)), 1)), p)
        for p, parts in enumerate(scores)
    ]
    ranked = sorted((c for c in combined if c[0] > 0.0), key=lambda c: (-c[0], c[1]))
    return [
        TopicMatch(index.topics[p], score, _prefill(index.topics[p], words, index.lexicon))
        for score, p in ranked[:limit]
    ]


def confident(matches: Sequence[TopicMatch]) -> bool:
    """True when the best topic scores high and clearly ahead: a face may skip "which topic?".

    Pass what :func:`route` returned with its default ``limit`` (a lone match counts as
    clearly ahead). On the routing corpus and on the packs' own triggers, each left out in
    turn, about four in five routings are confident, and about one in fifty of those is wrong.
    """
    if not matches or matches[0].score < CONFIDENT_SCORE:
        return False
    return len(matches) == 1 or matches[0].score - matches[1].score >= CONFIDENT_MARGIN
