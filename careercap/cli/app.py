"""The commands: each checks what only the options can tell, calls the pipeline (the
rules, the sources, and the one function of its own), and hands the result to a renderer
and the one output path.

Commands import the rest of careercap when they run, not here: start-up time is most of
what a one-profile run costs, and each command needs only part of the package.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, ParamSpec, cast

import typer

from careercap import __version__
from careercap.cli.boundary import (
    COMPLETE,
    CareercapCommand,
    CareercapGroup,
    guarded,
    report,
    report_lines,
    say,
)
from careercap.cli.options import (
    AsOfOpt,
    BudgetOpt,
    ByOpt,
    CatalogueOpt,
    ChartFormat,
    CsvGuard,
    DiscountRateOpt,
    Document,
    Employment,
    Format,
    GrowthOpt,
    HorizonOpt,
    HtmlOpt,
    InflationOpt,
    InputFormatOpt,
    JobsOpt,
    MaxEventsOpt,
    MaxHoursOpt,
    Maximise,
    MaximiseOpt,
    PlanFormat,
    ProfileFilesArg,
    ProfilesArg,
    RecursiveOpt,
    RulesOpt,
    SensitivityOpt,
    Shell,
    SvgOpt,
    TableOrJson,
    TargetOpt,
    WidthOpt,
    ZoomOpt,
    choice,
    format_option,
    number,
)
from careercap.errors import Invalid, UsageError, shown_path

P = ParamSpec("P")

if TYPE_CHECKING:
    from collections.abc import Sequence

    from careercap.core.plan.problem import Maximised
    from careercap.reading.files import Source
    from careercap.reading.profiles import Loaded
    from careercap.run.pipeline import Wanted

COMMANDS: dict[str, Callable[..., None]] = {}
"""Every command, by its name, in the order `--help` lists them."""


def command(name: str | None = None) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """Register a command (named as its function, unless `name` says), its errors ending as
    careercap's (`guarded`)."""

    def register(function: Callable[P, None]) -> Callable[P, None]:
        named = name or function.__name__
        COMMANDS[named] = guarded(function, named)
        return function

    return register


def make_app(only: str | None = None) -> typer.Typer:
    """The command line: every command, or only the one named (building every command's
    options takes longer than most runs of one)."""
    made = typer.Typer(
        name="careercap",
        cls=CareercapGroup,
        help=(
            "Project what a skill profile is worth: income trajectories under the micro-specialization rules."
            "\n\nExample: careercap project profiles/data-engineer.yaml"
        ),
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        add_completion=False,  # careercap's own options below take the shell by name
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    made.callback()(_main)
    for name, function in COMMANDS.items():
        if only is None or name == only:
            made.command(name, cls=CareercapCommand)(function)
    return made


def _version(value: bool) -> None:
    if value:
        typer.echo(f"careercap {__version__}")
        raise typer.Exit()


def _show_completion(shell: Shell | None) -> None:
    """Print the completion script of the shell named (not of the shell careercap runs
    in: a bash session may be writing zsh's setup)."""
    if shell is not None:
        from typer.completion import get_completion_script  # type: ignore[attr-defined]  # re-exported, not in __all__

        script = get_completion_script(prog_name="careercap", complete_var=COMPLETE, shell=shell.value)
        typer.echo(_autoloadable(script) if shell is Shell.zsh else script)
        raise typer.Exit()


_ZSH_REGISTER = "compdef _careercap_completion careercap"
_ZSH_EITHER_WAY = """\
if [[ "${funcstack[1]}" = "_careercap" ]]; then
  _careercap_completion "$@"  # autoloaded from the fpath by the first TAB: complete it now
else
  compdef _careercap_completion careercap  # sourced: register for the next TAB
fi"""


def _autoloadable(script: str) -> str:
    """zsh's script, working both as a file `_careercap` on the fpath, which the first TAB
    of a new shell loads and runs as the function `_careercap`, and sourced: as Typer writes
    it, loading it only registered the completion, and the first TAB completed nothing."""
    return script.replace(_ZSH_REGISTER, _ZSH_EITHER_WAY) if _ZSH_REGISTER in script else script


def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    show_completion: Annotated[
        Shell | None,
        typer.Option(
            "--show-completion",
            metavar="SHELL",
            parser=choice(Shell),
            callback=_show_completion,
            is_eager=True,
            help="Print the completion script of SHELL (bash, zsh, fish, powershell, pwsh).",
        ),
    ] = None,
) -> None:
    """The options that come before a command (the app's help text is set above)."""


def _waiting_for_a_terminal(paths: list[str]) -> None:
    """`careercap project -` typed at a terminal waits for the profile to be typed: say so."""
    if "-" in paths and sys.stdin.isatty():
        say("careercap: reading a profile from the terminal; end it with Ctrl-D")


def _name(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _inputs(sources: Sequence[Source], rules_file: Path | None) -> list[Source]:
    """What a command reads: its sources, and the rules file if one is named."""
    from careercap.run.files import inputs_of

    return inputs_of(sources, _name(rules_file))


@command()
def project(
    profiles: ProfilesArg,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = None,
    baseline_growth: GrowthOpt = None,
    inflation: InflationOpt = None,
    discount_rate: DiscountRateOpt = None,
    output_format: Annotated[
        Format | None,
        format_option(
            Format,
            "table for people; json, jsonl or csv for programs. Default: by --output's extension.",
            show_default=False,
        ),
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="One row per profile instead of one per year.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically) instead of standard output (- is standard output).",
        ),
    ] = None,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first invalid profile; write no --output file.")
    ] = False,
    recursive: RecursiveOpt = False,
    jobs: JobsOpt = "auto",
    input_format: InputFormatOpt = None,
    with_sensitivity: SensitivityOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
    width: WidthOpt = None,
    rules_file: RulesOpt = None,
    csv_guard: Annotated[
        CsvGuard,
        typer.Option(
            "--csv-guard",
            parser=choice(CsvGuard),
            metavar="always|never",
            help="Start CSV text that a spreadsheet would run as a formula with ' (always), or keep "
            "the data as written, for pipelines (never).",
        ),
    ] = CsvGuard.always,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Say no warnings on standard error; errors still.")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Say every warning of every profile, rather than the years beyond the evidence as one "
            "line for the run.",
        ),
    ] = False,
) -> None:
    """Project each profile's income year by year, with the rules that apply.

    Profiles stream through: csv, jsonl and json output begin at once, and an invalid
    profile is reported while the others are still projected.

    Example: careercap project profiles/ --format csv -o cohort.csv
    """
    from careercap.cli.output import Pictures
    from careercap.run.files import STDOUT, format_of
    from careercap.run.pipeline import Overrides
    from careercap.run.project import project_many

    if quiet and verbose:
        raise UsageError("--quiet and --verbose ask for opposite things; give one", "quiet")
    target = _name(output)
    chosen = format_of(None if output_format is None else output_format.value, target)
    pictures = Pictures(_name(svg), _name(html), chosen, width)
    on_screen = target in (None, STDOUT)
    for option, picture in (("svg", svg), ("html", html)):
        if on_screen and _name(picture) == STDOUT:
            raise UsageError(
                f"the table goes to standard output: write it with -o FILE to send --{option} there", option
            )
    _waiting_for_a_terminal(profiles)
    # What is loaded by now lives until the process ends: keep the garbage collector from
    # scanning it again and again while thousands of profiles stream through (~10 % faster).
    gc.freeze()
    errors = project_many(
        profiles,
        output=target,
        output_format=chosen,
        summary=summary,
        recursive=recursive,
        jobs="auto" if jobs == "auto" else int(jobs),
        rules_file=_name(rules_file),
        overrides=Overrides(as_of, horizon, baseline_growth, inflation, discount_rate),
        sensitivity=with_sensitivity,
        fail_fast=fail_fast,
        report=report_lines,
        warnings="none" if quiet else "all" if verbose else "summed",
        csv_guard=csv_guard is CsvGuard.always,
        consoles=lambda stream: pictures.consoles(None if on_screen else stream),
        also_written={"svg": _name(svg), "html": _name(html)},
        input_format=input_format,
    )
    pictures.save("careercap project")
    if errors:
        raise Invalid


@command()
def compare(
    profiles: ProfileFilesArg,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = None,
    baseline_growth: GrowthOpt = None,
    inflation: InflationOpt = None,
    discount_rate: DiscountRateOpt = None,
    output_format: Annotated[
        TableOrJson,
        format_option(TableOrJson, "table for people, json for programs."),
    ] = TableOrJson.table,
    with_sensitivity: SensitivityOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
    width: WidthOpt = None,
    rules_file: RulesOpt = None,
) -> None:
    """Compare profiles side by side, year by year, and say which rule makes the difference.

    Differences are against the first profile. Every document of every file takes part.

    Example: careercap compare now.yaml with-plan.yaml
    """
    from careercap.cli.output import Pictures
    from careercap.run import pipeline
    from careercap.run.files import refuse_overwriting
    from careercap.run.writers import Spool, write_json

    pictures = Pictures(_name(svg), _name(html), output_format.value, width)
    outputs = {"svg": _name(svg), "html": _name(html)}
    for option, named in outputs.items():
        if named == "-":
            raise UsageError(f"the table goes to standard output: give --{option} a file", option)
    refuse_overwriting(outputs, _inputs(profiles, rules_file), standard_output=True)
    rules = pipeline.rules_from(_name(rules_file))
    overrides = pipeline.Overrides(as_of, horizon, baseline_growth, inflation, discount_rate)
    _waiting_for_a_terminal(profiles)
    basis = pipeline.basis_of(rules, _name(rules_file))
    if output_format is TableOrJson.json:
        from careercap.render.export import compare_document

        with Spool() as spool:  # each profile's JSON waits on disk: 100,000 fit in little memory
            comparison = pipeline.compare_profiles(
                profiles, rules, overrides, report, with_sensitivity, keep=spool.keep
            )
            write_json(compare_document(comparison, spool.profiles(), rules, basis))
    else:
        from careercap.render.table import comparison_view

        comparison = pipeline.compare_profiles(profiles, rules, overrides, report, with_sensitivity)
        pictures.show(comparison_view(comparison, basis), "careercap compare")


@command()
def plan(
    profile_path: Annotated[
        str,
        typer.Argument(
            metavar="PROFILE", help="One profile file, or '-' for standard input.", show_default=False
        ),
    ],
    target: TargetOpt = None,
    by: ByOpt = None,
    max_events: MaxEventsOpt = 4,
    catalogue: CatalogueOpt = None,
    maximise: MaximiseOpt = None,
    budget: BudgetOpt = None,
    max_hours: MaxHoursOpt = None,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = None,
    baseline_growth: GrowthOpt = None,
    discount_rate: DiscountRateOpt = None,
    output_format: Annotated[
        PlanFormat,
        format_option(PlanFormat, "table for people; json; yaml for the snippet alone."),
    ] = PlanFormat.table,
    apply: Annotated[
        bool,
        typer.Option(
            "--apply",
            help="Write the plan into PROFILE itself (atomically), keeping its comments and layout.",
        ),
    ] = False,
    apply_to: Annotated[
        Path | None,
        typer.Option(
            "--apply-to",
            metavar="FILE",
            help="Write the profile with the plan merged in to FILE instead (- for standard output), "
            "leaving PROFILE as it is.",
        ),
    ] = None,
    rules_file: RulesOpt = None,
) -> None:
    """Find the learning plan that keeps every year out of static with the fewest events.

    With --target (and --by), the plan must also reach that income (by that year), at the
    least learning cost. With --maximise net-gain, it is the plan with the largest net
    learning gain instead, static years or not; with --maximise npv, the largest net present
    value at the discount rate (--discount-rate, or the profile's). --catalogue names the
    certifications and skills to choose from, with their costs; --budget and --max-hours
    limit what the additions spend. Ties go to fewer events, then the earliest years. The
    search is exact. --apply writes the plan into the profile.

    Example: careercap plan profiles/finance-clerk.yaml --catalogue profiles/catalogues/finance.yaml
    """
    from careercap.cli.output import show, terminal_width
    from careercap.render import plan as shown
    from careercap.run import pipeline
    from careercap.run.files import write_text
    from careercap.run.writers import write_json

    wanted = _wanted(target, by, max_events, catalogue, maximise, budget, max_hours)
    applied = _applied_to(profile_path, apply, _name(apply_to), output_format, rules_file, catalogue)
    rules = pipeline.rules_from(_name(rules_file))
    overrides = pipeline.Overrides(as_of, horizon, baseline_growth, discount_rate=discount_rate)
    _waiting_for_a_terminal([profile_path])
    planned = pipeline.plan_profile(profile_path, rules, overrides, report, wanted)
    if applied is not None:
        from careercap.run.apply import apply_plan

        said = apply_plan(planned.plan, profile_path, applied)
        if said is not None:
            say(said)
        if applied == "-":
            return
    if output_format is PlanFormat.json:
        from careercap.render.export import plan_document

        basis = pipeline.basis_of(rules, _name(rules_file))
        write_json(plan_document(planned.plan, planned.baseline, planned.planned, rules, basis))
    elif output_format is PlanFormat.yaml:
        write_text(shown.plan_snippet(planned.plan))
    else:
        basis = pipeline.basis_of(rules, _name(rules_file))
        write_text(
            shown.plan_text(
                planned.plan, planned.baseline.source, basis, terminal_width(), planned.planned.learning
            )
        )
        if planned.comparison is not None:
            from careercap.render.table import comparison_years

            results = [planned.baseline, planned.planned]
            show(comparison_years(planned.comparison, results, ["without the plan", "with the plan"]))


def _wanted(
    target: float | None,
    by: int | None,
    max_events: int,
    catalogue: Path | None,
    maximise: Maximise | None,
    budget: float | None,
    max_hours: float | None,
) -> Wanted:
    """What the plan options ask of a plan."""
    from careercap.run import pipeline

    if by is not None and target is None:
        raise UsageError("--by goes with --target", "by")
    most: Maximised | None = None if maximise is None else maximise.value
    return pipeline.Wanted(target, by, max_events, _name(catalogue), most, budget, max_hours)


def _applied_to(
    profile: str,
    apply: bool,
    apply_to: str | None,
    output_format: PlanFormat,
    rules_file: Path | None,
    catalogue: Path | None,
) -> str | None:
    """Where --apply (the profile itself, on purpose) or --apply-to writes the profile with
    its plan, checked before any work is done; None for neither."""
    from careercap.run.files import STDOUT, check_target, refuse_overwriting

    if apply and apply_to is not None:
        raise UsageError("give --apply (into PROFILE) or --apply-to FILE, not both", "apply_to")
    if not apply and apply_to is None:
        return None
    if profile == STDOUT and apply:
        raise UsageError("standard input cannot be written back: give --apply-to FILE", "apply")
    if Path(profile).suffix.lower() in (".jsonl", ".ndjson"):
        raise UsageError(f"{profile}: --apply writes YAML profiles, not JSON Lines", "apply")
    if apply_to == STDOUT and output_format is not PlanFormat.table:
        raise UsageError("--apply-to - prints the profile: give no --format with it", "apply_to")
    if apply_to is None:
        check_target(profile, "apply")
        return profile
    others = [source for source in (_name(rules_file), _name(catalogue), profile) if source is not None]
    refuse_overwriting({"apply_to": apply_to}, others)
    check_target(apply_to, "apply_to")
    return apply_to


def _chart_libraries() -> None:
    """Exit 2, with the one command that installs them, when the chart libraries are not
    installed."""
    from careercap.render.chart import INSTALL, missing

    absent = missing()
    if absent:
        raise UsageError(f"charts need {' and '.join(absent)}, not installed here; install with: {INSTALL}")


@command()
def chart(
    profiles: ProfileFilesArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=(
                "Draw into FILE: .svg, .png or .pdf (written atomically); - for standard output "
                "(a pipe, for PNG and PDF). Default: the terminal."
            ),
        ),
    ] = None,
    file_format: Annotated[
        ChartFormat | None,
        format_option(
            ChartFormat,
            "The file's kind. Default: by --output's extension; SVG for -o -.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = None,
    baseline_growth: GrowthOpt = None,
    inflation: InflationOpt = None,
    discount_rate: DiscountRateOpt = None,
    with_sensitivity: SensitivityOpt = False,
    with_plan: Annotated[
        bool,
        typer.Option(
            "--plan",
            help="Add the trajectory with the plan `careercap plan` finds (one profile), with the options "
            "below as plan takes them.",
        ),
    ] = False,
    income_target: TargetOpt = None,
    by: ByOpt = None,
    max_events: MaxEventsOpt = 4,
    catalogue: CatalogueOpt = None,
    maximise: MaximiseOpt = None,
    budget: BudgetOpt = None,
    max_hours: MaxHoursOpt = None,
    zoom: ZoomOpt = False,
    rules_file: RulesOpt = None,
) -> None:
    """Draw income by year: in the terminal, or into an SVG, PNG or PDF file.

    One profile: its trajectory and its static peer, the career capital between them, and
    its planned learning marked. Several: a line each. Years past what the findings cover
    are marked. Needs the charts extra: pip install 'careercap[charts]'.

    Example: careercap chart profiles/freelancer.yaml -o freelancer.svg
    """
    from careercap.cli.output import terminal_width
    from careercap.run import pipeline
    from careercap.run.files import STDOUT, refuse_overwriting, write_bytes, write_text

    target = _name(output)
    kind = None if file_format is None else file_format.value
    if target is None and kind is not None:
        raise UsageError("--format draws into a file: give -o FILE, or -o - for standard output", "format")
    if target is not None and kind is None:
        from careercap.render.chart import FILE_KINDS

        kind = "svg" if target == STDOUT else FILE_KINDS.get(Path(target).suffix.lower())
        if kind is None:
            raise UsageError(f"{target}: a chart file ends in .svg, .png or .pdf, or give --format", "output")
    wanted = _wanted(income_target, by, max_events, catalogue, maximise, budget, max_hours)
    if not with_plan and wanted != pipeline.Wanted():
        raise UsageError("the plan options draw a plan: give --plan too", "plan")
    extra = [] if catalogue is None else [catalogue]
    refuse_overwriting({"output": target}, [*_inputs(profiles, rules_file), *map(str, extra)])
    _chart_libraries()
    rules = pipeline.rules_from(_name(rules_file))
    overrides = pipeline.Overrides(as_of, horizon, baseline_growth, inflation, discount_rate)
    _waiting_for_a_terminal(profiles)
    charted = pipeline.chart_profiles(
        profiles,
        rules,
        overrides,
        report,
        with_sensitivity=with_sensitivity,
        with_plan=wanted if with_plan else None,
    )
    from careercap.core.comparison import Entries
    from careercap.render.chart import chart_of, file_chart, terminal_chart
    from careercap.render.text import labels

    names = labels(Entries(charted.results))
    drawn = chart_of(charted.results, names, plan=charted.planned)
    if target is None or kind is None:
        from careercap.cli.boundary import console

        write_text(terminal_chart(drawn, terminal_width(), console().color_system is not None, zoom))
    else:
        from careercap import __version__

        drawn_file = file_chart(drawn, kind, __version__, zoom)
        report(drawn_file.warnings)
        write_bytes(drawn_file.data, target, binary=kind != "svg")


@command("report")
def report_command(
    profiles: ProfileFilesArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.html",
            help="The page to write (atomically), or - for standard output.",
            show_default=False,
        ),
    ],
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = None,
    baseline_growth: GrowthOpt = None,
    inflation: InflationOpt = None,
    discount_rate: DiscountRateOpt = None,
    with_sensitivity: SensitivityOpt = False,
    zoom: ZoomOpt = False,
    rules_file: RulesOpt = None,
) -> None:
    """Write one self-contained HTML page to share or print.

    The chart, each profile's trajectory, summary and learning (several profiles compared
    first), and the rules with their evidence. It fetches nothing when opened. Needs the
    charts extra: pip install 'careercap[charts]'.

    Example: careercap report profiles/finance-clerk-with-plan.yaml -o report.html
    """
    from careercap.run import pipeline
    from careercap.run.files import refuse_overwriting, write_text

    target = str(output)
    if target != "-" and Path(target).suffix.lower() not in (".html", ".htm"):
        raise UsageError(
            f"{target}: a report is an HTML page; name it FILE.html, or - for standard output", "output"
        )
    refuse_overwriting({"output": target}, _inputs(profiles, rules_file))
    _chart_libraries()
    rules = pipeline.rules_from(_name(rules_file))
    overrides = pipeline.Overrides(as_of, horizon, baseline_growth, inflation, discount_rate)
    _waiting_for_a_terminal(profiles)
    charted = pipeline.chart_profiles(profiles, rules, overrides, report, with_sensitivity=with_sensitivity)
    from careercap import __version__
    from careercap.core.comparison import Entries
    from careercap.render.chart import caption, chart_of, file_chart
    from careercap.render.report import report_page
    from careercap.render.text import labels

    names = labels(Entries(charted.results))
    chart = chart_of(charted.results, names)
    drawn = file_chart(chart, "svg", __version__, zoom)
    report(drawn.warnings)
    svg = drawn.data.decode("utf-8")
    basis = pipeline.basis_of(rules, _name(rules_file))
    write_text(report_page(charted.results, names, svg, rules, basis, __version__, caption(chart)), target)


@command("import")
def import_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE",
            help="A LinkedIn data export (the ZIP or its folder), a JSON Resume, Open Badges "
            "(a file each, an array, or a folder of them); - reads standard input.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the profile to FILE instead of standard output."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
    income: Annotated[
        float | None,
        typer.Option(
            "--income", parser=number(0.01, 1e12), metavar="N", help="The yearly income to project from."
        ),
    ] = None,
    currency: Annotated[
        str | None, typer.Option("--currency", metavar="C", help="ISO 4217 code, such as EUR.")
    ] = None,
    as_of: AsOfOpt = None,
    employment: Annotated[
        Employment,
        typer.Option(
            "--employment", parser=choice(Employment), metavar="employee|freelancer", help="Employment."
        ),
    ] = Employment.employee,
    name: Annotated[str | None, typer.Option("--name", metavar="TEXT", help="Whose profile it is.")] = None,
    baseline_growth: GrowthOpt = None,
) -> None:
    """Write a profile from what a person already keeps: LinkedIn, JSON Resume, Open Badges.

    Sources are recognised by their content and merged: each certification and skill
    once, with a comment saying where it came from. What no source holds (income,
    currency, employment) comes from the options; without --income the profile is still
    written, with income to fill in. ZIPs are read in memory, and URLs are never fetched.

    Example: careercap import Complete_LinkedInDataExport.zip badge.json --income 61000 -o me.yaml
    """
    from careercap.render.imported import Given, profile_text
    from careercap.run import pipeline
    from careercap.run.files import check_target, refuse_overwriting, write_text

    if currency is not None and not re.fullmatch(r"[A-Z]{3}", currency):
        raise UsageError(
            f"{currency!r} is not an ISO 4217 code such as EUR (three capital letters)", "currency"
        )
    target = _name(output)
    if target is not None:
        check_target(target, replace=force)
        refuse_overwriting({"output": target}, sources)
    _waiting_for_a_terminal(sources)
    gathered = pipeline.import_sources(sources, report)
    given = Given(name, income, currency, as_of, employment.value, baseline_growth)
    labels = [
        "standard input"
        if source == "-"
        else shown_path(os.path.basename(os.path.normpath(source)) or source)
        for source in sources
    ]
    write_text(profile_text(gathered.imported, labels, given, gathered.name, gathered.position), target)
    if income is None:
        where = f"'income:' in {target}" if target not in (None, "-") else "'income:'"
        say(f"careercap import: note: no source gives an income; fill in {where} before projecting")


@command("rules")
def rules_command(
    output_format: Annotated[
        TableOrJson,
        format_option(TableOrJson, "table for people, json for programs."),
    ] = TableOrJson.table,
    rules_file: RulesOpt = None,
) -> None:
    """Show the rules: parameters, findings, sources, readings and evidence.

    Each rule comes with the finding it rests on, the source as the article names it, how
    careercap reads it, and how strong the evidence is. With --rules, the rules in force.

    Example: careercap rules --rules cautious.yaml
    """
    from careercap.cli.output import show
    from careercap.run import pipeline
    from careercap.run.writers import write_json

    rules = pipeline.rules_from(_name(rules_file))
    if output_format is TableOrJson.json:
        from careercap.render.export import rules_document

        write_json(rules_document(rules))
    else:
        from careercap.render.table import rules_view

        show(rules_view(rules, _name(rules_file)))


@command()
def explain(
    profiles: ProfileFilesArg,
    as_of: AsOfOpt = None,
    horizon: HorizonOpt = None,
    baseline_growth: GrowthOpt = None,
    discount_rate: DiscountRateOpt = None,
    rules_file: RulesOpt = None,
) -> None:
    """Say year by year why each rule fired or did not, and what is within reach.

    Example: careercap explain profiles/data-engineer.yaml
    """
    from careercap.cli.output import terminal_width
    from careercap.render.text import basis_line, explanation_lines, wrapped
    from careercap.run import pipeline
    from careercap.run.files import write_lines

    sources = pipeline.sources_of(profiles, directories=False)
    rules = pipeline.rules_from(_name(rules_file))
    overrides = pipeline.Overrides(as_of, horizon, baseline_growth, discount_rate=discount_rate)
    _waiting_for_a_terminal(profiles)
    explained = pipeline.explain_sources(sources, rules, overrides, report)
    for index, (result, explanation) in enumerate(explained):
        lines = explanation_lines(explanation, result.source)
        write_lines(([""] if index else []) + wrapped(lines, terminal_width()))
    named = basis_line(pipeline.basis_of(rules, _name(rules_file)))
    if named is not None:
        write_lines(["", *wrapped([named], terminal_width())])


@command()
def validate(
    profiles: ProfilesArg,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List what was checked.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    output_format: Annotated[
        TableOrJson,
        format_option(TableOrJson, "table (lines for people) or json for editors."),
    ] = TableOrJson.table,
    recursive: RecursiveOpt = False,
    jobs: JobsOpt = "auto",
    input_format: InputFormatOpt = None,
) -> None:
    """Check profiles without projecting them: silent when all is well.

    Each problem is a FILE:LINE:COLUMN line on standard error; warnings (a repeated
    skill, a renewed certification) fail only with --strict.

    Example: careercap validate profiles/ --strict
    """
    from careercap.render import text
    from careercap.run import pipeline
    from careercap.run.files import write_lines
    from careercap.run.workers import InputGate, flush_standard_streams, jobs_from, run
    from careercap.run.writers import share_size, write_json

    as_lines = output_format is TableOrJson.table
    sources = pipeline.sources_of(profiles, recursive=recursive)
    report(pipeline.empty_directories(profiles, sources))
    _waiting_for_a_terminal(profiles)

    def each(loaded: Loaded) -> None:
        if as_lines:
            report(loaded.errors + loaded.warnings)
            if verbose and loaded.profile is not None:
                write_lines([text.valid_line(loaded.source, loaded.document, loaded.profile.name)])

    tally = pipeline.Tally(each)
    gate = InputGate(sys.stdin.buffer)
    run(
        pipeline.shares(sources, cast(BinaryIO, gate), input_format),
        pipeline.check_shares,
        tally.add,
        jobs_from(jobs),
        size=share_size,
        before_fork=flush_standard_streams,
        gate=gate,
    )
    checked = tally.checked(len(sources))
    failed = checked.failed(strict)
    if not as_lines:
        from careercap.render.export import validate_document

        write_json(validate_document(checked.profiles, checked.errors, checked.warnings, valid=not failed))
    elif verbose:
        write_lines([text.validation_line(checked.profiles, checked.sources, failed)])
    if failed:
        raise Invalid


@command()
def schema(
    document: Annotated[
        Document,
        typer.Option(
            "--for",
            parser=choice(Document),
            metavar="|".join(Document),
            help=(
                "The document: a profile, a rules file or a catalogue (what careercap reads), or the JSON "
                "that project, compare, plan, validate or rules (rules-output) print; projection is one "
                "line of project --format jsonl."
            ),
        ),
    ] = Document.profile,
) -> None:
    """Print a JSON Schema: of a profile (for editors that check YAML as it is typed), of
    a rules file or a catalogue, or of the JSON a command prints (for the scripts that read it).

    Example: careercap schema > careercap.schema.json
    """
    from careercap.render.schema import SCHEMAS
    from careercap.run.writers import write_json

    write_json(SCHEMAS[document.value]())


@command()
def init(
    path: Annotated[
        str,
        typer.Argument(metavar="FILE", help="Where to write the profile; '-' prints it.", show_default=True),
    ] = "profile.yaml",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter profile, valid as written, to fill in.

    Example: careercap init me.yaml
    """
    import datetime as dt

    from careercap.render.starter import starter_profile
    from careercap.run.files import write_text

    text = starter_profile(dt.date.today().year, "profile.yaml" if path == "-" else shown_path(path))
    if path == "-":
        write_text(text)
        return
    write_text(text, path, "path", replace=force)
    say(f"wrote {path}; fill it in, then run: careercap project {path}")


app = make_app()
"""Every command, as tests and documentation tools take it (`typer.main.get_command(app)`)."""
