"""Career events (`events:`): each kind against a worked example computed here by hand,
from the model's formulas, to the cent; and every way a profile can give them wrongly."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from tests.conftest import Invoke

G = 0.02
STATIC = min(G, 0.91 ** (1 / 3) - 1)  # three static years compound to a 9 % fall
UP = G + 0.22 * abs(G)


def projection(cli: Invoke, *args: str) -> dict[str, Any]:
    result = cli("project", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["errors"] == []
    [one] = document["projections"]
    return one


def incomes(one: dict[str, Any]) -> list[float]:
    return [row["income"] for row in one["years"]]


def cents(value: float) -> int:
    return round(value * 100)


def test_a_switch_to_freelancing_takes_the_portfolio_step_when_a_later_skill_completes_it(
    cli: Invoke, write: Any
) -> None:
    # Two skills at the switch in 2026; the third, acquired in 2028, completes the portfolio
    # in a freelancer year that is not the switch's: the step (x1.7) comes in 2028.
    profile = """\
name: Switcher
income: 60000
as_of: 2025
horizon: 4
baseline_growth: 0.02
skills: [prompt engineering, {name: AI ethics, acquired: 2024}, {name: vector search, acquired: 2028}]
events:
  - year: 2026
    employment: freelancer
"""
    one = projection(cli, write("switch.yaml", profile))
    # 2026: AI ethics (2024) in the window, maintaining; 2027: nothing in 2025-2027, static;
    # 2028 and 2029: vector search in the window, maintaining.
    i26 = 60000 * (1 + G)
    i27 = i26 * (1 + STATIC)
    i28 = i27 * (1 + G) * 1.7
    i29 = i28 * (1 + G)
    assert incomes(one) == [60000.0, round(i26, 2), round(i27, 2), round(i28, 2), round(i29, 2)]
    assert [row["state"] for row in one["years"]] == [
        "maintaining",
        "maintaining",
        "static",
        "maintaining",
        "maintaining",
    ]
    assert one["years"][3]["rules"] == ["freelancer_portfolio"]
    assert one["years"][1]["events"] == [
        {"kind": "employment", "name": "switch to freelancer", "planned": True, "employment": "freelancer"}
    ]
    factors = one["summary"]["factors"]
    assert (factors["freelancer_portfolio"], factors["events"]) == (1.7, 1.0)
    # The same switch in 2028, the year the third skill comes: held at the switch, it is in
    # the income already, and there is no step.
    later = projection(cli, write("later.yaml", profile.replace("year: 2026", "year: 2028")))
    assert [row["rules"] for row in later["years"]][3] == []
    assert later["years"][3]["income"] == round(i27 * (1 + G), 2)


def test_a_stated_income_replaces_the_year_and_re_anchors_the_static_peer(cli: Invoke, write: Any) -> None:
    profile = """\
name: Mover
income: 100000
as_of: 2025
horizon: 3
baseline_growth: 0.02
certifications: [{name: A, earned: 2025}, {name: B, earned: 2025}]
events:
  - year: 2027
    income: 85000
"""
    one = projection(cli, write("mover.yaml", profile))
    i26 = 100000 * (1 + UP)  # two certifications in 2024-2026
    computed27 = i26 * (1 + UP)  # and in 2025-2027: what the new job's income replaces
    i28 = 85000 * (1 + STATIC)  # nothing in 2026-2028
    assert incomes(one) == [100000.0, round(i26, 2), 85000.0, round(i28, 2)]
    peer = [round(100000 * (1 + STATIC), 2), 85000.0, round(85000 * (1 + STATIC), 2)]
    summary = one["summary"]
    assert cents(summary["static_peer_cumulative"]) == sum(cents(amount) for amount in peer)
    # From the new job on, the profile and its peer earn the same: career capital is 2026's gap.
    assert cents(summary["career_capital"]) == cents(round(i26, 2)) - cents(peer[0])
    assert summary["factors"]["events"] == pytest.approx(85000 / computed27, rel=1e-12)
    product = 100000
    for value in summary["factors"].values():
        product *= value
    assert round(product, 2) == summary["final_income"]
    assert one["years"][2]["events"] == [
        {"kind": "income", "name": "new income 85,000.00", "planned": True, "income": 85000.0}
    ]


def test_a_raise_multiplies_its_year_for_the_profile_and_its_peer(cli: Invoke, write: Any) -> None:
    profile = """\
name: Raised
income: 50000
as_of: 2025
horizon: 2
baseline_growth: 0.02
skills: [{name: SQL, acquired: 2026}]
events:
  - year: 2026
    raise: 0.12
"""
    one = projection(cli, write("raised.yaml", profile))
    i26 = 50000 * (1 + G) * 1.12  # SQL in the window: maintaining, then the raise
    i27 = i26 * (1 + G)
    assert incomes(one) == [50000.0, round(i26, 2), round(i27, 2)]
    assert one["years"][1]["growth"] == round(i26 / 50000 - 1, 6)
    peer = [round(50000 * (1 + STATIC) * 1.12, 2), round(50000 * (1 + STATIC) * 1.12 * (1 + STATIC), 2)]
    assert cents(one["summary"]["static_peer_cumulative"]) == sum(cents(amount) for amount in peer)
    assert one["summary"]["factors"]["events"] == pytest.approx(1.12)
    assert one["years"][1]["events"][-1]["name"] == "raise +12 %"


def test_a_half_time_break_earns_half_and_learning_resumes_after_it(cli: Invoke, write: Any) -> None:
    profile = """\
name: Parent
income: 80000
as_of: 2025
horizon: 4
baseline_growth: 0.02
certifications:
  - {name: A, earned: 2024}
  - {name: B, earned: 2025}
  - {name: C, earned: 2028, cost: 300}
  - {name: D, earned: 2028, cost: 200}
events:
  - year: 2026
    break: 2
    share: 0.5
"""
    one = projection(cli, write("parent.yaml", profile))
    # 2026: A and B in 2024-2026, upskilling; 2027: B, maintaining (the states do not pause);
    # 2028 and 2029: C and D, upskilling.
    i26 = 80000 * (1 + UP)
    i27 = i26 * (1 + G)
    i28 = i27 * (1 + UP)
    i29 = i28 * (1 + UP)
    shown = [round(i26, 2), round(i27, 2), round(i28, 2), round(i29, 2)]
    earned = [round(0.5 * shown[0], 2), round(0.5 * shown[1], 2), shown[2], shown[3]]
    assert incomes(one)[1:] == shown
    assert [row["earned"] for row in one["years"]] == [80000.0, *earned]
    summary = one["summary"]
    assert cents(summary["cumulative_earnings"]) == sum(cents(amount) for amount in earned)
    # The peer takes the same break; it grows at the static rate all along.
    peer_income = [80000 * (1 + STATIC) ** k for k in range(1, 5)]
    peer = [round(0.5 * round(peer_income[0], 2), 2), round(0.5 * round(peer_income[1], 2), 2)]
    peer += [round(peer_income[2], 2), round(peer_income[3], 2)]
    assert cents(summary["static_peer_cumulative"]) == sum(cents(amount) for amount in peer)
    assert cents(summary["career_capital"]) == cents(summary["cumulative_earnings"]) - sum(map(cents, peer))
    # Without C and D (the planned learning), the same break; 2028 and 2029 are static.
    w28 = i27 * (1 + STATIC)
    w29 = w28 * (1 + STATIC)
    gain = cents(shown[2] - round(w28, 2)) + cents(shown[3] - round(w29, 2))
    assert cents(summary["learning_gain"]) == gain
    assert summary["learning_cost"] == 500.0
    assert one["years"][1]["events"] == [
        {"kind": "break", "name": "break of 2 years at 50 % pay", "planned": True, "break": 2, "share": 0.5}
    ]
    assert summary["factors"]["events"] == 1.0  # a break changes what is earned, not the income


BOTH = """\
name: Both
income: 40000
as_of: 2025
horizon: 3
events:
  - {{year: 2026, employment: freelancer, income: 45000}}
  - {{year: 2027, break: 1, share: {share}}}
"""


def test_the_csv_names_each_event_in_its_year_with_the_years_employment_and_what_it_earned(
    cli: Invoke, write: Any
) -> None:
    result = cli("project", write("both.yaml", BOTH.format(share=0)), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(row["year"], row["employment"], row["events"], row["earned"]) for row in rows] == [
        ("2025", "employee", "", "40000.00"),
        ("2026", "freelancer", "switch to freelancer at 45,000.00", "45000.00"),
        ("2027", "freelancer", "break of 1 year, unpaid", "0.00"),  # share 0: unpaid
        ("2028", "freelancer", "", rows[3]["income"]),
    ]


def test_the_table_shows_events_in_their_year_and_what_a_break_earns(cli: Invoke, write: Any) -> None:
    result = cli("project", write("both.yaml", BOTH.format(share=0.25)), columns=120)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "employee, freelancer from 2026, 2025-2028" in lines[0]
    assert "Earned" in lines[2]
    assert "Events" in lines[2]
    [break_year] = [line for line in lines if line.startswith("│ 2027 ")]
    income = break_year.split("│")[2].strip()
    assert f"{round(0.25 * float(income.replace(',', '')), 2):,.2f}" in break_year
    assert "break of 1 year at 25 % pay" in break_year
    assert "career events" in result.stdout


@pytest.mark.parametrize(
    ("events", "where", "message"),
    [
        (
            "  - {year: 2025, raise: 0.1}\n",
            "12:12",
            "events[1].year: is 2025, not after as_of (2025): the profile's own fields describe as_of "
            "(change income or employment there instead)",
        ),
        (
            "  - {year: 2027, break: 2}\n  - {year: 2028, break: 1}\n",
            "13:25",
            "events[2].break: overlaps the break of events[1] (2027 to 2028): breaks may not overlap, "
            "so make one break longer",
        ),
        (
            "  - {year: 2027, income: 50000}\n  - {year: 2027, raise: 0.1}\n",
            "13:5",
            "events[2]: is a second change of pay in 2027 (after events[1]): a year holds one stated "
            "income or one raise",
        ),
        (
            "  - {year: 2027, employment: freelancer, income: 50000}\n  - {year: 2027, income: 1}\n",
            "13:5",
            "events[2]: is a second change of pay in 2027 (after events[1]): a year holds one stated "
            "income or one raise",
        ),
        (
            "  - {year: 2027, rase: 0.1}\n",
            "12:18",
            "events[1]: unknown key 'rase' (did you mean 'raise'?)",
        ),
        ("  - {year: 2027, raise: -0.95}\n", "12:25", "events[1].raise: must be at least -0.9"),
        ("  - {year: 2027, break: 11}\n", "12:25", "events[1].break: must be at most 10"),
        (
            "  - {year: 2027, raise: 0.1, break: 1}\n",
            "12:5",
            "events[1]: gives 'raise' and 'break': one event is one change, so list them as separate events",
        ),
        (
            "  - {year: 2027, share: 0.5}\n",
            "12:5",
            "events[1]: gives 'share' without 'break': share is what is earned during a break",
        ),
        (
            "  - {year: 2027}\n",
            "12:5",
            "events[1]: says nothing changes: give one of employment, income, raise or break",
        ),
    ],
    ids=["at-as-of", "overlapping-breaks", "income-and-raise", "two-incomes", "unknown-key", "raise-too-low",
         "break-too-long", "two-kinds", "share-alone", "no-kind"],
)  # fmt: skip
def test_events_given_wrongly_are_located_errors_with_a_hint(
    cli: Invoke, write: Any, events: str, where: str, message: str
) -> None:
    profile = "name: A\nincome: 40000\nas_of: 2025\nhorizon: 5\n" + "# a line\n" * 6 + "events:\n" + events
    result = cli("validate", write("bad.yaml", profile))
    assert result.exit_code == 1
    assert result.stderr == f"bad.yaml:{where}: error: {message}\n"


def test_an_event_after_the_horizon_is_a_located_warning_and_changes_nothing(cli: Invoke, write: Any) -> None:
    base = "name: A\nincome: 40000\nas_of: 2025\nhorizon: 2\n"
    with_event = write("late.yaml", base + "events:\n  - {year: 2030, raise: 0.5}\n")
    result = cli("project", with_event, "--format", "json")
    assert result.exit_code == 0
    assert (
        "late.yaml:6:12: warning: event in 2030 is after the last projected year (2027); it has no effect\n"
        in (result.stderr)
    )
    without = projection(cli, write("plain.yaml", base))
    assert incomes(json.loads(result.stdout)["projections"][0]) == incomes(without)


def test_explain_names_an_income_the_rules_alone_would_take_below_a_cent(cli: Invoke, write: Any) -> None:
    # 0.01 halves to 0.005 in 2026 and 0.0025 in 2027, where careercap projects no further:
    # what the stated income replaced is said, and the run goes on (it ended in exit 70).
    profile = "name: Tiny\nincome: 0.01\nas_of: 2025\nhorizon: 3\nbaseline_growth: -0.5\n"
    path = write("tiny.yaml", profile + "events: [{year: 2027, income: 50000}, {year: 2028, raise: 10}]\n")
    result = cli("explain", path, columns=200)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[5].startswith(
        "2027  static       no learning event in 2025-2027, then the new income 50,000.00: "
    )
    assert lines[6] == "2028  static       no learning event in 2026-2028, then the raise +1000 %: +450.00 %"
    start = lines.index("Career events (given, not chosen):")
    assert lines[start + 1 : start + 3] == [
        "- 2027, new income 50,000.00: the income is the stated 50,000.00 instead of less than a cent, as the "
        "rules give",
        "- 2028, raise +1000 %: the income ×11: 275,000.00 instead of 25,000.00",
    ]


def test_explain_says_what_each_event_did_to_the_income_and_why_career_capital_leaves_it_out(
    cli: Invoke, write: Any
) -> None:
    profile = """\
name: Story
income: 50000
as_of: 2025
horizon: 4
baseline_growth: 0.02
skills: [sql, python]
events:
  - {year: 2026, employment: freelancer}
  - {year: 2027, raise: 0.1}
  - {year: 2028, income: 61000}
  - {year: 2029, break: 1, share: 0.5}
"""
    result = cli("explain", write("story.yaml", profile), columns=200)
    assert result.exit_code == 0
    one = projection(cli, "story.yaml")
    rows = {row["year"]: row for row in one["years"]}
    i26 = 50000 * (1 + STATIC)  # no learning event: static all along
    i27 = round(i26 * (1 + STATIC), 2)  # before the raise
    i28 = round(i26 * (1 + STATIC) * 1.1 * (1 + STATIC), 2)  # before the new income
    lines = result.stdout.splitlines()
    start = lines.index("Career events (given, not chosen):")
    assert lines[start + 1 : start + 6] == [
        "- 2026, switch to freelancer: 2 distinct skills held at the switch < 3: the portfolio step ×1.7 comes "
        "in the first later year the skills reach 3",
        f"- 2027, raise +10 %: the income ×1.1: {rows[2027]['income']:,.2f} instead of {i27:,.2f}",
        f"- 2028, new income 61,000.00: the income is the stated 61,000.00 instead of the {i28:,.2f} the rules give",
        f"- 2029, break of 1 year at 50 % pay: earned is 50 % of the income ({rows[2029]['earned']:,.2f} in 2029); "
        "the income, the rate of pay, goes on, and so do the states: a year without learning in its window is static",
        "Career capital and the learning figures leave the events out by design: the static peer and the profile "
        "without its planned learning live the same events, so both measure learning alone.",
    ]
    assert lines[0].startswith("Story (story.yaml): employee, freelancer from 2026, 2025-2029")


def test_the_manuals_worked_example_quotes_the_figures_careercap_gives(cli: Invoke) -> None:
    from tests.conftest import ROOT  # noqa: PLC0415

    one = projection(cli, str(ROOT / "profiles" / "career-switch.yaml"))
    summary = one["summary"]
    manual = " ".join((ROOT / "docs" / "model.md").read_text(encoding="utf-8").split())
    for field in (
        "cumulative_earnings",
        "static_peer_cumulative",
        "career_capital",
        "learning_gain",
        "learning_cost",
    ):
        assert f"`{field}` {summary[field]:,.2f}" in manual, field
    for row in one["years"][1:]:
        assert f"{row['income']:,.2f}" in manual
        assert f"{row['earned']:,.2f}" in manual
    assert f"{one['summary']['factors']['events']:.6f}" in manual
    assert f"pays back in {summary['payback_year']}" in manual


def test_plan_names_the_career_events_it_works_around(cli: Invoke, write: Any) -> None:
    profile = write(
        "p.yaml",
        "name: P\nincome: 50000\nas_of: 2025\nhorizon: 3\nevents:\n"
        "  - {year: 2026, employment: freelancer}\n  - {year: 2027, break: 1, share: 0.5}\n"
        "  - {year: 2040, raise: 0.2}\n",
    )
    lines = cli("plan", profile, columns=200).stdout.splitlines()
    assert lines[:2] == [
        "P (p.yaml): a plan to keep every year out of static",
        "Career events, as given (a plan never chooses them): switch to freelancer in 2026, "
        "break of 1 year at 50 % pay in 2027.",
    ]
