"""`careercap import`: the merged items as a profile's YAML, each with a comment saying
where it came from, what no source holds from the options (or left to fill in), and a
comment naming what is neither a certification nor a skill."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from careercap.core.fields import quoted
from careercap.core.imported import Found, Imported, Merged
from careercap.errors import visible
from careercap.render.text import yaml_text

ORIGINS_SHOWN = 5
"""A comment names this many sources, or places an item came from, and counts the rest."""
OPTIONS_ROOM = 1024
"""Characters enough for what the options add to a profile's first lines (--name aside)."""
HEAD_VALUES = 19
"""The most YAML values a profile's own keys hold: the mapping, and each key with its value."""
UNCOUNTED_SHOWN = 20
"""The comment on what is neither a certification nor a skill names this many, and counts
the rest (each is named in a warning too)."""


class Given(NamedTuple):
    """What the command line gives: all that no export holds."""

    name: str | None = None
    income: float | None = None
    currency: str | None = None
    as_of: int | None = None
    employment: str = "employee"
    baseline_growth: float | None = None


class Size(NamedTuple):
    """How much of a profile some of its lines take: characters, and YAML values (each
    key, value, list and mapping)."""

    chars: int
    values: int


# Characters YAML does not allow in a stream, even in a comment: the noncharacters U+FFFE
# and U+FFFF, and surrogates.
_NOT_YAML = re.compile("[\ufffe\uffff\ud800-\udfff]")


def _escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:.15g}"


def _scalar(text: str) -> str:
    """Text as a YAML scalar that reads back as the same text (`yaml_text`), with the
    characters YAML does not allow written as escapes: such text is always double-quoted."""
    return _NOT_YAML.sub(_escaped, yaml_text(text))


def _printable(text: str) -> str:
    """Text for a comment, on one line (`visible` escapes line ends), whatever file names
    and exports hold."""
    return _NOT_YAML.sub(_escaped, visible(text))


def _some(names: Sequence[str], between: str) -> str:
    """The first few names, and how many more there are."""
    more = len(names) - ORIGINS_SHOWN
    return _printable(
        between.join(names[:ORIGINS_SHOWN]) + (f"{between}and {more:,} more" if more > 0 else "")
    )


def _comment(item: Merged) -> str:
    """Where an item came from, on one line of a YAML comment."""
    return _some(item.origins, "; ")


def item_lines(item: Merged) -> list[str]:
    """A certification or a skill, as the profile lists it: its comment, then the item."""
    if item.kind == "skill":
        return [f"  # {_comment(item)}", f"  - {_scalar(item.name)}"]
    lines = [f"  # {_comment(item)}", f"  - name: {_scalar(item.name)}", f"    earned: {item.date}"]
    if item.issuers:
        lines.append(f"    issuer: {_scalar('; '.join(item.issuers))}")
    if item.expires is not None:
        lines.append(f"    expires: {item.expires}")
    return lines


def item_size(item: Merged) -> Size:
    """What an item adds to the profile."""
    values = 1 if item.kind == "skill" else 5 + 2 * bool(item.issuers) + 2 * (item.expires is not None)
    return Size(sum(len(line) + 1 for line in item_lines(item)), values)


def uncounted_lines(uncounted: Sequence[Found]) -> list[str]:
    """The comment naming what is left out as neither a certification nor a skill (the
    first few, and how many more): each with what its source calls it, its date, and where
    it came from."""
    if not uncounted:
        return []
    lines = ["# Left out: neither a certification nor a skill careercap counts"]
    for item in uncounted[:UNCOUNTED_SHOWN]:
        date = f", {item.date}" if item.date is not None else ""
        lines.append(f"#   {_printable(f'{quoted(item.name)} ({item.uncounted}{date}): {item.origin}')}")
    if len(uncounted) > UNCOUNTED_SHOWN:
        lines.append(f"#   and {len(uncounted) - UNCOUNTED_SHOWN:,} more")
    return lines


def head_size(
    sources: Sequence[str], name: str | None, position: str | None, uncounted: Sequence[Found] = ()
) -> Size:
    """The most a profile's lines outside its items take, whatever the options say (but
    a name given with --name)."""
    empty = profile_text(Imported((), (), (), (), tuple(uncounted)), sources, Given(), name, position)
    lists = len("certifications:\nskills:\n")
    return Size(len(empty) + lists + OPTIONS_ROOM, HEAD_VALUES)


def profile_text(
    imported: Imported, sources: Sequence[str], given: Given, name: str | None, position: str | None
) -> str:
    """The profile, as YAML to check and complete."""
    lines = [
        f"# A careercap profile, imported from {_some(sources, ', ')}.",
        "# Check it, fill in what is missing, then: careercap validate FILE",
    ]
    who = given.name or name
    lines.append(f"name: {_scalar(who)}" if who else "name:  # fill in: whose profile this is")
    lines.append(f"employment: {given.employment}")
    if given.income is not None:
        lines.append(f"income: {_number(given.income)}")
    else:
        lines.append("income:  # fill in: the yearly income to project from")
    if given.currency is not None:
        lines.append(f"currency: {given.currency}")
    if given.as_of is not None:
        lines.append(f"as_of: {given.as_of}")
    if given.baseline_growth is not None:
        lines.append(f"baseline_growth: {_number(given.baseline_growth)}")
    if imported.certifications:
        lines.append("certifications:")
        for item in imported.certifications:
            lines += item_lines(item)
    if imported.skills:
        lines.append("skills:")
        for item in imported.skills:
            lines += item_lines(item)
    if position:
        lines.append(f"notes: {_scalar(f'Latest position: {position}')}")
    lines += uncounted_lines(imported.uncounted)
    return "\n".join(lines) + "\n"
