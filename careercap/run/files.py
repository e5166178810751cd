"""Where output goes: standard output, or a file written atomically; one path for every
command, and for the library.

A file is written unseen (with no name, where the system allows) and put in place of the
target only when the run finishes, so a run that fails, is interrupted or stops at
`--fail-fast` leaves an existing file exactly as it was, and no reader ever sees half a
file. No output may be one of the run's inputs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any, NamedTuple, TextIO, cast

from careercap.errors import UsageError
from careercap.reading.files import Source

FORMAT_BY_EXTENSION = {".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".txt": "table"}


def format_for(path: str) -> str | None:
    """The output format a file name asks for, by its extension."""
    return FORMAT_BY_EXTENSION.get(os.path.splitext(path)[1].lower())


STDOUT = "-"
"""What an output option names to mean standard output (`-o -`)."""


def format_of(chosen: str | None, output: str | None) -> str:
    """The format asked for: as given, else by the output file's extension, else a table."""
    if chosen is not None:
        return chosen
    if output is None or output == STDOUT:
        return "table"
    by_name = format_for(output)
    if by_name is None:
        raise UsageError(
            f"cannot tell the format of {output} from its extension (.json, .jsonl, .csv, .txt); "
            "give --format",
            "output",
        )
    return by_name


def refuse_overwriting(
    outputs: Mapping[str, str | None], inputs: Iterable[Source] = (), standard_output: bool = False
) -> None:
    """A usage error, blamed on its option, if an output file (by option: `output`, `svg`,
    ...) is no place to write (`check_target`), is also an input, or two outputs name one
    file; with `standard_output`, if the
    file standard output writes (`>> profile.yaml`) is an input. The same file is the same
    device and inode, through symbolic and hard links alike; a folder among the inputs
    counts with the files `import` reads in it, and `-` with the file standard input
    reads, if it reads one."""
    named = [(option, path) for option, path in outputs.items() if path is not None and path != STDOUT]
    for at, (option, path) in enumerate(named):
        for other, earlier in named[:at]:
            if _same(path, earlier):
                raise UsageError(
                    f"{path} is named by {_SHOWN[other]} and by {_SHOWN[option]}; give each its own file",
                    option,
                )
    for option, path in named:
        check_target(path, option)  # before any work: a run must not end unable to write
    existing: dict[tuple[int, int], tuple[str | None, str]] = {
        identity: (option, path) for option, path in named if (identity := _identity(path))
    }
    if standard_output and (identity := _regular_file(1)) is not None:
        existing.setdefault(identity, (None, "standard output"))
    if not existing:  # nothing there yet: no output can be an input
        return
    for identity in _input_identities(inputs):
        if identity in existing:
            blamed, named_as = existing[identity]
            raise UsageError(f"{named_as} is also an input; write the output elsewhere", blamed)


def inputs_of(sources: Iterable[Source], rules_file: str | None) -> list[Source]:
    """What a command reads: its sources, and the rules file if one is named."""
    return [*sources, *([] if rules_file is None else [rules_file])]


def _regular_file(descriptor: int) -> tuple[int, int] | None:
    """The device and inode of the regular file an open descriptor writes, if it is one."""
    try:
        status = os.fstat(descriptor)
    except OSError:
        return None
    return (status.st_dev, status.st_ino) if stat.S_ISREG(status.st_mode) else None


_SHOWN = {"output": "--output", "svg": "--svg", "html": "--html", "path": "FILE", "apply_to": "--apply-to"}


def _identity(path: str | int) -> tuple[int, int] | None:
    """The device and inode of a file (a path, or an open descriptor), if there is one."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def _same(path: str, other: str) -> bool:
    """Whether two paths name one file: the same file if it exists, else the same place."""
    mine = _identity(path)
    if mine is not None:
        return mine == _identity(other)
    return os.path.realpath(path) == os.path.realpath(other)


def _input_identities(inputs: Iterable[Source]) -> Iterator[tuple[int, int]]:
    """The files the inputs name: a file, the one standard input reads, and the files of a
    folder that `import` reads (those at its top that are not profiles: a profile imported
    into the export's own folder is an output, never read)."""
    for source in inputs:
        if not isinstance(source, str):
            continue
        if source == "-":
            if (identity := _regular_file(0)) is not None:
                yield identity
        elif os.path.isdir(source):
            with os.scandir(source) as entries:
                for entry in entries:
                    if not entry.name.endswith((".yaml", ".yml")) and (identity := _identity(entry.path)):
                        yield identity
        elif (identity := _identity(source)) is not None:
            yield identity


def _mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


_ENDING = {signal.SIGTERM, signal.SIGHUP}


class Unfinished(OSError):
    """A file could not be written to the end: what was written of it is gone, and the
    file it was to replace is as it was (`cleaned` says so, for the message)."""

    def __init__(self, exc: OSError, cleaned: str) -> None:
        super().__init__(exc.errno, exc.strerror)
        self.cleaned = cleaned


@contextlib.contextmanager
def _atomic(path: str, binary: bool = False) -> Iterator[Any]:
    """A regular file written unseen and put in place of `path` whole, at the end.

    Where the system allows (Linux), it is written as a file with no name, which is named
    only once it is whole: a run that fails or is killed leaves nothing behind, even where
    the folder can no longer be written. Elsewhere, a temporary file beside it is renamed
    over it, and removed if the run fails."""
    directory = os.path.dirname(os.path.abspath(path))
    # SIGTERM and SIGHUP are held while the file is made, so that one arriving then is
    # raised inside the `try` below, which removes it.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING)
    try:
        descriptor, temporary = _unnamed(directory)
        if descriptor < 0:
            descriptor, temporary = tempfile.mkstemp(
                dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp"
            )
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        with (
            os.fdopen(descriptor, "wb", closefd=False)
            if binary
            else os.fdopen(descriptor, "w", encoding="utf-8", newline="", closefd=False)
        ) as handle:
            yield handle
        os.fchmod(descriptor, _mode_for(path))
        if temporary is None:
            temporary = _named(descriptor, directory, path)
        os.replace(temporary, path)
    except BaseException as exc:  # Ctrl-C, SIGTERM and SIGHUP included: leave nothing behind
        cleaned = _remove(temporary, path)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise Unfinished(exc, cleaned) from None
        raise
    finally:
        os.close(descriptor)


def _unnamed(directory: str) -> tuple[int, str | None]:
    """A file with no name in `directory`, open for writing; -1 where there is none, or
    where it could not be named at the end (it is named through /proc, which a chroot or a
    small container may lack)."""
    if not os.path.isdir("/proc/self/fd"):
        return -1, None
    try:
        return os.open(directory, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o600), None
    except AttributeError:  # pragma: no cover - not on Linux
        return -1, None
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):  # a file system without them
            return -1, None
        raise


def _named(descriptor: int, directory: str, path: str) -> str:
    """The unnamed file given a temporary name beside `path`, from which it is renamed."""
    folder = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for _ in range(100):
            name = f".{os.path.basename(path)}.{os.urandom(4).hex()}.tmp"
            try:
                # Through the folder's descriptor, so that the link is followed (linkat with
                # AT_SYMLINK_FOLLOW): the name goes to the file, not to /proc's link.
                os.link(f"/proc/self/fd/{descriptor}", name, dst_dir_fd=folder, follow_symlinks=True)
            except FileExistsError:
                continue
            return os.path.join(directory, name)
    finally:
        os.close(folder)
    raise FileExistsError(errno.EEXIST, "no free temporary name")


def _remove(temporary: str | None, path: str) -> str:
    """The unfinished file removed, if it has a name; what became of it, for the message."""
    as_it_was = f"{path} is as it was" if os.path.lexists(path) else f"no {os.path.basename(path)} was made"
    if temporary is not None:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        except OSError as exc:
            return f"{as_it_was}, but the unfinished {temporary} could not be removed ({exc.strerror})"
    return f"what was written is gone and {as_it_was}"


_DESCRIPTOR = re.compile(r"/dev/(stdin|stdout|stderr)|/dev/fd/(\d+)|/proc/(self|\d+)/fd/(\d+)")
_STANDARD = {"stdin": 0, "stdout": 1, "stderr": 2}


class _Target(NamedTuple):
    """Where to write for a path: `where`, and whether in place (a descriptor, a character
    device or a FIFO: nothing may be renamed over those) rather than atomically; and, for a
    path that names one of this process's own descriptors, which (written through a copy
    of it, so that `>> log` still appends)."""

    where: str
    in_place: bool
    descriptor: int | None = None


def _descriptor_named(path: str) -> tuple[bool, int | None]:
    """Whether the path, or a link it leads to, names an open descriptor itself (/dev/stdout,
    /dev/fd/N, /proc/PID/fd/N; not a file reached through /proc/self/cwd), and which of this
    process's descriptors it is, where it is one of its own."""
    place = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        found = _DESCRIPTOR.fullmatch(place)
        if found is not None:
            standard, numbered, process, in_process = found.groups()
            if standard is not None:
                return True, _STANDARD[standard]
            if numbered is not None:
                return True, int(numbered)
            ours = process == "self" or int(process) == os.getpid()
            return True, int(in_process) if ours else None
        if not os.path.islink(place):
            return False, None
        place = os.path.normpath(os.path.join(os.path.dirname(place), os.readlink(place)))
    return False, None


def _target(path: str) -> _Target:
    """Where and how to write for `path`. A link to a regular file has its target written,
    and stays a link."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return _Target(os.path.realpath(path), False)  # a new file (or the target of a dangling link)
    named, descriptor = _descriptor_named(path)
    if named or stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return _Target(path, True, descriptor)
    if stat.S_ISREG(mode):
        return _Target(os.path.realpath(path), False)
    kind = "a directory" if stat.S_ISDIR(mode) else "a socket" if stat.S_ISSOCK(mode) else "a block device"
    raise OSError(errno.EINVAL, f"it is {kind}; careercap writes files, character devices and FIFOs")


def _in_place(target: _Target, binary: bool = False) -> IO[Any]:
    """A device, a FIFO or a descriptor, opened to be written where it is."""
    if target.descriptor is None:
        return open(
            target.where,
            "wb" if binary else "w",
            encoding=None if binary else "utf-8",
            newline=None if binary else "",
        )
    sys.stdout.flush()
    sys.stderr.flush()
    copy = os.dup(target.descriptor)
    return os.fdopen(copy, "wb") if binary else os.fdopen(copy, "w", encoding="utf-8", newline="")


@contextlib.contextmanager
def output_to(path: str | None, option: str | None = "output") -> Iterator[TextIO]:
    """A text stream for the output: standard output for None; else a regular file written
    atomically, or a character device or FIFO written in place. Anything that cannot be
    written is a usage error blamed on `option`."""
    if path is None or path == STDOUT:
        yield sys.stdout
        return
    try:
        target = _target(path)
        if target.in_place:
            with _in_place(target) as handle:
                yield cast(TextIO, handle)
        else:
            with _atomic(target.where) as handle:
                yield handle
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise UsageError(_cannot_write(path, exc), option) from None


def check_target(path: str, option: str | None = "output", replace: bool = True) -> None:
    """Before any work is done: a usage error if `path` is no place to write (a directory,
    a socket, a file in a folder that does not exist), or, without `replace`, if something
    is there already."""
    if path == STDOUT:
        return
    try:
        target = _target(path)
        folder = os.path.dirname(target.where) or "."
        if not target.in_place and not os.path.isdir(folder):
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT))
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}", option) from None
    if not replace and os.path.lexists(path):
        raise UsageError(f"{path} exists; give --force to overwrite it", option)


def write_text(
    text: str, path: str | None = None, option: str | None = "output", replace: bool = True
) -> None:
    """Text to standard output, or to a file written atomically; without `replace`, a file
    that exists already is a usage error."""
    if path is not None:
        check_target(path, option, replace)
    with output_to(path, option) as stream:
        stream.write(text)


def write_bytes(data: bytes, path: str, option: str | None = "output", binary: bool = True) -> None:
    """Bytes (a PNG, say) to a file written atomically, or to a character device or FIFO
    in place, or (`-`) to standard output; anything that cannot be written is a usage error
    blamed on `option`. `binary` bytes are not for a terminal: they would garble it."""
    if path == STDOUT:
        if binary and sys.stdout.isatty():
            message = "standard output is a terminal, and this file is binary: pipe it (| ...) or name a file"
            raise UsageError(message, option)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        target = _target(path)
        if target.in_place:
            with _in_place(target, binary=True) as handle:
                handle.write(data)
        else:
            with _atomic(target.where, binary=True) as handle:
                handle.write(data)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise UsageError(_cannot_write(path, exc), option) from None


def _cannot_write(path: str, exc: OSError) -> str:
    if isinstance(exc, Unfinished):
        return f"cannot write {path}: {exc.strerror}; {exc.cleaned}"
    return f"cannot write {path}: {exc.strerror}"


def write_lines(lines: list[str]) -> None:
    """Lines of text on standard output."""
    write_text("".join(line + "\n" for line in lines))
