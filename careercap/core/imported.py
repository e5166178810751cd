"""What `careercap import` found in a person's exports (LinkedIn, JSON Resume, Open
Badges), merged into one profile's certifications and skills: pure, like the engine.

Items are merged as careercap compares names (`normalize_name`): a certification found
twice keeps the earliest date, every issuer, and the latest expiry; a certification dated
nowhere is left out, since the model needs the year it was earned. The one exception is a
source that lists a renewal as a new entry (a LinkedIn export): each date it gives a name
stays an entry of its own, and what other sources give joins the entry nearest in date.
Each merged item keeps where it came from. What a profile cannot hold is left out with a
warning: a name the model refuses or that is not text, an issuer that is not text, an
expiry before the year the certification was earned, and what is neither a certification
nor a skill (a degree, a course).
"""

from __future__ import annotations

import datetime as dt
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
    renewals: bool = False
    """Whether the source lists a renewal as a new entry (a LinkedIn export does): each date
    it gives a name is then an entry of its own."""
    uncounted: str | None = None
    """What the source calls it, when that is neither a certification nor a skill
    (`achievementType 'BachelorDegree'`): left out, and named in a comment."""


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
    uncounted: tuple[Found, ...] = ()  # neither a certification nor a skill: left out


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


def merge(found: Iterable[Found]) -> Imported:
    """The items of every source, once each (a renewal listed as a new entry aside), in the
    order first found; each named as the first source that gives a name a profile holds."""
    groups: dict[tuple[Kind, str], list[tuple[int, Found]]] = {}
    uncounted: list[Found] = []
    for index, item in enumerate(found):
        if item.uncounted is not None:
            uncounted.append(item)
        else:
            groups.setdefault((item.kind, normalize_name(item.name)), []).append((index, item))
    entries = sorted((entry for group in groups.values() for entry in _renewed(group)), key=lambda e: e[0][0])
    merged: list[Merged] = []
    left: list[Left] = []
    for entry in entries:
        items = [item for _, item in entry]
        kind = items[0].kind
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
    left += [
        Left(
            item.origin,
            f"{quoted(item.name)} ({item.uncounted}) is neither a certification nor a skill careercap "
            "counts; left out",
        )
        for item in uncounted
    ]
    certifications = [m for m in merged if m.kind == "certification"]
    return Imported(
        tuple(m for m in certifications if m.date is not None),
        tuple(m for m in merged if m.kind == "skill"),
        tuple(m for m in certifications if m.date is None),
        tuple(left),
        tuple(uncounted),
    )


def _renewed(group: list[tuple[int, Found]]) -> list[list[tuple[int, Found]]]:
    """A certification's items (each with its place among all found) as its entries: one
    in all, or one for each date a source that lists renewals as new entries gives it.
    An item from another source joins the entry nearest in date (the earlier of two as
    near), and an undated one the earliest."""
    renewed = list(dict.fromkeys(item.date for _, item in group if item.renewals and item.date is not None))
    if group[0][1].kind != "certification" or len(renewed) < 2:
        return [group]
    entries: dict[PartialDate, list[tuple[int, Found]]] = {date: [] for date in renewed}
    earliest = min(renewed, key=_order)
    for index, item in group:
        if item.date is None:
            joined = earliest
        elif item.date in entries:
            joined = item.date
        else:
            day = _day(item.date)
            joined = min(renewed, key=lambda date: (abs(_day(date) - day), _order(date)))
        entries[joined].append((index, item))
    return list(entries.values())


def _order(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month or 0, date.day or 0)


def _day(date: PartialDate) -> int:
    """A date as a day number, a month or a year read as its first day."""
    return dt.date(date.year, date.month or 1, date.day or 1).toordinal()


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
