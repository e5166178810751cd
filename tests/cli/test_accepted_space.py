"""Every profile the validator accepts, at the bounds of what it accepts, is projected by
every command or refused with a located error: never an internal error (exit 70), and
the JSON written always parses."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import Invoke, Write

INCOMES = st.sampled_from([0.01, 0.02, 1.0, 100_000.0, 999_999_999.0, 1e9])
BASELINES = st.sampled_from([-0.5, -0.3, 0.0, 0.3, 0.5])
CHARTS = importlib.util.find_spec("matplotlib") is not None


@st.composite
def bounded_profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A valid profile near the edges: long horizons, steep baselines, tiny and huge
    incomes, a certification every year, freelancers with dated skills."""
    as_of, horizon = 2025, draw(st.sampled_from([1, 50]))
    every_year = draw(st.booleans())
    return {
        "name": "Edge",
        "employment": draw(st.sampled_from(["employee", "freelancer"])),
        "income": draw(INCOMES),
        "as_of": as_of,
        "horizon": horizon,
        "baseline_growth": draw(BASELINES),
        "certifications": [
            {"name": f"Cert {year}", "earned": year, "cost": 500, "hours": 20}
            for year in range(as_of - 2, as_of + horizon + 1, 1 if every_year else 7)
        ],
        "skills": [
            {"name": f"Skill {index}", "acquired": as_of + index} for index in range(draw(st.integers(0, 4)))
        ],
        "events": draw(career_events(as_of, horizon)),
    }


@st.composite
def career_events(draw: st.DrawFn, as_of: int, horizon: int) -> list[dict[str, Any]]:
    """Career events at their bounds, as the validator accepts them: a year each (some
    after the horizon), one break at most (1 or 10 years, earning nothing, half or all),
    raises of -0.9 and 10, stated incomes of a cent and of a billion, switches either way."""
    years = draw(st.lists(st.integers(as_of + 1, as_of + horizon + 3), unique=True, max_size=4))
    events: list[dict[str, Any]] = []
    for year in sorted(years):
        kind = draw(st.sampled_from(["employment", "income", "raise", "break"]))
        if kind == "break" and not any("break" in event for event in events):
            share = draw(st.sampled_from([0, 0.5, 1]))
            events.append({"year": year, "break": draw(st.sampled_from([1, 10])), "share": share})
        elif kind == "employment":
            switch = {"year": year, "employment": draw(st.sampled_from(["employee", "freelancer"]))}
            events.append(switch | ({"income": draw(INCOMES)} if draw(st.booleans()) else {}))
        elif kind == "income":
            events.append({"year": year, "income": draw(INCOMES)})
        else:
            events.append({"year": year, "raise": draw(st.sampled_from([-0.9, 10]))})
    return events


REPORTED = {
    "name": "Reported",
    "income": 100_000,
    "as_of": 2025,
    "horizon": 50,
    "baseline_growth": -0.3,
    "certifications": [{"name": f"Cert {year}", "earned": year} for year in range(2024, 2076)],
}

OPTIONS = st.lists(
    st.sampled_from([("--inflation", "0.5"), ("--inflation", "-0.5"), ("--discount-rate", "1")]),
    max_size=2,
    unique_by=lambda option: option[0],
)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(profile=bounded_profiles(), options=OPTIONS, sensitivity=st.booleans())
@example(profile=REPORTED, options=[], sensitivity=False)  # the learning's counterfactual below a cent
@example(profile={**REPORTED, "income": 1e9}, options=[], sensitivity=True)  # only the band's ends fail
@example(  # explain's income before a stated one, projected to the horizon, fell below a cent
    profile={
        **REPORTED,
        "income": 0.01,
        "certifications": [{"name": f"Cert {year}", "earned": year} for year in range(2023, 2076, 7)],
        "events": [{"year": 2026, "income": 100_000}, {"year": 2027, "raise": 10}],
    },
    options=[],
    sensitivity=False,
)
@example(  # every kind of event at a bound, on a freelancer long enough to switch back and forth
    profile={
        **REPORTED,
        "employment": "freelancer",
        "skills": [{"name": f"Skill {index}", "acquired": 2025 + index} for index in range(4)],
        "events": [
            {"year": 2026, "employment": "employee", "income": 0.01},
            {"year": 2027, "raise": 10},
            {"year": 2028, "employment": "freelancer"},
            {"year": 2030, "break": 10, "share": 1},
            {"year": 2075, "income": 1e9},
            {"year": 2090, "raise": -0.9},
        ],
    },
    options=[("--inflation", "-0.5")],
    sensitivity=True,
)
def test_no_accepted_profile_ends_in_an_internal_error(
    cli: Invoke, tmp_path: Path, profile: dict[str, Any], options: list[tuple[str, str]], sensitivity: bool
) -> None:
    path = tmp_path / "edge.yaml"
    path.write_text(yaml.safe_dump(profile), encoding="utf-8")
    name = str(path)
    if cli("validate", name).exit_code != 0:  # refused up front, with a located error
        assert cli("project", name).exit_code == 1
        return
    flags = [part for option in options for part in option]
    discount = [part for option in options if option[0] == "--discount-rate" for part in option]
    runs: list[tuple[list[str], bool]] = [
        (["project", "-f", "json", name, *flags, *(["--sensitivity"] if sensitivity else [])], True),
        (["compare", "-f", "json", name, name, *flags], True),
        (["explain", name], False),
        (["plan", "-f", "json", name, *discount], True),
    ]
    if CHARTS:
        runs += [
            (["chart", name, "-o", str(tmp_path / "x.svg")], False),
            (["report", name, "-o", str(tmp_path / "x.html")], False),
        ]
    for args, is_json in runs:
        result = cli(*args)
        assert result.exit_code != 70, (args, result.stderr)
        if is_json and result.stdout:
            json.loads(result.stdout)


def test_a_learning_gain_that_cannot_be_measured_is_null_with_a_warning(cli: Invoke, write: Write) -> None:
    profile = write("reported.yaml", yaml.safe_dump(REPORTED))
    result = cli("project", "-f", "json", profile, "--discount-rate", "0.05")
    assert result.exit_code == 0
    summary = json.loads(result.stdout)["projections"][0]["summary"]
    assert (summary["learning_gain"], summary["net_learning_gain"], summary["return_on_learning"]) == (
        None,
        None,
        None,
    )
    assert summary["learning_cost"] == 0
    assert (summary["present_value"]["learning_gain"], summary["present_value"]["npv"]) == (None, None)
    assert result.stderr.splitlines()[0] == (
        "reported.yaml:1:1: warning: no learning gain: without its planned learning, the income falls "
        "below a cent by 2073: these rules shrink it too fast to project"
    )


def test_validate_refuses_what_the_shipped_rules_cannot_project(cli: Invoke, write: Write) -> None:
    profile = write("tiny.yaml", "name: T\nincome: 0.01\nbaseline_growth: -0.5\nas_of: 2025\n")
    result = cli("validate", profile)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "tiny.yaml:1:1: error: the income falls below a cent by 2027: these rules shrink it too fast to project"
    )
