"""Number and text formats shared by the renderers."""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from rich.cells import cell_len

from careercap.core.profile import Certification
from careercap.core.rounding import cents
from careercap.core.rules import LABELS
from careercap.core.words import counted, span
from careercap.errors import visible

if TYPE_CHECKING:
    from careercap.core.comparison import Comparison, Entries, Gap
    from careercap.core.engine import Projection
    from careercap.core.explain import Explanation
    from careercap.core.rules import Basis


UNKNOWN = "unknown"
"""What a money figure that cannot be computed shows as (a warning says why)."""


def money(amount: float | None) -> str:
    return UNKNOWN if amount is None else f"{cents(amount):,.2f}"


def percent(rate: float) -> str:
    return f"{cents(rate * 100):+.2f} %"


def factor(value: float) -> str:
    """'×1.0824'; a factor so small or large that four decimals would hide it, in
    significant digits ('×1.2e-09')."""
    return f"×{value:.4f}" if 0.0001 <= value < 1e6 else f"×{value:.4g}"


def extrapolated_note(projection: Projection) -> str | None:
    """What the star on a year past the evidence means, for a projection that has such years."""
    profile = projection.profile
    if not projection.extrapolated(profile.final_year):
        return None
    years = projection.covered_until - profile.as_of
    return f"* extrapolated: past the {years} years after {profile.as_of} the findings cover"


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


def employment_story(projection: Projection) -> str:
    """`employee`, or with switches `employee, freelancer from 2027`."""
    profile = projection.profile
    story: list[str] = [profile.employment]
    for event in sorted(profile.events, key=lambda event: event.year):
        if event.employment is not None and event.year <= profile.final_year:
            story.append(f"{event.employment} from {event.year}")
    return ", ".join(story)


def explanation_lines(explanation: Explanation, source: str) -> list[str]:
    """`careercap explain`: a heading, one line per year, the portfolio rule, the hints."""
    projection = explanation.projection
    profile, rates = projection.profile, projection.rates
    lines = [
        f"{visible(profile.name)} ({visible(source)}): {employment_story(projection)}, "
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
    if explanation.career:
        lines += [
            "",
            "Career events (given, not chosen):",
            *(f"- {line}" for line in explanation.career[:-1]),
        ]
        lines.append(explanation.career[-1])
    if explanation.planned:
        lines += [
            "",
            "Each planned event, against the profile without it alone "
            "(they work together, so these need not add up):",
        ]
        currency = explanation.projection.profile.currency
        valued = explanation.valued or (None,) * len(explanation.planned)
        for marginal, value in zip(explanation.planned, valued, strict=True):
            item = marginal.item
            kind = "certification" if isinstance(item, Certification) else "skill"
            worth = "" if value is None else f" (worth {money(value.gain)} in {profile.as_of})"
            cost = f"; costs {money(marginal.cost)} {currency}" if marginal.cost else ""
            if cost and value is not None:
                cost += f" (worth {money(value.cost)} in {profile.as_of})"
            lines.append(
                f"- {visible(item.name)} ({kind}, {item.year}): adds {money(marginal.gain)} {currency} "
                f"over {span(profile.as_of + 1, profile.final_year)}{worth}{cost}"
            )
    lines += _discounting_lines(explanation)
    if explanation.hints:
        lines += ["", "Within reach:", *(f"- {visible(hint)}" for hint in explanation.hints)]
    return lines


def _discounting_lines(explanation: Explanation) -> list[str]:
    """What discounting did: the same money, worth less in as_of the later it comes; and
    what the planned learning is worth, all told."""
    present, learning = explanation.present, explanation.learning
    profile = explanation.projection.profile
    if present is None:
        return []
    as_of, last, rate = profile.as_of, profile.final_year, present.discount_rate
    currency = profile.currency
    lines = [
        "",
        f"Discounted at {percent(rate)} a year to {as_of}: the same gain is worth less, the later it "
        f"comes. 100.00 {currency} of {as_of + 1} is worth {money(100 / (1 + rate))} in {as_of}; of "
        f"{last}, {money(100 / (1 + rate) ** (last - as_of))}.",
    ]
    if learning is None or present.learning_cost is None:
        return lines
    irr = (
        "no internal rate of return (its yearly flows do not change sign once, from - to +)"
        if present.irr is None
        else f"an internal rate of return of {percent(present.irr)}"
    )
    lines.append(
        f"The planned learning adds {money(learning.gain)} {currency}, worth "
        f"{money(present.learning_gain)} in {as_of}, and costs {money(learning.cost)} "
        f"{currency}, worth {money(present.learning_cost)}: a net present value of "
        f"{money(present.npv)} {currency} (undiscounted, {money(learning.net)}), and {irr}."
    )
    return lines


def yaml_text(text: str) -> str:
    """A name as a YAML scalar that reads back as the same text: plain where that is safe,
    else double-quoted, with control, format and line-breaking characters escaped (so a
    name cannot move the cursor or reorder what a terminal shows)."""
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    import json  # noqa: PLC0415 - names only: a projection needs none of it at start-up

    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(_escaped(c) if unicodedata.category(c) in _HIDDEN else c for c in quoted)


_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs"}


def _escaped(character: str) -> str:
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ()./+-]*[A-Za-z0-9)]|[A-Za-z]")
_YAML_WORDS = {"yes", "no", "y", "n", "true", "false", "on", "off", "null"}


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
