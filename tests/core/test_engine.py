"""The projection model, rule by rule."""

from __future__ import annotations

import pytest

from careercap.core.engine import learning_events, portfolio_step_year, project, state_rates
from careercap.core.profile import Profile
from careercap.core.rules import Rules
from careercap.reading.rules import default_rules

RULES = default_rules()
STATIC = 0.91 ** (1 / 3) - 1  # three static years compound to a 9 % fall


def profile(**fields: object) -> Profile:
    base: dict[str, object] = {"name": "Test", "income": 100000, "as_of": 2025, "horizon": 5}
    return Profile.model_validate(base | fields)


def with_rules(**changes: object) -> Rules:
    data = RULES.model_dump()
    for dotted, value in changes.items():
        *parents, key = dotted.split("__")
        target = data
        for parent in parents:
            target = target[parent]
        target[key] = value
    return Rules.model_validate(data)


@pytest.mark.parametrize("g", [-0.5, -0.04, -0.01, 0.0, 0.01, 0.03, 0.1, 0.5])
def test_state_rates_follow_the_spec_and_keep_their_order(g: float) -> None:
    rates = state_rates(g, RULES)
    assert rates["upskilling"] == pytest.approx(g + 0.22 * abs(g))
    assert rates["maintaining"] == g
    assert rates["static"] == pytest.approx(min(g, STATIC))
    assert rates["static"] <= rates["maintaining"] <= rates["upskilling"]


def test_upskilling_is_ahead_of_a_negative_baseline() -> None:
    assert state_rates(-0.04, RULES)["upskilling"] == pytest.approx(-0.0312)


def test_a_static_year_never_beats_a_baseline_below_the_contraction() -> None:
    assert state_rates(-0.04, RULES)["static"] == -0.04


@pytest.mark.parametrize(
    ("cert_years", "skill_years", "year", "state"),
    [
        ([2023, 2025], [], 2025, "upskilling"),  # both inside 2023-2025
        ([2022, 2025], [], 2025, "maintaining"),  # 2022 has left the window
        ([2025, 2025], [], 2027, "upskilling"),  # still inside 2025-2027
        ([2025, 2025], [], 2028, "static"),  # the window 2026-2028 is empty
        ([], [2026], 2028, "maintaining"),  # a dated skill is an event
        ([2026], [2026], 2026, "maintaining"),  # one certification is not enough
        ([], [], 2025, "static"),
        ([2018, 2019], [], 2020, "upskilling"),  # events before as_of fill the first windows
    ],
)
def test_a_years_state_counts_the_events_in_the_window_ending_with_it(
    cert_years: list[int], skill_years: list[int], year: int, state: str
) -> None:
    rows = project(
        profile(
            as_of=2020,
            horizon=10,
            certifications=[{"name": f"c{i}", "earned": y} for i, y in enumerate(cert_years)],
            skills=[{"name": f"s{i}", "acquired": y} for i, y in enumerate(skill_years)],
        ),
        RULES,
    ).years
    assert {row.year: row.state for row in rows}[year] == state


def test_window_and_threshold_are_read_from_the_rules() -> None:
    two = profile(certifications=[{"name": "a", "earned": 2024}, {"name": "b", "earned": 2025}])
    assert project(two, RULES).years[0].state == "upskilling"
    assert project(two, with_rules(window_years=1)).years[0].state == "maintaining"
    assert project(two, with_rules(upskilling__min_certifications=3)).years[0].state == "maintaining"


def test_undated_skills_are_held_but_never_events() -> None:
    events = learning_events(profile(skills=["SQL", {"name": "dbt", "acquired": 2026}]))
    assert [(event.name, event.year, event.planned) for event in events] == [("dbt", 2026, True)]


@pytest.mark.parametrize(
    ("employment", "skills", "step"),
    [
        ("freelancer", ["a", "b", {"name": "c", "acquired": 2027}], 2027),
        ("freelancer", ["a", {"name": "b", "acquired": 2026}, {"name": "c", "acquired": 2028}], 2028),
        ("freelancer", ["a", "b", "c"], None),  # holds the portfolio already at as_of
        ("freelancer", ["a", "b", {"name": "c", "acquired": 2025}], None),  # acquired in as_of itself
        ("freelancer", ["a", {"name": "c", "acquired": 2031}], None),  # after the horizon
        ("employee", ["a", "b", {"name": "c", "acquired": 2027}], None),  # employees never get it
    ],
)
def test_portfolio_step_falls_in_the_first_year_the_threshold_is_crossed(
    employment: str, skills: list[object], step: int | None
) -> None:
    assert portfolio_step_year(profile(employment=employment, skills=skills), RULES) == step


def test_portfolio_step_multiplies_after_that_years_growth() -> None:
    rows = project(
        profile(
            employment="freelancer", baseline_growth=0.02, skills=["a", "b", {"name": "c", "acquired": 2026}]
        ),
        RULES,
    ).years
    assert rows[1].income == pytest.approx(100000 * 1.02 * 1.7)
    assert rows[1].growth == pytest.approx(1.02 * 1.7 - 1)
    assert rows[1].rules == ("freelancer_portfolio",)


def test_multiplier_and_contraction_come_from_the_rules() -> None:
    freelancer = profile(
        employment="freelancer", baseline_growth=0.0, skills=["a", "b", {"name": "c", "acquired": 2026}]
    )
    assert project(freelancer, with_rules(freelancer_portfolio__multiplier=2.0)).years[
        1
    ].income == pytest.approx(200000)
    static = profile(baseline_growth=0.0)
    halved = project(static, with_rules(static__contraction=0.5, window_years=1)).years[1].income
    assert halved == pytest.approx(50000)


def test_first_row_shows_the_start_without_growth_or_rules() -> None:
    first = project(profile(certifications=[{"name": "x", "earned": 2025}]), RULES).years[0]
    assert (first.year, first.income, first.growth, first.rules) == (2025, 100000, None, ())
    assert [event.name for event in first.events] == ["x"]
    assert first.events[0].planned is False


def test_rows_cover_as_of_through_the_horizon() -> None:
    years = project(profile(horizon=3), RULES).years
    assert [row.year for row in years] == [2025, 2026, 2027, 2028]


def test_planned_events_are_marked() -> None:
    rows = project(profile(certifications=[{"name": "later", "earned": "2027-05"}]), RULES).years
    (event,) = rows[2].events
    assert (event.kind, event.name, event.planned) == ("certification", "later", True)


def test_rules_applied_name_the_rule_of_each_year() -> None:
    rows = project(
        profile(certifications=[{"name": "a", "earned": 2025}, {"name": "b", "earned": 2025}]), RULES
    ).years
    assert [row.rules for row in rows[1:]] == [
        ("upskilling",),
        ("upskilling",),
        ("static_contraction",),
        ("static_contraction",),
        ("static_contraction",),
    ]


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {
            "baseline_growth": -0.04,
            "certifications": [{"name": "a", "earned": 2026}, {"name": "b", "earned": 2026}],
        },
        {"employment": "freelancer", "skills": ["a", "b", {"name": "c", "acquired": 2028}]},
    ],
)
def test_factors_multiply_back_to_the_final_income(fields: dict[str, object]) -> None:
    summary = project(profile(**fields), RULES).summary
    assert summary.start_income * summary.factors.product() == pytest.approx(summary.final_income, abs=0.005)


def test_summary_figures_follow_their_definitions() -> None:
    result = project(profile(baseline_growth=0.01, horizon=4), RULES)
    incomes = [row.income for row in result.years]
    summary = result.summary
    assert summary.cumulative_earnings == pytest.approx(sum(incomes[1:]))
    assert summary.static_peer_cumulative == pytest.approx(
        sum(100000 * (1 + STATIC) ** k for k in range(1, 5))
    )
    assert summary.cagr == pytest.approx((incomes[-1] / incomes[0]) ** (1 / 4) - 1)
    assert summary.career_capital == pytest.approx(
        summary.cumulative_earnings - summary.static_peer_cumulative
    )
