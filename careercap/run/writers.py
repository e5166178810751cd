"""`careercap project`'s run: projections streamed to the chosen format as they come.

Each document is loaded, projected and written before the next one is read, so jsonl,
csv and json output begin at once and memory stays flat however many profiles there
are. (Table output with --summary is the one exception: a table needs all its rows.)
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from careercap.core.result import Result
from careercap.core.rules import Basis, Rules
from careercap.errors import Diagnostic, Invalid, OutputFailed, lines, visible
from careercap.reading.documents import Document
from careercap.reading.profiles import Loaded
from careercap.run.files import output_to
from careercap.run.pipeline import Outcome, Share, SmallFile, loaded_from, warnings_of
from careercap.run.workers import InputGate, Jobs, flush_standard_streams, run

if TYPE_CHECKING:
    from rich.console import Console

    from careercap.render.export import Written


class Layout(NamedTuple):
    """What a run's output holds besides the projections themselves."""

    summary: bool = False  # one row per profile (table, csv)
    real: bool = False  # money in as_of-year money too (csv columns; the rest show it per profile)
    sensitivity: bool = False  # each projection's band and tornado
    basis: Basis | None = None  # the rules file in force, named under tables and in JSON
    csv_guard: bool = True  # CSV text a spreadsheet would run as a formula starts with '


class Piece(NamedTuple):
    """One document's outcome, ready to write: its problems and, when it was projected,
    what the format makes of it (made where it was projected, perhaps in a worker)."""

    source: str
    errors: tuple[Diagnostic, ...]
    warnings: tuple[Diagnostic, ...]  # those to say one by one
    shown: Any = None
    said: str = ""  # problems already made into standard error's lines (a joined run's warnings)
    cautioned: int = 0  # profiles whose shared caution is summed up rather than said
    caution: str = ""  # the first such caution's lines, said alone if it stays the only one


class _Writer:
    """Writes projections in one format: `begin`; `render` each (anywhere) and `add` it
    (here); `end`."""

    def __init__(
        self, stream: TextIO, console: Callable[[], list[Console]], rules: Rules, layout: Layout
    ) -> None:
        self.stream = stream
        self.console = console  # made only by the table writer: Rich is not needed for the rest
        # (standard output's or the file's console, and the one recording --svg or --html)
        self.rules = rules
        self.layout = layout

    def prepare(self) -> None:
        """What `render` needs, made before any worker is forked (nothing is written)."""

    def begin(self) -> None:
        """Anything that comes before the first projection."""

    def render(self, result: Result) -> Any:
        """What `add` writes of the result; it is made where the result is, so it must
        not touch the stream."""
        raise NotImplementedError

    def add(self, shown: Any) -> None:
        self.stream.write(shown)

    def joins(self) -> bool:
        """Whether two projections rendered one after the other may be added as one (what
        `add` writes is their text, one after the other)."""
        return False

    def end(self, errors: list[Diagnostic]) -> None:
        """Anything that comes after the last projection."""


class _Csv(_Writer):
    def prepare(self) -> None:
        from careercap.render import export

        self.export = export
        # At a terminal, text from a profile shows its control characters as escapes; in a
        # file or a pipe, CSV keeps the data as it is.
        self.at_terminal = self.stream.isatty()
        layout = self.layout
        self.columns = export.CsvLayout(
            layout.real, layout.sensitivity, _rules_source(layout), layout.csv_guard
        )

    def begin(self) -> None:
        header = self.export.csv_header(self.layout.summary, self.columns)
        csv.writer(self.stream, lineterminator="\r\n").writerow(header)

    def joins(self) -> bool:
        return True

    def render(self, result: Result) -> str:
        if not self.layout.summary and not self.at_terminal:
            return self.export.csv_lines(result, self.columns)  # the usual case, made directly
        if self.layout.summary:
            rows = [self.export.csv_summary_row(result, self.columns)]
        else:
            rows = self.export.csv_rows(result, self.columns)
        if self.at_terminal:
            rows = [[visible(cell) if isinstance(cell, str) else cell for cell in row] for row in rows]
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerows(rows)
        return text.getvalue()


class _Jsonl(_Writer):
    def prepare(self) -> None:
        from careercap.render.export import jsonl_line, projection_dict

        self.line, self.exported = jsonl_line, projection_dict
        self.rules_source = _rules_source(self.layout)

    def render(self, result: Result) -> str:
        return self.line(self.exported(result), self.rules_source)  # each line names its rules

    def joins(self) -> bool:
        return True


def _rules_source(layout: Layout) -> str | None:
    """The rules file in force, if one is: what each JSON Lines record and CSV row names."""
    return None if layout.basis is None else layout.basis.path


class _Json(_Writer):
    def prepare(self) -> None:
        from careercap.render.export import JsonWriter, projection_dict

        self.document, self.exported = JsonWriter(self.rules, self.layout.basis), projection_dict

    def begin(self) -> None:
        self.stream.write(self.document.begin())

    def render(self, result: Result) -> str:
        return self.document.body(self.exported(result))

    def add(self, shown: str) -> None:
        self.stream.write(self.document.item(shown))

    def end(self, errors: list[Diagnostic]) -> None:
        self.stream.write(self.document.end(errors))


class _Table(_Writer):
    def prepare(self) -> None:
        from careercap.render import table

        self.table = table
        self.terminals = self.console()
        self.rows: list[str] = []
        self.shown = False

    def render(self, result: Result) -> Result | str:
        # A projection's view is drawn here, for each terminal; a summary row is text.
        return self.table.summary_row(result) if self.layout.summary else result

    def add(self, shown: Result | str) -> None:
        if isinstance(shown, str):
            self.rows.append(shown)
            return
        for terminal in self.terminals:
            terminal.print(self.table.projection_view(shown))
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
    shares: Iterable[Share],
    *,
    project: Callable[[Loaded], Outcome],
    jobs: Jobs,
    gate: InputGate | None,
    stream: TextIO,
    console: Callable[[], list[Console]],
    output_format: str,
    layout: Layout,
    rules: Rules,
    fail_fast: bool,
    report: Callable[[str], object],
    warnings: str = "summed",
) -> list[Diagnostic]:
    """Project every share and write each projection; return the first error of each
    invalid profile. `jobs` may share the work among processes: what is written is the same.

    Diagnostics go to `report` as they arise, as the lines they make (`errors.lines`). With
    `fail_fast`, the first invalid profile raises Invalid once its errors are reported.
    `warnings` says which warnings are said: `all`, `none`, or (`summed`) all but the
    cautions many profiles share (years beyond the evidence), which end the run as one line
    with their count, or as the one profile's own line where only one has them. Each
    profile's JSON holds its own warnings whatever is said."""
    writer = _WRITERS[output_format](stream, console, rules, layout)
    errors: list[Diagnostic] = []
    cautioned, first_caution = 0, ""  # profiles whose shared caution is summed up; the first's lines

    # Off a terminal, the problems of a chunk go to standard error at once, before its
    # output: the output is written in blocks anyway. At a terminal, each profile's problems
    # come just before its projection, as people read them; and so they do where standard
    # error is the output's own file (`2>&1`), with the output before them written out
    # first, so that what the two make together is the same whatever --jobs.
    together = not stream.isatty() and not _one_file(stream, sys.stderr)
    joins = writer.joins()

    def work(chunk: list[Share]) -> list[Piece]:
        pieces: list[Piece] = []
        worded = False  # whether a summed-up caution of this chunk has its lines yet
        for share in chunk:
            for loaded in loaded_from(share):
                outcome = project(loaded)
                shown = None if outcome.result is None else writer.render(outcome.result)
                piece = _piece(outcome, shown, warnings, worded)
                worded = worded or bool(piece.caution)
                pieces.append(piece)
        return _joined(pieces, warnings_said=together) if joins else pieces

    def take(pieces: list[Piece]) -> None:
        nonlocal cautioned, first_caution
        if together:
            if fail_fast:  # nothing after the first invalid profile is reported
                invalid = next((at for at, piece in enumerate(pieces) if piece.errors), None)
                pieces = pieces if invalid is None else pieces[: invalid + 1]
            report("".join([piece.said + lines(piece.errors + piece.warnings) for piece in pieces]))
        for piece in pieces:
            if not together and (piece.errors or piece.warnings):
                stream.flush()
                report(lines(piece.errors + piece.warnings))
            if piece.cautioned:
                cautioned += piece.cautioned
                first_caution = first_caution or piece.caution
            if piece.errors:
                errors.append(piece.errors[0])
                if fail_fast:
                    writer.end(errors)  # what went to standard output stays whole (json closes)
                    raise Invalid
            if piece.shown is not None:
                writer.add(piece.shown)
            if piece.source == "-":
                stream.flush()  # reading a pipe: let the output follow the input

    writer.prepare()
    run(
        shares,
        work,
        take,
        jobs,
        size=share_size,
        before_fork=lambda: flush_standard_streams(stream),
        gate=gate,
        begin=writer.begin,
    )
    writer.end(errors)
    if cautioned == 1:
        report(first_caution)
    elif cautioned:
        report(
            f"careercap: warning: {cautioned:,} profiles project years beyond what the findings cover: "
            "those years extrapolate them (--verbose: a line for each profile)\n"
        )
    return errors


def _piece(outcome: Outcome, shown: Any, warnings: str, worded: bool = False) -> Piece:
    """A document's outcome as it is written, with the warnings to say one by one. A
    caution summed up has its lines only if none before it in the chunk has (`worded`):
    only the run's first is ever said."""
    loaded = outcome.loaded
    if warnings == "none":
        return Piece(loaded.source, loaded.errors, (), shown)
    if warnings == "all" or not outcome.shared:
        return Piece(loaded.source, loaded.errors, warnings_of(outcome), shown)
    kept = loaded.warnings if outcome.unsaid else loaded.warnings[: -outcome.shared]
    caution = "" if worded else lines(warnings_of(outcome)[-outcome.shared :])
    return Piece(loaded.source, loaded.errors, kept, shown, cautioned=1, caution=caution)


def _one_file(stream: TextIO, other: TextIO) -> bool:
    """Whether two streams write to one file (or pipe, or terminal)."""
    try:
        mine, theirs = os.fstat(stream.fileno()), os.fstat(other.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # not a file: nothing is merged
        return False
    return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)


def _joined(pieces: list[Piece], warnings_said: bool) -> list[Piece]:
    """Each run of projected pieces from files, as one piece: one write for all their text.
    A run has no errors; it has no warnings either, unless `warnings_said` (a chunk's
    problems are written before its output): then they travel as the lines they make,
    rather than as thousands of objects. (A pipe's output is written as each of its
    documents comes.)"""
    joined: list[Piece] = []
    run: list[Piece] = []

    def end_run() -> None:
        if run:
            said = lines([warning for piece in run for warning in piece.warnings]) if warnings_said else ""
            joined.append(
                run[0]._replace(
                    warnings=(),
                    shown="".join([piece.shown for piece in run]),
                    said=said,
                    cautioned=sum(piece.cautioned for piece in run),
                    caution=next((piece.caution for piece in run if piece.caution), ""),
                )
            )
            run.clear()

    for piece in pieces:
        quiet = warnings_said or not piece.warnings
        if piece.shown is not None and not piece.errors and quiet and piece.source != "-":
            run.append(piece)
        else:
            end_run()
            joined.append(piece)
    end_run()
    return joined


def share_size(share: Share) -> int:
    """How much text a share holds, as far as is known without reading it."""
    if isinstance(share, SmallFile):
        return share.size
    return len(share.text) if isinstance(share, Document) else 0


def write_json(document: dict[str, Any]) -> None:
    """A JSON document on standard output, written as it is made (see `json_chunks`)."""
    from careercap.render.export import json_chunks

    with output_to(None) as stream:
        for chunk in json_chunks(document):
            stream.write(chunk)


class Spool:
    """The JSON of each profile of a comparison, kept in an unnamed temporary file while
    the comparison is made and written out in order after it: `compare -f json` of 100,000
    profiles holds each profile on disk, not in memory. The file vanishes when closed, or
    when the process ends in any way."""

    def __init__(self) -> None:
        self._lengths = array("q")
        try:
            self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115 closed by __exit__
        except OSError as exc:
            raise self._failed(exc) from None

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        with contextlib.suppress(OSError):  # what it held is no longer wanted
            self._file.close()

    @staticmethod
    def _failed(exc: OSError) -> OutputFailed:
        where = tempfile.tempdir  # None until a temporary folder has been found
        what = "a temporary file" if where is None else f"a temporary file in {where}"
        return OutputFailed(exc.strerror or str(exc), what)

    def keep(self, result: Result) -> None:
        """Put a result's JSON aside."""
        from careercap.render.export import nested, projection_dict

        text = nested(projection_dict(result), 2)
        try:
            self._file.write(text)
        except OSError as exc:
            raise self._failed(exc) from None
        self._lengths.append(len(text))

    def profiles(self) -> Iterator[Written]:
        """The results' JSON, in the order kept. Everything is on disk before this returns:
        a spool that cannot be written fails here, before any output."""
        try:
            self._file.seek(0)  # which writes out what is buffered
        except OSError as exc:
            raise self._failed(exc) from None
        return self._read()

    def _read(self) -> Iterator[Written]:
        from careercap.render.export import Written

        for length in self._lengths:
            try:
                text = self._file.read(length)
            except OSError as exc:
                raise self._failed(exc) from None
            yield Written(text)
