"""The search for the fewest generic events (and, when asked, a target reached): dynamic
programming over the projected years, exact and polynomial in the horizon. The priced
search builds on its years (`Search.step`, `Search.grow`, `Search.earned`).

Career events are given, never chosen: a year's raise or stated income, a break's share,
and the employment that decides whether a portfolio step can come in a year are the
engine's own (`Career`, `step_can_fall`), applied in the engine's order."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

from careercap.core.engine import (
    Career,
    OutOfRange,
    Projection,
    learning_events,
    project,
    state_of,
    state_rates,
    step_can_fall,
)
from careercap.core.plan.problem import Addition, Plan, with_additions, works
from careercap.core.profile import Profile
from careercap.core.rounding import cents
from careercap.core.rules import Rules

Window = tuple[tuple[int, int], ...]
"""What a year needs to know of the window's earlier years: the (certifications, events)
added in each, counted only as far as a year's state counts them (see `Search.step`)."""

Added = tuple[int, int, int]
"""What a year adds: (certifications that count toward upskilling, skills, events). The
events are all three kinds: those two, and certifications below the rules' min_hours."""

Reached = dict[tuple[Window, int], float]
"""The best income so far for each (window, skills added so far)."""


class Step(NamedTuple):
    """A year with some events added in it."""

    growth: float  # the year's growth factor
    multiplier: float  # its freelancer's portfolio multiplier: 1 without a step
    recent: Window  # the window's additions after it
    skills: int  # the skills added by then (counted up to a portfolio's)


class Search:
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
    made knowing a plan can be completed from it.

    Career events change the income, not the states: a raise multiplies it, a stated
    income replaces it (so that what comes before matters to the income after only
    through the states), and only a freelancer's year (not the year of a switch to
    freelancing) can take the portfolio step."""

    def __init__(self, profile: Profile, rules: Rules, target: float | None, by: int | None) -> None:
        self.profile, self.rules, self.target = profile, rules, target
        self.years = list(range(profile.as_of + 1, profile.final_year + 1))
        self.by_index = self.years.index(by if by is not None else profile.final_year)
        self.window = rules.window_years
        self.rates = state_rates(profile.baseline_growth, rules)
        events = learning_events(profile, rules.upskilling.min_hours)
        self.fixed = [
            (
                sum(1 for e in events if e.certifies and year - self.window < e.year <= year),
                sum(1 for e in events if year - self.window < e.year <= year),
            )
            for year in self.years
        ]
        needed = rules.freelancer_portfolio.min_skills
        skill_years = sorted(skill.year or 0 for skill in profile.skills)
        self.held = [sum(1 for year in skill_years if year <= each) for each in [profile.as_of, *self.years]]
        # Whether the portfolio step can come in each year, should the skills held reach the
        # portfolio then: the engine's own answer.
        self.steps = [step_can_fall(profile, year) for year in self.years]
        self.can_step = self.held[0] < needed and any(self.steps)
        self.needed = needed
        self.multiplier = rules.freelancer_portfolio.multiplier
        self.certifications_needed = rules.upskilling.min_certifications
        self.career = Career.of(profile)
        changes = {} if self.career is None else self.career.changes
        self.changed = [year in changes for year in self.years]  # a stated income or a raise
        self.shares = [None if self.career is None else self.career.shares.get(year) for year in self.years]
        # A stated income up to the target's year, from each year on: the income that year
        # then no longer depends on the income before (see `best`).
        self.anchored = [False] * (len(self.years) + 1)
        for index in range(self.by_index, -1, -1):
            stated = self.changed[index] and changes[self.years[index]][0] is not None
            self.anchored[index] = stated or self.anchored[index + 1]
        self.static_allowed = False  # whether a plan may leave a year static
        self.cache: dict[tuple[int, Window, int, int, tuple[int, ...] | None], float] = {}

    def step(self, index: int, recent: Window, skills: int, added: Added) -> Step | None:
        """Year `index` with `added` in it, after the window's `recent` additions and
        `skills` skills added; None if static."""
        certifications, new_skills, events = added
        window_certs = self.fixed[index][0] + certifications + sum(c for c, _ in recent)
        window_events = self.fixed[index][1] + events + sum(e for _, e in recent)
        state = state_of(window_certs, window_events, self.rules)
        if state == "static" and not self.static_allowed:
            return None
        growth, multiplier = 1 + self.rates[state], 1.0
        now = skills + new_skills
        if (
            self.can_step
            and self.held[index] + skills < self.needed <= self.held[index + 1] + now
            and self.steps[index]
        ):
            multiplier = self.multiplier
        # A window needs only to know whether it reaches the thresholds: a year's additions
        # count up to min_certifications certifications and one event, and no further.
        capped = (min(certifications, self.certifications_needed), min(events, 1))
        kept = (*recent, capped)[-(self.window - 1) :] if self.window > 1 else ()
        return Step(growth, multiplier, kept, min(now, self.needed))

    def grow(self, index: int, income: float, moved: Step) -> float:
        """The income after year `index`, from the income before it: the year's growth and
        portfolio step, then its stated income or raise, as the engine does."""
        income = income * moved.growth * moved.multiplier
        if self.changed[index]:
            return self.career.pay(self.years[index], income)  # type: ignore[union-attr]
        return income

    def earned(self, index: int, income: float) -> float:
        """What year `index` brings in, as shown, from its income: the income, or in a
        break the break's share of it (`Career.earned`)."""
        shown = cents(income)
        if self.shares[index] is None:
            return shown
        return self.career.earned(self.years[index], shown)  # type: ignore[union-attr]

    def _through(self, index: int, moved: Step, rest: float) -> float:
        """`best` from year `index` on, from what year `index` does and `rest`, the best
        from the next year on (see `best`)."""
        if index > self.by_index or self.anchored[index + 1]:
            return rest  # the income then does not depend on this year's
        if self.changed[index]:  # a stated income (the income then) or a raise (a factor)
            return self.grow(index, 1.0, moved) * rest
        return moved.growth * moved.multiplier * rest

    def best(
        self, index: int, recent: Window, skills: int, left: int, counts: tuple[int, ...] | None
    ) -> float:
        """The largest factor by which the years from `index` on can multiply the income up
        to the target year, every year out of static, with `left` events to place (all
        of them) and, given `counts`, that many events in each year; -inf if none can.
        Where a stated income comes between `index` and the target year
        (`self.anchored[index]`), the income in the target year does not depend on the
        income before `index`, and this is that income itself, not a factor."""
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
                moved = self.step(index, recent, skills, (certifications, events - certifications, events))
                if moved is None:
                    continue
                rest = self.best(index + 1, moved.recent, moved.skills, left - events, counts)
                if rest == -math.inf:
                    continue
                result = max(result, self._through(index, moved, rest))
        self.cache[key] = result
        return result

    def enough(self, income: float, future: float, index: int) -> bool:
        """Whether an income before year `index`, and the best still to come from it on
        (`best`: a factor, or the income itself after a stated one), can reach the target
        (allowing for the rounding of a product taken in another order)."""
        if future == -math.inf:
            return False
        if self.target is None:
            return True
        reached = future if self.anchored[index] else income * future
        return cents(reached * (1 + 1e-12)) >= cents(self.target)

    def plan(self, size: int) -> tuple[Addition, ...] | None:
        """The first plan of exactly `size` events in the enumeration's order, or None."""
        if not self.enough(self.profile.income, self.best(0, (), 0, size, None), 0):
            return None
        counts: list[int] = []
        frontier: Reached = {((), 0): self.profile.income}
        left = size
        for index in range(len(self.years)):  # the most events as early as possible: the earliest years
            for events in range(left, -1, -1):
                trial = self._advance(frontier, index, events)
                future = {key: self.best(index + 1, key[0], key[1], left - events, None) for key in trial}
                if any(self.enough(income, future[key], index + 1) for key, income in trial.items()):
                    frontier = {
                        key: income
                        for key, income in trial.items()
                        if self.enough(income, future[key], index + 1)
                    }
                    counts.append(events)
                    left -= events
                    break
            else:
                return None
        fixed = tuple(counts)
        self.cache.clear()
        recent: Window = ()
        skills = 0
        income = self.profile.income
        additions: list[Addition] = []
        for index, events in enumerate(fixed):  # then the fewest certifications, year by year
            for certifications in range(events + 1):
                moved = self.step(index, recent, skills, (certifications, events - certifications, events))
                if moved is None:
                    continue
                _, _, kept, now = moved
                grown = self.grow(index, income, moved) if index <= self.by_index else income
                rest = self.best(index + 1, kept, now, sum(fixed[index + 1 :]), fixed)
                if self.enough(grown, rest, index + 1):
                    recent, skills, income = kept, now, grown
                    year = self.years[index]
                    additions += [Addition("skill", year)] * (events - certifications)
                    additions += [Addition("certification", year)] * certifications
                    break
            else:
                return None
        return tuple(additions)

    def _advance(self, frontier: Reached, index: int, events: int) -> Reached:
        """Every state one year on with `events` added in year `index` (any certifications
        among them), each with the best income it can have."""
        after: Reached = {}
        for (recent, skills), income in frontier.items():
            for certifications in range(events + 1):
                moved = self.step(index, recent, skills, (certifications, events - certifications, events))
                if moved is None:
                    continue
                _, _, kept, now = moved
                grown = self.grow(index, income, moved) if index <= self.by_index else income
                if grown > after.get((kept, now), -math.inf):
                    after[(kept, now)] = grown
        return after


def smallest(
    profile: Profile,
    rules: Rules,
    none: Plan,
    checked: Callable[[int], tuple[Addition, ...] | None] | None = None,
) -> Plan:
    """The plan of fewest generic events, found by `Search`; `none` (the plan of nothing,
    saying what was asked) if none works. The search may find a plan that the engine's own
    figures say misses the target by a cent (its products are taken in another order):
    then `checked(size)`, if given, is the first plan of at most `size` events that works
    by the engine's figures, every plan weighed in order."""
    search = Search(profile, rules, none.target, none.by)
    for size in range(none.fewest, none.max_events + 1):
        additions = search.plan(size)
        if additions is None:
            continue
        planned = _projected(profile, rules, none, additions)
        if planned is not None and works(planned, none.target, none.by):  # the engine has the last word
            return none._replace(additions=additions, reached=True, projection=planned)
        if checked is not None and (found := checked(size)) is not None:
            planned = _projected(profile, rules, none, found)
            assert planned is not None  # `checked` projects what it returns
            return none._replace(additions=found, reached=True, projection=planned)
    return none


def _projected(
    profile: Profile, rules: Rules, none: Plan, additions: tuple[Addition, ...]
) -> Projection | None:
    """The profile with the additions, projected; None for a plan whose figures careercap
    cannot show, which is no plan."""
    try:
        return project(with_additions(profile, additions), rules) if additions else none.baseline
    except OutOfRange:
        return None
