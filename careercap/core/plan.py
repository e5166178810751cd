"""The smallest learning plan that keeps every projected year out of static (and, when
asked, reaches a target income by a year): an exact search, pure like the engine.

Smallest means fewest learning events, then the earliest years, then skills before
certifications (a dated skill is usually less effort, and is all that a year's state
needs). The search is dynamic programming over the years (see `_Search`): exact, and
polynomial in the horizon, where trying every plan was exponential.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from careercap.core.engine import OutOfRange, Projection, learning_events, project, state_of, state_rates
from careercap.core.fields import PartialDate
from careercap.core.profile import Certification, Profile, Skill, normalize_name
from careercap.core.returns import event_cost, fees, learning_return
from careercap.core.rounding import cents
from careercap.core.rules import Rules

if TYPE_CHECKING:
    from careercap.core.catalogue import Catalogue

Kind = Literal["skill", "certification"]
Objective = Literal["fewest", "cheapest", "net-gain"]
"""What a plan is best at: the fewest events (the default); the least learning cost (with
a target); the largest net learning gain (`--maximise net-gain`)."""


class Addition(NamedTuple):
    kind: Kind
    year: int
    name: str | None = None  # the catalogue option's name; None for a generic event
    cost: float | None = None  # as the option gives them
    hours: float | None = None


MOST_EVENTS = 10
"""The most learning events `--max-events` may ask a plan to add."""


MOST_WORK = 40_000
"""The largest search `find_plan` takes on, in option-event-years: the catalogue options a
best plan could take (see `useful`), times the events it may add, times the projected
years. About 30 seconds and well under a gigabyte at the worst."""

MOST_WORK_WEIGHED = 12_000
"""The same with a budget or hours that bind: every way to keep within them is weighed."""

MOST_SPREADS = 1_000_000
"""The most ways, summed over the projected years, that the events may be spread over the
spans of years the options can be taken in (options of a kind with the same first and last
years form one)."""


class Limits(NamedTuple):
    """What a plan may add: events, money (net of the subsidy) and hours."""

    max_events: int = 4
    budget: float | None = None
    max_hours: float | None = None


class Spent(NamedTuple):
    money: float  # cost x (1 - learning_subsidy): what --budget limits
    hours: float  # what --max-hours limits
    cost: float  # money + hours x hourly_value, as the return on learning counts it


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
    objective: Objective = "fewest"
    limits: Limits = Limits()
    options: int | None = None  # with a catalogue: how many of its options fit the projected years

    @property
    def spent(self) -> Spent:
        """What the additions spend: money net of the subsidy, hours, and both as cost."""
        profile = self.baseline.profile
        return Spent(
            sum(fees(a, profile) for a in self.additions),
            sum(a.hours or 0.0 for a in self.additions),
            sum(event_cost(a, profile) for a in self.additions),
        )

    @property
    def keeps_out_of_static(self) -> bool:
        """Whether the plan must keep every year out of static (all but net-gain plans)."""
        return self.objective != "net-gain"


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


def names_of(profile: Profile, additions: tuple[Addition, ...]) -> list[str]:
    """The name each addition goes into the profile with: a generic event's from
    `new_names`; an option's own name, with its year after it when the profile or the plan
    has that name already (a repeatable option taken again), since a name repeated in a
    profile counts once."""
    generic = {
        kind: iter(new_names(profile, kind, sum(1 for a in additions if a.kind == kind and a.name is None)))
        for kind in ("skill", "certification")
    }
    taken = {
        kind: {normalize_name(item.name) for item in items}
        for kind, items in (("skill", profile.skills), ("certification", profile.certifications))
    }
    names = []
    for addition in additions:
        if addition.name is None:
            names.append(next(generic[addition.kind]))
            continue
        tried = [addition.name, f"{addition.name} ({addition.year})"]
        name = next(
            (each for each in tried if normalize_name(each) not in taken[addition.kind]),
            None,
        )
        number = 1
        while name is None:
            number += 1
            candidate = f"{addition.name} ({addition.year}, {number})"
            name = candidate if normalize_name(candidate) not in taken[addition.kind] else None
        taken[addition.kind].add(normalize_name(name))
        names.append(name)
    return names


def with_additions(profile: Profile, additions: tuple[Addition, ...]) -> Profile:
    """The profile with the planned events added, named by `names_of`."""
    certifications: list[Certification] = []
    skills: list[Skill] = []
    for name, a in zip(names_of(profile, additions), additions, strict=True):
        if a.kind == "certification":
            certifications.append(
                Certification.model_construct(
                    name=name, earned=PartialDate(a.year), issuer=None, cost=a.cost, hours=a.hours
                )
            )
        else:
            skills.append(
                Skill.model_construct(name=name, acquired=PartialDate(a.year), cost=a.cost, hours=a.hours)
            )
    return profile.model_copy(
        update={
            "certifications": profile.certifications + tuple(certifications),
            "skills": profile.skills + tuple(skills),
        }
    )


def _works(projection: Projection, target: float | None, by: int | None, out_of_static: bool = True) -> bool:
    if out_of_static and any(row.state == "static" for row in projection.years[1:]):
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


class Item(NamedTuple):
    """Something a plan may add: a catalogue option, or a generic event (no name, no cost),
    with what it costs this profile and the years it can be taken in."""

    kind: Kind
    name: str | None
    cost: float | None  # as written
    hours: float | None
    money: float  # cost x (1 - learning_subsidy): what --budget counts
    time: float  # hours: what --max-hours counts
    total: float  # the event's cost, as the return on learning counts it
    first: int
    last: int
    repeatable: bool
    order: int  # in the catalogue

    def addition(self, year: int) -> Addition:
        return Addition(self.kind, year, self.name, self.cost, self.hours)


GENERIC: tuple[tuple[Kind, int], ...] = (("skill", 0), ("certification", 1))


def items_of(profile: Profile, catalogue: Catalogue | None) -> list[Item]:
    """What a plan for this profile may add: generic events without a catalogue, else the
    options that fit the projected years and are not in the profile already (a repeatable
    one may be, since taking it again is what repeatable means: once a year)."""
    first, last = profile.as_of + 1, profile.final_year
    if catalogue is None:
        return [
            Item(kind, None, None, None, 0.0, 0.0, 0.0, first, last, True, order) for kind, order in GENERIC
        ]
    held = {
        "certification": {normalize_name(c.name) for c in profile.certifications},
        "skill": {normalize_name(s.name) for s in profile.skills},
    }
    items = []
    for order, option in enumerate(catalogue.options):
        start = max(first, option.earliest or first)
        end = min(last, option.latest or last)
        if start > end or (not option.repeatable and normalize_name(option.name) in held[option.kind]):
            continue
        money, time, total = fees(option, profile), option.hours or 0.0, event_cost(option, profile)
        items.append(
            Item(
                option.kind,
                option.name,
                option.cost,
                option.hours,
                money,
                time,
                total,
                start,
                end,
                option.repeatable,
                order,
            )
        )
    return items


def useful(items: list[Item], limits: Limits) -> list[Item]:
    """The items a best plan may need: none that alone spends more than the budget or the
    hours, and none that `max_events` others beat. One beats another of its kind when it
    can be taken in all its years and takes no more money, hours or cost (on a tie, the
    one first in the catalogue): a plan of at most `max_events` events that takes the
    beaten one leaves one of those others free to take in its place, spending no more.
    (Of the items beaten, the ones that others do not beat `max_events` times are kept,
    and they alone suffice.)"""
    budget, hours = limits.budget, limits.max_hours
    within = [
        item
        for item in items
        if (budget is None or cents(item.money) <= cents(budget)) and (hours is None or item.time <= hours)
    ]

    def beats(one: Item, other: Item) -> bool:
        return (
            one.kind == other.kind
            and one.first <= other.first
            and one.last >= other.last
            and one.money <= other.money
            and one.time <= other.time
            and one.total <= other.total
            and (one.first, -one.last, one.money, one.time, one.total, one.order)
            < (other.first, -other.last, other.money, other.time, other.total, other.order)
        )

    return [
        item
        for item in within
        if sum(1 for other in within if beats(other, item)) < max(limits.max_events, 1)
    ]


def find_plan(
    profile: Profile,
    rules: Rules,
    *,
    target: float | None = None,
    by: int | None = None,
    max_events: int = 4,
    catalogue: Catalogue | None = None,
    maximise: Literal["net-gain"] | None = None,
    budget: float | None = None,
    max_hours: float | None = None,
) -> Plan:
    """The best plan of at most `max_events` events (and within the budget and hours), or
    reached=False if none does what was asked. Best is the fewest events; with a target,
    the least learning cost; with maximise, the largest net learning gain. Ties go to
    fewer events, then earlier years, then (for the fewest events) the least cost.
    Raises PlanError for a year `by` outside the projection."""
    if by is not None and not profile.as_of < by <= profile.final_year:
        raise PlanError(f"{by} is outside the projected years {profile.as_of + 1}-{profile.final_year}", "by")
    objective: Objective = "net-gain" if maximise else "cheapest" if target is not None else "fewest"
    limits = Limits(max_events, budget, max_hours)
    baseline = project(profile, rules)
    items = items_of(profile, catalogue)
    most = None if target is None else reachable(profile, rules, by if by is not None else profile.final_year)
    static = sum(row.state == "static" for row in baseline.years[1:])
    fewest = -(-static // rules.window_years)  # an event keeps at most window_years years out of static
    none = Plan(
        (),
        False,
        baseline,
        baseline,
        target,
        by,
        max_events,
        most,
        fewest,
        objective,
        limits,
        None if catalogue is None else len(items),
    )
    if (target is not None and most is not None and not reaches(most, target)) or (
        objective != "net-gain" and fewest > max_events
    ):
        return none  # no plan of any size, or none small enough: said at once
    items = useful(items, limits) if catalogue is not None else items
    if objective == "net-gain":
        return _found(profile, rules, none, _Priced(profile, rules, _searched(none, items), items).plan())
    smallest = _smallest(profile, rules, none)  # generic events, free and always at hand
    if catalogue is None or not smallest.reached:  # fewest is cheapest; or no catalogue does better
        return smallest
    if objective == "cheapest":
        return _found(profile, rules, none, _Priced(profile, rules, _searched(none, items), items).plan())
    # The fewest events: no catalogue plan is smaller than the generic one, and the first
    # size at which one is found is the answer, so each size is searched alone, smallest first.
    for size in range(len(smallest.additions), max_events + 1):
        searched = _searched(none._replace(limits=none.limits._replace(max_events=size)), items)
        additions = _Priced(profile, rules, searched, items).plan()
        if additions is not None:
            return _found(profile, rules, none, additions)
    return none


def _bounded(plan: Plan, items: list[Item]) -> None:
    """Refuse at once a search larger than `MOST_WORK` (or `MOST_WORK_WEIGHED`), saying
    what to change."""
    limits = plan.limits
    weighed = limits.budget is not None or limits.max_hours is not None
    years = plan.baseline.profile.horizon
    work, most = len(items) * limits.max_events * years, MOST_WORK_WEIGHED if weighed else MOST_WORK
    pools = len({(item.kind, item.first, item.last) for item in items})
    spreads = years * math.comb(limits.max_events + pools, pools)
    if not weighed and work <= most and spreads > MOST_SPREADS:
        raise PlanError(
            f"the search is too large: {limits.max_events} events spread over the {pools} spans of years "
            f"of the catalogue's options over {years} years is {spreads:,} ways, and plan searches at "
            f"most {MOST_SPREADS:,}; ask for fewer --max-events, a shorter --horizon or fewer "
            "options' earliest and latest years",
            "max_events",
        )
    if work <= most:
        return
    within = " within --budget or --max-hours" if weighed else ""
    raise PlanError(
        f"the search is too large: {len(items)} catalogue options a plan could take x "
        f"{limits.max_events} events x {years} years is {work:,}, and plan searches at most "
        f"{most:,}{within}; ask for fewer --max-events, a shorter --horizon or a smaller catalogue",
        "max_events",
    )


def _searched(plan: Plan, items: list[Item]) -> Plan:
    """The plan to search for: a budget or hours that no plan of at most max_events of the
    items could exceed bind nothing, and searching without them is exact, and far quicker."""
    limits = plan.limits
    most = [
        (item.money, item.time)
        for item in items
        for _ in range(min(limits.max_events, item.last - item.first + 1) if item.repeatable else 1)
    ]
    most_money = sum(sorted((money for money, _ in most), reverse=True)[: limits.max_events])
    most_hours = sum(sorted((hours for _, hours in most), reverse=True)[: limits.max_events])
    searched = plan._replace(
        limits=limits._replace(
            budget=None
            if limits.budget is None or cents(most_money) <= cents(limits.budget)
            else limits.budget,
            max_hours=None
            if limits.max_hours is None or most_hours <= limits.max_hours
            else limits.max_hours,
        )
    )
    _bounded(searched, items)
    return searched


def _found(profile: Profile, rules: Rules, none: Plan, additions: tuple[Addition, ...] | None) -> Plan:
    if additions is None:
        return none
    planned = project(with_additions(profile, additions), rules) if additions else none.baseline
    return none._replace(additions=additions, reached=True, projection=planned)


def _smallest(profile: Profile, rules: Rules, none: Plan) -> Plan:
    """The plan of fewest generic events, found by `_Search`."""
    search = _Search(profile, rules, none.target, none.by)
    for size in range(none.fewest, none.max_events + 1):
        additions = search.plan(size)
        if additions is None:
            continue
        try:
            planned = project(with_additions(profile, additions), rules) if additions else none.baseline
        except OutOfRange:  # a plan whose figures careercap cannot show is no plan
            continue
        if _works(planned, none.target, none.by):  # the engine's own figures have the last word
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
        self.static_allowed = False  # whether a plan may leave a year static
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
        if state == "static" and not self.static_allowed:
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


Label = tuple[float, float, float, int, int, Any, float, float]
"""A partial plan reaching a state of `_Priced`: its income, the sum of its incomes so far
(as shown, to the cent), its cost so far, its events and its certifications by year (as
base-256 digits, a year each: events as 255 less their number, so that smaller is
earlier, as tuples would compare), its choices (linked: (earlier, this year's)), and the
money (net of the subsidy) and hours it has spent."""

Choice = tuple[tuple[int, int], ...]  # (group, how many of it) for a year


class _Group(NamedTuple):
    """Items of one kind that can be taken in the same years: interchangeable but for cost."""

    kind: Kind
    first: int
    last: int
    items: tuple[Item, ...]  # cheapest first
    free: bool  # a repeatable item costing nothing: how many are taken costs nothing
    capacity: float  # how many can be taken


class _Priced:
    """The exact planner when learning has a price: a catalogue, or net gain as the goal.

    As in `_Search`, a year needs to know only the window's additions and the skills added;
    the search runs forward over the years. What it must also know is what has been taken,
    for what is left and what it cost:

    - Pooled, without a budget or hours to keep within. The options of a kind that can be
      taken until the same last year form a pool, and an event drawn from it takes the
      cheapest option at hand (one at hand earlier is at hand later too, until the pool's
      last year, so swapping never saves). The search tries each open pool for each
      event; the state holds the options taken, and forgets a pool's once its years are
      over, since what it cost is counted as it is taken.
    - Grouped, with a budget or hours: options of one kind and the same years are
      interchangeable but for cost; the state counts what is taken of each group that
      costs something, and the cheapest items for those counts within the budget and
      hours are chosen at the end.

    Each state keeps every partial plan that another does not beat (on income, as far as
    it matters, and on the objective); the best plan is among those that reach the last
    year, found by sorting them."""

    def __init__(self, profile: Profile, rules: Rules, plan: Plan, items: list[Item]) -> None:
        self.profile, self.rules, self.want = profile, rules, plan
        self.search = _Search(profile, rules, plan.target, plan.by)
        self.search.static_allowed = plan.objective == "net-gain"
        limited = plan.limits.budget is not None or plan.limits.max_hours is not None
        self.pooled = not limited
        if not self.pooled:  # a repeatable option is taken once a year at most: a copy a year
            items = [
                copy
                for item in items
                for copy in (
                    [
                        item._replace(first=year, last=year, repeatable=False)
                        for year in range(item.first, item.last + 1)
                    ]
                    if item.repeatable and item.name is not None
                    else [item]
                )
            ]
        grouped: dict[tuple[Kind, int, int], list[Item]] = {}
        for item in items:  # pooled: by the last year they can be taken; grouped: by all their years
            where = (item.kind, 0, item.last) if self.pooled else (item.kind, item.first, item.last)
            grouped.setdefault(where, []).append(item)
        self.groups = [
            _Group(
                kind,
                min(i.first for i in members),
                max(i.last for i in members),
                tuple(sorted(members, key=lambda i: (i.total, i.money, i.time, i.order))),
                any(i.repeatable and i.money == i.time == i.total == 0 for i in members),
                math.inf if any(i.repeatable for i in members) else len(members),
            )
            for (kind, _, _), members in sorted(grouped.items(), key=lambda g: (g[0][0] != "skill", g[0][1:]))
        ]
        self.counted = [
            index for index, group in enumerate(self.groups) if not group.free and not self.pooled
        ]
        self.position = {group: at for at, group in enumerate(self.counted)}
        self.open = [
            {
                kind: [i for i, g in enumerate(self.groups) if g.kind == kind and g.first <= year <= g.last]
                for kind in ("certification", "skill")
            }
            for year in self.search.years
        ]
        self.picks_cache: dict[tuple[int, int], list[tuple[float, float, float, tuple[Item, ...]]]] = {}
        self.least_cache: dict[tuple[int, int, int], float] = {}
        self.splits_cache: dict[tuple[int, tuple[int, ...]], list[Choice]] = {}
        self.choices_cache: dict[tuple[int, int, int], list[tuple[Choice, int, int]]] = {}
        self.pool_cache: dict[
            tuple[int, frozenset[int], int, int], tuple[frozenset[int], float, Choice] | None
        ] = {}

    def plan(self) -> tuple[Addition, ...] | None:
        """The best plan's additions, or None if no plan does what was asked."""
        ranked = self._ranked(self._ends())
        if self.want.objective != "net-gain":
            for _, additions in ranked:
                if self._verified(additions) is not None:
                    return additions
            return None
        return self._richest(ranked)

    def _ends(self) -> list[tuple[tuple[Any, ...], Label, Any, int]]:
        """Every partial plan kept at the last year: its sort key, label, what it took and
        its events."""
        search, want = self.search, self.want
        net = want.objective == "net-gain"
        income_until = len(search.years) - 1 if net else search.by_index if want.target is not None else -1
        start = self.profile.income if income_until >= 0 else 0.0
        nothing: Any = (frozenset(),) * len(self.groups) if self.pooled else ()
        first: Label = (start, 0.0, 0.0, 0, 0, None, 0.0, 0.0)
        layer: dict[tuple[Any, ...], list[Label]] = {((), 0, 0, nothing): [first]}
        steps: dict[tuple[Any, ...], Any] = {}  # a year's growth depends on the state, not on what was taken
        for index in range(len(search.years)):
            after: dict[tuple[Any, ...], list[Label]] = {}
            for (recent, skills, used, taken), labels in layer.items():
                left = want.limits.max_events - used
                for choice, certifications, events in self._choices(index, skills, left):
                    where = (index, recent, skills, certifications, events)
                    if where not in steps:
                        steps[where] = search.step(index, recent, skills, (certifications, events))
                    moved = steps[where]
                    if moved is None:
                        continue
                    growth, step, kept, now = moved
                    took = self._take(index, taken, choice)
                    if took is None:
                        continue
                    taken_after, cost, chosen, closing = took
                    bucket = after.setdefault((kept, now, used + events, taken_after), [])
                    for label in labels:
                        grown = self._grown(label, index, growth, step, income_until)
                        if grown is None:
                            continue
                        income, summed = grown
                        early, certs, path, money, hours = label[3:]
                        for paid, spent, took_hours, closed in self._closures(closing):
                            if not self._within(money + paid, hours + took_hours, taken_after):
                                continue
                            self._keep(
                                bucket,
                                (
                                    income,
                                    summed,
                                    label[2] + cost + spent,
                                    early * 256 + 255 - events,  # a digit a year: more events, smaller
                                    certs * 256 + certifications,
                                    (path, (*chosen, closed)),
                                    money + paid,
                                    hours + took_hours,
                                ),
                            )
            layer = {key: labels for key, labels in after.items() if labels}
        ends = []
        for (_, _, used, taken), labels in layer.items():
            ends += [(self._sort_key(label, used), label, taken, used) for label in labels]
        return ends

    def _closures(
        self, closing: tuple[tuple[int, int], ...]
    ) -> list[tuple[float, float, float, tuple[tuple[int, tuple[Item, ...]], ...]]]:
        """The ways to pay for the groups whose years end now, given how many of each were
        taken: (money, cost, hours, the items of each group). One way, costing nothing, when
        none closes."""
        ways: list[tuple[float, float, float, tuple[tuple[int, tuple[Item, ...]], ...]]] = [
            (0.0, 0.0, 0.0, ())
        ]
        for group, count in closing:
            ways = [
                (money + m, cost + c, hours + h, (*items, (group, picked)))
                for money, cost, hours, items in ways
                for m, h, c, picked in self._picks(group, count)
            ]
        return ways

    def _within(self, money: float, hours: float, taken: Any) -> bool:
        """Whether a plan that has spent so much, with what it has taken of the groups still
        open, can keep within the budget and hours (each group's cheapest items at least)."""
        budget, most = self.want.limits.budget, self.want.limits.max_hours
        if budget is None and most is None:
            return True
        if not self.pooled:
            for group, count in taken:
                money += self._least(group, count, 0)
                hours += self._least(group, count, 1)
        return (budget is None or cents(money) <= cents(budget)) and (most is None or hours <= most + 1e-9)

    def _least(self, group: int, count: int, field: int) -> float:
        """The least money (field 0) or hours (field 1) `count` items of a group take."""
        key = (group, count, field)
        if key not in self.least_cache:
            values = sorted(item.money if field == 0 else item.time for item in self.groups[group].items)
            self.least_cache[key] = sum(values[:count])
        return self.least_cache[key]

    def _grown(
        self, label: Label, index: int, growth: float, step: float, income_until: int
    ) -> tuple[float, float] | None:
        """A partial plan's income and income summed after year `index`, or None if it
        misses the target in the year of the target."""
        income, summed = label[0], label[1]
        if index > income_until:
            return income, summed
        income = income * growth * step  # as the engine does
        if index == self.search.by_index and not self.search.enough(income, 1.0):
            return None
        if self.want.objective == "net-gain":
            return income, summed + cents(income)
        return (0.0 if index == income_until else income), summed  # reached: what follows needs no income

    def _keep(self, labels: list[Label], new: Label) -> None:
        """Add a partial plan to a state's, unless another beats it; drop those it beats."""
        if any(self._beats(other, new) for other in labels):
            return
        labels[:] = [other for other in labels if not self._beats(new, other)]
        labels.append(new)

    def _beats(self, one: Label, other: Label) -> bool:
        """Whether every way to go on from `other` does no better than from `one`: as much
        income, and, by the objective, as good so far (ties, each way, keep the first)."""
        if one[0] < other[0]:
            return False
        if self.want.limits.budget is not None and one[6] > other[6]:
            return False
        if self.want.limits.max_hours is not None and one[7] > other[7]:
            return False
        if self.want.objective == "net-gain":
            value, rival = one[1] - one[2], other[1] - other[2]
            return value > rival or (value == rival and (one[3], one[4]) <= (other[3], other[4]))
        if self.want.objective == "fewest":
            return (one[3], one[4], one[2]) <= (other[3], other[4], other[2])
        return (one[2], one[3], one[4]) <= (other[2], other[3], other[4])

    def _sort_key(self, label: Label, used: int) -> tuple[Any, ...]:
        cost = label[2]
        summed, early, certs = label[1], label[3], label[4]
        if self.want.objective == "fewest":
            return (used, early, certs, cents(cost))
        if self.want.objective == "cheapest":
            return (cents(cost), used, early, certs)
        return (-(summed - cost), used, early, certs)

    def _ranked(
        self, ends: list[tuple[tuple[Any, ...], Label, Any, int]]
    ) -> list[tuple[tuple[Any, ...], tuple[Addition, ...]]]:
        ends.sort(key=lambda end: end[0])
        return [(key, self._additions(label)) for key, label, _, _ in ends]

    def _richest(
        self, ranked: list[tuple[tuple[Any, ...], tuple[Addition, ...]]]
    ) -> tuple[Addition, ...] | None:
        """Of the plans whose net gain is within a unit of money of the best (as the search
        adds it up), the best by the engine's own figures, to the cent."""
        found: list[tuple[tuple[Any, ...], tuple[Addition, ...]]] = []
        best: float | None = None
        for key, additions in ranked:
            if best is not None and -key[0] < best - 1.0:
                break
            net = self._verified(additions)
            if net is None:
                continue
            if best is None:
                best = -key[0]
            found.append(((-net, *key[1:]), additions))
        return min(found, key=lambda each: each[0])[1] if found else None

    def _verified(self, additions: tuple[Addition, ...]) -> float | None:
        """The plan's net learning gain by the engine (0 for nothing planned), or None if its
        projection does not do what was asked."""
        try:
            projection = project(with_additions(self.profile, additions), self.rules)
        except OutOfRange:  # a plan whose figures careercap cannot show is no plan
            return None
        if not _works(projection, self.want.target, self.want.by, self.want.keeps_out_of_static):
            return None
        if self.want.objective != "net-gain":
            return 0.0
        found = learning_return(projection, self.rules)
        return 0.0 if found is None else cents(found.net)

    def _choices(self, index: int, skills: int, left: int) -> list[tuple[Choice, int, int]]:
        """What year `index` may add: how many of each open group, as (choice,
        certifications, events). No more certifications than upskilling counts, and no
        more skills than make the year active or complete a freelancer's portfolio: more
        would cost without adding income."""
        key = (index, skills, left)
        if key in self.choices_cache:
            return self.choices_cache[key]
        search, open_ = self.search, self.open[index]
        most_certifications = min(search.certifications_needed, left) if open_["certification"] else 0
        portfolio = max(0, search.needed - search.held[index + 1] - skills) if search.can_step else 0
        found = []
        for certifications in range(most_certifications + 1):
            most_skills = min(max(portfolio, 1 if certifications == 0 else 0), left - certifications)
            for added_skills in range(most_skills + 1 if open_["skill"] else 1):
                for certs_split in self._splits(certifications, open_["certification"]):
                    for skills_split in self._splits(added_skills, open_["skill"]):
                        found.append(
                            (certs_split + skills_split, certifications, certifications + added_skills)
                        )
        return found

    def _splits(self, count: int, groups: list[int]) -> list[Choice]:
        """Every way to take `count` items from the groups."""
        key = (count, tuple(groups))
        if key not in self.splits_cache:
            ways: list[Choice] = []
            for parts in itertools.product(range(count + 1), repeat=len(groups)):
                if sum(parts) == count:
                    ways.append(tuple((g, n) for g, n in zip(groups, parts, strict=True) if n))
            self.splits_cache[key] = ways if groups or count == 0 else []
        return self.splits_cache[key]

    def _take(
        self, index: int, taken: Any, choice: Choice
    ) -> tuple[Any, float, Any, tuple[tuple[int, int], ...]] | None:
        """What is taken after a year's choice, what that costs now, what to remember of it,
        and (grouped) the groups whose years end with this one, with how many of each were
        taken; None if the groups do not hold that many."""
        year = self.search.years[index]
        if self.pooled:
            after, cost, items = list(taken), 0.0, list[tuple[int, int, int]]()
            for group, count in choice:
                picked = self._cheapest(group, taken[group], index, count)
                if picked is None:
                    return None
                after[group], spent, chosen = picked
                cost += spent
                items += [(group, position, times) for position, times in chosen]
            for group, each in enumerate(self.groups):
                if each.last == year and after[group]:
                    after[group] = frozenset()  # closed, and paid for: forget what it took
            return tuple(after), cost, (index, tuple(items)), ()
        counts = dict(taken)
        for group, count in choice:
            if group in self.position:
                counts[group] = counts.get(group, 0) + count
                if counts[group] > self.groups[group].capacity:
                    return None
        closing = tuple(
            (group, count) for group, count in sorted(counts.items()) if self.groups[group].last == year
        )
        open_now = tuple(
            (group, count) for group, count in sorted(counts.items()) if self.groups[group].last != year
        )
        return open_now, 0.0, (index, choice), closing

    def _cheapest(
        self, group: int, used: frozenset[int], index: int, count: int
    ) -> tuple[frozenset[int], float, Choice] | None:
        """The `count` cheapest options of a pool at hand in year `index` and not yet taken
        (a repeatable one again, once a year; a generic event as often as needed): what is
        then taken, their cost, and them as (position in the pool, times)."""
        key = (group, used, index, count)
        if key in self.pool_cache:
            return self.pool_cache[key]
        year, items = self.search.years[index], self.groups[group].items
        chosen: list[tuple[int, int]] = []
        cost, left, now = 0.0, count, set(used)
        for position, item in enumerate(items):
            if left == 0:
                break
            if item.first > year or position in now:
                continue
            times = left if item.repeatable and item.name is None else 1  # an option once a year
            chosen.append((position, times))
            cost += item.total * times
            left -= times
            if not item.repeatable:
                now.add(position)
        found = None if left else (frozenset(now), cost, tuple(chosen))
        self.pool_cache[key] = found
        return found

    def _picks(self, group: int, count: int) -> list[tuple[float, float, float, tuple[Item, ...]]]:
        """Every way to take `count` items of a group that no other beats on money, hours
        and cost (grouped: with a budget or hours to keep within, where each item is taken
        once, a repeatable one having a copy a year)."""
        key = (group, count)
        if key not in self.picks_cache:
            nothing: tuple[Item, ...] = ()
            fronts = [[(0.0, 0.0, 0.0, nothing)]] + [[] for _ in range(count)]
            for item in self.groups[group].items:
                grown = [list(front) for front in fronts]
                for have, front in enumerate(fronts[:count]):
                    grown[have + 1] += [_summed((*picked, item)) for *_, picked in front]
                fronts = [self._frontier(front) for front in grown]
            self.picks_cache[key] = fronts[count]
        return self.picks_cache[key]

    def _frontier(
        self, ways: list[tuple[float, float, float, tuple[Any, ...]]]
    ) -> list[tuple[float, float, float, tuple[Any, ...]]]:
        """The ways no other beats: on money (with a budget), hours (with a limit) and cost."""
        budget, hours = self.want.limits.budget is not None, self.want.limits.max_hours is not None

        def measure(way: tuple[float, float, float, tuple[Any, ...]]) -> tuple[float, float, float]:
            return (cents(way[0]) if budget else 0.0, way[1] if hours else 0.0, cents(way[2]))

        kept: list[tuple[float, float, float, tuple[Any, ...]]] = []
        for way in sorted(ways, key=measure):
            m = measure(way)
            if not any(all(a <= b for a, b in zip(measure(other), m, strict=True)) for other in kept):
                kept.append(way)
        return kept

    def _additions(self, label: Label) -> tuple[Addition, ...]:
        """The plan a label stands for: the options it took (pooled), or the items chosen
        for each group as its years closed (grouped)."""
        years: list[tuple[int, Any, Any]] = []  # (year, the choice or, pooled, the options taken, closures)
        path = label[5]
        while path is not None:
            path, (index, choice, closed) = path
            years.append((self.search.years[index], choice, closed))
        additions = []
        if self.pooled:
            for year, chosen, _ in years:
                for group, position, times in chosen:
                    additions += [self.groups[group].items[position].addition(year)] * times
        else:
            slots: dict[int, list[int]] = {}
            picked: dict[int, tuple[Item, ...]] = {}
            for year, choice, closed in sorted(years, key=lambda each: each[0]):
                for group, count in choice:
                    slots.setdefault(group, []).extend([year] * count)
                picked.update(closed)
            for group, at in slots.items():
                items = picked.get(group) or (_free(self.groups[group].items),) * len(at)
                ordered = sorted(items, key=lambda i: i.order)
                additions += [item.addition(year) for item, year in zip(ordered, at, strict=True)]
        order = {item.name: item.order for group in self.groups for item in group.items}
        return tuple(sorted(additions, key=lambda a: (a.year, a.kind != "skill", order.get(a.name, 0))))


def _free(items: tuple[Item, ...]) -> Item:
    """The repeatable item that costs nothing, of a group that has one."""
    return next(i for i in items if i.repeatable and i.money == i.time == i.total == 0)


def _summed(picked: tuple[Item, ...]) -> tuple[float, float, float, tuple[Item, ...]]:
    return (sum(i.money for i in picked), sum(i.time for i in picked), sum(i.total for i in picked), picked)
