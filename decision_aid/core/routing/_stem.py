"""A light suffix stripper for routing: being the same on both sides is all routing needs.

The pack's words and the user's words are stemmed alike, so "texted", "texting" and "texts"
meet at "text" without a dictionary; a real stemmer would cost imports for no gain here.
"""

from __future__ import annotations


def light_stem(word: str) -> str:
    """Strip one common suffix ("ies"/"ied", "ing", "ed", "s"), a doubled consonant and a
    final e."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"  # "identified", "identifies" -> "identify"
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
