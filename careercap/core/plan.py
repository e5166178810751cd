"""The smallest learning plan that keeps every projected year out of static (and, when
asked, reaches a target income by a year): an exact search, pure like the engine.

Smallest means fewest learning events, then the earliest years, then skills before
certifications (a dated skill is usually less effort, and is all that a year's state
needs). Plans are tried in exactly that order, so the first that works is the answer.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from typing import Literal, NamedTuple

from careercap.core.engine import Projection, project
from careercap.core.fields import PartialDate
from careercap.core.profile import Certification, Profile, Skill
from careercap.core.rules import Rules

Kind = Literal["skill", "certification"]
BUDGET = 200_000
"""Plans tried at the most before the search gives up and says so."""


class Addition(NamedTuple):
    kind: Kind
    year: int


class Plan(NamedTuple):
    additions: tuple[Addition, ...]
    reached: bool  # whether a plan within the limits does all that was asked
    projection: Projection  # with the additions (the baseline itself when none is found)
    baseline: Projection
    target: float | None
    by: int | None
    max_events: int


class PlanError(ValueError):
    """What was asked of the planner cannot be searched: `parameter` names the argument."""

    def __init__(self, message: str, parameter: str) -> None:
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
    tried = 0
    for size in range(max_events + 1):
        for additions in _candidates(years, size):
            tried += 1
            if tried > budget:
                raise PlanError(f"more than {budget:,} plans to try", "max_events")
            planned = project(with_additions(profile, additions), rules) if additions else baseline
            if _works(planned, target, by):
                return Plan(additions, True, planned, baseline, target, by, max_events)
    return Plan((), False, baseline, baseline, target, by, max_events)
