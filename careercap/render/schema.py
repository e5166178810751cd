"""The profile's JSON Schema, for editors (the YAML language server) and other tools.

Written out rule by rule from the model's own fields and bounds, as careercap reads YAML:
every scalar reaches careercap as the text written, so a number field takes a number or
text that is a number (`income: '61000'`), a text field takes any scalar (`skills: [1.10]`),
and a plain null means "not given". The schema states every rule JSON Schema can state, and
where it cannot (a February 30th, the range of a number written in quotes) it is looser
than `careercap validate`, never stricter: `UNCHECKED` lists what only careercap catches.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from careercap.core.catalogue import MOST_OPTIONS, Catalogue, Option
from careercap.core.comparison import LEARNING_FIELDS
from careercap.core.fields import YEAR_MAX, YEAR_MIN
from careercap.core.profile import CENT, Certification, Profile, Skill
from careercap.core.rules import RULES, Rules, RuleText
from careercap.render.export import SCHEMA_VERSION

SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema"

_SPACE = r"[\s\x1c-\x1f\x85]*"
"""The white space careercap strips from a value: Python's, which counts \x1c-\x1f and \x85
as space where JSON Schema's regular expressions (ECMA-262) do not."""

NUMBER_TEXT = rf"^{_SPACE}[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?{_SPACE}$"
"""A number as YAML 1.2 writes one (no separators, no `%`), as careercap reads quoted numbers."""

INTEGER_TEXT = rf"^{_SPACE}[-+]?[0-9]+{_SPACE}$"

FLAG_TEXT = rf"^{_SPACE}([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]){_SPACE}$"
"""true or false in any case, written as text (quoted)."""
_YEAR = r"(19[5-9][0-9]|20[0-9][0-9]|2100)"
_MONTH = r"(0?[1-9]|1[0-2])"
_DAY = r"(0?[1-9]|[12][0-9]|3[01])"
DATE_TEXT = rf"^{_SPACE}{_YEAR}(-{_MONTH}(-{_DAY})?)?{_SPACE}$"

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
)
"""What `careercap validate` rejects and the schema lets through."""

_NOT_NAN = {
    "not": {"maximum": -1.7976931348623157e308},
    "$comment": "NaN passes every bound (no comparison with it is true): this alone rejects it",
}


def _limits(model: type[BaseModel], name: str) -> dict[str, Any]:
    """The bounds and lengths a model's field declares, in JSON Schema's words."""
    words = {
        "ge": "minimum",
        "gt": "exclusiveMinimum",
        "le": "maximum",
        "lt": "exclusiveMaximum",
        "min_length": "minLength",
        "max_length": "maxLength",
    }
    found: dict[str, Any] = {}
    for constraint in model.model_fields[name].metadata:
        for attribute, word in words.items():
            if getattr(constraint, attribute, None) is not None:
                found[word] = getattr(constraint, attribute)
    return found


def _number(bounds: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [{"type": "number", **bounds, **_NOT_NAN}, {"type": "string", "pattern": NUMBER_TEXT}]}


def _integer(bounds: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [{"type": "integer", **bounds}, {"type": "string", "pattern": INTEGER_TEXT}]}


def _text(lengths: dict[str, Any] | None = None) -> dict[str, Any]:
    """Text as careercap reads it: any scalar, a number or `true` kept as written."""
    if not lengths:
        return {"type": ["string", "number", "boolean"]}
    not_blank = {"pattern": r"\S"}  # white space alone names nothing
    return {"anyOf": [{"type": "string", **lengths, **not_blank}, {"type": ["number", "boolean"]}]}


def _date() -> dict[str, Any]:
    return {
        "anyOf": [
            {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
            {"type": "string", "pattern": DATE_TEXT},
        ],
    }


def _nullable(body: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [body, {"type": "null"}]}


def _described(model: type[BaseModel], name: str, body: dict[str, Any]) -> dict[str, Any]:
    """A property with the model field's description and examples, where editors show them."""
    field = model.model_fields[name]
    notes: dict[str, Any] = {"description": field.description}
    if field.examples:
        notes["examples"] = field.examples
    return {**notes, **body}


def _costs(model: type[BaseModel]) -> dict[str, Any]:
    """A learning event's `cost` and `hours`."""
    return {
        name: _described(model, name, _nullable(_number(_limits(model, name)))) for name in ("cost", "hours")
    }


def _object(properties: dict[str, Any], required: list[str], description: str | None) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def profile_schema() -> dict[str, Any]:
    """The JSON Schema of one profile document."""
    name = _text(_limits(Profile, "name"))
    certification = _object(
        {
            "name": _described(Certification, "name", name),
            "earned": _described(Certification, "earned", _date()),
            "issuer": _described(Certification, "issuer", _nullable(_text())),
            **_costs(Certification),
            "expires": _described(Certification, "expires", _nullable(_date())),
        },
        ["name", "earned"],
        Certification.__doc__,
    )
    skill = _object(
        {
            "name": _described(Skill, "name", name),
            "acquired": _described(Skill, "acquired", _nullable(_date())),
            **_costs(Skill),
        },
        ["name"],
        Skill.__doc__,
    )
    income = _number(
        {"minimum": CENT, "maximum": _limits(Profile, "income")["maximum"]}
    )  # a cent, as checked
    given = {"not": {"type": "null"}}
    return {
        "$schema": SCHEMA_ID,
        "title": "careercap profile",
        "schema_version": SCHEMA_VERSION,
        "description": "A skill profile for careercap, which projects what it is worth.",
        "type": "object",
        "properties": {
            "name": _described(Profile, "name", name),
            "employment": _described(Profile, "employment", _nullable({"enum": ["employee", "freelancer"]})),
            "income": _described(Profile, "income", _nullable(income)),
            "salary": {"description": "Another name for income.", **_nullable(income)},
            "currency": _described(
                Profile, "currency", _nullable({"type": "string", "pattern": "^[A-Z]{3}$"})
            ),
            "as_of": _described(Profile, "as_of", _nullable(_integer(_limits(Profile, "as_of")))),
            "horizon": _described(Profile, "horizon", _nullable(_integer(_limits(Profile, "horizon")))),
            "baseline_growth": _described(
                Profile, "baseline_growth", _nullable(_number(_limits(Profile, "baseline_growth")))
            ),
            "certifications": _described(
                Profile,
                "certifications",
                _nullable({"type": "array", "items": {"$ref": "#/$defs/Certification"}}),
            ),
            "skills": _described(
                Profile,
                "skills",
                _nullable({"type": "array", "items": {"anyOf": [name, {"$ref": "#/$defs/Skill"}]}}),
            ),
            "notes": _described(Profile, "notes", _nullable(_text())),
            "inflation": _described(Profile, "inflation", _nullable(_number(_limits(Profile, "inflation")))),
            **{
                name: _described(Profile, name, _nullable(_number(_limits(Profile, name))))
                for name in ("hourly_value", "learning_subsidy")
            },
        },
        "required": ["name"],
        "oneOf": [
            {"required": ["income"], "properties": {"income": given}},
            {"required": ["salary"], "properties": {"salary": given}},
        ],
        "$comment": "Only careercap validate checks: " + "; ".join(UNCHECKED) + ".",
        "additionalProperties": False,
        "$defs": {"Certification": certification, "Skill": skill},
    }


def catalogue_schema() -> dict[str, Any]:
    """The JSON Schema of a catalogue file (`careercap plan --catalogue FILE`)."""
    year = _nullable(_integer({"minimum": YEAR_MIN, "maximum": YEAR_MAX}))
    option = _object(
        {
            "name": _described(Option, "name", _text(_limits(Option, "name"))),
            "kind": _described(Option, "kind", {"enum": ["certification", "skill"]}),
            **_costs(Option),
            "earliest": _described(Option, "earliest", year),
            "latest": _described(Option, "latest", year),
            "repeatable": _described(
                Option,
                "repeatable",
                _nullable({"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": FLAG_TEXT}]}),
            ),
        },
        ["name", "kind"],
        Option.__doc__,
    )
    return {
        "$schema": SCHEMA_ID,
        "title": "careercap catalogue",
        "schema_version": SCHEMA_VERSION,
        "description": "Learning options for careercap plan --catalogue.",
        "type": "object",
        "properties": {
            "options": {
                "description": Catalogue.model_fields["options"].description,
                "type": "array",
                "items": {"$ref": "#/$defs/Option"},
                "minItems": 1,
                "maxItems": MOST_OPTIONS,
            }
        },
        "required": ["options"],
        "$comment": "Only careercap checks: that latest is not before earliest, and that no two options "
        "share a name (compared as careercap compares names).",
        "additionalProperties": False,
        "$defs": {"Option": option},
    }


_BOUND_WORDS = {"ge": "minimum", "gt": "exclusiveMinimum", "le": "maximum", "lt": "exclusiveMaximum"}


def _as_read(node: Any) -> Any:
    """A schema Pydantic generated, made to read YAML as careercap does: bounds in JSON
    Schema's words, numbers that may be written in quotes, text that may be any scalar,
    empty values, and nothing required (a rules file overrides only what it gives)."""
    if isinstance(node, list):
        return [_as_read(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {_BOUND_WORDS.get(key, key): _as_read(value) for key, value in node.items() if key != "required"}
    if isinstance(node.get("properties"), dict):  # an empty value means "not given", as in a profile
        node["properties"] = {name: _nullable(field) for name, field in node["properties"].items()}
    kind = node.get("type")
    if kind in ("number", "integer"):
        bounds = {key: value for key, value in node.items() if key not in ("title", "description")}
        text = {"type": "string", "pattern": NUMBER_TEXT if kind == "number" else INTEGER_TEXT}
        notes = {key: node[key] for key in ("title", "description") if key in node}
        return {**notes, "anyOf": [{**bounds, **(_NOT_NAN if kind == "number" else {})}, text]}
    if kind == "string" and len(node.keys() - {"type", "title", "description"}) == 0:
        return {**node, "type": ["string", "number", "boolean"]}
    return node


def rules_file_schema() -> dict[str, Any]:
    """The JSON Schema of a rules file (`--rules FILE`): any subset of careercap/rules.yaml."""
    return {
        "$schema": SCHEMA_ID,
        **_as_read(Rules.model_json_schema()),
        "title": "careercap rules file",
        "schema_version": SCHEMA_VERSION,
        "description": "Rules that replace careercap's defaults: any subset of its rules.yaml.",
    }


# The JSON careercap writes (output.md), for the scripts that read it. Objects are closed
# (additionalProperties false), so that a field the documents gain is a schema change too.


def _closed(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {**required, **(optional or {})},
        "required": list(required),
        "additionalProperties": False,
    }


_NUMBER: dict[str, Any] = {"type": "number"}
_INT: dict[str, Any] = {"type": "integer"}
_TEXT: dict[str, Any] = {"type": "string"}
_PLACE: dict[str, Any] = {"type": ["integer", "null"]}  # a line or column; null where there is none
_PAIR: dict[str, Any] = {"type": "array", "items": _NUMBER, "minItems": 2, "maxItems": 2}


def _rule_ids() -> list[str]:
    return [rule.id for rule in RULES]


def _parameters() -> dict[str, Any]:
    """The rules' numbers, as JSON documents give them (`Rules.parameters()`)."""
    sections: dict[str, Any] = {"window_years": _INT}
    for rule in RULES:
        model = Rules.model_fields[rule.section].annotation
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            raise TypeError(f"rules section {rule.section} is not a model")
        figures = [name for name in model.model_fields if name not in RuleText.model_fields]
        sections[rule.section] = _closed(dict.fromkeys(figures, _NUMBER))
    return sections


def _diagnostic() -> dict[str, Any]:
    return _closed({"source": _TEXT, "document": _INT, "line": _PLACE, "column": _PLACE, "message": _TEXT})


def _definitions() -> dict[str, Any]:
    end = _closed({"value": _NUMBER, "final_income": _NUMBER, "career_capital": _NUMBER})
    year = _closed(
        {
            "year": _INT,
            "income": {"type": "number", "exclusiveMinimum": 0},
            "growth": {"type": ["number", "null"]},
            "state": {"enum": ["upskilling", "maintaining", "static"]},
            "events": {
                "type": "array",
                "items": _closed(
                    {
                        "kind": {"enum": ["certification", "skill"]},
                        "name": _TEXT,
                        "planned": {"type": "boolean"},
                    }
                ),
            },
            "rules": {"type": "array", "items": {"enum": _rule_ids()}},
        },
        {"extrapolated": {"const": True}, "real_income": _NUMBER, "band": _PAIR},
    )
    summary = _closed(
        {
            "start_income": _NUMBER,
            "final_income": _NUMBER,
            "cagr": _NUMBER,
            "cumulative_earnings": _NUMBER,
            "static_peer_cumulative": _NUMBER,
            "career_capital": _NUMBER,
            "factors": _closed(dict.fromkeys(("baseline", *_rule_ids()), _NUMBER)),
        },
        {
            "real_final_income": _NUMBER,
            "real_cumulative_earnings": _NUMBER,
            "real_static_peer_cumulative": _NUMBER,
            "real_career_capital": _NUMBER,
            "learning_cost": _NUMBER,
            "learning_gain": _NUMBER,
            "net_learning_gain": _NUMBER,
            "return_on_learning": {"type": ["number", "null"]},
            "payback_year": {"type": ["integer", "null"]},
            "sensitivity": _closed(
                {
                    "final_income": _PAIR,
                    "career_capital": _PAIR,
                    "parameters": {
                        "type": "array",
                        "items": _closed({"parameter": _TEXT, "low": end, "high": end}),
                    },
                }
            ),
        },
    )
    projection = _closed(
        {
            "source": _TEXT,
            "document": _INT,
            "name": _TEXT,
            "employment": {"enum": ["employee", "freelancer"]},
            "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
            "as_of": _INT,
            "horizon": _INT,
            "baseline_growth": _NUMBER,
            "years": {"type": "array", "items": {"$ref": "#/$defs/year"}, "minItems": 2},
            "summary": {"$ref": "#/$defs/summary"},
            "warnings": {
                "type": "array",
                "items": _closed({"line": _PLACE, "column": _PLACE, "message": _TEXT}),
            },
        },
        {"inflation": _NUMBER},
    )
    rules = _closed(_parameters(), {"source": _TEXT, "overridden": {"type": "array", "items": _TEXT}})
    return {
        "year": year,
        "summary": summary,
        "projection": projection,
        "rules": rules,
        "diagnostic": _diagnostic(),
    }


def _document(title: str, required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_ID,
        "title": title,
        "schema_version": SCHEMA_VERSION,
        **_closed({"schema_version": {"const": SCHEMA_VERSION}, **required}, optional),
        "$defs": _definitions(),
    }


def _list(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def project_schema() -> dict[str, Any]:
    """`careercap project --format json`."""
    return _document(
        "careercap project --format json",
        {
            "rules": _ref("rules"),
            "projections": _list(_ref("projection")),
            "errors": _list(_ref("diagnostic")),
        },
    )


def compare_schema() -> dict[str, Any]:
    """`careercap compare --format json`."""
    per_profile = _list(_NUMBER)
    figures = ("final_income", "cagr", "cumulative_earnings", "career_capital")
    explanation = _closed(
        {
            "factor": {"enum": [None, "start_income", "baseline", *_rule_ids()]},
            "value": _NUMBER,
            "first_value": _NUMBER,
            "final_income_ratio": _NUMBER,
            "text": _TEXT,
        }
    )
    return _document(
        "careercap compare --format json",
        {
            "rules": _ref("rules"),
            "profiles": {**_list(_ref("projection")), "minItems": 2},
            "years": _list(
                _closed(
                    {
                        "year": _INT,
                        "incomes": _list({"type": ["number", "null"]}),
                        "differences": _list({"type": ["number", "null"]}),
                    }
                )
            ),
            "span": {"type": "array", "items": _INT, "minItems": 2, "maxItems": 2},
            "summary": _closed(
                {
                    **dict.fromkeys(figures, per_profile),
                    "differences": _closed(
                        dict.fromkeys(figures, per_profile), dict.fromkeys(LEARNING_FIELDS, per_profile)
                    ),
                },
                dict.fromkeys(LEARNING_FIELDS, per_profile),  # when any profile plans learning
            ),
            "explanations": _list({"anyOf": [{"type": "null"}, explanation]}),
        },
    )


def plan_schema() -> dict[str, Any]:
    """`careercap plan --format json`."""
    return _document(
        "careercap plan --format json",
        {
            "rules": _ref("rules"),
            "objective": {"enum": ["fewest", "cheapest", "net-gain"]},
            "additions": _list(
                _closed(
                    {
                        "kind": {"enum": ["certification", "skill"]},
                        "year": _INT,
                        "name": _TEXT,
                        "option": {"type": ["string", "null"]},
                        "cost": {"type": ["number", "null"]},
                        "hours": {"type": ["number", "null"]},
                    }
                )
            ),
            "spent": _closed({"money": _NUMBER, "hours": _NUMBER, "cost": _NUMBER}),
            "limits": _closed(
                {
                    "max_events": _INT,
                    "budget": {"type": ["number", "null"]},
                    "max_hours": {"type": ["number", "null"]},
                }
            ),
            "reached": {"type": "boolean"},
            "reachable": {"type": ["number", "null"]},
            "target": {"type": ["number", "null"]},
            "by": {"type": ["integer", "null"]},
            "projection": _ref("projection"),
            "baseline": _ref("projection"),
        },
    )


def validate_schema() -> dict[str, Any]:
    """`careercap validate --format json`."""
    return _document(
        "careercap validate --format json",
        {
            "valid": {"type": "boolean"},
            "profiles": _INT,
            "errors": _list(_ref("diagnostic")),
            "warnings": _list(_ref("diagnostic")),
        },
    )


def rules_output_schema() -> dict[str, Any]:
    """`careercap rules --format json`."""
    text = {"type": ["string", "null"]}
    rule = _closed(
        {
            "id": {"enum": _rule_ids()},
            "parameters": {"type": "object"},
            "finding": text,
            "source": text,
            "interpretation": text,
            "evidence": text,
        }
    )
    return _document(
        "careercap rules --format json",
        {"parameters": _ref("rules"), "evidence": text, "rules": _list(rule)},
    )


SCHEMAS = {  # each carries `schema_version`, the version of the documents it describes
    "profile": profile_schema,
    "rules": rules_file_schema,
    "catalogue": catalogue_schema,
    "project": project_schema,
    "compare": compare_schema,
    "plan": plan_schema,
    "validate": validate_schema,
    "rules-output": rules_output_schema,
}
"""`careercap schema --for NAME`: what careercap reads (a profile, a rules file) and what
it writes (the JSON of each command)."""
