"""The search when learning has a price: a catalogue, or net gain as the goal, with a
budget and hours to keep within where they bind (`Priced`)."""

from __future__ import annotations

import itertools
import math
from typing import Any, Literal, NamedTuple

from careercap.core.engine import OutOfRange, project
from careercap.core.plan.bounds import MOST_STEPS, too_many_steps
from careercap.core.plan.items import Item, Role
from careercap.core.plan.labels import (
    NO_YEARS,
    Closed,
    Label,
    Took,
    Trail,
    with_certifications,
    with_events,
)
from careercap.core.plan.problem import Addition, Plan, with_additions, works
from careercap.core.plan.search import Added, Search, Step, Window
from careercap.core.present import present_value
from careercap.core.profile import Profile
from careercap.core.returns import learning_return
from careercap.core.rounding import cents
from careercap.core.rules import Rules

Choice = tuple[tuple[int, int], ...]
"""What a year takes: (group, how many of it) for each group it draws from."""

ROLES: tuple[Role, ...] = ("skill", "certification", "uncounted")

Ranked = list[tuple[tuple[Any, ...], tuple[Addition, ...]]]
"""Plans found, best first by the search's sort key: (key, additions)."""


class Group(NamedTuple):
    """Items of one role (`Item.role`: a skill, a certification that counts toward
    upskilling, or one that does not) that can be taken in the same years:
    interchangeable but for cost."""

    role: Role
    first: int
    last: int
    items: tuple[Item, ...]  # cheapest first
    free: bool  # a generic event: how many are taken costs nothing
    capacity: float  # how many can be taken


State = tuple[Window, int, int, Any]
"""What the years to come need to know of a partial plan, where the partial plans reaching
it are weighed against each other: (the window's additions, as in `Search.step`; the skills
added so far, up to a portfolio's; the events added so far; what is taken). What is taken
is, pooled, for each pool the positions of the options taken, until its years are over;
grouped, (group, how many) for each open group that costs something. A plain tuple, read by
unpacking: the search makes one for every choice in every state."""


class Way(NamedTuple):
    """A way to take some items of a group: what they spend, and them."""

    money: float
    hours: float
    cost: float
    items: tuple[Item, ...]


Closure = tuple[float, float, float, Closed]
"""A way to pay for the groups whose years end in a year: the money, hours and cost it
spends, and the items chosen for each group. A plain tuple, read by unpacking: the search
makes millions of them, and a NamedTuple takes longer to make."""

Taking = tuple[Any, float, float, float, Took, tuple[tuple[int, int], ...]]
"""A way to take what a year's choice asks for (`Priced._takes`): what is then taken (the
state's), what it costs now (as the objective counts it: discounted to as_of for the net
present value), the money and hours it spends now, what the plan's trail remembers of it,
and (grouped) the groups whose years end with the year, with how many of each were taken.
A plain tuple, read by unpacking."""


def costs_nothing(item: Item) -> bool:
    """Whether an item is a generic event, which costs no money, hours or cost and may be
    taken as often as wanted: how many of it are taken costs nothing. (A catalogue option
    is taken once at the most, free or not.)"""
    return item.generic and item.money == item.time == item.total == 0


class Priced:
    """The exact planner when learning has a price: a catalogue, or net gain as the goal.

    As in `Search`, a year needs to know only the window's additions and the skills added;
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

    Each catalogue option is taken once at the most; a generic event, as often as wanted.
    A certification that does not count toward upskilling (below the rules' min_hours) is
    pooled or grouped apart from those that do: it is a learning event, and no more.

    Each state keeps every partial plan (`Label`) that another does not beat (on income,
    as far as it matters, and on the objective); the best plan is among those that reach
    the last year, found by sorting them."""

    def __init__(self, profile: Profile, rules: Rules, plan: Plan, items: list[Item]) -> None:
        self.profile, self.rules, self.want = profile, rules, plan
        self.search = Search(profile, rules, plan.target, plan.by)
        self.search.static_allowed = plan.maximises
        self.net = plan.maximises  # net gain or npv: weighed by what the plan gains, net of its cost
        self.rate = (profile.discount_rate or 0.0) if plan.objective == "npv" else 0.0
        self.weights = [1 / (1 + self.rate) ** (year - profile.as_of) for year in self.search.years]
        limited = plan.limits.budget is not None or plan.limits.max_hours is not None
        # With a discount rate, what an option costs depends on the year it is paid in, so
        # within limits each option is weighed as it is taken (pooled, every way to take).
        self.every_way = limited and plan.objective == "npv"
        self.pooled = not limited or self.every_way
        grouped: dict[tuple[Role, int, int], list[Item]] = {}
        for item in items:  # pooled: by the last year they can be taken; grouped: by all their years
            where = (item.role, 0, item.last) if self.pooled else (item.role, item.first, item.last)
            grouped.setdefault(where, []).append(item)
        self.groups = [
            Group(
                role,
                min(i.first for i in members),
                max(i.last for i in members),
                tuple(sorted(members, key=lambda i: (i.total, i.money, i.time, i.order))),
                any(costs_nothing(i) for i in members),
                math.inf if any(i.generic for i in members) else len(members),
            )
            for (role, _, _), members in sorted(
                grouped.items(), key=lambda g: (ROLES.index(g[0][0]), g[0][1:])
            )
        ]
        self.counted = [
            index for index, group in enumerate(self.groups) if not group.free and not self.pooled
        ]
        self.position = {group: at for at, group in enumerate(self.counted)}
        self.open = [
            {
                role: [i for i, g in enumerate(self.groups) if g.role == role and g.first <= year <= g.last]
                for role in ROLES
            }
            for year in self.search.years
        ]
        self.picks_cache: dict[tuple[int, int], list[Way]] = {}
        self.least_cache: dict[tuple[int, int, str], float] = {}
        self.splits_cache: dict[tuple[int, tuple[int, ...]], list[Choice]] = {}
        self.choices_cache: dict[tuple[int, int, int], list[tuple[Choice, Added, int]]] = {}
        self.pool_cache: dict[
            tuple[int, frozenset[int], int, int], tuple[frozenset[int], float, Choice] | None
        ] = {}

    def plan(self) -> tuple[Addition, ...] | None:
        """The best plan's additions, or None if no plan does what was asked."""
        ranked = self._ranked(self._ends())
        if not self.net:
            for _, additions in ranked:
                if self._verified(additions) is not None:
                    return additions
            return None
        return self._richest(ranked)

    def _ends(self) -> list[tuple[tuple[Any, ...], Label]]:
        """Every partial plan kept at the last year, with its sort key."""
        search, want = self.search, self.want
        income_until = (
            len(search.years) - 1 if self.net else search.by_index if want.target is not None else -1
        )
        start = self.profile.income if income_until >= 0 else 0.0
        nothing: Any = (frozenset(),) * len(self.groups) if self.pooled else ()
        first = Label(start, 0.0, 0.0, NO_YEARS, NO_YEARS, None, 0.0, 0.0)
        layer: dict[State, list[Label]] = {((), 0, 0, nothing): [first]}
        # A year's growth depends on the state, not on what was taken:
        steps: dict[tuple[int, Window, int, Added], Step | None] = {}
        for index in range(len(search.years)):
            after: dict[State, list[Label]] = {}
            for (recent, skills, used, taken), labels in layer.items():
                left = want.limits.max_events - used
                for choice, added, certifications in self._choices(index, skills, left):
                    events = added[2]
                    where = (index, recent, skills, added)
                    if where not in steps:
                        if len(steps) >= MOST_STEPS:
                            raise too_many_steps(self.rules, MOST_STEPS, self.want.options is not None)
                        steps[where] = search.step(index, recent, skills, added)
                    moved = steps[where]
                    if moved is None:
                        continue
                    ways = self._takes(index, taken, choice)
                    if not ways:
                        continue
                    grown = [  # the year's growth, once for every way to take it
                        (label, *income)
                        for label in labels
                        if (income := self._grown(label, index, moved, income_until)) is not None
                    ]
                    reached = (moved.recent, moved.skills, used + events)
                    for way in ways:
                        self._carry(after, reached, grown, index, way, (events, certifications))
            layer = {key: labels for key, labels in after.items() if labels}
        return [
            (self._sort_key(label, used), label)
            for (_, _, used, _), labels in layer.items()
            for label in labels
        ]

    def _carry(
        self,
        after: dict[State, list[Label]],
        reached: tuple[Window, int, int],
        grown: list[tuple[Label, float, float]],
        index: int,
        way: Taking,
        added: tuple[int, int],
    ) -> None:
        """Carry the partial plans `grown` through year `index` (with their income and what
        they have earned) into the state they reach by taking the year's choice `way`, and
        paying for the groups it closes, within the limits. `added`: the year's events and
        certifications."""
        taken_after, cost, spent, spent_hours, remembered, closing = way
        events, certifications = added
        bucket = after.setdefault((*reached, taken_after), [])
        closures = self._closures(closing)
        for label, income, summed in grown:
            early = with_events(label.early, events)
            certs = with_certifications(label.certifications, certifications)
            for paid, paid_hours, paid_cost, closed in closures:
                money = label.money + spent + paid
                hours = label.hours + spent_hours + paid_hours
                if not self._within(money, hours, taken_after):
                    continue
                trail: Trail = (label.trail, index, remembered, closed)
                cost_now = label.cost + cost + paid_cost
                self._keep(bucket, Label(income, summed, cost_now, early, certs, trail, money, hours))

    def _closures(self, closing: tuple[tuple[int, int], ...]) -> list[Closure]:
        """The ways to pay for the groups whose years end now, given how many of each were
        taken. One way, costing nothing, when none closes."""
        ways: list[Closure] = [(0.0, 0.0, 0.0, ())]
        for group, count in closing:
            ways = [
                (money + more_money, hours + more_hours, cost + more_cost, (*closed, (group, items)))
                for money, hours, cost, closed in ways
                for more_money, more_hours, more_cost, items in self._picks(group, count)
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
                money += self._least(group, count, "money")
                hours += self._least(group, count, "time")
        return (budget is None or cents(money) <= cents(budget)) and (most is None or hours <= most + 1e-9)

    def _least(self, group: int, count: int, field: Literal["money", "time"]) -> float:
        """The least money or hours (`time`) `count` items of a group take."""
        key = (group, count, field)
        if key not in self.least_cache:
            values = sorted(getattr(item, field) for item in self.groups[group].items)
            self.least_cache[key] = sum(values[:count])
        return self.least_cache[key]

    def _grown(self, label: Label, index: int, moved: Step, income_until: int) -> tuple[float, float] | None:
        """A partial plan's income and what it has earned (summed as shown) after year
        `index`, or None if it misses the target in the year of the target."""
        income, summed = label.income, label.summed
        if index > income_until:
            return income, summed
        income = self.search.grow(index, income, moved)  # as the engine does
        if index == self.search.by_index and not self.search.enough(income, 1.0, index + 1):
            return None
        if self.net:
            return income, summed + self.search.earned(index, income) * self.weights[index]
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
        if one.income < other.income:
            return False
        if self.want.limits.budget is not None and one.money > other.money:
            return False
        if self.want.limits.max_hours is not None and one.hours > other.hours:
            return False
        if self.net:
            value, rival = one.summed - one.cost, other.summed - other.cost
            return value > rival or (
                value == rival and (one.early, one.certifications) <= (other.early, other.certifications)
            )
        if self.want.objective == "fewest":
            return (one.early, one.certifications, one.cost) <= (
                other.early,
                other.certifications,
                other.cost,
            )
        return (one.cost, one.early, one.certifications) <= (other.cost, other.early, other.certifications)

    def _sort_key(self, label: Label, events: int) -> tuple[Any, ...]:
        """The order of the plans found: by the objective, then fewer events, the earliest
        years, skills first."""
        if self.want.objective == "fewest":
            return (events, label.early, label.certifications, cents(label.cost))
        if self.want.objective == "cheapest":
            return (cents(label.cost), events, label.early, label.certifications)
        return (-(label.summed - label.cost), events, label.early, label.certifications)

    def _ranked(self, ends: list[tuple[tuple[Any, ...], Label]]) -> Ranked:
        ends.sort(key=lambda end: end[0])
        return [(key, self._additions(label)) for key, label in ends]

    def _richest(self, ranked: Ranked) -> tuple[Addition, ...] | None:
        """Of the plans whose net gain is within a unit of money of the best (as the search
        adds it up), the best by the engine's own figures, to the cent."""
        found: Ranked = []
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
        """The plan's net learning gain by the engine (its net present value, for `npv`; 0
        for nothing planned), or None if its projection does not do what was asked."""
        try:
            projection = project(with_additions(self.profile, additions), self.rules)
        except OutOfRange:  # a plan whose figures careercap cannot show is no plan
            return None
        if not works(projection, self.want.target, self.want.by, self.want.keeps_out_of_static):
            return None
        if not self.net:
            return 0.0
        found = learning_return(projection, self.rules)
        if found is None:
            return 0.0
        if self.want.objective == "npv":
            found_now = present_value(projection, found, self.rate).npv
            return None if found_now is None else cents(found_now)
        return None if found.net is None else cents(found.net)  # no gain to measure: no plan

    def _choices(self, index: int, skills: int, left: int) -> list[tuple[Choice, Added, int]]:
        """What year `index` may add: how many of each open group, as (choice, what it adds
        to the year, as `Search.step` takes it, certifications of either role). No more
        certifications than upskilling counts, no more skills than make the year active or
        complete a freelancer's portfolio, and a certification that does not count toward
        upskilling only alone, to make the year active: more would cost without adding
        income."""
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
                alone = certifications == added_skills == 0 and left > 0 and bool(open_["uncounted"])
                for uncounted in range(2 if alone else 1):
                    for certs_split in self._splits(certifications, open_["certification"]):
                        for skills_split in self._splits(added_skills, open_["skill"]):
                            for short_split in self._splits(uncounted, open_["uncounted"]):
                                events = certifications + added_skills + uncounted
                                found.append(
                                    (
                                        certs_split + skills_split + short_split,
                                        (certifications, added_skills, events),
                                        certifications + uncounted,
                                    )
                                )
        self.choices_cache[key] = found
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

    def _takes(self, index: int, taken: Any, choice: Choice) -> list[Taking]:
        """The ways to take a year's choice (`Taking`), none if the groups do not hold that
        many. Pooled, the cheapest options at hand (one taken earlier costs no more: swapping
        never saves, and with a discount rate it costs more later); or, with a discount rate
        and limits, every set of options at hand. Grouped, how many of each group, the items
        chosen as the group's years end."""
        year = self.search.years[index]
        if self.pooled:
            ways: list[tuple[list[frozenset[int]], float, float, float, tuple[tuple[int, int, int], ...]]]
            ways = [(list(taken), 0.0, 0.0, 0.0, ())]
            for group, count in choice:
                grown = []
                for after, cost, money, hours, items in ways:
                    for now, spent, more_money, more_hours, chosen in self._at_hand(
                        group, after[group], index, count
                    ):
                        took = [*after]
                        took[group] = now
                        grown.append(
                            (
                                took,
                                cost + spent,
                                money + more_money,
                                hours + more_hours,
                                (*items, *((group, position, times) for position, times in chosen)),
                            )
                        )
                ways = grown
            weight = self.weights[index]
            return [
                (self._closed(after, year), cost * weight, money, hours, items, ())
                for after, cost, money, hours, items in ways
            ]
        counts = dict(taken)
        for group, count in choice:
            if group in self.position:
                counts[group] = counts.get(group, 0) + count
                if counts[group] > self.groups[group].capacity:
                    return []
        closing = tuple(
            (group, count) for group, count in sorted(counts.items()) if self.groups[group].last == year
        )
        open_now = tuple(
            (group, count) for group, count in sorted(counts.items()) if self.groups[group].last != year
        )
        return [(open_now, 0.0, 0.0, 0.0, choice, closing)]

    def _at_hand(
        self, group: int, used: frozenset[int], index: int, count: int
    ) -> list[tuple[frozenset[int], float, float, float, Choice]]:
        """The ways to take `count` options of a pool in year `index`: what is then taken,
        their cost, money and hours, and them as (position in the pool, times). The
        cheapest (`_cheapest`); with `every_way`, each set of options at hand not yet taken
        (a generic event, which costs nothing, as the cheapest)."""
        items = self.groups[group].items
        if not self.every_way or self.groups[group].free:
            cheapest = self._cheapest(group, used, index, count)
            if cheapest is None:
                return []
            now, cost, chosen = cheapest
            return [(now, cost, 0.0, 0.0, chosen)]  # no limits to count toward, or nothing spent
        year = self.search.years[index]
        at_hand = [
            position for position, item in enumerate(items) if item.first <= year and position not in used
        ]
        return [
            (
                used | frozenset(picked),
                sum(items[position].total for position in picked),
                sum(items[position].money for position in picked),
                sum(items[position].time for position in picked),
                tuple((position, 1) for position in picked),
            )
            for picked in itertools.combinations(at_hand, count)
        ]

    def _closed(self, after: list[frozenset[int]], year: int) -> tuple[frozenset[int], ...]:
        """Pooled: what is taken after `year`, forgetting what the pools whose years end
        with it took (they are closed, and paid for)."""
        for group, each in enumerate(self.groups):
            if each.last == year and after[group]:
                after[group] = frozenset()
        return tuple(after)

    def _cheapest(
        self, group: int, used: frozenset[int], index: int, count: int
    ) -> tuple[frozenset[int], float, Choice] | None:
        """The `count` cheapest options of a pool at hand in year `index` and not yet taken
        (a generic event as often as needed): what is then taken, their cost, and them as
        (position in the pool, times)."""
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
            times = left if item.generic else 1  # an option once
            chosen.append((position, times))
            cost += item.total * times
            left -= times
            if not item.generic:
                now.add(position)
        found = None if left else (frozenset(now), cost, tuple(chosen))
        self.pool_cache[key] = found
        return found

    def _picks(self, group: int, count: int) -> list[Way]:
        """Every way to take `count` items of a group that no other beats on money, hours
        and cost (grouped: with a budget or hours to keep within, where each item is taken
        once)."""
        key = (group, count)
        if key not in self.picks_cache:
            fronts: list[list[Way]] = [[Way(0.0, 0.0, 0.0, ())]] + [[] for _ in range(count)]
            for item in self.groups[group].items:
                grown = [list(front) for front in fronts]
                for have, front in enumerate(fronts[:count]):
                    grown[have + 1] += [summed((*way.items, item)) for way in front]
                fronts = [self._frontier(front) for front in grown]
            self.picks_cache[key] = fronts[count]
        return self.picks_cache[key]

    def _frontier(self, ways: list[Way]) -> list[Way]:
        """The ways no other beats: on money (with a budget), hours (with a limit) and cost."""
        budget, hours = self.want.limits.budget is not None, self.want.limits.max_hours is not None

        def measure(way: Way) -> tuple[float, float, float]:
            return (cents(way.money) if budget else 0.0, way.hours if hours else 0.0, cents(way.cost))

        kept: list[Way] = []
        for way in sorted(ways, key=measure):
            m = measure(way)
            if not any(all(a <= b for a, b in zip(measure(other), m, strict=True)) for other in kept):
                kept.append(way)
        return kept

    def _additions(self, label: Label) -> tuple[Addition, ...]:
        """The plan a label stands for: the options it took (pooled), or the items chosen
        for each group as its years closed (grouped)."""
        years: list[tuple[int, Took, Closed]] = []  # (year, what it took, closures)
        trail = label.trail
        while trail is not None:
            trail, place, took, closed = trail
            years.append((self.search.years[place], took, closed))
        additions = []
        if self.pooled:
            for year, took, _ in years:
                for group, position, times in took:
                    additions += [self.groups[group].items[position].addition(year)] * times
        else:
            slots: dict[int, list[int]] = {}
            picked: dict[int, tuple[Item, ...]] = {}
            for year, choice, closed in sorted(years, key=lambda each: each[0]):
                for group, count in choice:
                    slots.setdefault(group, []).extend([year] * count)
                picked.update(closed)
            for group, at in slots.items():
                items = picked.get(group) or (free(self.groups[group].items),) * len(at)
                ordered = sorted(items, key=lambda i: i.order)
                additions += [item.addition(year) for item, year in zip(ordered, at, strict=True)]
        order = {item.name: item.order for group in self.groups for item in group.items}
        return tuple(sorted(additions, key=lambda a: (a.year, a.kind != "skill", order.get(a.name, 0))))


def free(items: tuple[Item, ...]) -> Item:
    """The generic event, which costs nothing, of a group that has one."""
    return next(i for i in items if costs_nothing(i))


def summed(picked: tuple[Item, ...]) -> Way:
    """Items taken together: what they spend, and them."""
    return Way(
        sum(i.money for i in picked), sum(i.time for i in picked), sum(i.total for i in picked), picked
    )
