"""`--maximise npv`: the plan whose learning is worth most in as_of money, at the
discount rate, against trying every plan; the net present value worked out here from the
spec's words (each year's amount as shown, discounted and rounded to cents), not from
careercap's present-value code."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careercap.core.catalogue import Catalogue
from careercap.core.engine import OutOfRange, project
from careercap.core.plan import Addition, PlanError, find_plan, with_additions
from careercap.core.profile import Profile
from careercap.core.rounding import cents
from tests.core.test_planner import OPTIONS, RULES, catalogue_of, every_plan, learned, spent


def profile(**fields: Any) -> Profile:
    return Profile.model_validate(
        {"name": "P", "income": 50000, "as_of": 2025, "horizon": 3, "discount_rate": 0.1} | fields
    )


def present(amount: float, years: int, rate: float) -> float:
    """What an amount as shown, `years` after as_of, is worth in as_of, to the cent."""
    return cents(amount / (1 + rate) ** years)


def npv(p: Profile, additions: tuple[Addition, ...]) -> float:
    """The net present value of the plan's learning: each year's added earnings (with the
    plan, less without any learning after as_of, both as shown) and each year's cost of
    the learning planned in it, discounted to as_of and rounded to cents, then summed."""
    planned = with_additions(p, additions)
    without = p.model_copy(
        update={
            "certifications": tuple(c for c in p.certifications if c.earned.year <= p.as_of),
            "skills": tuple(s for s in p.skills if s.acquired is None or s.acquired.year <= p.as_of),
        }
    )
    rate = p.discount_rate or 0.0
    gained = project(planned, RULES).years[1:]
    before = project(without, RULES).years[1:]
    learning = [
        (c.earned.year, c.cost, c.hours) for c in planned.certifications if c.earned.year > p.as_of
    ] + [
        (s.acquired.year, s.cost, s.hours) for s in planned.skills if s.acquired and s.acquired.year > p.as_of
    ]
    total = 0.0
    for year_with, year_without in zip(gained, before, strict=True):
        k = year_with.year - p.as_of
        gain = cents(year_with.earned) - cents(year_without.earned)
        cost = sum(
            (c or 0) * (1 - p.learning_subsidy) + (h or 0) * p.hourly_value
            for year, c, h in learning
            if year == year_with.year
        )
        total += present(gain, k, rate) - present(cents(cost), k, rate)
    return cents(total)


def judged(
    p: Profile, additions: tuple[Addition, ...], budget: float | None, max_hours: float | None
) -> tuple[Any, ...] | None:
    """A plan's place by the largest NPV, then fewer events, earlier years, skills first;
    None if it spends past the limits (a year may be static: the plan gains most)."""
    money, hours, _ = spent(p, additions)
    if (budget is not None and cents(money) > cents(budget)) or (max_hours is not None and hours > max_hours):
        return None
    try:
        value = npv(p, additions)
    except OutOfRange:
        return None
    ordered = sorted(additions, key=lambda a: (a.year, a.kind != "skill"))
    return (-value, len(additions), tuple(a.year for a in ordered), tuple(a.kind != "skill" for a in ordered))


def assert_the_best(
    p: Profile,
    options: Catalogue | None,
    most: int = 3,
    budget: float | None = None,
    max_hours: float | None = None,
) -> tuple[Addition, ...]:
    found = find_plan(
        p, RULES, max_events=most, catalogue=options, maximise="npv", budget=budget, max_hours=max_hours
    )
    ranked = [key for plan in every_plan(p, options, most) if (key := judged(p, plan, budget, max_hours))]
    assert found.reached
    assert found.objective == "npv"
    assert judged(p, found.additions, budget, max_hours) == min(ranked)
    return found.additions


def catalogue(*options: dict[str, Any]) -> Catalogue:
    return Catalogue.model_validate({"options": list(options)})


# A certification every two years keeps a profile upskilling; Cloud pays from the year
# after it, but costs 2,600: at 10 % a year it is worth taking early or not at all.
COURSES = catalogue(
    {"name": "Cloud", "kind": "certification", "cost": 2600, "hours": 40},
    {"name": "Security", "kind": "certification", "cost": 900, "hours": 60},
    {"name": "Data", "kind": "certification", "cost": 150, "hours": 20, "earliest": 2027},
    {"name": "SQL", "kind": "skill", "cost": 100, "hours": 30},
)


@pytest.mark.parametrize("rate", [0.0, 0.05, 0.25, 1.0])
@pytest.mark.parametrize(
    "limits",
    [(None, None), (1000.0, None), (None, 70.0), (3000.0, 100.0)],
    ids=["free", "budget", "hours", "both"],
)
@pytest.mark.parametrize("employment", ["employee", "freelancer"])
def test_the_npv_plan_is_the_best_of_every_plan(
    rate: float, limits: tuple[float | None, float | None], employment: str
) -> None:
    p = profile(discount_rate=rate, horizon=4, hourly_value=10, employment=employment, skills=["Excel", "R"])
    assert_the_best(p, COURSES, 3, *limits)


def test_at_a_rate_of_zero_the_npv_plan_is_the_net_gain_plan() -> None:
    for horizon in (2, 3, 5):
        for budget in (None, 1000.0):
            p = profile(discount_rate=0, horizon=horizon, hourly_value=10)
            by_npv = find_plan(p, RULES, catalogue=COURSES, maximise="npv", budget=budget)
            by_gain = find_plan(p, RULES, catalogue=COURSES, maximise="net-gain", budget=budget)
            assert by_npv.additions == by_gain.additions


def test_discounting_moves_the_costly_learning_that_pays_late_out_of_the_plan() -> None:
    # The bootcamp's gain comes in the years after it, 2029-2031: undiscounted it pays for
    # its 16,000, at 25 % a year it does not.
    options = catalogue(
        {"name": "Bootcamp", "kind": "certification", "cost": 16000},
        {"name": "Cheap", "kind": "certification", "cost": 100},
    )
    p = profile(horizon=6, discount_rate=0.25)
    by_gain = find_plan(p, RULES, catalogue=options, maximise="net-gain")
    by_npv = find_plan(p, RULES, catalogue=options, maximise="npv")
    assert [(a.name, a.year) for a in by_gain.additions] == [("Cheap", 2026), ("Bootcamp", 2029)]
    assert [(a.name, a.year) for a in by_npv.additions] == [("Cheap", 2026)]
    assert npv(p, by_npv.additions) > npv(p, by_gain.additions)
    assert_the_best(p, options)


def test_npv_without_a_discount_rate_is_refused_naming_the_option() -> None:
    p = profile(discount_rate=None)
    with pytest.raises(PlanError) as raised:
        find_plan(p, RULES, catalogue=COURSES, maximise="npv")
    assert raised.value.parameter == "maximise"
    assert "needs a discount rate" in str(raised.value)


@settings(max_examples=150, deadline=None)
@given(
    income=st.sampled_from([4000, 50000]),
    horizon=st.integers(1, 4),
    employment=st.sampled_from(["employee", "freelancer"]),
    certifications=st.lists(st.integers(2022, 2028), max_size=2),
    skills=st.lists(st.one_of(st.none(), st.integers(2022, 2028)), max_size=3),
    hourly_value=st.sampled_from([0, 25]),
    rate=st.sampled_from([0.0, 0.03, 0.2, 1.0]),
    drawn=st.lists(OPTIONS, min_size=1, max_size=3),
    generic=st.booleans(),
    budget=st.one_of(st.none(), st.sampled_from([0, 100, 400, 2000])),
    max_hours=st.one_of(st.none(), st.sampled_from([0, 20, 70])),
    most=st.integers(0, 3),
)
def test_the_npv_planner_finds_the_best_plan_a_catalogue_allows(
    income: float,
    horizon: int,
    employment: str,
    certifications: list[int],
    skills: list[int | None],
    hourly_value: float,
    rate: float,
    drawn: list[dict[str, Any]],
    generic: bool,
    budget: float | None,
    max_hours: float | None,
    most: int,
) -> None:
    p = profile(
        income=income,
        horizon=horizon,
        employment=employment,
        hourly_value=hourly_value,
        discount_rate=rate,
        **learned(certifications, skills),
    )
    assert_the_best(p, None if generic else catalogue_of(drawn), most, budget, max_hours)
