"""What a plan may add: a catalogue's options that fit the projected years, or generic
events, each with what it costs this profile and what it does to a year's state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

from careercap.core.engine import certifies
from careercap.core.plan.problem import Addition, Kind
from careercap.core.profile import Profile, normalize_name
from careercap.core.returns import fees, shown_cost

if TYPE_CHECKING:
    from careercap.core.catalogue import Catalogue

Role = Literal["skill", "certification", "uncounted"]
"""What an item does to the years: a skill is a learning event and a skill held; a
certification, a learning event that counts toward upskilling; an `uncounted` one (a
certification with fewer hours than the rules' `upskilling.min_hours`), a learning event
alone."""


class Item(NamedTuple):
    """Something a plan may add: a catalogue option (taken once at the most), or a generic
    event (no name, no cost, as many as wanted), with what it costs this profile and the
    years it can be taken in."""

    kind: Kind
    name: str | None
    cost: float | None  # as written
    hours: float | None
    money: float  # cost x (1 - learning_subsidy): what --budget counts
    time: float  # hours: what --max-hours counts
    total: float  # the event's cost, as the return on learning counts it
    first: int
    last: int
    certifies: bool  # a certification that counts toward upskilling (not below min_hours)
    order: int  # in the catalogue

    def addition(self, year: int) -> Addition:
        return Addition(self.kind, year, self.name, self.cost, self.hours)

    @property
    def generic(self) -> bool:
        """A generic event: taken as often as a plan wants (a catalogue option, once)."""
        return self.name is None

    @property
    def role(self) -> Role:
        return "skill" if self.kind == "skill" else "certification" if self.certifies else "uncounted"


GENERIC: tuple[tuple[Kind, int], ...] = (("skill", 0), ("certification", 1))


def counts_toward_upskilling(kind: Kind, hours: float | None, min_hours: float) -> bool:
    """Whether an addition counts toward upskilling: a certification that
    `engine.certifies`, as the profile's own are counted."""
    return kind == "certification" and certifies(hours, min_hours)


def items_of(profile: Profile, catalogue: Catalogue | None, min_hours: float = 0.0) -> list[Item]:
    """What a plan for this profile may add: generic events without a catalogue, else the
    options that fit the projected years, each once, but for any whose name (as careercap
    compares names) is a certification or skill the profile has already: that would be a
    renewal, which never counts as a new certification, so it is never offered as one."""
    first, last = profile.as_of + 1, profile.final_year
    if catalogue is None:
        return [
            Item(kind, None, None, None, 0.0, 0.0, 0.0, first, last, kind == "certification", order)
            for kind, order in GENERIC
        ]
    held = {normalize_name(c.name) for c in profile.certifications} | {
        normalize_name(s.name) for s in profile.skills
    }
    items = []
    for order, option in enumerate(catalogue.options):
        start = max(first, option.earliest or first)
        end = min(last, option.latest or last)
        if start > end or normalize_name(option.name) in held:
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
                counts_toward_upskilling(option.kind, option.hours, min_hours),
                order,
            )
        )
    return items
