"""The command line: parse options, call the core, hand results to a renderer."""

from __future__ import annotations

import enum
import gc
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from careercap import __version__
from careercap.errors import CareercapError, Diagnostic, InputError, Location
from careercap.shell import EXIT_INVALID, CareercapGroup, console

if TYPE_CHECKING:
    from rich.console import Console

    from careercap.engine import Projection
    from careercap.pipeline import Outcome, Overrides
    from careercap.rules import Rules

# Commands import the rest of careercap when they run, not here: start-up time is most of
# what a one-profile run costs, and each command needs only part of the package.


app = typer.Typer(
    name="careercap",
    cls=CareercapGroup,
    help=(
        "Project what a skill profile is worth: income trajectories under the micro-specialization rules."
        "\n\nExample: careercap project profiles/data-engineer.yaml"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class CompareFormat(enum.StrEnum):
    table = "table"
    json = "json"


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
GrowthOpt = Annotated[
    float | None,
    typer.Option(
        "--baseline-growth",
        min=-0.5,
        max=0.5,
        help="Baseline yearly growth (0.03 is 3 %), instead of the profile's.",
    ),
]
InflationOpt = Annotated[
    float | None,
    typer.Option(
        "--inflation",
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"careercap {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """The options that come before a command (the app's help text is set above)."""


def _many(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _report(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def _rules(path: Path | None) -> Rules:
    from careercap.loader import read_bytes
    from careercap.rules import default_rules, load_rules

    if path is None:
        return default_rules()
    try:
        return load_rules(read_bytes(str(path)), str(path))
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--rules'") from None
    except CareercapError as exc:
        _report(exc.diagnostics)
        raise typer.Exit(EXIT_INVALID) from None


def _sources(paths: list[str], recursive: bool, directories: bool = True) -> list[str]:
    """Files to read; anything missing or unreadable is a usage error, before any output."""
    from careercap.loader import expand

    try:
        if not directories:
            for path in paths:
                if os.path.isdir(path):
                    raise InputError(f"{path}: is a directory; give profile files")
        sources = expand(paths, recursive=recursive)
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="'PROFILE'") from None
    for path in paths:
        if os.path.isdir(path) and not any(source.startswith(path) for source in sources):
            print(f"{path}: warning: no *.yaml or *.yml files here", file=sys.stderr)
    return sources


def _outcomes(
    sources: list[str], rules: Rules, overrides: Overrides, with_sensitivity: bool = False
) -> Iterator[Outcome]:
    from careercap.pipeline import project_sources

    try:
        yield from project_sources(
            sources, rules=rules, overrides=overrides, with_sensitivity=with_sensitivity
        )
    except InputError as exc:  # a file that vanished or became unreadable since the start
        raise typer.BadParameter(str(exc), param_hint="'PROFILE'") from None


def _every_one_valid(
    paths: list[str], rules: Rules, overrides: Overrides, with_sensitivity: bool = False
) -> tuple[list[Outcome], list[Projection]]:
    """Every profile of the named files, projected; all or nothing: if one is invalid, the
    problems are reported and the command exits 1."""
    sources = _sources(paths, recursive=False, directories=False)
    outcomes = [o for o in _outcomes(sources, rules, overrides, with_sensitivity) if not o.loaded.empty]
    for outcome in outcomes:
        _report(outcome.loaded.errors + outcome.loaded.warnings)
    projections = [outcome.projection for outcome in outcomes if outcome.projection is not None]
    if len(projections) < len(outcomes):
        raise typer.Exit(EXIT_INVALID)
    return outcomes, projections


def _output_format(chosen: Format | None, output: Path | None) -> str:
    if chosen is not None:
        return chosen.value
    if output is None:
        return Format.table.value
    from careercap.output import format_for

    by_name = format_for(str(output))
    if by_name is None:
        raise typer.BadParameter(
            f"cannot tell the format of {output} from its extension (.json, .jsonl, .csv, .txt); "
            "give --format",
            param_hint="'--output'",
        )
    return by_name


class _Pictures:
    """The console a table is printed on, recording when --svg or --html asks for a copy."""

    def __init__(self, svg: Path | None, html: Path | None, output_format: str) -> None:
        if (svg or html) and output_format != "table":
            raise typer.BadParameter("--svg and --html save table output", param_hint="'--svg' / '--html'")
        self.svg, self.html = svg, html
        self.made: Console | None = None

    def console(self, stream: TextIO | None = None) -> Console:
        if self.made is None:
            self.made = console(stream, record=bool(self.svg or self.html))
            if (self.svg or self.html) and not self.made.is_terminal:
                self.made.width = max(self.made.width, 100)  # a picture is not bound to a terminal
        return self.made

    def save(self, title: str) -> None:
        from careercap.output import output_to

        if self.made is None:
            return
        for path, kind in ((self.svg, "svg"), (self.html, "html")):
            if path is None:
                continue
            if kind == "svg":
                text = self.made.export_svg(title=title, clear=False)
            else:
                text = self.made.export_html(clear=False)
            try:
                with output_to(str(path)) as stream:
                    stream.write(text)
            except OSError as exc:
                raise typer.BadParameter(f"cannot write {path}: {exc.strerror}") from None


def _refuse_overwriting_an_input(output: Path | None, sources: list[str]) -> None:
    if output is None or not output.exists():
        return
    for source in sources:
        if source != "-" and os.path.samefile(source, output):
            raise typer.BadParameter(
                f"{output} is also an input; write the output elsewhere", param_hint="'--output'"
            )


@app.command()
def project(
    profiles: ProfilesArg,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = None,
    baseline_growth: GrowthOpt = None,
    inflation: InflationOpt = None,
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="table for people; json, jsonl or csv for programs. Default: by --output's extension.",
            show_default=False,
        ),
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="One row per profile instead of one per year.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of standard output."
        ),
    ] = None,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first invalid profile; write no --output file.")
    ] = False,
    recursive: RecursiveOpt = False,
    with_sensitivity: SensitivityOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
    rules_file: RulesOpt = None,
) -> None:
    """Project each profile's income year by year, with the rules that apply.

    Profiles stream through: csv, jsonl and json output begin at once, and an invalid
    profile is reported while the others are still projected.

    Example: careercap project profiles/ --format csv -o cohort.csv
    """
    from careercap.batch import Layout, StoppedAtError, write_projections
    from careercap.output import output_to
    from careercap.pipeline import Overrides

    chosen = _output_format(output_format, output)
    pictures = _Pictures(svg, html, chosen)
    if summary and chosen in ("json", "jsonl"):
        raise typer.BadParameter("--summary applies to table and csv output", param_hint="'--summary'")
    sources = _sources(profiles, recursive)
    _refuse_overwriting_an_input(output, sources)
    rules = _rules(rules_file)
    overrides = Overrides(as_of=as_of, horizon=horizon, baseline_growth=baseline_growth, inflation=inflation)
    # What is loaded by now lives until the process ends: keep the garbage collector from
    # scanning it again and again while thousands of profiles stream through (~10 % faster).
    gc.freeze()
    try:
        with output_to(None if output is None else str(output)) as stream:
            errors = write_projections(
                _outcomes(sources, rules, overrides, with_sensitivity),
                stream=stream,
                console=lambda: pictures.console(None if output is None else stream),
                output_format=chosen,
                layout=Layout(summary, real=inflation is not None, sensitivity=with_sensitivity),
                rules=rules,
                fail_fast=fail_fast,
                report=_report,
            )
    except StoppedAtError:
        raise typer.Exit(EXIT_INVALID) from None
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) or output is None:
            raise
        raise typer.BadParameter(f"cannot write {output}: {exc.strerror}", param_hint="'--output'") from None
    pictures.save("careercap project")
    if errors:
        raise typer.Exit(EXIT_INVALID)


@app.command()
def compare(
    profiles: ProfileFilesArg,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = None,
    baseline_growth: GrowthOpt = None,
    inflation: InflationOpt = None,
    output_format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="table for people, json for programs.")
    ] = CompareFormat.table,
    with_sensitivity: SensitivityOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
    rules_file: RulesOpt = None,
) -> None:
    """Compare profiles side by side, year by year, and say which rule makes the difference.

    Differences are against the first profile. Every document of every file takes part.

    Example: careercap compare now.yaml with-plan.yaml
    """
    from careercap.comparison import compare as compare_projections
    from careercap.pipeline import Overrides
    from careercap.render.export import compare_document, projection_dict
    from careercap.render.table import comparison_view
    from careercap.render.text import labels

    pictures = _Pictures(svg, html, output_format.value)
    rules = _rules(rules_file)
    overrides = Overrides(as_of=as_of, horizon=horizon, baseline_growth=baseline_growth, inflation=inflation)
    outcomes, projections = _every_one_valid(profiles, rules, overrides, with_sensitivity)
    if len(outcomes) < 2:
        raise typer.BadParameter(f"compare needs at least two profiles, and found {len(outcomes)}")
    for outcome, projection in zip(outcomes[1:], projections[1:], strict=True):
        currency, first_currency = projection.profile.currency, projections[0].profile.currency
        if currency != first_currency:
            where = Location(outcome.loaded.source)
            message = f"currency {currency} differs from {first_currency} of {outcomes[0].loaded.source}"
            _report([Diagnostic(where, message + "; careercap does not convert currencies")])
            raise typer.Exit(EXIT_INVALID)
    comparison = compare_projections(projections)
    names = labels([p.profile.name for p in projections], [o.loaded.source for o in outcomes])
    if output_format is CompareFormat.json:
        exported = [
            projection_dict(p, o.loaded.source, o.loaded.document, o.loaded.warnings, o.sensitivity)
            for p, o in zip(projections, outcomes, strict=True)
        ]
        print(json.dumps(compare_document(comparison, exported, names, rules), indent=2, ensure_ascii=False))
    else:
        varied = [o.sensitivity for o in outcomes if o.sensitivity is not None]
        pictures.console().print(comparison_view(comparison, names, varied or None))
        pictures.save("careercap compare")


class PlanFormat(enum.StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"


@app.command()
def plan(
    profile_path: Annotated[
        str,
        typer.Argument(
            metavar="PROFILE", help="One profile file, or '-' for standard input.", show_default=False
        ),
    ],
    target: Annotated[
        float | None,
        typer.Option(
            "--target", min=0.01, metavar="INCOME", help="Income to reach (by --by, or the last year)."
        ),
    ] = None,
    by: Annotated[
        int | None, typer.Option("--by", metavar="YEAR", help="Year by which to reach --target.")
    ] = None,
    max_events: Annotated[
        int, typer.Option("--max-events", min=0, max=10, help="Learning events a plan may add at the most.")
    ] = 4,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = None,
    baseline_growth: GrowthOpt = None,
    output_format: Annotated[
        PlanFormat, typer.Option("--format", "-f", help="table for people; json; yaml for the snippet alone.")
    ] = PlanFormat.table,
    rules_file: RulesOpt = None,
) -> None:
    """Find the smallest learning plan that keeps every year out of static.

    With --target and --by, the plan must also reach that income by that year. Smallest
    means fewest learning events, then the earliest years; the search is exact.

    Example: careercap plan profiles/finance-clerk.yaml --target 52000 --by 2030
    """
    from careercap.comparison import compare as compare_projections
    from careercap.pipeline import Overrides
    from careercap.plan import SearchTooLarge, find_plan
    from careercap.render.export import plan_document
    from careercap.render.table import comparison_years
    from careercap.render.text import plan_lines, plan_snippet

    if by is not None and target is None:
        raise typer.BadParameter("--by goes with --target", param_hint="'--by'")
    rules = _rules(rules_file)
    overrides = Overrides(as_of=as_of, horizon=horizon, baseline_growth=baseline_growth)
    outcomes, projections = _every_one_valid([profile_path], rules, overrides)
    if len(outcomes) != 1:
        raise typer.BadParameter(f"plan takes one profile, and {profile_path} holds {len(outcomes)}")
    profile = projections[0].profile
    outcome = outcomes[0]
    if by is not None and not profile.as_of < by <= profile.final_year:
        raise typer.BadParameter(
            f"{by} is outside the projected years {profile.as_of + 1}-{profile.final_year}",
            param_hint="'--by'",
        )
    try:
        found = find_plan(profile, rules, target=target, by=by, max_events=max_events)
    except SearchTooLarge as exc:
        raise typer.BadParameter(
            f"{exc}: lower --max-events, or shorten --horizon", param_hint="'--max-events'"
        ) from None
    source, document = outcome.loaded.source, outcome.loaded.document
    if output_format is PlanFormat.json:
        print(json.dumps(plan_document(found, source, document), indent=2, ensure_ascii=False))
    elif output_format is PlanFormat.yaml:
        print(plan_snippet(found), end="")
    else:
        print("\n".join(plan_lines(found, source)))
        snippet = plan_snippet(found)
        if snippet:
            print("\nAdd to the profile:\n\n" + snippet)
            comparison = compare_projections([found.baseline, found.projection])
            console().print(comparison_years(comparison, ["without the plan", "with the plan"]))


@app.command("rules")
def rules_command(
    output_format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="table for people, json for programs.")
    ] = CompareFormat.table,
    rules_file: RulesOpt = None,
) -> None:
    """Show the rules: parameters, findings, sources, readings and evidence.

    Each rule comes with the finding it rests on, the source as the article names it, how
    careercap reads it, and how strong the evidence is. With --rules, the rules in force.

    Example: careercap rules --rules cautious.yaml
    """
    rules = _rules(rules_file)
    if output_format is CompareFormat.json:
        from careercap.render.export import rules_document

        print(json.dumps(rules_document(rules), indent=2, ensure_ascii=False))
        return
    from careercap.render.table import rules_view

    source = "the defaults" if rules_file is None else f"the defaults, with {rules_file}"
    console().print(rules_view(rules, source))


@app.command()
def explain(
    profiles: ProfileFilesArg,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = None,
    baseline_growth: GrowthOpt = None,
    rules_file: RulesOpt = None,
) -> None:
    """Say year by year why each rule fired or did not, and what is within reach.

    Example: careercap explain profiles/data-engineer.yaml
    """
    from careercap.explain import explain as explain_projection
    from careercap.pipeline import Overrides
    from careercap.render.text import explanation_lines

    sources = _sources(profiles, recursive=False, directories=False)
    rules = _rules(rules_file)
    overrides = Overrides(as_of=as_of, horizon=horizon, baseline_growth=baseline_growth)
    invalid = False
    shown = 0
    for outcome in _outcomes(sources, rules, overrides):
        _report(outcome.loaded.errors + outcome.loaded.warnings)
        invalid = invalid or bool(outcome.loaded.errors)
        if outcome.projection is not None:
            lines = explanation_lines(explain_projection(outcome.projection, rules), outcome.loaded.source)
            print("\n".join(([""] if shown else []) + lines))
            shown += 1
    if invalid:
        raise typer.Exit(EXIT_INVALID)


@app.command()
def validate(
    profiles: ProfilesArg,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List what was checked.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    output_format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="table (lines for people) or json for editors.")
    ] = CompareFormat.table,
    recursive: RecursiveOpt = False,
) -> None:
    """Check profiles without projecting them: silent when all is well.

    Each problem is a FILE:LINE:COLUMN line on standard error; warnings (a repeated
    skill, a renewed certification) fail only with --strict.

    Example: careercap validate profiles/ --strict
    """
    from careercap.loader import load
    from careercap.render.text import visible

    sources = _sources(profiles, recursive)
    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    checked = 0
    try:
        for source in sources:
            for loaded in load(source):
                if output_format is CompareFormat.table:
                    _report(loaded.errors + loaded.warnings)
                errors += loaded.errors
                warnings += loaded.warnings
                if loaded.empty:
                    continue
                checked += 1
                if verbose and loaded.profile is not None and output_format is CompareFormat.table:
                    name = visible(loaded.profile.name)
                    print(f"{loaded.source}: document {loaded.document} ({name}): valid")
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="'PROFILE'") from None
    failed = bool(errors) or (strict and bool(warnings))
    if output_format is CompareFormat.json:
        document = {
            "schema_version": 1,
            "valid": not failed,
            "profiles": checked,
            "errors": [error.as_dict() for error in errors],
            "warnings": [warning.as_dict() for warning in warnings],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    elif verbose:
        outcome = "failed" if failed else "all valid"
        print(f"{_many(checked, 'profile')} in {_many(len(sources), 'file')}: {outcome}")
    if failed:
        raise typer.Exit(EXIT_INVALID)


@app.command()
def schema() -> None:
    """Print the profile's JSON Schema, for editors that check YAML as it is typed.

    Example: careercap schema > careercap.schema.json
    """
    from careercap.schema import profile_schema

    print(json.dumps(profile_schema(), indent=2, ensure_ascii=False))


@app.command()
def init(
    path: Annotated[
        str, typer.Argument(help="Where to write the profile; '-' prints it.", show_default=True)
    ] = "profile.yaml",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter profile, valid as written, to fill in.

    Example: careercap init me.yaml
    """
    import datetime as dt

    from careercap.output import output_to
    from careercap.starter import starter_profile

    text = starter_profile(dt.date.today().year, "profile.yaml" if path == "-" else path)
    if path == "-":
        print(text, end="")
        return
    if os.path.exists(path) and not force:
        raise typer.BadParameter(f"{path} exists; give --force to overwrite it", param_hint="'PATH'")
    try:
        with output_to(path) as stream:
            stream.write(text)
    except OSError as exc:
        raise typer.BadParameter(f"cannot write {path}: {exc.strerror}", param_hint="'PATH'") from None
    print(f"wrote {path}; fill it in, then run: careercap project {path}", file=sys.stderr)
