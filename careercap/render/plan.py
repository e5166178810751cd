"""A plan as people read it, and as YAML to paste into the profile."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from careercap.core.plan import MOST_EVENTS, Kind, names_of
from careercap.core.present import present_value
from careercap.core.rounding import cents
from careercap.core.words import counted, span
from careercap.errors import visible
from careercap.render.text import basis_line, money, percent, wrapped, yaml_text

if TYPE_CHECKING:
    from careercap.core.plan import Plan
    from careercap.core.profile import CareerEvent, Profile
    from careercap.core.returns import LearningReturn
    from careercap.core.rules import Basis


def _yaml_number(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:.15g}"


class Added(NamedTuple):
    """The items a plan adds to one of the profile's lists, as the profile writes them."""

    key: str  # certifications or skills
    existing: bool  # whether the profile has the list already
    items: tuple[dict[str, str | float], ...]  # name, earned or acquired, cost, hours


def plan_additions(plan: Plan) -> list[Added]:
    """What the plan adds, list by list: each item a mapping of the profile's fields."""
    profile = plan.baseline.profile
    named = list(zip(names_of(profile, plan.additions), plan.additions, strict=True))
    kinds: tuple[tuple[Kind, str, str, tuple[object, ...]], ...] = (
        ("certification", "certifications", "earned", profile.certifications),
        ("skill", "skills", "acquired", profile.skills),
    )
    found = []
    for kind, key, date, existing in kinds:
        items = []
        for name, addition in named:
            if addition.kind != kind:
                continue
            item: dict[str, str | float] = {"name": name, date: addition.year}
            item.update({"cost": addition.cost} if addition.cost is not None else {})
            item.update({"hours": addition.hours} if addition.hours is not None else {})
            items.append(item)
        if items:
            found.append(Added(key, bool(existing), tuple(items)))
    return found


def _yaml_value(value: str | float) -> str:
    return yaml_text(value) if isinstance(value, str) else _yaml_number(float(value))


def plan_snippet(plan: Plan) -> str:
    """The additions as YAML that pastes into the profile as it is: for a list the
    profile has, its new items, to go at the end of that list (a comment says so); for
    one it has not, the key and its items."""
    pieces: list[list[str]] = []
    for added in sorted(plan_additions(plan), key=lambda added: not added.existing):
        lines = [f"# add under the existing {added.key}:" if added.existing else f"{added.key}:"]
        for item in added.items:
            fields = list(item.items())
            (first, value), rest = fields[0], fields[1:]
            lines.append(f"  - {first}: {_yaml_value(value)}")
            lines += [f"    {key}: {_yaml_value(value)}" for key, value in rest]
        pieces.append(lines)
    if not pieces:  # still YAML, and still saying something
        pieces.append(
            [
                "# nothing to add"
                if plan.reached
                else "# no plan found: run careercap plan without --format yaml"
            ]
        )
    return "\n\n".join("\n".join(lines) for lines in pieces) + "\n"


_GOALS = {
    "fewest": "keep every year out of static",
    "cheapest": "keep every year out of static",
    "net-gain": "gain the most from learning, net of what it costs",
    "npv": "gain the most from learning in as_of money, net of what it costs",
}
_BEST = {
    "fewest": "The smallest plan",
    "cheapest": "The cheapest plan",
    "net-gain": "The plan with the largest net gain",
    "npv": "The plan with the largest net present value",
}


def _within(plan: Plan, currency: str) -> str:
    """', within 1,500.00 EUR and 80 hours', or nothing without limits."""
    parts = []
    if plan.limits.budget is not None:
        parts.append(f"{money(plan.limits.budget)} {currency}")
    if plan.limits.max_hours is not None:
        parts.append(counted_hours(plan.limits.max_hours))
    return f", within {' and '.join(parts)}" if parts else ""


def counted_hours(hours: float) -> str:
    shown = _yaml_number(round(hours, 2))
    return f"{shown} hour" if shown == "1" else f"{shown} hours"


def _listed(plan: Plan) -> str:
    """'a skill in 2026 and 2 certifications in 2027'; options by name, 'SQL (skill, 2026)'
    (each taken once at the most)."""
    grouped = Counter((a.kind, a.year, a.name) for a in plan.additions)  # in plan order
    steps = []
    for (kind, year, name), times in grouped.items():
        if name is not None:
            steps.append(f"{visible(name)} ({kind}, {year})")
        else:
            steps.append(f"a {kind} in {year}" if times == 1 else f"{counted(times, kind)} in {year}")
    return steps[0] if len(steps) == 1 else ", ".join(steps[:-1]) + " and " + steps[-1]


def plan_lines(plan: Plan, source: str, learning: LearningReturn | None = None) -> list[str]:
    """What the plan asks for and what it achieves, in words; with `learning` (the return
    on the planned profile's learning), what it costs and gains."""
    profile = plan.baseline.profile
    currency = profile.currency
    years = span(profile.as_of + 1, profile.final_year)
    goal = _GOALS[plan.objective]
    if plan.target is not None:
        goal += f" and reach {money(plan.target)} {currency} by {plan.by or profile.final_year}"
        goal += " at the least cost" if plan.objective == "cheapest" and plan.options is not None else ""
    heading = f"{visible(profile.name)} ({visible(source)}): a plan to {goal}"
    if plan.options is not None:
        heading += f", from {counted(plan.options, 'catalogue option')} for {years}"
    heading += _within(plan, currency)
    top = [heading, *filter(None, [_career_events(profile)])]
    if not plan.reached:
        return [*top, "", _not_found(plan)]
    if not plan.additions:
        return [*top, "", _nothing_to_add(plan)]
    count = len(plan.additions)
    events = "1 learning event" if count == 1 else f"{count} learning events"
    before, after = plan.baseline.summary, plan.projection.summary
    lines = [
        *top,
        "",
        f"{_BEST[plan.objective]}: {events}, {_listed(plan)}.",
        f"Final income {money(before.final_income)} -> {money(after.final_income)} {currency}; "
        f"career capital {money(before.career_capital)} -> {money(after.career_capital)} {currency}.",
    ]
    spent = plan.spent
    if spent.money or spent.hours:
        subsidy = " after the subsidy" if profile.learning_subsidy and spent.money else ""
        took = counted_hours(spent.hours)
        lines.append(f"The additions cost {money(spent.money)} {currency}{subsidy} and take {took}.")
    if learning is not None:
        lines += _investment(plan, learning)
    return lines


def _investment(plan: Plan, learning: LearningReturn) -> list[str]:
    """What all the planned learning costs and adds, and with a discount rate, what that is
    worth in as_of: always said where a plan is chosen for it (net gain, npv)."""
    profile = plan.projection.profile
    currency = profile.currency
    lines = []
    if cents(learning.cost) > 0:
        pays = (
            f"it pays back in {learning.payback_year}"
            if learning.payback_year is not None
            else f"it does not pay back by {profile.final_year}"
        )
        lines.append(
            f"All planned learning costs {money(learning.cost)} {currency} (time included) and adds "
            f"{money(learning.gain)} {currency} of income: a net gain of {money(learning.net)} {currency}; "
            f"{pays}."
        )
    elif learning.gain is not None and plan.maximises:
        lines.append(
            f"All planned learning costs nothing as the profile gives it, and adds {money(learning.gain)} "
            f"{currency} of income."
        )
    else:
        return lines
    rate = profile.discount_rate
    if rate is not None and learning.gain is not None:
        present = present_value(plan.projection, learning, rate)
        worth = f"In {profile.as_of} money at {percent(rate)} a year"
        if not cents(learning.cost):
            lines.append(
                f"{worth}: it adds {money(present.learning_gain)} {currency}, a net present value of "
                f"{money(present.npv)} {currency}."
            )
            return lines
        irr = (
            "no internal rate of return (its yearly flows do not turn once from cost to gain)"
            if present.irr is None
            else f"an internal rate of return of {percent(present.irr)}"
        )
        lines.append(
            f"{worth}: it costs {money(present.learning_cost)} {currency} and adds "
            f"{money(present.learning_gain)} {currency}, a net present value of {money(present.npv)} "
            f"{currency}; {irr}."
        )
    return lines


def _career_events(profile: Profile) -> str:
    """The profile's career events within the horizon, which a plan works around."""
    events = sorted((event for event in profile.events if event.year <= profile.final_year), key=_year_of)
    if not events:
        return ""
    listed = ", ".join(f"{event.label} in {event.year}" for event in events)
    return f"Career events, as given (a plan never chooses them): {visible(listed)}."


def _year_of(event: CareerEvent) -> int:
    return event.year


def _nothing_to_add(plan: Plan) -> str:
    if plan.max_events == 0 and plan.maximises:
        return "Nothing to add: --max-events 0 allows no learning event."
    if plan.objective == "net-gain":
        return "Nothing to add: no plan gains more, net of what it costs, than the profile as it is."
    if plan.objective == "npv":
        return (
            "Nothing to add: no plan is worth more in as_of money, net of what it costs, than the profile "
            "as it is."
        )
    return "Nothing to add: the profile does that already."


def not_drawn(plan: Plan) -> str | None:
    """Why `chart --plan` draws the profile without a plan: none does what was asked, or
    there is nothing to add; None when there is a plan to draw."""
    if plan.additions:
        return None
    why = _not_found(plan) if not plan.reached else _nothing_to_add(plan)
    return f"no plan to draw, only the profile: {why}"


def _not_found(plan: Plan) -> str:
    """Why no plan does what was asked, and what to ask instead (only what is accepted)."""
    profile = plan.baseline.profile
    years = span(profile.as_of + 1, profile.final_year)
    if plan.reachable is not None and plan.target is not None and plan.target > plan.reachable:
        by = plan.by or profile.final_year
        return (
            f"No plan reaches that: the most any plan reaches by {by} is {money(plan.reachable)} "
            f"{profile.currency}, upskilling every year from {profile.as_of + 1}."
        )
    most = plan.max_events
    if plan.keeps_out_of_static and plan.fewest > most:
        static = sum(row.state == "static" for row in plan.baseline.years[1:])
        are = "is" if static == 1 else "are"
        ask = f"--max-events {plan.fewest}" if plan.fewest <= MOST_EVENTS else "fewer years (--horizon)"
        return (
            f"No plan of at most {counted(most, 'learning event')} in {years} does that: {static} of its "
            f"years {are} static, and a learning event keeps only the years of its window out of "
            f"static, so it takes at least {plan.fewest}. Ask for {ask}."
        )
    if plan.options == 0:
        return f"None of the catalogue's options can be taken in {years}, and the profile holds the rest."
    spent_nothing = plan.limits.budget == 0 or plan.limits.max_hours == 0
    further = (
        f" (--max-events {most + 1} would look further)" if most < MOST_EVENTS and not spent_nothing else ""
    )
    options = "" if plan.options is None else " from the catalogue"
    within = _within(plan, profile.currency)
    events = counted(most, "learning event")
    return f"No plan of at most {events}{options}{within} in {years} does that{further}."


def plan_text(
    plan: Plan,
    source: str,
    basis: Basis | None = None,
    width: int = 100,
    learning: LearningReturn | None = None,
) -> str:
    """`careercap plan` in words (folded to `width`), the rules file it rests on (if not the
    defaults), and the snippet to add to the profile when there is one."""
    named = None if basis is None else basis_line(basis)
    lines = wrapped(plan_lines(plan, source, learning) + ([] if named is None else [named]), width)
    text = "".join(line + "\n" for line in lines)
    if plan.additions:
        text += "\nAdd to the profile:\n\n" + plan_snippet(plan) + "\n"
    return text
