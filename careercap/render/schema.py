"""JSON Schemas (Draft 2020-12), generated: of what careercap reads, from its models, and of
the JSON it writes, from the types `render/export.py` fills (`render/contracts.py`).

What careercap reads, it reads as YAML: every scalar reaches careercap as the text
written, so a number field takes a number or text that is a number (`income: '61000'`), a
text field takes any scalar (`skills: [1.10]`), and a plain null means "not given". Pydantic
generates each model's schema; `_as_read` turns it into one that reads YAML so, with the
patterns of the field types themselves (`core/fields.py`). The schema states every rule
JSON Schema can state, and where it cannot (a February 30th, the range of a number written
in quotes) it is looser than `careercap validate`, never stricter: `UNCHECKED` lists what
only careercap catches.

Every schema names its version in `$id`, and uses no keyword outside JSON Schema's own.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, TypeAdapter

from careercap.core.catalogue import Catalogue
from careercap.core.fields import INTEGER_TEXT, NUMBER_TEXT
from careercap.core.profile import Profile
from careercap.core.rules import Rules
from careercap.render.contracts import (
    SCHEMA_VERSION,
    CompareDocument,
    PlanDocument,
    ProjectDocument,
    Record,
    RulesDocument,
    ValidateDocument,
)

SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema"
HOME = "https://github.com/careercap/careercap"


def schema_id(name: str) -> str:
    """A schema's `$id`: where it belongs, and the version of the documents it describes."""
    return f"{HOME}/schemas/v{SCHEMA_VERSION}/{name}.schema.json"


UNCHECKED = (
    "a day that its month does not have (2024-02-30)",
    "the range of a number written in quotes (income: '0')",
    "a whole number or a year written with a decimal point or an exponent"
    " (horizon: 5.0, 5e0, earned: 2024.0)",
    "numbers an editor's YAML reads in hex or octal (0x10, 0o17), and dates with a sign"
    " or a leading zero (+2024, 02024)",
    "a name made only of invisible format characters (zero-width spaces)",
    "a key written twice in one mapping",
    "the characters U+0085, U+2028 and U+2029 anywhere in a file (YAML reads them as line breaks)",
    "the size of a document (1 MiB, 10,000 values) and of its numbers' digits",
    "how career events fit together: a year after as_of, one switch and one change of pay a"
    " year, breaks that do not overlap",
)
"""What `careercap validate` rejects and the schema lets through."""

_NOT_NAN = {
    "not": {"maximum": -1.7976931348623157e308},
    "$comment": "NaN passes every bound (no comparison with it is true): this alone rejects it",
}
_BOUND_WORDS = {"ge": "minimum", "gt": "exclusiveMinimum", "le": "maximum", "lt": "exclusiveMaximum"}
"""Bounds as Pydantic writes them where a validator runs before them, in JSON Schema's words."""
_NOTES = ("title", "description", "examples", "default")


def _nullable(body: dict[str, Any]) -> dict[str, Any]:
    branches = body.get("anyOf", [])
    if {"type": "null"} in branches:
        return body
    notes = {key: body[key] for key in _NOTES if key in body}
    return {
        **notes,
        "anyOf": [{key: value for key, value in body.items() if key not in _NOTES}, {"type": "null"}],
    }


def _as_read(node: Any, required: bool = True) -> Any:
    """A schema Pydantic generated, made to read YAML as careercap does: bounds in JSON
    Schema's words, numbers that may be written in quotes, text that may be any scalar,
    and empty values; with `required` false, nothing required (a rules file overrides
    only what it gives)."""
    if isinstance(node, list):
        return [_as_read(item, required) for item in node]
    if not isinstance(node, dict):
        return node
    if any(branch.get("type") == "string" and "pattern" in branch for branch in node.get("anyOf", ())):
        return node  # a field type that states the text it reads (a date, a flag)
    read: dict[str, Any] = {}
    for keyword, value in node.items():
        word = str(keyword)
        if word in _NAMED:  # schemas by name
            read[word] = {name: _as_read(field, required) for name, field in value.items()}
        elif word in _NOTES:
            read[word] = value
        elif required or word != "required":
            read[_BOUND_WORDS.get(word, word)] = _as_read(value, required)
    node = read
    if isinstance(node.get("properties"), dict):  # an empty value means "not given"
        given = node.get("required", [])
        node["properties"] = {
            name: field if name in given else _nullable(field) for name, field in node["properties"].items()
        }
    kind = node.get("type")
    notes = {key: node[key] for key in _NOTES if key in node}
    body = {key: value for key, value in node.items() if key not in _NOTES}
    if kind in ("number", "integer"):
        text = {"type": "string", "pattern": NUMBER_TEXT if kind == "number" else INTEGER_TEXT}
        return {**notes, "anyOf": [{**body, **(_NOT_NAN if kind == "number" else {})}, text]}
    if kind == "string" and not body.keys() - {"type", "minLength", "maxLength"}:
        if len(body) > 1:
            body["pattern"] = r"\S"  # a name: white space alone names nothing
        return {**notes, "anyOf": [body, {"type": "number"}, {"type": "boolean"}]}
    return node


def _read_schema(model: type[BaseModel], name: str, title: str, required: bool = True) -> dict[str, Any]:
    generated = _as_read(model.model_json_schema(), required)
    return {"$schema": SCHEMA_ID, "$id": schema_id(name), **generated, "title": title}


def profile_schema() -> dict[str, Any]:
    """The JSON Schema of one profile document."""
    return {
        **_read_schema(Profile, "profile", "careercap profile"),
        "description": "A skill profile for careercap, which projects what it is worth.",
        "$comment": "Only careercap validate checks: " + "; ".join(UNCHECKED) + ".",
    }


def catalogue_schema() -> dict[str, Any]:
    """The JSON Schema of a catalogue file (`careercap plan --catalogue FILE`)."""
    return {
        **_read_schema(Catalogue, "catalogue", "careercap catalogue"),
        "description": "Learning options for careercap plan --catalogue.",
        "$comment": "Only careercap checks: that latest is not before earliest, and that no two options "
        "share a name (compared as careercap compares names).",
    }


def rules_file_schema() -> dict[str, Any]:
    """The JSON Schema of a rules file (`--rules FILE`): any subset of careercap/rules.yaml."""
    return {
        **_read_schema(Rules, "rules", "careercap rules file", required=False),
        "description": "Rules that replace careercap's defaults: any subset of its rules.yaml.",
    }


def _closed(node: Any) -> Any:
    """Every object closed (a field the documents gain is a change of the schema), bounds
    in JSON Schema's words, and no title but the types' own."""
    if isinstance(node, list):
        return [_closed(item) for item in node]
    if not isinstance(node, dict):
        return node
    closed = {
        _BOUND_WORDS.get(key, key): {name: _closed(field) for name, field in value.items()}
        if key in _NAMED
        else _closed(value)
        for key, value in node.items()
    }
    if "properties" in closed:
        closed["properties"] = {
            name: {key: value for key, value in field.items() if key != "title"}
            if isinstance(field, dict)
            else field
            for name, field in closed["properties"].items()
        }
        if closed.get("type") == "object" and "title" in node:  # a type's, not a rule's
            closed.setdefault("additionalProperties", False)
    return closed


_NAMED = ("properties", "$defs")
"""The keywords that hold schemas by name."""


def _output(kind: Any, name: str, title: str) -> dict[str, Any]:
    generated = _closed(TypeAdapter(kind).json_schema())
    return {
        "$schema": SCHEMA_ID,
        "$id": schema_id(name),
        **generated,
        "title": title,
        "$comment": f"careercap's JSON output, schema_version {SCHEMA_VERSION}",
    }


def projection_schema() -> dict[str, Any]:
    """One projection: an item of `project --format json`, a line of `--format jsonl`."""
    return _output(Record, "projection", "careercap project --format jsonl (one line)")


def project_schema() -> dict[str, Any]:
    """`careercap project --format json`."""
    return _output(ProjectDocument, "project", "careercap project --format json")


def compare_schema() -> dict[str, Any]:
    """`careercap compare --format json`."""
    return _output(CompareDocument, "compare", "careercap compare --format json")


def plan_schema() -> dict[str, Any]:
    """`careercap plan --format json`."""
    return _output(PlanDocument, "plan", "careercap plan --format json")


def validate_schema() -> dict[str, Any]:
    """`careercap validate --format json`."""
    return _output(ValidateDocument, "validate", "careercap validate --format json")


def rules_output_schema() -> dict[str, Any]:
    """`careercap rules --format json`."""
    return _output(RulesDocument, "rules-output", "careercap rules --format json")


SCHEMAS = {
    "profile": profile_schema,
    "rules": rules_file_schema,
    "catalogue": catalogue_schema,
    "project": project_schema,
    "projection": projection_schema,
    "compare": compare_schema,
    "plan": plan_schema,
    "validate": validate_schema,
    "rules-output": rules_output_schema,
}
"""`careercap schema --for NAME`: what careercap reads (a profile, a rules file, a
catalogue) and what it writes (the JSON of each command)."""
