"""Shared fixtures: a CLI runner with a fixed terminal, and paths to the examples."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from careercap.cli.app import app

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
TERMINAL = {"COLUMNS": "100", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb"}

Invoke = Callable[..., Result]


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
            return runner.invoke(app, list(args), input=input, prog_name="careercap", env=env)
        finally:
            os.chdir(here)

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
