"""Properties of the model over generated profiles."""

from __future__ import annotations

from typing import Any

from hypothesis import assume, example, given
from hypothesis import strategies as st

from careercap.core.comparison import compare
from careercap.core.engine import project, state_rates
from careercap.core.profile import Profile
from careercap.core.result import result_of
from careercap.core.rounding import whole_cents
from careercap.reading.rules import default_rules
from tests.strategies import YEARS, profile_data, profiles

RULES = default_rules()


@given(profiles())
def test_factors_multiply_back_to_the_final_income_within_a_cent(profile: Profile) -> None:
    # From the start income as shown: its half cent of rounding is multiplied by the factors
    # too, so the bound is half a cent on each side, the start's scaled by the product.
    summary = project(profile, RULES).summary
    product = summary.factors.product()
    assert abs(summary.start_income * product - summary.final_income) <= 0.005 * (1 + product) + 1e-9


@given(profiles(max_income=1e9))
def test_factors_multiply_back_to_full_precision_at_any_income(profile: Profile) -> None:
    # The factors are unrounded: from the stated income they give the final income before
    # it is rounded to the cent it is shown at.
    summary = project(profile, RULES).summary
    product = profile.income * summary.factors.product()
    assert abs(product - summary.final_income) <= 0.005 + 1e-12 * summary.final_income


@given(profiles())
def test_comparing_a_profile_with_itself_shows_no_difference(profile: Profile) -> None:
    projection = project(profile, RULES)
    comparison = compare([result_of("a.yaml", 1, projection), result_of("a.yaml", 2, projection)])
    assert all(column.differences == (0.0, 0.0) for column in comparison.years)
    assert all(tuple(values) == (0.0, 0.0) for values in comparison.differences.values())
    (gap,) = comparison.gaps[1:]
    assert gap is not None
    assert gap.ratio == 1.0


@given(st.floats(min_value=-0.5, max_value=0.5, allow_nan=False))
def test_static_maintaining_upskilling_rates_are_ordered(g: float) -> None:
    rates = state_rates(g, RULES)
    assert rates["static"] <= rates["maintaining"] <= rates["upskilling"]


@given(profile_data(), st.sampled_from(["certification", "skill"]), YEARS)
def test_adding_a_learning_event_never_lowers_any_year(data: dict[str, Any], kind: str, year: int) -> None:
    """Any certification, and any planned skill. (A skill already held at as_of is not a
    plan: for a freelancer it can complete the portfolio, which the model then takes as
    already in the stated revenue; see the test below. So can a skill held at a switch to
    freelancing, planned or not: see the one after it; and a planned skill that brings the
    portfolio forward into a year with a stated income, which replaces what the step gave:
    see the one after that.)"""
    switches = any(event.get("employment") == "freelancer" for event in data["events"])
    stated = any(event.get("income") is not None for event in data["events"])
    assume(kind == "certification" or not (switches or stated))
    before = project(Profile.model_validate(data), RULES)
    if kind == "certification":
        data = data | {"certifications": [*data["certifications"], {"name": "added", "earned": year}]}
    else:
        planned = max(year, data["as_of"] + 1)
        data = data | {"skills": [*data["skills"], {"name": "added", "acquired": planned}]}
    after = project(Profile.model_validate(data), RULES)
    for old, new in zip(before.years, after.years, strict=True):
        assert new.income >= old.income * (1 - 1e-12)


def test_a_skill_already_held_can_complete_the_portfolio_and_remove_the_step() -> None:
    data: dict[str, Any] = {
        "name": "f",
        "employment": "freelancer",
        "income": 50000,
        "as_of": 2025,
        "horizon": 4,
        "skills": ["a", "b", {"name": "c", "acquired": 2027}],
    }
    with_step = project(Profile.model_validate(data), RULES)
    held = data | {"skills": [*data["skills"], {"name": "d", "acquired": 2024}]}
    without_step = project(Profile.model_validate(held), RULES)
    assert with_step.summary.factors.freelancer_portfolio == 1.7
    assert without_step.summary.factors.freelancer_portfolio == 1.0
    assert without_step.summary.final_income < with_step.summary.final_income


def test_a_skill_held_at_a_switch_to_freelancing_is_in_its_income_and_removes_a_later_step() -> None:
    data: dict[str, Any] = {
        "name": "f",
        "income": 50000,
        "as_of": 2025,
        "horizon": 6,
        "skills": ["a", "b", {"name": "c", "acquired": 2030}],
        "events": [{"year": 2028, "employment": "freelancer"}],
    }
    with_step = project(Profile.model_validate(data), RULES)
    sooner = data | {"skills": [*data["skills"], {"name": "d", "acquired": 2027}]}
    without_step = project(Profile.model_validate(sooner), RULES)
    assert [row.year for row in with_step.years if "freelancer_portfolio" in row.rules] == [2030]
    assert without_step.summary.factors.freelancer_portfolio == 1.0
    assert without_step.summary.final_income < with_step.summary.final_income


def test_a_skill_that_brings_the_portfolio_into_a_year_with_a_stated_income_forgoes_the_step() -> None:
    data: dict[str, Any] = {
        "name": "f",
        "employment": "freelancer",
        "income": 1000,
        "as_of": 2020,
        "horizon": 2,
        "baseline_growth": 0,
        "skills": ["a", "b", {"name": "c", "acquired": 2022}],
        "events": [{"year": 2021, "income": 1000}],
    }
    with_step = project(Profile.model_validate(data), RULES)
    sooner = data | {"skills": [*data["skills"], {"name": "d", "acquired": 2021}]}
    without_step = project(Profile.model_validate(sooner), RULES)
    assert [row.income for row in with_step.years] == [1000.0, 1000.0, 1700.0]
    assert [row.income for row in without_step.years] == [1000.0, 1000.0, 1000.0]


@given(profiles(), profiles())
def test_differences_are_the_shown_figures_subtracted(first: Profile, second: Profile) -> None:
    assume(max(first.as_of, second.as_of) < min(first.final_year, second.final_year))  # a year in common
    a, b = project(first, RULES), project(second, RULES)
    comparison = compare([result_of("a.yaml", 1, a), result_of("b.yaml", 1, b)])
    incomes_a = {row.year: round(row.income, 2) for row in a.years}
    incomes_b = {row.year: round(row.income, 2) for row in b.years}
    for column in comparison.years:
        if column.year in incomes_a and column.year in incomes_b:
            assert column.differences[1] == round(incomes_b[column.year] - incomes_a[column.year], 2)
        else:
            assert column.differences[1] is None


def test_compare_takes_bare_projections_as_well_as_results() -> None:
    first = project(Profile(name="A", income=50_000, as_of=2025), RULES)
    second = project(Profile(name="B", income=60_000, as_of=2025), RULES)
    comparison = compare([first, second])
    assert comparison.differences["final_income"][1] == round(
        round(second.summary.final_income, 2) - round(first.summary.final_income, 2), 2
    )
    assert [result.source for result in comparison.results] == ["A", "B"]


@given(profiles(), profiles())
def test_the_summary_compares_the_years_both_profiles_project(first: Profile, second: Profile) -> None:
    assume(max(first.as_of, second.as_of) < min(first.final_year, second.final_year))
    comparison = compare([project(first, RULES), project(second, RULES)])
    start, last = comparison.span
    assert (start, last) == (max(first.as_of, second.as_of), min(first.final_year, second.final_year))
    for index, profile in enumerate((first, second)):
        incomes = {row.year: row.income for row in comparison.projections[index].years}
        assert comparison.summary["final_income"][index] == incomes[last]
        earned = {row.year: row.earned for row in comparison.projections[index].years}
        cumulative = sum(earned[year] for year in range(start + 1, last + 1))
        assert abs(comparison.summary["cumulative_earnings"][index] - cumulative) <= 1e-9 * cumulative
        if (profile.as_of, profile.final_year) == (start, last):  # its own span: its own summary
            assert (
                comparison.summary["career_capital"][index]
                == comparison.projections[index].summary.career_capital
            )


@example(38274122286218.055)  # where round(x, 2) * 100 is a cent off
@example(999999999999.995)
@given(
    st.one_of(
        st.floats(min_value=-1e13, max_value=1e13, allow_nan=False),
        st.integers(min_value=-(10**15), max_value=10**15).map(lambda n: n / 1000),  # halves of a cent
        st.integers(min_value=1, max_value=2**40).map(lambda n: n / 2**10),  # halves exact in binary
        st.floats(min_value=-1e300, max_value=1e300),  # a hundred times it is finite
    )
)
def test_whole_cents_name_the_cent_round_gives(amount: float) -> None:
    assert whole_cents(amount) == round(round(amount, 2) * 100)
    if abs(amount) < 2**47 / 100:  # every income careercap projects (at most 1e12)
        assert whole_cents(amount) / 100 == round(amount, 2)
