"""One error type for everything a user can get wrong.

The core raises `CareercapError` carrying where the problem is; only the CLI turns it
into a line on standard error and an exit code.
"""

from __future__ import annotations

from typing import NamedTuple


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


class InputError(Exception):
    """An input that cannot be read at all (missing file, a directory, no permission).

    The CLI reports it as a usage error (exit 2): nothing in the file is at fault.
    """
