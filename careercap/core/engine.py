"""The projection model: pure functions from a validated profile and rules to results.

Nothing here reads files, prints or exits. Every parameter comes from `Rules`; the
formulas are those of the model specification (see README, "The model").
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from careercap.core.profile import Profile
from careercap.core.rules import RULES, Rules

State = Literal["upskilling", "maintaining", "static"]


class Event(NamedTuple):
    """A learning event: a certification earned or a dated skill acquired."""

    kind: Literal["certification", "skill"]
    name: str
    year: int
    planned: bool


class YearRow(NamedTuple):
    """One calendar year of a trajectory. `growth` is None on the first row.

    `window` holds the learning events of the year's window (the years that decide its
    state), by year; `held`, the distinct skills held at the end of the year."""

    year: int
    income: float
    growth: float | None
    state: State
    events: tuple[Event, ...]
    rules: tuple[str, ...]
    window: tuple[Event, ...]
    held: tuple[str, ...]


class Factors(NamedTuple):
    """How each rule moved the final income: start x all four = final (up to rounding).
    The fields are the rules' ids (see `careercap.core.rules.RULES`), after the baseline."""

    baseline: float
    upskilling: float
    static_contraction: float
    freelancer_portfolio: float

    def product(self) -> float:
        return self.baseline * self.upskilling * self.static_contraction * self.freelancer_portfolio


class Summary(NamedTuple):
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


def state_rates(baseline_growth: float, rules: Rules) -> dict[State, float]:
    """The yearly growth rate of each state; static <= maintaining <= upskilling."""
    g = baseline_growth
    static = (1 - rules.static.contraction) ** (1 / rules.window_years) - 1
    return {
        "upskilling": g + rules.upskilling.growth_premium * abs(g),
        "maintaining": g,
        "static": min(g, static),
    }


def learning_events(profile: Profile) -> list[Event]:
    """Every dated learning event, certifications first, each in the order written."""
    as_of = profile.as_of
    events = [
        Event("certification", cert.name, cert.year, cert.year > as_of) for cert in profile.certifications
    ]
    events += [
        Event("skill", skill.name, year, year > as_of)
        for skill in profile.skills
        if (year := skill.year) is not None
    ]
    return events


def _per_year(years: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for year in years:
        counts[year] = counts.get(year, 0) + 1
    return counts


def _state(certifications: int, events: int, rules: Rules) -> State:
    """A year's state, from the certifications and all learning events in its window."""
    if certifications >= rules.upskilling.min_certifications:
        return "upskilling"
    if events == 0:
        return "static"
    return "maintaining"


def portfolio_step_year(profile: Profile, rules: Rules) -> int | None:
    """The projected year in which a freelancer's distinct skills first reach the portfolio."""
    if profile.employment != "freelancer":
        return None
    needed = rules.freelancer_portfolio.min_skills
    held_from = [skill.year for skill in profile.skills]
    held = sum(1 for year in held_from if year is None or year <= profile.as_of)
    if held >= needed:
        return None  # the stated revenue already reflects the portfolio
    for year in range(profile.as_of + 1, profile.final_year + 1):
        held += held_from.count(year)
        if held >= needed:
            return year
    return None


def _held_by_year(profile: Profile, years: range) -> list[tuple[str, ...]]:
    """The names of the distinct skills held at the end of each year, in the order written."""
    skills = [(skill.name, skill.year) for skill in profile.skills]
    if all(year is None for _, year in skills):  # the usual case: every skill long held
        names = tuple(name for name, _ in skills)
        return [names] * len(years)
    return [tuple(name for name, held in skills if held is None or held <= year) for year in years]


def _window(by_year: dict[int, list[Event]], year: int, window: int) -> tuple[Event, ...]:
    if not by_year:
        return ()
    return tuple(event for y in range(year - window + 1, year + 1) for event in by_year.get(y, ()))


def project(profile: Profile, rules: Rules) -> Projection:
    """The profile's income trajectory under the rules."""
    rates = state_rates(profile.baseline_growth, rules)
    events = learning_events(profile)
    by_year: dict[int, list[Event]] = {}
    for event in events:
        by_year.setdefault(event.year, []).append(event)
    certifications = _per_year([event.year for event in events if event.kind == "certification"])
    any_events = _per_year([event.year for event in events])
    step_year = portfolio_step_year(profile, rules)
    multiplier = rules.freelancer_portfolio.multiplier
    window = rules.window_years
    held = _held_by_year(profile, range(profile.as_of, profile.final_year + 1))

    # The window's counts slide one year at a time: add the year entering, drop the one leaving.
    first = profile.as_of
    in_window = range(first - window + 1, first + 1)
    window_certifications = sum(certifications.get(y, 0) for y in in_window)
    window_events = sum(any_events.get(y, 0) for y in in_window)
    state = _state(window_certifications, window_events, rules)
    income = profile.income
    rows = [
        YearRow(
            first,
            income,
            None,
            state,
            tuple(by_year.get(first, ())),
            (),
            _window(by_year, first, window),
            held[0],
        )
    ]
    counts = {"upskilling": 0, "maintaining": 0, "static": 0}
    for index, year in enumerate(range(first + 1, profile.final_year + 1), 1):
        window_certifications += certifications.get(year, 0) - certifications.get(year - window, 0)
        window_events += any_events.get(year, 0) - any_events.get(year - window, 0)
        state = _state(window_certifications, window_events, rules)
        counts[state] += 1
        previous = income
        income *= 1 + rates[state]
        applied = _RULE_OF_STATE[state]
        if year == step_year:
            income *= multiplier
            applied = (*applied, "freelancer_portfolio")
        rows.append(
            YearRow(
                year,
                income,
                income / previous - 1,
                state,
                tuple(by_year.get(year, ())),
                applied,
                _window(by_year, year, window),
                held[index],
            )
        )
    steps = 0 if step_year is None else 1
    summary = _summary(profile, rows, rates, counts, multiplier**steps)
    return Projection(profile, rates, tuple(rows), summary, tuple(events))


_RULE_OF_STATE: dict[str, tuple[str, ...]] = {"maintaining": ()} | {
    rule.state: (rule.id,) for rule in RULES if rule.state is not None
}


def static_peer_incomes(profile: Profile, rates: dict[State, float]) -> list[float]:
    """A peer with the same start whose skills stay static: income in each projected year."""
    static_growth = 1 + rates["static"]
    return [profile.income * static_growth**k for k in range(1, profile.horizon + 1)]


def _summary(
    profile: Profile, rows: list[YearRow], rates: dict[State, float], states: dict[str, int], portfolio: float
) -> Summary:
    g, horizon, start = profile.baseline_growth, profile.horizon, profile.income
    final = rows[-1].income
    cumulative = sum(row.income for row in rows[1:])
    static_peer = sum(static_peer_incomes(profile, rates))
    static_growth = 1 + rates["static"]
    factors = Factors(
        baseline=(1 + g) ** horizon,
        upskilling=((1 + rates["upskilling"]) / (1 + g)) ** states["upskilling"],
        static_contraction=(static_growth / (1 + g)) ** states["static"],
        freelancer_portfolio=portfolio,
    )
    return Summary(
        start_income=start,
        final_income=final,
        cagr=(final / start) ** (1 / horizon) - 1,
        cumulative_earnings=cumulative,
        static_peer_cumulative=static_peer,
        career_capital=cumulative - static_peer,
        factors=factors,
    )


class RealTerms(NamedTuple):
    """A projection's money in as_of-year money: nominal / (1 + inflation) ** (year - as_of)."""

    inflation: float
    incomes: tuple[float, ...]  # one a year, as projection.years
    final_income: float
    cumulative_earnings: float
    static_peer_cumulative: float
    career_capital: float


def real_terms(projection: Projection, inflation: float) -> RealTerms:
    """Every money figure of the projection, deflated to as_of-year money."""
    profile, rates = projection.profile, projection.rates
    as_of = profile.as_of
    deflators = [(1 + inflation) ** (row.year - as_of) for row in projection.years]
    incomes = tuple(row.income / deflator for row, deflator in zip(projection.years, deflators, strict=True))
    peer = static_peer_incomes(profile, rates)
    static_peer = sum(income / deflator for income, deflator in zip(peer, deflators[1:], strict=True))
    cumulative = sum(incomes[1:])
    return RealTerms(inflation, incomes, incomes[-1], cumulative, static_peer, cumulative - static_peer)
