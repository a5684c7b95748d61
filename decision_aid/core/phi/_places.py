"""Place detectors: street addresses, apartment and PO box numbers, ZIP codes and postcodes.

A street address is a number, capitalised words and a street word ("12 Elm Street"), or
lower-case after a residence keyword ("lives at 12 elm street"); postcodes are the UK shape
anywhere, or five-digit ZIP codes after a keyword or a US state. The capitalised-word
classes are the ones the name rules use.
"""

from __future__ import annotations

import re

from decision_aid.core.phi._names import LO, UP
from decision_aid.core.phi._report import PhiKind
from decision_aid.core.phi._spans import Rule

_STREET = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Close|Way"
    r"|Place|Pl|Terrace|Ter|Crescent|Cres|Gardens|Gdns|Square|Sq|Highway|Hwy|Parkway|Pkwy"
    r"|Circle|Cir|Row|Mews|Grove|Walk|Trail|Parade|Hill|Park|Estate)"
)
ADDRESS_RULES: tuple[Rule, ...] = (
    # "12 Elm Street", "221B Baker St", "4-6 Mill Lane".
    Rule(
        PhiKind.ADDRESS,
        re.compile(
            rf"(?<![\w/.:-])(?P<v>\d{{1,5}}[A-Za-z]?(?:-\d{{1,5}})?,?\s(?:[{UP}][{LO}'’-]{{1,30}}"
            rf"\s){{1,3}}{_STREET})(?:\b\.?|(?=\W|$))"
        ),
        None,
        re.compile(r"\d"),
    ),
    # Lower-case after a residence keyword: "lives at 12 elm street".
    Rule(
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
    Rule(
        PhiKind.ADDRESS,
        re.compile(
            r"(?i:(?<![\w])(?:lives|living|lived|resides|residing|staying|house|home|moved))"
            rf"\s(?:on|in|at|to)\s(?:the\s)?(?P<v>[{UP}][{LO}]{{1,30}}(?:\s[{UP}][{LO}]{{1,30}})?"
            r"\s(?:Street|Road|Avenue|Lane|Drive|Close|Crescent|Terrace|Gardens|Estate|Court|Way"
            r"|Place|Square|Grove|Mews))(?!\w)"
        ),
        None,
        re.compile(r"(?i)liv|resid|stay|house|home|moved"),
    ),
    # "Apt 4B", "Flat 3", "PO Box 1234".
    Rule(
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
POSTCODE_RULES: tuple[Rule, ...] = (
    Rule(
        PhiKind.POSTCODE,
        re.compile(rf"(?<![\w-])(?P<v>{_UK_POSTCODE})(?![\w-])"),
        None,
        re.compile(r"[A-Z]\d"),
    ),
    Rule(
        PhiKind.POSTCODE,
        re.compile(
            r"(?i)(?<![\w])(?:zip(?:\s?code)?|postal\s+code|post\s?code)\s{0,2}(?:is\s+|[:#]\s{0,2})?"
            rf"(?P<v>\d{{5}}(?:-\d{{4}})?|{_UK_POSTCODE})(?![\w-])"
        ),
        None,
        re.compile(r"(?i)zip|post"),
    ),
    Rule(
        PhiKind.POSTCODE,
        re.compile(rf"(?<![\w])(?:{_US_STATES}),?\s(?P<v>\d{{5}}(?:-\d{{4}})?)(?![\w-])"),
        None,
        re.compile(r"\d{5}"),
    ),
    Rule(
        PhiKind.POSTCODE,
        re.compile(r"(?<![\w./-])(?P<v>\d{5}-\d{4})(?![\w]|[./-]\d)"),
        None,
        re.compile(r"\d-\d"),
    ),
)
