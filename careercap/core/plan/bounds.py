"""The bounds of the search: the caps on what it takes on, refused at once past them (and
one, `MOST_STEPS`, that a search meets as it goes), and the passing over of what cannot be
in a best plan (options that others beat, and a budget or hours that no plan could
exceed)."""

from __future__ import annotations

import math

from careercap.core.plan.items import Item
from careercap.core.plan.problem import Limits, Plan, PlanError
from careercap.core.rounding import cents
from careercap.core.rules import Rules

MOST_EVENTS = 10
"""The most learning events `--max-events` may ask a plan to add."""


MOST_WORK = 40_000
"""The largest search `find_plan` takes on, in option-event-years: the catalogue options a
best plan could take (see `useful`), times the events it may add, times the projected
years. About 30 seconds and well under a gigabyte at the worst."""

MOST_WORK_WEIGHED = 12_000
"""The same with a budget or hours that bind: every way to keep within them is weighed."""

MOST_SETS = 10_000
"""The same for the net present value within a budget or hours that bind, where each set
of options a plan may take is weighed on its own: the sets of at most `--max-events` of the
options, times the projected years. About 20 seconds at the worst, with the default rules."""

MOST_SPREADS = 1_000_000
"""The most ways, summed over the projected years, that the events may be spread over the
spans of years the options can be taken in (options of a kind with the same first and last
years form one)."""


MOST_STEPS = 250_000
"""The most ways the search of partial plans (`Priced`, which every objective's search goes
through) may find to fill a year and the window before it: the years, times the
additions of the window's earlier years, times the skills added and what the year adds.
With the shipped rules no search within the other bounds finds more than about 10,500;
rules with a longer `window_years` multiply them (a window of 10 years can be filled in
some 260,000 ways), and with them the time and memory a search takes. Past this, the
search stops: within about 15 seconds and a gigabyte in the worst cases measured."""


def too_many_steps(rules: Rules, most: int, catalogue: bool) -> PlanError:
    """The error of a search that has found more than `most` ways (`MOST_STEPS`): the
    rules' window is what multiplies them."""
    smaller = ", a smaller catalogue" if catalogue else ""
    return PlanError(
        f"the search is too large: with these rules' window of {rules.window_years} years, it found "
        f"more than {most:,} ways to fill a year and the window before it, and plan searches "
        f"at most that many; give rules with a shorter window_years, or ask for fewer --max-events"
        f"{smaller} or a shorter --horizon",
        "rules",
    )


def useful(items: list[Item], limits: Limits) -> list[Item]:
    """The items a best plan may need: none that alone spends more than the budget or the
    hours, and none that `max_events` others beat. One beats another of its kind when it
    does in a year all that the other does, can be taken in all its years, and takes no
    more money, hours or cost (on a tie, the one first in the catalogue): a plan of at
    most `max_events` events that takes the beaten one leaves one of those others free to
    take in its place, spending no more. (Of the items beaten, the ones that others do not
    beat `max_events` times are kept, and they alone suffice.) A certification below the
    rules' min_hours does not count toward upskilling, so it never beats one that does,
    however much less it takes; one that counts can beat it."""
    budget, hours = limits.budget, limits.max_hours
    within = [
        item
        for item in items
        if (budget is None or cents(item.money) <= cents(budget)) and (hours is None or item.time <= hours)
    ]

    def beats(one: Item, other: Item) -> bool:
        return (
            one.kind == other.kind
            and (one.certifies or not other.certifies)
            and one.first <= other.first
            and one.last >= other.last
            and one.money <= other.money
            and one.time <= other.time
            and one.total <= other.total
            and rank(one) < rank(other)
        )

    def rank(item: Item) -> tuple[float, ...]:
        """On a tie, the earlier years, the less spent, a certification that counts, and
        the first in the catalogue."""
        return (item.first, -item.last, item.money, item.time, item.total, not item.certifies, item.order)

    return [
        item
        for item in within
        if sum(1 for other in within if beats(other, item)) < max(limits.max_events, 1)
    ]


def searched(plan: Plan, items: list[Item]) -> Plan:
    """The plan to search for: a budget or hours that no plan of at most max_events of the
    items could exceed bind nothing, and searching without them is exact, and far quicker.
    Raises PlanError (from `bounded`) for a search too large."""
    limits = plan.limits
    most = [
        (item.money, item.time)
        for item in items
        for _ in range(limits.max_events if item.generic else 1)  # an option is taken once
    ]
    most_money = sum(sorted((money for money, _ in most), reverse=True)[: limits.max_events])
    most_hours = sum(sorted((hours for _, hours in most), reverse=True)[: limits.max_events])
    to_search = plan._replace(
        limits=limits._replace(
            budget=None
            if limits.budget is None or cents(most_money) <= cents(limits.budget)
            else limits.budget,
            max_hours=None
            if limits.max_hours is None or most_hours <= limits.max_hours
            else limits.max_hours,
        )
    )
    bounded(to_search, items)
    return to_search


def bounded(plan: Plan, items: list[Item]) -> None:
    """Refuse at once a search larger than `MOST_WORK` (or `MOST_WORK_WEIGHED`), or than
    `MOST_SPREADS`, saying what to change."""
    limits = plan.limits
    weighed = limits.budget is not None or limits.max_hours is not None
    years = plan.baseline.profile.horizon
    if weighed and plan.objective == "npv":
        sets = sum(math.comb(len(items), size) for size in range(min(limits.max_events, len(items)) + 1))
        if sets * years > MOST_SETS:
            raise PlanError(
                f"the search is too large: with --maximise npv within --budget or --max-hours, every "
                f"set of up to {limits.max_events} of the {len(items)} catalogue options a plan could "
                f"take is weighed on its own, and {sets:,} sets x {years} years is {sets * years:,}, "
                f"and plan searches at most {MOST_SETS:,}; ask for fewer --max-events, a shorter "
                "--horizon or a smaller catalogue",
                "max_events",
            )
        return
    work, most = len(items) * limits.max_events * years, MOST_WORK_WEIGHED if weighed else MOST_WORK
    pools = len({(item.role, item.first, item.last) for item in items})
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
