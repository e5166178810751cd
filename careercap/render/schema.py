"""The profile's JSON Schema, for editors (the YAML language server) and other tools.

Generated from the Pydantic model, then adjusted where the YAML reading rules are wider
than the model's Python types: a plain null means "not given", a skill may be a plain
name, and `salary` is another name for `income`.
"""

from __future__ import annotations

import copy
from typing import Any

from careercap.core.profile import Profile

SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema"


_ANNOTATIONS = ("title", "description", "examples", "default")


def _nullable(field: dict[str, Any]) -> dict[str, Any]:
    """The field, with a null allowed too (keeping its description where editors look)."""
    if any(option.get("type") == "null" for option in field.get("anyOf", [])):
        return field
    annotations = {key: field[key] for key in _ANNOTATIONS if key in field}
    body = {key: value for key, value in field.items() if key not in _ANNOTATIONS}
    return {**annotations, "anyOf": [body, {"type": "null"}]}


def profile_schema() -> dict[str, Any]:
    """The JSON Schema of one profile document."""
    schema = Profile.model_json_schema()
    properties: dict[str, Any] = schema["properties"]
    definitions: dict[str, Any] = schema.get("$defs", {})

    properties["skills"]["items"] = {"anyOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/Skill"}]}
    properties["salary"] = copy.deepcopy(properties["income"]) | {"description": "Another name for income."}
    required = set(schema.get("required", []))
    for name in list(properties):
        if name not in required:
            properties[name] = _nullable(properties[name])
    for definition in definitions.values():
        inner_required = set(definition.get("required", []))
        for name, field in list(definition.get("properties", {}).items()):
            if name not in inner_required:
                definition["properties"][name] = _nullable(field)
    schema["required"] = sorted(required - {"income"})
    schema["oneOf"] = [{"required": ["income"]}, {"required": ["salary"]}]
    return {
        "$schema": SCHEMA_ID,
        **schema,
        "title": "careercap profile",
        "description": "A skill profile for careercap, which projects what it is worth.",
    }
