"""The problem and its answer: what a plan may add and within what limits, the plan found,
and the profile with it."""

from __future__ import annotations

import math
from typing import Literal, NamedTuple

from careercap.core.engine import OutOfRange, Projection, project
from careercap.core.fields import PartialDate
from careercap.core.profile import Certification, Profile, Skill, normalize_name
from careercap.core.returns import fees, shown_cost
from careercap.core.rounding import cents, total
from careercap.core.rules import Rules

Kind = Literal["skill", "certification"]
Objective = Literal["fewest", "cheapest", "net-gain", "npv"]
"""What a plan is best at: the fewest events (the default); the least learning cost (with
a target); the largest net learning gain (`--maximise net-gain`); the largest net present
value of the learning at the profile's discount rate (`--maximise npv`)."""

Maximised = Literal["net-gain", "npv"]
"""What `--maximise` may ask a plan for: its net learning gain, or its net present value."""


class Addition(NamedTuple):
    kind: Kind
    year: int
    name: str | None = None  # the catalogue option's name; None for a generic event
    cost: float | None = None  # as the option gives them
    hours: float | None = None


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
            total(shown_cost(a, profile) for a in self.additions),  # as learning_cost adds it up
        )

    @property
    def maximises(self) -> bool:
        """Whether the plan is the one that gains most (net gain, or net present value)."""
        return self.objective in ("net-gain", "npv")

    @property
    def keeps_out_of_static(self) -> bool:
        """Whether the plan must keep every year out of static (all but the plans that gain
        most, which may leave a year static where making it active costs more than it adds)."""
        return not self.maximises


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
    `new_names`; an option's own name, never changed. (A plan takes each option once, and
    never one the profile has by name: `items.items_of`.)"""
    generic = {
        kind: iter(new_names(profile, kind, sum(1 for a in additions if a.kind == kind and a.name is None)))
        for kind in ("skill", "certification")
    }
    return [next(generic[a.kind]) if a.name is None else a.name for a in additions]


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


def works(projection: Projection, target: float | None, by: int | None, out_of_static: bool = True) -> bool:
    """Whether a projection does what was asked, by the engine's own figures: every year out
    of static (unless `out_of_static` is false), and the target reached by `by` (the last
    projected year by default)."""
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
    every projected year, and a freelancer's portfolio of skills in the year that does
    most. (Every state grows at most as fast as upskilling. Without career events the
    portfolio step is the same factor in whichever year it comes, so the first will do;
    with them, it comes only in a freelancer's year, a stated income after it replaces
    it, and skills that complete the portfolio in another year forgo it: each year is
    tried, and none.)"""
    years = range(profile.as_of + 1, profile.final_year + 1)
    certifications = tuple(
        Addition("certification", each) for each in years for _ in range(rules.upskilling.min_certifications)
    )
    portfolio = rules.freelancer_portfolio.min_skills
    starts: list[int | None] = [profile.as_of + 1] if not profile.events else [None, *years]
    most = -math.inf
    for start in starts:
        skills = () if start is None else (Addition("skill", start),) * portfolio
        try:
            best = project(with_additions(profile, (*certifications, *skills)), rules)
        except OutOfRange:  # beyond what careercap projects to the cent: no target is out of reach
            return math.inf
        most = max(most, {row.year: row.income for row in best.years}[year])
    return most
