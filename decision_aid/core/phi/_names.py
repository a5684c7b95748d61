"""Name detectors: a person's name next to a patient, relative or staff word, or a title.

Names are the hardest identifier to recognise in chat, so they take the most heuristics:
capitalised name shapes, titles (Mr/Mrs, Dr/Prof/Nurse/Sister), a name beside a staff role
("my registrar, Priya Shah", "a nurse named Grace": the privacy notice asks for no
colleague's name either), lower-case names after a patient or relative word, and first+last
pairs that count only with a patient word nearby and not after a place preposition. Word
lists come from :mod:`decision_aid.core.phi._words`; the character classes are shared with
the address rules.
"""

from __future__ import annotations

import re

from decision_aid.core.phi._report import PhiKind
from decision_aid.core.phi._spans import Rule, Span, match_span
from decision_aid.core.phi._words import FIRST_NAMES, PLACE_PREFIX, STAFF_ROLES, is_stop

# A capitalised name word: "Smith", "O'Brien", "McDonald", "Lopez-Garcia", "Zoë".
UP = "A-ZÀ-ÖØ-Þ"
LO = "a-zß-öø-ÿ"
_NAME_WORD = rf"(?:(?:Mc|Mac|O['’])?[{UP}][{LO}]{{1,30}}(?:-[{UP}][{LO}]{{1,30}})?)"
_INITIAL = rf"(?:[{UP}](?:\.\s?|\s))"  # "J. Smith", "J Smith"; not the D of "DMed"
# "John", "John Smith", "J. Smith", "John A. Smith", "Mary Ann Smith".
_NAME_FORM = rf"(?:{_INITIAL}?{_NAME_WORD}(?:\s{{1,2}}{_INITIAL}?{_NAME_WORD}){{0,2}})"

_PATIENT_WORD = r"(?:(?i:patients?|clients?|service\s+users?)|[Pp]ts?\b\.?)"
_RELATIVES = (
    r"mum|mom|mother|dad|father|parents?|son|daughter|wife|husband|partner|sister|brother"
    r"|grandson|granddaughter|grandmother|grandfather|grandma|grandpa|gran|nan|nana|aunt|uncle"
    r"|niece|nephew|cousin|fianc[eé]e?|girlfriend|boyfriend|carer|caregiver|guardian"
    r"|next\s+of\s+kin|nok|relative|widow|widower"
)
_RELATIVE_WORD = f"(?:{_RELATIVES})"
_PERSON_WORD = (
    r"(?:patients?|pts?|lady|gentleman|gent|man|woman|guy|girl|boy|baby|child|kid|toddler"
    r"|teen|teenager|chap|fella|bloke|person|someone|client|" + _RELATIVES + "|" + STAFF_ROLES
    + ")"
)
_STAFF_ROLE = f"(?:{STAFF_ROLES})"
_STAFF_TITLES = r"Dr|Doctor|Prof|Professor|Nurse|Sister|Matron|Rev|Father|Sr"
_STAFF_TITLE = rf"(?:{_STAFF_TITLES})\.?"


def _trim_name(
    text: str, m: re.Match[str], min_words: int = 1, *, after_title: bool = False
) -> Span | None:
    """Cut a name span down to its name words; None if no real name word remains.

    Leading stop words go ("Yesterday Maria Lopez"), and the name ends at the first stop word
    ("John Facebook"). Right after Mr/Mrs/Ms the surname is kept even if it is also a word
    ("Mrs Ward", "Mr Porter"): surnames collide with the stop list more often than chat does.
    """
    start, end = match_span(m)
    words = [(w.start() + start, w.end() + start) for w in re.finditer(r"\S+", text[start:end])]
    keep = 0
    if after_title:
        keep = next((i + 1 for i, (a, b) in enumerate(words) if not _is_initial(text[a:b])), 0)
    else:
        while words and is_stop(text[words[0][0] : words[0][1]]):
            words.pop(0)
    for i in range(keep, len(words)):
        if is_stop(text[words[i][0] : words[i][1]]):
            words = words[:i]
            break
    while len(words) > keep and _is_initial(text[words[-1][0] : words[-1][1]]):
        words.pop()
    real = [w for w in words if not _is_initial(text[w[0] : w[1]])]
    if not words or len(real) < min_words:
        return None
    return words[0][0], words[-1][1]


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def _check_name(text: str, m: re.Match[str]) -> Span | None:
    return _trim_name(text, m)


_PAIR_CONTEXT = re.compile(
    r"(?i)(?<![\w])(?:patients?|pts?|clients?|" + _RELATIVES + r"|admitted|discharged"
    r"|treated|diagnosed|operated|bay\s?\d|bed\s?\d|ward\s?\d|cubicle|side\s?room|died"
    r"|passed\s+away|under\s+my\s+care|dob|d\.o\.b|in\s+(?:my\s+|the\s+)?clinic)(?!\w)"
)
_PLACE_BEFORE = re.compile(
    r"(?i)\b(?:in|at|near|from|to|around|across|visiting|via|of)\s+(?:the\s+)?$"
)
_STAFF_BEFORE = re.compile(
    r"(?i)(?:\b(?:dr|doctor|prof|professor|nurse|sister|matron|colleague|consultant|registrar"
    r"|attending|resident|boss|manager|friend|co-?worker|gp|surgeon|physio|pharmacist|student"
    r"|intern|trainee|fellow|reg|sho|cousin's friend|rev|mentor|supervisor|lead)\.?,?\s+)$"
)


def _check_pair(text: str, m: re.Match[str]) -> Span | None:
    """A capitalised first+last name counts only with a patient or relative word nearby."""
    first = re.match(r"\S+", text[m.start("v") : m.end("v")])
    if first is not None and first.group().lower() in PLACE_PREFIX:
        return None  # "New York Times", "North Wales", "St Thomas' Hospital"
    span = _trim_name(text, m, min_words=2)
    if span is None:
        return None
    start, end = span
    if _STAFF_BEFORE.search(text, max(0, start - 30), start):
        return None
    first_word = text[start:end].split(None, 1)[0].lower()
    if first_word not in FIRST_NAMES and _PLACE_BEFORE.search(text, max(0, start - 15), start):
        return None  # "a patient from Hong Kong", "lives in Milton Keynes"
    return span  # the rule's `near` asks for a patient or relative word close by


def _check_title_name(text: str, m: re.Match[str]) -> Span | None:
    """Mr/Mrs + name: a patient's or a colleague's (UK surgeons are "Mr Jones") alike."""
    return _trim_name(text, m, after_title=True)


def _check_lower_name(text: str, m: re.Match[str]) -> Span | None:
    """Lower-case names: after a title any word, after a patient word a known first name."""
    start, end = match_span(m)
    words = [(w.start() + start, w.end() + start) for w in re.finditer(r"\S+", text[start:end])]
    first = text[words[0][0] : words[0][1]]
    if is_stop(first) or (m.start("t") < 0 and first not in FIRST_NAMES):
        return None
    if len(words) > 1 and is_stop(text[words[1][0] : words[1][1]]):
        return words[0]
    return start, end


NAME_RULES: tuple[Rule, ...] = (
    # "my patient John Smith", "pt J. Smith", "patient named Maria Lopez", "patient, Dr Khan".
    Rule(
        PhiKind.NAME,
        re.compile(
            rf"(?<![\w]){_PATIENT_WORD}(?:\s+(?i:named|called|is|was|of\s+mine))?"
            rf"\s{{0,2}}[,:(–-]?\s{{0,2}}(?:(?:Mr|Mrs|Ms|Miss|Mx|{_STAFF_TITLES})\.?\s{{1,2}})?"
            rf"(?P<v>{_NAME_FORM})"
        ),
        _check_name,
        re.compile(r"(?i)pt|patient|client|service"),
    ),
    # Titles: "Mrs Patel in bay 4", "Mr. J. Smith", "Miss O'Brien", "Baby Jones".
    Rule(
        PhiKind.NAME,
        re.compile(
            rf"(?<![\w])(?:[Mm]rs?|Ms|Miss|Mx|Mister|Master|Baby)\.?\s{{1,2}}(?P<v>{_NAME_FORM})"
        ),
        _check_title_name,
        re.compile(r"M|Baby|mr"),
    ),
    # Staff titles: "Dr Okafor", "Prof. Andrew Lee", "Sister Mary O'Neill" (not "Dr Google").
    Rule(
        PhiKind.NAME,
        re.compile(rf"(?<![\w]){_STAFF_TITLE}\s{{1,2}}(?P<v>{_NAME_FORM})"),
        _check_name,
        re.compile(r"Dr|Doctor|Prof|Nurse|Sister|Matron|Rev|Father|Sr"),
    ),
    # Beside a staff role: "my colleague Tom Baxter", "the registrar, Priya Shah",
    # "receptionist Janet", "our consultant Mr Hughes", "nurse practitioner Dana Whitlock".
    Rule(
        PhiKind.NAME,
        re.compile(
            rf"(?<![\w])(?i:{_STAFF_ROLE})\s{{0,2}}[,:(–-]?\s{{0,2}}"
            rf"(?:(?:Mr|Mrs|Ms|Miss|Mx|{_STAFF_TITLES})\.?\s{{1,2}})?(?P<v>{_NAME_FORM})"
        ),
        _check_name,
    ),
    # Lower-case: "my patient sarah jones", "his wife linda", "mrs patel".
    Rule(
        PhiKind.NAME,
        re.compile(
            rf"(?<![\w])(?:(?i:patients?|pts?|(?:patient['’]?s|pt['’]?s|his|her|their|the)\s+"
            rf"{_RELATIVE_WORD})|(?P<t>[Mm]rs?|Miss))\.?\s{{1,2}}[,:(–-]?\s{{0,2}}"
            r"(?P<v>[a-z][a-z'’-]{1,30}(?:\s[a-z][a-z'’-]{1,30})?)(?![\w])"
        ),
        _check_lower_name,
        re.compile(r"(?i)pt|patient|mr|miss|his|her|their|the"),
    ),
    # Relatives of the patient: "the patient's daughter Sarah", "his wife, Jane Doe".
    Rule(
        PhiKind.NAME,
        re.compile(
            rf"(?i:(?<![\w])(?:patient['’]?s|pt['’]?s|his|her|their|the)\s+{_RELATIVE_WORD}s?)"
            rf"\s{{0,2}}[,:(–-]?\s{{0,2}}(?P<v>{_NAME_FORM})"
        ),
        _check_name,
    ),
    # "a lady called Joan", "a patient named john smith" (lower case is accepted after "named").
    Rule(
        PhiKind.NAME,
        re.compile(rf"(?i:(?<![\w]){_PERSON_WORD}\s+(?:named|called))\s+(?P<v>{_NAME_FORM})"),
        _check_name,
        re.compile(r"(?i)named|called"),
    ),
    Rule(
        PhiKind.NAME,
        re.compile(
            rf"(?i:(?<![\w]){_PERSON_WORD}\s+named)\s+"
            r"(?P<v>[a-z][a-z'-]{1,30}(?:\s[a-z][a-z'-]{1,30})?)"
        ),
        _check_name,
        re.compile(r"(?i)named"),
    ),
    # "her name is Joan", "patient's name: Maria Lopez".
    Rule(
        PhiKind.NAME,
        re.compile(rf"(?i:(?<![\w])name(?:['’]s|\s+is|\s+was|:))\s{{1,2}}(?P<v>{_NAME_FORM})"),
        _check_name,
        re.compile(r"(?i)name"),
    ),
    # "Dr Amir Khan, who is my patient".
    Rule(
        PhiKind.NAME,
        re.compile(
            rf"(?<![\w]){_STAFF_TITLE}\s{{1,2}}(?P<v>{_NAME_FORM}),?\s+(?i:(?:who\s+)?"
            r"(?:is|was|'s)\s+(?:also\s+)?(?:a|my|our|the)\s+(?:patients?|pt)\b)"
        ),
        _check_name,
        re.compile(r"(?i)patient|pt"),
    ),
    # Capitalised first + last name with a patient or relative word nearby.
    Rule(
        PhiKind.NAME,
        re.compile(
            rf"(?<![\w'’.-])(?P<v>{_NAME_WORD}(?:\s{{1,2}}{_INITIAL}?{_NAME_WORD}){{1,2}})"
            r"(?![\w])"
        ),
        _check_pair,
        near=_PAIR_CONTEXT,
        window=70,
    ),
)
