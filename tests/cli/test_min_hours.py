"""`upskilling.min_hours`: a certification whose stated hours are below it does not count
toward upskilling; it is still a learning event, listed and costed."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import Invoke, Write

PROFILE = """\
name: Short courses
income: 50000
as_of: 2025
horizon: 2
baseline_growth: 0.02
hourly_value: 10
certifications:
  - {name: Six-hour badge, earned: 2026, hours: 6, cost: 0}
  - {name: Sixty-hour course, earned: 2026, hours: 60, cost: 100}
"""


def years(cli: Invoke, *args: str) -> tuple[list[tuple[int, str, list[str]]], float]:
    """Each projected year's state and events, and what the planned learning costs."""
    result = cli("project", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    projection: dict[str, Any] = json.loads(result.stdout)["projections"][0]
    rows = [
        (row["year"], row["state"], [event["name"] for event in row["events"]]) for row in projection["years"]
    ]
    return rows[1:], projection["summary"]["learning_cost"]


def test_a_certification_below_min_hours_is_a_learning_event_but_no_certification_for_upskilling(
    cli: Invoke, write: Write
) -> None:
    profile = write("short.yaml", PROFILE)
    counted = [(2026, "upskilling", ["Six-hour badge", "Sixty-hour course"]), (2027, "upskilling", [])]
    assert years(cli, profile) == (counted, 6 * 10 + 100 + 60 * 10)
    rules = write("rules.yaml", "upskilling:\n  min_hours: 10\n")
    short = [(2026, "maintaining", ["Six-hour badge", "Sixty-hour course"]), (2027, "maintaining", [])]
    assert years(cli, profile, "--rules", rules) == (short, 6 * 10 + 100 + 60 * 10)  # listed, costed
    # Hours not given: it counts, whatever min_hours says.
    unstated = write("unstated.yaml", PROFILE.replace("hours: 6, ", ""))
    assert years(cli, unstated, "--rules", rules)[0][0][1] == "upskilling"


def test_min_hours_below_zero_is_a_located_error(cli: Invoke, write: Write) -> None:
    rules = write("rules.yaml", "upskilling:\n  min_hours: -1\n")
    result = cli("project", write("p.yaml", PROFILE), "--rules", rules)
    assert result.exit_code == 1
    assert result.stderr.startswith("rules.yaml:2:14: error: upskilling.min_hours: must be at least 0")
