"""The published schemas: valid JSON Schema to the strictest validator, generated from the
types export fills, and tight enough to refuse what breaks the output contract."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, get_type_hints

import jsonschema
import pytest
from pydantic import TypeAdapter
from typer.testing import CliRunner

from careercap.cli.app import app
from careercap.core.engine import Factors
from careercap.core.fields import DATE_TEXT, YEAR_MAX, YEAR_MIN, Date
from careercap.core.rules import LABELS, RULES, Rules, RuleText
from careercap.render import contracts
from careercap.render.schema import SCHEMAS
from tests.conftest import Invoke
from tests.render.mutations import real_outputs, survivors

AJV = os.environ.get("CAREERCAP_AJV")
"""A folder with ajv@8 and ajv-formats installed (`npm install --prefix DIR ajv@8 ajv-formats`)."""

STRICT = """
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats");
const [schemas, outputs] = process.argv.slice(1).map((path) => JSON.parse(fs.readFileSync(path, "utf8")));
const problems = [];
for (const [name, schema] of Object.entries(schemas)) {
  const ajv = new Ajv2020({strict: true, allErrors: true});
  addFormats(ajv);
  let validate;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    problems.push(`${name}: ${error.message}`);
    continue;
  }
  for (const output of outputs.filter(([kind]) => kind === name)) {
    if (!validate(output[1])) problems.push(`${name} refuses real output: ${ajv.errorsText(validate.errors)}`);
  }
}
console.log(JSON.stringify(problems));
"""


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Any]]:
    runner = CliRunner()
    scratch = tmp_path_factory.mktemp("outputs")
    return real_outputs(lambda *args: runner.invoke(app, list(args)), scratch)


def test_the_example_outputs_are_made_and_valid(cli: Invoke, tmp_path: Path) -> None:
    # The `cli` fixture checks each against its schema too.
    for kind, document in real_outputs(cli, tmp_path):
        assert document["schema_version"] == contracts.SCHEMA_VERSION, kind


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.skipif(AJV is None, reason="CAREERCAP_AJV names no folder with ajv@8 and ajv-formats")
def test_every_schema_compiles_in_ajv_strict_mode_and_takes_real_output(
    outputs: list[tuple[str, Any]], tmp_path: Path
) -> None:
    schemas, written = tmp_path / "schemas.json", tmp_path / "outputs.json"
    schemas.write_text(json.dumps({name: make() for name, make in SCHEMAS.items()}), encoding="utf-8")
    written.write_text(json.dumps(outputs), encoding="utf-8")
    node_path = os.pathsep.join(
        filter(None, [str(Path(str(AJV)) / "node_modules"), os.environ.get("NODE_PATH")])
    )
    ran = subprocess.run(
        ["node", "-e", STRICT, str(schemas), str(written)],
        capture_output=True,
        text=True,
        env={**os.environ, "NODE_PATH": node_path},
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout) == []


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_every_schema_uses_only_json_schema_keywords_and_names_its_version(name: str) -> None:
    schema = SCHEMAS[name]()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert f"/v{contracts.SCHEMA_VERSION}/" in schema["$id"]
    assert "schema_version" not in schema


def test_the_schemas_refuse_nine_in_ten_mutations_of_real_output(outputs: list[tuple[str, Any]]) -> None:
    validators = {kind: jsonschema.Draft202012Validator(SCHEMAS[kind]()) for kind in SCHEMAS}
    count, accepted = survivors(outputs, lambda kind, document: validators[kind].is_valid(document))
    listed = "\n".join(accepted)
    assert count > 1000
    assert len(accepted) <= count // 10, f"{len(accepted)} of {count} mutations accepted:\n{listed}"


def test_the_output_types_name_every_rule_and_every_parameter() -> None:
    for rule in RULES:
        section = get_type_hints(Rules)[rule.section]
        figures = [name for name in section.model_fields if name not in RuleText.model_fields]
        assert list(get_type_hints(section.numbers)["return"].__annotations__) == figures
    assert list(contracts.Factors.__annotations__) == list(Factors._fields) == list(LABELS)


def test_dates_are_read_with_the_one_pattern_the_schemas_state() -> None:
    date = TypeAdapter(Date).json_schema()
    assert [branch.get("pattern") for branch in date["anyOf"]] == [None, DATE_TEXT]
    assert json.dumps(DATE_TEXT) in json.dumps(SCHEMAS["profile"]())
    years = [year for year in range(1900, 2200) if re.fullmatch(DATE_TEXT, f"{year}-01")]
    assert years == list(range(YEAR_MIN, YEAR_MAX + 1))
