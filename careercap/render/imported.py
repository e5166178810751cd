"""`careercap import`: the merged items as a profile's YAML, each with a comment saying
where it came from, and what no source holds from the options (or left to fill in)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from careercap.core.imported import Imported, Merged
from careercap.errors import visible
from careercap.render.text import yaml_text


class Given(NamedTuple):
    """What the command line gives: all that no export holds."""

    name: str | None = None
    income: float | None = None
    currency: str | None = None
    as_of: int | None = None
    employment: str = "employee"
    baseline_growth: float | None = None


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:.15g}"


def _comment(item: Merged) -> str:
    """Where an item came from, on one line of a YAML comment, whatever its file names hold."""
    return visible("; ".join(item.origins)).replace("\n", " ").replace("\r", " ")


def profile_text(
    imported: Imported, sources: Sequence[str], given: Given, name: str | None, position: str | None
) -> str:
    """The profile, as YAML to check and complete."""
    lines = [
        f"# A careercap profile, imported from {visible(', '.join(sources))}.",
        "# Check it, fill in what is missing, then: careercap validate FILE",
    ]
    who = given.name or name
    lines.append(f"name: {yaml_text(who)}" if who else "name:  # fill in: whose profile this is")
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
            lines += [
                f"  # {_comment(item)}",
                f"  - name: {yaml_text(item.name)}",
                f"    earned: {item.date}",
            ]
            if item.issuers:
                lines.append(f"    issuer: {yaml_text('; '.join(item.issuers))}")
            if item.expires is not None:
                lines.append(f"    expires: {item.expires}")
    if imported.skills:
        lines.append("skills:")
        for item in imported.skills:
            lines += [f"  # {_comment(item)}", f"  - {yaml_text(item.name)}"]
    if position:
        lines.append(f"notes: {yaml_text(f'Latest position: {position}')}")
    return "\n".join(lines) + "\n"
