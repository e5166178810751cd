"""Side-by-side comparison of projections: pure, like the engine.

Differences are taken against the first projection, between the figures as shown
(rounded to cents), so that every difference a user sees adds up with a calculator. The
summary compares like with like: it is taken over the years every profile covers (the
common span), so a 5-year and a 30-year profile are compared over the same years.

A comparison keeps of each profile only an `Entry` (its incomes and a few figures), so that
100,000 profiles compare in little memory; the renderers that show more (a table's states
and real money) have the results beside it.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple, overload

from careercap.core.engine import Factors, Projection, static_peer_incomes
from careercap.core.result import Result, result_of
from careercap.core.rounding import cents, from_cents, in_cents, six
from careercap.errors import CareercapError, Diagnostic, Location

SUMMARY_FIELDS = ("final_income", "cagr", "cumulative_earnings", "career_capital")
LEARNING_FIELDS = ("learning_cost", "learning_gain", "net_learning_gain")
"""Compared when any profile plans learning: each over its own horizon, as shown (to the
cent), 0 for a profile that plans none (it spends nothing on learning and gains nothing)."""
PRESENT_FIELDS = ("discount_rate", "pv_cumulative_earnings", "pv_career_capital")
PRESENT_LEARNING_FIELDS = ("pv_learning_cost", "pv_learning_gain", "npv")
"""Compared when any profile has a discount rate (the learning ones when, too, any plans
learning): each over its own horizon, in its own as_of, as shown; NaN (null in JSON) for a
profile without a rate, and the learning ones 0 for one with a rate that plans none."""
_PRESENT = (*PRESENT_FIELDS, *PRESENT_LEARNING_FIELDS)


class YearColumn(NamedTuple):
    """One calendar year across the profiles; None where a profile does not cover it."""

    year: int
    incomes: tuple[float | None, ...]
    differences: tuple[float | None, ...]
    earned: tuple[float | None, ...] = ()  # what each earns: its income, but in a break its share


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


class Entry(NamedTuple):
    """What a comparison keeps of one profile: where it came from, its incomes, and the
    figures of its summary; not the projection."""

    source: str
    document: int
    name: str
    currency: str
    as_of: int
    incomes: array[float]  # as_of to the final year
    peers: array[float]  # a static peer's, as_of + 1 to the final year
    figures: array[float]  # SUMMARY_FIELDS over its own horizon, the start income, the factors
    earned: array[float] | None = None  # what each year brings in, where a break makes it differ

    @property
    def span(self) -> Span:
        return Span(self.as_of, self.as_of + len(self.incomes) - 1)

    def income(self, year: int) -> float | None:
        """The income in a calendar year; None outside the profile's horizon."""
        index = year - self.as_of
        return self.incomes[index] if 0 <= index < len(self.incomes) else None

    @property
    def start_income(self) -> float:
        return self.figures[len(SUMMARY_FIELDS)]

    @property
    def factors(self) -> Factors:
        return Factors(*self.figures[len(SUMMARY_FIELDS) + 1 :])


_FIGURES = len(SUMMARY_FIELDS) + 1 + len(Factors._fields)  # an entry's `figures`


class Entries(Sequence[Entry]):
    """The entries of a comparison, kept in columns (one array of every profile's incomes,
    one of their figures, ...) rather than as an object each: 100,000 profiles take a few
    hundred bytes each. An entry is made when it is asked for."""

    def __init__(self, items: Iterable[Result | Projection] = ()) -> None:
        self.sources: list[str] = []
        self.names: list[str] = []
        self.currencies: list[str] = []
        self.documents = array("q")
        self.as_of = array("q")
        self.starts = array("q", [0])  # where each profile's incomes begin in `incomes`
        self.incomes = array("d")
        self.peers = array("d")  # a static peer's: one fewer a profile than its incomes
        self.figures = array("d")  # _FIGURES a profile
        self.learning = array("d")  # LEARNING_FIELDS a profile: 0 for one that plans no learning
        self.plans = bytearray()  # whether each plans learning
        self.present = array("d")  # _PRESENT a profile: NaN for one without a discount rate
        self.earned_by: dict[int, array[float]] = {}  # by profile, only where a break makes it differ
        for item in items:
            self.append(item)

    def append(self, item: Result | Projection) -> None:
        """Keep what a comparison needs of a result (or of a bare projection, named after its
        profile)."""
        result = item if isinstance(item, Result) else result_of(item.profile.name, 1, item)
        projection = result.projection
        profile, summary = projection.profile, projection.summary
        self.sources.append(result.source)
        self.names.append(profile.name)
        self.currencies.append(sys.intern(profile.currency))
        self.documents.append(result.document)
        self.as_of.append(profile.as_of)
        self.incomes.extend(row.income for row in projection.years)
        if any(row.away for row in projection.years):
            self.earned_by[len(self.names) - 1] = array("d", [row.earned for row in projection.years])
        self.starts.append(len(self.incomes))
        self.peers.extend(static_peer_incomes(profile, projection.rates))
        self.figures.extend([*(getattr(summary, field) for field in SUMMARY_FIELDS), summary.start_income])
        self.figures.extend(summary.factors)
        learning = result.learning
        self.plans.append(learning is not None)
        self.learning.extend(
            (0.0, 0.0, 0.0)
            if learning is None
            else (learning.cost, _or_nan(learning.gain), _or_nan(learning.net))
        )
        present = result.present
        if present is None:
            self.present.extend([math.nan] * len(_PRESENT))
        else:
            self.present.extend(
                (
                    present.discount_rate,
                    present.cumulative_earnings,
                    present.career_capital,
                    present.learning_cost or 0.0,
                    present.learning_gain or 0.0,
                    present.npv or 0.0,
                )
            )

    def __len__(self) -> int:
        return len(self.sources)

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        if isinstance(index, slice):
            return [self[each] for each in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        start, end = self.starts[index], self.starts[index + 1]
        peers = start - index  # each profile before this one has one peer income fewer
        return Entry(
            self.sources[index],
            self.documents[index],
            self.names[index],
            self.currencies[index],
            self.as_of[index],
            self.incomes[start:end],
            self.peers[peers : peers + end - start - 1],
            self.figures[index * _FIGURES : (index + 1) * _FIGURES],
            self.earned_by.get(index),
        )

    def span(self, index: int) -> Span:
        return Span(self.as_of[index], self.as_of[index] + self.starts[index + 1] - self.starts[index] - 1)

    def income(self, index: int, year: int) -> float | None:
        """A profile's income in a calendar year; None outside its horizon."""
        at = self.starts[index] + year - self.as_of[index]
        return self.incomes[at] if self.starts[index] <= at < self.starts[index + 1] else None

    def earned(self, index: int, year: int) -> float | None:
        """What a profile earns in a calendar year (its income, but in a break its share);
        None outside its horizon."""
        earned = self.earned_by.get(index)
        if earned is None:
            return self.income(index, year)
        at = year - self.as_of[index]
        return earned[at] if 0 <= at < len(earned) else None


class Comparison(NamedTuple):
    entries: Entries
    summary: dict[str, array[float]]  # over `span`
    differences: dict[str, array[float]]
    gaps: tuple[Gap | None, ...]  # None for the first profile
    span: Span
    results: tuple[Result, ...] = ()  # when compared from results (a table shows more of them)

    @property
    def years(self) -> Iterator[YearColumn]:
        """Every calendar year any profile projects, in order, made as asked for: 100,000
        profiles over 30 years would be three million figures held at once."""
        entries = self.entries
        spans = [entries.span(index) for index in range(len(entries))]
        for year in range(min(span.first for span in spans), max(span.last for span in spans) + 1):
            incomes = tuple(entries.income(index, year) for index in range(len(entries)))
            if any(income is not None for income in incomes):
                differences = tuple(_difference(income, incomes[0]) for income in incomes)
                earned = tuple(entries.earned(index, year) for index in range(len(entries)))
                yield YearColumn(year, incomes, differences, earned)

    def beyond(self) -> list[int]:
        """The profiles (by index) that project years outside the common span."""
        return [index for index in range(len(self.entries)) if self.entries.span(index) != self.span]

    @property
    def projections(self) -> tuple[Projection, ...]:
        return tuple(result.projection for result in self.results)


def _difference(value: float | None, first: float | None) -> float | None:
    if value is None or first is None:
        return None
    return cents(cents(value) - cents(first))


def _present_difference(value: float, first: float, rounded: Callable[[float], float]) -> float:
    """A difference of present values (or of rates), NaN where either has none."""
    if math.isnan(value) or math.isnan(first):
        return math.nan
    return rounded(value - first)


def _over(entry: Entry, span: Span) -> tuple[float, ...]:
    """The summary figures of a profile over a span of its years (in SUMMARY_FIELDS order):
    its own summary when the span is its whole horizon, else the same formulas over the span."""
    if entry.span == span:
        return tuple(entry.figures[: len(SUMMARY_FIELDS)])
    start, final = entry.incomes[span.first - entry.as_of], entry.incomes[span.last - entry.as_of]
    years = range(span.first + 1, span.last + 1)
    earned = entry.incomes if entry.earned is None else entry.earned
    cumulative = sum(in_cents(earned[year - entry.as_of]) for year in years)
    static_peer = sum(in_cents(entry.peers[year - entry.as_of - 1]) for year in years)
    cagr = (final / start) ** (1 / (span.last - span.first)) - 1
    return final, cagr, from_cents(cumulative), from_cents(cumulative - static_peer)


def _common_span(entries: Entries) -> Span:
    spans = [entries.span(index) for index in range(len(entries))]
    common = Span(max(span.first for span in spans), min(span.last for span in spans))
    if common.last <= common.first:
        listed = ", ".join(
            f"{source} {span.first}-{span.last}" for source, span in zip(entries.sources, spans, strict=True)
        )
        raise CareercapError(
            Diagnostic(
                Location(entries.sources[0]),
                f"these profiles share no projected year ({listed}): nothing to compare",
            )
        )
    return common


def _gap(entry: Entry, first: Entry, final: float, first_final: float, alike: bool) -> Gap:
    """The factor (or start income) whose ratio to the first's moves the final most; with
    spans that differ (`alike` false) the factors cover different years, and none is named."""
    if not alike:
        return Gap(final / first_final, None, 1.0, 1.0)
    candidates = [("start_income", entry.start_income, first.start_income)]
    candidates += list(zip(Factors._fields, entry.factors, first.factors, strict=True))
    factor, value, first_value = max(candidates, key=lambda item: abs(math.log(item[1] / item[2])))
    return Gap(final / first_final, factor, value, first_value)


def one_currency(entries: Entries) -> None:
    first = entries.currencies[0]
    for source, currency in zip(entries.sources, entries.currencies, strict=True):
        if currency != first:
            message = (
                f"currency {currency} differs from {first} of {entries.sources[0]}; "
                "careercap does not convert currencies"
            )
            raise CareercapError(Diagnostic(Location(source), message))


def compare(items: Entries | Sequence[Result | Projection]) -> Comparison:
    """Compare projections (two or more, in one currency) year by year and in summary,
    against the first. Raises CareercapError, at the profile, if a currency differs. A bare
    Projection is taken as a result named after its profile; given results (not entries),
    the comparison keeps them."""
    if len(items) < 2:
        raise ValueError("a comparison needs at least two projections")
    results: tuple[Result, ...] = ()
    if isinstance(items, Entries):
        entries = items
    else:
        results = tuple(
            item if isinstance(item, Result) else result_of(item.profile.name, 1, item) for item in items
        )
        entries = Entries(results)
    one_currency(entries)
    span = _common_span(entries)
    summary = {field: array("d") for field in SUMMARY_FIELDS}
    for entry in entries:
        for field, value in zip(SUMMARY_FIELDS, _over(entry, span), strict=True):
            summary[field].append(value)
    differences = {}
    for field, values in summary.items():
        if field == "cagr":
            differences[field] = array("d", (six(six(value) - six(values[0])) for value in values))
        else:
            differences[field] = array("d", (cents(cents(value) - cents(values[0])) for value in values))
    if any(entries.plans):
        for at, field in enumerate(LEARNING_FIELDS):
            values = array("d", (cents(value) for value in entries.learning[at :: len(LEARNING_FIELDS)]))
            summary[field] = values
            differences[field] = array("d", (cents(value - values[0]) for value in values))
    if not all(math.isnan(rate) for rate in entries.present[:: len(_PRESENT)]):
        fields = PRESENT_FIELDS + (PRESENT_LEARNING_FIELDS if any(entries.plans) else ())
        for field in fields:
            values = array("d", entries.present[_PRESENT.index(field) :: len(_PRESENT)])
            summary[field] = values
            rounded = six if field == "discount_rate" else cents
            differences[field] = array("d", (_present_difference(v, values[0], rounded) for v in values))
    first, finals = entries[0], summary["final_income"]
    alike = all(entries.span(index) == span for index in range(len(entries)))
    gaps = (
        None,
        *(_gap(entries[index], first, finals[index], finals[0], alike) for index in range(1, len(entries))),
    )
    return Comparison(entries, summary, differences, gaps, span, results)


def _or_nan(figure: float | None) -> float:
    """A figure that cannot be computed, as NaN (null in JSON)."""
    return math.nan if figure is None else figure
