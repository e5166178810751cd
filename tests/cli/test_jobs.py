"""`--jobs`: however many processes share the work, the user sees what one process gives.

The runs that fork workers are real processes: a fork inside pytest would copy pytest too.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from careercap.run.pipeline import WHOLE_BELOW
from tests.cli.test_batch import person
from tests.conftest import PROFILES, TERMINAL, Invoke, Write, unfinished

ENV = {**os.environ, **TERMINAL}


class Run(NamedTuple):
    status: int
    stdout: bytes
    stderr: bytes
    written: bytes | None  # the -o file, if the run wrote one


def careercap(*args: str, cwd: Path, stdin: bytes | None = None, output: str | None = None) -> Run:
    """`careercap ARGS...` run to its end in `cwd`; `output` names the -o file to collect."""
    before = set(os.listdir(cwd))
    done = subprocess.run(
        [sys.executable, "-m", "careercap", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=ENV,
        timeout=120,
        check=False,
    )
    written = None
    if output is not None and (cwd / output).exists():
        written = (cwd / output).read_bytes()
        (cwd / output).unlink()  # the next run must write its own
    assert set(os.listdir(cwd)) == before, "a run left a file behind"
    return Run(done.returncode, done.stdout, done.stderr, written)


def started(
    *args: str,
    cwd: Path,
    stdin: int | None = None,
    stdout: int | None = None,
    stderr: int | None = None,
    start_new_session: bool = False,
) -> subprocess.Popen[bytes]:
    """`careercap ARGS...` started in `cwd`, to be watched while it runs."""
    return subprocess.Popen(
        [sys.executable, "-m", "careercap", *args],
        cwd=cwd,
        env=ENV,
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        start_new_session=start_new_session,
    )


@contextlib.contextmanager
def watchdog(process: subprocess.Popen[bytes], seconds: float = 60) -> Iterator[None]:
    """Kill a process that hangs, so that a blocked read fails the test instead of hanging it."""
    timer = threading.Timer(seconds, process.kill)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


# Processes ------------------------------------------------------------------------------


def processes_with(marker: str) -> list[int]:
    """Processes whose command line holds `marker`: a run's main process and its workers,
    which are forked from it and so share its command line."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            command_line = Path("/proc", entry, "cmdline").read_bytes()
        except OSError:  # ended meanwhile
            continue
        if marker.encode() in command_line:
            found.append(int(entry))
    return found


def leftover(marker: str) -> list[int]:
    """The processes of a run that are still there a few seconds after it ended. They are
    killed, so that none outlives the test (a stray worker may wait forever)."""
    deadline = time.monotonic() + 5
    while (found := processes_with(marker)) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in found:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return found


@pytest.fixture
def marker(tmp_path: Path) -> Iterator[str]:
    """What marks the processes of a test's runs: its directory, in the input's path."""
    yield str(tmp_path)
    leftover(str(tmp_path))  # also when the test failed before it looked


def wait_for_workers(marker: str, ready: Callable[[], bool] = lambda: True, pause: float = 0.01) -> None:
    """Until a run's main process and at least two workers exist, and the run is `ready`."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if len(processes_with(marker)) >= 3 and ready():
            return
        time.sleep(pause)
    pytest.fail(f"no workers seen: {processes_with(marker)}")


# A mixed input ----------------------------------------------------------------------------


def document(i: int) -> str:
    """The i-th document of a mixed input: most are valid, of every kind; some are invalid
    in each way careercap reports; some are empty."""
    kind = i % 10
    if kind == 6:
        return ""
    if kind == 7:
        return f"name: Bad {i}\nincome: lots\nas_of: 2025\nhorizon: 3\n"
    if kind == 8:
        return f"name: [unclosed {i}\nincome: 1\n"
    if kind == 9:
        return f"name: No income {i}\nas_of: 2025\n"
    employment = "freelancer" if i % 2 else "employee"
    text = (
        f"name: Person {i}\nemployment: {employment}\nincome: {30000 + 173 * i % 90000}\n"
        f"as_of: 2025\nhorizon: {2 + i % 9}\n"
    )
    if i % 3 == 0:
        text += f"certifications:\n  - {{name: Cert {i}, earned: {2020 + i % 6}-0{1 + i % 9}-1{i % 10}}}\n"
    return text


def stream(start: int, count: int, padding: str = "") -> str:
    return "---\n".join(padding + document(i) for i in range(start, start + count))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding stream.yaml (300 documents) and cohort/: 150 small files (some of
    two documents), an empty file, and big.yaml, which is too large to be sent whole."""
    here = tmp_path_factory.mktemp("mixed")
    (here / "stream.yaml").write_text(stream(0, 300), encoding="utf-8")
    cohort = here / "cohort"
    cohort.mkdir()
    for i in range(150):
        count = 2 if i % 5 == 0 else 1
        (cohort / f"p{i:03}.yaml").write_text(stream(1000 + 2 * i, count), encoding="utf-8")
    (cohort / "empty.yaml").write_text("", encoding="utf-8")
    big = stream(5000, 1200, padding=f"# {'a comment to make the file large ' * 5}\n")
    assert len(big.encode()) > WHOLE_BELOW
    (cohort / "big.yaml").write_text(big, encoding="utf-8")
    return here


class Baseline:
    """Each command's run with --jobs 1, made once."""

    def __init__(self) -> None:
        self.runs: dict[tuple[str, ...], Run] = {}

    def of(self, *args: str, cwd: Path, output: str | None = None) -> Run:
        if args not in self.runs:
            self.runs[args] = careercap(*args, "--jobs", "1", cwd=cwd, output=output)
        return self.runs[args]


@pytest.fixture(scope="module")
def baseline() -> Baseline:
    return Baseline()


INPUTS = ("stream.yaml", "cohort")
JOBS = ["2", "4"]


@pytest.mark.parametrize("jobs", JOBS)
@pytest.mark.parametrize(
    "args",
    [
        ("-f", "csv"),
        ("-f", "json"),
        ("-f", "jsonl"),
        ("-f", "csv", "--summary"),
        ("-f", "table", "--summary"),
    ],
    ids=" ".join,
)
def test_project_writes_the_same_bytes_whatever_the_jobs(
    mixed: Path, baseline: Baseline, args: tuple[str, ...], jobs: str
) -> None:
    one = baseline.of("project", *INPUTS, *args, cwd=mixed)
    assert one.status == 1  # some profiles are invalid
    assert one.stdout
    assert b"error:" in one.stderr
    assert b"warning:" in one.stderr
    assert careercap("project", *INPUTS, *args, "--jobs", jobs, cwd=mixed) == one


@pytest.mark.parametrize("jobs", JOBS)
def test_a_table_of_projections_is_the_same_whatever_the_jobs(
    mixed: Path, baseline: Baseline, jobs: str
) -> None:
    # The small files only: drawing a table for each of thousands of profiles takes minutes.
    small = sorted(str(path.relative_to(mixed)) for path in (mixed / "cohort").glob("p*.yaml"))
    one = baseline.of("project", *small, "-f", "table", cwd=mixed)
    assert one.status == 1
    assert one.stdout.count(b"Person ") > 100
    assert careercap("project", *small, "-f", "table", "--jobs", jobs, cwd=mixed) == one


def test_auto_writes_the_same_bytes_as_one_process(mixed: Path, baseline: Baseline) -> None:
    one = baseline.of("project", *INPUTS, "-f", "csv", cwd=mixed)
    assert careercap("project", *INPUTS, "-f", "csv", "--jobs", "auto", cwd=mixed) == one


@pytest.mark.parametrize("jobs", JOBS)
@pytest.mark.parametrize("output", ["out.csv", "out.json"])
def test_an_output_file_holds_the_same_bytes_whatever_the_jobs(
    mixed: Path, baseline: Baseline, output: str, jobs: str
) -> None:
    one = baseline.of("project", *INPUTS, "-o", output, cwd=mixed, output=output)
    assert (one.status, one.stdout) == (1, b"")
    assert one.written is not None
    assert len(one.written) > 100_000
    run = careercap("project", *INPUTS, "-o", output, "--jobs", jobs, cwd=mixed, output=output)
    assert run == one


@pytest.mark.parametrize("jobs", JOBS)
@pytest.mark.parametrize("args", [(), ("-f", "json"), ("-v",)], ids=["lines", "json", "verbose"])
def test_validate_says_the_same_whatever_the_jobs(
    mixed: Path, baseline: Baseline, args: tuple[str, ...], jobs: str
) -> None:
    one = baseline.of("validate", *INPUTS, *args, cwd=mixed)
    assert one.status == 1
    assert b"must be a number, not 'lots'" in one.stdout + one.stderr  # json has them on stdout
    assert careercap("validate", *INPUTS, *args, "--jobs", jobs, cwd=mixed) == one


# Standard input ---------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("-f", "csv"), ("-f", "json")], ids=["csv", "json"])
def test_standard_input_gives_the_same_bytes_with_workers(mixed: Path, args: tuple[str, ...]) -> None:
    piped = (mixed / "stream.yaml").read_bytes() + b"---\n" + (mixed / "cohort" / "big.yaml").read_bytes()
    one = careercap("project", "-", *args, "--jobs", "1", cwd=mixed, stdin=piped)
    assert one.status == 1
    assert b"-:" in one.stderr
    assert careercap("project", "-", *args, "--jobs", "2", cwd=mixed, stdin=piped) == one


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_output_follows_input_from_a_pipe(tmp_path: Path, jobs: str) -> None:
    command = ("project", "-", "-f", "csv", "--jobs", jobs)
    with (
        started(*command, cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE) as process,
        watchdog(process),
    ):
        assert process.stdin is not None
        assert process.stdout is not None
        process.stdin.write((person("First") + "---\n").encode())
        process.stdin.flush()
        header = process.stdout.readline()
        first = process.stdout.readline()  # arrives while standard input is still open
        process.stdin.write(person("Second").encode())
        process.stdin.close()
        rest = process.stdout.read()
        status = process.wait(timeout=60)
    assert status == 0
    assert header.startswith(b"source,")
    assert b",First," in first
    assert b",Second," in rest


# Runs cut short ---------------------------------------------------------------------------


def many(path: Path, count: int, bad_at: int | None = None) -> str:
    """A stream of `count` valid profiles (no warnings), one invalid at index `bad_at`."""
    documents = [person(f"P{i}") for i in range(count)]
    if bad_at is not None:
        documents[bad_at] = "name: Bad\nincome: lots\n"
    path.write_text("---\n".join(documents), encoding="utf-8")
    return str(path)  # absolute: the test's directory marks the run's processes


@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_fail_fast_with_workers_stops_as_one_process_does(
    tmp_path: Path, marker: str, output_format: str
) -> None:
    source = many(tmp_path / "many.yaml", 3000, bad_at=10)
    args = ("project", source, "-f", output_format, "--fail-fast")
    one = careercap(*args, "--jobs", "1", cwd=tmp_path)
    assert one.status == 1
    # Document 11 starts on line 51: each before it is 4 lines and a ---.
    assert one.stderr == f"{source}:52:9: error: income: must be a number, not 'lots'\n".encode()
    assert careercap(*args, "--jobs", "2", cwd=tmp_path) == one
    assert leftover(marker) == []


def test_fail_fast_with_workers_writes_no_file(tmp_path: Path, marker: str) -> None:
    source = many(tmp_path / "many.yaml", 3000, bad_at=10)
    out = tmp_path / "out"
    out.mkdir()
    args = ("project", source, "-o", str(out / "out.csv"), "--fail-fast")
    one = careercap(*args, "--jobs", "1", cwd=tmp_path)
    assert (one.status, one.stdout) == (1, b"")
    assert careercap(*args, "--jobs", "2", cwd=tmp_path) == one
    assert list(out.iterdir()) == []
    assert leftover(marker) == []


def interrupted(
    tmp_path: Path, marker: str, count: int, when: Callable[[int, Path], bool], one_core: bool = False
) -> None:
    """`project --jobs 2 -o FILE` on `count` profiles, Ctrl-C'd as a terminal does once the
    workers exist and `when(careercap's process id, directory of FILE)`; it must end as one
    process would."""
    # --sensitivity makes each profile slow, so that the run is still going when Ctrl-C comes.
    source = many(tmp_path / "many.yaml", count)
    out = tmp_path / "out"
    out.mkdir()
    command = ("project", source, "--jobs", "2", "--sensitivity", "-o", str(out / "out.csv"))
    with (
        started(
            *command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        ) as process,
        watchdog(process),
    ):
        if one_core:  # set long before careercap has loaded enough to fork: the workers inherit it
            os.sched_setaffinity(process.pid, {min(os.sched_getaffinity(0))})
        wait_for_workers(marker, lambda: when(process.pid, out), pause=0 if one_core else 0.01)
        os.killpg(process.pid, signal.SIGINT)  # to the whole group, workers too
        stdout, stderr = process.communicate(timeout=60)
    # One process says so, once (no Traceback, no worker's word), and leaves neither out.csv
    # nor its temporary file. All at once: each way this can go wrong is worth seeing.
    ending = (process.returncode, stdout, stderr, sorted(file.name for file in out.iterdir()))
    assert (*ending, leftover(marker)) == (130, b"", b"careercap: interrupted\n", [], [])


def test_ctrl_c_stops_every_worker_and_leaves_no_file(tmp_path: Path, marker: str) -> None:
    def at_work(pid: int, out: Path) -> bool:  # rows the workers made are in the unfinished file
        return any(size > 64 * 1024 for size in unfinished(pid, out))

    interrupted(tmp_path, marker, 20000, at_work)


def test_ctrl_c_as_the_workers_start_on_a_busy_machine(tmp_path: Path, marker: str) -> None:
    # One core for careercap and its workers: a worker just forked waits its turn before it
    # can set itself up to ignore Ctrl-C, as it would on a loaded machine.
    interrupted(tmp_path, marker, 1000, lambda pid, out: True, one_core=True)


@pytest.mark.parametrize("second", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c twice", "then SIGTERM"])
def test_a_second_signal_while_the_run_stops_leaves_no_worker(
    tmp_path: Path, marker: str, second: signal.Signals
) -> None:
    # The second signal cuts the run's own stopping short: the boundary still ends every
    # worker before careercap exits (a worker busy with its chunk would otherwise outlive it).
    source = many(tmp_path / "many.yaml", 3000)
    command = ("project", source, "--jobs", "2", "--sensitivity", "--horizon", "40", "-f", "json")
    for gap in (0.0, 0.00005, 0.0005, 0.002):
        with (
            started(*command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process,
            watchdog(process),
        ):
            wait_for_workers(marker)
            time.sleep(0.2)  # at work
            os.kill(process.pid, signal.SIGINT)
            time.sleep(gap)
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, second)
            _, stderr = process.communicate(timeout=60)
        alive = processes_with(marker)  # at once: a worker that lingers a moment counts
        assert (process.returncode, alive) in ((130, []), (128 + second, [])), (gap, stderr[-300:])
        assert b"Traceback" not in stderr
    assert leftover(marker) == []


def test_a_worker_holds_only_its_two_pipes(tmp_path: Path, marker: str) -> None:
    # Not the input, the output file, standard input or another worker's pipes: a worker
    # must not keep a pipe open (or a FIFO written in place) for anyone.
    source = many(tmp_path / "many.yaml", 20000)
    out = tmp_path / "out"
    out.mkdir()
    command = ("project", source, "--jobs", "3", "--sensitivity", "-o", str(out / "out.csv"))
    with (
        started(*command, cwd=tmp_path, stdin=subprocess.PIPE, stderr=subprocess.DEVNULL) as process,
        watchdog(process),
    ):
        # Once rows the workers made are in the unfinished file: they are set up and at work.
        wait_for_workers(marker, lambda: any(size > 64 * 1024 for size in unfinished(process.pid, out)))
        held = {
            worker: sorted(
                (int(fd), os.readlink(f"/proc/{worker}/fd/{fd}").split(":")[0])
                for fd in os.listdir(f"/proc/{worker}/fd")
            )
            for worker in workers_of(process.pid)
        }
        process.kill()
    for descriptors in held.values():
        assert descriptors[:3] == [(0, "/dev/null"), (1, "/dev/null"), (2, "/dev/null")]
        assert [kind for _, kind in descriptors[3:]] == ["pipe", "pipe"]
    assert leftover(marker) == []


def descriptors_at_most(count: int) -> Callable[[], None]:
    """What a child runs before careercap starts: a limit of `count` open files."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (count, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))

    return limit


def test_more_workers_than_descriptors_allow_is_one_line(tmp_path: Path, marker: str) -> None:
    source = many(tmp_path / "many.yaml", 300)
    out = tmp_path / "out"
    out.mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "careercap", "project", source, "--jobs", "40", "-o", str(out / "out.csv")],
        cwd=tmp_path,
        capture_output=True,
        preexec_fn=descriptors_at_most(64),
        timeout=120,
        check=False,
    )
    # Each worker costs this process two descriptors: some 25 start before they run out.
    assert run.returncode == 70
    assert run.stderr.decode().startswith("careercap: error: cannot start worker process ")
    assert run.stderr.decode().endswith(" of 40 (Too many open files): run again with fewer --jobs\n")
    assert list(out.iterdir()) == []
    assert leftover(marker) == []


def test_as_many_workers_as_descriptors_allow_give_the_same_output(tmp_path: Path, marker: str) -> None:
    source = many(tmp_path / "many.yaml", 300)
    args = [sys.executable, "-m", "careercap", "project", source, "-f", "csv"]
    one = subprocess.run([*args, "--jobs", "1"], capture_output=True, timeout=120, check=True)
    many_workers = subprocess.run(
        [*args, "--jobs", "100"],
        capture_output=True,
        preexec_fn=descriptors_at_most(256),
        timeout=120,
        check=False,
    )
    assert (many_workers.returncode, many_workers.stderr, many_workers.stdout) == (0, b"", one.stdout)
    assert leftover(marker) == []


def test_a_closed_pipe_with_workers_exits_141_quietly(tmp_path: Path, marker: str) -> None:
    source = many(tmp_path / "many.yaml", 5000)
    command = ("project", source, "-f", "csv", "--jobs", "2")
    with (
        started(*command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process,
        watchdog(process),
    ):
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.readline().startswith(b"source,")
        assert b",P0," in process.stdout.readline()  # projected by a worker
        # The rest does not fit in the pipe: careercap waits to write it, workers and all.
        assert len(processes_with(marker)) >= 3
        process.stdout.close()
        stderr = process.stderr.read()
        status = process.wait(timeout=60)
    assert (status, stderr) == (141, b"")
    assert leftover(marker) == []


# Usage --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jobs", "why"),
    [
        ("0", "must be a number of processes from 1 to 256, or auto, not '0'"),
        ("-1", "must be a number of processes from 1 to 256, or auto, not '-1'"),
        ("many", "must be a number of processes from 1 to 256, or auto, not 'many'"),
    ],
)
@pytest.mark.parametrize("command", ["project", "validate"])
def test_a_jobs_that_is_no_count_is_a_usage_error(cli: Invoke, command: str, jobs: str, why: str) -> None:
    result = cli(command, str(PROFILES), "--jobs", jobs)
    assert result.exit_code == 2
    assert result.stderr == (
        f"careercap {command}: error: Invalid value for '--jobs' / '-j': {why}\n"
        f"Try 'careercap {command} --help' for help.\n"
    )
    assert result.stdout == ""


def test_jobs_auto_is_accepted_in_capitals(cli: Invoke, write: Write) -> None:
    stream = write("s.yaml", person("A") + "---\n" + person("B"))
    auto = cli("project", stream, "-f", "csv", "--jobs", "AUTO")
    assert auto.exit_code == 0
    assert auto.stdout == cli("project", stream, "-f", "csv", "--jobs", "1").stdout
    assert ",B," in auto.stdout


def workers_of(pid: int) -> list[int]:
    """The worker processes of a run's main process."""
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:  # ended meanwhile
        return []


@pytest.mark.parametrize("after", [0.0, 0.05, 0.2])
def test_a_worker_killed_from_outside_ends_the_run_in_one_line(
    tmp_path: Path, marker: str, after: float
) -> None:
    """A worker killed (by `kill -9`, or the memory killer) at any moment: at once, or as
    it sends its outcome back. The run ends at once with one line and exit status 70,
    writes no file, and leaves no process behind."""
    source = many(tmp_path / "many.yaml", 20000)
    out = tmp_path / "out"
    out.mkdir()
    command = ("project", source, "--jobs", "2", "-o", str(out / "out.csv"))
    with (
        started(*command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process,
        watchdog(process),
    ):
        wait_for_workers(marker, pause=0.001)
        time.sleep(after)
        victim = workers_of(process.pid)[0]
        os.kill(victim, signal.SIGKILL)
        stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stdout, stderr.decode(), list(out.iterdir())) == (
        70,
        b"",
        "careercap: error: a worker process ended before its work was done (killed, or out of"
        " memory?); nothing more was written: run again, or with --jobs 1\n",
        [],
    )
    assert leftover(marker) == []


def merged(*args: str, cwd: Path) -> tuple[int, bytes]:
    """`careercap ARGS...` with standard error sent where standard output goes (`2>&1`)."""
    done = subprocess.run(
        [sys.executable, "-m", "careercap", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=ENV,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout


@pytest.mark.parametrize("output_format", ["csv", "jsonl"])
def test_output_and_problems_merged_come_in_the_same_order_whatever_the_jobs(
    mixed: Path, output_format: str
) -> None:
    args = ("project", *INPUTS, "-f", output_format)
    status, one = merged(*args, "--jobs", "1", cwd=mixed)
    assert status == 1
    # Each profile's problems come just before its output, after the output before it.
    lines = one.decode().splitlines()
    first = next(at for at, line in enumerate(lines) if ": error: " in line)
    assert lines[first - 1 : first + 1] == [
        "stream.yaml:40:1: warning: document 7 is empty; skipped",
        "stream.yaml:43:9: error: income: must be a number, not 'lots'",
    ]
    before = {"csv": "stream.yaml,6,Person 5,", "jsonl": '{"source": "stream.yaml", "document": 6, '}
    assert lines[first - 2].startswith(before[output_format])
    for jobs in ("2", "4", "auto"):
        assert merged(*args, "--jobs", jobs, cwd=mixed) == (1, one)


def test_jobs_auto_that_cannot_start_workers_goes_on_in_one_process(tmp_path: Path, marker: str) -> None:
    # One large file: its documents are shared out, past the first 256 done before workers start.
    source = many(tmp_path / "many.yaml", 8000)
    assert os.path.getsize(source) > WHOLE_BELOW
    args = [sys.executable, "-m", "careercap", "project", source, "-f", "csv"]
    one = subprocess.run([*args, "--jobs", "1"], capture_output=True, timeout=120, check=True)
    # Six open files: the standard streams, the input and one pipe; a worker needs two.
    auto = subprocess.run(
        [*args, "--jobs", "auto"],
        capture_output=True,
        preexec_fn=descriptors_at_most(6),
        timeout=120,
        check=False,
    )
    assert (auto.returncode, auto.stderr, auto.stdout) == (0, b"", one.stdout)
    assert leftover(marker) == []


def test_jobs_that_cannot_start_say_so_before_any_output(tmp_path: Path, marker: str) -> None:
    source = many(tmp_path / "many.yaml", 300)
    for output_format in ("csv", "json"):
        run = subprocess.run(
            [sys.executable, "-m", "careercap", "project", source, "-f", output_format, "--jobs", "2"],
            capture_output=True,
            preexec_fn=descriptors_at_most(6),
            timeout=120,
            check=False,
        )
        assert (run.returncode, run.stdout, run.stderr.decode()) == (
            70,
            b"",
            "careercap: error: cannot start worker process 1 of 2 (Too many open files): "
            "run again with fewer --jobs\n",
        )
    assert leftover(marker) == []
