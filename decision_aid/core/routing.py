"""Route free text to topics: normalise how staff type, then match the packs' own words.

``route(kb, text)`` ranks topics for a description such as "my pt's mum added me on insta",
each with a 0-100 confidence; ``confident(matches)`` says whether the best one is clear enough
to skip the "which topic?" step; ``prefill(topic, text)`` finds the answers the text states
outright (an option's ``phrases``) so a face can offer them for confirmation.

How a query is scored against each topic:

* **Normalise** (:func:`normalise`): fold case and accents, drop punctuation and possessives,
  expand abbreviations and slang ("fb" -> "facebook", "pt" -> "patient", "dm" -> "direct
  message", "mum" -> "parent", "x-ray" -> "xray", "google review" -> "online review"). The
  packs' triggers and phrases go through the same step, so both sides share one vocabulary.
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
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from decision_aid.core.model import KnowledgeBase, QuestionKind, Topic

__all__ = ["Prefill", "TopicMatch", "confident", "normalise", "prefill", "route"]

MAX_CHARS = 2000
"""Longer text is cut: a description is a sentence or two, and the cost stays bounded."""

CONFIDENT_SCORE = 60.0
"""The best topic needs at least this score for :func:`confident` ..."""
CONFIDENT_MARGIN = 15.0
"""... and this lead over the second."""


@dataclass(frozen=True, slots=True)
class Prefill:
    """An answer the text states: ``phrase`` is the pack's phrase that matched."""

    question: str
    option: str
    phrase: str


@dataclass(frozen=True, slots=True)
class TopicMatch:
    """A candidate topic, its confidence (0-100) and the answers the text states for it."""

    topic: Topic
    score: float
    prefill: tuple[Prefill, ...]


# --- normalisation ----------------------------------------------------------------------

# Several words at once, rewritten on the punctuation-free text before single words.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"x rays?|xrays", "xray"),
    (r"tik toks?", "tiktok"),
    (r"face book", "facebook"),
    (r"linked in", "linkedin"),
    (r"whats apps?", "whatsapp"),
    (r"you tube", "youtube"),
    (r"snap chat", "snapchat"),
    (r"e mail(s|ed|ing)?", r"email\1"),
    (r"co workers?", "coworker"),
    (r"anti ?(vax|vacc?in)\w*", "antivax"),
    (r"med(ical)? stud(ent)?s?", "medical student"),
    (r"a (and )?e|emergency (department|room)|casualty", "ed"),
    (r"(another|other|fellow) (doctors?|physicians?|nurses?|residents?|registrars?)",
     "colleague"),
    (r"(team|work|ward|department|whatsapp) (whatsapp|chat|group)( chat)?|whatsapp group",
     "group chat"),
    (r"(friend|follow|connection) req(uest)?s?", r"\1 request"),
    (r"google (reviews?|ratings?|business( page)?|maps|page|listing)", "online review"),
    (r"(1|one|2|two) ?stars?( reviews?| ratings?)?", "one star rating"),
    (r"(ex|old|previous|past) (patients?|pts?)", r"former \2"),
    (r"sl(id|ide|iding|ides) into (my |your |his |her |their )?dms?", "direct messaged"),
    (r"look(s|ed|ing)? (\w+ )?up", r"search \2"),
    (r"read(ing)? up( on)?", "search"),
    (r"(on|to|from) x( formerly twitter)?", r"\1 twitter"),
    (r"voice (notes?|messages?|memos?)", "voice message"),
    (r"(in|into|from|at) (the )?or", r"\1 the operating room"),
    (r"or (selfies?)", r"operating room \1"),
)
_PHRASE_RES = tuple((re.compile(rf"\b(?:{p})\b"), r) for p, r in _PHRASES)

# Single words: abbreviations, slang and variants -> one or more plain words.
_WORDS: dict[str, str] = {
    "insta": "instagram", "ig": "instagram", "instas": "instagram",
    "fb": "facebook", "facebk": "facebook", "fbook": "facebook",
    "tweet": "twitter post", "tweets": "twitter posts", "tweeted": "posted on twitter",
    "tweeting": "posting on twitter", "retweet": "share on twitter",
    "retweeted": "shared on twitter", "wa": "whatsapp", "whatsap": "whatsapp",
    "watsapp": "whatsapp", "whatsapped": "messaged on whatsapp",
    "whatsapping": "messaging on whatsapp", "yt": "youtube", "linkdin": "linkedin",
    "snapchatted": "messaged on snapchat",
    "dm": "direct message", "dms": "direct messages", "dmd": "direct messaged",
    "dmed": "direct messaged", "dming": "direct messaging", "pm": "private message",
    "pmd": "private messaged", "pmed": "private messaged", "msg": "message",
    "msgs": "messages", "msgd": "messaged", "msged": "messaged", "txt": "text",
    "txted": "texted", "txtd": "texted", "sms": "text message", "imessage": "text message",
    "inboxed": "messaged", "gmail": "personal email", "hotmail": "personal email",
    "pt": "patient", "pts": "patients", "ptnt": "patient",
    "mum": "parent", "mom": "parent", "mam": "parent", "mummy": "parent", "mommy": "parent",
    "mother": "parent", "dad": "parent", "daddy": "parent", "father": "parent",
    "mums": "parents", "moms": "parents", "dads": "parents", "mothers": "parents",
    "fathers": "parents", "hubby": "husband", "missus": "wife",
    "coworker": "colleague", "coworkers": "colleagues", "workmate": "colleague",
    "workmates": "colleagues", "reg": "registrar", "sho": "junior doctor",
    "fy1": "junior doctor", "fy2": "junior doctor",
    "doc": "doctor", "docs": "doctors", "dr": "doctor", "drs": "doctors", "md": "doctor",
    "mds": "doctors", "medic": "doctor", "medics": "doctors",
    "meds": "medication", "bloods": "blood results", "labs": "lab results",
    "cxr": "chest xray", "ekg": "ecg", "pic": "photo", "pics": "photos", "piccy": "photo",
    "pix": "photos", "picture": "photo", "pictures": "photos", "vid": "video",
    "vids": "videos", "img": "image", "er": "ed",
    "dx": "diagnosis", "misdx": "misdiagnosis", "tx": "treatment", "rx": "prescription",
    "sx": "symptoms", "hx": "history",
    "friended": "friend requested", "friending": "friend requesting",
    "req": "request", "reqs": "requests",
    "wanna": "want to", "gonna": "going to", "gotta": "got to", "u": "you", "ur": "your",
    "pls": "please", "plz": "please", "abt": "about", "bc": "because", "cuz": "because",
    "coz": "because", "cos": "because", "okay": "ok", "k": "ok", "tho": "though",
}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?!\w)")
_NON_WORD = re.compile(r"[\W_]+")
_OWNER = "zzowner"
"""Stands in for a possessive ("patient's") where prefill needs to know who is meant."""


def normalise(text: str) -> str:
    """Text as staff type it -> the plain lower-case vocabulary shared with the packs.

    >>> normalise("My pt's Mum DM'd me on Insta!")
    'my patient parent direct messaged me on instagram'
    """
    return _normalise(text, owner="")


def _normalise(text: str, *, owner: str) -> str:
    text = text[:MAX_CHARS]
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub(owner, text.casefold().translate(_APOSTROPHES)).replace("'", "")
    text = " ".join(_NON_WORD.sub(" ", text.replace("&", " and ")).split())
    for pattern, replacement in _PHRASE_RES:
        text = pattern.sub(replacement, text)
    return " ".join(w for word in text.split() for w in _WORDS.get(word, word).split())


# --- features ---------------------------------------------------------------------------

_STOP_WORDS = """
a about above after again all am an and any anyone are as at be because been before being
below both but by can could did do does doing done for from further get gets getting got had
has have having he her here hers herself him himself his how i if in into is it its itself
just me might more most my myself now of off on once only or other our ours out over own
please really same she should so some someone something such than that the their theirs them
then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your yours yourself ok fine allowed want
wants wanted going like think thinking know need needs let lets also still even actually
stuff thing things anything everything somebody anybody im ive id hey hi thanks though yet
ever via one
"""
_NEGATION_WORDS = "not never no nor without isnt wasnt arent werent dont doesnt didnt"
_STOP = frozenset(_STOP_WORDS.split())
_NEGATORS = frozenset(_NEGATION_WORDS.split())

# Broad concepts: each word of a group also yields the group's name as a feature.
_CONCEPTS = """
connect: friend friends add added adding follow following connect connecting connection
  accept accepting request requests
message: message messaged messaging messages text texted texting email emailed emailing
  whatsapp messenger inbox voice
post: post posted posting posts share shared sharing upload uploaded publish published blog
  thread story stories
image: xray photo photos image images scan scans mri ct ecg selfie video radiograph
  ultrasound
review: review reviews reviewed rating ratings rate rated yelp ratemds healthgrades trustpilot
  doctify zocdoc iwantgreatcare star stars
search: search searched searching google googled googling stalk stalked stalking snoop
  snooping cyberstalk lookup
trust: trust trusted trustworthy legit legitimate reliable credible believe genuine verify
  verified credentials licensed qualified
influencer: influencer influencers youtuber tiktoker creator followers podcast
doctor: doctor doctors physician physicians surgeon surgeons cardiologist dermatologist
  specialist gp
colleague: colleague colleagues registrar consultant attending junior senior peer peers
  teammate resident intern fellow nurse
family: parent parents wife husband spouse partner son daughter sister brother sibling
  relative relatives family carer caregiver kid child children grandparent
conduct: drunk racist sexist offensive mocking mock rant ranting inappropriate
  unprofessional derogatory moaning
misinformation: misinformation disinformation antivax quack unproven pseudoscience detox
  conspiracy
symptom: symptom symptoms pain rash fever temperature bleeding
medication: medication prescription dose refill repeat pills
result: results result blood lab test tests
ask: ask asks asked asking question questions query queries enquiry
"""


def _stem(word: str) -> str:
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
            table[_stem(word)].append("~" + name)
    return {stem: tuple(dict.fromkeys(names)) for stem, names in table.items()}


_CONCEPT = _concept_table(_CONCEPTS)
_LEXICON_STEMS = frozenset(_CONCEPT) | frozenset(
    _stem(w) for words in _WORDS.values() for w in words.split()
)

_UNIGRAM, _CONCEPT_W, _BIGRAM = 1.0, 1.0, 1.2
"""How much a word, a concept and a pair of neighbouring words count in a text."""


@dataclass(frozen=True, slots=True)
class _Features:
    content: str
    """Stems of the content words in order: what rapidfuzz compares."""
    weights: dict[str, float]


def _content(words: Iterable[str]) -> list[str]:
    """Stems of the words that carry meaning."""
    return [_stem(w) for w in words if w not in _STOP]


def _features(stems: list[str]) -> _Features:
    weights: dict[str, float] = {}
    for stem in stems:
        weights[stem] = _UNIGRAM
        for concept in _CONCEPT.get(stem, ()):
            weights.setdefault(concept, _CONCEPT_W)
    for left, right in itertools.pairwise(stems):
        weights[f"{left} {right}"] = _BIGRAM
    return _Features(" ".join(stems), weights)


# --- the index of one knowledge base ----------------------------------------------------

# How much each part of a topic counts; parts from _PHRASE_W up also count on their own
# (cosine), triggers and titles also for rapidfuzz.
_TRIGGER_W, _TITLE_W, _SUMMARY_W, _PHRASE_W, _LABEL_W = 1.0, 0.8, 0.5, 0.5, 0.2
_SATURATION = 0.6
_NB_ALPHA = 0.1


@dataclass(frozen=True, slots=True)
class _Index:
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


def _build(kb: KnowledgeBase) -> _Index:
    topics = tuple(kb.topics.values())
    mass: list[dict[str, float]] = [defaultdict(float) for _ in topics]
    texts: list[tuple[int, float, _Features]] = []
    for position, topic in enumerate(topics):
        for text, weight in _topic_texts(topic):
            features = _features(_content(normalise(text).split()))
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
    return _Index(
        topics=topics,
        idf=idf,
        votes={f: tuple(v) for f, v in votes.items()},
        likelihood=likelihood,
        postings={f: tuple(v) for f, v in postings.items()},
        text_topics=tuple(p for p, _, _ in texts),
        text_weights=tuple(w for _, w, _ in texts),
        triggers=tuple(f.content for _, w, f in texts if w >= _TITLE_W),
        trigger_topics=tuple(p for p, w, _ in texts if w >= _TITLE_W),
        stems=stems | _LEXICON_STEMS,
        spelling=tuple(sorted(s for s in stems | _LEXICON_STEMS if len(s) >= 5 and s.isalpha())),
    )


_CACHE: dict[int, tuple[KnowledgeBase, _Index]] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 4


def _index(kb: KnowledgeBase) -> _Index:
    """The index of ``kb``, built on first use (the entry holds ``kb``, so ids stay unique)."""
    entry = _CACHE.get(id(kb))
    if entry is not None and entry[0] is kb:
        return entry[1]
    index = _build(kb)
    with _CACHE_LOCK:
        while len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[id(kb)] = (kb, index)
    return index


# --- routing ----------------------------------------------------------------------------

_TYPO_CUTOFF = 0.8
_EVIDENCE_SCALE = 3.0
_FUZZY_FLOOR = 45.0
_WEIGHTS = (0.35, 0.35, 0.1, 0.2)
"""Evidence, cosine, fuzzy, naive Bayes."""


def _spell(stems: list[str], index: _Index) -> list[str]:
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


def _scores(index: _Index, words: Sequence[str]) -> list[tuple[float, float, float, float]] | None:
    """Per topic, each 0-1: evidence, cosine, fuzzy, naive Bayes; None if nothing is known."""
    query = _features(_spell(_content(words), index))
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


def route(kb: KnowledgeBase, text: str, *, limit: int = 3) -> list[TopicMatch]:
    """Topics for a free-text description, best first, each with a 0-100 confidence.

    An empty list when the text has nothing the packs recognise (empty, punctuation, only
    common words, or words no pack uses).
    """
    if limit <= 0:
        return []
    index = _index(kb)
    words = _words(text)
    scores = _scores(index, words.words)
    if scores is None:
        return []
    combined = [
        (min(100.0, round(100.0 * sum(w * s for w, s in zip(_WEIGHTS, parts, strict=True)), 1)), p)
        for p, parts in enumerate(scores)
    ]
    ranked = sorted((c for c in combined if c[0] > 0.0), key=lambda c: (-c[0], c[1]))
    return [
        TopicMatch(index.topics[p], score, _prefill(index.topics[p], words))
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


# --- prefill ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Words:
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


def _words(text: str) -> _Words:
    words: list[str] = []
    stems: list[str] = []
    owners: set[int] = set()
    starts: dict[str, list[int]] = defaultdict(list)
    for word in _normalise(text, owner=f" {_OWNER} ").split():
        if word != _OWNER:
            stem = _stem(word)
            starts[stem].append(len(stems))
            words.append(word)
            stems.append(stem)
        elif stems:
            owners.add(len(stems) - 1)
    content = tuple(i for i, word in enumerate(words) if word not in _STOP)
    return _Words(tuple(words), tuple(stems), frozenset(owners),
                  text[:MAX_CHARS].casefold(), starts, content)


@functools.lru_cache(maxsize=8192)
def _phrase_words(phrase: str) -> _Words:
    """:func:`_words` of a pack's phrase, cached (never the user's text, which is not kept)."""
    return _words(phrase)


def _find(needle: _Words, text: _Words) -> tuple[int, int] | None:
    """Where ``needle`` first occurs in ``text`` as whole words and means what it says.

    Word for word, or else its (two or more) content words in order with only common words
    between ("md in bio" in "MD in the bio"). Not just after a negation ("never my
    patient"), and not as the owner of something else ("my patient" in "my patient's mum"
    is about the mum).
    """
    size = len(needle.stems)
    for start in text.starts.get(needle.stems[0], ()) if size else ():
        end = start + size
        if text.stems[start:end] == needle.stems and _meant(start, end, needle, text):
            return start, end
    core = [needle.stems[i] for i in needle.content]
    if len(core) < 2:
        return None
    for start in text.starts.get(core[0], ()):
        k = bisect.bisect_left(text.content, start)
        positions = text.content[k:k + len(core)]
        end = positions[-1] + 1
        if (
            end - start <= size + 2
            and [text.stems[p] for p in positions] == core
            and _meant(start, end, needle, text)
        ):
            return start, end
    return None


def _meant(start: int, end: int, needle: _Words, text: _Words) -> bool:
    return (end - 1 not in text.owners or len(needle.stems) - 1 in needle.owners) and not (
        _NEGATORS.intersection(text.stems[max(0, start - 2):start])
    )


def prefill(topic: Topic, text: str) -> tuple[Prefill, ...]:
    """Answers ``text`` states outright: options whose ``phrases`` occur in it as whole words.

    Words are compared after :func:`normalise` and light stemming. A single-choice (or
    yes/no) question is filled only when exactly one option matches; a phrase inside a
    longer matching phrase of another option gives way ("patient" inside "former patient").
    A multi-choice question gets every option that matches. The faces show these for
    confirmation; nothing is answered silently.
    """
    return _prefill(topic, _words(text))


def _prefill(topic: Topic, text: _Words) -> tuple[Prefill, ...]:
    if not text.stems:
        return ()
    found: list[Prefill] = []
    for question in topic.questions:
        hits: list[tuple[tuple[int, int], Prefill]] = []
        for option in question.options:
            best: tuple[tuple[int, int], Prefill] | None = None
            for phrase in option.phrases:
                span = _find(_phrase_words(phrase), text)
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
            text: _Words) -> bool:
    """A longer match wins; at equal length, the phrase spelt as the user spelt it."""
    size, other = span[1] - span[0], than[0][1] - than[0][0]
    if size != other:
        return size > other
    return phrase.casefold() in text.plain and than[1].phrase.casefold() not in text.plain
