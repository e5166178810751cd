"""YAML case files: a profile and the figures expected of it, to the cent (tests/cases/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from careercap.core.engine import project
from careercap.core.profile import Profile
from careercap.reading.documents import Document
from careercap.reading.rules import default_rules
from careercap.reading.yamlvalues import parse
from tests.conftest import CASES

CASE_FILES = sorted(CASES.glob("*.yaml"))


def read_case(path: Path) -> dict[str, Any]:
    case = parse(Document(path.name, 1, 0, path.read_text(encoding="utf-8")))
    assert isinstance(case, dict)
    return case


def cents(value: str) -> float:
    return round(float(value), 2)


@pytest.mark.parametrize("path", CASE_FILES, ids=[path.stem for path in CASE_FILES])
def test_case(path: Path) -> None:
    case = read_case(path)
    warnings: list[object] = []
    profile = Profile.model_validate(case["profile"], context={"warnings": warnings})
    result = project(profile, default_rules())
    expected = case["expected"]

    rows = [
        [row.year, round(row.income, 2), None if row.growth is None else round(row.growth, 6), row.state]
        for row in result.years
    ]
    wanted = [
        [int(year), cents(income), None if growth is None else round(float(growth), 6), state]
        for year, income, growth, state in expected["years"]
    ]
    assert rows == wanted

    summary = result.summary
    for field, value in expected["summary"].items():
        digits = 6 if field == "cagr" else 2
        assert round(getattr(summary, field), digits) == round(float(value), digits), field
    assert len(warnings) == int(expected.get("warnings", "0"))


def test_there_are_cases() -> None:
    assert len(CASE_FILES) >= 6
