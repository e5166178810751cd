"""`project` from end to end: profiles in, projections out in one format, streamed. The
command line's `careercap project` runs this, and so may any program
(`careercap.project_many`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, BinaryIO, TextIO, cast

from careercap.errors import Diagnostic, UsageError, lines
from careercap.reading.files import INPUT_FORMATS
from careercap.run import pipeline
from careercap.run.files import STDOUT, format_of, inputs_of, output_to, refuse_overwriting
from careercap.run.workers import MOST_JOBS, InputGate, jobs_from
from careercap.run.writers import Layout, write_projections

if TYPE_CHECKING:
    from rich.console import Console

FORMATS = ("table", "json", "jsonl", "csv")


def _plain_console(stream: TextIO) -> list[Console]:
    from rich.console import Console

    return [Console(file=stream, highlight=False, color_system=None, width=100)]


def project_many(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    output: str | os.PathLike[str] | TextIO | None = None,
    output_format: str | None = None,
    summary: bool = False,
    recursive: bool = False,
    jobs: int | str = 1,
    rules_file: str | None = None,
    overrides: pipeline.Overrides = pipeline.Overrides(),  # noqa: B008 - a NamedTuple, immutable
    sensitivity: bool = False,
    fail_fast: bool = False,
    report: Callable[[str], object] = sys.stderr.write,
    warnings: str = "summed",
    csv_guard: bool = True,
    consoles: Callable[[TextIO], list[Console]] = _plain_console,
    also_written: Mapping[str, str | None] | None = None,
    stdin: BinaryIO | None = None,
    input_format: str | None = None,
) -> list[Diagnostic]:
    """Project every profile of `paths` (files, folders, `-` for `stdin`) and write each
    projection as it comes, in `output_format` (table, json, jsonl or csv; by default as
    `output`'s extension says, else csv): to `output`, a file written atomically (a path)
    or a stream, else standard output. `jobs` is a count of processes or `auto`.
    `input_format` (`yaml` or `jsonl`) says how `stdin`, and files named neither `*.yaml`,
    `*.yml` nor `*.jsonl`, `*.ndjson`, are read; YAML by default.

    Problems go to `report` as the lines standard error shows, as they arise; the first
    error of each invalid profile is returned. With `fail_fast`, the first invalid profile
    raises `errors.Invalid` once reported. Options that cannot be honoured (an unknown
    format, an output that is also an input, a path that cannot be read) raise
    `errors.UsageError` before anything is read or written; `also_written` names other
    files the caller will write (`--svg`, `--html`), so that they are checked too.
    `warnings` is `summed` (a caution many profiles share is one line at the end), `all`
    or `none` (errors only). Without `csv_guard`, CSV text that a spreadsheet would run as
    a formula is written as it is, with no leading `'`."""
    named = (
        [os.fspath(paths)] if isinstance(paths, str | os.PathLike) else [os.fspath(each) for each in paths]
    )
    if isinstance(output, os.PathLike):
        output = os.fspath(output)
    if not (jobs == "auto" or (isinstance(jobs, int) and 1 <= jobs <= MOST_JOBS)):
        raise UsageError(
            f"jobs is a count of processes from 1 to {MOST_JOBS}, or 'auto'; not {jobs!r}", "jobs"
        )
    path = output if isinstance(output, str) else None
    chosen = output_format or ("csv" if path is None else format_of(None, path))
    if chosen not in FORMATS:
        raise UsageError(f"{chosen!r} is no format: give one of {', '.join(FORMATS)}", "output_format")
    if input_format not in (None, *INPUT_FORMATS):
        raise UsageError(
            f"{input_format!r} is no input format: give one of {', '.join(INPUT_FORMATS)}", "input_format"
        )
    if summary and chosen in ("json", "jsonl"):
        raise UsageError("--summary applies to table and csv output", "summary")
    sources = pipeline.sources_of(named, recursive=recursive)
    report(lines(pipeline.empty_directories(named, sources)))
    read = inputs_of(sources, rules_file)
    on_standard_output = output is None or output == STDOUT
    refuse_overwriting({"output": path, **(also_written or {})}, read, standard_output=on_standard_output)
    rules = pipeline.rules_from(rules_file)
    gate = InputGate(stdin or sys.stdin.buffer)
    given = output if output is not None and not isinstance(output, str) else None
    with output_to(path) if given is None else contextlib.nullcontext(given) as stream:
        return write_projections(
            pipeline.shares(sources, cast(BinaryIO, gate), input_format),  # a gate reads as stdin does
            project=functools.partial(
                pipeline.project_loaded,
                rules=rules,
                overrides=overrides,
                with_sensitivity=sensitivity,
                with_totals=summary or chosen != "csv",  # a year's CSV row shows no totals
                # JSON holds each profile's warnings; otherwise only --verbose says every caution
                with_cautions=chosen in ("json", "jsonl") or warnings == "all",
            ),
            jobs=jobs_from(str(jobs)),
            gate=gate,
            stream=stream,
            console=lambda: consoles(stream),
            output_format=chosen,
            layout=Layout(
                summary,
                real=overrides.inflation is not None,
                sensitivity=sensitivity,
                basis=pipeline.basis_of(rules, rules_file),
                csv_guard=csv_guard,
            ),
            rules=rules,
            fail_fast=fail_fast,
            report=report,
            warnings=warnings,
        )
