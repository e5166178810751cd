"""The projection model: pure functions from a validated profile and rules to results.

Nothing here reads files, prints or exits. Every parameter comes from `Rules`; the
formulas are those of the model specification (see README, "The model").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from careercap.profile import Profile
from careercap.rules import Rules

State = Literal["upskilling", "maintaining", "static"]
STATES: tuple[State, ...] = ("upskilling", "maintaining", "static")


@dataclass(frozen=True, slots=True)
class Event:
    """A learning event: a certification earned or a dated skill acquired."""

    kind: Literal["certification", "skill"]
    name: str
    year: int
    planned: bool


@dataclass(frozen=True, slots=True)
class YearRow:
    """One calendar year of a trajectory. `growth` is None on the first row."""

    year: int
    income: float
    growth: float | None
    state: State
    events: tuple[Event, ...]
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Factors:
    """How each rule moved the final income: start x all four = final (up to rounding)."""

    baseline: float
    upskilling: float
    static_contraction: float
    freelancer_portfolio: float

    def product(self) -> float:
        return self.baseline * self.upskilling * self.static_contraction * self.freelancer_portfolio


@dataclass(frozen=True, slots=True)
class Summary:
    start_income: float
    final_income: float
    cagr: float
    cumulative_earnings: float
    static_peer_cumulative: float
    career_capital: float
    factors: Factors


@dataclass(frozen=True, slots=True)
class Projection:
    """A profile's trajectory over its horizon, with the rates that produced it."""

    profile: Profile
    rates: dict[State, float]
    years: tuple[YearRow, ...]
    summary: Summary


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


def year_state(year: int, certifications: Counter[int], events: Counter[int], rules: Rules) -> State:
    """A year's state, from the learning events in the window ending with it."""
    window = range(year - rules.window_years + 1, year + 1)
    if sum(certifications[y] for y in window) >= rules.upskilling.min_certifications:
        return "upskilling"
    if sum(events[y] for y in window) == 0:
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


def project(profile: Profile, rules: Rules) -> Projection:
    """The profile's income trajectory under the rules."""
    rates = state_rates(profile.baseline_growth, rules)
    events = learning_events(profile)
    certifications = Counter(event.year for event in events if event.kind == "certification")
    any_events = Counter(event.year for event in events)
    step_year = portfolio_step_year(profile, rules)
    multiplier = rules.freelancer_portfolio.multiplier

    rows: list[YearRow] = []
    income = profile.income
    for year in range(profile.as_of, profile.final_year + 1):
        state = year_state(year, certifications, any_events, rules)
        dated = tuple(event for event in events if event.year == year)
        if year == profile.as_of:
            rows.append(YearRow(year, income, None, state, dated, ()))
            continue
        previous = income
        income *= 1 + rates[state]
        applied: list[str] = []
        if state == "upskilling":
            applied.append("upskilling")
        elif state == "static":
            applied.append("static_contraction")
        if year == step_year:
            income *= multiplier
            applied.append("freelancer_portfolio")
        rows.append(YearRow(year, income, income / previous - 1, state, dated, tuple(applied)))
    return Projection(profile, rates, tuple(rows), _summary(profile, rows, rates, multiplier))


def _summary(profile: Profile, rows: list[YearRow], rates: dict[State, float], multiplier: float) -> Summary:
    g, horizon, start = profile.baseline_growth, profile.horizon, profile.income
    projected = rows[1:]
    final = projected[-1].income
    cumulative = sum(row.income for row in projected)
    static_peer = sum(start * (1 + rates["static"]) ** k for k in range(1, horizon + 1))
    states = Counter(row.state for row in projected)
    steps = sum(1 for row in projected if "freelancer_portfolio" in row.rules)
    factors = Factors(
        baseline=(1 + g) ** horizon,
        upskilling=((1 + rates["upskilling"]) / (1 + g)) ** states["upskilling"],
        static_contraction=((1 + rates["static"]) / (1 + g)) ** states["static"],
        freelancer_portfolio=multiplier**steps,
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
