"""The projection model: pure functions from a validated profile and rules to results.

Nothing here reads files, prints or exits. Every parameter comes from `Rules`; the
formulas are those of the model (docs/model.md, "Year by year").
"""

from __future__ import annotations

import functools
import itertools
from bisect import bisect_left, bisect_right
from operator import itemgetter
from typing import Literal, NamedTuple, TypeVar

from careercap.core.profile import CareerEvent, Profile, Skill
from careercap.core.rounding import cents, from_cents, in_cents, whole_cents
from careercap.core.rules import PORTFOLIO, RULES, Rules

State = Literal["upskilling", "maintaining", "static"]
T = TypeVar("T")


class OutOfRange(ValueError):
    """The rules take an income where no number can follow it (to zero): nothing to show.
    `path` names the raise that took it there from within the range, where one did
    (`("events", 2, "raise")`); else it is empty: the profile and the rules together. (A
    stated income lies within the range.)"""

    def __init__(self, message: str, path: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.path = path


class Event(NamedTuple):
    """A learning event: a certification earned or a dated skill acquired."""

    kind: Literal["certification", "skill"]
    name: str
    year: int
    planned: bool
    counted: bool = True  # a certification that counts toward upskilling (enough hours)

    @property
    def certifies(self) -> bool:
        """Whether it counts toward upskilling: a certification of at least the rules'
        `min_hours`, where its hours are given."""
        return self.kind == "certification" and self.counted


class YearRow(NamedTuple):
    """One calendar year of a trajectory. `growth` is None on the first row.

    `income` is as shown, rounded to cents: every sum is a sum of these. The trajectory
    itself goes on unrounded, and `growth` is taken between the unrounded incomes.

    `window` holds the learning events of the year's window (the years that decide its
    state), by year; `held`, the distinct skills held at the end of the year. `earned` is
    what the year brings in, as shown: `income` (the rate of pay) but in a break, where it
    is the break's share of it; `career` holds the career events of the year."""

    year: int
    income: float
    growth: float | None
    state: State
    events: tuple[Event, ...]
    rules: tuple[str, ...]
    window: tuple[Event, ...]
    held: tuple[str, ...]
    earned: float
    career: tuple[CareerEvent, ...]

    @property
    def away(self) -> bool:
        """Whether a break makes what is earned differ from the income."""
        return self.earned != self.income


class Factors(NamedTuple):
    """How each rule moved the final income: start x all five = final (up to rounding).
    The fields are the rules' ids (see `careercap.core.rules.RULES`), after the baseline,
    and last the career events' (raises, and stated incomes over the income computed)."""

    baseline: float
    upskilling: float
    static_contraction: float
    freelancer_portfolio: float
    events: float = 1.0

    def product(self) -> float:
        return (
            self.baseline
            * self.upskilling
            * self.static_contraction
            * self.freelancer_portfolio
            * self.events
        )


class Summary(NamedTuple):
    """The summary, in money as shown: each a sum of the yearly amounts rounded to cents,
    or a difference of such sums; `cagr` from the rounded start and final incomes."""

    start_income: float
    final_income: float
    cagr: float
    cumulative_earnings: float
    static_peer_cumulative: float
    career_capital: float
    factors: Factors


class Projection(NamedTuple):
    """A profile's trajectory over its horizon, with the rates that produced it."""

    profile: Profile
    rates: dict[State, float]
    years: tuple[YearRow, ...]
    summary: Summary
    events: tuple[Event, ...]  # every dated learning event, certifications first, as written
    covered_until: int  # the last year the findings cover; later years are extrapolation

    def extrapolated(self, year: int) -> bool:
        """Whether a year lies past what the findings cover."""
        return year > self.covered_until

    def employment(self, year: int) -> str:
        """The employment in a year: the profile's, or the last switch's up to it."""
        return employment_in(self.profile, year)[0] if self.profile.events else self.profile.employment


def state_rates(baseline_growth: float, rules: Rules) -> dict[State, float]:
    """The yearly growth rate of each state; static <= maintaining <= upskilling."""
    g = baseline_growth
    static = (1 - rules.static.contraction) ** (1 / rules.window_years) - 1
    return {
        "upskilling": g + rules.upskilling.growth_premium * abs(g),
        "maintaining": g,
        "static": min(g, static),
    }


def learning_events(profile: Profile, min_hours: float = 0.0) -> list[Event]:
    """Every dated learning event, certifications first, each in the order written; a
    certification whose stated hours are below `min_hours` is not counted toward upskilling."""
    as_of, events = profile.as_of, []
    for cert in profile.certifications:
        year = cert.earned.year
        counted = certifies(cert.hours, min_hours)
        events.append(_event(("certification", cert.name, year, year > as_of, counted)))
    for skill in profile.skills:
        if skill.acquired is not None:
            year = skill.acquired.year
            events.append(_event(("skill", skill.name, year, year > as_of, True)))
    return events


_event = functools.partial(tuple.__new__, Event)
"""`Event(*fields)` without the keyword handling of a named tuple's constructor: a cohort
makes hundreds of thousands."""


def state_of(certifications: int, events: int, rules: Rules) -> State:
    """A year's state, from the certifications and all learning events in its window."""
    if certifications >= rules.upskilling.min_certifications:
        return "upskilling"
    if events == 0:
        return "static"
    return "maintaining"


def portfolio_step_year(profile: Profile, rules: Rules) -> int | None:
    """The projected year in which a freelancer's distinct skills first reach the portfolio."""
    return _step_year(profile, rules, sorted(skill.year or _LONG_HELD for skill in profile.skills))


def _step_year(profile: Profile, rules: Rules, skill_years: list[int]) -> int | None:
    """`portfolio_step_year`, from the years the skills are held from, in order."""
    needed = rules.freelancer_portfolio.min_skills
    if len(skill_years) < needed:
        return None
    year = skill_years[needed - 1]  # the first year in which that many skills are held
    return year if step_can_fall(profile, year) else None


def step_can_fall(profile: Profile, year: int) -> bool:
    """Whether a portfolio reached in `year` is a step: a projected year (reached by as_of,
    the stated revenue reflects it), in which the profile is a freelancer, and not by a
    switch that year (skills held at a switch are in its income already, as at as_of)."""
    if not profile.as_of < year <= profile.final_year:
        return False
    if not profile.events:
        return profile.employment == "freelancer"
    employment, switched = employment_in(profile, year)
    return employment == "freelancer" and switched != year


def certifies(hours: float | None, min_hours: float) -> bool:
    """Whether a certification counts toward upskilling: unless its hours are given and
    below the rules' `min_hours`."""
    return hours is None or hours >= min_hours


def employment_in(profile: Profile, year: int) -> tuple[str, int | None]:
    """The employment in a year, and the year of the switch that made it (None: as_of's)."""
    employment, since = profile.employment, None
    for event in sorted(profile.events, key=_year_of_event):
        if event.year > year:
            break
        if event.employment is not None:
            employment, since = event.employment, event.year
    return employment, since


def _year_of_event(event: CareerEvent) -> int:
    return event.year


class Career(NamedTuple):
    """A profile's career events, by year: what the income loop applies."""

    changes: dict[int, tuple[float | None, float | None]]  # year: (stated income, raise)
    shares: dict[int, float]  # each year of a break: the share of income earned
    by_year: dict[int, tuple[CareerEvent, ...]]  # the events of each year, as written
    raised_by: dict[int, tuple[str | int, ...]]  # year: where its raise is in the profile

    @classmethod
    def of(cls, profile: Profile) -> Career | None:
        if not profile.events:
            return None
        changes: dict[int, tuple[float | None, float | None]] = {}
        shares: dict[int, float] = {}
        by_year: dict[int, tuple[CareerEvent, ...]] = {}
        raised_by: dict[int, tuple[str | int, ...]] = {}
        for index, event in enumerate(profile.events):
            by_year[event.year] = (*by_year.get(event.year, ()), event)
            if event.income is not None or event.raise_ is not None:
                changes[event.year] = (event.income, event.raise_)
            if event.raise_ is not None:
                raised_by[event.year] = ("events", index, "raise")
            if event.break_ is not None:
                shares.update(dict.fromkeys(range(event.year, event.last_year + 1), event.share or 0.0))
        return cls(changes, shares, by_year, raised_by)

    def pay(self, year: int, income: float) -> float:
        """The income of a year after its stated income or raise, if it has one."""
        stated, raised = self.changes[year]
        return stated if stated is not None else income * (1 + raised)  # type: ignore[operator]

    def changed(self, year: int, income: float) -> tuple[float, float]:
        """`pay`, and the factor by which it moved the income."""
        paid = self.pay(year, income)
        return paid, paid / income

    def at(self, year: int) -> tuple[CareerEvent, ...]:
        """The career events of a year, as written."""
        return self.by_year.get(year, ())

    def earned(self, year: int, shown: float) -> float:
        """What a year brings in, from its income as shown: in a break, the break's share
        of it, rounded to the cent."""
        share = self.shares.get(year)
        return shown if share is None else round(share * shown, 2)


def _by_year(items: list[tuple[int, T]]) -> tuple[list[int], tuple[T, ...]]:
    """Items in year order, those of one year in the order given, and their years: what a
    span of years holds is then one slice between two bisections."""
    if not items:
        return [], ()
    items.sort(key=_year_of)  # stable: one year's items stay in the order given
    return [year for year, _ in items], tuple([item for _, item in items])


SMALLEST = 0.005
"""An income below this shows as 0.00: only rules that shrink it by most of itself a year
(a rules file's, or a tiny start income) get there, and nothing after it means anything."""

LARGEST = 1e12
"""An income above this cannot be summed over 50 years to the cent in binary floating point
(2^53 cents is about 9e13): careercap shows money to the cent or not at all."""


def _out_of_range(income: float, year: int, by_event: bool = False) -> str:
    if income < SMALLEST:
        why = "too small to project to the cent" if by_event else "these rules shrink it too fast to project"
        return f"the income falls below a cent by {year}: {why}"
    return f"the income grows past {LARGEST:,.0f} a year by {year}: too large to project to the cent"


_year_of = itemgetter(0)


def project(profile: Profile, rules: Rules) -> Projection:  # noqa: PLR0915 - one loop keeps the hot path fast
    """The profile's income trajectory under the rules."""
    rates = state_rates(profile.baseline_growth, rules)
    events = learning_events(profile, rules.upskilling.min_hours)
    multiplier = rules.freelancer_portfolio.multiplier
    window = rules.window_years
    event_years, timeline, certified, skill_years, skills = _in_year_order(events, profile.skills)
    step_year = _step_year(profile, rules, skill_years)
    career = Career.of(profile)
    changes = career.changes if career is not None else {}
    events_factor = 1.0

    income = profile.income
    rows: list[YearRow] = []
    counts = {"upskilling": 0, "maintaining": 0, "static": 0}
    growth: float | None = None
    applied: tuple[str, ...] = ()
    happening: tuple[CareerEvent, ...] = ()
    factor = {state: 1 + rate for state, rate in rates.items()}
    needed = rules.upskilling.min_certifications
    start = end = 0
    cumulative = 0  # what the projected years bring in, in cents, as `total` adds it
    state: State = "static"  # a year with no learning event in its window (and none at all)
    for year in range(profile.as_of, profile.final_year + 1):  # the engine's hot path
        if event_years:
            start, end = bisect_right(event_years, year - window), bisect_right(event_years, year)
            # state_of, written out
            if certified[end] - certified[start] >= needed:
                state = "upskilling"
            else:
                state = "static" if end == start else "maintaining"
        if rows:
            counts[state] += 1
            previous = income
            income *= factor[state]
            applied = _RULE_OF_STATE[state]
            if year == step_year:
                income *= multiplier
                applied = (*applied, PORTFOLIO)
            if year in changes:
                grown = income  # read below only where `year in changes`, as here
                income, moved = career.changed(year, income)  # type: ignore[union-attr]
                events_factor *= moved
            if not SMALLEST <= income <= LARGEST:
                # The year's raise, if it took an income within the range out of it
                raised = year in changes and SMALLEST <= grown <= LARGEST
                cause = career.raised_by.get(year, ()) if raised else ()  # type: ignore[union-attr]
                raise OutOfRange(_out_of_range(income, year, bool(cause)), cause)
            growth = income / previous - 1
        whole = whole_cents(income)
        shown = earned = whole / 100  # round(income, 2)
        if career is not None:
            earned, happening = career.earned(year, shown), career.at(year)
            whole = in_cents(earned)
        if rows:
            cumulative += whole
        this_year = timeline[bisect_left(event_years, year, start, end) : end] if end > start else ()
        held = skills[: bisect_right(skill_years, year)] if skill_years else ()
        rows.append(
            _row(
                (year, shown, growth, state, this_year, applied, timeline[start:end], held, earned, happening)
            )
        )
    steps = 0 if step_year is None else 1
    summary = _summary(profile, rows, rates, counts, multiplier**steps, events_factor, cumulative)
    covered = profile.as_of + rules.extrapolation_after
    return Projection(profile, rates, tuple(rows), summary, tuple(events), covered)


def _in_year_order(
    events: list[Event], skills: tuple[Skill, ...]
) -> tuple[list[int], tuple[Event, ...], list[int], list[int], tuple[str, ...]]:
    """Events and skills in year order, with their years: what a year, its window, or the
    years up to it hold is then one slice between two bisections. `certified[i]` counts
    the certifications among the first i events."""
    event_years, timeline = _by_year([(event.year, event) for event in events])
    certified = list(itertools.accumulate([event.certifies for event in timeline], initial=0))
    skill_years, names = _by_year([(skill.year or _LONG_HELD, skill.name) for skill in skills])
    return event_years, timeline, certified, skill_years, names


_row = functools.partial(tuple.__new__, YearRow)
"""`YearRow(*fields)`, as `_event` makes an Event."""


_LONG_HELD = 0  # the year given an undated skill: before any year a profile can name

_RULE_OF_STATE: dict[str, tuple[str, ...]] = {"maintaining": ()} | {
    rule.state: (rule.id,) for rule in RULES if rule.state is not None
}


def static_peer_incomes(profile: Profile, rates: dict[State, float]) -> list[float]:
    """A peer with the same start whose skills stay static and who lives the same career
    events: what they earn in each projected year, as shown (rounded to cents)."""
    return [from_cents(whole) for whole in static_peer_cents(profile, rates)]


def static_peer_cents(profile: Profile, rates: dict[State, float]) -> list[int]:
    """`static_peer_incomes` in whole cents."""
    static_growth = 1 + rates["static"]
    income = profile.income
    career = Career.of(profile)
    if career is None:
        return [whole_cents(income * static_growth**k) for k in range(1, profile.horizon + 1)]
    earned = []
    for year in range(profile.as_of + 1, profile.final_year + 1):
        income *= static_growth
        if year in career.changes:
            income = career.pay(year, income)  # a stated income re-anchors the peer too
        earned.append(in_cents(career.earned(year, round(income, 2))))
    return earned


def _summary(
    profile: Profile,
    rows: list[YearRow],
    rates: dict[State, float],
    states: dict[str, int],
    portfolio: float,
    events: float,
    cumulative: int,
) -> Summary:
    """The summary of the rows; `cumulative` is what the projected years bring in, in cents."""
    g, horizon, start = profile.baseline_growth, profile.horizon, rows[0].income
    final = rows[-1].income
    static_peer = sum(static_peer_cents(profile, rates))
    static_growth = 1 + rates["static"]
    # Positional, as `_row` makes a row: a cohort makes one of each a profile.
    factors = tuple.__new__(
        Factors,
        (
            (1 + g) ** horizon,  # baseline
            ((1 + rates["upskilling"]) / (1 + g)) ** states["upskilling"],  # upskilling
            (static_growth / (1 + g)) ** states["static"],  # static_contraction
            portfolio,  # freelancer_portfolio
            events,
        ),
    )
    return tuple.__new__(
        Summary,
        (
            start,  # start_income
            final,  # final_income
            (final / start) ** (1 / horizon) - 1,  # cagr
            from_cents(cumulative),  # cumulative_earnings
            from_cents(static_peer),  # static_peer_cumulative
            from_cents(cumulative - static_peer),  # career_capital
            factors,
        ),
    )


class RealTerms(NamedTuple):
    """A projection's money in as_of-year money: each year's nominal amount as shown, over
    (1 + inflation) ** (year - as_of), rounded to cents; the sums are sums of those."""

    inflation: float
    incomes: tuple[float, ...]  # one a year, as projection.years
    final_income: float
    cumulative_earnings: float
    static_peer_cumulative: float
    career_capital: float
    earned: tuple[float, ...] = ()  # what each year brings in, as incomes: they differ in a break


def deflators(profile: Profile, inflation: float) -> list[float]:
    """What each year's money, as_of to the final year, is divided by for as_of-year money."""
    return [(1 + inflation) ** k for k in range(profile.horizon + 1)]


def real_terms(projection: Projection, inflation: float) -> RealTerms:
    """Every money figure of the projection, deflated to as_of-year money."""
    profile, rates = projection.profile, projection.rates
    by_year = deflators(profile, inflation)
    incomes = tuple(
        cents(row.income / deflator) for row, deflator in zip(projection.years, by_year, strict=True)
    )
    peer = static_peer_incomes(profile, rates)
    static_peer = sum(
        in_cents(cents(income / deflator)) for income, deflator in zip(peer, by_year[1:], strict=True)
    )
    earned = (
        incomes
        if not profile.events
        else tuple(
            cents(row.earned / deflator) for row, deflator in zip(projection.years, by_year, strict=True)
        )
    )
    cumulative = sum(in_cents(income) for income in earned[1:])
    return RealTerms(
        inflation,
        incomes,
        incomes[-1],
        from_cents(cumulative),
        from_cents(static_peer),
        from_cents(cumulative - static_peer),
        earned,
    )
