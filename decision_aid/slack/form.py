"""Form bodies read as `urllib.parse.parse_qsl(text, keep_blank_values=True)` reads them,
with the %-escapes decoded in C.

A click arrives as `payload=<JSON, percent-encoded>`: about a thousand escapes a request.
`unquote` decodes them in a Python loop, which was the largest single cost of reading a
click. Here a value made only of ASCII, with no backslash and only well-formed `%XX`
escapes, is decoded by the `unicode_escape` codec (each `%XX` rewritten as `\\xXX`); any
other value falls back to `unquote`, so the result is always the same as parse_qsl's.
"""

from __future__ import annotations

from urllib.parse import unquote


def parse_form(text: str) -> list[tuple[str, str]]:
    """The (name, value) pairs of an application/x-www-form-urlencoded body."""
    pairs: list[tuple[str, str]] = []
    for piece in text.split("&") if text else ():
        if not piece:
            continue
        name, _, value = piece.partition("=")
        pairs.append((decode(name), decode(value)))
    return pairs


def decode(value: str) -> str:
    """`unquote(value.replace("+", " "))`: UTF-8, undecodable bytes replaced."""
    value = value.replace("+", " ")
    if "%" not in value:
        return value
    if "\\" not in value and value.isascii():
        try:
            latin = value.replace("%", "\\x").encode("ascii").decode("unicode_escape")
        except UnicodeDecodeError:  # a % not followed by two hex digits
            return unquote(value)
        return latin.encode("latin-1").decode("utf-8", "replace")
    return unquote(value)
