"""JSON Schema checks for pack and content files, reported at the offending line.

The schema ships in `decision_aid/schema/pack.schema.json` so editors can use it too.
Every file is checked by jsonschema-rs, a compiled validator (no generated Python is
`exec`uted, ~50x faster on a 1,000-rule pack); only a file that fails is checked again by
python-jsonschema, whose errors carry what the messages below are worded from. Errors
inside conditions are left to the condition builder, which knows the topic's questions
and explains them better.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from decision_aid.core._problems import Problem, did_you_mean
from decision_aid.core._yamlsafe import Document, short

if TYPE_CHECKING:
    import jsonschema
    import jsonschema_rs

CONDITION_KEYS = frozenset({"when", "relevant", "count"})


@cache
def pack_schema() -> dict[str, Any]:
    """The whole JSON Schema for rule packs and content files."""
    text = resources.files("decision_aid").joinpath("schema/pack.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _definition(definition: str) -> dict[str, Any]:
    return {"$defs": pack_schema()["$defs"], "$ref": f"#/$defs/{definition}"}


@cache
def _fast_validator(definition: str) -> jsonschema_rs.Validator:
    import jsonschema_rs  # ~10 ms: only when a file is not in the pack cache

    return jsonschema_rs.Draft202012Validator(_definition(definition))


@cache
def _validator(definition: str) -> jsonschema.Draft202012Validator:
    import jsonschema  # ~35 ms: only when a file has schema errors to word

    return jsonschema.Draft202012Validator(_definition(definition))


def is_valid(data: Any, definition: str) -> bool:
    """Whether `data` passes one definition; the fast check every file gets."""
    try:
        return bool(_fast_validator(definition).is_valid(data))
    except (ValueError, TypeError, OverflowError):  # a value it cannot take: word it below
        return False


def check(doc: Document, definition: str) -> list[Problem]:
    """Problems of `doc` against one definition of the pack schema (e.g. `topic_file`)."""
    if is_valid(doc.data, definition):
        return []
    problems: list[Problem] = []
    for error in _validator(definition).iter_errors(doc.data):
        where = tuple(error.absolute_path)
        if CONDITION_KEYS.intersection(k for k in where if isinstance(k, str)):
            continue
        problems.extend(_problems(doc, error, where))
    return sorted(set(problems))


def _example(value: object) -> str:
    """A value the user wrote, to show again in a hint (a short string as it is)."""
    return value if isinstance(value, str) and 0 < len(value) <= 60 else "KEY"


def _problems(doc: Document, error: jsonschema.ValidationError, where: tuple[Any, ...]
              ) -> list[Problem]:
    instance, kind = error.instance, error.validator
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    field = _field_name(where)
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        renamed: dict[str, str] = schema.get("x-renamed", {})  # old field -> how to write it
        return [
            Problem(doc.key_span((*where, key)), "unknown-field",
                    f"{short(key)} is not a field here",
                    renamed[key].format(value=_example(instance[key])) if key in renamed
                    else did_you_mean(key, allowed) or "allowed: " + ", ".join(allowed))
            for key in instance if key not in allowed
        ]
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return [Problem(doc.span(where), "missing-field", f"'{missing}' is required{field}",
                        f"add {missing}: ...")]
    if kind == "enum":
        choices = [str(c) for c in schema["enum"]]
        return [Problem(doc.span(where), "bad-value",
                        f"{short(str(instance))} is not allowed{field}",
                        did_you_mean(str(instance), choices) or "use one of " + ", ".join(choices))]
    if kind == "type":
        return [Problem(doc.span(where), "wrong-type",
                        f"expected {_describe_type(schema['type'])}{field}, found "
                        f"{_describe_value(instance)}", "check the indentation and quoting")]
    if kind == "pattern":
        return [Problem(doc.span(where), "bad-format",
                        f"{short(str(instance))} has the wrong form{field}",
                        _pattern_hint(schema["pattern"]))]
    if kind == "maxLength":
        return [Problem(doc.span(where), "too-long",
                        f"{len(str(instance))} characters is over the limit of "
                        f"{schema['maxLength']}{field}", "shorten it")]
    if kind in ("minLength", "minItems"):
        return [Problem(doc.span(where), "empty-value", f"this must not be empty{field}",
                        "fill it in")]
    if kind in ("minimum", "maximum"):
        return [Problem(doc.span(where), "bad-value", f"{instance} is out of range{field}",
                        error.message)]
    if kind == "oneOf" and isinstance(instance, dict) and "count" in instance \
            and "when" in instance:
        return [Problem(doc.span(where), "derived-shape",
                        "a derived fact has either 'count' or 'when', not both", "keep one")]
    if kind == "oneOf" and isinstance(instance, dict):
        return [Problem(doc.span(where), "derived-shape",
                        "a derived fact needs 'count' (a list) or 'when' (a condition)",
                        "add one of them")]
    return [Problem(doc.span(where), "schema", error.message, None)]


def _field_name(where: tuple[Any, ...]) -> str:
    names = [str(k) for k in where if isinstance(k, str)]
    return f" in '{names[-1]}'" if names else ""


_PATTERN_HINTS = {
    "^[a-z][a-z0-9_]*$": "use snake_case: lower-case letters, digits and _",
    "^[a-z][a-z0-9-]*$": "use kebab-case: lower-case letters, digits and -",
    "^\\d{4}-\\d{2}-\\d{2}$": "write a date as YYYY-MM-DD",
    "^\\d+\\.\\d+(\\.\\d+)?$": "write a version as 1.0 or 1.0.0",
    "^https?://": "write a full http(s) URL or https://doi.org/...",
}


def _pattern_hint(pattern: str) -> str:
    return _PATTERN_HINTS.get(pattern, f"it must match {pattern}")


def _describe_type(kind: object) -> str:
    names = {"object": "a mapping", "array": "a list", "string": "text",
             "integer": "a whole number", "number": "a number", "boolean": "true or false"}
    if isinstance(kind, list):
        return " or ".join(names.get(str(k), str(k)) for k in kind)
    return names.get(str(kind), str(kind))


def _describe_value(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return "a number"
    return "text"
