"""Normalisation: text as staff type it -> the plain lower-case vocabulary of the packs.

Routing compares the user's words with the packs' triggers and phrases, so both go through
this one step: fold case and accents, drop punctuation and possessives (or mark them, for
prefill), then apply the phrase and word rewrites of the lexicon. :data:`MAX_CHARS` bounds
the text so the cost of a query stays bounded.
"""

from __future__ import annotations

import re
import unicodedata

from decision_aid.core.routing._lexicon import PHRASES, WORDS

MAX_CHARS = 2000
"""Longer text is cut: a description is a sentence or two, and the cost stays bounded."""

_PHRASE_RES = tuple((re.compile(rf"\b(?:{p})\b"), r) for p, r in PHRASES)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?!\w)")
_NON_WORD = re.compile(r"[\W_]+")
OWNER = "zzowner"
"""Stands in for a possessive ("patient's") where prefill needs to know who is meant."""


def normalise(text: str) -> str:
    """Text as staff type it -> the plain lower-case vocabulary shared with the packs.

    >>> normalise("My pt's Mum DM'd me on Insta!")
    'my patient parent direct messaged me on instagram'
    """
    return normalise_with(text, owner="")


def normalise_with(text: str, *, owner: str) -> str:
    """:func:`normalise`, writing ``owner`` where a possessive was (prefill's use)."""
    text = text[:MAX_CHARS]
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub(owner, text.casefold().translate(_APOSTROPHES)).replace("'", "")
    text = " ".join(_NON_WORD.sub(" ", text.replace("&", " and ")).split())
    for pattern, replacement in _PHRASE_RES:
        text = pattern.sub(replacement, text)
    return " ".join(w for word in text.split() for w in WORDS.get(word, word).split())
