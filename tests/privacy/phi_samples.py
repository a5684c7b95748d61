"""PHI-laden inputs built from the detector's own kinds, and the search for them anywhere.

One sample per `PhiKind` (tests/privacy/test_samples.py checks that the detector flags each
as its kind, so a new kind without a sample fails there first), each with the identifier it
carries. `Needles` looks for every identifier in any text the bot or the command line left
behind, also as it would appear URL-encoded (a form body), JSON-escaped, or with its digits
run together, case-insensitively.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, quote_plus

from decision_aid.core.phi import PhiKind


@dataclass(frozen=True)
class Sample:
    kind: PhiKind
    text: str
    identifier: str  # the part of `text` that identifies someone; must never be kept


SAMPLES: tuple[Sample, ...] = (
    Sample(PhiKind.NAME, "my patient Jonathan Quillfeather sent me a friend request",
           "Quillfeather"),
    Sample(PhiKind.DATE, "her DOB 03/04/1951 is on the Facebook post", "03/04/1951"),
    Sample(PhiKind.AGE_OVER_89, "a 97-year-old on the ward wants to follow me", "97-year-old"),
    Sample(PhiKind.PHONE, "he texted me from 07700 900461 asking to meet", "07700 900461"),
    Sample(PhiKind.EMAIL, "a patient emailed me from quill.feather@example.org",
           "quill.feather@example.org"),
    Sample(PhiKind.RECORD_NUMBER, "MRN 88127734 messaged me on Instagram", "88127734"),
    Sample(PhiKind.SSN, "the relative quoted SSN 219-09-9999 in a DM", "219-09-9999"),
    Sample(PhiKind.ADDRESS, "a patient at 14 Larkspur Crescent sent me a gift",
           "14 Larkspur Crescent"),
    Sample(PhiKind.POSTCODE, "a patient in LS6 3QR tagged me in a post", "LS6 3QR"),
    Sample(PhiKind.URL, "a patient posted https://quillfeather.example.net/ward-photos",
           "quillfeather.example.net"),
    Sample(PhiKind.HANDLE, "a patient follows me as @quillfeather_j on TikTok",
           "@quillfeather_j"),
    Sample(PhiKind.IP_ADDRESS, "a patient's review came from 203.0.113.77", "203.0.113.77"),
    Sample(PhiKind.NAME, "the nurse named Gracie Halloway added me on Facebook", "Halloway"),
)

EVERYTHING = ("Mr Jonathan Quillfeather DOB 03/04/1951 MRN 88127734, 07700 900461, "
              "quill.feather@example.org, 14 Larkspur Crescent LS6 3QR, @quillfeather_j, "
              "a 97-year-old, SSN 219-09-9999, 203.0.113.77, nurse Gracie Halloway, "
              "https://quillfeather.example.net/ward-photos sent me a friend request")
"""Every identifier in one message (well under the 3,000-character limit)."""

TEXTS: tuple[str, ...] = (EVERYTHING, *(s.text for s in SAMPLES))


def _variants(identifier: str) -> set[str]:
    forms = {identifier, quote_plus(identifier), quote(identifier, safe=""),
             json.dumps(identifier)[1:-1]}
    digits = re.sub(r"\D", "", identifier)
    if len(digits) >= 6:
        forms.add(digits)
    return {f.lower() for f in forms}


NEEDLES: frozenset[str] = frozenset(
    form for sample in SAMPLES for form in _variants(sample.identifier)) | {"quillfeather"}


def found_in(text: str) -> list[str]:
    """The identifiers (in any of their forms) that occur in `text`."""
    lowered = text.lower()
    return sorted(n for n in NEEDLES if n in lowered)


def assert_clean(text: str, where: str) -> None:
    leaked = found_in(text)
    assert not leaked, f"{where} holds {leaked}: ...{_around(text, leaked[0])}..."


def _around(text: str, needle: str) -> str:
    at = text.lower().find(needle)
    return text[max(0, at - 80): at + len(needle) + 80]


def files_under(roots: Iterable[Path]) -> list[Path]:
    """Every regular file under these folders (the folders a process could write to)."""
    return sorted(p for root in roots if root.exists() for p in root.rglob("*")
                  if p.is_file() and not p.is_symlink())


def assert_files_clean(roots: Iterable[Path]) -> list[Path]:
    """No file under these folders holds an identifier (read as bytes, decoded leniently)."""
    checked = files_under(roots)
    for path in checked:
        assert_clean(path.read_bytes().decode("utf-8", "replace"), str(path))
    return checked
