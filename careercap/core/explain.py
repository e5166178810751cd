"""Why each rule fired or did not, year by year, and what is within reach: pure, like the
engine, whose projection it only puts into words (the engine records each year's window
and the skills held, so nothing is worked out twice)."""

from __future__ import annotations

import itertools
from typing import NamedTuple

from careercap.core.engine import Event, OutOfRange, Projection, YearRow, project
from careercap.core.present import PresentValue, discounted, present_value
from careercap.core.profile import CareerEvent
from careercap.core.returns import LearningReturn, Marginal, learning_return, marginal_gains
from careercap.core.rounding import from_cents
from careercap.core.rules import PORTFOLIO, Rules
from careercap.core.words import counted, span


class YearReason(NamedTuple):
    year: int
    state: str
    growth: float | None  # None in the start year
    reason: str  # the counts against the thresholds, in words


class Valued(NamedTuple):
    """What a planned event adds and costs, worth in as_of at the discount rate: the same
    gain is worth less, the later it comes."""

    gain: float
    cost: float


class Explanation(NamedTuple):
    projection: Projection
    years: tuple[YearReason, ...]
    portfolio: str  # the freelancer portfolio rule, for this profile
    hints: tuple[str, ...]  # what is within reach
    planned: tuple[Marginal, ...] = ()  # what each planned event adds, and costs
    valued: tuple[Valued, ...] = ()  # with a discount rate: the same, in as_of, one a planned event
    present: PresentValue | None = None  # with a discount rate: the whole plan's, in as_of
    learning: LearningReturn | None = None  # with a discount rate: the whole plan's, undiscounted
    career: tuple[str, ...] = ()  # what each career event did, in year order


def _listed(names: list[str]) -> str:
    return f" ({', '.join(names)})" if names else ""


def _certifications(events: tuple[Event, ...]) -> list[Event]:
    return [event for event in events if event.kind == "certification"]


def _year_reason(row: YearRow, rules: Rules) -> str:
    window = rules.window_years
    years = span(row.year - window + 1, row.year)
    certifications = _certifications(row.window)
    needed = rules.upskilling.min_certifications
    if row.state == "upskilling":
        names = _listed([event.name for event in certifications])
        return f"{counted(len(certifications), 'certification')} in {years}{names} >= {needed}"
    if row.state == "static":
        return f"no learning event in {years}"
    names = _listed([event.name for event in row.window])
    return (
        f"{counted(len(row.window), 'learning event')} in {years}{names}, "
        f"{counted(len(certifications), 'certification')} < {needed}"
    )


def _skills(row: YearRow) -> str:
    return f"{counted(len(row.held), 'distinct skill')}{_listed(list(row.held))}"


def _portfolio(projection: Projection, rules: Rules) -> str:
    profile = projection.profile
    freelancing = [row for row in projection.years if projection.employment(row.year) == "freelancer"]
    if not freelancing:
        return "not for an employee"
    needed, multiplier = rules.freelancer_portfolio.min_skills, rules.freelancer_portfolio.multiplier
    first, last = freelancing[0], projection.years[-1]
    if len(first.held) >= needed:
        when = "" if first.year == profile.as_of else " (the switch to freelancer)"
        return (
            f"{_skills(first)} held in {first.year}{when} >= {needed}: "
            "the stated revenue already reflects the portfolio, so there is no step"
        )
    for before, row in itertools.pairwise(projection.years):
        if PORTFOLIO in row.rules:
            return (
                f"{_skills(row)} held at the end of {row.year} >= {needed}, "
                f"{len(before.held)} the year before: revenue ×{multiplier:g} in {row.year}"
            )
    return f"{_skills(last)} by {last.year} < {needed}: no step"


def _upskilling_hints(projection: Projection, rules: Rules) -> list[str]:
    """Maintaining years one certification short of upskilling."""
    window, needed = rules.window_years, rules.upskilling.min_certifications
    hints = []
    for row in projection.years[1:]:
        if row.state == "maintaining" and len(_certifications(row.window)) == needed - 1:
            first = max(projection.profile.as_of + 1, row.year - window + 1)
            hints.append(
                f"one more certification in {span(first, row.year)} would make {row.year} an upskilling year"
            )
    return hints


def _static_hints(projection: Projection, rules: Rules) -> list[str]:
    """Each run of static projected years: why, and what would have kept its first year out."""
    profile, window = projection.profile, rules.window_years
    runs: list[list[int]] = []
    for row in projection.years[1:]:
        if row.state != "static":
            continue
        if runs and runs[-1][-1] == row.year - 1:
            runs[-1].append(row.year)
        else:
            runs.append([row.year])
    hints = []
    for run in runs:
        first, last = run[0], run[-1]
        if last == profile.final_year:
            before = [event.year for event in projection.events if event.year < first]
            since = f"after {max(before)}" if before else "on record"
            found = f"no learning event {since}: static from {first} on"
        else:
            found = f"no learning event in {span(first - window + 1, last)}: static in {span(first, last)}"
        cure = span(max(profile.as_of + 1, first - window + 1), first)
        hints.append(f"{found}; a certification or dated skill in {cure} would keep {first} out of it")
    return hints


def _portfolio_hints(projection: Projection, rules: Rules) -> list[str]:
    """A freelancer who does not reach the portfolio within the horizon."""
    profile, needed = projection.profile, rules.freelancer_portfolio.min_skills
    if projection.employment(profile.final_year) != "freelancer" or len(projection.years[0].held) >= needed:
        return []
    missing = needed - len(projection.years[-1].held)
    if missing <= 0:
        return []
    more = "one more distinct skill" if missing == 1 else f"{missing} more distinct skills"
    return [
        f"{more} by {profile.final_year} would reach the portfolio: "
        f"revenue ×{rules.freelancer_portfolio.multiplier:g} in the year it is reached"
    ]


def _as_written(projection: Projection) -> Projection:
    """The projection with each year's window and skills in the order the profile lists
    them (certifications, then skills), as a person reading it looks for them; the engine
    keeps them in year order."""
    events = {event: index for index, event in enumerate(projection.events)}
    skills = {skill.name: index for index, skill in enumerate(projection.profile.skills)}
    rows = tuple(
        row._replace(
            window=tuple(sorted(row.window, key=events.__getitem__)),
            held=tuple(sorted(row.held, key=skills.__getitem__)),
        )
        for row in projection.years
    )
    return projection._replace(years=rows)


def explain(projection: Projection, rules: Rules) -> Explanation:
    """Why each year of the projection is in its state, and what is within reach."""
    multiplier = rules.freelancer_portfolio.multiplier
    written = _as_written(projection)
    changes: dict[int, list[str]] = {}  # the career events that change the income of a year
    for event in projection.profile.events:
        if event.income is not None or event.raise_ is not None:
            changes.setdefault(event.year, []).append(event.label)
    years = tuple(
        YearReason(
            row.year,
            row.state,
            row.growth,
            _year_reason(row, rules)
            + (f", and the portfolio step ×{multiplier:g}" if PORTFOLIO in row.rules else "")
            + "".join(f", then the {label}" for label in changes.get(row.year, ())),
        )
        for row in written.years
    )
    hints = (
        _upskilling_hints(written, rules) + _static_hints(written, rules) + _portfolio_hints(written, rules)
    )
    planned = tuple(marginal_gains(projection, rules))
    explanation = Explanation(
        projection,
        years,
        _portfolio(written, rules),
        tuple(hints),
        planned,
        career=_career(projection, rules),
    )
    rate = projection.profile.discount_rate
    if rate is None:
        return explanation
    learning = learning_return(projection, rules)
    return explanation._replace(
        valued=tuple(_valued(marginal, projection.profile.as_of, rate) for marginal in planned),
        present=present_value(projection, learning, rate),
        learning=learning,
    )


def _career(projection: Projection, rules: Rules) -> tuple[str, ...]:
    """What each career event within the horizon did to the income and to what is earned;
    career capital and the learning figures are left alone by design (the static peer and
    the profile without its planned learning live the same events)."""
    profile = projection.profile
    rows = {row.year: row for row in projection.years}
    said = []
    for event in sorted(profile.events, key=lambda event: event.year):
        row = rows.get(event.year)
        if row is None:
            continue  # after the horizon: a warning said so
        effects = []
        if event.employment == "freelancer":
            effects.append(_switched_in(projection, rules, event.year))
        elif event.employment == "employee":
            effects.append("the portfolio rule ends; a step taken stays in the income")
        if event.income is not None or event.raise_ is not None:
            before = _before_change(projection, rules, event)
            computed = "less than a cent" if before is None else f"{before:,.2f}"
            if event.income is not None:
                stated = f"{event.income:,.2f}"
                given = "less than a cent, as" if before is None else f"the {computed}"
                effects.append(f"the income is the stated {stated} instead of {given} the rules give")
            else:
                factor = 1 + (event.raise_ or 0.0)
                effects.append(f"the income ×{factor:g}: {row.income:,.2f} instead of {computed}")
        if event.break_ is not None:
            share = f"{(event.share or 0) * 100:g} %"
            earned = ", ".join(
                f"{rows[year].earned:,.2f} in {year}"
                for year in range(event.year, event.last_year + 1)
                if year in rows
            )
            effects.append(
                f"earned is {share} of the income ({earned}); the income, the rate of pay, goes on, and "
                "so do the states: a year without learning in its window is static"
            )
        when = span(event.year, min(event.last_year, profile.final_year))
        said.append(f"{when}, {event.label}: {'; '.join(effects)}")
    if said:
        said.append(
            "Career capital and the learning figures leave the events out by design: the static peer and the "
            "profile without its planned learning live the same events, so both measure learning alone."
        )
    return tuple(said)


def _switched_in(projection: Projection, rules: Rules, year: int) -> str:
    needed = rules.freelancer_portfolio.min_skills
    held = len(next(row for row in projection.years if row.year == year).held)
    if held >= needed:
        return (
            f"{counted(held, 'distinct skill')} held at the switch >= {needed}: the income already reflects "
            "the portfolio, so there is no step"
        )
    return (
        f"{counted(held, 'distinct skill')} held at the switch < {needed}: the portfolio step "
        f"×{rules.freelancer_portfolio.multiplier:g} comes in the first later year the skills reach {needed}"
    )


def _before_change(projection: Projection, rules: Rules, event: CareerEvent) -> float | None:
    """The income of the event's year as the rules give it, before its stated income or
    raise: the same profile projected without that change up to that year (the years
    before it are the same, and a year's state does not depend on career events); None if
    that income is below a cent, where careercap projects no further."""
    profile = projection.profile
    kept = []
    for each in profile.events:
        if each is not event:
            kept.append(each)
        elif each.employment is not None:
            kept.append(each.model_copy(update={"income": None}))
    until = profile.model_copy(update={"events": tuple(kept), "horizon": event.year - profile.as_of})
    try:
        without = project(until, rules)
    except OutOfRange:
        return None
    return next(row.income for row in without.years if row.year == event.year)


def _valued(marginal: Marginal, as_of: int, rate: float) -> Valued:
    """A planned event's gain and cost in as_of: each year's, discounted from its year."""
    gain = sum(discounted(flow.gain, flow.year - as_of, rate) for flow in marginal.flows)
    cost = sum(discounted(flow.cost, flow.year - as_of, rate) for flow in marginal.flows)
    return Valued(from_cents(gain), from_cents(cost))
