"""Where output goes: standard output, or a file written atomically.

A file is written to a temporary file beside it and renamed over the target only when
the run finishes, so a run that fails, is interrupted or stops at `--fail-fast` leaves
an existing file exactly as it was, and no reader ever sees half a file.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TextIO

FORMAT_BY_EXTENSION = {".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".txt": "table"}


def format_for(path: str) -> str | None:
    """The output format a file name asks for, by its extension."""
    return FORMAT_BY_EXTENSION.get(os.path.splitext(path)[1].lower())


class Discarded(Exception):
    """Raised inside `output_to` to leave the target as it was (e.g. `--fail-fast`)."""


def _mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def output_to(path: str | None) -> Iterator[TextIO]:
    """A text stream for the output: standard output for None, else an atomic file."""
    if path is None:
        yield sys.stdout
        return
    import tempfile  # noqa: PLC0415 - only a run with --output needs it

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
