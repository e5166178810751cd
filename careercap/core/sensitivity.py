"""How much a projection moves when the rules' numbers move: pure, built on the engine.

Each parameter is set to the low and the high end of its plausible range (the rules
file's `sensitivity` section), one at a time for the tornado and all together for the
band: the lowest and highest income of each year over the central projection and every
combination of ends.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

from careercap.core.engine import Projection, project
from careercap.core.profile import Profile
from careercap.core.rules import RULES, Rules

PARAMETERS = (*(rule.parameter for rule in RULES), "window_years", "baseline_growth")
"""The parameters varied: each rule's, then the window and the profile's baseline growth."""
_SECTION_OF = {rule.parameter: rule.section for rule in RULES}
BASELINE_LIMIT = 0.5  # the profile's own bounds on baseline_growth


class End(NamedTuple):
    """One end of a parameter's range, and where it takes the projection."""

    value: float
    final_income: float
    career_capital: float


class Swing(NamedTuple):
    """A row of the tornado: one parameter at its low and its high end, the rest central."""

    parameter: str
    low: End
    high: End


class Sensitivity(NamedTuple):
    central: Projection
    tornado: tuple[Swing, ...]  # largest swing in final income first
    band: tuple[tuple[float, float], ...]  # lowest and highest income, one pair a year
    final_income: tuple[float, float]
    career_capital: tuple[float, float]


def _ends(profile: Profile, rules: Rules) -> dict[str, tuple[float, float]]:
    ranges = rules.sensitivity
    g, spread = profile.baseline_growth, ranges.baseline_growth
    ends: dict[str, tuple[float, float]] = {rule.parameter: getattr(ranges, rule.parameter) for rule in RULES}
    ends["window_years"] = ranges.window_years
    ends["baseline_growth"] = (max(-BASELINE_LIMIT, g - spread), min(BASELINE_LIMIT, g + spread))
    return ends


def _put(profile: Profile, rules: Rules, parameter: str, value: float) -> tuple[Profile, Rules]:
    """Profile and rules with one parameter at a value: a rule's, the window, or (baseline
    growth) the profile's."""
    if parameter == "baseline_growth":
        return profile.model_copy(update={"baseline_growth": value}), rules
    if parameter == "window_years":
        return profile, rules.model_copy(update={"window_years": int(value)})
    section = _SECTION_OF[parameter]
    part = getattr(rules, section).model_copy(update={parameter: value})
    return profile, rules.model_copy(update={section: part})


def _with(profile: Profile, rules: Rules, values: dict[str, float]) -> Projection:
    for parameter, value in values.items():
        profile, rules = _put(profile, rules, parameter, value)
    return project(profile, rules)


def sensitivity(profile: Profile, rules: Rules) -> Sensitivity:
    """The tornado and the band of a profile under the rules' sensitivity ranges."""
    central = project(profile, rules)
    ends = _ends(profile, rules)
    swings = []
    for parameter in PARAMETERS:
        low, high = (
            _with(profile, rules, {parameter: value}) for value in ends[parameter]
        )  # one at a time, the rest central
        swings.append(
            Swing(
                parameter,
                End(ends[parameter][0], low.summary.final_income, low.summary.career_capital),
                End(ends[parameter][1], high.summary.final_income, high.summary.career_capital),
            )
        )
    swings.sort(key=lambda swing: -abs(swing.high.final_income - swing.low.final_income))
    combinations = [central] + [
        _with(profile, rules, dict(zip(PARAMETERS, values, strict=True)))
        for values in itertools.product(*(ends[parameter] for parameter in PARAMETERS))
    ]
    band = tuple(
        (min(incomes), max(incomes))
        for incomes in zip(*([row.income for row in p.years] for p in combinations), strict=True)
    )
    finals = [p.summary.final_income for p in combinations]
    capitals = [p.summary.career_capital for p in combinations]
    return Sensitivity(
        central, tuple(swings), band, (min(finals), max(finals)), (min(capitals), max(capitals))
    )
