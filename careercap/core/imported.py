"""What `careercap import` found in a person's exports (LinkedIn, JSON Resume, Open
Badges), merged into one profile's certifications and skills: pure, like the engine.

Items are merged as careercap compares names (`normalize_name`): a certification found
twice keeps the earliest date, every issuer, and the latest expiry; a certification dated
nowhere is left out, since the model needs the year it was earned. Each merged item keeps
where it came from. What a profile cannot hold is left out with a warning: a name the
model refuses or that is not text, an issuer that is not text, an expiry before the year
the certification was earned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal, NamedTuple

from pydantic import TypeAdapter, ValidationError

from careercap.core.fields import PartialDate, quoted
from careercap.core.profile import Name, normalize_name

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


class Left(NamedTuple):
    """Something a profile cannot hold, left out: where it came from, and what and why."""

    origin: str
    message: str


class Imported(NamedTuple):
    certifications: tuple[Merged, ...]
    skills: tuple[Merged, ...]
    undated: tuple[Merged, ...]  # certifications no source dates: left out
    left: tuple[Left, ...] = ()


_NAME: TypeAdapter[str] = TypeAdapter(Name)
_SURROGATE = re.compile("[\ud800-\udfff]")


def not_text(text: str) -> str | None:
    """Why text cannot be written to a profile, or None: a lone surrogate (from a JSON
    escape such as `\\ud800`) is no character."""
    found = _SURROGATE.search(text)
    return None if found is None else f"holds a lone surrogate {found.group()!r}, which is not text"


def name_problem(name: str) -> str | None:
    """Why a profile cannot hold `name` as a name, or None when it can."""
    problem = not_text(name)
    if problem is not None:
        return problem
    try:
        _NAME.validate_python(name)
    except ValidationError as exc:
        error = exc.errors()[0]
        if error["type"] == "string_too_long":
            return f"is longer than {error['ctx']['max_length']} characters, the most a profile's name holds"
        return "has nothing visible to name it by"
    return None


def _order(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month or 0, date.day or 0)


def merge(found: Iterable[Found]) -> Imported:
    """The items of every source, once each, in the order first found; each named as the
    first source that gives a name a profile holds."""
    groups: dict[tuple[Kind, str], list[Found]] = {}
    for item in found:
        groups.setdefault((item.kind, normalize_name(item.name)), []).append(item)
    merged: list[Merged] = []
    left: list[Left] = []
    for (kind, _), items in groups.items():
        name = next((item.name for item in items if name_problem(item.name) is None), None)
        if name is None:
            left.append(
                Left(
                    items[0].origin, f"{kind} {quoted(items[0].name)} {name_problem(items[0].name)}; left out"
                )
            )
            continue
        issuers = tuple(dict.fromkeys(item.issuer for item in items if item.issuer))
        left += [
            Left(item.origin, f"issuer {quoted(item.issuer)} {not_text(item.issuer)}; left out")
            for item in items
            if item.issuer and not_text(item.issuer)
        ]
        dates = [item.date for item in items if item.date is not None]
        date = min(dates, key=_order) if dates else None
        expires, why = _expiry(items, date)
        if why is not None:
            left.append(Left(why.origin, f"{kind} {quoted(name)} {why.message}"))
        merged.append(
            Merged(
                kind,
                name,
                tuple(dict.fromkeys(item.origin for item in items)),
                date,
                tuple(issuer for issuer in issuers if not_text(issuer) is None),
                expires,
            )
        )
    certifications = [m for m in merged if m.kind == "certification"]
    return Imported(
        tuple(m for m in certifications if m.date is not None),
        tuple(m for m in merged if m.kind == "skill"),
        tuple(m for m in certifications if m.date is None),
        tuple(left),
    )


def _expiry(items: list[Found], earned: PartialDate | None) -> tuple[PartialDate | None, Left | None]:
    """The latest expiry the sources give; none, and why, when it falls in a year before
    the certification was earned, as no profile can hold that."""
    expiries = [item.expires for item in items if item.expires is not None]
    if not expiries:
        return None, None
    latest = max(expiries, key=_order)
    if earned is not None and latest.year < earned.year:
        origin = next(item.origin for item in items if item.expires == latest)
        return None, Left(origin, f"expires ({latest}) before it is earned ({earned}); the expiry left out")
    return latest, None
