"""The command line: parse options, call the core, hand results to a renderer."""

from __future__ import annotations

import enum
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

# Typer carries its own copy of click from 0.29 on; its exception types live there.
from typer._click.core import Context as ClickContext  # no public alias exists
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

from careercap import __version__
from careercap.comparison import compare as compare_projections
from careercap.errors import CareercapError, Diagnostic, InputError
from careercap.loader import STDIN, read_bytes
from careercap.pipeline import Outcome, Overrides, project_sources
from careercap.render.export import compare_document, project_document, projection_dict
from careercap.render.table import comparison_view, projection_view
from careercap.render.text import labels
from careercap.rules import Rules, default_rules, load_rules

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 130, 141


def _exit_status(run: Callable[[], Any]) -> int:
    """Run the command line and turn every way out of it into an exit status."""
    try:
        status = run()
        sys.stdout.flush()
    except ClickException as exc:
        context = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError":
            return EXIT_USAGE  # Typer has shown the help already
        where = context.command_path if context is not None else "careercap"
        print(f"{where}: error: {exc.format_message()}", file=sys.stderr)
        if context is not None:
            print(f"Try '{where} --help' for help.", file=sys.stderr)
        return exc.exit_code
    except (KeyboardInterrupt, typer.Abort):
        print("careercap: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (BrokenPipeError, _OutputClosed):
        # The reader went away (`... | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE
    return status if isinstance(status, int) else EXIT_OK


class _OutputClosed(Exception):
    """Standard output was closed early; not an OSError, so that Typer (which exits 1 on
    EPIPE) lets it through to `_exit_status`."""


class CareercapGroup(TyperGroup):
    """Typer's group, with careercap's one-line usage errors and exit statuses."""

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _OutputClosed from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        def run() -> Any:
            return super(CareercapGroup, self).main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )

        status = _exit_status(run)
        if standalone_mode:
            sys.exit(status)
        return status


app = typer.Typer(
    name="careercap",
    cls=CareercapGroup,
    help="Project what a skill profile is worth: income trajectories under the micro-specialization rules.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(enum.StrEnum):
    table = "table"
    json = "json"


ProfilesArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PROFILE", help="Profile YAML files; '-' reads standard input.", show_default=False
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
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="table for people, json for programs.")]
RulesOpt = Annotated[
    Path | None,
    typer.Option(
        "--rules", metavar="FILE", help="A rules file whose values replace the defaults (any subset)."
    ),
]


class _Console(Console):
    """Rich's console, but a closed pipe is left to `main`, which exits 141 (Rich exits 1)."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


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
    """careercap turns a YAML skill profile into a projected income trajectory.

    Example: careercap project profiles/data-engineer.yaml
    """


def _report(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def _rules(path: Path | None) -> Rules:
    if path is None:
        return default_rules()
    try:
        return load_rules(read_bytes(str(path)), str(path))
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--rules'") from None
    except CareercapError as exc:
        _report(exc.diagnostics)
        raise typer.Exit(EXIT_INVALID) from None


def _outcomes(sources: list[str], rules: Rules, overrides: Overrides) -> Iterator[Outcome]:
    """Every document's outcome; an input that cannot be read is a usage error."""
    for source in sources:  # refuse a missing input before anything is printed
        if source != STDIN and not os.path.exists(source):
            raise typer.BadParameter(f"{source}: no such file", param_hint="'PROFILE'")
        if os.path.isdir(source):
            raise typer.BadParameter(f"{source}: is a directory, not a profile file", param_hint="'PROFILE'")
    try:
        yield from project_sources(sources, rules=rules, overrides=overrides)
    except InputError as exc:
        raise typer.BadParameter(str(exc), param_hint="'PROFILE'") from None


@app.command()
def project(
    profiles: ProfilesArg,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = None,
    baseline_growth: GrowthOpt = None,
    output_format: FormatOpt = Format.table,
    rules_file: RulesOpt = None,
) -> None:
    """Project each profile's income year by year, with the rules that apply.

    Example: careercap project profiles/data-engineer.yaml --horizon 10
    """
    rules = _rules(rules_file)
    overrides = Overrides(as_of=as_of, horizon=horizon, baseline_growth=baseline_growth)
    console = _Console(highlight=False)
    exported: list[dict[str, Any]] = []
    errors: list[Diagnostic] = []
    for outcome in _outcomes(profiles, rules, overrides):
        loaded, projection = outcome.loaded, outcome.projection
        _report(loaded.errors + loaded.warnings)
        errors.extend(loaded.errors[:1])  # one per profile in JSON: its first problem
        if projection is None:
            continue
        if output_format is Format.json:
            exported.append(projection_dict(projection, loaded.source, loaded.document, loaded.warnings))
        else:
            console.print(projection_view(projection, loaded.source))
    if output_format is Format.json:
        print(json.dumps(project_document(rules, exported, errors), indent=2, ensure_ascii=False))
    if errors:
        raise typer.Exit(EXIT_INVALID)


@app.command()
def compare(
    profiles: ProfilesArg,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = None,
    baseline_growth: GrowthOpt = None,
    output_format: FormatOpt = Format.table,
    rules_file: RulesOpt = None,
) -> None:
    """Compare profiles side by side, year by year, and say which rule makes the difference.

    Differences are against the first profile. Every document of every file takes part.

    Example: careercap compare now.yaml with-plan.yaml
    """
    rules = _rules(rules_file)
    overrides = Overrides(as_of=as_of, horizon=horizon, baseline_growth=baseline_growth)
    outcomes = [outcome for outcome in _outcomes(profiles, rules, overrides) if not outcome.loaded.empty]
    for outcome in outcomes:
        _report(outcome.loaded.errors + outcome.loaded.warnings)
    if any(outcome.projection is None for outcome in outcomes):
        raise typer.Exit(EXIT_INVALID)
    if len(outcomes) < 2:
        raise typer.BadParameter(f"compare needs at least two profiles, and found {len(outcomes)}")
    first = outcomes[0]
    currency = first.loaded.profile.currency if first.loaded.profile else ""
    for outcome in outcomes[1:]:
        profile = outcome.loaded.profile
        if profile is not None and profile.currency != currency:
            where = f"{outcome.loaded.source}" + (
                f" (document {outcome.loaded.document})" if outcome.loaded.document > 1 else ""
            )
            print(
                f"{where}: error: currency {profile.currency} differs from {currency} of "
                f"{first.loaded.source}; careercap does not convert currencies",
                file=sys.stderr,
            )
            raise typer.Exit(EXIT_INVALID)
    projections = [outcome.projection for outcome in outcomes if outcome.projection is not None]
    comparison = compare_projections(projections)
    names = labels([p.profile.name for p in projections], [o.loaded.source for o in outcomes])
    if output_format is Format.json:
        exported = [
            projection_dict(o.projection, o.loaded.source, o.loaded.document, o.loaded.warnings)
            for o in outcomes
            if o.projection is not None
        ]
        print(json.dumps(compare_document(comparison, exported, names, rules), indent=2, ensure_ascii=False))
    else:
        _Console(highlight=False).print(comparison_view(comparison, names))


def main() -> None:
    """The `careercap` console script."""
    typer.main.get_command(app).main(prog_name="careercap")
