"""Shared fixtures: a CLI runner with a fixed terminal, and paths to the examples."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import os
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner, Result

from careercap.cli.app import app
from careercap.render.schema import SCHEMAS

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
HOSTILE = TESTS / "hostile"
CASES = TESTS / "cases"
PROFILES = ROOT / "profiles"
EXAMPLES = sorted(PROFILES.glob("*.yaml"))

# The model spec's two worked examples, as profiles.
PROFILE_A = """\
name: Profile A
income: 100000
as_of: 2025
horizon: 5
baseline_growth: 0.03
certifications:
  - {name: first certification, earned: 2024-03-15}
  - {name: second certification, earned: 2025-06}
skills: [an undated skill]
"""
PROFILE_B = """\
name: Profile B
employment: freelancer
income: 60000
as_of: 2025
horizon: 4
baseline_growth: 0.02
skills:
  - prompt engineering
  - {name: AI ethics review, acquired: 2024}
  - {name: Vector search, acquired: 2027}
"""


# A fixed width and no colour, so that Rich output is the same on every terminal.
# Profiles with career events, drawn and tabled by several tests: one of each kind, and
# nine events with a long name and a long certification.
ANA = """\
name: Ana
income: 50000
as_of: 2025
horizon: 8
skills: [sql, python]
certifications: [{name: A, earned: 2026}, {name: B, earned: 2026}]
events:
  - {year: 2027, employment: freelancer, income: 70000}
  - {year: 2029, raise: 0.1}
  - {year: 2031, break: 2, share: 0.5}
"""
MANY_EVENTS = """\
name: Maximiliana Wolkenstein-Dürrenmatt
income: 48000
as_of: 2025
horizon: 10
skills: [sql, {name: dbt, acquired: 2027}]
certifications: [{name: Certified Enterprise Automation and Process Mining Practitioner, earned: 2027}]
events:
  - {year: 2026, employment: freelancer, income: 1234567.89}
  - {year: 2027, raise: 0.05}
  - {year: 2028, raise: -0.1}
  - {year: 2029, break: 1}
  - {year: 2030, income: 150000}
  - {year: 2030, employment: employee}
  - {year: 2031, raise: 0.2}
  - {year: 2032, break: 3, share: 0.25}
  - {year: 2035, raise: 0.1}
"""


class Yaml12Loader(yaml.SafeLoader):
    """YAML as outside tools read it, the YAML language server among them: the 1.2 core
    schema, in which dates stay text."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


TERMINAL = {"COLUMNS": "100", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb"}

CHARTS = all(importlib.util.find_spec(name) is not None for name in ("matplotlib", "plotille"))
"""Whether the charts extra is installed: `chart` and `report` need it, and their tests skip without it."""
needs_charts = pytest.mark.skipif(not CHARTS, reason="needs the charts extra: pip install '.[charts]'")

Invoke = Callable[..., Result]
Write = Callable[..., str]


SCHEMA_OF = {
    "project": "project",
    "compare": "compare",
    "plan": "plan",
    "validate": "validate",
    "rules": "rules-output",
}
"""The schema (`careercap schema --for NAME`) of each command's JSON."""


@functools.cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = SCHEMAS[name]()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check_against_its_schema(args: list[str], stdout: str) -> None:
    """Every JSON document a test makes careercap print is checked against its published
    schema, whatever else the test looks at."""
    words = [arg.lower() for arg in args]

    def asks(kind: str) -> bool:
        return any(
            (word in ("-f", "--format") and index + 1 < len(words) and words[index + 1] == kind)
            or word in (f"--format={kind}", f"-f{kind}")
            for index, word in enumerate(words)
        )

    if args and args[0] == "project" and asks("jsonl"):  # each line is one projection
        for line in stdout.splitlines():
            with contextlib.suppress(ValueError):  # a line cut short by a test of a run stopped
                errors = [error.message for error in validator("projection").iter_errors(json.loads(line))]
                assert errors == [], f"careercap {' '.join(args)} printed a line its schema refuses"
        return
    if not args or args[0] not in SCHEMA_OF or not asks("json") or not stdout.strip():
        return
    try:
        document = json.loads(stdout)
    except ValueError:
        return  # not a whole document (a test of a run cut short)
    errors = [
        f"{list(error.absolute_path)}: {error.message}"
        for error in validator(SCHEMA_OF[args[0]]).iter_errors(document)
    ]
    assert errors == [], f"careercap {' '.join(args)} printed JSON its schema refuses"


def unfinished(pid: int, folder: Path) -> list[int]:
    """The sizes of the files in `folder` that process `pid` has open: an output being
    written, which has no name in the folder until it is whole."""
    sizes = []
    for descriptor in os.listdir(f"/proc/{pid}/fd"):
        try:
            if os.readlink(f"/proc/{pid}/fd/{descriptor}").startswith(f"{folder}/"):
                sizes.append(os.stat(f"/proc/{pid}/fd/{descriptor}").st_size)
        except OSError:  # closed meanwhile
            continue
    return sizes


@pytest.fixture
def cli() -> Invoke:
    """Run `careercap ARGS...` in-process; `input` feeds standard input."""
    runner = CliRunner(env=TERMINAL)

    def invoke(
        *args: str, input: str | bytes | None = None, cwd: Path | None = None, columns: int | None = None
    ) -> Result:
        here = Path.cwd()
        if cwd is not None:
            os.chdir(cwd)
        env = None if columns is None else {"COLUMNS": str(columns)}
        try:
            result = runner.invoke(app, list(args), input=input, prog_name="careercap", env=env)
        finally:
            os.chdir(here)
        check_against_its_schema(list(args), result.stdout)
        return result

    return invoke


@pytest.fixture
def write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    """Write a file in a fresh working directory and return its name as a user would type it."""
    monkeypatch.chdir(tmp_path)

    def write_file(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return name

    return write_file
