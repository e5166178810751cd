"""`find_plan`: what was asked, checked and answered at once where it can be, then the
search that fits the objective."""

from __future__ import annotations

from typing import TYPE_CHECKING

from careercap.core.engine import project
from careercap.core.plan.bounds import searched, useful
from careercap.core.plan.items import items_of
from careercap.core.plan.priced import Priced
from careercap.core.plan.problem import (
    Addition,
    Limits,
    Maximised,
    Objective,
    Plan,
    PlanError,
    reachable,
    reaches,
    with_additions,
)
from careercap.core.plan.search import smallest
from careercap.core.profile import Profile
from careercap.core.rules import Rules

if TYPE_CHECKING:
    from careercap.core.catalogue import Catalogue


def find_plan(
    profile: Profile,
    rules: Rules,
    *,
    target: float | None = None,
    by: int | None = None,
    max_events: int = 4,
    catalogue: Catalogue | None = None,
    maximise: Maximised | None = None,
    budget: float | None = None,
    max_hours: float | None = None,
) -> Plan:
    """The best plan of at most `max_events` events (and within the budget and hours), or
    reached=False if none does what was asked. Best is the fewest events; with a target,
    the least learning cost; with maximise, the largest net learning gain (`net-gain`) or
    net present value at the profile's discount rate (`npv`; at a rate of 0, the same).
    Ties go to fewer events, then earlier years, then (for the fewest events) the least
    cost. Raises PlanError for a year `by` outside the projection, `npv` without a discount
    rate, or a search too large."""
    if maximise == "npv" and profile.discount_rate is None:
        raise PlanError(
            "npv weighs money by when it comes, and needs a discount rate: give "
            "--discount-rate R, or discount_rate in the profile",
            "maximise",
        )
    if by is not None and not profile.as_of < by <= profile.final_year:
        raise PlanError(f"{by} is outside the projected years {profile.as_of + 1}-{profile.final_year}", "by")
    objective: Objective = maximise if maximise else "cheapest" if target is not None else "fewest"
    limits = Limits(max_events, budget, max_hours)
    baseline = project(profile, rules)
    items = items_of(profile, catalogue, rules.upskilling.min_hours)
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
        not none.maximises and fewest > max_events
    ):
        return none  # no plan of any size, or none small enough: said at once
    items = useful(items, limits) if catalogue is not None else items
    if none.maximises:
        return _found(profile, rules, none, Priced(profile, rules, searched(none, items), items).plan())
    # Generic events, free and always at hand; each plan weighed by the engine, where needed.
    fewest_generic = smallest(profile, rules, none, lambda size: _checked(profile, rules, none, size))
    if catalogue is None or not fewest_generic.reached:  # fewest is cheapest; or no catalogue does better
        return fewest_generic
    if objective == "cheapest":
        return _found(profile, rules, none, Priced(profile, rules, searched(none, items), items).plan())
    # The fewest events: no catalogue plan is smaller than the generic one, and the first
    # size at which one is found is the answer, so each size is searched alone, smallest first.
    for size in range(len(fewest_generic.additions), max_events + 1):
        sized = searched(none._replace(limits=none.limits._replace(max_events=size)), items)
        additions = Priced(profile, rules, sized, items).plan()
        if additions is not None:
            return _found(profile, rules, none, additions)
    return none


def _found(profile: Profile, rules: Rules, none: Plan, additions: tuple[Addition, ...] | None) -> Plan:
    """The plan of these additions, projected; `none` if there are none to be had."""
    if additions is None:
        return none
    planned = project(with_additions(profile, additions), rules) if additions else none.baseline
    return none._replace(additions=additions, reached=True, projection=planned)


def _checked(profile: Profile, rules: Rules, none: Plan, size: int) -> tuple[Addition, ...] | None:
    """The first plan of at most `size` generic events, in the objective's order, that does
    what was asked by the engine's own figures (the priced search weighs every one)."""
    generic = items_of(profile, None)
    sized = none._replace(limits=none.limits._replace(max_events=size, budget=None, max_hours=None))
    return Priced(profile, rules, sized, generic).plan()
