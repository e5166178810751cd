"""The smallest learning plan that keeps every projected year out of static (and, when
asked, reaches a target income by a year): an exact search, pure like the engine.

Smallest means fewest learning events, then the earliest years, then skills before
certifications (a dated skill is usually less effort, and is all that a year's state
needs). Plans are tried in exactly that order, so the first that works is the answer.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterator
from typing import Literal, NamedTuple

from careercap.core.engine import OutOfRange, Projection, project
from careercap.core.fields import PartialDate
from careercap.core.profile import Certification, Profile, Skill
from careercap.core.rules import Rules

Kind = Literal["skill", "certification"]
BUDGET = 2_000_000
"""Projected years (plans tried × years each) at the most before the search gives up and
says so: a few seconds, whatever the horizon."""


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


def _candidates(years: range, size: int) -> Iterator[tuple[Addition, ...]]:
    """Every plan of `size` events in `years`, fewest-then-earliest order: year multisets in
    lexicographic order, and within one, skills before certifications year by year."""
    for chosen in itertools.combinations_with_replacement(years, size):
        counts = sorted(Counter(chosen).items())
        splits = [range(count + 1) for _, count in counts]  # certifications in that year
        for certifications in itertools.product(*splits):
            plan: list[Addition] = []
            for (year, count), certs in zip(counts, certifications, strict=True):
                plan += [Addition("skill", year)] * (count - certs) + [
                    Addition("certification", year)
                ] * certs
            yield tuple(plan)


def with_additions(profile: Profile, additions: tuple[Addition, ...]) -> Profile:
    """The profile with the planned events added (named so that none repeats a name)."""
    certifications = [a for a in additions if a.kind == "certification"]
    skills = [a for a in additions if a.kind == "skill"]
    return profile.model_copy(
        update={
            "certifications": profile.certifications
            + tuple(
                Certification.model_construct(
                    name=f"New certification {n}", earned=PartialDate(a.year), issuer=None
                )
                for n, a in enumerate(certifications, 1)
            ),
            "skills": profile.skills
            + tuple(
                Skill.model_construct(name=f"New skill {n}", acquired=PartialDate(a.year))
                for n, a in enumerate(skills, 1)
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
    return income >= target


def plans_of_size(years: int, size: int) -> int:
    """How many plans of `size` events there are in `years` years: multisets of (year,
    kind) pairs."""
    return math.comb(2 * years + size - 1, size)


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
    budget: int = BUDGET,
) -> Plan:
    """The smallest plan of at most `max_events` events, or reached=False if none works.
    Raises PlanError for a year `by` outside the projection, or a search too large."""
    if by is not None and not profile.as_of < by <= profile.final_year:
        raise PlanError(f"{by} is outside the projected years {profile.as_of + 1}-{profile.final_year}", "by")
    baseline = project(profile, rules)
    years = range(profile.as_of + 1, profile.final_year + 1)
    most = None
    if target is not None:
        most = reachable(profile, rules, by if by is not None else profile.final_year)
        if target > most:  # no plan of any size: said at once
            return Plan((), False, baseline, baseline, target, by, max_events, most)
    static = sum(row.state == "static" for row in baseline.years[1:])
    fewest = -(-static // rules.window_years)  # an event keeps at most window_years years out of static
    if fewest > max_events:  # no plan small enough: said at once
        return Plan((), False, baseline, baseline, target, by, max_events, most, fewest)
    tried = 0
    for size in range(fewest, max_events + 1):
        tried += plans_of_size(len(years), size)
        if tried * len(years) > budget:  # known before a single plan of this size is tried
            raise PlanError(
                f"a plan of {size} events over {len(years)} years means trying {tried:,} plans, "
                "more than careercap tries; "
                "ask for fewer years (--horizon) or a nearer --by",
                None,
            )
        for additions in _candidates(years, size):
            try:
                planned = project(with_additions(profile, additions), rules) if additions else baseline
            except OutOfRange:  # a plan whose figures careercap cannot show is no plan
                continue
            if _works(planned, target, by):
                return Plan(additions, True, planned, baseline, target, by, max_events, most, fewest)
    return Plan((), False, baseline, baseline, target, by, max_events, most, fewest)
