"""Money as shown: every figure careercap prints is a sum of the yearly amounts it prints
beside it, to the cent, in every output; and present values, NPV and IRR against worked
examples computed by hand."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from careercap.core.comparison import compare
from careercap.core.engine import project, static_peer_incomes
from careercap.core.present import internal_rate
from careercap.core.profile import Profile
from careercap.core.result import Result, result_of
from careercap.core.returns import learning_return
from careercap.core.sensitivity import sensitivity
from careercap.reading.rules import default_rules
from careercap.render.export import (
    CsvLayout,
    compare_document,
    csv_header,
    csv_lines,
    csv_summary_row,
    projection_dict,
)
from careercap.render.table import projection_view
from tests.strategies import profile_data

RULES = default_rules()
PROFILES = 120  # examples of the reconciliation property, each of two profiles: 240 profiles


def c(amount: float | str) -> int:
    """An amount shown to the cent, in whole cents, read as a person reads it: it must be
    a figure of at most two decimals."""
    cents = Decimal(str(amount)).scaleb(2)
    assert cents == cents.to_integral_value(), amount
    return int(cents)


@st.composite
def priced_profiles(draw: st.DrawFn) -> tuple[Profile, bool]:
    """A profile with planned learning that has a price (or none), inflation and a discount
    rate (or not), and whether to vary the rules (sensitivity)."""
    data = draw(profile_data())
    price = st.none() | st.floats(min_value=0, max_value=5000, allow_nan=False)
    for item in data["certifications"]:
        item["cost"], item["hours"] = draw(price), draw(price)
    data["skills"] = [
        skill if isinstance(skill, str) else {**skill, "cost": draw(price), "hours": draw(price)}
        for skill in data["skills"]
    ]
    data["hourly_value"] = draw(st.floats(min_value=0, max_value=99.999, allow_nan=False))
    data["learning_subsidy"] = draw(st.floats(min_value=0, max_value=1, allow_nan=False))
    data["inflation"] = draw(st.none() | st.floats(min_value=-0.2, max_value=0.5, allow_nan=False))
    data["discount_rate"] = draw(st.none() | st.just(0.0) | st.floats(min_value=0, max_value=1))
    return Profile.model_validate(data), draw(st.booleans())


def result(profile: Profile, varied: bool, document: int = 1) -> Result:
    spread = sensitivity(profile, RULES) if varied else None
    projection = project(profile, RULES) if spread is None else spread.central
    return result_of("p.yaml", document, projection, (), spread, learning_return(projection, RULES))


def reconciles(figures: dict[str, Any], years: list[dict[str, Any]]) -> None:
    """The JSON figures of one projection add up, as shown."""
    assert sum(c(year["earned"]) for year in years[1:]) == c(figures["cumulative_earnings"])
    away: tuple[int, float] = (0, 1.0)  # the last year of the break under way, and its share
    for year in years:  # what a year earns: its income, but in a break its share, as shown
        for event in year["events"]:
            if event["kind"] == "break":
                away = (year["year"] + event["break"] - 1, event["share"])
        last, share = away
        expected = round(share * year["income"], 2) if year["year"] <= last else year["income"]
        assert year["earned"] == expected
    assert c(figures["cumulative_earnings"]) - c(figures["static_peer_cumulative"]) == c(
        figures["career_capital"]
    )
    assert figures["final_income"] == years[-1]["income"]
    assert figures["start_income"] == years[0]["income"]
    if "real_cumulative_earnings" in figures:
        assert sum(c(year["real_earned"]) for year in years[1:]) == c(figures["real_cumulative_earnings"])
        assert c(figures["real_cumulative_earnings"]) - c(figures["real_static_peer_cumulative"]) == c(
            figures["real_career_capital"]
        )
        assert figures["real_final_income"] == years[-1]["real_income"]
    if "learning_cost" in figures:
        assert c(figures["learning_gain"]) - c(figures["learning_cost"]) == c(figures["net_learning_gain"])
    present = figures.get("present_value")
    if present is not None:
        assert c(present["cumulative_earnings"]) - c(present["static_peer_cumulative"]) == c(
            present["career_capital"]
        )
        if "npv" in present:
            assert c(present["learning_gain"]) - c(present["learning_cost"]) == c(present["npv"])
        if present["discount_rate"] == 0:  # worth the same: the undiscounted figures
            for field in ("cumulative_earnings", "static_peer_cumulative", "career_capital"):
                assert present[field] == figures[field]
            if "npv" in present:
                assert present["learning_cost"] == figures["learning_cost"]
                assert present["learning_gain"] == figures["learning_gain"]
                assert present["npv"] == figures["net_learning_gain"]


def text(renderable: Any) -> str:
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()


@settings(max_examples=PROFILES, deadline=None)
@given(priced_profiles(), priced_profiles())
def test_every_output_adds_up_to_the_cent(one: tuple[Profile, bool], other: tuple[Profile, bool]) -> None:
    same = {"currency": one[0].currency, "as_of": one[0].as_of}
    first, second = result(*one), result(other[0].model_copy(update=same), other[1], 2)
    document = projection_dict(first)
    figures, years = document["summary"], document["years"]
    reconciles(dict(figures), [dict(year) for year in years])
    # The learning: the yearly gains and costs as shown add up to its figures.
    learning = first.learning
    if learning is not None:
        assert sum(c(flow.gain) for flow in learning.flows) == c(figures["learning_gain"])
        assert sum(c(flow.cost) for flow in learning.flows) == c(figures["learning_cost"])
    # The static peer, year by year as shown.
    peers = static_peer_incomes(first.projection.profile, first.projection.rates)
    assert sum(c(peer) for peer in peers) == c(figures["static_peer_cumulative"])
    # JSON Lines is the same projection; the year CSV shows the same incomes.
    line = json.loads(json.dumps(document))
    reconciles(line["summary"], line["years"])
    layout = CsvLayout(real=True, sensitivity=first.sensitivity is not None)
    rows = list(csv.DictReader(io.StringIO(csv_lines(first, layout)), fieldnames=csv_header(False, layout)))
    assert [c(row["income"]) for row in rows] == [c(year["income"]) for year in years]
    assert [c(row["earned"]) for row in rows] == [c(year["earned"]) for year in years]
    if first.real is not None:
        assert [c(row["real_income"]) for row in rows] == [c(year["real_income"]) for year in years]
    # The summary CSV carries the same figures as the JSON.
    summary_row = dict(zip(csv_header(True, layout), csv_summary_row(first, layout), strict=True))
    for field in ("start_income", "final_income", "cumulative_earnings", "static_peer_cumulative"):
        assert c(summary_row[field]) == c(figures[field])
    assert c(summary_row["career_capital"]) == c(figures["career_capital"])
    present = figures.get("present_value")
    for column, field in (
        ("pv_cumulative_earnings", "cumulative_earnings"),
        ("pv_static_peer_cumulative", "static_peer_cumulative"),
        ("pv_career_capital", "career_capital"),
        ("pv_learning_cost", "learning_cost"),
        ("pv_learning_gain", "learning_gain"),
        ("npv", "npv"),
    ):
        value = None if present is None else present.get(field)
        assert summary_row[column] == ("" if value is None else f"{value:.2f}")
    irr = None if present is None else present.get("irr")
    assert summary_row["irr"] == ("" if irr is None else f"{irr:.6f}")
    # The table shows the same figures.
    shown = text(projection_view(first))
    for field in ("cumulative_earnings", "static_peer_cumulative", "career_capital"):
        assert f"{figures[field]:,.2f}" in shown
    # Compare: the differences are those of the figures as shown.
    comparison = compare([first, second])
    compared = compare_document(comparison, iter([]), RULES)
    summary = compared["summary"]
    for field in ("cumulative_earnings", "career_capital"):
        values = list(summary[field])
        assert list(summary["differences"][field]) == [0.0, (c(values[1]) - c(values[0])) / 100]
    if comparison.span == comparison.entries.span(0):
        assert (
            next(iter(compare_document(comparison, iter([]), RULES)["summary"]["cumulative_earnings"]))
            == (figures["cumulative_earnings"])
        )


# Worked examples, by hand.

PLAN = {
    "name": "Worked",
    "income": 50000,
    "as_of": 2025,
    "horizon": 3,
    "baseline_growth": 0.0,
    "certifications": [
        {"name": "A", "earned": 2024},
        {"name": "B", "earned": 2026, "cost": 1000},
    ],
}


def test_present_values_discount_each_year_as_shown_by_hand() -> None:
    # At g = 0, with B (2026) every year is active: 50,000.00 a year. Without it, 2026 is
    # maintaining (A in its window), 2027 and 2028 static (static rate 0.91^(1/3) - 1):
    # 48,452.61 and 46,953.10. Gains as shown: 0.00, 1,547.39, 3,046.90.
    profile = Profile.model_validate({**PLAN, "discount_rate": 0.1})
    found = result_of(
        "p.yaml", 1, project(profile, RULES), learning=learning_return(project(profile, RULES), RULES)
    )
    figures = projection_dict(found)["summary"]
    present = figures["present_value"]
    # 50,000 / 1.1 = 45,454.55; / 1.21 = 41,322.31; / 1.331 = 37,565.74; summed, 124,342.60
    assert present["cumulative_earnings"] == 124342.6
    # Gains: 1,547.39 / 1.21 = 1,278.83 and 3,046.90 / 1.331 = 2,289.18; summed, 3,568.01
    assert figures["learning_gain"] == 4594.29
    assert present["learning_gain"] == 3568.01
    # The cost, 1,000.00 in 2026: / 1.1 = 909.09
    assert present["learning_cost"] == 909.09
    assert present["npv"] == 2658.92  # 3,568.01 - 909.09
    # Flows -1,000.00 (2026), +1,547.39 (2027), +3,046.90 (2028), with x = 1 / (1 + r):
    # 3,046.90x^2 + 1,547.39x - 1,000 = 0, x = 0.370... : r = 1.699...
    x = (-1547.39 + (1547.39**2 + 4 * 3046.90 * 1000) ** 0.5) / (2 * 3046.90)
    assert present["irr"] == round(1 / x - 1, 6)


def test_a_year_by_year_csv_is_the_same_without_the_figures_it_does_not_show() -> None:
    """`result_of(real=False, present=False)`, as `project -f csv` asks for it."""
    profile = Profile.model_validate({**PLAN, "discount_rate": 0.1, "inflation": 0.02})
    projection = project(profile, RULES)
    whole = result_of("p.yaml", 1, projection)
    rows_only = result_of("p.yaml", 1, projection, real=False, present=False)
    assert (whole.real is None, whole.present is None) == (False, False)
    assert (rows_only.real, rows_only.present) == (None, None)
    assert csv_lines(rows_only) == csv_lines(whole)
    with_real = CsvLayout(real=True)  # --inflation: a column of as_of-year money, then it is worked out
    assert csv_lines(result_of("p.yaml", 1, projection, present=False), with_real) == csv_lines(
        whole, with_real
    )


def test_a_rate_of_zero_gives_the_undiscounted_figures() -> None:
    profile = Profile.model_validate({**PLAN, "discount_rate": 0})
    projection = project(profile, RULES)
    figures = projection_dict(
        result_of("p.yaml", 1, projection, learning=learning_return(projection, RULES))
    )["summary"]
    present = figures["present_value"]
    assert present["cumulative_earnings"] == figures["cumulative_earnings"] == 150000.0
    assert present["career_capital"] == figures["career_capital"]
    assert present["npv"] == figures["net_learning_gain"] == 3594.29


def test_an_irr_with_one_sign_change_by_hand() -> None:
    # -100 in year 1, +60 in years 2 and 3: 60x^2 + 60x - 100 = 0, x = 0.884437, r = 0.130662
    assert round(internal_rate([(1, -100), (2, 60), (3, 60)]) or 0, 6) == 0.130662
    # -1,000 then +1,100 a year later: 10 %
    assert round(internal_rate([(1, -1000), (2, 0), (3, 1210)]) or 0, 6) == 0.1
    # Losing money: -100 then +50: -50 %
    assert round(internal_rate([(1, -100), (2, 50)]) or 0, 6) == -0.5


def test_no_irr_without_exactly_one_change_from_negative_to_positive() -> None:
    assert internal_rate([(1, 100), (2, 50)]) is None  # no cost: no sign change
    assert internal_rate([(1, 100), (2, -50)]) is None  # from positive to negative
    assert internal_rate([(1, -100), (2, 150), (3, -60)]) is None  # two changes
    assert internal_rate([(1, 0), (2, 0)]) is None


def test_learning_that_costs_nothing_has_no_irr_in_json() -> None:
    profile = Profile.model_validate(
        {
            **PLAN,
            "discount_rate": 0.05,
            "certifications": [{"name": "A", "earned": 2024}, {"name": "B", "earned": 2026}],
        }
    )
    projection = project(profile, RULES)
    present = projection_dict(
        result_of("p.yaml", 1, projection, learning=learning_return(projection, RULES))
    )["summary"]["present_value"]
    assert present["irr"] is None
    assert present["learning_cost"] == 0.0
