"""Prefill: the answers a description states outright, found as the packs' own phrases.

An option's ``phrases`` are matched against the text as whole words after normalisation and
light stemming, skipping phrases just after a negation ("never my patient") or that only own
the next word ("my patient" in "my patient's mum"). Pack phrases are cached as words; the
user's text is not kept.
"""

from __future__ import annotations

import bisect
import functools
from collections import defaultdict
from dataclasses import dataclass

from decision_aid.core._model import QuestionKind, Topic
from decision_aid.core._vocabulary import Vocabulary
from decision_aid.core.routing._lexicon import Lexicon, lexicon_of
from decision_aid.core.routing._normalise import MAX_CHARS, OWNER, normalise_with
from decision_aid.core.routing._stem import light_stem


@dataclass(frozen=True, slots=True)
class Prefill:
    """An answer the text states: ``phrase`` is the pack's phrase that matched."""

    question: str
    option: str
    phrase: str


@dataclass(frozen=True, slots=True)
class Words:
    """A text's normalised words and their stems, and which stems own the next word (the
    "patient" in "patient's mum")."""

    words: tuple[str, ...]
    stems: tuple[str, ...]
    owners: frozenset[int]
    plain: str
    """The text in lower case, to prefer a phrase spelt as the user spelt it."""
    starts: dict[str, list[int]]
    """Where each stem occurs."""
    content: tuple[int, ...]
    """Where the words that are not common words are."""
    negators: frozenset[str]


def words_of(text: str, lexicon: Lexicon) -> Words:
    words: list[str] = []
    stems: list[str] = []
    owners: set[int] = set()
    starts: dict[str, list[int]] = defaultdict(list)
    for word in normalise_with(text, lexicon, owner=f" {OWNER} ").split():
        if word != OWNER:
            stem = light_stem(word)
            starts[stem].append(len(stems))
            words.append(word)
            stems.append(stem)
        elif stems:
            owners.add(len(stems) - 1)
    content = tuple(i for i, word in enumerate(words) if word not in lexicon.stop)
    return Words(tuple(words), tuple(stems), frozenset(owners),
                  text[:MAX_CHARS].casefold(), starts, content, lexicon.negators)


@functools.lru_cache(maxsize=8192)
def phrase_words(phrase: str, lexicon: Lexicon) -> Words:
    """:func:`words_of` of a pack's phrase, cached (never the user's text, which is not kept)."""
    return words_of(phrase, lexicon)


def _find(needle: Words, text: Words) -> tuple[int, int] | None:
    """Where ``needle`` first occurs in ``text`` as whole words and means what it says.

    Word for word, or else its (two or more) content words next to each other with only
    common words between: in order ("md in bio" in "MD in the bio"), or in any order when
    the phrase is all content words ("instagram dm" in "DM'd me on Instagram"; "patient
    messaged me" keeps its order, so "I messaged a patient" is not it). Not just after a
    negation ("never my patient"), and not as the owner of something else ("my patient" in
    "my patient's mum" is about the mum).
    """
    size = len(needle.stems)
    for start in text.starts.get(needle.stems[0], ()) if size else ():
        end = start + size
        if text.stems[start:end] == needle.stems and _meant(start, end, needle, text):
            return start, end
    core = [needle.stems[i] for i in needle.content]
    if len(core) < 2 or not all(stem in text.starts for stem in core):
        return None  # most phrases stop here: one of their words is not in the text
    any_order = len(core) == size
    wanted = sorted(core) if any_order else core
    stems = set(core) if any_order else {core[0]}
    for first in sorted(p for stem in stems for p in text.starts.get(stem, ())):
        k = bisect.bisect_left(text.content, first)  # a window starting on a phrase word
        positions = text.content[k:k + len(core)]
        start, end = positions[0], positions[-1] + 1
        found = [text.stems[p] for p in positions]
        if (
            len(positions) == len(core)
            and end - start <= size + 2
            and (sorted(found) if any_order else found) == wanted
            and _meant(start, end, needle, text)
        ):
            return start, end
    return None


def _meant(start: int, end: int, needle: Words, text: Words) -> bool:
    return (end - 1 not in text.owners or len(needle.stems) - 1 in needle.owners) and not (
        text.negators.intersection(text.stems[max(0, start - 2):start])
    )


def prefill(topic: Topic, text: str, *, vocabulary: Vocabulary | None = None
            ) -> tuple[Prefill, ...]:
    """Answers ``text`` states outright: options whose ``phrases`` occur in it as whole words.

    Words are compared after :func:`normalise` with ``vocabulary`` (pass the knowledge
    base's; :func:`route` does) and light stemming. A single-choice (or
    yes/no) question is filled only when exactly one option matches; a phrase inside a
    longer matching phrase of another option gives way ("patient" inside "former patient").
    A multi-choice question gets every option that matches. The faces show these for
    confirmation; nothing is answered silently.
    """
    lexicon = lexicon_of(vocabulary)
    return prefill_from(topic, words_of(text, lexicon), lexicon)


def prefill_from(topic: Topic, text: Words, lexicon: Lexicon) -> tuple[Prefill, ...]:
    if not text.stems:
        return ()
    found: list[Prefill] = []
    for question in topic.questions:
        hits: list[tuple[tuple[int, int], Prefill]] = []
        for option in question.options:
            best: tuple[tuple[int, int], Prefill] | None = None
            for phrase in option.phrases:
                span = _find(phrase_words(phrase, lexicon), text)
                if span is not None and (best is None or _better(span, phrase, best, text)):
                    best = (span, Prefill(question.id, option.id, phrase))
            if best is not None:
                hits.append(best)
        if question.kind is QuestionKind.MULTI:
            found.extend(hit for _, hit in hits)
            continue
        kept = [hit for span, hit in hits if not any(
            other != span and other[0] <= span[0] and span[1] <= other[1] for other, _ in hits
        )]
        if len(kept) == 1:
            found.append(kept[0])
    return tuple(found)


def _better(span: tuple[int, int], phrase: str, than: tuple[tuple[int, int], Prefill],
            text: Words) -> bool:
    """A longer match wins; at equal length, the phrase spelt as the user spelt it."""
    size, other = span[1] - span[0], than[0][1] - than[0][0]
    if size != other:
        return size > other
    return phrase.casefold() in text.plain and than[1].phrase.casefold() not in text.plain
