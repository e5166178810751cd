"""The options the commands share, declared once, and the formats they offer."""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from careercap.core.fields import parse_integer, parse_number


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class InputFormat(enum.StrEnum):
    yaml = "yaml"
    jsonl = "jsonl"


class TableOrJson(enum.StrEnum):
    table = "table"
    json = "json"


class Document(enum.StrEnum):
    """The documents `careercap schema --for` describes."""

    profile = "profile"
    rules = "rules"
    catalogue = "catalogue"
    project = "project"
    projection = "projection"
    compare = "compare"
    plan = "plan"
    validate = "validate"
    rules_output = "rules-output"


class Shell(enum.StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"
    pwsh = "pwsh"


class Employment(enum.StrEnum):
    employee = "employee"
    freelancer = "freelancer"


class Maximise(enum.StrEnum):
    net_gain = "net-gain"
    npv = "npv"


class PlanFormat(enum.StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"


class CsvGuard(enum.StrEnum):
    always = "always"
    never = "never"


class ChartFormat(enum.StrEnum):
    svg = "svg"
    png = "png"
    pdf = "pdf"


ProfileFilesArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PROFILE",
        help="Profile files (YAML, or JSON Lines: *.jsonl, *.ndjson), or '-' for standard input.",
        show_default=False,
    ),
]
ProfilesArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PROFILE",
        help="Profile files (YAML, or JSON Lines: *.jsonl, *.ndjson), directories of them, or '-' for "
        "standard input.",
        show_default=False,
    ),
]


E = TypeVar("E", bound=enum.StrEnum)


def choice(kind: type[E]) -> Callable[[str], E]:
    """A parser for a --format option: its choices in any case (`-f JSON`), and a plain
    message naming them when none fits."""

    def parse(text: str) -> E:
        try:
            return kind(text.strip().lower())
        except ValueError:
            raise typer.BadParameter(f"must be one of {', '.join(kind)}, not {text!r}") from None

    return parse


def format_option(kind: type[enum.StrEnum], help: str, show_default: bool = True) -> Any:
    """A --format option offering the choices of `kind`, read in any case."""
    return typer.Option(
        "--format", "-f", parser=choice(kind), metavar="|".join(kind), help=help, show_default=show_default
    )


def number(low: float, high: float, *, rate: bool = False) -> Callable[[str], float]:
    """A parser for an option's number, read as a profile's numbers are read (so `3%` and
    `100,000` get the same hints) and held to [low, high]; for a rate, a whole number
    that is in bounds as a fraction gets `did you mean`."""

    def parse(text: str) -> float:
        try:
            value = parse_number(text)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        if not low <= value <= high:
            percent_like = rate and value.is_integer() and low <= value / 100 <= high  # 3 for 0.03
            hint = f" (did you mean {value / 100:g}?)" if percent_like else ""
            raise typer.BadParameter(f"must be from {low:g} to {high:g}, not {text.strip()}{hint}")
        return value + 0.0  # -0 is 0, and shown so

    return parse


def whole(low: int, high: int) -> Callable[[str], int]:
    """A parser for an option's whole number, read as a profile's are read and held to
    [low, high], with careercap's wording rather than the validator's."""

    def parse(text: str) -> int:
        try:
            value = parse_integer(text)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        if not low <= value <= high:
            raise typer.BadParameter(f"must be from {low} to {high}, not {text.strip()}")
        return value

    return parse


AsOfOpt = Annotated[
    int | None,
    typer.Option(
        "--as-of",
        metavar="YEAR",
        parser=whole(1950, 2100),
        help="Start year, instead of the profile's as_of.  [1950 to 2100]",
    ),
]
HorizonOpt = Annotated[
    int | None,
    typer.Option(
        "--horizon",
        metavar="N",
        parser=whole(1, 50),
        help="Years to project, instead of the profile's horizon.  [1 to 50]",
    ),
]
GrowthOpt = Annotated[
    float | None,
    typer.Option(
        "--baseline-growth",
        metavar="RATE",
        parser=number(-0.5, 0.5, rate=True),
        help="Baseline yearly growth (0.03 is 3 %), instead of the profile's.  [-0.5 to 0.5]",
    ),
]
InflationOpt = Annotated[
    float | None,
    typer.Option(
        "--inflation",
        metavar="RATE",
        parser=number(-0.5, 1, rate=True),
        help="Yearly inflation (0.02 is 2 %): money shown in as_of-year money too. Default: the "
        "profile's.  [-0.5 to 1]",
    ),
]
DiscountRateOpt = Annotated[
    float | None,
    typer.Option(
        "--discount-rate",
        metavar="RATE",
        parser=number(0, 1, rate=True),
        help="Yearly discount rate (0.05 is 5 %): present values in as_of, and the net present value "
        "and internal rate of return of planned learning. Default: the profile's.  [0 to 1]",
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


def _jobs(text: str) -> str:
    """`auto`, or a count of processes from 1 to 256 (run.workers.MOST_JOBS, not imported here:
    start-up time), as text."""
    if text.strip().lower() == "auto":
        return "auto"
    try:
        return str(whole(1, 256)(text))
    except typer.BadParameter:
        raise typer.BadParameter(
            f"must be a number of processes from 1 to 256, or auto, not {text!r}"
        ) from None


JobsOpt = Annotated[
    str,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N|auto",
        parser=_jobs,
        help="Processes that load and project: N, or auto for the usable cores once the input proves "
        "larger than a few hundred documents. Output is the same whatever the number.  [default: auto]",
        show_default=False,
    ),
]
InputFormatOpt = Annotated[
    InputFormat | None,
    typer.Option(
        "--input-format",
        parser=choice(InputFormat),
        metavar="yaml|jsonl",
        help="How to read standard input, and files named neither *.yaml, *.yml nor *.jsonl, *.ndjson: "
        "yaml, or jsonl (one JSON profile per line).  [default: yaml]",
        show_default=False,
    ),
]
RecursiveOpt = Annotated[
    bool, typer.Option("--recursive", "-r", help="Look for profiles in subdirectories of a directory too.")
]
WidthOpt = Annotated[
    int | None,
    typer.Option(
        "--width",
        metavar="N",
        parser=whole(40, 400),
        help="Columns of the text written to files (-o FILE.txt, --svg, --html), whatever the terminal. "
        "Default: 100.  [40 to 400]",
        show_default=False,
    ),
]


# What a plan may do: `plan` finds it, `chart --plan` draws it; the same options for both.
TargetOpt = Annotated[
    float | None,
    typer.Option(
        "--target",
        parser=number(0.01, 1e12),
        metavar="INCOME",
        help="Income to reach (by --by, or the last year).",
    ),
]
ByOpt = Annotated[
    int | None,
    typer.Option("--by", metavar="YEAR", parser=whole(1950, 2100), help="Year by which to reach --target."),
]
MaxEventsOpt = Annotated[
    int,
    typer.Option(
        "--max-events",
        metavar="N",
        parser=whole(0, 10),  # core.plan.MOST_EVENTS, not imported here: start-up time
        help="Learning events a plan may add at the most.  [0 to 10]",
    ),
]
CatalogueOpt = Annotated[
    Path | None,
    typer.Option(
        "--catalogue",
        "--catalog",
        metavar="FILE",
        help=(
            "Learning options to choose from (names, kinds, costs, hours, years); "
            "see docs/model.md#catalogues."
        ),
    ),
]
MaximiseOpt = Annotated[
    Maximise | None,
    typer.Option(
        "--maximise",
        "--maximize",
        parser=choice(Maximise),
        metavar="net-gain|npv",
        help=(
            "Find the plan with the largest net learning gain instead; npv: the largest net "
            "present value, at the discount rate."
        ),
        show_default=False,
    ),
]
BudgetOpt = Annotated[
    float | None,
    typer.Option(
        "--budget",
        parser=number(0, 1e12),
        metavar="MONEY",
        help="The most the additions may cost, net of learning_subsidy.",
    ),
]
MaxHoursOpt = Annotated[
    float | None,
    typer.Option(
        "--max-hours",
        parser=number(0, 1e7),
        metavar="H",
        help="The most study hours the additions may take.",
    ),
]
ZoomOpt = Annotated[
    bool,
    typer.Option(
        "--zoom",
        help="Start the income axis near the lowest income instead of at zero: small gaps look large.",
    ),
]
