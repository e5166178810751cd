"""Side-by-side comparison of projections: pure, like the engine.

Differences are taken against the first projection, between the figures as shown
(rounded to cents), so that every difference a user sees adds up with a calculator.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from careercap.core.engine import Factors, Projection
from careercap.core.result import Result, result_of
from careercap.core.rounding import cents, six
from careercap.errors import CareercapError, Diagnostic, Location

SUMMARY_FIELDS = ("final_income", "cagr", "cumulative_earnings", "career_capital")


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
    results: tuple[Result, ...]
    years: tuple[YearColumn, ...]
    summary: dict[str, tuple[float, ...]]
    differences: dict[str, tuple[float, ...]]
    gaps: tuple[Gap | None, ...]  # None for the first profile

    @property
    def projections(self) -> tuple[Projection, ...]:
        return tuple(result.projection for result in self.results)


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


def _one_currency(results: Sequence[Result]) -> None:
    first = results[0]
    for other in results[1:]:
        currency, first_currency = other.projection.profile.currency, first.projection.profile.currency
        if currency != first_currency:
            message = (
                f"currency {currency} differs from {first_currency} of {first.source}; "
                "careercap does not convert currencies"
            )
            raise CareercapError(Diagnostic(Location(other.source), message))


def compare(items: Sequence[Result | Projection]) -> Comparison:
    """Compare projections (two or more, in one currency) year by year and in summary,
    against the first. Raises CareercapError, at the profile, if a currency differs. A bare
    Projection is taken as a result named after its profile."""
    results = [item if isinstance(item, Result) else result_of(item.profile.name, 1, item) for item in items]
    if len(results) < 2:
        raise ValueError("a comparison needs at least two projections")
    _one_currency(results)
    projections = [result.projection for result in results]
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
            differences[field] = tuple(six(six(value) - six(values[0])) for value in values)
        else:
            differences[field] = tuple(cents(cents(value) - cents(values[0])) for value in values)
    first = projections[0]
    gaps = (None, *(_gap(projection, first) for projection in projections[1:]))
    return Comparison(tuple(results), tuple(years), summary, differences, gaps)
