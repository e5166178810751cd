"""Files and directories as the user names them: what can be read, refused before any work
is done when it cannot."""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from careercap.errors import InputError

STDIN = "-"


def read_bytes(source: str) -> bytes:
    """The bytes of a (small) file such as a rules file."""
    with open_regular(source) as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise InputError(f"{source}: cannot be read ({exc.strerror})") from None


def expand(paths: list[str], *, recursive: bool = False) -> list[str]:
    """The profile files named by the arguments: a file as given, a directory's `*.yaml`
    and `*.yml` files sorted by name (and its subdirectories' with `recursive`), `-` as is.
    Raises InputError for anything missing or unreadable, before any work is done."""
    sources: list[str] = []
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            sources.extend(_profiles_in(path, recursive))
        else:
            if path != STDIN:
                open_regular(path).close()  # refuse now what cannot be read, before any output
            sources.append(path)
    return sources


def _profiles_in(directory: str, recursive: bool) -> list[str]:
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as exc:
        raise InputError(f"{directory}: cannot be read ({exc.strerror})") from None
    found: list[str] = []
    for entry in entries:
        if entry.is_dir():
            if recursive:
                found.extend(_profiles_in(entry.path, recursive))
        elif entry.name.endswith((".yaml", ".yml")) and entry.is_file():
            found.append(entry.path)
    return found


def open_regular(source: str) -> BinaryIO:
    """The file opened for reading, once it is known to be a regular file. (Opened without
    blocking, so that a FIFO is refused instead of waiting for a writer.)"""
    try:
        descriptor = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise InputError(f"{source}: is a directory, not a profile file") from None
        raise InputError(f"{source}: cannot be read ({exc.strerror})") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        what = "is a directory, not a profile file" if stat.S_ISDIR(mode) else "is not a regular file"
        raise InputError(f"{source}: {what}")
    return os.fdopen(descriptor, "rb")
