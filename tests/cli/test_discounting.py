"""Time value on the command line: --discount-rate, present values, NPV and IRR."""

from __future__ import annotations

import csv
import io
import json

from tests.conftest import PROFILES, Invoke, Write

PLANNED = str(PROFILES / "finance-clerk-with-plan.yaml")


def test_the_option_wins_over_the_profiles_discount_rate(cli: Invoke, write: Write) -> None:
    path = write("p.yaml", "name: P\nincome: 1000\nas_of: 2025\nhorizon: 2\ndiscount_rate: 0.5\n")
    own = json.loads(cli("project", path, "-f", "json").stdout)["projections"][0]
    given = json.loads(cli("project", path, "-f", "json", "--discount-rate", "0.1").stdout)["projections"][0]
    assert own["summary"]["present_value"]["discount_rate"] == 0.5
    assert given["discount_rate"] == given["summary"]["present_value"]["discount_rate"] == 0.1
    # 1,000 less 3.09 % a year (static): 969.05 and 939.06; in 2025: 880.95 and 776.08
    assert given["summary"]["present_value"]["cumulative_earnings"] == 1657.03


def test_without_a_rate_there_are_no_present_values(cli: Invoke) -> None:
    projection = json.loads(cli("project", PLANNED, "-f", "json").stdout)["projections"][0]
    assert "present_value" not in projection["summary"]
    assert "discount_rate" not in projection


def test_the_worked_example_at_five_percent_in_json_table_and_csv(cli: Invoke) -> None:
    summary = json.loads(cli("project", PLANNED, "-f", "json", "--discount-rate", "0.05").stdout)[
        "projections"
    ][0]["summary"]
    assert summary["present_value"] == {
        "discount_rate": 0.05,
        "cumulative_earnings": 226252.12,
        "static_peer_cumulative": 189878.66,
        "career_capital": 36373.46,
        "learning_cost": 5917.67,
        "learning_gain": 36373.48,
        "npv": 30455.81,
        "irr": 7.447862,
    }
    table = cli("project", PLANNED, "--discount-rate", "0.05", columns=160).stdout
    assert "Present value in 2025, at +5.00 % a year" in table
    assert "Net present value               30,455.81 EUR" in table
    rows = list(
        csv.DictReader(
            io.StringIO(cli("project", PLANNED, "-f", "csv", "--summary", "--discount-rate", "0.05").stdout)
        )
    )
    assert (rows[0]["npv"], rows[0]["irr"], rows[0]["pv_learning_cost"]) == (
        "30455.81",
        "7.447862",
        "5917.67",
    )


def test_compare_sets_present_values_side_by_side(cli: Invoke) -> None:
    clerk = str(PROFILES / "finance-clerk.yaml")
    summary = json.loads(cli("compare", clerk, PLANNED, "-f", "json", "--discount-rate", "0.05").stdout)[
        "summary"
    ]
    assert summary["npv"] == [0.0, 30455.81]
    assert summary["differences"]["pv_career_capital"] == [0.0, 36373.46]
    table = cli("compare", clerk, PLANNED, "--discount-rate", "0.05", columns=160).stdout
    assert "net present value" in table


def test_explain_says_the_same_gain_is_worth_less_later(cli: Invoke) -> None:
    said = cli("explain", PLANNED, "--discount-rate", "0.05", columns=200).stdout
    assert (
        "Python for finance (skill, 2028): adds 8,798.89 EUR over 2026-2030 (worth 7,009.29 in 2025)" in said
    )
    assert "the same gain is worth less, the later it comes" in said
    assert "a net present value of 30,455.81 EUR (undiscounted, 36,909.57)" in said


def test_a_discount_rate_out_of_range_is_a_usage_error(cli: Invoke) -> None:
    assert cli("project", PLANNED, "--discount-rate", "1.5").exit_code == 2


def test_a_rate_of_minus_zero_is_zero(cli: Invoke) -> None:
    output = cli("project", PLANNED, "--discount-rate", "-0", "-f", "json").stdout
    assert '"discount_rate": 0.0' in output
    assert "-0.0" not in output


def test_plan_says_what_its_learning_is_worth_in_as_of_money(cli: Invoke) -> None:
    args = (
        "plan",
        str(PROFILES / "finance-clerk.yaml"),
        "--catalogue",
        str(PROFILES / "catalogues" / "finance.yaml"),
    )
    args += ("--maximise", "net-gain", "--discount-rate", "0.05")
    document = json.loads(cli(*args, "-f", "json").stdout)
    summary = document["projection"]["summary"]
    present = summary["present_value"]
    text = cli(*args, columns=200).stdout
    assert (
        f"In 2025 money at +5.00 % a year: it costs {present['learning_cost']:,.2f} EUR and adds "
        f"{present['learning_gain']:,.2f} EUR, a net present value of {present['npv']:,.2f} EUR; "
    ) in text
    irr = present["irr"]
    said = (
        "no internal rate of return (its yearly flows do not turn once from cost to gain)."
        if irr is None
        else f"an internal rate of return of {irr * 100:+.2f} %."
    )
    assert said in text
    assert "In 2025 money" not in cli(*args[:-2], columns=200).stdout  # no rate, no present values
