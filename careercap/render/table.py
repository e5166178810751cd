"""Rich renderables for people reading a terminal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from careercap.engine import Projection, YearRow
from careercap.render.text import factor, money, percent, visible

_STATE_STYLE = {"upskilling": "green", "maintaining": "", "static": "red"}
RULE_NAMES = {
    "upskilling": "upskilling",
    "static_contraction": "static contraction",
    "freelancer_portfolio": "freelancer portfolio",
}
CAVEAT = (
    "The rules are point estimates from secondary reporting of observational studies: "
    "an illustration, not a forecast. See README, 'The rules'."
)


def _events(row: YearRow) -> Text:
    text = Text()
    for index, event in enumerate(row.events):
        if index:
            text.append("\n")
        text.append(visible(event.name))
        kind = "cert" if event.kind == "certification" else "skill"
        text.append(f" ({kind}, planned)" if event.planned else f" ({kind})", style="dim")
    return text


def trajectory_table(projection: Projection, source: str) -> Table:
    """One row per year: income, growth, state, the year's learning events, rules applied."""
    profile = projection.profile
    title = Text(visible(profile.name), style="bold")
    title.append(f"  {profile.employment}, {profile.as_of}-{profile.final_year}  ", style="")
    title.append(visible(source), style="dim")
    table = Table(title=title, title_justify="left")
    table.add_column("Year", justify="right")
    table.add_column(f"Income ({profile.currency})", justify="right")
    table.add_column("Growth", justify="right")
    table.add_column("State")
    table.add_column("Learning events")
    table.add_column("Rules applied")
    for row in projection.years:
        table.add_row(
            str(row.year),
            money(row.income),
            "" if row.growth is None else percent(row.growth),
            Text(row.state, style=_STATE_STYLE[row.state]),
            _events(row),
            ", ".join(RULE_NAMES[rule] for rule in row.rules),
        )
    return table


def summary_table(projection: Projection) -> Table:
    """Start, final, CAGR, cumulative, static peer, career capital, and the rule factors."""
    profile, summary = projection.profile, projection.summary
    currency = profile.currency
    first, last = profile.as_of + 1, profile.final_year
    span = str(first) if first == last else f"{first}-{last}"
    table = Table(show_header=False, box=None, padding=(0, 1))
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row(f"Start income ({profile.as_of})", f"{money(summary.start_income)} {currency}")
    table.add_row(f"Final income ({last})", f"{money(summary.final_income)} {currency}")
    table.add_row("CAGR", percent(summary.cagr))
    table.add_row(f"Cumulative earnings {span}", f"{money(summary.cumulative_earnings)} {currency}")
    table.add_row("Static-peer cumulative", f"{money(summary.static_peer_cumulative)} {currency}")
    table.add_row("Career capital", f"{money(summary.career_capital)} {currency}")
    factors = summary.factors
    table.add_row("Final income, by rule", f"baseline {factor(factors.baseline)}")
    table.add_row("", f"upskilling {factor(factors.upskilling)}")
    table.add_row("", f"static contraction {factor(factors.static_contraction)}")
    table.add_row("", f"freelancer portfolio {factor(factors.freelancer_portfolio)}")
    return table


def projection_view(projection: Projection, source: str) -> RenderableType:
    """The whole human view of one projection."""
    return Group(
        trajectory_table(projection, source),
        summary_table(projection),
        Text(CAVEAT, style="dim"),
    )
