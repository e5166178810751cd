"""`careercap project`'s run: projections streamed to the chosen format as they come.

Each document is loaded, projected and written before the next one is read, so jsonl,
csv and json output begin at once and memory stays flat however many profiles there
are. (Table output with --summary is the one exception: a table needs all its rows.)
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple, TextIO

from careercap.core.result import Result
from careercap.core.rules import Basis, Rules
from careercap.errors import Diagnostic, Invalid, visible
from careercap.pipeline import Outcome, Report

if TYPE_CHECKING:
    from rich.console import Console


class Layout(NamedTuple):
    """What a run's output holds besides the projections themselves."""

    summary: bool = False  # one row per profile (table, csv)
    real: bool = False  # money in as_of-year money too (csv columns; the rest show it per profile)
    sensitivity: bool = False  # each projection's band and tornado
    basis: Basis | None = None  # the rules file in force, named under tables and in JSON


class _Writer:
    """Writes projections in one format: `begin`, `add` for each, `end`."""

    def __init__(
        self, stream: TextIO, console: Callable[[], list[Console]], rules: Rules, layout: Layout
    ) -> None:
        self.stream = stream
        self.console = console  # made only by the table writer: Rich is not needed for the rest
        # (standard output's or the file's console, and the one recording --svg or --html)
        self.rules = rules
        self.layout = layout

    def begin(self) -> None:
        """Anything that comes before the first projection."""

    def add(self, result: Result) -> None:
        raise NotImplementedError

    def end(self, errors: list[Diagnostic]) -> None:
        """Anything that comes after the last projection."""


class _Csv(_Writer):
    def begin(self) -> None:
        from careercap.render import export

        self.export = export
        self.writer = csv.writer(self.stream, lineterminator="\r\n")
        self.writer.writerow(
            export.csv_header(self.layout.summary, self.layout.real, self.layout.sensitivity)
        )

        # At a terminal, text from a profile shows its control characters as escapes; in a
        # file or a pipe, CSV keeps the data as it is.
        self.at_terminal = self.stream.isatty()

    def add(self, result: Result) -> None:
        if self.layout.summary:
            rows = [self.export.csv_summary_row(result, self.layout.real)]
        else:
            rows = self.export.csv_rows(result, self.layout.real)
        if self.at_terminal:
            rows = [[visible(cell) if isinstance(cell, str) else cell for cell in row] for row in rows]
        self.writer.writerows(rows)


class _Jsonl(_Writer):
    def begin(self) -> None:
        from careercap.render.export import jsonl_line, projection_dict

        self.line, self.exported = jsonl_line, projection_dict

    def add(self, result: Result) -> None:
        self.stream.write(self.line(self.exported(result)))


class _Json(_Writer):
    def begin(self) -> None:
        from careercap.render.export import JsonWriter, projection_dict

        self.document, self.exported = JsonWriter(self.rules, self.layout.basis), projection_dict
        self.stream.write(self.document.begin())

    def add(self, result: Result) -> None:
        self.stream.write(self.document.item(self.exported(result)))

    def end(self, errors: list[Diagnostic]) -> None:
        self.stream.write(self.document.end(errors))


class _Table(_Writer):
    def begin(self) -> None:
        from careercap.render import table

        self.table = table
        self.terminals = self.console()
        self.rows: list[str] = []
        self.shown = False

    def add(self, result: Result) -> None:
        if self.layout.summary:
            self.rows.append(self.table.summary_row(result))
        else:
            for terminal in self.terminals:
                terminal.print(self.table.projection_view(result))
            self.shown = True

    def end(self, errors: list[Diagnostic]) -> None:
        for terminal in self.terminals:
            if self.rows:
                for piece in self.table.summary_pieces(self.rows, terminal):
                    terminal.print(piece, end="")
            if self.shown or self.rows:
                terminal.print(self.table.closing(self.layout.basis))


_WRITERS: dict[str, type[_Writer]] = {"table": _Table, "json": _Json, "jsonl": _Jsonl, "csv": _Csv}


def write_projections(
    outcomes: Iterable[Outcome],
    *,
    stream: TextIO,
    console: Callable[[], list[Console]],
    output_format: str,
    layout: Layout,
    rules: Rules,
    fail_fast: bool,
    report: Report,
) -> list[Diagnostic]:
    """Write every projection; return the first error of each invalid profile.

    Diagnostics go to `report` as they arise. With `fail_fast`, the first invalid profile
    raises Invalid once its errors are reported."""
    writer = _WRITERS[output_format](stream, console, rules, layout)
    errors: list[Diagnostic] = []
    writer.begin()
    for outcome in outcomes:
        report(outcome.loaded.errors + outcome.loaded.warnings)
        if outcome.loaded.errors:
            errors.append(outcome.loaded.errors[0])
            if fail_fast:
                writer.end(errors)  # what went to standard output stays whole (json closes)
                raise Invalid
        if outcome.result is not None:
            writer.add(outcome.result)
        if outcome.loaded.source == "-":
            stream.flush()  # reading a pipe: let the output follow the input
    writer.end(errors)
    return errors
