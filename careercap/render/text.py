"""Number and text formats shared by the renderers."""

from __future__ import annotations

import os
import re
from collections import Counter
from typing import TYPE_CHECKING

from rich.cells import cell_len

from careercap.core.plan import MOST_EVENTS, Kind, new_names
from careercap.core.profile import Certification
from careercap.core.rounding import cents
from careercap.core.rules import LABELS
from careercap.core.words import counted, span
from careercap.errors import visible

if TYPE_CHECKING:
    from careercap.core.comparison import Comparison, Entries, Gap
    from careercap.core.explain import Explanation
    from careercap.core.plan import Plan
    from careercap.core.rules import Basis


def money(amount: float) -> str:
    return f"{cents(amount):,.2f}"


def percent(rate: float) -> str:
    return f"{cents(rate * 100):+.2f} %"


def factor(value: float) -> str:
    """'×1.0824'; a factor so small or large that four decimals would hide it, in
    significant digits ('×1.2e-09')."""
    return f"×{value:.4f}" if 0.0001 <= value < 1e6 else f"×{value:.4g}"


def labels(entries: Entries) -> list[str]:
    """Profile names for headings and sentences. Where two are the same (one person, two
    plans), the file names tell them apart, without `.yaml`; a number where even that fails."""
    names, sources = entries.names, entries.sources

    def stem(source: str) -> str:
        base = os.path.basename(source)
        return "stdin" if source == "-" else os.path.splitext(base)[0] or base

    times = Counter(names)  # counted once: a comparison may hold thousands of profiles
    named = [name if times[name] == 1 else stem(source) for name, source in zip(names, sources, strict=True)]
    times = Counter(named)
    return [label if times[label] == 1 else f"{label} #{index}" for index, label in enumerate(named, 1)]


def gap_sentence(gap: Gap, name: str, first_name: str, last: int | None = None) -> str:
    """'B ends 18.0 % below A: static contraction ×0.83 against A's ×0.97'; where the spans
    differ, where B stands in `last` (the common span's end), and no factor."""
    change = gap.ratio - 1
    ends = "ends" if last is None else f"stands in {last}"
    if abs(change) < 0.0005:
        return f"{name} {ends} level with {first_name}."
    direction = "above" if change > 0 else "below"
    if gap.factor is None:
        return f"{name} {ends} {abs(change) * 100:.1f} % {direction} {first_name}."
    if gap.factor == "start_income":
        why = f"starting income {money(gap.value)} against {first_name}'s {money(gap.first_value)}"
    else:
        why = f"{LABELS[gap.factor]} {factor(gap.value)} against {first_name}'s {factor(gap.first_value)}"
    return f"{name} {ends} {abs(change) * 100:.1f} % {direction} {first_name}: {why}."


def explanation_lines(explanation: Explanation, source: str) -> list[str]:
    """`careercap explain`: a heading, one line per year, the portfolio rule, the hints."""
    projection = explanation.projection
    profile, rates = projection.profile, projection.rates
    lines = [
        f"{visible(profile.name)} ({visible(source)}): {profile.employment}, "
        f"{profile.as_of}-{profile.final_year}, baseline growth {percent(profile.baseline_growth)}",
        "Yearly growth: "
        f"upskilling {percent(rates['upskilling'])}, maintaining {percent(rates['maintaining'])}, "
        f"static {percent(rates['static'])}",
        "",
    ]
    for reason in explanation.years:
        growth = "start year" if reason.growth is None else percent(reason.growth)
        lines.append(f"{reason.year}  {reason.state:<11}  {visible(reason.reason)}: {growth}")
    lines += ["", f"Freelancer portfolio: {visible(explanation.portfolio)}"]
    if explanation.planned:
        lines += [
            "",
            "Each planned event, against the profile without it alone "
            "(they work together, so these need not add up):",
        ]
        currency = explanation.projection.profile.currency
        for marginal in explanation.planned:
            item = marginal.item
            kind = "certification" if isinstance(item, Certification) else "skill"
            cost = f"; costs {money(marginal.cost)} {currency}" if marginal.cost else ""
            lines.append(
                f"- {visible(item.name)} ({kind}, {item.year}): adds {money(marginal.gain)} {currency} "
                f"over {span(profile.as_of + 1, profile.final_year)}{cost}"
            )
    if explanation.hints:
        lines += ["", "Within reach:", *(f"- {visible(hint)}" for hint in explanation.hints)]
    return lines


def plan_snippet(plan: Plan) -> str:
    """The additions as YAML to paste into the profile (into its lists, where it has them)."""
    profile = plan.baseline.profile
    lines: list[str] = []
    kinds: tuple[tuple[Kind, str, str, tuple[object, ...]], ...] = (
        ("certification", "certifications", "earned", profile.certifications),
        ("skill", "skills", "acquired", profile.skills),
    )
    for kind, key, date, existing in kinds:
        added = [addition for addition in plan.additions if addition.kind == kind]
        if not added:
            continue
        if existing:
            lines.append(f"# add to the existing {key}:")
        lines.append(f"{key}:")
        for name, addition in zip(new_names(profile, kind, len(added)), added, strict=True):
            lines += [f"  - name: {name}", f"    {date}: {addition.year}"]
    if not lines:  # still YAML, and still saying something
        lines.append(
            "# nothing to add"
            if plan.reached
            else "# no plan found: run careercap plan without --format yaml"
        )
    return "\n".join(lines) + "\n"


def plan_lines(plan: Plan, source: str) -> list[str]:
    """What the plan asks for and what it achieves, in words."""
    profile = plan.baseline.profile
    years = span(profile.as_of + 1, profile.final_year)
    goal = "keep every year out of static"
    if plan.target is not None:
        goal += f" and reach {money(plan.target)} {profile.currency} by {plan.by or profile.final_year}"
    heading = f"{visible(profile.name)} ({visible(source)}): a plan to {goal}"
    if not plan.reached:
        if plan.reachable is not None and plan.target is not None and plan.target > plan.reachable:
            by = plan.by or profile.final_year
            return [
                heading,
                "",
                f"No plan reaches that: the most any plan reaches by {by} is {money(plan.reachable)} "
                f"{profile.currency}, upskilling every year from {profile.as_of + 1}.",
            ]
        most = plan.max_events
        if plan.fewest > most:
            static = sum(row.state == "static" for row in plan.baseline.years[1:])
            are = "is" if static == 1 else "are"
            ask = f"--max-events {plan.fewest}" if plan.fewest <= MOST_EVENTS else "fewer years (--horizon)"
            return [
                heading,
                "",
                f"No plan of at most {most} learning events in {years} does that: {static} of its "
                f"years {are} static, and a learning event keeps only the years of its window out of "
                f"static, so it takes at least {plan.fewest}. Ask for {ask}.",
            ]
        further = f" (--max-events {most + 1} would look further)" if most < MOST_EVENTS else ""
        return [heading, "", f"No plan of at most {most} learning events in {years} does that{further}."]
    if not plan.additions:
        return [heading, "", "Nothing to add: the profile does that already."]
    count = len(plan.additions)
    events = "1 learning event" if count == 1 else f"{count} learning events"
    before, after = plan.baseline.summary, plan.projection.summary
    grouped = Counter((addition.kind, addition.year) for addition in plan.additions)  # in plan order
    steps = [
        f"a {kind} in {year}" if times == 1 else f"{counted(times, kind)} in {year}"
        for (kind, year), times in grouped.items()
    ]
    listed = steps[0] if len(steps) == 1 else ", ".join(steps[:-1]) + " and " + steps[-1]
    return [
        heading,
        "",
        f"The smallest plan: {events}, {listed}.",
        f"Final income {money(before.final_income)} -> {money(after.final_income)} {profile.currency}; "
        f"career capital {money(before.career_capital)} -> {money(after.career_capital)} {profile.currency}.",
    ]


def plan_text(plan: Plan, source: str, basis: Basis | None = None, width: int = 100) -> str:
    """`careercap plan` in words (folded to `width`), the rules file it rests on (if not the
    defaults), and the snippet to add to the profile when there is one."""
    named = None if basis is None else basis_line(basis)
    lines = wrapped(plan_lines(plan, source) + ([] if named is None else [named]), width)
    text = "".join(line + "\n" for line in lines)
    if plan.additions:
        text += "\nAdd to the profile:\n\n" + plan_snippet(plan) + "\n"
    return text


def valid_line(source: str, document: int, name: str) -> str:
    """`careercap validate --verbose`: one valid profile."""
    return f"{source}: document {document} ({visible(name)}): valid"


def validation_line(profiles: int, files: int, failed: bool) -> str:
    """`careercap validate --verbose`: what was checked, and the verdict."""
    return (
        f"{counted(profiles, 'profile')} in {counted(files, 'file')}: {'failed' if failed else 'all valid'}"
    )


def span_note(comparison: Comparison, names: list[str]) -> str | None:
    """Where the profiles' horizons differ: which years the summary covers, and who goes on."""
    beyond = comparison.beyond()
    if not beyond:
        return None
    first, last = comparison.span
    others = "; ".join(
        f"{names[index]} {comparison.entries[index].span.first}-{comparison.entries[index].span.last}"
        for index in beyond
    )
    return (
        f"The summary compares {first}-{last}, the years every profile projects (also projected: {others})."
    )


def _value(value: object) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return f"{value:.15g}" if isinstance(value, float) else str(value)  # 0.9999999999 is not 1


def basis_line(basis: Basis) -> str | None:
    """Under a report: the rules file its figures rest on, and what it changes (nothing
    for the defaults)."""
    if basis.path is None:
        return None
    if not basis.changes:
        return f"Rules: {visible(basis.path)}, with the default values."
    changed = ", ".join(
        f"{name} {_value(value)} (default {_value(default)})" for name, value, default in basis.changes
    )
    return f"Rules: {visible(basis.path)}, which sets {changed}."


_YEAR_LINE = re.compile(r"\d{4}  \S+ +")
_NO_BREAK = "\u00a0"


def wrapped(lines: list[str], width: int) -> list[str]:
    """Prose lines folded to `width` terminal cells at spaces, each continuation under the
    start of its line's text (a year line's reason, a list item's words), so that no
    figure is cut: a percent stays with its number. Widths are counted in cells, as a
    terminal shows them (a CJK character takes two). Only a word longer than a whole line
    (a long path) is broken."""
    folded: list[str] = []
    for line in lines:
        if cell_len(line) <= width:
            folded.append(line)
            continue
        lead = _YEAR_LINE.match(line)
        indent = " " * (len(lead.group()) if lead else 2)
        words = _SPACES.split(line.replace(" %", _NO_BREAK + "%"))  # words, and the spaces between
        current = ""
        for word in words:
            if cell_len(current + word) <= width or not current.strip():
                current += word
            elif word.isspace():
                continue  # a break: the spaces go
            else:
                folded.append(current.rstrip())
                current = indent + word
            while cell_len(current) > width:  # a word longer than a line
                cut = max(_cells_up_to(current, width), len(indent) + 1)  # each piece moves on
                folded.append(current[:cut])
                current = indent + current[cut:]
        folded.append(current.rstrip())
    return [line.replace(_NO_BREAK, " ") for line in folded]


_SPACES = re.compile(r"( +)")


def _cells_up_to(text: str, width: int) -> int:
    """How many characters of `text` fit in `width` cells (at least one)."""
    used = 0
    for index, character in enumerate(text):
        used += cell_len(character)
        if used > width:
            return max(index, 1)
    return len(text)
