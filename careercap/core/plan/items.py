"""What a plan may add: a catalogue's options that fit the projected years, or generic
events, each with what it costs this profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from careercap.core.plan.problem import Addition, Kind
from careercap.core.profile import Profile, normalize_name
from careercap.core.returns import fees, shown_cost

if TYPE_CHECKING:
    from careercap.core.catalogue import Catalogue


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
        money, time, total = fees(option, profile), option.hours or 0.0, shown_cost(option, profile)
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
