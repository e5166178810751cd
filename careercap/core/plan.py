"""The smallest learning plan that keeps every projected year out of static (and, when
asked, reaches a target income by a year): an exact search, pure like the engine.

Smallest means fewest learning events, then the earliest years, then skills before
certifications (a dated skill is usually less effort, and is all that a year's state
needs). The search is dynamic programming over the years (see `_Search`): exact, and
polynomial in the horizon, where trying every plan was exponential.
"""

from __future__ import annotations

import math
from typing import Literal, NamedTuple

from careercap.core.engine import OutOfRange, Projection, learning_events, project, state_of, state_rates
from careercap.core.fields import PartialDate
from careercap.core.profile import Certification, Profile, Skill, normalize_name
from careercap.core.rounding import cents
from careercap.core.rules import Rules

Kind = Literal["skill", "certification"]


class Addition(NamedTuple):
    kind: Kind
    year: int


MOST_EVENTS = 10
"""The most learning events `--max-events` may ask a plan to add."""


class Plan(NamedTuple):
    additions: tuple[Addition, ...]
    reached: bool  # whether a plan within the limits does all that was asked
    projection: Projection  # with the additions (the baseline itself when none is found)
    baseline: Projection
    target: float | None
    by: int | None
    max_events: int
    reachable: float | None = None  # with a target: the most income any plan reaches by then
    fewest: int = 0  # the fewest events that can keep every year out of static


class PlanError(ValueError):
    """What was asked of the planner cannot be searched: `parameter` names the argument at
    fault, where one is."""

    def __init__(self, message: str, parameter: str | None) -> None:
        super().__init__(message)
        self.parameter = parameter


def new_names(profile: Profile, kind: Kind, count: int) -> list[str]:
    """Names for `count` planned events of a kind, `New skill 1`, `New skill 2`..., passing
    over any the profile already has (compared as careercap compares names), so that the
    snippet pasted in adds them rather than repeating an entry."""
    present = profile.certifications if kind == "certification" else profile.skills
    taken = {normalize_name(item.name) for item in present}
    names: list[str] = []
    number = 0
    while len(names) < count:
        number += 1
        name = f"New {kind} {number}"
        if normalize_name(name) not in taken:
            names.append(name)
    return names


def with_additions(profile: Profile, additions: tuple[Addition, ...]) -> Profile:
    """The profile with the planned events added, named by `new_names`."""
    certifications = [a for a in additions if a.kind == "certification"]
    skills = [a for a in additions if a.kind == "skill"]
    return profile.model_copy(
        update={
            "certifications": profile.certifications
            + tuple(
                Certification.model_construct(name=name, earned=PartialDate(a.year), issuer=None)
                for name, a in zip(
                    new_names(profile, "certification", len(certifications)), certifications, strict=True
                )
            ),
            "skills": profile.skills
            + tuple(
                Skill.model_construct(name=name, acquired=PartialDate(a.year))
                for name, a in zip(new_names(profile, "skill", len(skills)), skills, strict=True)
            ),
        }
    )


def _works(projection: Projection, target: float | None, by: int | None) -> bool:
    if any(row.state == "static" for row in projection.years[1:]):
        return False
    if target is None:
        return True
    income = {row.year: row.income for row in projection.years}[
        by if by is not None else projection.profile.final_year
    ]
    return reaches(income, target)


def reaches(income: float, target: float) -> bool:
    """Whether an income reaches a target as both are shown, to the cent: an income shown
    as 51,250.00 reaches a target of 51,250, whatever its last binary digit."""
    return cents(income) >= cents(target)


def reachable(profile: Profile, rules: Rules, year: int) -> float:
    """The most income any plan reaches by `year`: enough certifications for upskilling in
    every projected year, and a freelancer's portfolio of skills in the first. (Every
    state grows at most as fast as upskilling, and the portfolio step is the same factor
    in whichever year it comes.)"""
    years = range(profile.as_of + 1, profile.final_year + 1)
    certifications = [
        Addition("certification", each) for each in years for _ in range(rules.upskilling.min_certifications)
    ]
    skills = [Addition("skill", profile.as_of + 1)] * rules.freelancer_portfolio.min_skills
    try:
        best = project(with_additions(profile, (*certifications, *skills)), rules)
    except OutOfRange:  # beyond what careercap projects to the cent: no target is out of reach
        return math.inf
    return {row.year: row.income for row in best.years}[year]


def find_plan(
    profile: Profile,
    rules: Rules,
    *,
    target: float | None = None,
    by: int | None = None,
    max_events: int = 4,
) -> Plan:
    """The smallest plan of at most `max_events` events, or reached=False if none works.
    Raises PlanError for a year `by` outside the projection."""
    if by is not None and not profile.as_of < by <= profile.final_year:
        raise PlanError(f"{by} is outside the projected years {profile.as_of + 1}-{profile.final_year}", "by")
    baseline = project(profile, rules)
    most = None if target is None else reachable(profile, rules, by if by is not None else profile.final_year)
    static = sum(row.state == "static" for row in baseline.years[1:])
    fewest = -(-static // rules.window_years)  # an event keeps at most window_years years out of static
    none = Plan((), False, baseline, baseline, target, by, max_events, most, fewest)
    if (target is not None and most is not None and not reaches(most, target)) or fewest > max_events:
        return none  # no plan of any size, or none small enough: said at once
    search = _Search(profile, rules, target, by)
    for size in range(fewest, max_events + 1):
        additions = search.plan(size)
        if additions is None:
            continue
        try:
            planned = project(with_additions(profile, additions), rules) if additions else baseline
        except OutOfRange:  # a plan whose figures careercap cannot show is no plan
            continue
        if _works(planned, target, by):  # the engine's own figures have the last word
            return none._replace(additions=additions, reached=True, projection=planned)
    return none


class _Search:
    """The exact planner: dynamic programming over the projected years.

    What a year's state needs to know of the added events is the certifications and events
    added in its window, and, for a freelancer's portfolio step, how many skills were
    added so far; so the search runs over (year, the additions of the window's earlier
    years, skills added, events left) with the best income so far for each, which is
    polynomial in the horizon, not exponential. Of the plans that work it finds the first
    in this order: fewest events; then the most events in the first year, then in the
    second, and so on (the earliest years); then, year by year, the fewest certifications
    (skills first). A forward pass carries the best income so far for each state; a
    memoized backward pass says how much a state can still grow, so that every choice is
    made knowing a plan can be completed from it."""

    def __init__(self, profile: Profile, rules: Rules, target: float | None, by: int | None) -> None:
        self.profile, self.rules, self.target = profile, rules, target
        self.years = list(range(profile.as_of + 1, profile.final_year + 1))
        self.by_index = self.years.index(by if by is not None else profile.final_year)
        self.window = rules.window_years
        self.rates = state_rates(profile.baseline_growth, rules)
        events = learning_events(profile)
        self.fixed = [
            (
                sum(1 for e in events if e.kind == "certification" and year - self.window < e.year <= year),
                sum(1 for e in events if year - self.window < e.year <= year),
            )
            for year in self.years
        ]
        needed = rules.freelancer_portfolio.min_skills
        skill_years = sorted(skill.year or 0 for skill in profile.skills)
        self.held = [sum(1 for year in skill_years if year <= each) for each in [profile.as_of, *self.years]]
        self.can_step = profile.employment == "freelancer" and self.held[0] < needed
        self.needed = needed
        self.multiplier = rules.freelancer_portfolio.multiplier
        self.certifications_needed = rules.upskilling.min_certifications
        self.cache: dict[
            tuple[int, tuple[tuple[int, int], ...], int, int, tuple[int, ...] | None], float
        ] = {}

    def step(
        self, index: int, recent: tuple[tuple[int, int], ...], skills: int, added: tuple[int, int]
    ) -> tuple[float, float, tuple[tuple[int, int], ...], int] | None:
        """Year `index` with `added` (certifications, events) in it: its growth factor and
        its portfolio multiplier (1 without a step), the window's additions after it, and
        the skills added by then; None if static."""
        certifications, events = added
        window_certs = self.fixed[index][0] + certifications + sum(c for c, _ in recent)
        window_events = self.fixed[index][1] + events + sum(e for _, e in recent)
        state = state_of(window_certs, window_events, self.rules)
        if state == "static":
            return None
        growth, step = 1 + self.rates[state], 1.0
        now = skills + (events - certifications)
        if self.can_step and self.held[index] + skills < self.needed <= self.held[index + 1] + now:
            step = self.multiplier
        # A window needs only to know whether it reaches the thresholds: a year's additions
        # count up to min_certifications certifications and one event, and no further.
        capped = (min(certifications, self.certifications_needed), min(events, 1))
        kept = (*recent, capped)[-(self.window - 1) :] if self.window > 1 else ()
        return growth, step, kept, min(now, self.needed)

    def best(
        self,
        index: int,
        recent: tuple[tuple[int, int], ...],
        skills: int,
        left: int,
        counts: tuple[int, ...] | None,
    ) -> float:
        """The largest factor by which the years from `index` on can multiply the income up
        to the target year, every year out of static, with `left` events to place (all
        of them) and, given `counts`, that many events in each year; -inf if none can."""
        if index == len(self.years):
            return 1.0 if left == 0 else -math.inf
        key = (index, recent, skills, left, counts)
        if key in self.cache:
            return self.cache[key]
        result = -math.inf
        for events in [counts[index]] if counts is not None else range(left + 1):
            if events > left:
                continue
            for certifications in range(events + 1):
                moved = self.step(index, recent, skills, (certifications, events))
                if moved is None:
                    continue
                growth, step, kept, now = moved
                rest = self.best(index + 1, kept, now, left - events, counts)
                if rest == -math.inf:
                    continue
                result = max(result, (growth * step if index <= self.by_index else 1.0) * rest)
        self.cache[key] = result
        return result

    def enough(self, income: float, future: float) -> bool:
        """Whether an income so far, times the best factor still to come, can reach the target
        (allowing for the rounding of a product taken in another order)."""
        return future > -math.inf and (
            self.target is None or cents(income * future * (1 + 1e-12)) >= cents(self.target)
        )

    def plan(self, size: int) -> tuple[Addition, ...] | None:
        """The first plan of exactly `size` events in the enumeration's order, or None."""
        if not self.enough(self.profile.income, self.best(0, (), 0, size, None)):
            return None
        counts: list[int] = []
        frontier: dict[tuple[tuple[tuple[int, int], ...], int], float] = {((), 0): self.profile.income}
        left = size
        for index in range(len(self.years)):  # the most events as early as possible: the earliest years
            for events in range(left, -1, -1):
                trial = self._advance(frontier, index, events)
                future = {key: self.best(index + 1, key[0], key[1], left - events, None) for key in trial}
                if any(self.enough(income, future[key]) for key, income in trial.items()):
                    frontier = {
                        key: income for key, income in trial.items() if self.enough(income, future[key])
                    }
                    counts.append(events)
                    left -= events
                    break
            else:
                return None
        fixed = tuple(counts)
        self.cache.clear()
        state: tuple[tuple[tuple[int, int], ...], int] = ((), 0)
        income = self.profile.income
        additions: list[Addition] = []
        for index, events in enumerate(fixed):  # then the fewest certifications, year by year
            for certifications in range(events + 1):
                moved = self.step(index, state[0], state[1], (certifications, events))
                if moved is None:
                    continue
                growth, step, kept, now = moved
                grown = income * growth * step if index <= self.by_index else income  # as the engine does
                rest = self.best(index + 1, kept, now, sum(fixed[index + 1 :]), fixed)
                if self.enough(grown, rest):
                    state, income = (kept, now), grown
                    year = self.years[index]
                    additions += [Addition("skill", year)] * (events - certifications)
                    additions += [Addition("certification", year)] * certifications
                    break
            else:
                return None
        return tuple(additions)

    def _advance(
        self, frontier: dict[tuple[tuple[tuple[int, int], ...], int], float], index: int, events: int
    ) -> dict[tuple[tuple[tuple[int, int], ...], int], float]:
        """Every state one year on with `events` added in year `index` (any certifications
        among them), each with the best income it can have."""
        after: dict[tuple[tuple[tuple[int, int], ...], int], float] = {}
        for (recent, skills), income in frontier.items():
            for certifications in range(events + 1):
                moved = self.step(index, recent, skills, (certifications, events))
                if moved is None:
                    continue
                growth, step, kept, now = moved
                grown = income * growth * step if index <= self.by_index else income  # as the engine does
                if grown > after.get((kept, now), -math.inf):
                    after[(kept, now)] = grown
        return after
