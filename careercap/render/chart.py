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
    peer: bool = False  # the static peer's: drawn dashed, in grey


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
    past what the findings cover named."""
    real = all(result.real is not None for result in results)
    first = results[0].projection.profile
    money_kind = f"{first.currency}, in {first.as_of} money" if real else first.currency
    lines: list[Line] = []
    bands: list[Band] = []
    marks: list[Mark] = []
    shown = [*results, *([plan] if plan is not None else [])]
    labels = [*names, *([f"{names[0]} with the plan"] if plan is not None else [])]
    for index, (result, label) in enumerate(zip(shown, labels, strict=True)):
        projection = result.projection
        years = tuple(row.year for row in projection.years)
        lines.append(Line(visible(label), years, _incomes(result, real)))
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
                if event.planned and event.year in incomes:
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
            shade = Shade(
                0,
                len(lines) - 1,
                f"career capital: {money(capital)} {currency}",
                f"Career capital ({lines[0].label}'s income above the static peer's, summed over {over}): "
                f"{money(capital)} {currency}.",
            )
        else:
            added = total_gap(lines[1].incomes[1:], lines[0].incomes[1:])  # each year as shown
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
    """The chart in words, to read beside it: what is drawn, what is shaded, and which
    years lie beyond the evidence."""
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
    if chart.beyond is not None:
        said.append(chart.beyond.note)
    return " ".join(said)


# The terminal --------------------------------------------------------------------------

MARKERS = "ox+*#@%&"
"""A line's marker in the terminal, by its place: lines read apart without colour."""
PEER_MARKER, EVENT_MARKER, BAND_MARKER, BEYOND_MARKER = "-", "^", ".", "┄"
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
    fit), and a legend that says which is which and which years lie beyond the evidence."""
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
    for mark in chart.marks:
        canvas.point(*at(mark.year, mark.income), color=colour(mark.line), marker=EVENT_MARKER)
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
    legend = [f"{marker} {line.label}" for marker, line in zip(markers, chart.lines, strict=True)]
    if chart.marks:
        events = "; ".join(f"{', '.join(m.names)} ({m.year})" for m in chart.marks)
        legend.append(f"{EVENT_MARKER} planned learning: {events}")
    legend += [f"{BAND_MARKER} {band.label}" for band in chart.bands]
    notes = [] if chart.shade is None else [chart.shade.note]
    notes += [] if chart.beyond is None else [f"{BEYOND_MARKER} {chart.beyond.note}"]
    return "\n".join([*wrapped([chart.title], width), *body, "", *wrapped(legend + notes, width)]) + "\n"


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
    starred, and nothing fetched from the network when the file is opened. Names too long
    for the title and legend are cut short there; the SVG's `<title>` and `<desc>` (a
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
    return entries


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
    for index, line in enumerate(chart.lines):
        group = f'<g id="careercap-line-{index}">'
        svg = svg.replace(group, f"{group}<title>{escape(line.label)}</title>", 1)
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
        axes.fill_between(
            upper.years, lower.incomes, upper.incomes, alpha=0.12, color="C2", label=chart.shade.label
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
        if chart.marks:
            axes.plot(
                [m.year for m in chart.marks],
                [m.income for m in chart.marks],
                "*",
                markersize=13,
                color="black",
                linestyle="none",
                label="planned learning",
            )
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
        buffer = io.BytesIO()
        title, maker = whole.title, f"careercap {version}".strip()
        metadata = {
            "svg": {"Date": None, "Creator": maker},
            "pdf": {"CreationDate": None, "Title": title, "Creator": maker, "Producer": maker},
            "png": {"Title": title, "Software": maker},
        }
        figure.savefig(buffer, format=kind, metadata=metadata[kind], dpi=150)
    return buffer.getvalue()
