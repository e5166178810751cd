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
  SIGTERM) kills them before it goes on.
- Each worker has two pipes, one each way, that no other process holds: a worker that
  dies (killed from outside, out of memory) closes its end, and the run ends at once
  rather than waiting for the rest of what it was sending.
- Standard input from a pipe: the chunk in hand is given out, and every finished one
  taken, before careercap waits for more input, so that output follows input as it does
  with one process.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import select
import signal
import struct
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO, Generic, NamedTuple, TextIO, TypeVar

S = TypeVar("S")  # a share of the input
P = TypeVar("P")  # what the work makes of one

MOST_JOBS = 256
"""The most processes a run may ask for."""
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


_ENDING = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}
"""The signals that end a run: held back while workers are forked, ignored by workers."""


_started: set[int] = set()
"""The workers started and not yet ended. However the run ends, the boundary ends any left
(`end_workers`), so that none outlives careercap."""


def end_workers() -> None:
    """Kill and reap every worker still there: those of a run whose own stopping a second
    signal cut short."""
    if _started:
        _end(sorted(_started), kill=True)


def _end(pids: list[int], kill: bool) -> None:
    """Reap these workers, killed first if `kill`, with the signals that end a run held
    back meanwhile: a second Ctrl-C waits until they are gone."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING)
    try:
        if kill:
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        for pid in pids:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
            _started.discard(pid)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class WorkerLost(Exception):
    """A worker process ended without finishing its chunk (killed, out of memory), or could
    not be started."""


_LOST = (
    "a worker process ended before its work was done (killed, or out of memory?); "
    "nothing more was written: run again, or with --jobs 1"
)


def run(
    shares: Iterable[S],
    work: Callable[[list[S]], list[P]],
    take: Callable[[list[P]], None],
    jobs: Jobs,
    *,
    size: Callable[[S], int] = lambda share: 1,
    before_fork: Callable[[], None] = lambda: None,
    gate: InputGate | None = None,
    begin: Callable[[], None] = lambda: None,
) -> None:
    """`take(work(chunk))` for every chunk of the shares, in order: here, or in `jobs.processes`
    worker processes. `size` tells how much text a share holds (to bound a chunk);
    `before_fork` flushes what this process has buffered, which a child must not inherit;
    `begin` starts the output, once the workers asked for are running: a run whose workers
    cannot start (`--jobs N`) writes nothing, and one that only may use them (`auto`) goes
    on in this process."""
    items = iter(shares)
    if not hasattr(os, "fork"):  # pragma: no cover - workers are forked; elsewhere, one process
        jobs = Jobs(1)
    begun = jobs.processes == 1 or not jobs.at_once
    if begun:
        begin()
    if jobs.processes > 1 and not jobs.at_once:
        for share in itertools.islice(items, SERIAL_FIRST):
            take(work([share]))
    first = next(items, None) if jobs.processes > 1 else None
    if first is not None:
        items = itertools.chain([first], items)
        pool = _Pool(work, take, jobs.processes, size, gate)
        try:
            pool.start(before_fork)
        except WorkerLost:
            if jobs.at_once:
                raise
            # `auto` under a limit on processes or files: this process does the rest.
        else:
            if not begun:
                begin()
            pool.run(items)
            return
    elif not begun:
        begin()
    _serially(items, work, take, size, gate)


def _serially(
    items: Iterator[S],
    work: Callable[[list[S]], list[P]],
    take: Callable[[list[P]], None],
    size: Callable[[S], int],
    gate: InputGate | None,
) -> None:
    """`take(work(chunk))` in this process, in chunks as workers are given them (the
    work of a chunk costs less than that of its shares one by one); the chunk in hand
    is worked and taken before a read of standard input would wait, so that output
    follows input as it comes."""
    chunk = _Chunk(size)

    def flush() -> None:
        if chunk.shares:
            take(work(chunk.taken()))

    if gate is not None:
        gate.on_wait = flush
    try:
        for share in items:
            if chunk.add(share):
                flush()
        flush()
    finally:
        if gate is not None:
            gate.on_wait = None


class _Chunk(Generic[S]):
    """The shares gathered for the next chunk. It is full at `FIRST_CHUNK` shares, twice
    as many for each chunk after (up to `MAX_CHUNK`), or at `MAX_CHUNK_CHARS` of text."""

    def __init__(self, size: Callable[[S], int]) -> None:
        self.size = size
        self.shares: list[S] = []
        self.chars = 0
        self.limit = FIRST_CHUNK

    def add(self, share: S) -> bool:
        """Gather a share; whether the chunk is now full."""
        self.shares.append(share)
        self.chars += self.size(share)
        return len(self.shares) >= self.limit or self.chars >= MAX_CHUNK_CHARS

    def taken(self) -> list[S]:
        """The shares gathered, and the next chunk begun, twice as large."""
        shares, self.shares, self.chars = self.shares, [], 0
        self.limit = min(self.limit * 2, MAX_CHUNK)
        return shares


# Messages between this process and a worker: a chunk one way, its outcome the other, each
# pickled after its length.
_LENGTH = struct.Struct("<Q")


def _message(value: object) -> bytes:
    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(data)) + data


CHUNKS_PIPE_SIZE = 256 * 1024
"""What the pipe of chunks to a worker holds, where the system lets it be set (Linux does,
for anyone): two chunks of documents fit, so a worker finds its next chunk there when it
is done with one, rather than wait for this process to write the rest of it. Only the
first `ENLARGED` workers' pipes are enlarged: an ordinary user's pipes may hold 64 MiB
in all, and other programs need theirs."""
ENLARGED = 64

_ARRIVING = memoryview(bytearray(64 * 1024))
"""Where what comes from a worker is read to (as much as a pipe holds by default), before
it joins the rest of its outcome."""


def _enlarged(descriptor: int) -> None:
    import fcntl  # here: workers are forked only where it exists

    with contextlib.suppress(OSError, AttributeError):  # not on Linux, or over its limit
        fcntl.fcntl(descriptor, fcntl.F_SETPIPE_SZ, CHUNKS_PIPE_SIZE)


class _Worker:
    """A worker process as this process sees it: the pipe that takes it chunks and the one
    its outcomes come back on, each held by the two of them alone (so a worker that dies
    closes its end, and is noticed at once)."""

    def __init__(self, pid: int, tasks: int, outcomes: int) -> None:
        self.pid, self.tasks, self.outcomes = pid, tasks, outcomes
        self.unsent = bytearray()  # chunks not yet written into its pipe
        self.received = bytearray()  # the start of an outcome
        self.done: deque[tuple[bool, Any]] = deque()  # outcomes whole, in the order given
        self.given = 0  # chunks given and not yet taken

    def expects(self) -> bool:
        return self.given > len(self.done)

    def send(self) -> None:
        """What the pipe takes now of the chunks not yet written."""
        try:
            written = os.write(self.tasks, self.unsent)
        except BlockingIOError:
            return
        except BrokenPipeError:  # not standard output's: this worker is gone
            raise WorkerLost(_LOST) from None
        del self.unsent[:written]

    def receive(self) -> None:
        """What has come of its outcomes, and each one now whole."""
        count = os.readv(self.outcomes, [_ARRIVING])
        if not count:
            raise WorkerLost(_LOST)
        self.received += _ARRIVING[:count]
        while len(self.received) >= _LENGTH.size:
            (length,) = _LENGTH.unpack_from(self.received)
            end = _LENGTH.size + length
            if len(self.received) < end:
                break
            with memoryview(self.received) as whole:
                self.done.append(pickle.loads(whole[_LENGTH.size : end]))
            del self.received[:end]


def _serve(tasks: int, outcomes: int, work: Callable[[list[Any]], list[Any]]) -> None:
    """A worker's life: each chunk read, worked and its outcome sent back, until this
    process closes the pipe of chunks (or goes away)."""
    with open(tasks, "rb") as chunks:
        while header := chunks.read(_LENGTH.size):
            (length,) = _LENGTH.unpack(header)
            chunk = pickle.loads(chunks.read(length))
            try:
                outcome: tuple[bool, Any] = (True, work(chunk))
            except Exception as exc:  # a bug: this process raises it, as if it were its own
                outcome = (False, exc)
            try:
                message = _message(outcome)
            except Exception as exc:  # an exception that cannot be pickled
                message = _message((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
            view = memoryview(message)
            while view:
                view = view[os.write(outcomes, view) :]


def _start_worker(keep: tuple[int, int]) -> None:
    """A worker is silent, and leaves Ctrl-C and the signals that end a run to the main
    process, which stops it (a worker whose main process is gone ends when its pipe of
    chunks closes). It is forked with those signals held back, so none can reach it
    before it ignores them. It holds its own two pipe ends and nothing else: its standard
    streams are /dev/null, and the input, the output and the other workers' pipes are
    closed."""
    for number in _ENDING:
        signal.signal(number, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _ENDING)
    low, high = sorted(keep)
    os.closerange(3, low)  # first, so that /dev/null can be opened under the tightest limit
    os.closerange(low + 1, high)
    os.closerange(high + 1, _descriptors())
    devnull = os.open(os.devnull, os.O_RDWR)
    for standard in (0, 1, 2):
        os.dup2(devnull, standard)
    if devnull > 2:
        os.close(devnull)


def _descriptors() -> int:
    """One more than the highest file descriptor a process may have."""
    try:
        return max(os.sysconf("SC_OPEN_MAX"), 256)
    except (ValueError, OSError):  # pragma: no cover - every POSIX system has it
        return 65536


class _Pool(Generic[S, P]):
    def __init__(
        self,
        work: Callable[[list[S]], list[P]],
        take: Callable[[list[P]], None],
        count: int,
        size: Callable[[S], int],
        gate: InputGate | None,
    ) -> None:
        self.work, self.take, self.count, self.gate = work, take, count, gate
        self.workers: list[_Worker] = []
        self.by_descriptor: dict[int, _Worker] = {}  # each worker, by either of its pipes
        self.pending: deque[_Worker] = deque()  # the worker of each chunk out, in input order
        self.chunk = _Chunk(size)

    def run(self, items: Iterator[S]) -> None:
        """Every share given out and every outcome taken, in order; the workers ended."""
        try:
            if self.gate is not None:
                self.gate.on_wait = self.drain
            for share in items:
                if self.chunk.add(share):
                    self.give_out()
            self.drain()
        except BaseException:
            self.stop(kill=True)
            raise
        finally:
            if self.gate is not None:
                self.gate.on_wait = None
        self.stop(kill=False)

    def start(self, before_fork: Callable[[], None]) -> None:
        """Fork the workers, once `before_fork` has flushed what this process holds. Ctrl-C
        and the like are held back meanwhile, so that no signal finds a worker (or this
        process) half made; one that came meanwhile arrives when they are let through, and
        stops the run as it would later. If one cannot be started, those started are ended."""
        before_fork()
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING)
        try:
            for number in range(1, self.count + 1):
                worker = self._fork(number)
                self.workers.append(worker)
                self.by_descriptor[worker.tasks] = self.by_descriptor[worker.outcomes] = worker
        except BaseException:
            self.stop(kill=True)
            raise
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    def _fork(self, number: int) -> _Worker:
        """One more worker, with its two pipes (this process keeps one end of each)."""
        opened: list[int] = []
        try:
            take_chunks, give_chunks = os.pipe()
            opened += (take_chunks, give_chunks)
            take_outcomes, give_outcomes = os.pipe()
            opened += (take_outcomes, give_outcomes)
            if number <= ENLARGED:
                _enlarged(give_chunks)
            pid = os.fork()
        except OSError as exc:  # out of processes, memory or file descriptors
            for descriptor in opened:
                os.close(descriptor)
            raise WorkerLost(
                f"cannot start worker process {number} of {self.count} ({exc.strerror}): "
                "run again with fewer --jobs"
            ) from None
        if pid == 0:  # the worker: it never returns from here
            status = 70
            try:
                _start_worker((take_chunks, give_outcomes))
                _serve(take_chunks, give_outcomes, self.work)
                status = 0
            finally:
                os._exit(status)
        _started.add(pid)
        os.close(take_chunks)
        os.close(give_outcomes)
        os.set_blocking(give_chunks, False)
        return _Worker(pid, give_chunks, take_outcomes)

    def give_out(self) -> None:
        """The chunk in hand to the worker with the fewest; then what is finished at the
        head, taken (and the oldest waited for, when too many are out)."""
        if self.chunk.shares:
            worker = min(self.workers, key=lambda worker: worker.given)
            worker.unsent += _message(self.chunk.taken())
            worker.given += 1
            self.pending.append(worker)
        self.exchange(wait=False)
        while self.pending and (len(self.pending) > self.count * IN_FLIGHT or self.pending[0].done):
            self.take_head()

    def drain(self) -> None:
        """Everything given out, and the chunk in hand, taken in order."""
        self.give_out()
        while self.pending:
            self.take_head()

    def take_head(self) -> None:
        """The oldest chunk out, waited for and taken."""
        worker = self.pending[0]
        while not worker.done:
            self.exchange(wait=True)
        self.pending.popleft()
        worker.given -= 1
        worked, outcome = worker.done.popleft()
        if not worked:
            raise outcome
        self.take(outcome)

    def exchange(self, wait: bool) -> None:
        """Chunks written and outcomes read, as far as the pipes allow; with `wait`, once
        at least one of them can move."""
        watch = select.poll()
        for worker in self.workers:
            if worker.unsent:
                watch.register(worker.tasks, select.POLLOUT)
            if worker.expects():
                watch.register(worker.outcomes, select.POLLIN)
        for descriptor, _ in watch.poll(None if wait else 0):
            worker = self.by_descriptor[descriptor]
            if descriptor == worker.tasks:
                worker.send()
            else:
                worker.receive()

    def stop(self, kill: bool) -> None:
        """End the workers. At the end of a run they are idle, and end when their pipe of
        chunks closes; a run over early kills them: nothing waits for what they hold."""
        for worker in self.workers:
            for descriptor in (worker.tasks, worker.outcomes):
                with contextlib.suppress(OSError):
                    os.close(descriptor)
        _end([worker.pid for worker in self.workers], kill)
        self.workers.clear()
