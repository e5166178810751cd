"""Properties over generated input: whatever arrives, careercap answers with an exit status
of 0, 1 or 2 and never a traceback; and a bounded fuzz run of the loader."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from careercap.cli.app import app
from tests.conftest import TERMINAL
from tests.fuzz import fuzz
from tests.strategies import profile_data

RUNNER = CliRunner(env=TERMINAL)


@contextlib.contextmanager
def scratch() -> Iterator[None]:
    """Run in a new empty directory (hypothesis examples cannot share pytest's tmp_path)."""
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as directory:
        os.chdir(directory)
        try:
            yield
        finally:
            os.chdir(here)


# Values of every kind for any field: the right ones, the wrong ones, and odd YAML.
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        ["yes", "~", "1e9", "2024-02-30", "3%", "100,000", ".nan", "USD", "freelancer", "!!str x"]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.sampled_from(["name", "earned", "acquired", "x"]), st.text(max_size=5), max_size=3),
)
FIELDS = ["name", "employment", "income", "salary", "currency", "as_of", "horizon", "baseline_growth",
          "certifications", "skills", "notes", "inflation", "extra"]  # fmt: skip


def run(*args: str, input: str | None = None) -> int:
    result = RUNNER.invoke(app, list(args), input=input, prog_name="careercap")
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert result.exit_code in (0, 1, 2), result.output
    return result.exit_code


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELDS), JUNK, max_size=8), st.sampled_from(["table", "json", "csv"]))
def test_any_mapping_of_fields_gets_an_answer(fields: dict[str, Any], output_format: str) -> None:
    # JSON is YAML: every generated document is readable YAML, right or wrong for careercap.
    run("project", "-", "--format", output_format, input=json.dumps(fields, allow_nan=True))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_an_answer(text: str) -> None:
    run("validate", "-", input=text)


@settings(max_examples=60, deadline=None)
@given(
    profile_data(),
    st.dictionaries(
        st.sampled_from(["window_years", "upskilling", "static", "freelancer_portfolio", "evidence"]),
        st.one_of(JUNK, st.dictionaries(st.sampled_from(["growth_premium", "min_certifications",
                                                         "contraction", "min_skills", "multiplier"]),
                                        JUNK, max_size=2)),
        max_size=3,
    ),
)  # fmt: skip
def test_any_rules_file_gets_an_answer(data: dict[str, Any], rules: dict[str, Any]) -> None:
    with scratch():
        with open("rules.yaml", "w", encoding="utf-8") as handle:
            handle.write(json.dumps(rules, allow_nan=True))
        run("project", "-", "--rules", "rules.yaml", "-f", "json", input=json.dumps(data))


@settings(max_examples=60, deadline=None)
@given(
    profile_data(),
    st.lists(
        st.sampled_from(["--horizon", "--as-of", "--baseline-growth", "--format", "--summary", "--fail-fast", "-o"]),
        max_size=3,
    ),
    st.lists(st.sampled_from(["0", "51", "2025", "-1", "0.6", "csv", "xml", "x.csv", "abc", "1e3"]), max_size=3),
)  # fmt: skip
def test_any_options_get_an_answer(data: dict[str, Any], options: list[str], values: list[str]) -> None:
    args = [
        item for pair in zip(options, values + [""] * len(options), strict=False) for item in pair if item
    ]
    with scratch():
        run("project", "-", *args, input=json.dumps(data))


@pytest.mark.slow
@settings(max_examples=80, deadline=None)
@given(profile_data())
def test_valid_profiles_project_and_compare_with_themselves_to_zero(data: dict[str, Any]) -> None:
    text = json.dumps(data)
    assert run("project", "-", "-f", "csv", input=text) == 0
    result = RUNNER.invoke(app, ["compare", "-", "-f", "json"], input=text + "\n---\n" + text)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert all(column["differences"] == [0.0, 0.0] for column in document["years"])


def test_a_bounded_fuzz_run_of_the_loader_finds_nothing() -> None:
    report = fuzz(cases=400, seed=2025)
    assert report.cases == 400
    assert report.failures == []
