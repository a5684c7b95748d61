"""Online identifier detectors: emails, web addresses, social handles and IP addresses.

These have well-defined shapes, so the rules are mostly patterns; the checks trim trailing
punctuation from URLs and handles, drop mentions that name no one ("@here", "@channel"),
accept only handle-shaped words after a platform keyword, and let :mod:`ipaddress` decide
what is an IP address.
"""

from __future__ import annotations

import ipaddress
import re

from decision_aid.core.phi._report import PhiKind
from decision_aid.core.phi._spans import Rule, Span, match_span


def _check_ip(text: str, m: re.Match[str]) -> Span | None:
    try:
        ipaddress.ip_address(text[m.start("v") : m.end("v")])
    except ValueError:
        return None
    return match_span(m)


def _check_url(text: str, m: re.Match[str]) -> Span | None:
    start, end = match_span(m)
    while end > start and text[end - 1] in ".,;:!?'\"”’)»":
        end -= 1
    return (start, end) if end > start else None


def _check_handle(text: str, m: re.Match[str]) -> Span | None:
    start, end = match_span(m)
    while end > start and text[end - 1] == ".":
        end -= 1
    value = text[start:end].lstrip("@").lower()
    if value in {"channel", "here", "everyone", "all"} or len(value) < 2:
        return None
    return start, end


def _check_handle_keyword(text: str, m: re.Match[str]) -> Span | None:
    """After "insta:" and the like, only handle-shaped words count, not "private"."""
    start, end = match_span(m)
    while end > start and text[end - 1] == ".":
        end -= 1
    value = text[start:end]
    if re.search(r"[A-Za-z]", value) and (value.startswith("@") or re.search(r"[\d_.]", value)):
        return start, end
    return None


_TLD = (
    r"(?:com|org|net|edu|gov|io|co|uk|me|ly|gl|be|app|info|us|ca|au|ie|nz|health|tv|page|site"
    r"|link|blog|fm|to|gg)"
)
ONLINE_RULES: tuple[Rule, ...] = (
    Rule(
        PhiKind.EMAIL,
        re.compile(
            r"(?<![\w.%+-])(?P<v>[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9][A-Za-z0-9-]{0,62}"
            r"(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24})(?![\w-])"
        ),
        None,
        re.compile(r"@"),
    ),
    # Spelled-out emails: "jane.doe at gmail dot com", "jdoe [at] nhs [dot] net".
    Rule(
        PhiKind.EMAIL,
        re.compile(
            r"(?i)(?<![\w.])(?P<v>[a-z0-9][a-z0-9._-]{0,63}\s?(?:\[at\]|\(at\)|\sat\s)\s?"
            r"[a-z0-9-]{1,63}\s?(?:\[dot\]|\(dot\)|\sdot\s)\s?[a-z]{2,6}"
            r"(?:\s?(?:\[dot\]|\(dot\)|\sdot\s|\.)\s?[a-z]{2,6})?)(?![\w])"
        ),
        None,
        re.compile(r"(?i)dot"),
    ),
    Rule(
        PhiKind.URL,
        re.compile(r"(?i)(?<![\w@])(?P<v>(?:https?://|www\.)[^\s<>\"'\[\](){}]{1,2000})"),
        _check_url,
        re.compile(r"(?i)http|www\."),
    ),
    # Bare domains with a path: "facebook.com/jane.doe.1961", "bit.ly/3xYz".
    Rule(
        PhiKind.URL,
        re.compile(
            rf"(?i)(?<![\w@./-])(?P<v>(?:[a-z0-9-]{{1,63}}\.){{1,5}}{_TLD}(?::\d{{1,5}})?/"
            r"[^\s<>\"'\[\](){}]{0,2000})"
        ),
        _check_url,
        re.compile(r"\./|\.[a-z]{2,6}/"),
    ),
    Rule(
        PhiKind.HANDLE,
        re.compile(
            r"(?<![\w@./<`])(?P<v>@(?=[A-Za-z0-9_.]{0,29}[A-Za-z_])[A-Za-z0-9_][A-Za-z0-9_.]{0,29})"
        ),
        _check_handle,
        re.compile(r"@"),
    ),
    # Reddit users: "u/throwaway_md".
    Rule(
        PhiKind.HANDLE,
        re.compile(r"(?<![\w/])(?P<v>u/[A-Za-z0-9_-]{3,20})(?![\w/])"),
        None,
        re.compile(r"u/"),
    ),
    # "her insta is jane.doe_93", "tiktok handle: maria.l.1990".
    Rule(
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
    Rule(
        PhiKind.IP_ADDRESS,
        re.compile(r"(?<![\w.])(?P<v>\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?![\w]|\.\d)"),
        _check_ip,
        re.compile(r"\d\.\d"),
    ),
    Rule(
        PhiKind.IP_ADDRESS,
        re.compile(
            r"(?<![\w:])(?P<v>(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
            r"|(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4})(?![\w:])"
        ),
        _check_ip,
        re.compile(r":[0-9A-Fa-f]{1,4}:"),
    ),
)
