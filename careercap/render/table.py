"""Rich renderables for people reading a terminal.

Text that comes from a profile or a rules file goes into a table as `Text`, never as a
plain string, which Rich would read as markup: a name such as `[/bold]` or
`[link=...]` is shown as written. Control characters are made visible first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.box import HEAVY_HEAD, Box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from careercap.core.cautions import defaults_only
from careercap.core.engine import YearRow
from careercap.core.result import Result
from careercap.core.rules import LABELS, RULE, RULES, Basis, Rules
from careercap.core.words import span
from careercap.errors import visible
from careercap.render.text import basis_line, factor, gap_sentence, labels, money, percent, span_note

if TYPE_CHECKING:
    from careercap.core.comparison import Comparison
    from careercap.core.sensitivity import Sensitivity

_STATE_STYLE = {"upskilling": "green", "maintaining": "", "static": "red"}
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
    text = Text()
    for index, event in enumerate(row.events):
        if index:
            text.append("\n")
        text.append(visible(event.name))
        kind = "cert" if event.kind == "certification" else "skill"
        text.append(f" ({kind}, planned)" if event.planned else f" ({kind})", style="dim")
    return text


_EIGHTHS = " ▏▎▍▌▋▊▉"
BAR_WIDTH = 12


def bar(value: float, largest: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar for value, from zero, the largest value filling `width` cells."""
    eighths = round(max(value, 0) / largest * width * 8) if largest > 0 else 0
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


BAR_FROM_WIDTH = 100
"""Terminals narrower than this get no trend bar: the learning events need the room."""


def trajectory_table(result: Result, width: int = 100) -> Table:
    """One row per year: income (in as_of-year money too when the profile has an inflation
    rate; with its range when sensitivity was asked for; else with a bar to read the
    trajectory at a glance), growth, state, the year's learning events, rules applied."""
    projection, real = result.projection, result.real
    band = None if result.sensitivity is None else result.sensitivity.band
    profile = projection.profile
    title = Text(visible(profile.name), style="bold")
    title.append(f"  {profile.employment}, {profile.as_of}-{profile.final_year}  ", style="")
    title.append(visible(result.source), style="dim")
    table = Table(title=title, title_justify="left")
    table.add_column("Year", justify="right", no_wrap=True)
    table.add_column(f"Income ({profile.currency})", justify="right", no_wrap=True)
    if band is not None:
        table.add_column("Range", justify="right", no_wrap=True)
    if real is not None:
        table.add_column(f"In {profile.as_of} money", justify="right", no_wrap=True)
    # Beside a range or real money, or on a narrow terminal, there is no room for the bar.
    with_bar = band is None and real is None and width >= BAR_FROM_WIDTH
    if with_bar:
        table.add_column("", no_wrap=True, style="cyan")
    table.add_column("Growth", justify="right", no_wrap=True)
    table.add_column("State", no_wrap=True)
    table.add_column("Learning events")
    table.add_column("Rules applied")
    largest = max(row.income for row in projection.years)
    if projection.extrapolated(profile.final_year):
        years = projection.covered_until - profile.as_of
        table.caption = f"* extrapolated: past the {years} years after {profile.as_of} the findings cover"
        table.caption_justify = "left"
    for index, row in enumerate(projection.years):
        cells: list[str | Text] = [
            f"{row.year}*" if projection.extrapolated(row.year) else str(row.year),
            money(row.income),
        ]
        if band is not None:
            low, high = band[index]
            cells.append(f"{low:,.0f} - {high:,.0f}")  # a range needs no cents
        if real is not None:
            cells.append(money(real.incomes[index]))
        if with_bar:
            cells.append(bar(row.income, largest))
        cells += [
            "" if row.growth is None else percent(row.growth),
            Text(row.state, style=_STATE_STYLE[row.state]),
            _events(row),
            ", ".join(RULE[rule].short for rule in row.rules),
        ]
        table.add_row(*cells)
    return table


def summary_table(result: Result) -> Table:
    """Start, final, CAGR, cumulative, static peer, career capital (in as_of-year money too
    with an inflation rate), and the rule factors."""
    profile, summary, real = result.projection.profile, result.projection.summary, result.real
    currency = profile.currency
    first, last = profile.as_of + 1, profile.final_year
    years = span(first, last)
    table = Table(show_header=False, box=None, padding=(0, 1))
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row(f"Start income ({profile.as_of})", f"{money(summary.start_income)} {currency}")
    table.add_row(f"Final income ({last})", f"{money(summary.final_income)} {currency}")
    table.add_row("CAGR", percent(summary.cagr))
    table.add_row(f"Cumulative earnings {years}", f"{money(summary.cumulative_earnings)} {currency}")
    table.add_row("Static-peer cumulative", f"{money(summary.static_peer_cumulative)} {currency}")
    table.add_row("Career capital", f"{money(summary.career_capital)} {currency}")
    if real is not None:
        money_of = f"in {profile.as_of} money at {percent(real.inflation)} inflation"
        table.add_row(f"Final income, {money_of}", f"{money(real.final_income)} {currency}")
        table.add_row(f"Cumulative earnings, {money_of}", f"{money(real.cumulative_earnings)} {currency}")
        table.add_row(f"Career capital, {money_of}", f"{money(real.career_capital)} {currency}")
    for index, (field, title) in enumerate(LABELS.items()):
        label = "Final income, by rule" if index == 0 else ""
        table.add_row(label, f"{title} {factor(getattr(summary.factors, field))}")
    return table


def tornado_table(sensitivity: Sensitivity, currency: str) -> Table:
    """Each parameter at the low and the high end of its range, the rest central: where the
    final income and career capital go, largest swing first."""
    table = Table(title=Text("Sensitivity: each parameter at the ends of its range", style="bold"),
                  title_justify="left")  # fmt: skip
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
    central = sensitivity.central.summary
    low, high = sensitivity.final_income
    table.caption = (
        f"Central final income {money(central.final_income)}; with every parameter at either end "
        f"of its range, from {money(low)} to {money(high)} (career capital "
        f"{money(sensitivity.career_capital[0])} to {money(sensitivity.career_capital[1])})."
    )
    table.caption_justify = "left"
    return table


def projection_view(result: Result, width: int = 100) -> RenderableType:
    """The whole human view of one result (with its sensitivity, when asked for), for a
    terminal `width` columns wide."""
    parts: list[RenderableType] = [trajectory_table(result, width), summary_table(result)]
    if result.sensitivity is not None:
        parts.append(tornado_table(result.sensitivity, result.projection.profile.currency))
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


def _profiles_table(
    title: str, names: list[str], first: str = "", *, states: bool = False, against: bool = False
) -> Table:
    """A table with a column per profile (and its state, and its difference from the first
    profile, when asked), after a first column headed `first`."""
    table = Table(title=Text(title, style="bold"), title_justify="left")
    table.add_column(first, justify="right" if first else "left", no_wrap=bool(first))
    for index, name in enumerate(names):
        table.add_column(Text(name), justify="right", min_width=10, overflow="fold")
        if states:
            table.add_column("State", no_wrap=True)
        if against and index:
            table.add_column(Text(f"vs {names[0]}"), justify="right", overflow="fold")
    return table


def comparison_years(comparison: Comparison, names: list[str]) -> Table:
    """One row per calendar year: each profile's income and state, and its difference."""
    currency = comparison.entries[0].currency
    states = [{row.year: row.state for row in projection.years} for projection in comparison.projections]
    table = _profiles_table(f"Income by year ({currency})", names, "Year", states=True, against=True)
    for column in comparison.years:
        cells: list[str | Text] = [str(column.year)]
        for index, income in enumerate(column.incomes):
            state = states[index].get(column.year)
            cells += [
                "" if income is None else money(income),
                Text(state or "", style=_STATE_STYLE.get(state or "", "")),
            ]
            if index:
                cells.append(_difference(column.differences[index], column.incomes[0]))
        table.add_row(*cells)
    return table


def comparison_summary(comparison: Comparison, names: list[str]) -> Table:
    """Final income, CAGR, cumulative earnings and career capital, with differences."""
    table = _profiles_table("Summary", names, against=True)
    rows = {
        "final_income": "Final income",
        "cagr": "CAGR",
        "cumulative_earnings": "Cumulative earnings",
        "career_capital": "Career capital",
    }
    for field, title in rows.items():
        values, differences = comparison.summary[field], comparison.differences[field]
        cells = [title]
        for index, value in enumerate(values):
            if field == "cagr":
                cells.append(percent(value))
                if index:
                    cells.append(f"{differences[index] * 100:+.2f} pp")
                continue
            cells.append(money(value))
            if index:
                cells.append(_difference(differences[index], values[0]))
        table.add_row(*cells)
    return table


def comparison_factors(comparison: Comparison, names: list[str]) -> Table:
    """The factors by which each rule moved each profile's final income."""
    table = _profiles_table("Final income, by rule", names)
    table.add_row("start income", *(money(entry.start_income) for entry in comparison.entries))
    for field, title in LABELS.items():
        table.add_row(title, *(factor(getattr(entry.factors, field)) for entry in comparison.entries))
    return table


def comparison_sensitivity(sensitivities: list[Sensitivity], names: list[str]) -> Table:
    """Each profile's final income and career capital across the sensitivity ranges."""
    table = _profiles_table("Across the sensitivity ranges", names)
    table.add_row(
        "final income", *(f"{money(s.final_income[0])} to {money(s.final_income[1])}" for s in sensitivities)
    )
    table.add_row(
        "career capital",
        *(f"{money(s.career_capital[0])} to {money(s.career_capital[1])}" for s in sensitivities),
    )
    return table


def comparison_real(comparison: Comparison, names: list[str]) -> Table | None:
    """Final income and cumulative earnings in as_of-year money, for profiles with inflation."""
    reals = [result.real for result in comparison.results]
    if all(real is None for real in reals):
        return None
    table = _profiles_table("In as_of-year money", names)
    table.add_row("inflation", *("" if r is None else percent(r.inflation) for r in reals))
    table.add_row("final income", *("" if r is None else money(r.final_income) for r in reals))
    table.add_row("cumulative earnings", *("" if r is None else money(r.cumulative_earnings) for r in reals))
    table.add_row("career capital", *("" if r is None else money(r.career_capital) for r in reals))
    return table


def comparison_view(comparison: Comparison, basis: Basis | None = None) -> RenderableType:
    """The whole human view of a comparison."""
    sensitivities = [r.sensitivity for r in comparison.results if r.sensitivity is not None]
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
        comparison_years(comparison, names),
        comparison_summary(comparison, names),
        comparison_factors(comparison, names),
    ]
    real = comparison_real(comparison, names)
    if real is not None:
        parts.append(real)
    if sensitivities:
        parts.append(comparison_sensitivity(sensitivities, names))
    return Group(*parts, Text("\n".join(sentences)), closing(basis))


_CELL_END = "\x00"  # never inside a cell: `visible` escapes every control character
SUMMARY_HEADINGS = ("Source", "Name", "Years", "", "Final\nincome", "CAGR", "Career\ncapital")
_CHUNK = 1000  # rows laid out at a time


def summary_row(result: Result) -> str:
    """One profile's row of `project --summary`, its cells packed in one string: all a run
    keeps of a profile, so that a table of 100,000 holds their figures, not projections."""
    profile, summary = result.projection.profile, result.projection.summary
    source = result.source if result.document == 1 else f"{result.source} #{result.document}"
    return _CELL_END.join(
        (
            visible(source),
            visible(profile.name),
            f"{profile.as_of}-{profile.final_year}",
            profile.currency,
            money(summary.final_income),
            percent(summary.cagr),
            money(summary.career_capital),
        )
    )


def _summary_table(rows: list[str], widths: list[int] | None, first: bool, look: Box = HEAVY_HEAD) -> Table:
    title = Text("Summary", style="bold") if first else None
    table = Table(title=title, title_justify="left", show_header=first, box=look)
    for index, heading in enumerate(SUMMARY_HEADINGS):
        width = None if widths is None else widths[index]
        if index < 2:
            table.add_column(heading, overflow="fold", min_width=16 if index == 0 else None, width=width)
        else:
            table.add_column(heading, justify="right" if index >= 4 else "left", no_wrap=True, width=width)
    for row in rows:
        table.add_row(*(Text(cell) if index < 2 else cell for index, cell in enumerate(row.split(_CELL_END))))
    return table


def _summary_widths(rows: list[str], console: Console) -> list[int]:
    """The column widths Rich gives the whole table on this console. A table of two rows
    measures as the whole does (the longest cell of each column, and the cell with its
    longest word), so it is laid out alone and its widths read off its top border."""
    longest = [""] * len(SUMMARY_HEADINGS)
    widest_word = [""] * len(SUMMARY_HEADINGS)
    for row in rows:
        for index, cell in enumerate(row.split(_CELL_END)):
            if cell_len(cell) > cell_len(longest[index]):
                longest[index] = cell
            if _word(cell) > _word(widest_word[index]):
                widest_word[index] = cell
    measure = _summary_table([_CELL_END.join(longest), _CELL_END.join(widest_word)], None, True, _MEASURING)
    measure.title = None
    first_line = next(iter(Segment.split_lines(console.render(measure, console.options))))  # uncropped
    top = "".join(segment.text for segment in first_line)
    return [max(len(part) - 2, 0) for part in top.strip()[1:-1].split("+")]  # less a space each side


_MEASURING = Box("+-++\n| ||\n|-+|\n| ||\n|-+|\n|-+|\n| ||\n+-++\n")  # "+" between the columns on top


def _word(cell: str) -> int:
    return max((cell_len(word) for word in cell.split()), default=0)


def summary_pieces(rows: list[str], console: Console) -> Iterator[Segments]:
    """`project --summary` as a table, a thousand rows at a time: every piece is laid out
    with the column widths of the whole table, and the borders between pieces are left
    out, so that together they print as one table while only one piece is ever rendered."""
    widths = _summary_widths(rows, console)
    chunks = [rows[start : start + _CHUNK] for start in range(0, len(rows), _CHUNK)] or [[]]
    for number, chunk in enumerate(chunks):
        table = _summary_table(chunk, widths, first=number == 0)
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
    parameters = rules.parameters()
    parts: list[RenderableType] = [
        Text.assemble(("The rules: ", "bold"), (visible(source), "dim")),
        Text(f"window_years {rules.window_years}: a year's state looks at the learning events "
             f"of the {rules.window_years} years ending with it"),
    ]  # fmt: skip
    for each in RULES:
        rule = rules.rule(each.id)
        numbers = ", ".join(f"{name} {value:g}" for name, value in parameters[each.section].items())
        table = Table(show_header=False, box=None, padding=(0, 1, 0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
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
