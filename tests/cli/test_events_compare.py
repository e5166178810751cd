"""`careercap compare` with career events: a break shows in the years it covers (what is
earned, beside the income, as `project` shows it), and the summary's cumulative earnings
are the sum of what the table shows, to the cent, over whichever years it compares."""

from __future__ import annotations

import json
from typing import Any

from careercap.core.rounding import total_gap
from careercap.render.table import EARNED_NOTE
from tests.conftest import ANA, Invoke, Write

BO = "name: Bo\nincome: 52000\nas_of: 2025\nhorizon: {horizon}\nskills: [excel]\n"
CY = """\
name: Cy
income: 61000
as_of: 2025
horizon: 8
events:
  - {year: 2026, break: 1}
"""


def table(out: str, title: str) -> list[list[str]]:
    """The rows of the Rich table under `title`, heading first, as cell texts."""
    lines = out.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith(title))
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith(("┃", "│")):
            rows.append([cell.strip() for cell in line.strip()[1:-1].split(line[0])])
        elif line.startswith("└"):
            break
    return rows


def amount(cell: str) -> float:
    return float(cell.replace(",", ""))


def projected(cli: Invoke, *paths: str) -> list[dict[str, Any]]:
    result = cli("project", *paths, "-f", "json")
    assert result.exit_code == 0, result.stderr
    projections: list[dict[str, Any]] = json.loads(result.stdout)["projections"]
    return projections


def test_a_break_shows_what_is_earned_in_its_years(cli: Invoke, write: Write) -> None:
    ana, bo = write("ana.yaml", ANA), write("bo.yaml", BO.format(horizon=8))
    result = cli("compare", ana, bo, columns=120)
    assert result.exit_code == 0, result.stderr
    rows = table(result.stdout, "Income by year (USD)")
    assert rows[0] == ["Year", "Ana", "Earned", "State", "Bo", "State", "vs Ana"]
    (projection, _) = projected(cli, ana, bo)
    for row, year in zip(rows[1:], projection["years"], strict=True):
        assert row[1] == f"{year['income']:,.2f}"
        assert row[2] == ("" if year["earned"] == year["income"] else f"{year['earned']:,.2f}")
    assert [row[0] for row in rows[1:] if row[2]] == ["2031*", "2032*"]
    assert rows[7][:3] == ["2031*", "72,634.56", "36,317.28"]
    assert EARNED_NOTE in " ".join(result.stdout.split())
    # The difference stays one of incomes, as `project`'s incomes are.
    assert rows[7][6] == "-29,573.36 (-40.72 %)"


def test_without_a_break_the_table_is_as_it_was(cli: Invoke, write: Write) -> None:
    raised = write("raised.yaml", ANA.replace("  - {year: 2031, break: 2, share: 0.5}\n", ""))
    bo = write("bo.yaml", BO.format(horizon=8))
    out = cli("compare", raised, bo, columns=120).stdout
    assert table(out, "Income by year (USD)")[0] == ["Year", "Ana", "State", "Bo", "State", "vs Ana"]
    assert "Earned" not in out


def summed(rows: list[list[str]], income: int, earned: int | None) -> float:
    """What the table shows each year after the first brings in, summed to the cent: the
    Earned cell where there is one, else the income."""
    shown = [amount(row[earned] if earned is not None and row[earned] else row[income]) for row in rows[2:]]
    return total_gap(shown, [0.0] * len(shown))


def test_cumulative_earnings_are_the_sum_of_what_the_table_shows(cli: Invoke, write: Write) -> None:
    ana, bo, cy = write("ana.yaml", ANA), write("bo.yaml", BO.format(horizon=8)), write("cy.yaml", CY)
    result = cli("compare", ana, bo, cy, columns=160)
    assert result.exit_code == 0, result.stderr
    rows = table(result.stdout, "Income by year (USD)")
    assert rows[0] == [
        "Year",
        "Ana",
        "Earned",
        "State",
        "Bo",
        "State",
        "vs Ana",
        "Cy",
        "Earned",
        "State",
        "vs Ana",
    ]
    summary = table(result.stdout, "Summary")
    cumulative = next(row for row in summary if row[0] == "Cumulative earnings")
    by_table = [summed(rows, 1, 2), summed(rows, 4, None), summed(rows, 7, 8)]
    assert summary[0] == ["", "Ana", "Bo", "vs Ana", "Cy", "vs Ana"]
    assert [f"{figure:,.2f}" for figure in by_table] == [cumulative[1], cumulative[2], cumulative[4]]
    # ... which are each profile's own, as `project` gives them.
    projections = projected(cli, ana, bo, cy)
    assert by_table == [projection["summary"]["cumulative_earnings"] for projection in projections]
    # A break of a year, unpaid: earns 0.00, shown as such, not left blank.
    assert rows[2][8] == "0.00"


def test_over_the_common_years_the_summary_sums_what_the_table_shows_over_them(
    cli: Invoke, write: Write
) -> None:
    """Bo stops in 2032, inside Ana's break: the summary compares 2026-2032, and Ana's
    cumulative earnings there add the break's 2031 and 2032 as earned, not her own 2026-2033."""
    ana, bo = write("ana.yaml", ANA), write("bo.yaml", BO.format(horizon=7))
    out = cli("compare", ana, bo, columns=120).stdout
    rows = table(out, "Income by year (USD)")
    common = [rows[0], *(row for row in rows[1:] if int(row[0].rstrip("*")) <= 2032)]
    summary = table(out, "Summary")
    cumulative = next(row for row in summary if row[0] == "Cumulative earnings")
    assert cumulative[1:3] == [f"{summed(common, 1, 2):,.2f}", f"{summed(common, 4, None):,.2f}"]
    assert cumulative[1] == "418,204.85"
    (own, _) = projected(cli, ana, bo)
    assert amount(cumulative[1]) != own["summary"]["cumulative_earnings"]
    assert "The summary compares 2025-2032" in " ".join(out.split())


def test_a_narrow_terminal_shows_what_is_earned_in_each_year_s_block(cli: Invoke, write: Write) -> None:
    ana, bo = write("ana.yaml", ANA), write("bo.yaml", BO.format(horizon=8))
    lines = cli("compare", ana, bo, columns=50).stdout.splitlines()
    at = lines.index("2031*")
    assert lines[at + 1 : at + 3] == [
        "  Ana       static      72,634.56",
        "    earned              36,317.28",
    ]
    assert not [line for line in lines if len(line) > 50]
    assert EARNED_NOTE.split(";")[0] in " ".join(" ".join(lines).split())


def test_plan_shows_what_a_break_earns_with_the_plan_and_without(cli: Invoke, write: Write) -> None:
    ana = write("ana.yaml", ANA)
    rows = table(cli("plan", ana, columns=100).stdout, "Income by year (USD)")
    assert rows[0] == ["Year", "without the plan", "Earned", "with the plan", "Earned", "vs without the plan"]
    chosen = json.loads(cli("plan", ana, "-f", "json").stdout)
    for row, without, with_plan in zip(
        rows[1:], chosen["baseline"]["years"], chosen["projection"]["years"], strict=True
    ):
        assert row[2] == ("" if without["earned"] == without["income"] else f"{without['earned']:,.2f}")
        assert row[4] == ("" if with_plan["earned"] == with_plan["income"] else f"{with_plan['earned']:,.2f}")


def test_compares_json_years_give_what_each_earns_and_add_up_to_its_summary(
    cli: Invoke, write: Write
) -> None:
    away = write(
        "away.yaml",
        "name: Away\nincome: 50000\nas_of: 2025\nhorizon: 3\nevents:\n  - {year: 2026, break: 2, share: 0.5}\n",
    )
    home = write("home.yaml", "name: Home\nincome: 50000\nas_of: 2025\nhorizon: 3\n")
    result = cli("compare", away, home, "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    years = document["years"]
    assert [row["earned"][0] for row in years[1:3]] == [round(row["incomes"][0] / 2, 2) for row in years[1:3]]
    assert [row["earned"][1] for row in years] == [row["incomes"][1] for row in years]
    for index in (0, 1):
        earned = sum(round(row["earned"][index] * 100) for row in years[1:])
        assert earned == round(document["summary"]["cumulative_earnings"][index] * 100)


def test_a_gap_that_career_events_explain_is_named_so_in_json(cli: Invoke, write: Write) -> None:
    plain = write("plain.yaml", "name: Plain\nincome: 50000\nas_of: 2025\nhorizon: 3\n")
    raised = write(
        "raised.yaml",
        "name: Raised\nincome: 50000\nas_of: 2025\nhorizon: 3\nevents:\n  - {year: 2026, raise: 0.5}\n",
    )
    result = cli("compare", plain, raised, "-f", "json")  # checked against its schema, as every run here
    assert result.exit_code == 0, result.output
    explanation = json.loads(result.stdout)["explanations"][1]
    assert (explanation["factor"], explanation["value"]) == ("events", 1.5)
