"""Side-by-side comparison of projections: pure, like the engine.

Differences are taken against the first projection, between the figures as shown
(rounded to cents), so that every difference a user sees adds up with a calculator.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from careercap.engine import Factors, Projection

SUMMARY_FIELDS = ("final_income", "cagr", "cumulative_earnings", "career_capital")


def cents(amount: float) -> float:
    return round(amount, 2) + 0.0


class YearColumn(NamedTuple):
    """One calendar year across the profiles; None where a profile does not cover it."""

    year: int
    incomes: tuple[float | None, ...]
    differences: tuple[float | None, ...]


class Gap(NamedTuple):
    """What explains most of the gap between a profile's final income and the first's."""

    ratio: float  # final income / the first's final income
    factor: str  # "start_income" or one of the factor names
    value: float  # this profile's factor (or start income)
    first_value: float


class Comparison(NamedTuple):
    projections: tuple[Projection, ...]
    years: tuple[YearColumn, ...]
    summary: dict[str, tuple[float, ...]]
    differences: dict[str, tuple[float, ...]]
    gaps: tuple[Gap | None, ...]  # None for the first profile


def _difference(value: float | None, first: float | None) -> float | None:
    if value is None or first is None:
        return None
    return cents(cents(value) - cents(first))


def _summary_value(projection: Projection, field: str) -> float:
    value: float = getattr(projection.summary, field)
    return value


def _gap(projection: Projection, first: Projection) -> Gap:
    """The factor (or start income) whose ratio to the first's moves the final most."""
    candidates = [("start_income", projection.summary.start_income, first.summary.start_income)]
    candidates += [
        (name, getattr(projection.summary.factors, name), getattr(first.summary.factors, name))
        for name in Factors._fields
    ]
    factor, value, first_value = max(candidates, key=lambda item: abs(math.log(item[1] / item[2])))
    ratio = projection.summary.final_income / first.summary.final_income
    return Gap(ratio, factor, value, first_value)


def compare(projections: list[Projection]) -> Comparison:
    """Compare projections (two or more) year by year and in summary, against the first."""
    if len(projections) < 2:
        raise ValueError("a comparison needs at least two projections")
    by_year = [{row.year: row.income for row in projection.years} for projection in projections]
    calendar = sorted(set().union(*by_year))
    years = []
    for year in calendar:
        incomes = tuple(rows.get(year) for rows in by_year)
        years.append(YearColumn(year, incomes, tuple(_difference(income, incomes[0]) for income in incomes)))
    summary = {field: tuple(_summary_value(p, field) for p in projections) for field in SUMMARY_FIELDS}
    differences = {}
    for field, values in summary.items():
        if field == "cagr":
            differences[field] = tuple(
                round(round(value, 6) - round(values[0], 6), 6) + 0.0 for value in values
            )
        else:
            differences[field] = tuple(cents(cents(value) - cents(values[0])) for value in values)
    first = projections[0]
    gaps = (None, *(_gap(projection, first) for projection in projections[1:]))
    return Comparison(tuple(projections), tuple(years), summary, differences, gaps)
