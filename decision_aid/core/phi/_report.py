"""What a scan reports: the identifier kinds, a finding's span and the report as a whole.

These types are the guard's public vocabulary (re-exported by :mod:`decision_aid.core.phi`),
kept apart from the detectors so that every detector module can name a :class:`PhiKind`
without importing the others. A finding holds a kind and a character span, never the text,
and every label is fixed wording, so a report can be shown, kept or logged safely. The
priority order decides the kind of a span where detectors overlap.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

MAX_TEXT_CHARS = 3_000
"""The longest free text any face accepts, in characters (not bytes).

A situation takes a few sentences; the scenarios people describe run to 300 characters at
most, and Slack's own text inputs stop at 3,000. Longer text is refused before the scan, so
no face scans, routes or keeps it (:attr:`PhiReport.too_long`).
"""


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
    PhiKind.NAME: "a person's name",
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
PRIORITY: dict[PhiKind, int] = {
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
    too_long: bool = False
    """The text was longer than :data:`MAX_TEXT_CHARS` and refused unread (no findings)."""

    @property
    def flagged(self) -> bool:
        """True when the text must be refused: something may identify a patient or
        colleague, or it was too long to scan."""
        return bool(self.findings) or self.too_long

    @property
    def kinds(self) -> tuple[PhiKind, ...]:
        """Distinct kinds found, in order of first appearance."""
        return tuple(dict.fromkeys(f.kind for f in self.findings))

    def warning(self) -> str:
        """One line for the user naming what was found, never echoing it ("" if nothing)."""
        if self.too_long:
            return (
                f"That is longer than {MAX_TEXT_CHARS:,} characters: describe the situation "
                "in a few sentences, without names. Nothing was stored."
            )
        if not self.findings:
            return ""
        labels = ", ".join(_LABELS[kind] for kind in self.kinds)
        return (
            f"This looks like it may identify a patient or colleague ({labels}). "
            "Rephrase without them; nothing was stored."
        )
