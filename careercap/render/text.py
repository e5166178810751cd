"""Number and text formats shared by the renderers."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from rich.cells import cell_len

from careercap.core.plan import MOST_EVENTS, Kind, names_of
from careercap.core.profile import Certification
from careercap.core.rounding import cents
from careercap.core.rules import LABELS
from careercap.core.words import counted, span
from careercap.errors import visible

if TYPE_CHECKING:
    from careercap.core.comparison import Comparison, Entries, Gap
    from careercap.core.explain import Explanation
    from careercap.core.plan import Plan
    from careercap.core.returns import LearningReturn
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


def yaml_text(text: str) -> str:
    """A name as a YAML scalar that reads back as the same text: plain where that is safe,
    else double-quoted, with control, format and line-breaking characters escaped (so a
    name cannot move the cursor or reorder what a terminal shows)."""
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(_escaped(c) if unicodedata.category(c) in _HIDDEN else c for c in quoted)


_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs"}


def _escaped(character: str) -> str:
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ()./+-]*[A-Za-z0-9)]|[A-Za-z]")
_YAML_WORDS = {"yes", "no", "y", "n", "true", "false", "on", "off", "null"}


def _yaml_number(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:.15g}"


def plan_snippet(plan: Plan) -> str:
    """The additions as YAML to paste into the profile (into its lists, where it has them)."""
    profile = plan.baseline.profile
    named = list(zip(names_of(profile, plan.additions), plan.additions, strict=True))
    lines: list[str] = []
    kinds: tuple[tuple[Kind, str, str, tuple[object, ...]], ...] = (
        ("certification", "certifications", "earned", profile.certifications),
        ("skill", "skills", "acquired", profile.skills),
    )
    for kind, key, date, existing in kinds:
        added = [(name, addition) for name, addition in named if addition.kind == kind]
        if not added:
            continue
        if existing:
            lines.append(f"# add to the existing {key}:")
        lines.append(f"{key}:")
        for name, addition in added:
            lines += [f"  - name: {yaml_text(name)}", f"    {date}: {addition.year}"]
            lines += [f"    cost: {_yaml_number(addition.cost)}"] if addition.cost is not None else []
            lines += [f"    hours: {_yaml_number(addition.hours)}"] if addition.hours is not None else []
    if not lines:  # still YAML, and still saying something
        lines.append(
            "# nothing to add"
            if plan.reached
            else "# no plan found: run careercap plan without --format yaml"
        )
    return "\n".join(lines) + "\n"


_GOALS = {
    "fewest": "keep every year out of static",
    "cheapest": "keep every year out of static",
    "net-gain": "gain the most from learning, net of what it costs",
}
_BEST = {
    "fewest": "The smallest plan",
    "cheapest": "The cheapest plan",
    "net-gain": "The plan with the largest net gain",
}


def _within(plan: Plan, currency: str) -> str:
    """', within 1,500.00 EUR and 80 hours', or nothing without limits."""
    parts = []
    if plan.limits.budget is not None:
        parts.append(f"{money(plan.limits.budget)} {currency}")
    if plan.limits.max_hours is not None:
        parts.append(counted_hours(plan.limits.max_hours))
    return f", within {' and '.join(parts)}" if parts else ""


def counted_hours(hours: float) -> str:
    shown = _yaml_number(round(hours, 2))
    return f"{shown} hour" if shown == "1" else f"{shown} hours"


def _listed(plan: Plan) -> str:
    """'a skill in 2026 and 2 certifications in 2027'; options by name, 'SQL (skill, 2026)'."""
    grouped = Counter((a.kind, a.year, a.name) for a in plan.additions)  # in plan order
    steps = []
    for (kind, year, name), times in grouped.items():
        if name is not None:
            steps.append(f"{visible(name)} ({kind}, {year}" + (f", {times} times)" if times > 1 else ")"))
        else:
            steps.append(f"a {kind} in {year}" if times == 1 else f"{counted(times, kind)} in {year}")
    return steps[0] if len(steps) == 1 else ", ".join(steps[:-1]) + " and " + steps[-1]


def plan_lines(plan: Plan, source: str, learning: LearningReturn | None = None) -> list[str]:
    """What the plan asks for and what it achieves, in words; with `learning` (the return
    on the planned profile's learning), what it costs and gains."""
    profile = plan.baseline.profile
    currency = profile.currency
    years = span(profile.as_of + 1, profile.final_year)
    goal = _GOALS[plan.objective]
    if plan.target is not None:
        goal += f" and reach {money(plan.target)} {currency} by {plan.by or profile.final_year}"
        goal += " at the least cost" if plan.objective == "cheapest" and plan.options is not None else ""
    heading = f"{visible(profile.name)} ({visible(source)}): a plan to {goal}"
    if plan.options is not None:
        heading += f", from {counted(plan.options, 'catalogue option')} for {years}"
    heading += _within(plan, currency)
    if not plan.reached:
        return [heading, "", _not_found(plan)]
    if not plan.additions:
        nothing = (
            "Nothing to add: --max-events 0 allows no learning event."
            if plan.max_events == 0 and plan.objective == "net-gain"
            else "Nothing to add: no plan gains more, net of what it costs, than the profile as it is."
            if plan.objective == "net-gain"
            else "Nothing to add: the profile does that already."
        )
        return [heading, "", nothing]
    count = len(plan.additions)
    events = "1 learning event" if count == 1 else f"{count} learning events"
    before, after = plan.baseline.summary, plan.projection.summary
    lines = [
        heading,
        "",
        f"{_BEST[plan.objective]}: {events}, {_listed(plan)}.",
        f"Final income {money(before.final_income)} -> {money(after.final_income)} {currency}; "
        f"career capital {money(before.career_capital)} -> {money(after.career_capital)} {currency}.",
    ]
    spent = plan.spent
    if spent.money or spent.hours:
        subsidy = " after the subsidy" if profile.learning_subsidy and spent.money else ""
        took = counted_hours(spent.hours)
        lines.append(f"The additions cost {money(spent.money)} {currency}{subsidy} and take {took}.")
    if learning is not None and cents(learning.cost) > 0:
        pays = (
            f"it pays back in {learning.payback_year}"
            if learning.payback_year is not None
            else f"it does not pay back by {profile.final_year}"
        )
        lines.append(
            f"All planned learning costs {money(learning.cost)} {currency} (time included) and adds "
            f"{money(learning.gain)} {currency} of income: a net gain of {money(learning.net)} {currency}; "
            f"{pays}."
        )
    return lines


def _not_found(plan: Plan) -> str:
    """Why no plan does what was asked, and what to ask instead (only what is accepted)."""
    profile = plan.baseline.profile
    years = span(profile.as_of + 1, profile.final_year)
    if plan.reachable is not None and plan.target is not None and plan.target > plan.reachable:
        by = plan.by or profile.final_year
        return (
            f"No plan reaches that: the most any plan reaches by {by} is {money(plan.reachable)} "
            f"{profile.currency}, upskilling every year from {profile.as_of + 1}."
        )
    most = plan.max_events
    if plan.keeps_out_of_static and plan.fewest > most:
        static = sum(row.state == "static" for row in plan.baseline.years[1:])
        are = "is" if static == 1 else "are"
        ask = f"--max-events {plan.fewest}" if plan.fewest <= MOST_EVENTS else "fewer years (--horizon)"
        return (
            f"No plan of at most {counted(most, 'learning event')} in {years} does that: {static} of its "
            f"years {are} static, and a learning event keeps only the years of its window out of "
            f"static, so it takes at least {plan.fewest}. Ask for {ask}."
        )
    if plan.options == 0:
        return f"None of the catalogue's options can be taken in {years}, and the profile holds the rest."
    spent_nothing = plan.limits.budget == 0 or plan.limits.max_hours == 0
    further = (
        f" (--max-events {most + 1} would look further)" if most < MOST_EVENTS and not spent_nothing else ""
    )
    options = "" if plan.options is None else " from the catalogue"
    within = _within(plan, profile.currency)
    events = counted(most, "learning event")
    return f"No plan of at most {events}{options}{within} in {years} does that{further}."


def plan_text(
    plan: Plan,
    source: str,
    basis: Basis | None = None,
    width: int = 100,
    learning: LearningReturn | None = None,
) -> str:
    """`careercap plan` in words (folded to `width`), the rules file it rests on (if not the
    defaults), and the snippet to add to the profile when there is one."""
    named = None if basis is None else basis_line(basis)
    lines = wrapped(plan_lines(plan, source, learning) + ([] if named is None else [named]), width)
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
