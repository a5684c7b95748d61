"""Patient-identifier (PHI) guard for free text.

Every free-text entrance (the terminal "describe your situation" prompt, Slack messages) calls
:func:`scan` before anything else sees the text, so that a message which seems to identify a
patient can be refused before it is routed, logged or stored.

The detector is built from regular expressions and small heuristics for the HIPAA Safe Harbor
categories that can be recognised in text: names next to patient words, dates of birth or
admission, ages over 89, phone numbers, emails, record/account/licence/device numbers, social
security numbers, street addresses, ZIP codes and UK postcodes, URLs, social handles and IP
addresses. It errs towards flagging: a false alarm costs the user a rephrase, a miss may leak a
patient's identity.

Design constraints, and why:

* Pure and stdlib-only: the core must not do I/O or log the text it inspects.
* Findings hold character spans, never the text, so a report can be kept or logged safely.
* Every pattern is compiled once, anchored by a look-behind or a literal keyword, and uses only
  bounded repetition, so the work per character is bounded and long inputs scan in linear time.
"""

from __future__ import annotations

import enum
import ipaddress
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["PhiFinding", "PhiKind", "PhiReport", "redact", "scan"]


class PhiKind(enum.StrEnum):
    """The identifier categories the guard recognises (a subset of HIPAA Safe Harbor)."""

    NAME = "name"
    DATE = "date"
    AGE_OVER_89 = "age_over_89"
    PHONE = "phone"
    EMAIL = "email"
    RECORD_NUMBER = "record_number"
    SSN = "ssn"
    ADDRESS = "address"
    POSTCODE = "postcode"
    URL = "url"
    HANDLE = "handle"
    IP_ADDRESS = "ip_address"


_LABELS: dict[PhiKind, str] = {
    PhiKind.NAME: "a name next to a patient word",
    PhiKind.DATE: "a date of birth or admission",
    PhiKind.AGE_OVER_89: "an age over 89",
    PhiKind.PHONE: "a phone number",
    PhiKind.EMAIL: "an email address",
    PhiKind.RECORD_NUMBER: "a record, account or ID number",
    PhiKind.SSN: "a social security or national insurance number",
    PhiKind.ADDRESS: "a street address",
    PhiKind.POSTCODE: "a ZIP code or postcode",
    PhiKind.URL: "a web address",
    PhiKind.HANDLE: "a social media handle",
    PhiKind.IP_ADDRESS: "an IP address",
}

# When spans from different detectors overlap, the merged span takes the kind that ranks first
# here: keyword-anchored evidence ("NHS no 943 476 5919") beats shape-only evidence (a phone).
_PRIORITY: dict[PhiKind, int] = {
    kind: rank
    for rank, kind in enumerate(
        (
            PhiKind.SSN,
            PhiKind.EMAIL,
            PhiKind.URL,
            PhiKind.IP_ADDRESS,
            PhiKind.RECORD_NUMBER,
            PhiKind.DATE,
            PhiKind.PHONE,
            PhiKind.POSTCODE,
            PhiKind.ADDRESS,
            PhiKind.AGE_OVER_89,
            PhiKind.HANDLE,
            PhiKind.NAME,
        )
    )
}


@dataclass(frozen=True, slots=True)
class PhiFinding:
    """One likely identifier, as a character span of the scanned text (never the text)."""

    kind: PhiKind
    start: int
    end: int

    @property
    def label(self) -> str:
        """A short description that is safe to show: it never quotes the text."""
        return _LABELS[self.kind]


@dataclass(frozen=True, slots=True)
class PhiReport:
    """The result of :func:`scan`: non-overlapping findings in text order."""

    findings: tuple[PhiFinding, ...]

    @property
    def flagged(self) -> bool:
        """True when anything that may identify a patient was found."""
        return bool(self.findings)

    @property
    def kinds(self) -> tuple[PhiKind, ...]:
        """Distinct kinds found, in order of first appearance."""
        return tuple(dict.fromkeys(f.kind for f in self.findings))

    def warning(self) -> str:
        """One line for the user naming what was found, never echoing it ("" if nothing)."""
        if not self.findings:
            return ""
        labels = ", ".join(_LABELS[kind] for kind in self.kinds)
        return (
            f"This looks like it may identify a patient ({labels}). "
            "Rephrase without them; nothing was stored."
        )


# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUMERIC_DATE = r"\d{1,2}(?P<ds>[/.-])\d{1,2}(?P=ds)(?:\d{4}|\d{2})"

# A capitalised name word: "Smith", "O'Brien", "McDonald", "Lopez-Garcia", "Zoë".
_UP = "A-ZÀ-ÖØ-Þ"
_LO = "a-zß-öø-ÿ"
_NAME_WORD = rf"(?:(?:Mc|Mac|O['’])?[{_UP}][{_LO}]{{1,30}}(?:-[{_UP}][{_LO}]{{1,30}})?)"
_INITIAL = rf"(?:[{_UP}]\.?\s?)"
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
    r"|teen|teenager|chap|fella|bloke|person|someone|client|resident|" + _RELATIVES + ")"
)
_STAFF_TITLES = r"Dr|Doctor|Prof|Professor|Nurse|Sister|Matron|Rev|Father|Sr"
_STAFF_TITLE = rf"(?:{_STAFF_TITLES})\.?"

# Words that look like names when capitalised but are not (checked lower-cased, with simple
# suffixes stripped, so "Googled" and "Instagram's" are caught too).
_STOP_TEXT = """
    a an the this that these those my our your his her their its i we you he she they it me us
    him them who whom whose which what when where why how there here any some all none each
    every and but or nor so if then than as at by for from in into of off on onto out over to
    up upon with within without via per about above after against along among around before
    behind below beneath beside between beyond during except inside near outside since through
    till toward towards under until yesterday today tonight tomorrow last next first second
    third new old former current recent another other same such very really just only also even
    still yet again already always never sometimes often ever maybe perhaps please sorry thanks
    thank hi hello hey dear ok okay yes no not re fwd fw ps btw fyi lol omg anyway apparently
    unfortunately recently basically actually obviously someone somebody anyone anybody
    everyone everybody nobody noone something anything everything nothing one two three four
    five six seven eight nine ten is are was were be been being am do does did done has have
    had having can could should would will shall may might must i'm i've i'd i'll im ive id ill
    it's its let lets let's good great happy quick question urgent help advice update note
    important saw seen see had got get gets posted post posts asked ask found find added add
    sent send messaged message tagged tag shared share received receive wondering wonder met
    meet treated treat admitted admit discharged discharge called call texted text emailed
    email wrote write told tell said say left leave took take gave give made make went go came
    come looked look searched search googled followed follow friended friend blocked block
    reported report tweeted tweet liked like commented comment replied reply spoke speak talked
    talk visited visit noticed notice thought think know knew wanted want need needs needed
    tried try monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu
    thur thurs fri sat sun january february march april june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec weekend morning
    afternoon evening night christmas easter ramadan diwali eid hanukkah thanksgiving halloween
    facebook fb instagram insta ig linkedin tiktok whatsapp twitter x yelp google youtube
    reddit snapchat snap threads mastodon bluesky doximity sermo slack teams zoom messenger
    telegram signal discord pinterest tumblr nextdoor ratemds healthgrades zocdoc trustpilot
    gofundme wechat viber skype facetime imessage gmail outlook hotmail yahoo icloud apple
    android iphone microsoft amazon meta epic cerner emis systmone wikipedia chatgpt openai
    substack medium twitch mumsnet glassdoor dr doctor doc prof professor nurse sister matron
    mr mrs ms miss mx sir madam consultant registrar resident attending intern physician
    surgeon gp colleague boss manager covid coronavirus emergency department hospital clinic
    ward unit bay bed room cubicle icu ed er internal medicine general surgery practice family
    primary care intensive critical royal university college trust health medical centre center
    foundation board council service services team safety complaints complaint pals hr legal
    comms communications policy guidance code conduct social media street road avenue lane
    north south east west saint st san santa los las fort port lake mount english british
    american irish scottish welsh indian chinese spanish french german polish muslim christian
    jewish hindu sikh experience liaison portal access records information education
    satisfaction relations rights forum group voice transport zero outcomes disease syndrome
    crohn parkinson alzheimer down hodgkin cushing addison graves bell huntington tourette
    asperger kawasaki lyme bipolar type accident a&e mental anyway sadly hopefully honestly
    times news journal herald gazette tribune daily weekly
"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())

# Common first names, used only to recognise lower-case names right after a patient or relative
# word ("my patient sarah jones"). Names that are also ordinary words (will, may, grace, max,
# mark, rose, jack) are left out on purpose.
_FIRST_NAME_TEXT = """
    james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony donald steven paul andrew joshua kenneth kevin brian george timothy ronald
    edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
    brandon benjamin samuel gregory alexander patrick raymond dennis jerry tyler aaron jose adam
    nathan henry peter zachary douglas harold kyle carl arthur gerald roger keith jeremy terry
    lawrence sean albert joe ethan austin jesse willie billy bryan bruce jordan ralph roy noah
    dylan alan juan wayne elijah randy vincent russell louis philip bobby johnny bradley liam
    oliver harry charlie oscar alfie leo archie freddie theo toby callum connor declan ciaran
    niall rhys owen gareth dafydd hamish angus mohammed muhammad mohammad mohamed ahmed ali omar
    hassan hussein ibrahim yusuf amir imran tariq bilal raj rahul arjun vikram sanjay ravi anil
    sunil deepak amit rohit priya anjali sunita anita neha pooja kavita lakshmi deepa meera
    nisha fatima aisha ayesha zainab maryam khadija noor yasmin leila carlos luis miguel jorge
    pedro alejandro diego javier maria carmen ana lucia sofia isabella valentina camila
    gabriela rosa elena wei hui ming xin mei ling chen kenji hiroshi yuki akira sakura hyun
    chidi emeka chinedu tunde oluwaseun kemi ngozi amara chioma adaeze kwame kofi abena mary
    patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
    margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma
    nicole helen samantha katherine christine debra rachel carolyn janet catherine diane julie
    joyce victoria kelly christina lauren joan evelyn olivia judith megan cheryl martha andrea
    frances hannah jacqueline ann gloria jean kathryn alice teresa sara janice doris madison
    julia judy abigail marie denise beverly danielle theresa sophia marilyn natalie diana
    brittany charlotte kayla alexis lori isla ava mia amelia poppy freya chloe ellie millie
    evie phoebe imogen niamh siobhan aoife ciara sinead bethan cerys rhiannon eilidh morag fiona
    kirsty shona gemma leanne kerry tracey stacey kayleigh zoe lucy sophie georgia jasmine kate
    katie becky jenny jess jessie tom tommy dave steve mike chris matt ben sam dan tim andy jim
    jimmy pete greg ken kenny ron tony jon josh alex jake luke stuart graham derek trevor nigel
    colin malcolm ian neil barry clive geoff geoffrey martin simon alistair duncan fraser craig
    euan jamie darren shane marcus jerome tyrone darnell deshawn latoya keisha tanisha shanice
    aaliyah imani ebony jamal malik andre doreen maureen eileen brenda gladys edna mildred
    agnes ethel irene norman stanley walter harold ernest herbert wilfred cyril
"""
_FIRST_NAMES = frozenset(_FIRST_NAME_TEXT.split())
_PLACE_PREFIX = frozenset(
    {
        "new",
        "north",
        "south",
        "east",
        "west",
        "san",
        "santa",
        "los",
        "las",
        "saint",
        "st",
        "fort",
        "port",
        "lake",
        "mount",
        "royal",
        "great",
    }
)


def _is_stop(word: str) -> bool:
    """True for words that are capitalised in chat but are not names."""
    w = word.lower().rstrip(".,:;!?")
    for suffix in ("'s", "’s"):
        if w.endswith(suffix):
            w = w[: -len(suffix)]
    if w in _STOP_WORDS:
        return True
    for suffix in ("ing", "ed", "es", "s", "d", "er"):
        if w.endswith(suffix) and w[: -len(suffix)] in _STOP_WORDS:
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Detectors
# ---------------------------------------------------------------------------------------------

_Span = tuple[int, int]
_Check = Callable[[str, re.Match[str]], _Span | None]


@dataclass(frozen=True, slots=True)
class _Rule:
    """One compiled pattern; group "v", when present, is the identifier inside the match."""

    kind: PhiKind
    pattern: re.Pattern[str]
    check: _Check | None = None
    needs: re.Pattern[str] | None = None  # cheap pre-filter on the whole text


def _span(m: re.Match[str]) -> _Span:
    if "v" in m.re.groupindex and m.start("v") >= 0:
        return m.start("v"), m.end("v")
    return m.start(), m.end()


def _digits(s: str) -> int:
    return sum(ch.isdigit() for ch in s)


def _trim_name(
    text: str, m: re.Match[str], min_words: int = 1, *, after_title: bool = False
) -> _Span | None:
    """Cut a name span down to its name words; None if no real name word remains.

    Leading stop words go ("Yesterday Maria Lopez"), and the name ends at the first stop word
    ("John Facebook"). Right after Mr/Mrs/Ms the surname is kept even if it is also a word
    ("Mrs Ward", "Mr Porter"): surnames collide with the stop list more often than chat does.
    """
    start, end = _span(m)
    words = [(w.start() + start, w.end() + start) for w in re.finditer(r"\S+", text[start:end])]
    keep = 0
    if after_title:
        keep = next((i + 1 for i, (a, b) in enumerate(words) if not _is_initial(text[a:b])), 0)
    else:
        while words and _is_stop(text[words[0][0] : words[0][1]]):
            words.pop(0)
    for i in range(keep, len(words)):
        if _is_stop(text[words[i][0] : words[i][1]]):
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


def _check_name(text: str, m: re.Match[str]) -> _Span | None:
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


def _check_pair(text: str, m: re.Match[str]) -> _Span | None:
    """A capitalised first+last name counts only with a patient or relative word nearby."""
    first = re.match(r"\S+", text[m.start("v") : m.end("v")])
    if first is not None and first.group().lower() in _PLACE_PREFIX:
        return None  # "New York Times", "North Wales", "St Thomas' Hospital"
    span = _trim_name(text, m, min_words=2)
    if span is None:
        return None
    start, end = span
    if _STAFF_BEFORE.search(text, max(0, start - 30), start):
        return None
    first_word = text[start:end].split(None, 1)[0].lower()
    if first_word not in _FIRST_NAMES and _PLACE_BEFORE.search(text, max(0, start - 15), start):
        return None  # "a patient from Hong Kong", "lives in Milton Keynes"
    lo, hi = max(0, start - 70), min(len(text), end + 70)
    if not _PAIR_CONTEXT.search(text, lo, hi):
        return None
    return span


_COLLEAGUE_AFTER = re.compile(
    r"(?i),?\s+(?:(?:is|was)\s+)?(?:the|our|my|a|an)\s+(?:[\w-]+\s+){0,2}?(?:surgeon|consultant"
    r"|registrar|anaesthetist|anesthetist|physician|doctor|colleague|nurse|boss|gp|sho)\b"
)


def _check_title_name(text: str, m: re.Match[str]) -> _Span | None:
    """Mr/Mrs + name, unless it is plainly a colleague: UK surgeons are "Mr Jones"."""
    span = _trim_name(text, m, after_title=True)
    if span is None or _COLLEAGUE_AFTER.match(text, span[1]):
        return None
    return span


def _check_lower_name(text: str, m: re.Match[str]) -> _Span | None:
    """Lower-case names: after a title any word, after a patient word a known first name."""
    start, end = _span(m)
    words = [(w.start() + start, w.end() + start) for w in re.finditer(r"\S+", text[start:end])]
    first = text[words[0][0] : words[0][1]]
    if _is_stop(first) or (m.start("t") < 0 and first not in _FIRST_NAMES):
        return None
    if len(words) > 1 and _is_stop(text[words[1][0] : words[1][1]]):
        return words[0]
    return start, end


def _valid_day_month(a: int, b: int) -> bool:
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


def _check_numeric_date(text: str, m: re.Match[str]) -> _Span | None:
    parts = re.split(r"[/.-]", text[m.start("v") : m.end("v")])
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        return None
    if len(parts[0]) == 4:  # ISO: year-month-day
        ok = len(parts) == 3 and 1 <= int(parts[1]) <= 12 and 1 <= int(parts[2]) <= 31
        return _span(m) if ok else None
    return _span(m) if _valid_day_month(int(parts[0]), int(parts[1])) else None


def _check_ssn(text: str, m: re.Match[str]) -> _Span | None:
    digits = re.sub(r"\D", "", text[m.start("v") : m.end("v")])
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in {"000", "666"} or area.startswith("9") or group == "00" or serial == "0000":
        return None
    return _span(m)


def _check_us_phone(text: str, m: re.Match[str]) -> _Span | None:
    value = text[m.start("v") : m.end("v")]
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11:
        digits = digits[1:]
    if value.isdigit() and (digits[0] in "01" or digits[3] in "01"):
        return None  # unseparated and not a valid NANP number: leave it to the record rule
    return _span(m)


def _check_min_digits(n: int) -> _Check:
    def check(text: str, m: re.Match[str]) -> _Span | None:
        return _span(m) if _digits(text[m.start("v") : m.end("v")]) >= n else None

    return check


def _check_record(text: str, m: re.Match[str]) -> _Span | None:
    """At least four digits, and not just a year ("ID 2024 guidelines")."""
    value = text[m.start("v") : m.end("v")]
    if _digits(value) < 4 or re.fullmatch(r"(?:19|20)\d\d", value):
        return None
    return _span(m)


def _check_ip(text: str, m: re.Match[str]) -> _Span | None:
    try:
        ipaddress.ip_address(text[m.start("v") : m.end("v")])
    except ValueError:
        return None
    return _span(m)


def _check_url(text: str, m: re.Match[str]) -> _Span | None:
    start, end = _span(m)
    while end > start and text[end - 1] in ".,;:!?'\"”’)»":
        end -= 1
    return (start, end) if end > start else None


def _check_handle(text: str, m: re.Match[str]) -> _Span | None:
    start, end = _span(m)
    while end > start and text[end - 1] == ".":
        end -= 1
    value = text[start:end].lstrip("@").lower()
    if value in {"channel", "here", "everyone", "all"} or len(value) < 2:
        return None
    return start, end


def _check_handle_keyword(text: str, m: re.Match[str]) -> _Span | None:
    """After "insta:" and the like, only handle-shaped words count, not "private"."""
    start, end = _span(m)
    while end > start and text[end - 1] == ".":
        end -= 1
    value = text[start:end]
    if re.search(r"[A-Za-z]", value) and (value.startswith("@") or re.search(r"[\d_.]", value)):
        return start, end
    return None


_NAME_RULES: tuple[_Rule, ...] = (
    # "my patient John Smith", "pt J. Smith", "patient named Maria Lopez", "patient, Dr Khan".
    _Rule(
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
    _Rule(
        PhiKind.NAME,
        re.compile(
            rf"(?<![\w])(?:[Mm]rs?|Ms|Miss|Mx|Mister|Master|Baby)\.?\s{{1,2}}(?P<v>{_NAME_FORM})"
        ),
        _check_title_name,
        re.compile(r"M|Baby|mr"),
    ),
    # Lower-case: "my patient sarah jones", "his wife linda", "mrs patel".
    _Rule(
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
    _Rule(
        PhiKind.NAME,
        re.compile(
            rf"(?i:(?<![\w])(?:patient['’]?s|pt['’]?s|his|her|their|the)\s+{_RELATIVE_WORD}s?)"
            rf"\s{{0,2}}[,:(–-]?\s{{0,2}}(?P<v>{_NAME_FORM})"
        ),
        _check_name,
    ),
    # "a lady called Joan", "a patient named john smith" (lower case is accepted after "named").
    _Rule(
        PhiKind.NAME,
        re.compile(rf"(?i:(?<![\w]){_PERSON_WORD}\s+(?:named|called))\s+(?P<v>{_NAME_FORM})"),
        _check_name,
        re.compile(r"(?i)named|called"),
    ),
    _Rule(
        PhiKind.NAME,
        re.compile(
            rf"(?i:(?<![\w]){_PERSON_WORD}\s+named)\s+"
            r"(?P<v>[a-z][a-z'-]{1,30}(?:\s[a-z][a-z'-]{1,30})?)"
        ),
        _check_name,
        re.compile(r"(?i)named"),
    ),
    # "her name is Joan", "patient's name: Maria Lopez".
    _Rule(
        PhiKind.NAME,
        re.compile(rf"(?i:(?<![\w])name(?:['’]s|\s+is|\s+was|:))\s{{1,2}}(?P<v>{_NAME_FORM})"),
        _check_name,
        re.compile(r"(?i)name"),
    ),
    # "Dr Amir Khan, who is my patient".
    _Rule(
        PhiKind.NAME,
        re.compile(
            rf"(?<![\w]){_STAFF_TITLE}\s{{1,2}}(?P<v>{_NAME_FORM}),?\s+(?i:(?:who\s+)?"
            r"(?:is|was|'s)\s+(?:also\s+)?(?:a|my|our|the)\s+(?:patients?|pt)\b)"
        ),
        _check_name,
        re.compile(r"(?i)patient|pt"),
    ),
    # Capitalised first + last name with a patient or relative word nearby.
    _Rule(
        PhiKind.NAME,
        re.compile(
            rf"(?<![\w'’.-])(?P<v>{_NAME_WORD}(?:\s{{1,2}}{_INITIAL}?{_NAME_WORD}){{1,2}})"
            r"(?![\w])"
        ),
        _check_pair,
    ),
)

_BIRTH_KEYWORD = (
    r"(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s?date|(?<!new)(?<!first)born(?:\s+on)?"
    r"|birthday(?:\s+is)?)"
)
_EVENT_KEYWORD = (
    r"(?:admitted|admission(?:\s+date)?|date\s+of\s+admission|discharged|discharge\s+date"
    r"|died|passed\s+away|date\s+of\s+death|d\.?o\.?d\.?|deceased|operated\s+on|surgery"
    r"|seen\s+in\s+clinic|seen|presented|attended|brought\s+in)"
)
_DATE_SEP = r"[\s:,–-]{0,3}(?:(?:on|in|is|was)\s+)?(?:the\s+)?"
_DAY_MONTH = rf"(?:{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+(?:the\s+)?{_DAY}(?![\d:]))"
_DATE_RULES: tuple[_Rule, ...] = (
    # Full dates anywhere: "03/04/1961", "12.01.2024", "2024-01-12".
    _Rule(
        PhiKind.DATE,
        re.compile(rf"(?<![\w/.:-])(?P<v>{_NUMERIC_DATE})(?![\w/]|[.:-]\d)"),
        _check_numeric_date,
        re.compile(r"\d[/.-]\d"),
    ),
    _Rule(
        PhiKind.DATE,
        re.compile(r"(?<![\w/.-])(?P<v>(?:19|20)\d\d-\d{1,2}-\d{1,2})(?![\w/]|[.-]\d)"),
        _check_numeric_date,
        re.compile(r"\d-\d"),
    ),
    # "3 March 1961", "3rd of March, 1961", "March 3, 1961", "March 3rd 1961".
    _Rule(
        PhiKind.DATE,
        re.compile(
            rf"(?i)(?<![\w])(?P<v>(?:{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+{_DAY}),?\s+"
            rf"(?:{_YEAR}|['’]\d\d))(?!\d)"
        ),
        None,
        re.compile(r"\d"),
    ),
    # After a birth keyword, any date element below the year: "DOB 03/04", "born in March
    # 1961", "born on the 3rd". A year alone is not a Safe Harbor identifier except after DOB.
    _Rule(
        PhiKind.DATE,
        re.compile(
            rf"(?i)(?<![\w]){_BIRTH_KEYWORD}{_DATE_SEP}(?P<v>{_NUMERIC_DATE}|\d{{1,2}}/\d{{1,2}}"
            rf"(?:/\d{{2,4}})?|{_DAY_MONTH}(?:,?\s+{_YEAR})?|{_MONTH}\s+{_YEAR}|{_MONTH}(?!\w)"
            r"|(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))(?![\w/])"
        ),
        None,
        re.compile(r"(?i)birth|born|dob|d\.o\.b"),
    ),
    _Rule(
        PhiKind.DATE,
        re.compile(
            r"(?i)(?<![\w])(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s?date)[\s:,–-]{0,3}"
            rf"(?:is\s+)?(?P<v>{_YEAR})(?!\d)"
        ),
        None,
        re.compile(r"(?i)birth|dob|d\.o\.b"),
    ),
    # After an admission/discharge/death keyword, a day-level date: "admitted on 12/01",
    # "discharged on the 3rd", "died 4 June", "admitted in March 2024" (not "in March").
    _Rule(
        PhiKind.DATE,
        re.compile(
            rf"(?i)(?<![\w]){_EVENT_KEYWORD}{_DATE_SEP}(?P<v>\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?"
            rf"|{_DAY_MONTH}(?:,?\s+{_YEAR})?|{_MONTH}\s+{_YEAR}"
            rf"|(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))(?![\w/])"
        ),
        None,
        re.compile(r"\d"),
    ),
)

_AGE = r"(?:9\d|1[01]\d|12[0-5])"
_AGE_RULES: tuple[_Rule, ...] = (
    # "a 93-year-old", "93 years old", "91 yr old", "94 yo", "92 y/o", "95yoF", "90 years of age".
    _Rule(
        PhiKind.AGE_OVER_89,
        re.compile(
            rf"(?i)(?<![\w.,]){_AGE}(?:\s?|-)(?:(?:years?|yrs?|yr)(?:\s?|-)(?:old|of\s+age)"
            r"|y\.?o\.?|y/o|yoa)(?![a-eg-ln-z])"
        ),
        None,
        re.compile(r"9|1[01]\d|12"),
    ),
    # "aged 91", "age: 93", "age 90".
    _Rule(
        PhiKind.AGE_OVER_89,
        re.compile(rf"(?i)(?<![\w])aged?\s?:?\s?(?P<v>{_AGE})(?!\d|\+|\s?%|\s?(?:mg|kg))"),
        None,
        re.compile(r"(?i)age"),
    ),
    # "turned 94", "celebrated her 100th birthday", "in his late 90s", "a nonagenarian".
    _Rule(
        PhiKind.AGE_OVER_89,
        re.compile(
            rf"(?i)(?<![\w])(?:(?:turned|turning|just\s+turned)\s+(?P<v>{_AGE})(?!\d|\s?%)"
            rf"|(?P<b>{_AGE}(?:st|nd|rd|th)\s+birthday)"
            r"|(?:in\s+(?:his|her|their)\s+(?:(?:early|mid|late)[\s-])?)(?P<c>(?:19)?90['’]?s"
            r"|nineties|100s|hundreds)"
            r"|(?P<d>(?:super)?centenarian|nonagenarian|ninety[\s-]?(?:one|two|three|four|five"
            r"|six|seven|eight|nine)?[\s-]years?[\s-]old|(?:one\s+)?hundred[\s-]years?[\s-]old))"
        ),
        lambda text, m: next(
            ((m.start(g), m.end(g)) for g in ("v", "b", "c", "d") if m.start(g) >= 0), None
        ),
        re.compile(r"(?i)turn|birthday|90|nine|hundred|genarian|centenarian"),
    ),
    # "born in 1931": anyone born in 1935 or earlier is over 89 (a fixed cutoff can only
    # under-flag as years pass, never over-flag).
    _Rule(
        PhiKind.AGE_OVER_89,
        re.compile(r"(?i)(?<![\w])born\s+(?:in\s+)?(?P<v>18\d\d|19[0-2]\d|193[0-5])(?!\d)"),
        None,
        re.compile(r"(?i)born"),
    ),
    # "a 93M", "a 91F" (clinical shorthand after an article).
    _Rule(
        PhiKind.AGE_OVER_89,
        re.compile(rf"(?<![\w])(?i:an?)\s(?P<v>{_AGE}\s?[MF])(?![\w])"),
        None,
        re.compile(r"\d[MF]|\d [MF]"),
    ),
)

_PHONE_RULES: tuple[_Rule, ...] = (
    # US: "(617) 555-0142", "617-555-0142", "+1 617 555 0142", "6175550142".
    _Rule(
        PhiKind.PHONE,
        re.compile(
            r"(?<![\w+./-])(?P<v>(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4})"
            r"(?!\w|[.-]\d)"
        ),
        _check_us_phone,
        re.compile(r"\d{3}"),
    ),
    # US local seven digits: "555-0142".
    _Rule(
        PhiKind.PHONE,
        re.compile(r"(?<![\w+./-])(?P<v>[2-9]\d{2}[-.]\d{4})(?!\w|[.-]\d)"),
        None,
        re.compile(r"\d[-.]\d"),
    ),
    # UK: "020 7946 0958", "07700 900123", "+44 7700 900123", "(0161) 496 0000".
    _Rule(
        PhiKind.PHONE,
        re.compile(
            r"(?<![\w+./-])(?P<v>(?:(?:\+44|0044)\s?(?:\(0\)\s?)?|\(?0)"
            r"(?:\d[\s)-]{0,2}){8,9}\d)(?!\w|[.-]\d)"
        ),
        _check_min_digits(10),
        re.compile(r"0|\+44"),
    ),
    # Other international numbers written with a plus: "+353 1 234 5678".
    _Rule(
        PhiKind.PHONE,
        re.compile(r"(?<![\w+])(?P<v>\+\d{1,3}(?:[\s.-]?\d){7,13})(?!\w|[.-]\d)"),
        None,
        re.compile(r"\+\d"),
    ),
    # A keyword and any digit run: "call her on 4471 9933", "mobile: 98765 43210".
    _Rule(
        PhiKind.PHONE,
        re.compile(
            r"(?i)(?<![\w])(?:phone|tel|telephone|mobile|cell|cellphone|mob|landline|whatsapp\s+no"
            r"|number\s+is)\s?(?:no\.?|number|#)?\s?[:=]?\s{0,2}(?:is\s+)?(?:on\s+)?"
            r"(?P<v>\+?\d(?:[\s.()-]{0,2}\d){6,14})(?!\w)"
        ),
        None,
        re.compile(r"\d{3}"),
    ),
)

_RECORD_KEYWORD = (
    r"(?:mrn|m\.r\.n\.?|medical\s+records?(?:\s+number|\s+no\.?|\s+#)?|med\s+rec|hospital\s+"
    r"(?:number|no\.?|id)|hosp\s+no\.?|unit\s+number|ur\s+number|urn|nhs(?:\s+number|\s+no\.?|"
    r"\s+#)?|chi(?:\s+number|\s+no\.?)|account(?:\s+number|\s+no\.?)?|acct\.?|a/c"
    r"|health\s+plan(?:\s+member)?(?:\s+id|\s+number|\s+no\.?)?|member(?:ship)?\s+(?:id|number|"
    r"no\.?)|policy(?:\s+number|\s+no\.?)|insurance(?:\s+id|\s+number|\s+no\.?)"
    r"|medicaid(?:\s+id|\s+number|\s+no\.?)?|medicare(?:\s+id|\s+number|\s+no\.?)?"
    r"|beneficiary\s+(?:id|number)|(?:driver['’]?s\s+)?licen[cs]e(?:\s+plate)?(?:\s+number|"
    r"\s+no\.?)?|number\s+plate|reg(?:istration)?\s+plate|registration(?:\s+number|\s+no\.?)"
    r"|serial(?:\s+number|\s+no\.?)?|device(?:\s+id|\s+serial|\s+number)|imei|passport(?:\s+"
    r"number|\s+no\.?)?|npi|dea(?:\s+number|\s+no\.?)?|gmc(?:\s+number|\s+no\.?)?|case\s+"
    r"(?:number|no\.?|id)|claim(?:\s+number|\s+no\.?)|encounter(?:\s+id|\s+number)|visit\s+"
    r"(?:id|number)|csn|patient\s+(?:id|number|no\.?)|pt\s+(?:id|no\.?)|id(?:\s+number|\s+no\.?)?"
    r"|hospital\s+(?:number|no))"
)
_RECORD_VALUE = (
    r"(?:[A-Za-z]{0,6}-?\d[A-Za-z0-9]{0,19}(?:[\s-][A-Za-z]{0,3}\d[A-Za-z0-9]{0,19}){0,4})"
)
_RECORD_RULES: tuple[_Rule, ...] = (
    # "MRN 12345678", "NHS no 943 476 5919", "acct #88123", "member ID: XJH448812".
    _Rule(
        PhiKind.RECORD_NUMBER,
        re.compile(
            rf"(?i)(?<![\w]){_RECORD_KEYWORD}\s{{0,2}}(?:(?:is|was|[:=#-])\s{{0,2}}){{0,2}}"
            rf"#?\s?(?P<v>{_RECORD_VALUE})(?!\w)"
        ),
        _check_record,
        re.compile(r"\d{2}"),
    ),
    # Long bare digit runs and letter-prefixed IDs: "12345678", "A1234567", "RXH-0045123".
    _Rule(
        PhiKind.RECORD_NUMBER,
        re.compile(r"(?<![\w./+-])(?P<v>\d{8,20}|[A-Z]{1,3}-?\d{6,12})(?![\w]|[./-]\d)"),
        None,
        re.compile(r"\d{6}"),
    ),
)

_SSN_RULES: tuple[_Rule, ...] = (
    _Rule(
        PhiKind.SSN,
        re.compile(r"(?<![\w./-])(?P<v>\d{3}(?P<ss>[- ])\d{2}(?P=ss)\d{4})(?![\w]|[./-]\d)"),
        _check_ssn,
        re.compile(r"\d{3}[- ]\d\d"),
    ),
    _Rule(
        PhiKind.SSN,
        re.compile(
            r"(?i)(?<![\w])(?:ssn|ss\s?#|social\s+security(?:\s+number|\s+no\.?|\s+#)?)"
            r"\s{0,2}(?:is\s+|[:#]\s{0,2})?(?P<v>\d{3}[\s-]?\d{2}[\s-]?\d{4})(?!\d)"
        ),
        None,
        re.compile(r"(?i)ss|social"),
    ),
    # After a keyword, any NI-shaped value, including HMRC's own example prefix "QQ".
    _Rule(
        PhiKind.SSN,
        re.compile(
            r"(?i:(?<![\w])(?:ni|nino|national\s+insurance)(?:\s+(?:number|no\.?|#))?)"
            r"\s{0,2}(?:is\s+|[:#]\s{0,2})?(?P<v>[A-Za-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Da-d])"
            r"(?!\w)"
        ),
        None,
        re.compile(r"(?i)ni|insurance"),
    ),
    # UK National Insurance number: "AB 12 34 56 C".
    _Rule(
        PhiKind.SSN,
        re.compile(
            r"(?<![\w])(?P<v>(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
            r"\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D])(?!\w)"
        ),
        None,
        re.compile(r"\d\d"),
    ),
)

_STREET = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Close|Way"
    r"|Place|Pl|Terrace|Ter|Crescent|Cres|Gardens|Gdns|Square|Sq|Highway|Hwy|Parkway|Pkwy"
    r"|Circle|Cir|Row|Mews|Grove|Walk|Trail|Parade|Hill|Park|Estate)"
)
_ADDRESS_RULES: tuple[_Rule, ...] = (
    # "12 Elm Street", "221B Baker St", "4-6 Mill Lane".
    _Rule(
        PhiKind.ADDRESS,
        re.compile(
            rf"(?<![\w/.:-])(?P<v>\d{{1,5}}[A-Za-z]?(?:-\d{{1,5}})?,?\s(?:[{_UP}][{_LO}'’-]{{1,30}}"
            rf"\s){{1,3}}{_STREET})(?:\b\.?|(?=\W|$))"
        ),
        None,
        re.compile(r"\d"),
    ),
    # Lower-case after a residence keyword: "lives at 12 elm street".
    _Rule(
        PhiKind.ADDRESS,
        re.compile(
            r"(?i)(?<![\w])(?:lives|living|lived|resides|residing|staying|address(?:\s+is)?|"
            r"house|home)\s?(?:at|on|in|is|:)?\s{1,2}(?P<v>\d{1,5}[a-z]?,?\s(?:[a-z'’-]{2,30}\s)"
            r"{1,3}" + _STREET.lower() + r")(?!\w)"
        ),
        None,
        re.compile(r"\d"),
    ),
    # A street without a number, after a residence keyword: "lives on Baker Street".
    _Rule(
        PhiKind.ADDRESS,
        re.compile(
            r"(?i:(?<![\w])(?:lives|living|lived|resides|residing|staying|house|home|moved))"
            rf"\s(?:on|in|at|to)\s(?:the\s)?(?P<v>[{_UP}][{_LO}]{{1,30}}(?:\s[{_UP}][{_LO}]{{1,30}})?"
            r"\s(?:Street|Road|Avenue|Lane|Drive|Close|Crescent|Terrace|Gardens|Estate|Court|Way"
            r"|Place|Square|Grove|Mews))(?!\w)"
        ),
        None,
        re.compile(r"(?i)liv|resid|stay|house|home|moved"),
    ),
    # "Apt 4B", "Flat 3", "PO Box 1234".
    _Rule(
        PhiKind.ADDRESS,
        re.compile(
            r"(?<![\w])(?P<v>(?:Apt|Apartment|Flat|Suite|Ste)\.?\s?#?\d{1,5}[A-Za-z]?"
            r"|P\.?\s?O\.?\s?Box\s\d{1,6})(?!\w)"
        ),
        None,
        re.compile(r"Apt|Apartment|Flat|Suite|Ste|Box"),
    ),
)

_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|"
    "NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
_UK_POSTCODE = r"(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}"
_POSTCODE_RULES: tuple[_Rule, ...] = (
    _Rule(
        PhiKind.POSTCODE,
        re.compile(rf"(?<![\w-])(?P<v>{_UK_POSTCODE})(?![\w-])"),
        None,
        re.compile(r"[A-Z]\d"),
    ),
    _Rule(
        PhiKind.POSTCODE,
        re.compile(
            r"(?i)(?<![\w])(?:zip(?:\s?code)?|postal\s+code|post\s?code)\s{0,2}(?:is\s+|[:#]\s{0,2})?"
            rf"(?P<v>\d{{5}}(?:-\d{{4}})?|{_UK_POSTCODE})(?![\w-])"
        ),
        None,
        re.compile(r"(?i)zip|post"),
    ),
    _Rule(
        PhiKind.POSTCODE,
        re.compile(rf"(?<![\w])(?:{_US_STATES}),?\s(?P<v>\d{{5}}(?:-\d{{4}})?)(?![\w-])"),
        None,
        re.compile(r"\d{5}"),
    ),
    _Rule(
        PhiKind.POSTCODE,
        re.compile(r"(?<![\w./-])(?P<v>\d{5}-\d{4})(?![\w]|[./-]\d)"),
        None,
        re.compile(r"\d-\d"),
    ),
)

_TLD = (
    r"(?:com|org|net|edu|gov|io|co|uk|me|ly|gl|be|app|info|us|ca|au|ie|nz|health|tv|page|site"
    r"|link|blog|fm|to|gg)"
)
_ONLINE_RULES: tuple[_Rule, ...] = (
    _Rule(
        PhiKind.EMAIL,
        re.compile(
            r"(?<![\w.%+-])(?P<v>[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9][A-Za-z0-9-]{0,62}"
            r"(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24})(?![\w-])"
        ),
        None,
        re.compile(r"@"),
    ),
    # Spelled-out emails: "jane.doe at gmail dot com", "jdoe [at] nhs [dot] net".
    _Rule(
        PhiKind.EMAIL,
        re.compile(
            r"(?i)(?<![\w.])(?P<v>[a-z0-9][a-z0-9._-]{0,63}\s?(?:\[at\]|\(at\)|\sat\s)\s?"
            r"[a-z0-9-]{1,63}\s?(?:\[dot\]|\(dot\)|\sdot\s)\s?[a-z]{2,6}"
            r"(?:\s?(?:\[dot\]|\(dot\)|\sdot\s|\.)\s?[a-z]{2,6})?)(?![\w])"
        ),
        None,
        re.compile(r"(?i)dot"),
    ),
    _Rule(
        PhiKind.URL,
        re.compile(r"(?i)(?<![\w@])(?P<v>(?:https?://|www\.)[^\s<>\"'\[\](){}]{1,2000})"),
        _check_url,
        re.compile(r"(?i)http|www\."),
    ),
    # Bare domains with a path: "facebook.com/jane.doe.1961", "bit.ly/3xYz".
    _Rule(
        PhiKind.URL,
        re.compile(
            rf"(?i)(?<![\w@./-])(?P<v>(?:[a-z0-9-]{{1,63}}\.){{1,5}}{_TLD}(?::\d{{1,5}})?/"
            r"[^\s<>\"'\[\](){}]{0,2000})"
        ),
        _check_url,
        re.compile(r"\./|\.[a-z]{2,6}/"),
    ),
    _Rule(
        PhiKind.HANDLE,
        re.compile(
            r"(?<![\w@./<`])(?P<v>@(?=[A-Za-z0-9_.]{0,29}[A-Za-z_])[A-Za-z0-9_][A-Za-z0-9_.]{0,29})"
        ),
        _check_handle,
        re.compile(r"@"),
    ),
    # Reddit users: "u/throwaway_md".
    _Rule(
        PhiKind.HANDLE,
        re.compile(r"(?<![\w/])(?P<v>u/[A-Za-z0-9_-]{3,20})(?![\w/])"),
        None,
        re.compile(r"u/"),
    ),
    # "her insta is jane.doe_93", "tiktok handle: maria.l.1990".
    _Rule(
        PhiKind.HANDLE,
        re.compile(
            r"(?i)(?<![\w])(?:insta(?:gram)?|ig|tiktok|twitter|snap(?:chat)?|handle|username"
            r"|user\s+name|x\s+(?=handle|account))(?:\s+(?:handle|name|account|username))?(?!\w)"
            r"\s{0,2}(?:is|:|=|-)?\s{0,2}"
            r"(?P<v>@?[A-Za-z0-9_][A-Za-z0-9_.]{2,29})(?![\w])"
        ),
        _check_handle_keyword,
        re.compile(r"(?i)insta|ig|tiktok|twitter|snap|handle|user"),
    ),
    _Rule(
        PhiKind.IP_ADDRESS,
        re.compile(r"(?<![\w.])(?P<v>\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?![\w]|\.\d)"),
        _check_ip,
        re.compile(r"\d\.\d"),
    ),
    _Rule(
        PhiKind.IP_ADDRESS,
        re.compile(
            r"(?<![\w:])(?P<v>(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
            r"|(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4})(?![\w:])"
        ),
        _check_ip,
        re.compile(r":[0-9A-Fa-f]{1,4}:"),
    ),
)

_RULES: tuple[_Rule, ...] = (
    *_ONLINE_RULES,
    *_SSN_RULES,
    *_RECORD_RULES,
    *_DATE_RULES,
    *_PHONE_RULES,
    *_POSTCODE_RULES,
    *_ADDRESS_RULES,
    *_AGE_RULES,
    *_NAME_RULES,
)


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def _candidates(text: str) -> Iterator[PhiFinding]:
    for rule in _RULES:
        if rule.needs is not None and rule.needs.search(text) is None:
            continue
        for m in rule.pattern.finditer(text):
            span = rule.check(text, m) if rule.check is not None else _span(m)
            if span is not None and span[0] < span[1]:
                yield PhiFinding(rule.kind, span[0], span[1])


def _merge(candidates: list[PhiFinding]) -> tuple[PhiFinding, ...]:
    """Union overlapping spans; the merged span takes the highest-priority kind."""
    merged: list[PhiFinding] = []
    for f in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if merged and f.start < merged[-1].end:
            last = merged[-1]
            kind = min(last.kind, f.kind, key=_PRIORITY.__getitem__)
            merged[-1] = PhiFinding(kind, last.start, max(last.end, f.end))
        else:
            merged.append(f)
    return tuple(merged)


def scan(text: str) -> PhiReport:
    """Find likely patient identifiers in ``text``; pure, and safe on any input length."""
    return PhiReport(_merge(list(_candidates(text))))


def redact(text: str, report: PhiReport | None = None) -> str:
    """Replace each finding with ``[KIND]`` (e.g. "[NAME]"); scans first if no report is given."""
    if report is None:
        report = scan(text)
    parts: list[str] = []
    pos = 0
    for f in sorted(report.findings, key=lambda f: f.start):
        if f.start < pos or f.end > len(text):
            raise ValueError("report does not match this text")
        parts.append(text[pos : f.start])
        parts.append(f"[{f.kind.name}]")
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)
