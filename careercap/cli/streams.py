"""The standard streams as careercap finds them, and the signals that end it.

A closed standard stream is reserved on /dev/null before anything else is opened, so no
file careercap opens can land on descriptor 0, 1 or 2 (an error line must never go into
the CSV). A write to standard output that fails for any reason but a closed pipe becomes
`OutputFailed`, which the boundary reports in one line with exit status 2; SIGTERM and
SIGHUP unwind the run like Ctrl-C, so that no temporary file is left behind.
"""

from __future__ import annotations

import io
import os
import signal
import sys
from types import FrameType
from typing import Any, TextIO

from careercap.errors import OutputFailed


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: a BaseException, like KeyboardInterrupt, so that nothing
    but the boundary catches it and every `finally` on the way runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Guarded:
    """Standard output, with its write failures (other than a closed pipe) named."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputFailed(exc.strerror or str(exc)) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputFailed(exc.strerror or str(exc)) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Closed(io.TextIOBase):
    """Standard output that was closed before careercap started."""

    def write(self, text: str) -> int:
        raise OutputFailed("it is closed")

    def isatty(self) -> bool:
        return False


def _written_whole(stream: TextIO, descriptor: int) -> TextIO:
    """`stream`, or, when it has no buffer (PYTHONUNBUFFERED, `python -u`), the same
    descriptor through one. Unbuffered, Python hands each write to the descriptor once and
    drops what a short write leaves (a full pipe takes part of a write when the process
    is stopped and continued), without a word; a buffer writes until all of it is out. It
    is flushed at each line end, so output still goes out as it is made."""
    if not isinstance(getattr(stream, "buffer", None), io.RawIOBase):
        return stream
    return io.TextIOWrapper(
        io.BufferedWriter(io.FileIO(descriptor, "wb", closefd=False)),
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=True,
    )


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


def prepare() -> None:
    """Reserve closed standard streams, name standard output's failures, and let SIGTERM
    and SIGHUP unwind the run."""
    closed = []
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            closed.append(descriptor)
    for _ in closed:  # each takes the lowest free descriptor: the closed ones, in order
        os.open(os.devnull, os.O_RDWR)
    if 0 in closed or sys.stdin is None:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as the process
    if 2 in closed or sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - as above
    sys.stderr = _written_whole(sys.stderr, 2)
    sys.stdout = _Closed() if 1 in closed or sys.stdout is None else _Guarded(_written_whole(sys.stdout, 1))
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminate)


def silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush cannot fail
    again once a failure is reported."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
    finally:
        os.close(devnull)
