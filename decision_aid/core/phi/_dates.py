"""Date and age detectors: dates of birth, admission or death, and ages over 89.

Safe Harbor counts every date element below the year that relates to the patient, and any
age over 89. Full dates are flagged anywhere; partial dates ("DOB 03/04", "admitted on the
3rd") only after a birth or admission keyword, so "in March" or "at 3 am" stays clean. Ages
are recognised in their many chat and clinical spellings ("93-year-old", "95yoF", "in her
late 90s", "born in 1931").
"""

from __future__ import annotations

import re

from decision_aid.core.phi._report import PhiKind
from decision_aid.core.phi._spans import Rule, Span, match_span

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUMERIC_DATE = r"\d{1,2}(?P<ds>[/.-])\d{1,2}(?P=ds)(?:\d{4}|\d{2})"


def _valid_day_month(a: int, b: int) -> bool:
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


def _check_numeric_date(text: str, m: re.Match[str]) -> Span | None:
    parts = re.split(r"[/.-]", text[m.start("v") : m.end("v")])
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        return None
    if len(parts[0]) == 4:  # ISO: year-month-day
        ok = len(parts) == 3 and 1 <= int(parts[1]) <= 12 and 1 <= int(parts[2]) <= 31
        return match_span(m) if ok else None
    return match_span(m) if _valid_day_month(int(parts[0]), int(parts[1])) else None


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
DATE_RULES: tuple[Rule, ...] = (
    # Full dates anywhere: "03/04/1961", "12.01.2024", "2024-01-12".
    Rule(
        PhiKind.DATE,
        re.compile(rf"(?<![\w/.:-])(?P<v>{_NUMERIC_DATE})(?![\w/]|[.:-]\d)"),
        _check_numeric_date,
        re.compile(r"\d[/.-]\d"),
    ),
    Rule(
        PhiKind.DATE,
        re.compile(r"(?<![\w/.-])(?P<v>(?:19|20)\d\d-\d{1,2}-\d{1,2})(?![\w/]|[.-]\d)"),
        _check_numeric_date,
        re.compile(r"\d-\d"),
    ),
    # "3 March 1961", "3rd of March, 1961", "March 3, 1961", "March 3rd 1961".
    Rule(
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
    Rule(
        PhiKind.DATE,
        re.compile(
            rf"(?i)(?<![\w]){_BIRTH_KEYWORD}{_DATE_SEP}(?P<v>{_NUMERIC_DATE}|\d{{1,2}}/\d{{1,2}}"
            rf"(?:/\d{{2,4}})?|{_DAY_MONTH}(?:,?\s+{_YEAR})?|{_MONTH}\s+{_YEAR}|{_MONTH}(?!\w)"
            r"|(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))(?![\w/])"
        ),
        None,
        re.compile(r"(?i)birth|born|dob|d\.o\.b"),
    ),
    Rule(
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
    Rule(
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
AGE_RULES: tuple[Rule, ...] = (
    # "a 93-year-old", "93 years old", "91 yr old", "94 yo", "92 y/o", "95yoF", "90 years of age".
    Rule(
        PhiKind.AGE_OVER_89,
        re.compile(
            rf"(?i)(?<![\w.,]){_AGE}(?:\s?|-)(?:(?:years?|yrs?|yr)(?:\s?|-)(?:old|of\s+age)"
            r"|y\.?o\.?|y/o|yoa)(?![a-eg-ln-z])"
        ),
        None,
        re.compile(r"9|1[01]\d|12"),
    ),
    # "aged 91", "age: 93", "age 90".
    Rule(
        PhiKind.AGE_OVER_89,
        re.compile(rf"(?i)(?<![\w])aged?\s?:?\s?(?P<v>{_AGE})(?!\d|\+|\s?%|\s?(?:mg|kg))"),
        None,
        re.compile(r"(?i)age"),
    ),
    # "turned 94", "celebrated her 100th birthday", "in his late 90s", "a nonagenarian".
    Rule(
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
    Rule(
        PhiKind.AGE_OVER_89,
        re.compile(r"(?i)(?<![\w])born\s+(?:in\s+)?(?P<v>18\d\d|19[0-2]\d|193[0-5])(?!\d)"),
        None,
        re.compile(r"(?i)born"),
    ),
    # "a 93M", "a 91F" (clinical shorthand after an article).
    Rule(
        PhiKind.AGE_OVER_89,
        re.compile(rf"(?<![\w])(?i:an?)\s(?P<v>{_AGE}\s?[MF])(?![\w])"),
        None,
        re.compile(r"\d[MF]|\d [MF]"),
    ),
)
