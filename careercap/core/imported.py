"""What `careercap import` found in a person's exports (LinkedIn, JSON Resume, Open
Badges), merged into one profile's certifications and skills: pure, like the engine.

Items are merged as careercap compares names (`normalize_name`): a certification found
twice keeps the earliest date, every issuer, and the latest expiry; a certification dated
nowhere is left out, since the model needs the year it was earned. Each merged item keeps
where it came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple

from careercap.core.fields import PartialDate
from careercap.core.profile import normalize_name

Kind = Literal["certification", "skill"]


class Found(NamedTuple):
    """One certification or skill as a source gives it."""

    kind: Kind
    name: str
    origin: str  # where, for a person: "LinkedIn Certifications.csv, row 4"
    date: PartialDate | None = None
    issuer: str | None = None
    expires: PartialDate | None = None


class Merged(NamedTuple):
    kind: Kind
    name: str
    origins: tuple[str, ...]
    date: PartialDate | None
    issuers: tuple[str, ...]
    expires: PartialDate | None


class Imported(NamedTuple):
    certifications: tuple[Merged, ...]
    skills: tuple[Merged, ...]
    undated: tuple[Merged, ...]  # certifications no source dates: left out


def _order(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month or 0, date.day or 0)


def merge(found: Iterable[Found]) -> Imported:
    """The items of every source, once each, in the order first found."""
    groups: dict[tuple[Kind, str], list[Found]] = {}
    for item in found:
        groups.setdefault((item.kind, normalize_name(item.name)), []).append(item)
    merged = []
    for (kind, _), items in groups.items():
        dates = [item.date for item in items if item.date is not None]
        expiries = [item.expires for item in items if item.expires is not None]
        issuers = tuple(dict.fromkeys(item.issuer for item in items if item.issuer))
        merged.append(
            Merged(
                kind,
                items[0].name,
                tuple(dict.fromkeys(item.origin for item in items)),
                min(dates, key=_order) if dates else None,
                issuers,
                max(expiries, key=_order) if expiries else None,
            )
        )
    certifications = [m for m in merged if m.kind == "certification"]
    return Imported(
        tuple(m for m in certifications if m.date is not None),
        tuple(m for m in merged if m.kind == "skill"),
        tuple(m for m in certifications if m.date is None),
    )
