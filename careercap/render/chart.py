"""Income charts: what a chart shows, worked out from results (pure), and drawn in the
terminal (plotille's braille canvas, with careercap's own axes) or into an SVG, PNG or PDF
file (matplotlib).

The plotting libraries are an optional extra (`pip install 'careercap[charts]'`), imported
only when a chart is drawn: `missing()` says which are not installed.
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import math
import re
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple
from xml.sax.saxutils import escape

from careercap.core.engine import deflators, static_peer_incomes
from careercap.core.rounding import total_gap
from careercap.core.words import span
from careercap.errors import Diagnostic, Location, visible
from careercap.render.text import money, wrapped

if TYPE_CHECKING:
    from careercap.core.result import Result

LIBRARIES = {"plotille": "plotille", "matplotlib": "matplotlib"}
"""The charts extra: the terminal's library and the files' (module: distribution)."""

INSTALL = "pip install 'careercap[charts]'"


def missing() -> list[str]:
    """The chart libraries that are not installed."""
    return [module for module in LIBRARIES if importlib.util.find_spec(module) is None]


class Line(NamedTuple):
    label: str
    years: tuple[int, ...]
    incomes: tuple[float, ...]
    peer: bool = False  # the static peer's (what the peer earns): drawn dashed, in grey
    earned: tuple[float, ...] = ()  # what each year brings in, where a break makes it differ (else empty)

    @property
    def brought_in(self) -> tuple[float, ...]:
        """What each year brings in: the incomes, but in a break its share of them."""
        return self.earned or self.incomes

    def breaks(self) -> list[tuple[int, int]]:
        """The runs of years (first and last index) in which what is earned differs from
        the income: the years of a break."""
        runs: list[tuple[int, int]] = []
        if not self.earned:
            return runs
        away = [earned != income for earned, income in zip(self.earned, self.incomes, strict=True)]
        for index, differs in enumerate(away):
            if differs and runs and runs[-1][1] == index - 1:
                runs[-1] = (runs[-1][0], index)
            elif differs:
                runs.append((index, index))
        return runs

    def away_years(self) -> str:
        """The years of its breaks, as a reader reads them: `2031-2032, 2035`."""
        return ", ".join(span(self.years[first], self.years[last]) for first, last in self.breaks())


class Band(NamedTuple):
    label: str
    years: tuple[int, ...]
    lows: tuple[float, ...]
    highs: tuple[float, ...]
    line: int = 0  # the line whose range it is: drawn in that line's colour


class Mark(NamedTuple):
    """A year's planned learning, on the line it belongs to."""

    line: int
    year: int
    income: float
    names: tuple[str, ...]


class CareerMark(NamedTuple):
    """A year's career events (a switch, a stated income, a raise, a break), on the line
    they belong to, at its income that year: `labels` as the tables name them."""

    line: int
    year: int
    income: float
    labels: tuple[str, ...]


class Shade(NamedTuple):
    """The area between two lines, and what it is worth: `label` in a file's legend,
    `note` under a terminal chart."""

    upper: int
    lower: int
    label: str
    note: str


class Beyond(NamedTuple):
    """The years past what the findings cover: from the year after `covered` (the last
    year covered, for the first profile to leave the evidence) to `last`."""

    covered: int
    last: int
    years: int  # how many years after as_of the findings cover

    @property
    def label(self) -> str:
        return f"{span(self.covered + 1, self.last)}: beyond the evidence"

    @property
    def note(self) -> str:
        return (
            f"{span(self.covered + 1, self.last)} lie beyond the evidence: the findings cover "
            f"{self.years} years after as_of, and later years extrapolate them."
        )


class Chart(NamedTuple):
    title: str
    currency: str
    real: bool  # in as_of-year money
    lines: tuple[Line, ...]
    bands: tuple[Band, ...] = ()
    marks: tuple[Mark, ...] = ()
    shade: Shade | None = None
    names: tuple[str, ...] = ()  # the profiles' names in the title and labels, made visible
    beyond: Beyond | None = None
    career: tuple[CareerMark, ...] = ()

    def career_events(self) -> str:
        """Every career event marked, with its year: `switch to freelancer at 70,000.00
        (2027); raise +10 % (2029)`; where several lines have some, a sentence each, after
        its line's label: `Ana: raise +10 % (2029). Bo: break of 1 year, unpaid (2030)`."""
        by_line: dict[int, list[str]] = {}
        for mark in self.career:
            by_line.setdefault(mark.line, []).extend(f"{label} ({mark.year})" for label in mark.labels)
        if len(by_line) == 1:
            return "; ".join(*by_line.values())
        return ". ".join(f"{self.lines[line].label}: {'; '.join(said)}" for line, said in by_line.items())

    def away(self) -> list[int]:
        """The lines (by index) with years of a break, in which a dotted line shows what is
        earned; not the peer's, which is drawn as what the peer earns."""
        return [index for index, line in enumerate(self.lines) if not line.peer and line.breaks()]

    def away_years(self) -> str:
        """The years of a break, by line where several have some: `2031-2032` or
        `Ana 2031-2032; Bo 2030`."""
        away = self.away()
        if len(away) == 1:
            return self.lines[away[0]].away_years()
        return "; ".join(f"{self.lines[index].label} {self.lines[index].away_years()}" for index in away)

    @property
    def years(self) -> tuple[int, int]:
        return min(line.years[0] for line in self.lines), max(line.years[-1] for line in self.lines)

    def lowest_and_highest(self) -> tuple[float, float]:
        values = [v for line in self.lines for v in line.incomes]
        values += [v for band in self.bands for v in (*band.lows, *band.highs)]
        return min(values), max(values)


def _incomes(result: Result, real: bool) -> tuple[float, ...]:
    if real and result.real is not None:
        return result.real.incomes
    return tuple(row.income for row in result.projection.years)


def _earned(result: Result, real: bool) -> tuple[float, ...]:
    """What each year brings in, where a break makes it differ from the income; else ()."""
    years = result.projection.years
    if not any(row.away for row in years):
        return ()
    if real and result.real is not None:
        return result.real.earned
    return tuple(row.earned for row in years)


def _career_marks(result: Result, line: Line, index: int) -> list[CareerMark]:
    """A mark for each year of the projection that has career events, on `line`."""
    incomes = dict(zip(line.years, line.incomes, strict=True))
    return [
        CareerMark(index, row.year, incomes[row.year], tuple(event.label for event in row.career))
        for row in result.projection.years
        if row.career
    ]


def _deflators(result: Result, real: bool) -> list[float]:
    inflation = result.real.inflation if real and result.real is not None else 0.0
    return deflators(result.projection.profile, inflation)


RANGE = "range of plausible rule values"
PEER = "peer whose skills stay static"


def chart_of(results: Sequence[Result], names: Sequence[str], *, plan: Result | None = None) -> Chart:
    """What to draw: one profile's trajectory and its static peer, with the career capital
    between them and its planned learning marked (and, given `plan`, its trajectory with
    the plan beside); or several profiles, a line each. In as_of-year money where every
    profile has an inflation rate (every profile then has the same as_of: one year's
    money on one axis); with a band where the sensitivity was worked out; and the years
    past what the findings cover named. Each line's career events are marked in their
    year (the plan's, which are the profile's, once; so is its planned learning, and the
    plan's line marks what the plan adds), and where a break makes what a year
    brings in differ from the income, the line carries what is earned: the shaded career
    capital and what the plan adds are taken between what each line earns, as the sums are."""
    real = all(result.real is not None for result in results)
    first = results[0].projection.profile
    money_kind = f"{first.currency}, in {first.as_of} money" if real else first.currency
    lines: list[Line] = []
    bands: list[Band] = []
    marks: list[Mark] = []
    career: list[CareerMark] = []
    shown = [*results, *([plan] if plan is not None else [])]
    # The plan's line marks only what the plan adds: the profile's own learning is marked
    # on the profile's line (a plan never adds what the profile has by name).
    own = {(event.kind, event.name, event.year) for event in results[0].projection.events}
    labels = [*names, *([f"{names[0]} with the plan"] if plan is not None else [])]
    for index, (result, label) in enumerate(zip(shown, labels, strict=True)):
        projection = result.projection
        years = tuple(row.year for row in projection.years)
        lines.append(Line(visible(label), years, _incomes(result, real), earned=_earned(result, real)))
        if plan is None or result is not plan:  # the plan lives the profile's events: marked once
            career += _career_marks(result, lines[-1], index)
        deflators = _deflators(result, real)
        if result.sensitivity is not None and (plan is None or result is not plan):
            lows, highs = zip(*result.sensitivity.band, strict=True)
            bands.append(
                Band(
                    RANGE if len(results) == 1 else f"{visible(label)}: {RANGE}",
                    years,
                    tuple(v / d for v, d in zip(lows, deflators, strict=True)),
                    tuple(v / d for v, d in zip(highs, deflators, strict=True)),
                    index,
                )
            )
        if len(results) == 1:
            incomes = dict(zip(years, lines[-1].incomes, strict=True))
            planned: dict[int, list[str]] = {}
            for event in projection.events:
                new = result is not plan or (event.kind, event.name, event.year) not in own
                if event.planned and event.year in incomes and new:
                    planned.setdefault(event.year, []).append(visible(event.name))
            marks += [
                Mark(index, year, incomes[year], tuple(names)) for year, names in sorted(planned.items())
            ]
    shade = None
    if len(results) == 1:
        result = results[0]
        profile, rates = result.projection.profile, result.projection.rates
        deflators = _deflators(result, real)
        peer = (profile.income, *static_peer_incomes(profile, rates))
        years = tuple(row.year for row in result.projection.years)
        deflated = tuple(v / d for v, d in zip(peer, deflators, strict=True))
        lines.append(Line(PEER, years, deflated, True))
        over = f"{years[1]}-{years[-1]}" if len(years) > 2 else str(years[-1])
        currency = first.currency
        if plan is None:
            capital = (
                result.real.career_capital
                if real and result.real is not None
                else result.projection.summary.career_capital
            )
            above = (
                f"what {lines[0].label} earns above the static peer"
                if lines[0].breaks()
                else f"{lines[0].label}'s income above the static peer's"
            )
            shade = Shade(
                0,
                len(lines) - 1,
                f"career capital: {money(capital)} {currency}",
                f"Career capital ({above}, summed over {over}): {money(capital)} {currency}.",
            )
        else:
            # What each year brings in, as shown: in a break, its share of the income.
            added = total_gap(lines[1].brought_in[1:], lines[0].brought_in[1:])
            shade = Shade(
                1,
                0,
                f"the plan adds: {money(added)} {currency}",
                f"The plan adds {money(added)} {currency} of income over {over}.",
            )
    what = "Income by year" if len(results) > 1 else f"Income by year: {visible(names[0])}"
    return Chart(
        f"{what} ({money_kind})",
        first.currency,
        real,
        tuple(lines),
        tuple(bands),
        tuple(marks),
        shade,
        tuple(visible(name) for name in names),
        _beyond(results),
        tuple(career),
    )


def _beyond(results: Sequence[Result]) -> Beyond | None:
    """The years past the evidence, from the first that any profile extrapolates."""
    last = max(result.projection.profile.final_year for result in results)
    leaving = [
        result.projection
        for result in results
        if result.projection.profile.final_year > result.projection.covered_until
    ]
    if not leaving:
        return None
    first = min(leaving, key=lambda projection: projection.covered_until)
    return Beyond(first.covered_until, last, first.covered_until - first.profile.as_of)


def caption(chart: Chart) -> str:
    """The chart in words, to read beside it: what is drawn, what is shaded, the career
    events and breaks, and which years lie beyond the evidence."""
    said = [f"{chart.title}."]
    if chart.shade is not None:
        said.append(chart.shade.note)
    if chart.bands:
        said.append(
            "The band around a line is the "
            + RANGE
            + ": each rule parameter varied over its plausible range (--sensitivity)."
        )
    if chart.marks:
        events = "; ".join(f"{', '.join(mark.names)} ({mark.year})" for mark in chart.marks)
        said.append(f"Stars mark planned learning: {events}.")
    if chart.career:
        said.append(f"Diamonds mark career events: {chart.career_events()}.")
    if chart.away():
        said.append(f"A dotted line shows what is earned in a break ({chart.away_years()}); the sums add it.")
    if chart.beyond is not None:
        said.append(chart.beyond.note)
    return " ".join(said)


# The terminal --------------------------------------------------------------------------

MARKERS = "ox+*#@%&"
"""A line's marker in the terminal, by its place: lines read apart without colour."""
PEER_MARKER, EVENT_MARKER, BAND_MARKER, BEYOND_MARKER = "-", "^", ".", "┄"
CAREER_MARKER, AWAY_MARKER = "!", "~"
"""A career event's marker, and that of what is earned in a break."""
COLOURS = ("blue", "red", "green", "magenta", "cyan", "yellow")


def _nice_step(span: float, ticks: int) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` ticks."""
    raw = span / max(1, ticks)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= raw)


def _axis_label(value: float, step: float) -> str:
    decimals = 0 if step >= 1 else min(2, -math.floor(math.log10(step)))
    return f"{value:,.{decimals}f}"


def terminal_chart(chart: Chart, width: int, colours: bool, zoom: bool = False) -> str:
    """The chart in `width` columns (40 at the least): braille lines with a marker at each
    year, round income ticks in the profile's currency from zero (from about the lowest
    income, with `zoom`), the first and last years (and round years between where they
    fit), career events marked `!` and what a break earns `~`, and a legend that says which
    is which and which years lie beyond the evidence."""
    import plotille  # noqa: PLC0415 - the charts extra, imported only to draw

    width = max(40, width)
    height = 16 if width >= 60 else 12
    low, high = chart.lowest_and_highest()
    low = low if zoom else min(0.0, low)
    if high - low < max(1.0, abs(high) * 1e-9):  # a flat line: give it room
        low, high = low - max(1.0, abs(low) * 0.05), high + max(1.0, abs(high) * 0.05)
    step = _nice_step(high - low, 4)
    bottom, top = math.floor(low / step) * step, math.ceil(high / step) * step
    ticks = [bottom + k * step for k in range(round((top - bottom) / step) + 1)]
    labels = [_axis_label(tick, step) for tick in ticks]
    gutter = max(len(label) for label in labels) + 1
    columns = width - gutter - 1
    first, last = chart.years
    kwargs = {"mode": "names"} if colours else {}
    canvas = plotille.Canvas(columns, height, 0, 0, 2 * columns, 4 * height, **kwargs)

    def at(year: float, income: float) -> tuple[float, float]:
        x = 0.0 if last == first else (year - first) / (last - first) * (2 * columns - 1)
        return x, (income - bottom) / (top - bottom) * (4 * height - 1)

    def colour(index: int, line: Line | None = None) -> str | None:
        if not colours:
            return None
        return "bright_black" if line is not None and line.peer else COLOURS[index % len(COLOURS)]

    for band in chart.bands:
        for year, lo, hi in zip(band.years, band.lows, band.highs, strict=True):
            for value in (lo, hi):
                canvas.point(*at(year, value), color=colour(band.line), marker=BAND_MARKER)
    markers = []
    for index, line in enumerate(chart.lines):
        marker = PEER_MARKER if line.peer else MARKERS[(index - _peers_before(chart, index)) % len(MARKERS)]
        markers.append(marker)
        points = [at(year, income) for year, income in zip(line.years, line.incomes, strict=True)]
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            canvas.line(x0, y0, x1, y1, color=colour(index, line))
        for x, y in points:
            canvas.point(x, y, color=colour(index, line), marker=marker)
    for index in chart.away():  # what is earned in a break: below the income, back to it after
        line = chart.lines[index]
        for start, end in line.breaks():
            _terminal_dip(canvas, line, (start, end), at, colour(index, line))
    for mark in chart.marks:
        canvas.point(*at(mark.year, mark.income), color=colour(mark.line), marker=EVENT_MARKER)
    for career in chart.career:
        canvas.point(*at(career.year, career.income), color=colour(career.line), marker=CAREER_MARKER)
    rows = canvas.plot().split("\n")
    labelled = {
        round((top - tick) / (top - bottom) * (height - 1)): label
        for tick, label in zip(ticks, labels, strict=True)
    }
    body = [
        f"{labelled.get(row, ''):>{gutter - 1}} {'┤' if row in labelled else '│'}{text}"
        for row, text in enumerate(rows)
    ]
    axis = columns
    if chart.beyond is not None and last > first:  # the years beyond the evidence: a dotted axis
        axis = round((chart.beyond.covered - first) / (last - first) * (columns - 1)) + 1
    body.append(" " * gutter + "└" + "─" * axis + BEYOND_MARKER * (columns - axis))
    body.append(" " * (gutter + 1) + _year_labels(first, last, columns))
    return (
        "\n".join(
            [*wrapped([chart.title], width), *body, "", *wrapped(_terminal_legend(chart, markers), width)]
        )
        + "\n"
    )


def _terminal_dip(
    canvas: Any,
    line: Line,
    run: tuple[int, int],
    at: Callable[[float, float], tuple[float, float]],
    colour: str | None,
) -> None:
    """A break's line on the canvas, from the income before it to what is earned in each
    of its years (the `run` of indexes, each marked) and back to the income after it;
    `at` places a year and an amount on the canvas."""
    first, last = run
    for (x0, y0), (x1, y1) in itertools.pairwise([at(*point) for point in _dip(line, first, last)]):
        canvas.line(x0, y0, x1, y1, color=colour)
    for index in range(first, last + 1):
        canvas.point(*at(line.years[index], line.earned[index]), color=colour, marker=AWAY_MARKER)


def _terminal_legend(chart: Chart, markers: list[str]) -> list[str]:
    """What each marker means, then what is shaded and which years lie beyond the evidence."""
    legend = [f"{marker} {line.label}" for marker, line in zip(markers, chart.lines, strict=True)]
    if chart.marks:
        events = "; ".join(f"{', '.join(m.names)} ({m.year})" for m in chart.marks)
        legend.append(f"{EVENT_MARKER} planned learning: {events}")
    if chart.career:
        legend.append(f"{CAREER_MARKER} career events: {chart.career_events()}")
    if chart.away():
        legend.append(f"{AWAY_MARKER} {AWAY}: {chart.away_years()}")
    legend += [f"{BAND_MARKER} {band.label}" for band in chart.bands]
    legend += [] if chart.shade is None else [chart.shade.note]
    legend += [] if chart.beyond is None else [f"{BEYOND_MARKER} {chart.beyond.note}"]
    return legend


def _dip(line: Line, first: int, last: int) -> list[tuple[int, float]]:
    """The points of what is earned in the break from index `first` to `last`: from the
    income of the year before it, through what is earned, back to the income after it."""
    before = max(0, first - 1)
    after = min(len(line.years) - 1, last + 1)
    return [
        (line.years[at], line.incomes[at] if at < first or at > last else line.earned[at])
        for at in range(before, after + 1)
    ]


def _peers_before(chart: Chart, index: int) -> int:
    return sum(1 for line in chart.lines[:index] if line.peer)


def _year_labels(first: int, last: int, columns: int) -> str:
    """The first and last years at the ends of the axis, and round years between them
    where each has room (a space on either side)."""
    cells = [" "] * columns

    def column(year: int) -> int:
        return 0 if last == first else round((year - first) / (last - first) * (columns - 1))

    def put(year: int, start: int) -> bool:
        text = str(year)
        if start < 0 or start + len(text) > columns:
            return False
        if any(cell != " " for cell in cells[max(0, start - 1) : start + len(text) + 1]):
            return False
        cells[start : start + len(text)] = list(text)
        return True

    put(first, 0)
    if last != first:
        put(last, columns - len(str(last)))
        for every in (1, 2, 5, 10, 20, 25, 50):
            between = [y for y in range(first + 1, last) if y % every == 0]
            if len(between) * 6 <= columns:
                for year in between:
                    put(year, column(year) - 1)
                break
    return "".join(cells).rstrip()


# Files -------------------------------------------------------------------------------


def _year_ticks(first: int, last: int) -> list[int]:
    """The first and last years, and round years between them: a dozen ticks at the most."""
    every = next(step for step in (1, 2, 5, 10, 20, 25, 50) if (last - first) / step <= 10)
    between = [y for y in range(first + 1, last) if y % every == 0 and min(y - first, last - y) * 2 >= every]
    return [first, *between, *([last] if last != first else [])]


FILE_KINDS = {".svg": "svg", ".png": "png", ".pdf": "pdf"}
LINE_STYLES = ("-", "--", "-.", ":")
FILE_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
TITLE_SIZE, LEGEND_SIZE = 12.0, 8.0  # points
FIGURE_WIDTH = 9.0  # inches
NAME_WIDTH = 280.0
"""The widest a name is drawn in a file's title (in points, at the title's size: about
half the plot's width; the legend's text is smaller): a longer name is cut short there
and in the legend, and ends in an ellipsis."""
EVENT_WIDTH = 240.0
"""The widest a planned learning event's name is written beside its star."""


class ChartFile(NamedTuple):
    """A chart's file, and what the user should know about how it came out."""

    data: bytes
    warnings: tuple[Diagnostic, ...] = ()


def file_chart(chart: Chart, kind: str, version: str = "", zoom: bool = False) -> ChartFile:
    """The chart as an SVG (its text kept as text), PNG or PDF file: lines told apart by
    marker and style as well as colour, the career capital shaded, planned learning
    starred, career events marked with a diamond and named above it (and in the `<title>`
    of the diamond's SVG group, which a browser shows on pointing at it), what a break
    earns dotted, and nothing fetched from the network when the file is opened. Names too
    long for the title and legend are cut short there; the SVG's `<title>` and `<desc>` (a
    PNG's and a PDF's Title) hold them whole. What the chart library warns of comes back
    as one warning at the most. The income axis starts at zero (near the lowest income,
    with `zoom`); the file says careercap (`version`) made it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = _drawn(chart, kind, version, zoom)
    if kind == "svg":
        data = _described(data.decode("utf-8"), chart).encode("utf-8")
    said = _warning([str(each.message) for each in caught], kind)
    return ChartFile(data, () if said is None else (Diagnostic(Location("careercap"), said, "warning"),))


def _shortened(chart: Chart, width: Callable[[str, float], float]) -> Chart:
    """The chart as a file's title and legend show it: each name wider than `NAME_WIDTH`
    (and each event's name wider than `EVENT_WIDTH`) cut short with an ellipsis; `width`
    measures a text at a font size, in points."""
    cut = {name: _fitted(name, NAME_WIDTH, lambda text: width(text, TITLE_SIZE)) for name in chart.names}
    long = sorted((name for name, short in cut.items() if short != name), key=len, reverse=True)

    def short(text: str) -> str:
        for name in long:
            text = text.replace(name, cut[name])
        return text

    def event(name: str) -> str:
        return _fitted(name, EVENT_WIDTH, lambda text: width(text, LEGEND_SIZE))

    return chart._replace(
        title=short(chart.title),
        lines=tuple(line._replace(label=short(line.label)) for line in chart.lines),
        bands=tuple(band._replace(label=short(band.label)) for band in chart.bands),
        marks=tuple(mark._replace(names=tuple(map(event, mark.names))) for mark in chart.marks),
    )


def _fitted(text: str, widest: float, width: Callable[[str], float]) -> str:
    """`text`, or as much of it as fits in `widest` points with an ellipsis after it."""
    if width(text) <= widest:
        return text
    fits, over = 1, len(text)  # how many characters fit, and how many do not
    while over - fits > 1:
        middle = (fits + over) // 2
        fits, over = (middle, over) if width(text[:middle].rstrip() + "…") <= widest else (fits, middle)
    return text[:fits].rstrip() + "…"


def _legend(chart: Chart) -> list[str]:
    """The legend's entries in full, as a text alternative lists them."""
    entries = [band.label for band in chart.bands]
    entries += [] if chart.shade is None else [chart.shade.label]
    entries += [line.label for line in chart.lines]
    if chart.marks:
        events = "; ".join(f"{', '.join(mark.names)} ({mark.year})" for mark in chart.marks)
        entries.append(f"planned learning: {events}")
    if chart.career:
        entries.append(f"{CAREER} {chart.career_events()}")
    if chart.away():
        entries.append(f"{AWAY}: {chart.away_years()}")
    return entries


CAREER, AWAY = "career events:", "earned in a break"
"""The legend's names of the career events' marks and of the dotted line of a break."""
CAREER_COLOUR = "#b0179c"
"""A career event's diamond: magenta, as the tables set career events apart."""


def _described(svg: str, chart: Chart) -> str:
    """The SVG with its text alternative: a `<title>` (the chart's title, also its
    `aria-label`, with `role="img"`) and a `<desc>` (its legend, and the years beyond the
    evidence), names whole, first in the picture; and each line's name as the `<title>`
    of its group, which a browser shows on pointing at it."""
    described = [*_legend(chart), *([] if chart.beyond is None else [chart.beyond.note.rstrip(".")])]
    alternative = f"<title>{escape(chart.title)}</title><desc>{escape('. '.join(described))}.</desc>"
    label = escape(chart.title, {'"': "&quot;"})
    svg = re.sub(
        r"<svg\b[^>]*>",
        lambda opening: opening.group()[:-1] + f' role="img" aria-label="{label}">' + alternative,
        svg,
        count=1,
    )
    titles = {f"careercap-line-{index}": line.label for index, line in enumerate(chart.lines)}
    for index, mark in enumerate(chart.marks):
        titles[f"careercap-learning-{index}"] = f"{mark.year}, planned learning: {', '.join(mark.names)}"
    for index, career in enumerate(chart.career):
        titles[f"careercap-career-{index}"] = f"{career.year}: {'; '.join(career.labels)}"
    for index in chart.away():
        line = chart.lines[index]
        for run, (first, last) in enumerate(line.breaks()):
            earned = ", ".join(
                f"{money(line.earned[at])} in {line.years[at]}" for at in range(first, last + 1)
            )
            titles[f"careercap-earned-{index}-{run}"] = f"{line.label}, in a break: earns {earned}"
    for gid, said in titles.items():
        group = f'<g id="{gid}">'
        svg = svg.replace(group, f"{group}<title>{escape(said)}</title>", 1)
    return svg


_NO_GLYPH = re.compile(r"Glyph \d+ .* missing from font")


def _warning(messages: list[str], kind: str) -> str | None:
    """What the chart library warned of, as one sentence for the user, or None."""
    said = []
    if any(_NO_GLYPH.search(message) for message in messages):
        said.append(
            "some characters of the names have no glyph in the chart's font"
            + (
                ": the SVG keeps them as text, and a viewer without a font for them shows boxes"
                if kind == "svg"
                else " and are drawn as boxes"
            )
        )
    others = [message for message in messages if not _NO_GLYPH.search(message)]
    if others:
        said.append(f"the chart may not be drawn as it should: {others[0].strip()}")
    return "; ".join(said) or None


def _colour(chart: Chart, index: int) -> str:
    """A line's colour (and its band's): C2 is kept for the career capital's shading."""
    place = index - _peers_before(chart, index)
    return f"C{place}" if place < 2 else f"C{place + 1}"


def _legend_layout(chart: Chart, width: Callable[[str, float], float]) -> tuple[str | None, int, int]:
    """The legend below the plot: one entry for several bands (each in its line's colour)
    or None, and how many columns and rows its entries take (4 columns at the most)."""
    shared_band = f"around each line: {RANGE}" if len(chart.bands) > 1 else None
    entries = [band.label for band in chart.bands] if shared_band is None else [shared_band]
    entries += [line.label for line in chart.lines]
    entries += [] if chart.shade is None else [chart.shade.label]
    entries += ["planned learning"] if chart.marks else []
    entries += [CAREER.rstrip(":")] if chart.career else []
    entries += [AWAY] if chart.away() else []
    entries += [] if chart.beyond is None else [chart.beyond.label]
    widest = max(width(entry, LEGEND_SIZE) for entry in entries) + 40  # the key and the gaps
    columns = max(1, min(4, int(FIGURE_WIDTH * 72 // widest), len(entries)))
    return shared_band, columns, -(-len(entries) // columns)


def _areas(axes: Any, chart: Chart, shared_band: str | None) -> None:
    """What is shaded: the years beyond the evidence, the bands, the career capital."""
    last = chart.years[1]
    if chart.beyond is not None:
        axes.axvspan(
            chart.beyond.covered,
            last + 0.3,
            facecolor="0.96",
            hatch="//",
            linewidth=0,
            zorder=0,
            label=chart.beyond.label,
            gid="careercap-beyond-the-evidence",
        )
    for band in chart.bands:
        axes.fill_between(
            band.years,
            band.lows,
            band.highs,
            alpha=0.15,
            color=_colour(chart, band.line),
            label=band.label if shared_band is None else None,
            gid=f"careercap-band-{band.line}",  # the band of line `band.line`
        )
    if shared_band is not None:
        axes.fill_between([], [], [], alpha=0.15, color="0.4", label=shared_band)
    if chart.shade is not None:
        upper, lower = chart.lines[chart.shade.upper], chart.lines[chart.shade.lower]
        axes.fill_between(  # between what each earns: in a break, its share of the income
            upper.years, lower.brought_in, upper.brought_in, alpha=0.12, color="C2", label=chart.shade.label
        )


def _away(axes: Any, chart: Chart) -> None:
    """What is earned in a break, dotted in its line's colour: from the income of the year
    before, down to what is earned, and back to the income after; one legend entry."""
    away = chart.away()
    for index in away:
        line = chart.lines[index]
        for run, (first, last) in enumerate(line.breaks()):
            years, amounts = zip(*_dip(line, first, last), strict=True)
            axes.plot(
                years,
                amounts,
                linestyle=":",
                linewidth=1.6,
                marker="o",
                markersize=3.5,
                markerfacecolor="white",
                markevery=[at - max(0, first - 1) for at in range(first, last + 1)],
                color=_colour(chart, index),
                label=AWAY if len(away) == 1 and not run else None,
                gid=f"careercap-earned-{index}-{run}",
            )
    if len(away) > 1:  # one entry for them all, in grey: each is in its line's colour
        axes.plot([], [], linestyle=":", linewidth=1.6, color="0.4", label=f"{AWAY}, in each line's colour")


def _career(axes: Any, chart: Chart) -> None:
    """A diamond on the line at each year of career events (named above it by
    `_career_labels`, and in the SVG's title of its group)."""
    for index, career in enumerate(chart.career):
        axes.plot(
            [career.year],
            [career.income],
            "D",
            markersize=6.5,
            markerfacecolor=CAREER_COLOUR,
            markeredgecolor="black",
            markeredgewidth=0.6,
            linestyle="none",
            zorder=4,
            label=None if index else CAREER.rstrip(":"),
            gid=f"careercap-career-{index}",
        )


LABEL_SIZE = LEGEND_SIZE - 1  # points: a career event's name above its diamond
LABEL_GAP = 7.0  # points between a diamond and its name, and around a name


class _Placed(NamedTuple):
    """Where a career event's name goes, in points from the plot's lower left corner."""

    left: float
    bottom: float
    width: float
    height: float

    def overlaps(self, other: _Placed) -> bool:
        gap = LABEL_GAP / 2
        return (
            self.left < other.left + other.width + gap
            and other.left < self.left + self.width + gap
            and self.bottom < other.bottom + other.height + gap
            and other.bottom < self.bottom + self.height + gap
        )


def _placed(
    chart: Chart,
    size: tuple[float, float],
    limits: tuple[float, float, float, float],
    width: Callable[[str, float], float],
) -> list[_Placed]:
    """Each career event's name above its diamond, inside the plot's `size` (points) over
    the data `limits` (left, right, bottom, top): moved sideways to stay inside, and up
    past any name it would cover, a career event's placed before it or planned learning's
    (written below and right of its star)."""
    plot_width, plot_height = size
    left, right, bottom, top = limits

    def point(year: int, income: float) -> tuple[float, float]:
        return (year - left) / (right - left) * plot_width, (income - bottom) / (top - bottom) * plot_height

    taken: list[_Placed] = []
    for mark in chart.marks:
        x, y = point(mark.year, mark.income)
        high = LEGEND_SIZE * 1.25 * len(mark.names)
        taken.append(_Placed(x + 6, y - 4 - high, max(width(name, LEGEND_SIZE) for name in mark.names), high))
        taken.append(_Placed(x - 5, y - 5, 10, 10))  # the star
    for career in chart.career:
        x, y = point(career.year, career.income)
        taken.append(_Placed(x - 3, y - 3, 6, 6))  # the diamond
    placed: list[_Placed] = []
    for career in chart.career:
        wide = max(width(label, LABEL_SIZE) for label in career.labels)
        high = LABEL_SIZE * 1.25 * len(career.labels)
        x, y = point(career.year, career.income)
        start = min(max(2.0, x - wide / 2), plot_width - 2.0 - wide)
        box = _Placed(start, y + LABEL_GAP, wide, high)
        while clash := next((other for other in (*taken, *placed) if box.overlaps(other)), None):
            box = box._replace(bottom=clash.bottom + clash.height + LABEL_GAP / 2)
        placed.append(box)
    return placed


def _career_labels(figure: Any, axes: Any, chart: Chart, width: Callable[[str, float], float]) -> None:
    """Each career event's name above its diamond, none covering another, and the income
    axis raised where a name would stand above the plot."""
    if not chart.career:
        return

    def laid_out() -> tuple[tuple[float, float], tuple[float, float, float, float], list[_Placed]]:
        figure.draw_without_rendering()  # the constrained layout: the plot's size in points
        box = axes.get_window_extent()
        size = (box.width * 72 / figure.dpi, box.height * 72 / figure.dpi)
        limits = (*axes.get_xlim(), *axes.get_ylim())
        return size, limits, _placed(chart, size, limits, width)

    for _ in range(2):  # raising the axis moves the diamonds: place the names again, once
        (_, plot_height), (_, _, bottom, top), placed = laid_out()
        highest = max(box.bottom + box.height + LABEL_GAP / 2 for box in placed)
        if highest <= plot_height:
            break
        axes.set_ylim(top=bottom + (top - bottom) * highest / plot_height)
    placed = laid_out()[2]
    for career, box in zip(chart.career, placed, strict=True):
        axes.annotate(
            "\n".join(career.labels),
            (box.left + box.width / 2, box.bottom),
            xycoords="axes points",
            fontsize=LABEL_SIZE,
            color=CAREER_COLOUR,
            ha="center",
            va="bottom",
            linespacing=1.1,
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
        )


def _drawn(whole: Chart, kind: str, version: str, zoom: bool) -> bytes:
    """The file's bytes, names shortened where they are too wide; the title with the names
    whole is a PNG's and a PDF's Title, and careercap (`version`) their maker."""
    import matplotlib  # noqa: PLC0415 - the charts extra, imported only to draw
    from matplotlib.figure import Figure  # noqa: PLC0415
    from matplotlib.font_manager import FontProperties  # noqa: PLC0415
    from matplotlib.textpath import TextToPath  # noqa: PLC0415
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415

    # Text stays text in an SVG and a PDF embeds TrueType fonts (Type 42) that viewers and
    # printers render well; ids are the same from run to run; a `$` in a name is a dollar
    # sign, not the start of a formula.
    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "careercap",
            "pdf.fonttype": 42,
            "ps.fonttype": 42,
            "text.parse_math": False,
            "hatch.color": "0.75",
            "hatch.linewidth": 0.6,
        }
    ):
        measure = TextToPath()

        def width(text: str, size: float) -> float:
            return float(
                measure.get_text_width_height_descent(text, FontProperties(size=size), ismath=False)[0]
            )

        chart = _shortened(whole, width)
        shared_band, columns, rows = _legend_layout(chart, width)
        figure = Figure(figsize=(FIGURE_WIDTH, 4.6 + 0.2 * rows), layout="constrained")
        axes = figure.add_subplot()
        first, last = chart.years
        _areas(axes, chart, shared_band)
        for index, line in enumerate(chart.lines):
            gid = f"careercap-line-{index}"  # for those who read the SVG: a line each, in order
            if line.peer:
                axes.plot(line.years, line.incomes, "--", color="0.45", marker="_", label=line.label, gid=gid)
                continue
            place = index - _peers_before(chart, index)
            axes.plot(
                line.years,
                line.incomes,
                linestyle=LINE_STYLES[place % len(LINE_STYLES)],
                marker=FILE_MARKERS[place % len(FILE_MARKERS)],
                markersize=4,
                color=_colour(chart, index),
                label=line.label,
                gid=gid,
            )
        _away(axes, chart)
        for index, mark in enumerate(chart.marks):  # a group each: its title names the learning
            axes.plot(
                [mark.year],
                [mark.income],
                "*",
                markersize=13,
                color="black",
                linestyle="none",
                label=None if index else "planned learning",
                gid=f"careercap-learning-{index}",
            )
        _career(axes, chart)
        if chart.marks:
            for mark in chart.marks:
                axes.annotate(
                    "\n".join(mark.names),
                    (mark.year, mark.income),
                    textcoords="offset points",
                    xytext=(6, -4),
                    fontsize=LEGEND_SIZE,
                    va="top",
                )
        axes.patch.set_gid("careercap-plot-area")
        axes.set_title(chart.title, fontsize=TITLE_SIZE)
        axes.set_xlabel("Year")
        axes.set_ylabel(f"Income ({chart.currency})")
        axes.set_xticks(_year_ticks(first, last))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
        # Room beside the first and last years, so that no marker is cut in half.
        axes.set_xlim(first - 0.3, (last if last > first else first + 1) + 0.3)
        if not zoom and chart.lowest_and_highest()[0] >= 0:
            axes.set_ylim(bottom=0)  # a gap is drawn as large as it is
        axes.grid(alpha=0.3)
        figure.legend(loc="outside lower center", ncols=columns, fontsize=LEGEND_SIZE, frameon=False)
        _career_labels(figure, axes, chart, width)
        buffer = io.BytesIO()
        title, maker = whole.title, f"careercap {version}".strip()
        metadata = {
            "svg": {"Date": None, "Creator": maker},
            "pdf": {"CreationDate": None, "Title": title, "Creator": maker, "Producer": maker},
            "png": {"Title": title, "Software": maker},
        }
        figure.savefig(buffer, format=kind, metadata=metadata[kind], dpi=150)
    return buffer.getvalue()
