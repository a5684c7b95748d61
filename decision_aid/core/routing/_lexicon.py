"""The routing vocabulary compiled for use: phrase patterns, word rewrites, concept table.

The vocabulary itself is content (``content/vocabulary.yaml`` plus an institution's
overlay, read into :class:`~decision_aid.core.Vocabulary` by the loader); this module turns
it into what normalising and featurising need, once per vocabulary. A phrase's ``say`` is
made of literal words, ``a|b`` alternatives and ``*`` (any one word): each becomes an
anchored pattern with no nested repetition, so a rewrite costs time linear in the text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from decision_aid.core._vocabulary import WILDCARD, Phrase, Vocabulary
from decision_aid.core.routing._by_identity import ByIdentity
from decision_aid.core.routing._stem import light_stem


@dataclass(frozen=True, slots=True, eq=False)
class Rewrite:
    """One compiled phrase: where it matches and the words it becomes."""

    pattern: re.Pattern[str]
    means: tuple[str, ...]

    def apply(self, text: str) -> str:
        return self.pattern.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        found = iter(g for g in match.groups() if g is not None)
        return " ".join(next(found, "") if w == WILDCARD else w for w in self.means)


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """A vocabulary ready for routing (compared by identity; one per vocabulary)."""

    rewrites: tuple[Rewrite, ...]
    words: dict[str, tuple[str, ...]]
    stop: frozenset[str]
    negators: frozenset[str]
    concepts: dict[str, tuple[str, ...]]
    """stem -> the concept features it also counts as ("~message")."""
    stems: frozenset[str]
    """Stems the vocabulary knows: a misspelling may be corrected towards them."""


def _token(token: str) -> str:
    if token == WILDCARD:
        return r"(\w+)"
    return "(?:" + "|".join(re.escape(w) for w in token.split("|")) + ")"


def _rewrite(phrase: Phrase) -> Rewrite:
    says = sorted(phrase.say, key=lambda s: -len(s.split()))  # longest reading first
    body = "|".join(" ".join(_token(t) for t in say.split()) for say in says)
    return Rewrite(re.compile(rf"\b(?:{body})\b"), tuple(phrase.means.split()))


def compile_vocabulary(vocabulary: Vocabulary) -> Lexicon:
    concepts: dict[str, list[str]] = defaultdict(list)
    for name, members in sorted(vocabulary.concepts.items()):
        for word in sorted(members):
            concepts[light_stem(word)].append("~" + name)
    words = {word: tuple(plain.split()) for word, plain in vocabulary.words.items()}
    stems = frozenset(concepts) | frozenset(
        light_stem(w) for plain in words.values() for w in plain)
    return Lexicon(
        rewrites=tuple(_rewrite(p) for p in vocabulary.phrases),
        words=words,
        stop=vocabulary.common,
        negators=vocabulary.negating,
        concepts={stem: tuple(dict.fromkeys(names)) for stem, names in concepts.items()},
        stems=stems,
    )


_CACHE: ByIdentity[Vocabulary, Lexicon] = ByIdentity(8)


_NONE = Vocabulary()


def lexicon_of(vocabulary: Vocabulary | None) -> Lexicon:
    """The compiled form of ``vocabulary``, built on first use and cached by identity.

    None is the empty vocabulary: only case, accents, punctuation and possessives fold.
    """
    return _CACHE.get(_NONE if vocabulary is None else vocabulary, compile_vocabulary)
