"""Files and directories as the user names them: what can be read.

A file named on the command line that cannot be read is a usage error, before any work
is done. Inside a directory, a file or subdirectory that cannot be read (or that vanishes
or changes during the run) is an error for that path alone, a link that leads back to a
directory already read is skipped with a warning, and every other profile is still read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from typing import BinaryIO

from careercap.errors import Diagnostic, InputError, Location, shown_path

STDIN = "-"
YAML_SUFFIXES = (".yaml", ".yml")
JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")
PROFILE_SUFFIXES = (*YAML_SUFFIXES, *JSON_LINES_SUFFIXES)
"""What a directory's profile files are named (in these letters)."""
INPUT_FORMATS = ("yaml", "jsonl")
MAX_FILE_BYTES = 4 * 2**30
"""A file larger than this is refused from its size before it is read (a sparse file can
claim a terabyte); a stream on standard input has no such limit."""

Source = str | Diagnostic
"""A file to read, or what is wrong with a path met in a directory (an error, or a warning
for a path skipped)."""


class Unreadable(InputError):
    """A file that cannot be read, and why (`reason`, without the path)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(Location(shown_path(self.path)), self.reason)


def read_head(source: str, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a file (a rules file, say): enough to tell that it is
    larger than `limit` without reading any more of it."""
    with open_regular(source) as handle:
        try:
            return handle.read(limit + 1)
        except OSError as exc:
            raise Unreadable(source, f"cannot be read ({exc.strerror})") from None


def reading_format(source: str, given: str | None = None) -> str:
    """How a source is read, `yaml` or `jsonl`: by its name's ending (`.jsonl` and `.ndjson`
    are JSON Lines, `.yaml` and `.yml` YAML, in any case); standard input and any other
    name as `given` says, else as YAML."""
    lowered = source.lower()
    if lowered.endswith(JSON_LINES_SUFFIXES):
        return "jsonl"
    if lowered.endswith(YAML_SUFFIXES):
        return "yaml"
    return given or "yaml"


def expand(paths: list[str], *, recursive: bool = False) -> list[Source]:
    """The profile files named by the arguments: a file as given, a directory's `*.yaml`,
    `*.yml`, `*.jsonl` and `*.ndjson` files sorted by name (and its subdirectories' with
    `recursive`), `-` as is. Raises InputError for a named path that cannot be read, before
    any work is done."""
    sources: list[Source] = []
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            sources.extend(_walk(path, recursive))
        else:
            if path != STDIN:
                open_regular(path).close()  # refuse now what cannot be read, before any output
            sources.append(path)
    return sources


def _entries(directory: str) -> list[os.DirEntry[str]]:
    with os.scandir(directory) as found:
        return sorted(found, key=lambda entry: entry.name)


def _identity(path: str) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_dev, status.st_ino


def _walk(top: str, recursive: bool) -> Iterator[Source]:
    """A directory's profiles in name order, subdirectories read where they stand in that
    order; without recursion, so that no depth is too deep."""
    try:
        stack = [iter(_entries(top))]
        seen = {_identity(top)}
    except OSError as exc:
        raise Unreadable(top, f"cannot be read ({exc.strerror})") from None
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            is_directory = entry.is_dir()
            if is_directory and recursive:
                identity = _identity(entry.path)
                if identity in seen:
                    message = "leads to a directory already read (a link loop, or a second link); skipped"
                    yield Diagnostic(Location(shown_path(entry.path)), message, "warning")
                    continue
                seen.add(identity)
                stack.append(iter(_entries(entry.path)))
            elif not is_directory and entry.name.endswith(PROFILE_SUFFIXES):
                yield entry.path if entry.is_file() else _not_regular(entry.path)
        except OSError as exc:
            yield Diagnostic(Location(shown_path(entry.path)), f"cannot be read ({exc.strerror})")


def _not_regular(path: str) -> Diagnostic:
    try:
        os.stat(path)
    except OSError as exc:
        if os.path.islink(path):
            reason = (
                "is a link that leads nowhere"
                if exc.errno == errno.ENOENT
                else f"cannot be read ({exc.strerror})"
            )
            return Diagnostic(Location(shown_path(path)), reason)
    return Diagnostic(Location(shown_path(path)), "is not a regular file")


def open_regular(source: str) -> BinaryIO:
    """The file opened for reading, once it is known to be a regular file. (Opened without
    blocking, so that a FIFO is refused instead of waiting for a writer.) Raises Unreadable."""
    return os.fdopen(_regular_descriptor(source), "rb")


def read_regular(source: str, limit: int) -> tuple[bytes, BinaryIO | None]:
    """A regular file's bytes when it holds at most `limit` (and None); else its first
    bytes and the file, open at its start, to be read on. Raises Unreadable, OSError."""
    descriptor = _regular_descriptor(source)
    try:
        parts, size = [], 0
        while size <= limit and (part := os.read(descriptor, limit + 1 - size)):
            parts.append(part)
            size += len(part)
    except BaseException:
        os.close(descriptor)
        raise
    data = b"".join(parts)
    if size <= limit:
        os.close(descriptor)
        return data, None
    os.lseek(descriptor, 0, os.SEEK_SET)
    return data, os.fdopen(descriptor, "rb")


def _regular_descriptor(source: str) -> int:
    try:
        descriptor = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise Unreadable(source, "no such file") from None
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise Unreadable(source, "is a directory, not a profile file") from None
        raise Unreadable(source, f"cannot be read ({exc.strerror})") from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
        os.close(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise Unreadable(source, "is a directory, not a profile file")
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable(source, "is not a regular file")
        raise Unreadable(
            source,
            f"is {status.st_size / 2**30:,.0f} GiB, more than careercap reads from one file "
            f"({MAX_FILE_BYTES // 2**30} GiB); split it, or pipe it to standard input",
        )
    return descriptor
