"""A partial plan as the priced search keeps it (`Label`), and what it took, year by year
(`Trail`)."""

from __future__ import annotations

from typing import NamedTuple, TypeAlias

from careercap.core.plan.items import Item

ByYear: TypeAlias = int
"""A count for each year so far, packed into one integer: a base-256 digit a year, the
earliest year the most significant. Packed for speed and memory, since every label holds
two and the search compares labels millions of times: two codes over the same years compare
as the tuples of their digits would, in one comparison of integers, and adding a year is a
multiplication and an addition where a tuple would be copied. A count is at most
`MOST_EVENTS`, well under a digit. `with_events` and `with_certifications` add a year;
`Label.events_by_year` and `Label.certifications_by_year` read them back. An alias of
`int`, so that it costs nothing to make."""

NO_YEARS: ByYear = 0

DIGIT = 256


def with_events(early: ByYear, events: int) -> ByYear:
    """`early` with a year of `events` events after it, written as the digit 255 less their
    number: of two plans, the one with more events in the first year where they differ
    (the earliest years) has the smaller code."""
    return early * DIGIT + DIGIT - 1 - events


def with_certifications(certifications: ByYear, count: int) -> ByYear:
    """`certifications` with a year of `count` certifications after it: of two plans, the
    one with fewer in the first year where they differ (skills first) has the smaller code."""
    return certifications * DIGIT + count


def digits(code: ByYear, years: int) -> tuple[int, ...]:
    """The digits of a code over `years` years, the earliest year first."""
    return tuple(code // DIGIT ** (years - 1 - year) % DIGIT for year in range(years))


Closed = tuple[tuple[int, tuple[Item, ...]], ...]
"""The items chosen for each group whose years end in a year: (group, items)."""


Took = tuple[tuple[int, ...], ...]
"""What a year took: pooled, (group, position in it, times) for each option taken; grouped,
(group, how many) for each group drawn from."""

Trail: TypeAlias = tuple["Trail | None", int, Took, Closed]
"""What a partial plan took in one year, linked to what it took before, so that partial
plans that part ways share their earlier years: (before, the year's place among the
projected years, what it took, the items chosen for the groups whose years end in it).
A plain tuple, read by unpacking (`Priced._additions`): every label makes one, and a
NamedTuple takes several times as long to make."""


class Label(NamedTuple):
    """A partial plan reaching a state of the priced search: as far as the years to come
    and the objective need to know it."""

    income: float  # the income so far (0 once a target is reached: nothing after needs it)
    summed: float  # the incomes so far, summed as shown, to the cent (for net gain)
    cost: float  # the learning cost so far, as the return on learning counts it
    early: ByYear  # the events of each year (see `with_events`): smaller is earlier
    certifications: ByYear  # the certifications of each year: smaller is skills first
    trail: Trail | None  # what it took, the latest year first
    money: float  # spent so far, net of the subsidy: what --budget counts
    hours: float  # spent so far: what --max-hours counts

    def events_by_year(self, years: int) -> tuple[int, ...]:
        """How many events the plan took in each of its `years` years so far."""
        return tuple(DIGIT - 1 - digit for digit in digits(self.early, years))

    def certifications_by_year(self, years: int) -> tuple[int, ...]:
        """How many certifications the plan took in each of its `years` years so far."""
        return digits(self.certifications, years)
