"""Normalisation: text as staff type it -> the plain lower-case vocabulary of the packs.

Routing compares the user's words with the packs' triggers and phrases, so both go through
this one step: fold case and accents, drop punctuation and possessives (or mark them, for
prefill), then apply the vocabulary's phrase and word rewrites. :data:`MAX_CHARS` bounds
the text so the cost of a query stays bounded.
"""

from __future__ import annotations

import re
import unicodedata

from decision_aid.core._vocabulary import Vocabulary
from decision_aid.core.phi import MAX_TEXT_CHARS
from decision_aid.core.routing._lexicon import Lexicon, lexicon_of

MAX_CHARS = MAX_TEXT_CHARS
"""Longer text is cut, so the cost stays bounded (faces refuse it before: ``phi.scan``)."""

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?!\w)")
_NON_WORD = re.compile(r"[\W_]+")
OWNER = "zzowner"
"""Stands in for a possessive ("patient's") where prefill needs to know who is meant."""


def normalise(text: str, vocabulary: Vocabulary | None = None) -> str:
    """Text as staff type it -> the plain lower-case vocabulary shared with the packs.

    Pass the knowledge base's ``vocabulary`` for its rewrites; without one only case,
    accents, punctuation and possessives are folded.

    >>> normalise("My pt's Mum DM'd me on Insta!", kb.vocabulary)  # doctest: +SKIP
    'my patient parent direct messaged me on instagram'
    """
    return normalise_with(text, lexicon_of(vocabulary), owner="")


def normalise_with(text: str, lexicon: Lexicon, *, owner: str) -> str:
    """:func:`normalise`, writing ``owner`` where a possessive was (prefill's use)."""
    text = text[:MAX_CHARS]
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub(owner, text.casefold().translate(_APOSTROPHES)).replace("'", "")
    text = " ".join(_NON_WORD.sub(" ", text.replace("&", " and ")).split())
    for rewrite in lexicon.rewrites:
        text = rewrite.apply(text)
    words = lexicon.words
    return " ".join(w for word in text.split() for w in words.get(word, (word,)))
