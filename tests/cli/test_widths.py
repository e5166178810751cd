"""Every view, at every width from 40 to 200 columns: no line longer than the terminal,
no figure cut by an ellipsis, and every money figure and percentage of the matching JSON
whole on one line of the text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from rich.cells import cell_len

from tests.conftest import PROFILES, Invoke, Write

WIDTHS = [40, 60, 80, 100, 120, 200]

CLERK, PLANNED = str(PROFILES / "finance-clerk.yaml"), str(PROFILES / "finance-clerk-with-plan.yaml")
FREELANCER, ENGINEER = str(PROFILES / "freelancer.yaml"), str(PROFILES / "data-engineer.yaml")
PROMPTS = str(PROFILES / "prompt-engineer.yaml")


def money(value: float) -> str:
    return f"{value:,.2f}"


def percent(value: float) -> str:
    return f"{value * 100:+.2f} %"


def difference(value: float) -> str:
    return f"{value:+,.2f}"


def projection_figures(projection: dict[str, Any]) -> Iterator[str]:
    """The figures of one projection that a table of it shows."""
    for year in projection["years"]:
        yield money(year["income"])
        if year["growth"] is not None:
            yield percent(year["growth"])
        if "real_income" in year:
            yield money(year["real_income"])
        if "band" in year:
            low, high = year["band"]
            yield f"{low:,.0f} - {high:,.0f}"
    summary = projection["summary"]
    for field in ("start_income", "final_income", "cumulative_earnings", "static_peer_cumulative"):
        yield money(summary[field])
    yield money(summary["career_capital"])
    yield percent(summary["cagr"])
    for field in ("real_final_income", "real_cumulative_earnings", "real_career_capital"):
        if field in summary:
            yield money(summary[field])
    for factor in summary["factors"].values():
        yield f"×{factor:.4f}"


def compare_figures(document: dict[str, Any]) -> Iterator[str]:
    for year in document["years"]:
        yield from (money(income) for income in year["incomes"] if income is not None)
        yield from (difference(value) for value in year["differences"][1:] if value is not None)
    summary = document["summary"]
    for field in ("final_income", "cumulative_earnings", "career_capital"):
        yield from (money(value) for value in summary[field])
        yield from (difference(value) for value in summary["differences"][field][1:])
    yield from (percent(value) for value in summary["cagr"])
    for profile in document["profiles"]:
        yield from (f"×{factor:.4f}" for factor in profile["summary"]["factors"].values())


def summary_figures(document: dict[str, Any]) -> Iterator[str]:
    for projection in document["projections"]:
        summary = projection["summary"]
        yield from (
            money(summary["final_income"]),
            money(summary["career_capital"]),
            percent(summary["cagr"]),
        )


def plan_figures(document: dict[str, Any]) -> Iterator[str]:
    baseline, planned = document["baseline"], document["projection"]
    for before, after in zip(baseline["years"], planned["years"], strict=True):
        yield from (money(before["income"]), money(after["income"]))
        yield difference(round(after["income"] - before["income"], 2))
    yield from (money(baseline["summary"]["final_income"]), money(planned["summary"]["final_income"]))


# Each view: the command, the JSON command whose figures it must show, and how to find them.
VIEWS: dict[str, tuple[list[str], list[str] | None, Any]] = {
    "project": ([FREELANCER], [FREELANCER, "-f", "json"], lambda d: projection_figures(d["projections"][0])),
    "summary": (
        [str(PROFILES), "--summary"],
        [str(PROFILES), "-f", "json"],
        summary_figures,
    ),
    "compare-two": ([CLERK, PLANNED], [CLERK, PLANNED, "-f", "json"], compare_figures),
    "compare-three": (
        [FREELANCER, ENGINEER, PROMPTS],
        [FREELANCER, ENGINEER, PROMPTS, "-f", "json"],
        compare_figures,
    ),
    "plan": ([CLERK, "--target", "50000"], [CLERK, "--target", "50000", "-f", "json"], plan_figures),
    "explain": ([FREELANCER, ENGINEER], None, None),
    "sensitivity": (
        [FREELANCER, "--sensitivity"],
        [FREELANCER, "--sensitivity", "-f", "json"],
        lambda d: projection_figures(d["projections"][0]),
    ),
    "inflation": (
        [ENGINEER, "--inflation", "0.025"],
        [ENGINEER, "--inflation", "0.025", "-f", "json"],
        lambda d: projection_figures(d["projections"][0]),
    ),
    "rules": ([], None, None),
}
COMMANDS = {
    "project": "project",
    "summary": "project",
    "compare-two": "compare",
    "compare-three": "compare",
    "plan": "plan",
    "explain": "explain",
    "sensitivity": "project",
    "inflation": "project",
    "rules": "rules",
}


def whole(figure: str, lines: list[str]) -> bool:
    """`figure` on one line, not as part of a longer number."""
    pattern = re.compile(r"(?<![\d,.+-])" + re.escape(figure) + r"(?![\d,])")
    return any(pattern.search(line) for line in lines)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_every_figure_shows_whole_at_every_width(cli: Invoke, view: str, width: int) -> None:
    args, json_args, figures = VIEWS[view]
    command = COMMANDS[view]
    result = cli(command, *args, columns=width)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    too_long = [line for line in lines if len(line.rstrip()) > width]
    assert too_long == []
    assert "…" not in result.stdout
    if json_args is None:
        return
    document = json.loads(cli(command, *json_args).stdout)
    missing = sorted({figure for figure in figures(document) if not whole(figure, lines)})
    assert missing == []


WIDE = """\
name: 山田太郎
income: 50000
as_of: 2025
certifications:
  - name: 情報処理安全確保支援士試験合格者
    earned: 2026
  - name: 応用情報技術者試験合格者の認定証明書
    earned: 2026
"""


@pytest.mark.parametrize("width", [40, 60, 80])
@pytest.mark.parametrize("command", ["explain", "plan", "project", "compare"])
def test_wide_characters_are_counted_in_cells(cli: Invoke, write: Write, command: str, width: int) -> None:
    path = write("wide.yaml", WIDE)
    args = [path, path] if command == "compare" else [path]
    result = cli(command, *args, columns=width)
    assert result.exit_code == 0, result.output
    too_wide = [line for line in result.stdout.splitlines() if cell_len(line.rstrip()) > width]
    assert too_wide == []
