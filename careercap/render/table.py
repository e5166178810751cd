"""Rich renderables for people reading a terminal.

Text that comes from a profile or a rules file goes into a table as `Text`, never as a
plain string, which Rich would read as markup: a name such as `[/bold]` or
`[link=...]` is shown as written. Control characters are made visible first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.box import HEAVY_HEAD, Box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from careercap.core.cautions import defaults_only
from careercap.core.engine import Projection, YearRow
from careercap.core.result import Result
from careercap.core.returns import LearningReturn
from careercap.core.rounding import cents
from careercap.core.rules import EVENTS, LABELS, RULE, RULES, Basis, Rules
from careercap.core.words import span
from careercap.errors import visible
from careercap.render.fit import Block, Fitted, Row, Stacked, needed
from careercap.render.text import (
    basis_line,
    employment_story,
    extrapolated_note,
    factor,
    gap_sentence,
    labels,
    money,
    percent,
    span_note,
)

if TYPE_CHECKING:
    from careercap.core.comparison import Comparison, YearColumn
    from careercap.core.present import PresentValue
    from careercap.core.sensitivity import Sensitivity

_STATE_STYLE = {"upskilling": "green", "maintaining": "", "static": "red"}
STATE_WIDTH = max(len(state) for state in _STATE_STYLE)
CAVEAT = Text(
    "The rules are point estimates from secondary reporting of observational studies: "
    "an illustration, not a forecast. `careercap rules` shows the evidence.",
    style="dim",
)
"""Said once under every report of figures (once a run, however many profiles it shows)."""


def closing(basis: Basis | None) -> RenderableType:
    """What closes a report of figures: the rules file they rest on, if not the defaults,
    and the caveat."""
    line = None if basis is None else basis_line(basis)
    return CAVEAT if line is None else Group(Text(line), CAVEAT)


def _events(row: YearRow) -> Text:
    """The year's learning events, then its career events, one a line."""
    text = Text()
    for index, event in enumerate(row.events):
        if index:
            text.append("\n")
        text.append(visible(event.name))
        kind = "cert" if event.kind == "certification" else "skill"
        text.append(f" ({kind}, planned)" if event.planned else f" ({kind})", style="dim")
    for index, career in enumerate(row.career, start=len(row.events)):
        if index:
            text.append("\n")
        text.append(career.label, style=CAREER_STYLE)
    return text


CAREER_STYLE = "magenta"
"""How a career event is set apart from the learning events beside it."""


def factor_labels(*projections: Projection) -> dict[str, str]:
    """The factors to show, by field: the career events' only when some profile has any."""
    if any(projection.profile.events for projection in projections):
        return LABELS
    return {field: title for field, title in LABELS.items() if field != EVENTS}


_EIGHTHS = " ▏▎▍▌▋▊▉"
BAR_WIDTH = 12


def bar(value: float, largest: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar for value, from zero, the largest value filling `width` cells."""
    eighths = round(max(value, 0) / largest * width * 8) if largest > 0 else 0
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def _title(result: Result) -> Text:
    profile = result.projection.profile
    title = Text(visible(profile.name), style="bold")
    title.append(f"  {employment_story(result.projection)}, {profile.as_of}-{profile.final_year}  ", style="")
    title.append(visible(result.source), style="dim")
    return title


def _extrapolated_note(result: Result) -> str | None:
    return extrapolated_note(result.projection)


def _year(result: Result, year: int) -> str:
    return f"{year}*" if result.projection.extrapolated(year) else str(year)


def trajectory_table(result: Result, *, with_bar: bool = True, with_rules: bool = True) -> Table:
    """One row per year: income (in as_of-year money too when the profile has an inflation
    rate; with its range when sensitivity was asked for; else, `with_bar`, with a bar to
    read the trajectory at a glance), growth, state, the year's learning events, and,
    `with_rules`, the rules applied."""
    projection, real = result.projection, result.real
    band = None if result.sensitivity is None else result.sensitivity.band
    profile = projection.profile
    table = Table(title=_title(result), title_justify="left")
    table.add_column("Year", justify="right", no_wrap=True)
    table.add_column(f"Income ({profile.currency})", justify="right", no_wrap=True)
    if band is not None:
        table.add_column("Range", justify="right", no_wrap=True)
    if real is not None:
        table.add_column(f"In {profile.as_of} money", justify="right", no_wrap=True)
    with_bar = with_bar and band is None and real is None  # beside those, the bar is too much
    if with_bar:
        table.add_column("", no_wrap=True, style="cyan")
    away = any(row.away for row in projection.years)
    if away:
        table.add_column("Earned", justify="right", no_wrap=True)
    table.add_column("Growth", justify="right", no_wrap=True)
    table.add_column("State", no_wrap=True)
    table.add_column("Events" if profile.events else "Learning events", overflow="fold")
    if with_rules:
        table.add_column("Rules applied", overflow="fold")
    largest = max(row.income for row in projection.years)
    note = _extrapolated_note(result)
    if note is not None:
        table.caption = note
        table.caption_justify = "left"
    for index, row in enumerate(projection.years):
        cells: list[str | Text] = [_year(result, row.year), money(row.income)]
        if band is not None:
            cells.append(_range(*band[index]))
        if real is not None:
            cells.append(money(real.incomes[index]))
        if with_bar:
            cells.append(bar(row.income, largest))
        if away:
            cells.append(money(row.earned) if row.away else "")
        cells += [
            "" if row.growth is None else percent(row.growth),
            Text(row.state, style=_STATE_STYLE[row.state]),
            _events(row),
        ]
        if with_rules:
            cells.append(", ".join(RULE[rule].short for rule in row.rules))
        table.add_row(*cells)
    return table


def _range(low: float, high: float) -> str:
    return f"{low:,.0f} - {high:,.0f}"  # a range needs no cents


def trajectory_blocks(result: Result) -> RenderableType:
    """The trajectory as one block per year, for a terminal too narrow for the table."""
    projection, real = result.projection, result.real
    band = None if result.sensitivity is None else result.sensitivity.band
    profile = projection.profile
    blocks = []
    for index, row in enumerate(projection.years):
        rows: list[Row] = [(f"income ({profile.currency})", money(row.income))]
        if band is not None:
            rows.append(("range", _range(*band[index])))
        if real is not None:
            rows.append((f"in {profile.as_of} money", money(real.incomes[index])))
        if row.away:
            rows.append(("earned", money(row.earned)))
        if row.growth is not None:
            rows.append(("growth", percent(row.growth)))
        rows.append(("state", Text(row.state, style=_STATE_STYLE[row.state])))
        lines = [line for line in _events(row).split("\n") if line]
        notes = [Text.assemble(("learning: ", "dim"), line) for line in lines[: len(row.events)]]
        notes += [Text.assemble(("career: ", "dim"), line) for line in lines[len(row.events) :]]
        if row.rules:
            notes.append(Text.assemble(("rules: ", "dim"), ", ".join(RULE[rule].short for rule in row.rules)))
        blocks.append(Block(_year(result, row.year), rows, notes))
    note = _extrapolated_note(result)
    stacked = Stacked(_title(result), blocks)
    return stacked if note is None else Group(stacked, Text(note))


def summary_blocks(result: Result) -> Stacked:
    """Start, final, CAGR, cumulative, static peer, career capital (in as_of-year money too
    with an inflation rate), and the rule factors."""
    profile, summary, real = result.projection.profile, result.projection.summary, result.real
    currency = profile.currency
    first, last = profile.as_of + 1, profile.final_year
    figures: list[Row] = [
        (f"Start income ({profile.as_of})", f"{money(summary.start_income)} {currency}"),
        (f"Final income ({last})", f"{money(summary.final_income)} {currency}"),
        ("CAGR", percent(summary.cagr)),
        (f"Cumulative earnings {span(first, last)}", f"{money(summary.cumulative_earnings)} {currency}"),
        ("Static-peer cumulative", f"{money(summary.static_peer_cumulative)} {currency}"),
        ("Career capital", f"{money(summary.career_capital)} {currency}"),
    ]
    blocks = [Block(None, figures)]
    if real is not None:
        money_of = f"In {profile.as_of} money, at {percent(real.inflation)} inflation"
        blocks.append(
            Block(
                money_of,
                [
                    ("Final income", f"{money(real.final_income)} {currency}"),
                    ("Cumulative earnings", f"{money(real.cumulative_earnings)} {currency}"),
                    ("Career capital", f"{money(real.career_capital)} {currency}"),
                ],
            )
        )
    if result.learning is not None:
        blocks.append(learning_block(result.learning, currency))
    if result.present is not None:
        blocks.append(present_block(result.present, profile.as_of, currency))
    labels = factor_labels(result.projection)
    factors = [(title, factor(getattr(summary.factors, field))) for field, title in labels.items()]
    blocks.append(Block("Final income, by rule", factors))
    return Stacked(None, blocks)


def learning_block(learning: LearningReturn, currency: str) -> Block:
    """What the planned learning costs and adds, and when it pays back."""
    gain = ("Income it adds", f"{money(learning.gain)} {currency}")
    if learning.ratio is None:  # it cost nothing, as the profile gives it
        note = Text(
            "It costs nothing as the profile gives it (cost, hours at hourly_value, less the "
            "subsidy): no return or payback to show.",
            style="dim",
        )
        return Block("The planned learning, as an investment", [gain], [note])
    payback = "not within the horizon" if learning.payback_year is None else str(learning.payback_year)
    rows: list[Row] = [
        ("Learning cost", f"{money(learning.cost)} {currency}"),
        gain,
        ("Net gain", f"{money(learning.net)} {currency}"),
        ("Return on learning", percent(learning.ratio)),
        ("Pays back in", payback),
    ]
    return Block("The planned learning, as an investment", rows)


NO_IRR = "none (its yearly flows do not change sign once, from - to +)"


def present_block(present: PresentValue, as_of: int, currency: str) -> Block:
    """Present values in as_of, and the planned learning's net present value and internal
    rate of return."""
    rows: list[Row] = [
        ("Cumulative earnings", f"{money(present.cumulative_earnings)} {currency}"),
        ("Static-peer cumulative", f"{money(present.static_peer_cumulative)} {currency}"),
        ("Career capital", f"{money(present.career_capital)} {currency}"),
    ]
    if present.learning_cost is not None:
        rows += [
            ("Learning cost", f"{money(present.learning_cost)} {currency}"),
            ("Income it adds", f"{money(present.learning_gain or 0.0)} {currency}"),
            ("Net present value", f"{money(present.npv or 0.0)} {currency}"),
            ("Internal rate of return", NO_IRR if present.irr is None else percent(present.irr)),
        ]
    return Block(f"Present value in {as_of}, at {percent(present.discount_rate)} a year", rows)


def tornado_table(sensitivity: Sensitivity, currency: str) -> Table:
    """Each parameter at the low and the high end of its range, the rest central: where the
    final income and career capital go, largest swing first."""
    table = Table(title=Text(TORNADO, style="bold"), title_justify="left")
    table.add_column("Parameter", no_wrap=True)
    table.add_column("Ends", justify="right", no_wrap=True)
    table.add_column(f"Final income ({currency})", justify="right", no_wrap=True)
    table.add_column(f"Career capital ({currency})", justify="right", no_wrap=True)
    for swing in sensitivity.tornado:
        table.add_row(
            swing.parameter,
            f"{swing.low.value:g} to {swing.high.value:g}",
            f"{swing.low.final_income:,.0f} to {swing.high.final_income:,.0f}",
            f"{swing.low.career_capital:,.0f} to {swing.high.career_capital:,.0f}",
        )
    return table


TORNADO = "Sensitivity: each parameter at the ends of its range"


def tornado_blocks(sensitivity: Sensitivity, currency: str) -> Stacked:
    """The tornado as one block per parameter."""
    return Stacked(
        TORNADO,
        [
            Block(
                swing.parameter,
                [
                    ("ends", f"{swing.low.value:g} to {swing.high.value:g}"),
                    (
                        f"final income ({currency})",
                        f"{swing.low.final_income:,.0f} to {swing.high.final_income:,.0f}",
                    ),
                    (
                        f"career capital ({currency})",
                        f"{swing.low.career_capital:,.0f} to {swing.high.career_capital:,.0f}",
                    ),
                ],
            )
            for swing in sensitivity.tornado
        ],
    )


def tornado_note(sensitivity: Sensitivity) -> Text:
    central = sensitivity.central.summary
    low, high = sensitivity.final_income
    return Text(
        f"Central final income {money(central.final_income)}; with every parameter at either end "
        f"of its range, from {money(low)} to {money(high)} (career capital "
        f"{money(sensitivity.career_capital[0])} to {money(sensitivity.career_capital[1])})."
    )


def projection_view(result: Result) -> RenderableType:
    """The whole human view of one result (with its sensitivity, when asked for), in the
    layout that fits where it is printed: the table with the trend bar, without it, without
    the rules column, or a block per year."""
    parts: list[RenderableType] = [
        Fitted(
            trajectory_table(result),
            trajectory_table(result, with_bar=False),
            trajectory_table(result, with_bar=False, with_rules=False),
            trajectory_blocks(result),
        ),
        summary_blocks(result),
    ]
    if result.sensitivity is not None:
        currency = result.projection.profile.currency
        parts += [
            Fitted(tornado_table(result.sensitivity, currency), tornado_blocks(result.sensitivity, currency)),
            tornado_note(result.sensitivity),
        ]
    note = defaults_only(result.projection)
    if note is not None:
        parts.append(Text(note))
    return Group(*parts)


def _difference(difference: float | None, first: float | None) -> str:
    """'+1,234.56 (+2.50 %)': the percent is of the first's figure as shown, when it is not zero."""
    if difference is None or first is None:
        return ""
    base = abs(round(first, 2))
    share = f" ({percent(difference / base)})" if base else ""
    return f"{difference:+,.2f}{share}"


class Measure(NamedTuple):
    """A line of a comparison: its label, each profile's figure, and (when it has them)
    each profile's difference from the first, the first's left empty."""

    label: str
    values: list[str]
    differences: list[str] | None = None


def _by_profile(title: str, names: list[str], measures: list[Measure]) -> Fitted:
    """Figures of several profiles: a table with a column per profile (and one for its
    difference from the first, where there are differences); where that does not fit, a
    block per profile."""
    table = Table(title=Text(title, style="bold"), title_justify="left")
    table.add_column("", overflow="fold")
    against = any(measure.differences is not None for measure in measures)
    for index, name in enumerate(names):
        table.add_column(Text(name), justify="right", no_wrap=True)
        if against and index:
            table.add_column(Text(f"vs {names[0]}"), justify="right", no_wrap=True)
    for measure in measures:
        cells = [measure.label]
        for index, value in enumerate(measure.values):
            cells.append(value)
            if against and index:
                cells.append("" if measure.differences is None else measure.differences[index])
        table.add_row(*cells)
    blocks = []
    for index, name in enumerate(names):
        rows: list[Row] = []
        for measure in measures:
            if not measure.values[index]:
                continue  # nothing to show for this profile
            rows.append((measure.label, measure.values[index]))
            if index and measure.differences is not None:
                rows.append((Text(f"  vs {names[0]}", style="dim"), measure.differences[index]))
        blocks.append(Block(Text(name, style="bold"), rows))
    return Fitted(table, Stacked(title, blocks))


EARNED_NOTE = "Earned: what a year of a break brings in, its share of the income; cumulative earnings add it."
"""Under a comparison's income by year where a break makes what a profile earns differ."""


def comparison_earned(comparison: Comparison) -> list[dict[int, float]]:
    """By profile, what each year of a break brings in, by year: where it differs from the
    income (empty for a profile without a break)."""
    earned = []
    for entry in comparison.entries:
        pairs = () if entry.earned is None else zip(entry.earned, entry.incomes, strict=True)
        earned.append({entry.as_of + at: amount for at, (amount, cut) in enumerate(pairs) if amount != cut})
    return earned


def comparison_notes(results: Sequence[Result], beyond: bool, earned: list[dict[int, float]]) -> list[str]:
    """The notes under a comparison's income by year: what a star means, where a year is
    `beyond` the evidence for some profile (the note `project` gives, where every
    profile's years are the same), and what Earned is, where some profile has a break."""
    notes = {note for result in results if (note := extrapolated_note(result.projection)) is not None}
    said = []
    if beyond:
        said.append(
            notes.pop()
            if len(notes) == 1
            else "* extrapolated, for at least one profile: past the years the findings cover"
        )
    if any(earned):
        said.append(EARNED_NOTE)
    return said


def comparison_years(comparison: Comparison, results: Sequence[Result], names: list[str]) -> Fitted:
    """One row per calendar year: each profile's income (and, in a break, what it earns,
    as `project` shows it: the cumulative earnings add that) and state, and its
    difference; where that does not fit, without the states; else a block per year. A
    year past what the findings cover, for any profile that covers it, is starred, as
    `project` stars it."""
    currency = comparison.entries[0].currency
    states = [{row.year: row.state for row in result.projection.years} for result in results]
    title = f"Income by year ({currency})"
    columns = list(comparison.years)
    earned = comparison_earned(comparison)
    beyond = {
        column.year
        for column in columns
        if any(
            income is not None and result.projection.extrapolated(column.year)
            for result, income in zip(results, column.incomes, strict=True)
        )
    }
    note = "\n".join(comparison_notes(results, bool(beyond), earned)) or None

    def year(column: YearColumn) -> str:
        return f"{column.year}*" if column.year in beyond else str(column.year)

    def state(index: int, year: int) -> Text:
        found = states[index].get(year) or ""
        return Text(found, style=_STATE_STYLE.get(found, ""))

    def table(with_states: bool) -> Table:
        table = Table(title=Text(title, style="bold"), title_justify="left")
        if note is not None:
            table.caption, table.caption_justify = note, "left"
        table.add_column("Year", justify="right", no_wrap=True)
        for index, name in enumerate(names):
            table.add_column(Text(name), justify="right", no_wrap=True)
            if earned[index]:
                table.add_column("Earned", justify="right", no_wrap=True)
            if with_states:
                table.add_column("State", no_wrap=True)
            if index:
                table.add_column(Text(f"vs {names[0]}"), justify="right", no_wrap=True)
        for column in columns:
            cells: list[str | Text] = [year(column)]
            for index, income in enumerate(column.incomes):
                cells.append("" if income is None else money(income))
                if earned[index]:
                    away = earned[index].get(column.year)
                    cells.append("" if away is None else money(away))
                if with_states:
                    cells.append(state(index, column.year))
                if index:
                    cells.append(_difference(column.differences[index], column.incomes[0]))
            table.add_row(*cells)
        return table

    blocks = []
    widest = max(len(money(income)) for column in columns for income in column.incomes if income is not None)
    for column in columns:
        rows: list[Row] = []
        for index, (name, income) in enumerate(zip(names, column.incomes, strict=True)):
            if income is None:
                continue
            found = state(index, column.year)
            found.pad_right(STATE_WIDTH + 1 - found.cell_len)  # states and figures line up
            rows.append((Text(name), Text.assemble(found, money(income).rjust(widest))))
            away = earned[index].get(column.year)
            if away is not None:
                rows.append((Text("  earned", style="dim"), money(away).rjust(widest)))
            difference = _difference(column.differences[index], column.incomes[0]) if index else ""
            if difference:
                rows.append((Text(f"  vs {names[0]}", style="dim"), difference))
        blocks.append(Block(year(column), rows))
    stacked = Stacked(title, blocks)
    return Fitted(table(True), table(False), stacked if note is None else Group(stacked, Text(note)))


SUMMARY_ROWS = {
    "final_income": "Final income",
    "cagr": "CAGR",
    "cumulative_earnings": "Cumulative earnings",
    "career_capital": "Career capital",
}


def comparison_summary(comparison: Comparison, names: list[str]) -> Fitted:
    """Final income, CAGR, cumulative earnings and career capital, with differences."""
    measures = []
    for field, title in SUMMARY_ROWS.items():
        values, differences = comparison.summary[field], comparison.differences[field]
        if field == "cagr":
            shown = [percent(value) for value in values]
            against = [f"{difference * 100:+.2f} pp" for difference in differences]
        else:
            shown = [money(value) for value in values]
            against = [_difference(difference, values[0]) for difference in differences]
        measures.append(Measure(title, shown, ["", *against[1:]]))
    return _by_profile("Summary", names, measures)


def comparison_factors(comparison: Comparison, names: list[str]) -> Fitted:
    """The factors by which each rule moved each profile's final income."""
    measures = [Measure("start income", [money(entry.start_income) for entry in comparison.entries])]
    moved = any(entry.factors.events != 1.0 for entry in comparison.entries)  # by a raise or a stated income
    for field, title in (LABELS if moved else factor_labels()).items():
        measures.append(
            Measure(title, [factor(getattr(entry.factors, field)) for entry in comparison.entries])
        )
    return _by_profile("Final income, by rule", names, measures)


def comparison_sensitivity(sensitivities: list[Sensitivity], names: list[str]) -> Fitted:
    """Each profile's final income and career capital across the sensitivity ranges."""
    return _by_profile(
        "Across the sensitivity ranges",
        names,
        [
            Measure(
                "final income",
                [f"{money(s.final_income[0])} to {money(s.final_income[1])}" for s in sensitivities],
            ),
            Measure(
                "career capital",
                [f"{money(s.career_capital[0])} to {money(s.career_capital[1])}" for s in sensitivities],
            ),
        ],
    )


def comparison_real(results: Sequence[Result], names: list[str]) -> Fitted | None:
    """Final income and cumulative earnings in as_of-year money, for profiles with inflation."""
    reals = [result.real for result in results]
    if all(real is None for real in reals):
        return None
    return _by_profile(
        "In as_of-year money",
        names,
        [
            Measure("inflation", ["" if r is None else percent(r.inflation) for r in reals]),
            Measure("final income", ["" if r is None else money(r.final_income) for r in reals]),
            Measure(
                "cumulative earnings", ["" if r is None else money(r.cumulative_earnings) for r in reals]
            ),
            Measure("career capital", ["" if r is None else money(r.career_capital) for r in reals]),
        ],
    )


def comparison_learning(results: Sequence[Result], names: list[str]) -> Fitted | None:
    """What each profile's planned learning costs and adds, for profiles that plan some."""
    learnings = [result.learning for result in results]
    if all(learning is None for learning in learnings):
        return None

    def measure(label: str, figure: Callable[[LearningReturn], float | None]) -> Measure:
        # A profile that plans no learning spends nothing on it and gains nothing from it.
        values = [0.0 if learning is None else figure(learning) for learning in learnings]
        first = values[0]
        differences = [
            "" if value is None or first is None else f"{cents(value - first):+,.2f}" for value in values
        ]
        return Measure(label, [money(value) for value in values], ["", *differences[1:]])

    ratios = [
        "" if learning is None or learning.ratio is None else percent(learning.ratio)
        for learning in learnings
    ]
    paybacks = [
        "" if learning is None or learning.cost == 0 else str(learning.payback_year or "not within")
        for learning in learnings
    ]
    title = "The planned learning, as an investment"
    if any(
        result.projection.profile.final_year != results[0].projection.profile.final_year for result in results
    ):
        title += " (each over its own horizon)"
    return _by_profile(
        title,
        names,
        [
            measure("learning cost", lambda learning: learning.cost),
            measure("income it adds", lambda learning: learning.gain),
            measure("net gain", lambda learning: learning.net),
            Measure("return on learning", ratios),
            Measure("pays back in", paybacks),
        ],
    )


def comparison_present(results: Sequence[Result], names: list[str]) -> Fitted | None:
    """Each profile's present values, for profiles with a discount rate, each over its own
    horizon and in its own as_of: side by side, with differences where both have one."""
    presents = [result.present for result in results]
    if all(present is None for present in presents):
        return None
    learning = any(present is not None and present.learning_cost is not None for present in presents)

    def measure(label: str, figure: Callable[[PresentValue], float | None]) -> Measure:
        values = [None if present is None else figure(present) for present in presents]
        first = values[0]
        differences = [
            "" if value is None or first is None else f"{cents(value - first):+,.2f}" for value in values
        ]
        return Measure(label, ["" if value is None else money(value) for value in values], differences)

    measures = [
        Measure(
            "discount rate",
            ["" if present is None else percent(present.discount_rate) for present in presents],
        ),
        measure("cumulative earnings", lambda present: present.cumulative_earnings),
        measure("career capital", lambda present: present.career_capital),
    ]
    if learning:
        # A profile with a rate that plans no learning spends nothing on it and gains nothing.
        measures += [
            measure("learning cost", lambda present: present.learning_cost or 0.0),
            measure("income it adds", lambda present: present.learning_gain or 0.0),
            measure("net present value", lambda present: present.npv or 0.0),
            Measure(
                "internal rate of return",
                [
                    "" if present is None or present.irr is None else percent(present.irr)
                    for present in presents
                ],
            ),
        ]
    title = "Present value, each in its as_of"
    if any(
        result.projection.profile.final_year != results[0].projection.profile.final_year for result in results
    ):
        title += " (each over its own horizon)"
    return _by_profile(title, names, measures)


def comparison_view(comparison: Comparison, basis: Basis | None = None) -> RenderableType:
    """The whole human view of a comparison made from results."""
    results = comparison.results
    sensitivities = [r.sensitivity for r in results if r.sensitivity is not None]
    names = [visible(name) for name in labels(comparison.entries)]
    note = span_note(comparison, names)
    last = None if note is None else comparison.span.last
    sentences = [
        gap_sentence(gap, name, names[0], last)
        for gap, name in zip(comparison.gaps, names, strict=True)
        if gap is not None
    ]
    if note is not None:
        sentences.insert(0, note)
    parts: list[RenderableType] = [
        comparison_years(comparison, results, names),
        comparison_summary(comparison, names),
        comparison_factors(comparison, names),
    ]
    for extra in (
        comparison_real(results, names),
        comparison_learning(results, names),
        comparison_present(results, names),
    ):
        if extra is not None:
            parts.append(extra)
    if sensitivities:
        parts.append(comparison_sensitivity(sensitivities, names))
    return Group(*parts, Text("\n".join(sentences)), closing(basis))


class SummaryRow(NamedTuple):
    """One profile's row of `project --summary`, as shown. A run keeps each row packed in
    one string (`packed`), all it keeps of a profile, so that a table of 100,000 holds
    their figures and not their projections; a thousand at a time are unpacked to lay out."""

    source: str
    name: str
    years: str
    currency: str
    final_income: str
    cagr: str
    career_capital: str
    real_final_income: str  # empty where the profile has no inflation rate
    final_income_range: str  # empty without --sensitivity

    def packed(self) -> str:
        return _CELL_END.join(self)

    @classmethod
    def unpacked(cls, packed: str) -> SummaryRow:
        return cls._make(packed.split(_CELL_END))


_CELL_END = "\x00"  # never inside a cell: `visible` escapes every control character
SUMMARY_HEADINGS = SummaryRow(
    "Source", "Name", "Years", "Currency", "Final\nincome", "CAGR", "Career\ncapital",
    "Final income\nin as_of money", "Final income\nrange",
)  # fmt: skip
_OPTIONAL = ("real_final_income", "final_income_range")  # shown only where some profile has a figure
_WRAPPED = ("source", "name")  # the text columns, which fold; the figures never wrap
_MONEY = ("final_income", "career_capital")  # headed with the currency when all rows share one
_CHUNK = 1000  # rows laid out at a time


def summary_row(result: Result) -> str:
    """One profile's row of `project --summary`, packed (see `SummaryRow`)."""
    profile, summary, real = result.projection.profile, result.projection.summary, result.real
    source = result.source if result.document == 1 else f"{result.source} #{result.document}"
    band = None if result.sensitivity is None else result.sensitivity.final_income
    return SummaryRow(
        source=visible(source),
        name=visible(profile.name),
        years=f"{profile.as_of}-{profile.final_year}",
        currency=profile.currency,
        final_income=money(summary.final_income),
        cagr=percent(summary.cagr),
        career_capital=money(summary.career_capital),
        real_final_income="" if real is None else money(real.final_income),
        final_income_range="" if band is None else f"{money(band[0])} to {money(band[1])}",
    ).packed()


def _summary_table(
    rows: list[str], widths: list[int] | None, first: bool, columns: Columns, look: Box = HEAVY_HEAD
) -> Table:
    title = Text("Summary", style="bold") if first else None
    table = Table(title=title, title_justify="left", show_header=first, box=look)
    for place, field in enumerate(columns.shown):
        width = None if widths is None else widths[place]
        heading = getattr(SUMMARY_HEADINGS, field)
        if columns.currency is not None and field in _MONEY:
            heading += f" ({columns.currency})"
        if field in _WRAPPED:
            table.add_column(
                heading, overflow="fold", min_width=16 if field == "source" else None, width=width
            )
        else:
            right = field not in ("years", "currency")
            table.add_column(heading, justify="right" if right else "left", no_wrap=True, width=width)
    for packed in rows:
        row = SummaryRow.unpacked(packed)
        table.add_row(*(Text(cell) if field in _WRAPPED else cell for field, cell in columns.cells(row)))
    return table


class Columns(NamedTuple):
    """The columns a summary shows, and the one currency of all its rows (when they share one,
    it goes in the headings, and the currency column is left out)."""

    shown: list[str]
    currency: str | None

    def cells(self, row: SummaryRow) -> list[tuple[str, str]]:
        """The row's cells in the columns shown, each with its column's name."""
        return [(field, getattr(row, field)) for field in self.shown]


def _columns(rows: list[str]) -> Columns:
    """The optional columns only where some row has a figure; the currency column only
    where the rows' currencies differ."""
    present: set[str] = set()
    currencies: set[str] = set()
    for packed in rows:
        row = SummaryRow.unpacked(packed)
        present.update(field for field in _OPTIONAL if getattr(row, field))
        currencies.add(row.currency)
    one = currencies.pop() if len(currencies) == 1 else None
    hidden = {field for field in _OPTIONAL if field not in present} | (
        {"currency"} if one is not None else set()
    )
    return Columns([field for field in SummaryRow._fields if field not in hidden], one)


def _extremes(rows: list[str]) -> tuple[str, str]:
    """Two rows that measure as all of them do: the longest cell of each column, and the
    cell with its longest word."""
    longest = [""] * len(SummaryRow._fields)
    widest_word = [""] * len(SummaryRow._fields)
    for packed in rows:
        for index, cell in enumerate(SummaryRow.unpacked(packed)):
            if cell_len(cell) > cell_len(longest[index]):
                longest[index] = cell
            if _word(cell) > _word(widest_word[index]):
                widest_word[index] = cell
    return SummaryRow._make(longest).packed(), SummaryRow._make(widest_word).packed()


def _summary_widths(extremes: tuple[str, str], columns: Columns, console: Console) -> list[int]:
    """The column widths Rich gives the whole table on this console: those it gives a table
    of the two rows that measure as the whole does, read off that table's top border (Rich
    lays a table out as it renders it, and tells its widths to no one)."""
    measure = _summary_table(list(extremes), None, True, columns, _MEASURING)
    measure.title = None
    first_line = next(iter(Segment.split_lines(console.render(measure, console.options))))  # uncropped
    top = "".join(segment.text for segment in first_line)
    return [max(len(part) - 2, 0) for part in top.strip()[1:-1].split("+")]  # less a space each side


_MEASURING = Box("+-++\n| ||\n|-+|\n| ||\n|-+|\n|-+|\n| ||\n+-++\n")  # "+" between the columns on top


def _word(cell: str) -> int:
    return max((cell_len(word) for word in cell.split()), default=0)


def _summary_block(packed: str, columns: Columns) -> Block:
    row = SummaryRow.unpacked(packed)
    heading = Text(row.name, style="bold")
    heading.append(f"  {row.source}", style="dim")
    labels = {
        "years": "years",
        "final_income": f"final income ({row.currency})",
        "cagr": "CAGR",
        "career_capital": f"career capital ({row.currency})",
        "real_final_income": "final income in as_of money",
        "final_income_range": "final income range",
    }
    return Block(
        heading, [(labels[field], cell) for field, cell in columns.cells(row) if field in labels and cell]
    )


def summary_pieces(rows: list[str], console: Console) -> Iterator[Segments]:
    """`project --summary` as a table, a thousand rows at a time: every piece is laid out
    with the column widths of the whole table, and the borders between pieces are left
    out, so that together they print as one table while only one piece is ever rendered.
    Where the table does not fit the console, a block per profile."""
    columns = _columns(rows)
    extremes = _extremes(rows)
    chunks = [rows[start : start + _CHUNK] for start in range(0, len(rows), _CHUNK)] or [[]]
    if needed(_summary_table(list(extremes), None, True, columns)) > console.width:
        for number, chunk in enumerate(chunks):
            stacked = Stacked(
                "Summary" if number == 0 else None, [_summary_block(row, columns) for row in chunk]
            )
            lines = console.render_lines(stacked, console.options, pad=False, new_lines=True)
            yield Segments([segment for line in lines for segment in line])
        return
    widths = _summary_widths(extremes, columns, console)
    for number, chunk in enumerate(chunks):
        table = _summary_table(chunk, widths, number == 0, columns)
        lines = console.render_lines(table, console.options, pad=False, new_lines=True)
        if number > 0:
            lines = lines[1:]  # the top border: the piece above goes on here
        if number < len(chunks) - 1:
            lines = lines[:-1]  # the bottom border: the next piece goes on
        yield Segments([segment for line in lines for segment in line])


def rules_view(rules: Rules, path: str | None = None) -> RenderableType:
    """`careercap rules`: every rule with its parameters, finding, source, interpretation and
    the strength of its evidence; `path` is the user's rules file, if one is in force."""
    source = "the defaults" if path is None else f"the defaults, with {path}"
    parts: list[RenderableType] = [
        Text.assemble(("The rules: ", "bold"), (visible(source), "dim")),
        Text(f"window_years {rules.window_years}: a year's state looks at the learning events "
             f"of the {rules.window_years} years ending with it"),
    ]  # fmt: skip
    for each in RULES:
        rule = rules.rule(each.id)
        numbers = ", ".join(f"{name} {value:g}" for name, value in rule.numbers().items())
        table = Table(show_header=False, box=None, padding=(0, 1, 0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for label, text in (
            ("finding", rule.finding),
            ("source", rule.source),
            ("reading", rule.interpretation),
            ("evidence", rule.evidence),
        ):
            if text:
                table.add_row(label, Text(visible(text)))
        parts += [Text(""), Text.assemble((each.label, "bold"), f"  {numbers}"), table]
    if rules.evidence:
        parts += [Text(""), Text.assemble(("Overall: ", "bold"), visible(rules.evidence))]
    return Group(*parts)
