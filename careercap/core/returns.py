"""Learning as an investment: what the planned learning costs, what it adds, and the year
it pays back. Pure, like the engine.

The planned learning is the certifications and dated skills whose year falls after
`as_of` and within the horizon (what was learnt before `as_of` is a sunk cost). What it
adds is measured against the same profile without it.

Money as shown: each event's cost and each year's added income are rounded to cents, and
the figures are sums of those, so that they add up with a calculator.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple, Protocol

from careercap.core.engine import OutOfRange, Projection, project
from careercap.core.profile import Certification, Profile, Skill
from careercap.core.rounding import cents, from_cents, in_cents
from careercap.core.rules import Rules


class Flow(NamedTuple):
    """One projected year of the planned learning, as shown (to the cent): the income it
    adds that year, and what the events of that year cost."""

    year: int
    gain: float
    cost: float


class LearningReturn(NamedTuple):
    """The return on planned learning. When the profile without it cannot be projected
    (its income would leave what careercap shows to the cent), nothing it adds can be
    measured: `gain` is None, and `unknown` says why."""

    cost: float  # learning_cost: what the planned learning costs, net of subsidy, time included
    gain: float | None  # learning_gain: the income it adds over the projected years, year by year as shown
    payback_year: int | None  # the first year the added income covers what was spent by then
    flows: tuple[Flow, ...] = ()  # each projected year's gain and cost, as shown (gain 0 when gain is None)
    unknown: str | None = None  # why there is no gain

    @property
    def net(self) -> float | None:
        return None if self.gain is None else from_cents(in_cents(self.gain) - in_cents(self.cost))

    @property
    def ratio(self) -> float | None:
        """return_on_learning: the net gain per unit of cost, as both are shown (to the
        cent); None when it cost nothing (or less than half a cent), or has no gain."""
        cost, net = cents(self.cost), self.net
        return None if cost == 0 or net is None else cents(net) / cost


class Priced(Protocol):
    """Anything learnt that has a price: a certification, a skill, a catalogue option, a
    planned addition."""

    @property
    def cost(self) -> float | None: ...
    @property
    def hours(self) -> float | None: ...


def fees(item: Priced, profile: Profile) -> float:
    """`cost × (1 − learning_subsidy)`: the money it takes, as --budget counts it."""
    return (item.cost or 0.0) * (1 - profile.learning_subsidy)


def event_cost(item: Priced, profile: Profile) -> float:
    """`cost × (1 − learning_subsidy) + hours × hourly_value`; a missing cost or hours is 0.
    Unrounded: `shown_cost` is what learning_cost adds up."""
    return fees(item, profile) + (item.hours or 0.0) * profile.hourly_value


def shown_cost(item: Priced, profile: Profile) -> float:
    """An event's cost as shown, rounded to cents: what learning_cost adds up."""
    return cents(event_cost(item, profile))


def planned_learning(profile: Profile) -> list[Certification | Skill]:
    """The certifications and dated skills after as_of and within the horizon."""
    items: list[Certification | Skill] = [*profile.certifications, *profile.skills]
    return [
        item for item in items if item.year is not None and profile.as_of < item.year <= profile.final_year
    ]


class Marginal(NamedTuple):
    """What one planned event adds: the income over the projected years against the same
    profile without that event alone, and its cost."""

    item: Certification | Skill
    gain: float
    cost: float
    flows: tuple[Flow, ...] = ()  # the income it adds each projected year, as shown


def _without(profile: Profile, left_out: list[Certification | Skill]) -> Profile:
    return profile.model_copy(
        update={
            "certifications": tuple(item for item in profile.certifications if item not in left_out),
            "skills": tuple(item for item in profile.skills if item not in left_out),
        }
    )


def _added(projection: Projection, without: Projection) -> Iterator[tuple[int, float]]:
    """Each projected year, and the income a projection adds in it over another, as shown
    (to the cent): summed, they add up with a calculator."""
    for row, alone in zip(projection.years[1:], without.years[1:], strict=True):
        yield row.year, cents(row.earned - alone.earned)  # both as shown already


def marginal_gains(projection: Projection, rules: Rules) -> list[Marginal]:
    """Each planned event's own gain (the rest of the plan kept) and cost; an event
    without which the profile cannot be projected is left out."""
    profile = projection.profile
    marginals = []
    for item in planned_learning(profile):
        try:
            alone = project(_without(profile, [item]), rules)
        except OutOfRange:  # nothing to measure its gain against
            continue
        cost = shown_cost(item, profile)
        flows = tuple(
            Flow(year, added, cost if year == item.year else 0.0) for year, added in _added(projection, alone)
        )
        gain = from_cents(sum(in_cents(flow.gain) for flow in flows))
        marginals.append(Marginal(item, gain, cost, flows))
    return marginals


def learning_return(projection: Projection, rules: Rules) -> LearningReturn | None:
    """The return on a profile's planned learning; None when it plans none."""
    profile = projection.profile
    planned = planned_learning(profile)
    if not planned:
        return None
    try:
        without = project(_without(profile, planned), rules)
    except OutOfRange as exc:
        years = range(profile.as_of + 1, profile.final_year + 1)
        costs = [
            sum(in_cents(shown_cost(item, profile)) for item in planned if item.year == year)
            for year in years
        ]
        costly = tuple(Flow(year, 0.0, from_cents(spent)) for year, spent in zip(years, costs, strict=True))
        return LearningReturn(
            from_cents(sum(costs)), None, None, costly, f"without its planned learning, {exc}"
        )
    cost, gain, payback = 0, 0, None  # in cents, spent and gained by then
    flows = []
    for year, added in _added(projection, without):
        spent = sum(in_cents(shown_cost(item, profile)) for item in planned if item.year == year)
        cost += spent
        gain += in_cents(added)
        flows.append(Flow(year, added, from_cents(spent)))
        if payback is None and cost > 0 and gain >= cost:  # nothing spent, nothing to repay
            payback = year
    return LearningReturn(from_cents(cost), from_cents(gain), payback, tuple(flows))
