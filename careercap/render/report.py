"""`careercap report`: one self-contained HTML page to share or print: the chart (inline
SVG, with a caption), several profiles compared, each profile's trajectory and summary,
its learning, and the rules with their evidence. Nothing in it is fetched when it is
opened: inline styles, system fonts. Every sentence stays on the page, on screens from
1,024 pixels wide and printed on A4 or Letter: text wraps, and a table too wide for the
page scrolls on screen and breaks its words in print rather than being cut."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from careercap.core.comparison import compare
from careercap.core.rules import LABELS, RULES, Basis, Rules
from careercap.core.words import span
from careercap.errors import visible
from careercap.render.table import EARNED_NOTE, comparison_earned, comparison_notes, factor_labels
from careercap.render.text import basis_line, employment_story, extrapolated_note, factor, money, percent

if TYPE_CHECKING:
    from careercap.core.engine import Projection
    from careercap.core.result import Result

_STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       margin: 2rem auto; max-width: 60rem; padding: 0 1rem; box-sizing: border-box;
       color: #1b1b1b; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
p.lead { color: #555; margin-top: 0; }
figure { margin: 1rem 0; }
figure svg { display: block; width: 100%; max-width: 100%; height: auto; }
figcaption { color: #444; font-size: 0.9rem; overflow-wrap: anywhere; }
.wide { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; margin: 0.6rem 0; font-variant-numeric: tabular-nums; }
caption { caption-side: bottom; text-align: left; color: #555; font-size: 0.9rem; padding-top: 0.3rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
h1, h2, h3, p, dt, dd, caption, figcaption { overflow-wrap: anywhere; }
th { overflow-wrap: break-word; }
td.text { overflow-wrap: anywhere; }
td.n, th.n { text-align: right; }
td.n { white-space: nowrap; }
dl { display: grid; grid-template-columns: minmax(auto, max-content) minmax(0, 1fr); gap: 0.15rem 1.2rem; }
dl.figures { grid-template-columns: minmax(auto, max-content) max-content; }
dt { color: #444; min-width: 0; }
dd { margin: 0; min-width: 0; }
dl.figures dd { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #555; font-size: 0.9rem; }
.career { color: #8b1a7e; }
@page { margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  h2, h3 { break-after: avoid; }
  dl, figure, tr { break-inside: avoid; }
  .wide { overflow: visible; }
  td, th { padding: 0.2rem 0.35rem; }
}
"""


def _e(text: object) -> str:
    """Text as HTML shows it: markup escaped, and control, bidirectional and separator
    characters shown as escapes (`\\u202e`), as the tables show them."""
    return html.escape(visible(str(text)), quote=True)


def inline_svg(svg: str) -> str:
    """An SVG file's text as an element inside HTML: without its XML declaration and
    DOCTYPE, which belong to a file."""
    return re.sub(r"^\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?", "", svg)


def report_page(
    results: Sequence[Result],
    names: Sequence[str],
    chart_svg: str,
    rules: Rules,
    basis: Basis | None,
    version: str,
    chart_caption: str = "",
) -> str:
    """The whole page; `version` is careercap's, `chart_caption` the chart in words. Several
    profiles are compared (the chart, income by year and the summary) before each has its
    own section."""
    title = "careercap report: " + ", ".join(names)
    figure = f"<figure>{inline_svg(chart_svg)}<figcaption>{_e(chart_caption)}</figcaption></figure>"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="UTF-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="careercap {_e(version)}">',
        f"<title>{_e(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<h1>Career capital report</h1>",
        f'<p class="lead">{_e(", ".join(names))}: income by year under the micro-specialization rules, '
        f"projected by careercap {_e(version)}.</p>",
    ]
    if len(results) > 1:
        parts += ["<h2>The profiles compared</h2>", figure, *_compared(results, names)]
    else:
        parts.append(figure)
    for result, name in zip(results, names, strict=True):
        parts += _profile(result, name)
    parts += _rules(rules, basis)
    parts += [
        '<p class="note">The rules are point estimates from secondary reporting of observational studies: '
        "an illustration, not a forecast.</p>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _star(projection: Projection, year: int) -> str:
    return f"{year}*" if projection.extrapolated(year) else str(year)


def _table(
    head: list[tuple[str, bool]], rows: list[list[tuple[str, str]]], note: str | Sequence[str] | None = None
) -> list[str]:
    """A table whose every column has a heading: `head` is each heading (escaped) and
    whether its column holds numbers; each row's cells are (HTML, class). `note`, a
    sentence or several (a line each), goes under it."""
    parts = ['<div class="wide"><table>']
    notes = [note] if isinstance(note, str) else list(note or ())
    if notes:
        parts.append(f"<caption>{'<br>'.join(map(_e, notes))}</caption>")
    parts.append(
        "<tr>" + "".join(f"<th{_class('n' if number else '')}>{text}</th>" for text, number in head) + "</tr>"
    )
    for row in rows:
        parts.append("<tr>" + "".join(f"<td{_class(kind)}>{cell}</td>" for cell, kind in row) + "</tr>")
    parts.append("</table></div>")
    return parts


def _class(kind: str) -> str:
    return f' class="{kind}"' if kind else ""


def _compared(results: Sequence[Result], names: Sequence[str]) -> list[str]:
    """Several profiles side by side: income by year (with each one's difference from the
    first) and the summary, as `careercap compare` shows them."""
    comparison = compare(results)
    currency = _e(comparison.entries[0].currency)
    first = _e(names[0])
    earned = comparison_earned(comparison)  # by profile, what each year of a break brings in
    head = [("Year", False)]
    for index, name in enumerate(names):
        head.append((f"{_e(name)} ({currency})", True))
        if earned[index]:
            head.append((f"{_e(name)} earned", True))
        if index:
            head.append((f"{_e(name)} vs {first}", True))
    rows = []
    beyond = False
    for column in comparison.years:
        extrapolated = any(
            result.projection.extrapolated(column.year) and income is not None
            for result, income in zip(results, column.incomes, strict=True)
        )
        beyond = beyond or extrapolated
        row = [(f"{column.year}*" if extrapolated else str(column.year), "")]
        for index, income in enumerate(column.incomes):
            row.append(("" if income is None else money(income), "n"))
            if earned[index]:
                away = earned[index].get(column.year)
                row.append(("" if away is None else money(away), "n"))
            if index:
                difference = column.differences[index]
                row.append(("" if difference is None else f"{difference:+,.2f}", "n"))
        rows.append(row)
    parts = ["<h3>Income by year</h3>", *_table(head, rows, comparison_notes(results, beyond, earned))]
    summary_head = [("Figure", False), *((f"{_e(name)}", True) for name in names)]
    labels = {
        "final_income": f"Final income ({currency})",
        "cagr": "CAGR",
        "cumulative_earnings": f"Cumulative earnings ({currency})",
        "career_capital": f"Career capital ({currency})",
    }
    summary_rows = []
    for field, label in labels.items():
        values = comparison.summary[field]
        shown = [percent(value) if field == "cagr" else money(value) for value in values]
        summary_rows.append([(label, ""), *((value, "n") for value in shown)])
    over = comparison.span
    parts += [
        f"<h3>Summary, {span(over.first + 1, over.last)}</h3>",
        *_table(summary_head, summary_rows, "Over the years every profile covers."),
    ]
    return parts


EVENTS_GIVEN = (
    "Career events are given, not chosen; the static peer and the profile without its planned learning "
    "live the same events, so career capital and learning figures measure learning, not the events."
)
"""Beside the figures of a profile with career events."""


def _profile(result: Result, name: str) -> list[str]:
    projection = result.projection
    profile, summary = projection.profile, projection.summary
    currency = _e(profile.currency)
    parts = [
        f"<h2>{_e(name)}</h2>",
        f'<p class="lead">{_e(employment_story(projection))}, {span(profile.as_of, profile.final_year)}, '
        f"from {_e(result.source)}</p>",
        "<h3>Income by year</h3>",
    ]
    away = any(row.away for row in projection.years)
    head = [("Year", False), (f"Income ({currency})", True)]
    head += [("Earned", True)] if away else []
    head += [("Growth", True), ("State", False), ("Events" if profile.events else "Learning events", False)]
    head += [("Rules applied", False)]
    rows = []
    for row in projection.years:
        listed = [
            f"{_e(event.name)} ({event.kind}{', planned' if event.planned else ''})" for event in row.events
        ]
        listed += [f'<span class="career">{_e(event.label)}</span>' for event in row.career]
        cells = [(_star(projection, row.year), ""), (money(row.income), "n")]
        cells += [(money(row.earned) if row.away else "", "n")] if away else []
        cells += [
            ("" if row.growth is None else percent(row.growth), "n"),
            (row.state, ""),
            ("<br>".join(listed), "text"),
            (_e(", ".join(LABELS.get(rule, rule) for rule in row.rules)), ""),
        ]
        rows.append(cells)
    said = [
        note for note in (extrapolated_note(projection), EARNED_NOTE if away else None) if note is not None
    ]
    parts += _table(head, rows, said)
    figures = [
        (f"Start income ({profile.as_of})", f"{money(summary.start_income)} {currency}"),
        (f"Final income ({profile.final_year})", f"{money(summary.final_income)} {currency}"),
        ("CAGR", percent(summary.cagr)),
        (
            f"Cumulative earnings {span(profile.as_of + 1, profile.final_year)}",
            f"{money(summary.cumulative_earnings)} {currency}",
        ),
        ("Static-peer cumulative", f"{money(summary.static_peer_cumulative)} {currency}"),
        ("Career capital", f"{money(summary.career_capital)} {currency}"),
        *(
            (f"Final income by {title}", factor(getattr(summary.factors, field)))
            for field, title in factor_labels(projection).items()
        ),
    ]
    if result.real is not None:
        real = result.real
        figures += [
            (f"Inflation ({profile.as_of} money below)", percent(real.inflation)),
            ("Final income, real", f"{money(real.final_income)} {currency}"),
            ("Cumulative earnings, real", f"{money(real.cumulative_earnings)} {currency}"),
            ("Career capital, real", f"{money(real.career_capital)} {currency}"),
        ]
    if result.sensitivity is not None:
        low, high = result.sensitivity.final_income
        figures.append(("Final income, range", f"{money(low)} to {money(high)} {currency}"))
        low, high = result.sensitivity.career_capital
        figures.append(("Career capital, range", f"{money(low)} to {money(high)} {currency}"))
    learning = result.learning
    if learning is not None:
        figures += [
            ("Learning cost", f"{money(learning.cost)} {currency}"),
            ("Income the learning adds", f"{money(learning.gain)} {currency}"),
            ("Net learning gain", f"{money(learning.net)} {currency}"),
            ("Return on learning", "" if learning.ratio is None else percent(learning.ratio)),
            ("Pays back in", "" if learning.payback_year is None else str(learning.payback_year)),
        ]
    parts += ["<h3>Summary</h3>", '<dl class="figures">']
    parts += [f"<dt>{_e(label)}</dt><dd>{value}</dd>" for label, value in figures]
    parts.append("</dl>")
    if profile.events:
        parts.append(f'<p class="note">{_e(EVENTS_GIVEN)}</p>')
    events = projection.events
    parts.append("<h3>Learning</h3>")
    if not events:
        parts.append("<p>No dated certifications or skills.</p>")
    else:
        parts += ["<table>", "<tr><th>Year</th><th>Kind</th><th>Name</th><th>Held or planned</th></tr>"]
        for event in sorted(events, key=lambda e: (e.year, e.kind != "skill")):
            planned = "planned" if event.planned else "held"
            parts.append(
                f'<tr><td>{event.year}</td><td>{event.kind}</td><td class="text">{_e(event.name)}</td>'
                f"<td>{planned}</td></tr>"
            )
        parts.append("</table>")
    return parts


def _rules(rules: Rules, basis: Basis | None) -> list[str]:
    parts = ["<h2>The rules</h2>"]
    named = None if basis is None else basis_line(basis)
    if named is not None:
        parts.append(f"<p>{_e(named)}</p>")
    for rule in RULES:
        text = rules.rule(rule.id)
        values = ", ".join(f"{key} {value:g}" for key, value in text.numbers().items())
        parts += [f"<h3>{_e(rule.label.capitalize())}</h3>", f"<p>{_e(values)}</p>", "<dl>"]
        for label, said in (
            ("Finding", text.finding),
            ("Source", text.source),
            ("Interpretation", text.interpretation),
            ("Evidence", text.evidence),
        ):
            if said:
                parts.append(f"<dt>{label}</dt><dd>{_e(said)}</dd>")
        parts.append("</dl>")
    parts.append(
        f"<p>Window: {rules.window_years} years; the findings cover {rules.extrapolation_after} years.</p>"
    )
    if rules.evidence:
        parts.append(f"<p><strong>Overall:</strong> {_e(rules.evidence)}</p>")
    return parts
