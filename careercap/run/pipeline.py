"""The one path every command takes: paths and options -> loaded documents -> results.

Each function here is what one command asks of careercap, in the command's own terms;
problems in the input are handed to `report` as they arise (the command line prints
them), and a run with an invalid profile ends in `Invalid` once everything it can do
is done.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, TypeVar

from careercap.core.cautions import caution_count, cautions
from careercap.core.engine import OutOfRange, Projection, project
from careercap.core.fields import quoted
from careercap.core.profile import Profile
from careercap.core.result import Result, result_of
from careercap.core.returns import learning_return
from careercap.core.rules import Basis, Rules, basis
from careercap.core.sensitivity import sensitivity
from careercap.errors import CareercapError, Diagnostic, InputError, Invalid, Location, UsageError, shown_path
from careercap.reading.documents import Document
from careercap.reading.files import STDIN, Source, expand, reading_format
from careercap.reading.profiles import Loaded, documents, error_at, load, validated
from careercap.reading.rules import default_rules, rules_file

if TYPE_CHECKING:  # what only some commands need is imported where they need it
    from careercap.core.catalogue import Catalogue
    from careercap.core.comparison import Comparison
    from careercap.core.explain import Explanation
    from careercap.core.imported import Found, Imported
    from careercap.core.plan import Plan
    from careercap.core.plan.problem import Maximised

Report = Callable[[Sequence[Diagnostic]], None]
Kept = TypeVar("Kept")


class Overrides(NamedTuple):
    """Values given on the command line; each replaces the profile's own when set."""

    as_of: int | None = None
    horizon: int | None = None
    baseline_growth: float | None = None
    inflation: float | None = None
    discount_rate: float | None = None

    def apply(self, profile: Profile) -> Profile:
        if self == _NO_OVERRIDES:  # the usual case, once a profile
            return profile
        update = {name: value for name, value in self._asdict().items() if value is not None}
        return profile.model_copy(update=update)


_NO_OVERRIDES = Overrides()


class Outcome(NamedTuple):
    """One document's outcome: its result, or (in `loaded`) why there is none. The last
    `shared` of its warnings are cautions that many profiles of a run may share (years
    beyond the evidence), which a batch may sum up in one line; unless they are `unsaid`:
    counted, but left out of the warnings (`warnings_of` gives them all)."""

    loaded: Loaded
    result: Result | None
    shared: int = 0
    unsaid: bool = False


def warnings_of(outcome: Outcome) -> tuple[Diagnostic, ...]:
    """Every warning of the outcome, its cautions last, whether or not they were said."""
    if not outcome.unsaid or outcome.result is None:
        return outcome.loaded.warnings
    return outcome.loaded.warnings + _cautions_at(outcome.loaded, outcome.result.projection)


def rules_from(path: str | None) -> Rules:
    """The defaults, or the defaults with the user's rules file laid over them."""
    if path is None:
        return default_rules()
    try:
        return rules_file(path)
    except InputError as exc:
        raise exc.about("rules") from None


def catalogue_from(path: str | None, report: Report) -> Catalogue | None:
    """The catalogue file's options, if one is given; its warnings go to `report`."""
    if path is None:
        return None
    from careercap.reading.catalogue import read_catalogue_file

    try:
        read = read_catalogue_file(path)
    except InputError as exc:
        raise exc.about("catalogue") from None
    report(read.warnings)
    return read.catalogue


def basis_of(rules: Rules, path: str | None) -> Basis:
    """What figures computed with `rules` (read from `path`, if any) rest on."""
    return basis(rules, default_rules(), None if path is None else shown_path(path))


def sources_of(paths: list[str], *, recursive: bool = False, directories: bool = True) -> list[Source]:
    """The files to read (what cannot be read inside a directory in its place, as data).
    A named path that is missing or unreadable is a usage error, before any output; so is
    a directory, without `directories`."""
    if not directories:
        for path in paths:
            if os.path.isdir(path):
                raise InputError(f"{path}: is a directory; give profile files", "profiles")
    try:
        return expand(paths, recursive=recursive)
    except InputError as exc:
        raise exc.about("profiles") from None


def empty_directories(paths: list[str], sources: list[Source]) -> list[Diagnostic]:
    """A warning for each directory named that holds no profile."""
    files = [source for source in sources if isinstance(source, str)]
    return [
        Diagnostic(Location(shown_path(path)), "no *.yaml, *.yml, *.jsonl or *.ndjson files here", "warning")
        for path in paths
        if os.path.isdir(path) and not any(_inside(source, path) for source in files)
    ]


def _inside(source: str, directory: str) -> bool:
    return source.startswith(directory.rstrip(os.sep) + os.sep)


def _loaded(sources: Iterable[Source]) -> Iterator[Loaded]:
    """Every document of every source; a path that could not be read is one error (or,
    skipped, one warning) in its place."""
    for source in sources:
        if isinstance(source, str):
            yield from load(source)
        else:
            problem = (source,)
            is_error = source.severity == "error"
            yield Loaded(
                source.where.source, 0, None, problem if is_error else (), () if is_error else problem
            )


def _where(loaded: Loaded) -> Location:
    """Where a document starts: what a problem with the whole profile names."""
    return Location(loaded.source, loaded.line, None if loaded.line is None else 1, loaded.document)


def _out_of_range(loaded: Loaded, exc: OutOfRange) -> Diagnostic:
    """The error of a profile that these rules cannot project: at the career event that
    took its income out of range, where one did; else where its document begins."""
    if exc.path and loaded.origin is not None:
        return error_at(loaded.origin, exc.path, str(exc))
    return Diagnostic(_where(loaded), str(exc))


def _cautions_at(loaded: Loaded, projection: Projection) -> tuple[Diagnostic, ...]:
    """The projection's cautions, as warnings about the whole document."""
    where = _where(loaded)
    return tuple(Diagnostic(where, note, "warning") for note in cautions(projection))


def _with_cautions(loaded: Loaded, projection: Projection) -> tuple[Loaded, int]:
    """The document with the projection's cautions last among its warnings, and how many
    there are; as it was (the usual case in a cohort) when there are none."""
    if not caution_count(projection):
        return loaded, 0
    said = _cautions_at(loaded, projection)
    return loaded._replace(warnings=loaded.warnings + said), len(said)


def project_sources(
    sources: Iterable[Source],
    *,
    rules: Rules,
    overrides: Overrides,
    with_sensitivity: bool = False,
    with_totals: bool = True,
) -> Iterator[Outcome]:
    """Project every document of every source, in order; bad documents come back with errors.
    With `with_sensitivity`, each result comes with its tornado and band; without
    `with_totals`, without what only totals show (see `project_loaded`)."""
    for loaded in _loaded(sources):
        yield project_loaded(
            loaded,
            rules=rules,
            overrides=overrides,
            with_sensitivity=with_sensitivity,
            with_totals=with_totals,
        )


def project_loaded(
    loaded: Loaded,
    *,
    rules: Rules,
    overrides: Overrides,
    with_sensitivity: bool = False,
    with_totals: bool = True,
    with_cautions: bool = True,
) -> Outcome:
    """One loaded document's outcome, as `project_sources` gives it. Without
    `with_totals`, it leaves out what only totals show, which an output of a row a year
    need not pay for: the return on planned learning (a second projection), present
    values, and money in as_of-year money unless `--inflation` asks for it in every
    output. Without `with_cautions`, its cautions are counted but left unsaid: words that
    an output which only sums them up need not pay for, in a cohort where most profiles
    have them."""
    if loaded.profile is None:
        return Outcome(loaded, None)
    profile = overrides.apply(loaded.profile)
    try:
        projection = project(profile, rules)
    except OutOfRange as exc:  # the profile is valid, but these rules cannot project it
        return Outcome(loaded._replace(profile=None, errors=(_out_of_range(loaded, exc),)), None)
    unknown: list[str] = []
    spread = None
    if with_sensitivity:
        try:
            spread = sensitivity(profile, rules)
        except OutOfRange as exc:  # an end of some range takes the income out of what is shown
            unknown.append(f"no sensitivity: at an end of the rules' ranges, {exc}")
    learning = learning_return(projection, rules) if with_totals else None
    if learning is not None and learning.unknown is not None:
        unknown.append(f"no learning gain: {learning.unknown}")
    if unknown:  # this profile's own, before the cautions it may share
        notes = tuple(Diagnostic(_where(loaded), note, "warning") for note in unknown)
        loaded = loaded._replace(warnings=loaded.warnings + notes)
    if with_cautions:
        loaded, shared = _with_cautions(loaded, projection)
    else:
        shared = caution_count(projection)
    result = result_of(
        loaded.source,
        loaded.document,
        projection,
        loaded.warnings,
        spread,
        learning,
        real=with_totals or overrides.inflation is not None,
        present=with_totals,
    )
    return Outcome(loaded, result, shared, unsaid=not with_cautions)


class SmallFile(NamedTuple):
    """A regular file small enough to be read whole by whichever process loads it, and
    its size (as far as it was known: 0 when it could not be looked at)."""

    path: str
    size: int


Share = SmallFile | Document | Loaded
"""A piece of the input that one process can load by itself: a small file, one document
of a larger file or a stream, or a problem found already."""

WHOLE_BELOW = 256 * 1024
"""A regular file smaller than this is read whole by whichever process loads it; a larger
one (or standard input) is cut into documents first, so that its documents can be shared."""


def shares(
    sources: Iterable[Source], stdin: BinaryIO | None = None, input_format: str | None = None
) -> Iterator[Share]:
    """The input of a run, in order, in pieces that can be loaded apart (`loaded_from`).
    JSON Lines are always cut into their lines here, a share each; `input_format` says how
    standard input and files named neither as YAML nor as JSON Lines are read."""
    for source in sources:
        if not isinstance(source, str):
            yield from _loaded((source,))
        elif (
            source != STDIN
            and reading_format(source, input_format) == "yaml"
            and (small := _small_file(source)) is not None
        ):
            yield small
        else:
            yield from documents(source, stdin, input_format)


def _small_file(path: str) -> SmallFile | None:
    try:
        status = os.stat(path)
    except OSError:
        return SmallFile(path, 0)  # it is read, and its error reported, as any file is
    if stat.S_ISREG(status.st_mode) and status.st_size < WHOLE_BELOW:
        return SmallFile(path, status.st_size)
    return None


def loaded_from(share: Share) -> Iterator[Loaded]:
    """What one share holds, validated."""
    if isinstance(share, SmallFile):
        return load(share.path)
    return validated((share,))


def every_one_valid(
    paths: list[str],
    rules: Rules,
    overrides: Overrides,
    report: Report,
    keep: Callable[[Result], Kept],
    with_sensitivity: bool = False,
) -> list[Kept]:
    """Every profile of the named files (not directories), projected: all or nothing. Each
    result is handed to `keep` as it comes, and what that returns is kept (so that a
    comparison of 100,000 profiles need not hold them). If one is invalid, every problem is
    reported and Invalid raised."""
    kept: list[Kept] = []
    invalid = False
    for outcome in project_sources(
        sources_of(paths, directories=False),
        rules=rules,
        overrides=overrides,
        with_sensitivity=with_sensitivity,
    ):
        report(outcome.loaded.errors + outcome.loaded.warnings)  # an empty document's warning too
        if outcome.loaded.empty:
            continue
        if outcome.result is None:
            invalid = True
        elif not invalid:
            kept.append(keep(outcome.result))
    if invalid:
        raise Invalid
    return kept


def _itself(result: Result) -> Result:
    return result


def compare_profiles(
    paths: list[str],
    rules: Rules,
    overrides: Overrides,
    report: Report,
    with_sensitivity: bool = False,
    keep: Callable[[Result], None] | None = None,
) -> Comparison:
    """`careercap compare`: every profile of the files, side by side. With `keep`, each
    result goes to it as it is projected, and the comparison holds only its entry (a JSON
    compare of 100,000 profiles); without, the comparison holds every result."""
    from careercap.core.comparison import Entries, compare

    if keep is None:
        results = every_one_valid(paths, rules, overrides, report, _itself, with_sensitivity)
        _at_least_two(len(results))
        return compare(results)
    entries = Entries()

    def lean(result: Result) -> None:
        keep(result)
        entries.append(result)

    every_one_valid(paths, rules, overrides, report, lean, with_sensitivity)
    _at_least_two(len(entries))
    return compare(entries)


def _at_least_two(found: int) -> None:
    if found < 2:
        raise UsageError(f"compare needs at least two profiles, and found {found}")


def explain_sources(
    sources: list[Source], rules: Rules, overrides: Overrides, report: Report
) -> Iterator[tuple[Result, Explanation]]:
    """`careercap explain`: each valid profile with why its years are as they are, as it
    comes; Invalid at the end if any was not valid."""
    from careercap.core.explain import explain

    invalid = False
    for outcome in project_sources(sources, rules=rules, overrides=overrides):
        report(outcome.loaded.errors + outcome.loaded.warnings)
        invalid = invalid or bool(outcome.loaded.errors)
        if outcome.result is not None:
            yield outcome.result, explain(outcome.result.projection, rules)
    if invalid:
        raise Invalid


class Planned(NamedTuple):
    """A plan for one profile: the profile's results without and with the plan, and, when
    the plan adds anything, their comparison."""

    plan: Plan
    baseline: Result
    planned: Result
    comparison: Comparison | None


class Wanted(NamedTuple):
    """What a plan must do and may spend: `careercap plan`'s options, which `chart --plan`
    shares."""

    target: float | None = None
    by: int | None = None
    max_events: int = 4
    catalogue: str | None = None  # a catalogue file's path
    maximise: Maximised | None = None
    budget: float | None = None
    max_hours: float | None = None


def _plan_for(found: Result, rules: Rules, wanted: Wanted, options: Catalogue | None) -> Plan:
    """The best plan for a profile's result (from the catalogue's `options`, if there is
    one); a usage error, at its option, for one that cannot be searched."""
    from careercap.core.plan import PlanError, find_plan

    try:
        return find_plan(
            found.projection.profile,
            rules,
            target=wanted.target,
            by=wanted.by,
            max_events=wanted.max_events,
            catalogue=options,
            maximise=wanted.maximise,
            budget=wanted.budget,
            max_hours=wanted.max_hours,
        )
    except PlanError as exc:
        raise UsageError(str(exc), exc.parameter) from None


def plan_profile(path: str, rules: Rules, overrides: Overrides, report: Report, wanted: Wanted) -> Planned:
    """`careercap plan`: the best plan for the one profile in `path` (from the options of
    the catalogue file `wanted.catalogue`, if given)."""
    from careercap.core.comparison import compare

    options = catalogue_from(wanted.catalogue, report)
    results = every_one_valid([path], rules, overrides, report, _itself)
    if len(results) != 1:
        raise UsageError(f"plan takes one profile, and {path} holds {len(results)}")
    found = results[0]
    plan = _plan_for(found, rules, wanted, options)
    baseline = _with_learning(found, plan.baseline, rules)
    planned = _with_learning(found, plan.projection, rules)
    return Planned(plan, baseline, planned, compare([baseline, planned]) if plan.additions else None)


def _with_learning(found: Result, projection: Projection, rules: Rules) -> Result:
    """The result of another projection of `found`'s profile (with a plan, or without),
    with the return on its planned learning."""
    return result_of(found.source, found.document, projection, learning=learning_return(projection, rules))


class Charted(NamedTuple):
    """What `careercap chart` draws: the profiles' results, and with --plan, the one
    profile's result with the plan `careercap plan` suggests (None when it adds nothing)."""

    results: list[Result]
    planned: Result | None
    plan: Plan | None


def chart_profiles(
    paths: list[str],
    rules: Rules,
    overrides: Overrides,
    report: Report,
    *,
    with_sensitivity: bool = False,
    with_plan: Wanted | None = None,
) -> Charted:
    """`careercap chart`: every profile of the files (all or nothing, in one currency,
    and, in as_of-year money, of one as_of); with `with_plan`, the one profile with the
    plan that does what it asks and without."""
    from careercap.core.comparison import Entries, one_currency

    options = None if with_plan is None else catalogue_from(with_plan.catalogue, report)
    results = every_one_valid(paths, rules, overrides, report, _itself, with_sensitivity)
    if not results:
        raise UsageError("the files hold no profile to draw", "profiles")
    if len(results) > 1:
        if with_plan is not None:
            raise UsageError("give one profile, to be drawn with its plan and without", "plan")
        one_currency(Entries(results))  # one axis of money: else a located error
        one_year_of_money(results)
    if with_plan is None:
        return Charted(results, None, None)
    found = results[0]
    plan = _plan_for(found, rules, with_plan, options)
    if not plan.additions:
        from careercap.render.plan import not_drawn

        report(
            [Diagnostic(Location(found.source, document=found.document), not_drawn(plan) or "", "warning")]
        )
        return Charted(results, None, plan)
    planned = _with_learning(found, plan.projection, rules)
    return Charted(results, planned, plan)


def one_year_of_money(results: Sequence[Result]) -> None:
    """In as_of-year money (every profile with an inflation rate), one axis holds one
    year's money: a located error at the first profile whose as_of differs."""
    if not all(result.real is not None for result in results):
        return
    first = results[0].projection.profile.as_of
    for result in results:
        as_of = result.projection.profile.as_of
        if as_of != first:
            raise CareercapError(
                Diagnostic(
                    Location(result.source),
                    f"as_of {as_of} differs from {first} of {results[0].source}: in as_of-year money "
                    f"that is two years' money on one axis; give --as-of {first} to draw every "
                    "profile from one year",
                )
            )


class Gathered(NamedTuple):
    """What `careercap import` found in its sources, merged."""

    imported: Imported
    name: str | None
    position: str | None


def import_sources(paths: list[str], report: Report) -> Gathered:
    """Every source read (all or nothing: the first that cannot be read is the error) and
    merged; what each skipped, and the certifications no source dates, are reported."""
    from careercap.core.imported import merge
    from careercap.reading.imports import read_source

    found: list[Found] = []
    name = position = None
    for path in paths:
        try:
            source = read_source(path)
        except InputError as exc:
            raise exc.about("sources") from None
        report(source.warnings)
        found += source.found
        name = name or _holdable(path, "name", source.name, report)
        position = position or _holdable(path, "latest position", source.position, report)
    imported = merge(found)
    report([Diagnostic(Location(left.origin), left.message, "warning") for left in imported.left])
    report(
        [
            Diagnostic(
                Location(item.origins[0]),
                f"certification {quoted(item.name)} has no date in any source; left out "
                "(add it with its 'earned:' date)",
                "warning",
            )
            for item in imported.undated
        ]
    )
    return Gathered(_within_limits(imported, paths, name, position, report), name, position)


def _holdable(path: str, what: str, text: str | None, report: Report) -> str | None:
    """The person's name or latest position as the source at `path` gives it; None, with a
    warning, when a profile cannot hold it as a name (nor, then, as a position's)."""
    from careercap.core.imported import name_problem

    problem = None if text is None else name_problem(text)
    if problem is None:
        return text
    report([Diagnostic(Location(path), f"{what} {quoted(text)} {problem}; left out", "warning")])
    return None


def _within_limits(
    imported: Imported, paths: list[str], name: str | None, position: str | None, report: Report
) -> Imported:
    """The certifications and skills, the first of them that the profile holds within the
    limits careercap reads a profile in; a warning says where the rest begins."""
    from careercap.reading.documents import MAX_DOCUMENT_CHARS
    from careercap.reading.yamlvalues import MAX_VALUES
    from careercap.render.imported import head_size, item_size

    chars, values = head_size(paths, name, position, imported.uncounted)
    items = imported.certifications + imported.skills
    for kept, item in enumerate(items):
        size = item_size(item)
        chars, values = chars + size.chars, values + size.values
        if chars > MAX_DOCUMENT_CHARS or values > MAX_VALUES:
            after = len(items) - kept - 1
            report(
                [
                    Diagnostic(
                        Location(item.origins[0]),
                        f"this {item.kind} and the {after:,} item{'s' if after != 1 else ''} after it are "
                        f"left out: a profile holds at most {MAX_VALUES:,} values and "
                        f"{MAX_DOCUMENT_CHARS // 1024:,} KiB",
                        "warning",
                    )
                ]
            )
            held = len(imported.certifications)
            return imported._replace(
                certifications=imported.certifications[:kept], skills=imported.skills[: max(0, kept - held)]
            )
    return imported


class Checked(NamedTuple):
    """What `careercap validate` found."""

    sources: int
    profiles: int  # documents checked (empty ones are not counted)
    errors: list[Diagnostic]
    warnings: list[Diagnostic]

    def failed(self, strict: bool) -> bool:
        """Whether the check fails: on any error, and with `strict` on any warning too."""
        return bool(self.errors) or (strict and bool(self.warnings))


class Tally:
    """What `careercap validate` has found so far: `add` each document as it is loaded
    (`each` sees it too)."""

    def __init__(self, each: Callable[[Loaded], None]) -> None:
        self.each = each
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.profiles = 0

    def add(self, found: Iterable[Loaded]) -> None:
        for loaded in found:
            self.each(loaded)
            self.errors += loaded.errors
            self.warnings += loaded.warnings
            if not loaded.empty:
                self.profiles += 1

    def checked(self, sources: int) -> Checked:
        return Checked(sources, self.profiles, self.errors, self.warnings)


def load_shares(chunk: list[Share]) -> list[Loaded]:
    """Every document of the shares, validated."""
    return [loaded for share in chunk for loaded in loaded_from(share)]


def check_shares(chunk: list[Share]) -> list[Loaded]:
    """Every document of the shares, validated, and refused where the shipped rules cannot
    project it (as `project` would refuse it): what `validate` accepts, every command shows.
    Its errors are located already, so no document's text goes back (workers send these)."""
    return [projectable(loaded, default_rules())._replace(origin=None) for loaded in load_shares(chunk)]


def projectable(loaded: Loaded, rules: Rules) -> Loaded:
    """The document, or its error when these rules take its income out of what is shown."""
    if loaded.profile is None:
        return loaded
    try:
        project(loaded.profile, rules)
    except OutOfRange as exc:
        return loaded._replace(profile=None, errors=(*loaded.errors, _out_of_range(loaded, exc)))
    return loaded
