"""The errors a user can meet, at every layer.

`CareercapError` carries located diagnostics: something in a profile or rules file is
wrong (exit 1). `UsageError` is about what was asked for: an option's value, a file that
cannot be read or written (exit 2). Every layer raises them; only the command line turns
them into lines on standard error and an exit status.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

# What a terminal would act on or that would hide or reorder text: C0 and C1 control
# characters (line ends and tabs too), DEL, the bidirectional controls and marks, and the
# line and paragraph separators. Shown as escapes, so that a name cannot move the cursor,
# clear the screen, plant a link, forge a line or reverse what follows it.
# Lone surrogates too: a byte of a file name that is not UTF-8 reaches Python as one
# (U+DC80-U+DCFF stand for the bytes 0x80-0xFF), and no UTF-8 output can hold it.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_UNDECODED = re.compile("[\ud800-\udfff]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # the byte it stands for
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """Text safe to show in a terminal: control, bidirectional and separator characters
    made visible as escapes (`\\x1b`, `\\u202e`)."""
    return _HIDDEN.sub(_escape, text)


def shown_path(path: str) -> str:
    """A path as careercap names it in what it writes: the bytes of a file name that are
    not UTF-8 (legal on Linux) made visible as escapes (`p\\xff.yaml`), the rest as it is.
    Every source is named through this, so that a name can be written in any output."""
    return path if path.isascii() else _UNDECODED.sub(_escape, path)


def lines(diagnostics: Iterable[Diagnostic]) -> str:
    """Problems as standard error shows them: a line each, control characters made visible."""
    return "".join([visible(str(diagnostic)) + "\n" for diagnostic in diagnostics])


class Location(NamedTuple):
    """Where a problem is: the source as the user named it, 1-based line and column."""

    source: str
    line: int | None = None
    column: int | None = None
    document: int | None = None

    def __str__(self) -> str:
        parts = [self.source]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class Diagnostic(NamedTuple):
    """An error or a warning about one place in one source."""

    where: Location
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.where.source,
            "document": self.where.document,
            "line": self.where.line,
            "column": self.where.column,
            "message": self.message,
        }


class CareercapError(Exception):
    """Problems with a profile or rules file, each located where that is possible."""

    def __init__(self, diagnostic: Diagnostic, *more: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostics = (diagnostic, *more)


class UsageError(Exception):
    """Something asked for cannot be done; `option` names the parameter at fault, as the
    command's own parameter (`rules`, `max_events`), where one is. The command line shows
    it as its option (`'--rules'`)."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.option = option

    def about(self, option: str) -> UsageError:
        """This error, blamed on `option` unless it names one already."""
        if self.option is None:
            self.option = option
        return self


class OutputFailed(Exception):
    """Standard output (or `what` else careercap writes on its own account) cannot be
    written: no space, file too large, closed, I/O error. Not an OSError, so that Typer
    (which handles those itself) lets it through."""

    def __init__(self, reason: str, what: str = "standard output") -> None:
        super().__init__(reason)
        self.what = what


class InputError(UsageError):
    """An input that cannot be read at all (missing file, a directory, no permission):
    nothing in the file is at fault."""


class Invalid(Exception):
    """At least one profile was invalid, and its problems have been reported: the run
    ends with exit status 1 once everything it could do is done."""
