"""`--jobs`: a run's input shared out among worker processes, its output in input order.

The input comes in shares (a small file, one document of a large one, a problem found
already). This process reads and cuts the input; workers load, project and render chunks
of shares; this process takes each chunk's pieces in input order, so that what is written
(output, errors, warnings, exit status) is what one process writes, byte for byte.

- Memory stays bounded: at most `IN_FLIGHT` chunks a worker are given out before the
  oldest is taken, so a slow chunk holds the reading back instead of letting the others
  pile up.
- Chunks start small and double, so that the first output comes at once.
- Workers are forked from this process once everything is loaded (nothing is imported or
  pickled again); they ignore Ctrl-C and have no standard output or error, so that only
  this process speaks. Whatever ends the run early (`--fail-fast`, Ctrl-C, a closed pipe,
  SIGTERM) stops them, once the chunks in their hands are done, before it goes on.
- Standard input from a pipe: the chunk in hand is given out, and every finished one
  taken, before careercap waits for more input, so that output follows input as it does
  with one process.
"""

from __future__ import annotations

import itertools
import os
import select
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, Generic, NamedTuple, TextIO, TypeVar

if TYPE_CHECKING:  # imported when workers start: a run that needs none does not pay for them
    from concurrent.futures import Future, ProcessPoolExecutor

S = TypeVar("S")  # a share of the input
P = TypeVar("P")  # what the work makes of one

SERIAL_FIRST = 256
"""Shares the default (`--jobs auto`) handles in this process before it starts workers:
an input this small is done sooner than processes start."""
FIRST_CHUNK, MAX_CHUNK = 4, 128
"""Shares in the first chunk given out, and at most in any (the size doubles)."""
MAX_CHUNK_CHARS = 1024 * 1024
"""A chunk is given out once its documents hold this much text, however few they are."""
IN_FLIGHT = 2
"""Chunks given out per worker before the oldest must be taken."""


class Jobs(NamedTuple):
    """How many processes load and project (`processes`), started `at_once` or only once
    the input proves larger than `SERIAL_FIRST` shares."""

    processes: int = 1
    at_once: bool = True


def usable_cores() -> int:
    """The cores this process may run on (its affinity), or the machine's."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def jobs_from(text: str) -> Jobs:
    """`auto` (the usable cores, once the input proves large) or a count of processes."""
    if text == "auto":
        return Jobs(usable_cores(), at_once=False)
    return Jobs(int(text))


def flush_standard_streams(*more: TextIO) -> None:
    """What this process holds unwritten, written: a forked child must not inherit it."""
    for stream in (*more, sys.stdout, sys.stderr):
        stream.flush()


class InputGate:
    """Standard input, read through a gate that, before a read from a pipe would wait,
    lets the run give out and take what it holds (`on_wait`)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.on_wait: Callable[[], None] | None = None

    def seekable(self) -> bool:
        return self.stream.seekable()

    def read(self, size: int = -1) -> bytes:
        self._before_waiting()
        return self.stream.read(size)

    def read1(self, size: int = -1) -> bytes:
        self._before_waiting()
        return self.stream.read1(size)  # type: ignore[attr-defined,no-any-return]  # a buffered reader

    def _before_waiting(self) -> None:
        if self.on_wait is None:
            return
        try:
            ready, _, _ = select.select([self.stream], [], [], 0)
        except (OSError, ValueError, TypeError):  # not a descriptor select can watch
            return
        if not ready:
            self.on_wait()


_work: Callable[[list[Any]], list[Any]] | None = None
"""The work of a run, set before its workers are forked (they inherit it)."""


_ENDING = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}
"""The signals that end a run: held back while workers are forked, ignored by workers."""


def _start_worker() -> None:
    """A worker is silent, and leaves Ctrl-C and the signals that end a run to the main
    process, which stops it (a worker whose main process is gone ends when its work queue
    closes). It is forked with those signals held back, so none can reach
    it before it ignores them."""
    for number in _ENDING:
        signal.signal(number, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _ENDING)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _ready() -> None:
    """A first task, given out so that the workers are forked at once."""


def _run_chunk(chunk: list[Any]) -> list[Any]:
    assert _work is not None
    return _work(chunk)


class WorkerLost(Exception):
    """A worker process ended without finishing its chunk (killed, out of memory)."""


def run(
    shares: Iterable[S],
    work: Callable[[list[S]], list[P]],
    take: Callable[[list[P]], None],
    jobs: Jobs,
    *,
    size: Callable[[S], int] = lambda share: 1,
    before_fork: Callable[[], None] = lambda: None,
    gate: InputGate | None = None,
) -> None:
    """`take(work(chunk))` for every chunk of the shares, in order: here, or in `jobs.processes`
    worker processes. `size` tells how much text a share holds (to bound a chunk);
    `before_fork` flushes what this process has buffered, which a child must not inherit."""
    items = iter(shares)
    if not hasattr(os, "fork"):  # pragma: no cover - workers are forked; elsewhere, one process
        jobs = Jobs(1)
    if jobs.processes > 1 and not jobs.at_once:
        for share in itertools.islice(items, SERIAL_FIRST):
            take(work([share]))
    first = next(items, None) if jobs.processes > 1 else None
    if first is None:
        for share in items:
            take(work([share]))
        return
    _Pool(work, take, jobs.processes, size, gate).run(itertools.chain([first], items), before_fork)


class _Pool(Generic[S, P]):
    def __init__(
        self,
        work: Callable[[list[S]], list[P]],
        take: Callable[[list[P]], None],
        count: int,
        size: Callable[[S], int],
        gate: InputGate | None,
    ) -> None:
        self.work, self.take, self.count, self.size, self.gate = work, take, count, size, gate
        self.pending: deque[Future[list[P]]] = deque()
        self.chunk: list[S] = []
        self.chars = 0
        self.limit = FIRST_CHUNK
        self.executor: ProcessPoolExecutor | None = None

    def run(self, items: Iterator[S], before_fork: Callable[[], None]) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        global _work  # noqa: PLW0603 - what the forked workers inherit
        _work = self.work
        before_fork()
        context = multiprocessing.get_context("fork")
        try:
            # The workers are forked with Ctrl-C and the like held back, so that no signal
            # finds a worker (or this process) half made; one that came meanwhile arrives
            # when they are let through, and stops the run as it would later.
            held = signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING)
            try:
                self.executor = ProcessPoolExecutor(self.count, mp_context=context, initializer=_start_worker)
                self.executor.submit(_ready)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
            if self.gate is not None:
                self.gate.on_wait = self.drain
            for share in items:
                self.chunk.append(share)
                self.chars += self.size(share)
                if len(self.chunk) >= self.limit or self.chars >= MAX_CHUNK_CHARS:
                    self.give_out()
            self.drain()
        except BrokenProcessPool:
            self.stop()
            raise WorkerLost(
                "a worker process ended before its work was done (killed, or out of memory?); "
                "nothing more was written: run again, or with --jobs 1"
            ) from None
        except BaseException:
            self.stop()
            raise
        finally:
            if self.gate is not None:
                self.gate.on_wait = None
        self.executor.shutdown(wait=True)

    def give_out(self) -> None:
        """The chunk in hand to a worker; then what is finished at the head, taken (and
        the oldest waited for, when too many are out)."""
        if self.chunk:
            assert self.executor is not None  # chunks are given out once the workers are there
            self.pending.append(self.executor.submit(_run_chunk, self.chunk))
            self.chunk, self.chars = [], 0
            self.limit = min(self.limit * 2, MAX_CHUNK)
        while self.pending and (len(self.pending) > self.count * IN_FLIGHT or self.pending[0].done()):
            self.take(self.pending.popleft().result())

    def drain(self) -> None:
        """Everything given out, and the chunk in hand, taken in order."""
        self.give_out()
        while self.pending:
            self.take(self.pending.popleft().result())

    def stop(self) -> None:
        """End the workers: the run is over early. What no worker has begun is cancelled;
        the chunks in hand (a few, each a moment's work) are finished and thrown away, and
        the workers then exit. They are not killed: a worker killed while it writes its
        result leaves half a message in the pipe, on which the executor waits for ever."""
        self.pending.clear()
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
