"""Number detectors: phone numbers, record and account numbers, SSNs and NI numbers.

These identifiers are digit runs told apart by shape (US and UK phone formats, SSN groups,
National Insurance letters) or by a keyword before them ("MRN", "NHS no", "acct #"). The
checks reject shapes that are not valid numbers (an SSN area of 000, a year after "ID"), and
keyword evidence outranks shape when spans overlap (see :data:`PRIORITY` in ``_report``).
"""

from __future__ import annotations

import re

from decision_aid.core.phi._report import PhiKind
from decision_aid.core.phi._spans import Check, Rule, Span, count_digits, match_span


def _check_ssn(text: str, m: re.Match[str]) -> Span | None:
    digits = re.sub(r"\D", "", text[m.start("v") : m.end("v")])
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in {"000", "666"} or area.startswith("9") or group == "00" or serial == "0000":
        return None
    return match_span(m)


def _check_us_phone(text: str, m: re.Match[str]) -> Span | None:
    value = text[m.start("v") : m.end("v")]
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11:
        digits = digits[1:]
    if value.isdigit() and (digits[0] in "01" or digits[3] in "01"):
        return None  # unseparated and not a valid NANP number: leave it to the record rule
    return match_span(m)


def _check_min_digits(n: int) -> Check:
    def check(text: str, m: re.Match[str]) -> Span | None:
        return match_span(m) if count_digits(text[m.start("v") : m.end("v")]) >= n else None

    return check


def _check_record(text: str, m: re.Match[str]) -> Span | None:
    """At least four digits, and not just a year ("ID 2024 guidelines")."""
    value = text[m.start("v") : m.end("v")]
    if count_digits(value) < 4 or re.fullmatch(r"(?:19|20)\d\d", value):
        return None
    return match_span(m)


PHONE_RULES: tuple[Rule, ...] = (
    # US: "(617) 555-0142", "617-555-0142", "+1 617 555 0142", "6175550142".
    Rule(
        PhiKind.PHONE,
        re.compile(
            r"(?<![\w+./-])(?P<v>(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4})"
            r"(?!\w|[.-]\d)"
        ),
        _check_us_phone,
        re.compile(r"\d{3}"),
    ),
    # US local seven digits: "555-0142".
    Rule(
        PhiKind.PHONE,
        re.compile(r"(?<![\w+./-])(?P<v>[2-9]\d{2}[-.]\d{4})(?!\w|[.-]\d)"),
        None,
        re.compile(r"\d[-.]\d"),
    ),
    # UK: "020 7946 0958", "07700 900123", "+44 7700 900123", "(0161) 496 0000".
    Rule(
        PhiKind.PHONE,
        re.compile(
            r"(?<![\w+./-])(?P<v>(?:(?:\+44|0044)\s?(?:\(0\)\s?)?|\(?0)"
            r"(?:\d[\s)-]{0,2}){8,9}\d)(?!\w|[.-]\d)"
        ),
        _check_min_digits(10),
        re.compile(r"0|\+44"),
    ),
    # Other international numbers written with a plus: "+353 1 234 5678".
    Rule(
        PhiKind.PHONE,
        re.compile(r"(?<![\w+])(?P<v>\+\d{1,3}(?:[\s.-]?\d){7,13})(?!\w|[.-]\d)"),
        None,
        re.compile(r"\+\d"),
    ),
    # A keyword and any digit run: "call her on 4471 9933", "mobile: 98765 43210".
    Rule(
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
RECORD_RULES: tuple[Rule, ...] = (
    # "MRN 12345678", "NHS no 943 476 5919", "acct #88123", "member ID: XJH448812".
    Rule(
        PhiKind.RECORD_NUMBER,
        re.compile(
            rf"(?i)(?<![\w]){_RECORD_KEYWORD}\s{{0,2}}(?:(?:is|was|[:=#-])\s{{0,2}}){{0,2}}"
            rf"#?\s?(?P<v>{_RECORD_VALUE})(?!\w)"
        ),
        _check_record,
        re.compile(r"\d{2}"),
    ),
    # Long bare digit runs and letter-prefixed IDs: "12345678", "A1234567", "RXH-0045123".
    Rule(
        PhiKind.RECORD_NUMBER,
        re.compile(r"(?<![\w./+-])(?P<v>\d{8,20}|[A-Z]{1,3}-?\d{6,12})(?![\w]|[./-]\d)"),
        None,
        re.compile(r"\d{6}"),
    ),
)

SSN_RULES: tuple[Rule, ...] = (
    Rule(
        PhiKind.SSN,
        re.compile(r"(?<![\w./-])(?P<v>\d{3}(?P<ss>[- ])\d{2}(?P=ss)\d{4})(?![\w]|[./-]\d)"),
        _check_ssn,
        re.compile(r"\d{3}[- ]\d\d"),
    ),
    Rule(
        PhiKind.SSN,
        re.compile(
            r"(?i)(?<![\w])(?:ssn|ss\s?#|social\s+security(?:\s+number|\s+no\.?|\s+#)?)"
            r"\s{0,2}(?:is\s+|[:#]\s{0,2})?(?P<v>\d{3}[\s-]?\d{2}[\s-]?\d{4})(?!\d)"
        ),
        None,
        re.compile(r"(?i)ss|social"),
    ),
    # After a keyword, any NI-shaped value, including HMRC's own example prefix "QQ".
    Rule(
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
    Rule(
        PhiKind.SSN,
        re.compile(
            r"(?<![\w])(?P<v>(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
            r"\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D])(?!\w)"
        ),
        None,
        re.compile(r"\d\d"),
    ),
)
