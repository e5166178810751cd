"""The options the commands share, declared once, and the formats they offer."""

from __future__ import annotations

import enum
import math
from pathlib import Path
from typing import Annotated

import typer


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class TableOrJson(enum.StrEnum):
    table = "table"
    json = "json"


class PlanFormat(enum.StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"


ProfileFilesArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PROFILE", help="Profile YAML files, or '-' for standard input.", show_default=False
    ),
]
ProfilesArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PROFILE",
        help="Profile YAML files, directories of them, or '-' for standard input.",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    int | None,
    typer.Option("--as-of", min=1950, max=2100, help="Start year, instead of the profile's as_of."),
]
HorizonOpt = Annotated[
    int | None,
    typer.Option("--horizon", min=1, max=50, help="Years to project, instead of the profile's horizon."),
]


def finite(value: float | None) -> float | None:
    """An option's number, refused when it is not finite (`inf`, `nan`): click reads those."""
    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"must be a finite number, not {value}")
    return value


GrowthOpt = Annotated[
    float | None,
    typer.Option(
        "--baseline-growth",
        callback=finite,
        min=-0.5,
        max=0.5,
        help="Baseline yearly growth (0.03 is 3 %), instead of the profile's.",
    ),
]
InflationOpt = Annotated[
    float | None,
    typer.Option(
        "--inflation",
        callback=finite,
        min=-0.5,
        max=1,
        help="Yearly inflation (0.02 is 2 %): money shown in as_of-year money too. Default: the profile's.",
    ),
]
RulesOpt = Annotated[
    Path | None,
    typer.Option(
        "--rules", metavar="FILE", help="A rules file whose values replace the defaults (any subset)."
    ),
]
SensitivityOpt = Annotated[
    bool,
    typer.Option(
        "--sensitivity",
        help="Vary each rule parameter over its plausible range: a tornado, and a band for each year.",
    ),
]
SvgOpt = Annotated[
    Path | None,
    typer.Option(
        "--svg", metavar="FILE", help="Also save the table as an SVG picture, for reports and slides."
    ),
]
HtmlOpt = Annotated[
    Path | None, typer.Option("--html", metavar="FILE", help="Also save the table as an HTML page.")
]
RecursiveOpt = Annotated[
    bool, typer.Option("--recursive", "-r", help="Look for profiles in subdirectories of a directory too.")
]
