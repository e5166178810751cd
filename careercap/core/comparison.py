"""Side-by-side comparison of projections: pure, like the engine.

Differences are taken against the first projection, between the figures as shown
(rounded to cents), so that every difference a user sees adds up with a calculator. The
summary compares like with like: it is taken over the years every profile covers (the
common span), so a 5-year and a 30-year profile are compared over the same years.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from careercap.core.engine import Factors, Projection, static_peer_incomes
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

    ratio: float  # final income / the first's final income, at the end of the common span
    factor: str | None  # "start_income" or a factor's name; None where the spans differ
    value: float  # this profile's factor (or start income)
    first_value: float


class Span(NamedTuple):
    """The calendar years a comparison's summary covers: from `first` (its start) to `last`."""

    first: int
    last: int


class Comparison(NamedTuple):
    results: tuple[Result, ...]
    years: tuple[YearColumn, ...]
    summary: dict[str, tuple[float, ...]]  # over `span`
    differences: dict[str, tuple[float, ...]]
    gaps: tuple[Gap | None, ...]  # None for the first profile
    span: Span

    def beyond(self) -> list[int]:
        """The profiles (by index) that project years outside the common span."""
        return [
            index for index, projection in enumerate(self.projections) if _span_of(projection) != self.span
        ]

    @property
    def projections(self) -> tuple[Projection, ...]:
        return tuple(result.projection for result in self.results)


def _difference(value: float | None, first: float | None) -> float | None:
    if value is None or first is None:
        return None
    return cents(cents(value) - cents(first))


def _span_of(projection: Projection) -> Span:
    return Span(projection.profile.as_of, projection.profile.final_year)


def _over(projection: Projection, span: Span) -> dict[str, float]:
    """The summary figures of a projection over a span of its years: its own summary when
    the span is its whole horizon, else the same formulas over the span alone."""
    if _span_of(projection) == span:
        return {field: getattr(projection.summary, field) for field in SUMMARY_FIELDS}
    incomes = {row.year: row.income for row in projection.years}
    as_of = projection.profile.as_of
    peer = static_peer_incomes(projection.profile, projection.rates)  # as_of + 1 onwards
    start, final = incomes[span.first], incomes[span.last]
    cumulative = sum(incomes[year] for year in range(span.first + 1, span.last + 1))
    static_peer = sum(peer[year - as_of - 1] for year in range(span.first + 1, span.last + 1))
    return {
        "final_income": final,
        "cagr": (final / start) ** (1 / (span.last - span.first)) - 1,
        "cumulative_earnings": cumulative,
        "career_capital": cumulative - static_peer,
    }


def _common_span(results: Sequence[Result]) -> Span:
    spans = [_span_of(result.projection) for result in results]
    common = Span(max(span.first for span in spans), min(span.last for span in spans))
    if common.last <= common.first:
        listed = ", ".join(
            f"{result.source} {span.first}-{span.last}" for result, span in zip(results, spans, strict=True)
        )
        raise CareercapError(
            Diagnostic(
                Location(results[0].source),
                f"these profiles share no projected year ({listed}): nothing to compare",
            )
        )
    return common


def _gap(projection: Projection, first: Projection, final: float, first_final: float, alike: bool) -> Gap:
    """The factor (or start income) whose ratio to the first's moves the final most; with
    spans that differ (`alike` false) the factors cover different years, and none is named."""
    if not alike:
        return Gap(final / first_final, None, 1.0, 1.0)
    candidates = [("start_income", projection.summary.start_income, first.summary.start_income)]
    candidates += [
        (name, getattr(projection.summary.factors, name), getattr(first.summary.factors, name))
        for name in Factors._fields
    ]
    factor, value, first_value = max(candidates, key=lambda item: abs(math.log(item[1] / item[2])))
    return Gap(final / first_final, factor, value, first_value)


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
    span = _common_span(results)
    projections = [result.projection for result in results]
    by_year = [{row.year: row.income for row in projection.years} for projection in projections]
    calendar = sorted(set().union(*by_year))
    years = []
    for year in calendar:
        incomes = tuple(rows.get(year) for rows in by_year)
        years.append(YearColumn(year, incomes, tuple(_difference(income, incomes[0]) for income in incomes)))
    over = [_over(projection, span) for projection in projections]
    summary = {field: tuple(figures[field] for figures in over) for field in SUMMARY_FIELDS}
    differences = {}
    for field, values in summary.items():
        if field == "cagr":
            differences[field] = tuple(six(six(value) - six(values[0])) for value in values)
        else:
            differences[field] = tuple(cents(cents(value) - cents(values[0])) for value in values)
    first, finals = projections[0], summary["final_income"]
    alike = all(_span_of(projection) == span for projection in projections)
    gaps = (
        None,
        *(
            _gap(p, first, final, finals[0], alike)
            for p, final in zip(projections[1:], finals[1:], strict=True)
        ),
    )
    return Comparison(tuple(results), tuple(years), summary, differences, gaps, span)
