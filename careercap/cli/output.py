"""Where output goes: standard output, or a file written atomically; one path for every
command.

A file is written to a temporary file beside it and renamed over the target only when
the run finishes, so a run that fails, is interrupted or stops at `--fail-fast` leaves
an existing file exactly as it was, and no reader ever sees half a file.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from careercap.cli.boundary import console
from careercap.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

FORMAT_BY_EXTENSION = {".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".txt": "table"}


def format_for(path: str) -> str | None:
    """The output format a file name asks for, by its extension."""
    return FORMAT_BY_EXTENSION.get(os.path.splitext(path)[1].lower())


def format_of(chosen: str | None, output: str | None) -> str:
    """The format asked for: as given, else by the output file's extension, else a table."""
    if chosen is not None:
        return chosen
    if output is None:
        return "table"
    by_name = format_for(output)
    if by_name is None:
        raise UsageError(
            f"cannot tell the format of {output} from its extension (.json, .jsonl, .csv, .txt); "
            "give --format",
            "'--output'",
        )
    return by_name


def refuse_overwriting(output: str | None, sources: list[str]) -> None:
    """A usage error if the output file is also one of the inputs."""
    if output is None or not os.path.exists(output):
        return
    for source in sources:
        if source != "-" and os.path.samefile(source, output):
            raise UsageError(f"{output} is also an input; write the output elsewhere", "'--output'")


def _mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def _atomic(path: str) -> Iterator[TextIO]:
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    prefix = f".{os.path.basename(path)}."
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


@contextlib.contextmanager
def output_to(path: str | None, option: str | None = "'--output'") -> Iterator[TextIO]:
    """A text stream for the output: standard output for None, else a file written
    atomically. A file that cannot be written is a usage error blamed on `option`."""
    if path is None:
        yield sys.stdout
        return
    try:
        with _atomic(path) as stream:
            yield stream
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}", option) from None


def write_text(text: str, path: str | None = None, option: str | None = "'--output'") -> None:
    """Text to standard output, or to a file written atomically."""
    with output_to(path, option) as stream:
        stream.write(text)


def write_json(document: Any) -> None:
    """A JSON document on standard output."""
    from careercap.render.export import json_text

    write_text(json_text(document))


def write_lines(lines: list[str]) -> None:
    """Lines of text on standard output."""
    write_text("".join(line + "\n" for line in lines))


def show(view: RenderableType) -> None:
    """A table or other Rich view on standard output."""
    console().print(view)


class Pictures:
    """The console a table is printed on, recording when --svg or --html asks for a copy,
    which `save` then writes."""

    def __init__(self, svg: str | None = None, html: str | None = None, output_format: str = "table") -> None:
        if (svg or html) and output_format != "table":
            raise UsageError("--svg and --html save table output", "'--svg' / '--html'")
        self.svg, self.html = svg, html
        self.made: Console | None = None

    def console(self, stream: TextIO | None = None) -> Console:
        if self.made is None:
            self.made = console(stream, record=bool(self.svg or self.html))
            if (self.svg or self.html) and not self.made.is_terminal:
                self.made.width = max(self.made.width, 100)  # a picture is not bound to a terminal
        return self.made

    def show(self, view: RenderableType, title: str) -> None:
        """Print a view on standard output, and save it as asked."""
        self.console().print(view)
        self.save(title)

    def save(self, title: str) -> None:
        if self.made is None:
            return
        if self.svg is not None:
            write_text(self.made.export_svg(title=title, clear=False), self.svg, None)
        if self.html is not None:
            write_text(self.made.export_html(clear=False), self.html, None)
