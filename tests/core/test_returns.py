"""Learning as an investment: cost, gain, net gain, return and payback, to the cent."""

from __future__ import annotations

import pytest

from careercap.core.engine import project
from careercap.core.profile import Profile
from careercap.core.returns import event_cost, learning_return, marginal_gains
from careercap.reading.profiles import load
from careercap.reading.rules import default_rules
from tests.conftest import PROFILES, Invoke

RULES = default_rules()


def profile(**fields: object) -> Profile:
    return Profile.model_validate({"name": "P", "income": 50_000, "as_of": 2025, "horizon": 5, **fields})


def test_the_worked_example_of_the_readme() -> None:
    (loaded,) = load(str(PROFILES / "finance-clerk-with-plan.yaml"))
    assert loaded.profile is not None
    learning = learning_return(project(loaded.profile, RULES), RULES)
    assert learning is not None
    # fees 200, 165, 300 less the 30 % credit, and 80, 60, 100 hours at 25 EUR
    assert round(learning.cost, 2) == 140 + 2_000 + 115.50 + 1_500 + 210 + 2_500 == 6_465.50
    # each year's income against finance-clerk.yaml's, the same profile without the plan
    assert round(learning.gain, 2) == 43_375.07
    assert round(learning.net, 2) == 36_909.57
    assert learning.ratio is not None
    assert round(learning.ratio, 6) == 5.708695
    # by 2026, 3,755.50 spent and 2,949.50 gained; by 2027, 8,847.17 gained
    assert learning.payback_year == 2027


def test_an_event_costs_its_fees_less_the_subsidy_and_its_hours_at_their_value() -> None:
    person = profile(
        hourly_value=40,
        learning_subsidy=0.25,
        skills=[{"name": "SQL", "acquired": 2026, "cost": 100, "hours": 10}],
    )
    assert event_cost(person.skills[0], person) == 100 * 0.75 + 10 * 40


def test_learning_without_costs_has_a_gain_but_no_return_or_payback() -> None:
    person = profile(certifications=[{"name": "A", "earned": 2026}, {"name": "B", "earned": 2026}])
    learning = learning_return(project(person, RULES), RULES)
    assert learning is not None
    assert (learning.cost, learning.ratio, learning.payback_year) == (0, None, None)
    assert learning.gain > 0


def test_learning_that_never_pays_back_within_the_horizon() -> None:
    person = profile(
        certifications=[{"name": "A", "earned": 2026, "cost": 900_000}, {"name": "B", "earned": 2026}]
    )
    learning = learning_return(project(person, RULES), RULES)
    assert learning is not None
    assert learning.payback_year is None
    assert learning.ratio is not None
    assert learning.ratio < 0


def test_learning_before_as_of_is_sunk_and_after_the_horizon_is_not_planned() -> None:
    person = profile(
        certifications=[
            {"name": "Old", "earned": 2024, "cost": 500},
            {"name": "Far", "earned": 2040, "cost": 500},
        ]
    )
    assert learning_return(project(person, RULES), RULES) is None


@pytest.mark.parametrize("field", ["cost", "hours"])
def test_costs_do_not_change_the_projection(field: str) -> None:
    plain = profile(skills=[{"name": "SQL", "acquired": 2027}])
    costed = profile(
        skills=[{"name": "SQL", "acquired": 2027, field: 50}], hourly_value=30, learning_subsidy=0.5
    )
    assert [row.income for row in project(costed, RULES).years] == [
        row.income for row in project(plain, RULES).years
    ]


def test_one_planned_event_adds_what_the_whole_plan_adds() -> None:
    person = profile(skills=[{"name": "SQL", "acquired": 2027, "cost": 300}], hourly_value=10)
    projection = project(person, RULES)
    (marginal,) = marginal_gains(projection, RULES)
    whole = learning_return(projection, RULES)
    assert whole is not None
    assert (marginal.gain, marginal.cost) == (whole.gain, whole.cost) == (marginal.gain, 300)
    assert marginal.gain > 0


def test_explain_says_what_each_planned_event_adds_and_costs(cli: Invoke) -> None:
    result = cli("explain", str(PROFILES / "finance-clerk-with-plan.yaml"), columns=200)
    lines = result.stdout.splitlines()
    start = lines.index(
        "Each planned event, against the profile without it alone (they work together, so these need not add up):"
    )
    assert lines[start + 1 : start + 4] == [
        "- UiPath Automation Developer Associate (certification, 2026): adds 3,379.62 EUR over 2026-2030; costs 2,140.00 EUR",
        "- Microsoft Power Automate RPA Developer (certification, 2026): adds 3,379.62 EUR over 2026-2030; costs 1,615.50 EUR",
        "- Python for finance (skill, 2028): adds 8,798.89 EUR over 2026-2030; costs 2,710.00 EUR",
    ]


def test_a_cost_that_shows_as_0_00_has_no_return_or_payback() -> None:
    person = profile(skills=[{"name": "SQL", "acquired": 2026, "cost": 0.001}])
    learning = learning_return(project(person, RULES), RULES)
    assert learning is not None
    assert (learning.ratio, learning.payback_year) == (None, None)
