"""Where output goes and where input comes from, at their edges: devices, FIFOs, sockets
and links as targets; full, limited and closed standard streams; signals; directories with
loops, links to nothing, unreadable entries and great depth.

These run careercap as a separate process, as a shell would. Devices, FIFOs and sockets
are made by the tests in their temporary folder, never the system's own.
"""

from __future__ import annotations

import contextlib
import os
import pty
import random
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from careercap import __version__
from careercap.reading.rules import default_rules
from careercap.run.pipeline import Overrides, project_sources
from tests.conftest import PROFILE_A, PROFILES, TERMINAL, needs_charts, unfinished

PROFILE = PROFILES / "freelancer.yaml"
INVALID = "name: Broken\nincome: lots\n"


def careercap(
    *args: str,
    cwd: Path,
    stdin: int | None = subprocess.DEVNULL,
    stdout: int | None = subprocess.PIPE,
    before: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`careercap ARGS...` as a separate process, with `env` added to the environment;
    `before` runs in the child before it starts."""
    return subprocess.run(
        [sys.executable, "-m", "careercap", *args],
        cwd=cwd,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **TERMINAL, **(env or {})},
        preexec_fn=before,
        timeout=60,
        check=False,
    )


def can_make_devices(tmp_path: Path) -> bool:
    try:
        os.mknod(tmp_path / "probe", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        return False
    os.unlink(tmp_path / "probe")
    return True


def reads_anything(tmp_path: Path) -> bool:
    """Whether this process reads files whatever their permissions (root's privilege)."""
    probe = tmp_path / "probe"
    probe.write_text("x")
    probe.chmod(0)
    try:
        probe.read_text()
    except PermissionError:
        return False
    finally:
        probe.chmod(0o600)
        probe.unlink()
    return True


def entries(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# Output targets


def test_a_character_device_is_written_in_place_and_stays_a_device(tmp_path: Path) -> None:
    if not can_make_devices(tmp_path):
        pytest.skip("making a device needs privileges this run does not have")
    os.mknod(tmp_path / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    result = careercap("project", str(PROFILE), "-o", "null", "--format", "csv", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert stat.S_ISCHR((tmp_path / "null").lstat().st_mode)
    assert entries(tmp_path) == ["null"]


@pytest.mark.parametrize("option", ["--output", "--svg", "--html"])
def test_a_fifo_is_written_in_place_and_stays_a_fifo(tmp_path: Path, option: str) -> None:
    os.mkfifo(tmp_path / "fifo")
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append((tmp_path / "fifo").read_bytes()), daemon=True)
    reader.start()
    extra = ["--format", "csv"] if option == "--output" else []
    result = careercap("project", str(PROFILE), option, "fifo", *extra, cwd=tmp_path)
    reader.join(timeout=30)
    assert (result.returncode, result.stderr) == (0, "")
    assert stat.S_ISFIFO((tmp_path / "fifo").lstat().st_mode)
    expected = {"--output": b"source,document,name", "--svg": b"<svg", "--html": b"<!DOCTYPE html>"}[option]
    assert expected in received[0]
    assert entries(tmp_path) == ["fifo"]


def test_a_socket_is_refused_and_left_alone(tmp_path: Path) -> None:
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "sock"))
    try:
        result = careercap("project", str(PROFILE), "-o", "sock", "--format", "csv", cwd=tmp_path)
    finally:
        listener.close()
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "careercap project: error: Invalid value for '--output': cannot write sock: "
        "it is a socket; careercap writes files, character devices and FIFOs"
    )
    assert stat.S_ISSOCK((tmp_path / "sock").lstat().st_mode)


def test_a_directory_is_refused_as_a_target(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    result = careercap("project", str(PROFILE), "--svg", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "careercap project: error: Invalid value for '--svg': cannot write out: "
        "it is a directory; careercap writes files, character devices and FIFOs"
    )


def test_a_link_to_a_file_has_its_target_written_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real.csv").write_text("old\n")
    (tmp_path / "link.csv").symlink_to("real.csv")
    result = careercap("project", str(PROFILE), "-o", "link.csv", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "link.csv").is_symlink()
    assert (tmp_path / "real.csv").read_text().startswith("source,document,name")
    assert entries(tmp_path) == ["link.csv", "real.csv"]


def test_a_dangling_link_has_its_target_created(tmp_path: Path) -> None:
    (tmp_path / "link.csv").symlink_to("new.csv")
    result = careercap("project", str(PROFILE), "-o", "link.csv", cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "link.csv").is_symlink()
    assert (tmp_path / "new.csv").read_text().startswith("source,document,name")


@pytest.mark.parametrize(("name", "status"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_signal_leaves_no_temporary_file_and_the_target_as_it_was(
    tmp_path: Path, name: str, status: int
) -> None:
    (tmp_path / "out.csv").write_text("before\n")
    read, write = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-m", "careercap", "project", "-", "-o", "out.csv"],
        cwd=tmp_path,
        stdin=read,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(read)
    os.write(write, PROFILE.read_bytes() + b"---\n")  # one profile, then the stream stays open
    deadline = time.monotonic() + 30
    while not unfinished(process.pid, tmp_path) and time.monotonic() < deadline:  # out.csv is begun
        time.sleep(0.05)
    process.send_signal(getattr(signal, name))
    _, stderr = process.communicate(timeout=30)
    os.close(write)
    assert process.returncode == status
    assert stderr == f"careercap: terminated by {name}\n"
    assert entries(tmp_path) == ["out.csv"]
    assert (tmp_path / "out.csv").read_text() == "before\n"


# Standard streams


@pytest.mark.parametrize("jobs", ["auto", "2"])
def test_endless_bytes_that_are_not_text_are_said_at_once_and_end_the_run(tmp_path: Path, jobs: str) -> None:
    noise = random.Random(0).randbytes(2**20)  # as /dev/urandom gives, and the pipe stays open
    process = subprocess.Popen(
        [sys.executable, "-m", "careercap", "project", "-", "-f", "csv", "--jobs", jobs],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **TERMINAL},
    )
    assert process.stdin is not None
    assert process.stdout is not None
    assert process.stderr is not None
    stdin = process.stdin

    def feed() -> None:
        with contextlib.suppress(BrokenPipeError):  # careercap stops reading, as it should
            stdin.write(noise)
            stdin.flush()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    watchdog = threading.Timer(60, process.kill)  # a run that reads for ever fails, not hangs
    watchdog.start()
    try:
        first = process.stderr.readline()
        status = process.wait()  # standard input still open: the run ends by itself
        stdout, stderr = process.stdout.read(), process.stderr.read()
    finally:
        watchdog.cancel()
        with contextlib.suppress(BrokenPipeError):
            stdin.close()
        writer.join(timeout=60)
    assert first == b"-:1:1: error: bytes cd are not valid UTF-8; save the file as UTF-8\n"
    assert (status, stderr) == (1, b"")
    assert stdout.decode().splitlines() == [
        "source,document,name,currency,year,income,growth,state,rules,events,employment,baseline_growth,extrapolated,earned"
    ]


def test_a_full_standard_output_is_one_line_and_exit_2(tmp_path: Path) -> None:
    if not can_make_devices(tmp_path):
        pytest.skip("making a device needs privileges this run does not have")
    os.mknod(tmp_path / "full", stat.S_IFCHR | 0o666, os.makedev(1, 7))  # a /dev/full of our own
    with (tmp_path / "full").open("w") as full:
        result = careercap("project", str(PROFILE), "--format", "csv", cwd=tmp_path, stdout=full.fileno())
    assert result.returncode == 2
    assert result.stderr == "careercap: error: cannot write standard output: No space left on device\n"


def test_a_file_size_limit_on_standard_output_is_one_line_and_exit_2(tmp_path: Path) -> None:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    with (tmp_path / "out.csv").open("w") as out:
        result = careercap(
            "project", str(PROFILES), "--format", "csv", cwd=tmp_path, stdout=out.fileno(), before=limit
        )
    assert result.returncode == 2
    assert result.stderr == "careercap: error: cannot write standard output: File too large\n"


def test_an_input_output_error_on_standard_output_is_one_line_and_exit_2(tmp_path: Path) -> None:
    controller, terminal = os.openpty()
    os.close(controller)  # a terminal whose other end is gone: every write to it fails with EIO
    try:
        result = careercap("project", str(PROFILE), cwd=tmp_path, stdout=terminal)
    finally:
        os.close(terminal)
    assert result.returncode == 2
    assert result.stderr == "careercap: error: cannot write standard output: Input/output error\n"


def test_a_compare_that_cannot_keep_its_profiles_aside_writes_nothing(tmp_path: Path) -> None:
    """compare -f json keeps each profile's JSON in a temporary file until all are read; a
    file size limit makes that fail: one line, exit 2, and not a byte of half a document."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = careercap(
        "compare", *[str(PROFILE)] * 3, "--format", "json", cwd=tmp_path, before=limit,
        env={"TMPDIR": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == f"careercap: error: cannot write a temporary file in {tmp_path}: File too large\n"
    assert result.stdout == ""
    assert entries(tmp_path) == []  # the temporary file has no name, and is gone


def test_a_run_stopped_and_continued_while_it_writes_loses_nothing(tmp_path: Path) -> None:
    # Stopped (Ctrl-Z, a debugger, `kill -STOP`) while a slow reader holds the pipe full,
    # a write to it is cut short. Unbuffered (PYTHONUNBUFFERED, set in many containers),
    # Python drops the rest of such a write; careercap must write all of it.
    cohort = tmp_path / "cohort.yaml"
    cohort.write_text(
        "---\n".join(f"name: P{i}\nincome: {40000 + i}\nas_of: 2025\nhorizon: 12\n" for i in range(4000))
    )
    command = [sys.executable, "-m", "careercap", "project", str(cohort), "-f", "jsonl", "--jobs", "2"]
    expected = subprocess.run(command, capture_output=True, check=True, timeout=120).stdout
    got = bytearray()
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    ) as process:
        assert process.stdout is not None

        def read_slowly() -> None:
            assert process.stdout is not None
            while piece := process.stdout.read1(16384):
                got.extend(piece)
                time.sleep(0.0005)

        reader = threading.Thread(target=read_slowly)
        reader.start()
        while process.poll() is None:
            time.sleep(0.01)
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGSTOP)
                time.sleep(0.002)
                os.kill(process.pid, signal.SIGCONT)
        reader.join(timeout=60)
    assert process.returncode == 0
    assert len(got) == len(expected)
    assert got == expected


def test_a_profiler_watching_careercap_writes_what_it_saw(tmp_path: Path) -> None:
    # careercap skips Python's teardown when it ends, but not when a profiler or a tracer
    # (coverage) would write its results then.
    command = [sys.executable, "-m", "cProfile", "-o", "run.prof", "-m", "careercap"]
    run = subprocess.run(
        [*command, "project", str(PROFILE), "-f", "csv"],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (run.returncode, run.stderr) == (0, b"")
    assert run.stdout.startswith(b"source,")
    assert (tmp_path / "run.prof").stat().st_size > 0


def test_a_closed_standard_output_is_said_once(tmp_path: Path) -> None:
    result = careercap("project", str(PROFILE), cwd=tmp_path, stdout=None, before=lambda: os.close(1))
    assert result.returncode == 2
    assert result.stderr == "careercap: error: cannot write standard output: it is closed\n"


def test_a_closed_standard_output_is_no_matter_when_output_goes_to_a_file(tmp_path: Path) -> None:
    result = careercap(
        "project", str(PROFILE), "-o", "out.csv", cwd=tmp_path, stdout=None, before=lambda: os.close(1)
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "out.csv").read_text().startswith("source,document,name")


def test_with_standard_error_closed_no_error_goes_into_standard_output(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(INVALID)
    result = subprocess.run(
        [sys.executable, "-m", "careercap", "project", "broken.yaml", str(PROFILE), "--format", "csv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.close(2),
        check=False,
    )
    assert result.returncode == 1
    assert "error" not in result.stdout
    assert result.stdout.splitlines()[0].startswith("source,document,name")
    assert len(result.stdout.splitlines()) == 6  # the header and the valid profile's five years


# Directory walks


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """profiles/a/freelancer.yaml and profiles/a/b/finance-clerk.yaml, to walk with -r."""
    (tmp_path / "profiles" / "a" / "b").mkdir(parents=True)
    shutil.copy(PROFILES / "freelancer.yaml", tmp_path / "profiles" / "a")
    shutil.copy(PROFILES / "finance-clerk.yaml", tmp_path / "profiles" / "a" / "b")
    return tmp_path


def summary_sources(stdout: str) -> list[str]:
    return [line.split(",")[0] for line in stdout.splitlines()[1:]]


BOTH = ["profiles/a/b/finance-clerk.yaml", "profiles/a/freelancer.yaml"]


def test_a_link_loop_is_skipped_with_a_warning(folder: Path) -> None:
    (folder / "profiles" / "a" / "b" / "up").symlink_to("..")
    result = careercap("project", "profiles", "-r", "--summary", "--format", "csv", cwd=folder)
    assert result.returncode == 0
    assert result.stderr == (
        "profiles/a/b/up: warning: leads to a directory already read (a link loop, or a second link); skipped\n"
    )
    assert summary_sources(result.stdout) == BOTH


def test_links_to_nothing_fifos_and_self_links_are_errors_for_themselves_alone(folder: Path) -> None:
    here = folder / "profiles" / "a"
    (here / "gone.yaml").symlink_to("nowhere.yaml")
    (here / "self.yaml").symlink_to("self.yaml")
    os.mkfifo(here / "pipe.yaml")
    result = careercap("project", "profiles", "-r", "--summary", "--format", "csv", cwd=folder)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "profiles/a/gone.yaml: error: is a link that leads nowhere",
        "profiles/a/pipe.yaml: error: is not a regular file",
        "profiles/a/self.yaml: error: cannot be read (Too many levels of symbolic links)",
    ]
    assert summary_sources(result.stdout) == BOTH


def test_unreadable_entries_are_errors_for_themselves_alone(folder: Path) -> None:
    if reads_anything(folder):
        pytest.skip(
            "this run reads files whatever their permissions (root); the unprivileged rerun checks it"
        )
    (folder / "profiles" / "a" / "secret.yaml").write_text(PROFILE_A)
    (folder / "profiles" / "a" / "secret.yaml").chmod(0)
    (folder / "profiles" / "a" / "b").chmod(0)
    try:
        result = careercap("project", "profiles", "-r", "--summary", "--format", "csv", cwd=folder)
        stopped = careercap("project", "profiles", "-r", "--format", "csv", "--fail-fast", cwd=folder)
    finally:
        (folder / "profiles" / "a" / "b").chmod(0o755)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "profiles/a/b: error: cannot be read (Permission denied)",
        "profiles/a/secret.yaml: error: cannot be read (Permission denied)",
    ]
    assert summary_sources(result.stdout) == ["profiles/a/freelancer.yaml"]
    assert stopped.returncode == 1
    assert stopped.stderr.splitlines() == ["profiles/a/b: error: cannot be read (Permission denied)"]


def test_a_file_gone_since_it_was_found_is_an_error_for_it_alone(tmp_path: Path) -> None:
    outcomes = list(
        project_sources(
            [str(tmp_path / "gone.yaml"), str(PROFILE)], rules=default_rules(), overrides=Overrides()
        )
    )
    assert [str(error) for error in outcomes[0].loaded.errors] == [
        f"{tmp_path}/gone.yaml: error: no such file"
    ]
    assert outcomes[1].result is not None


def test_directories_deeper_than_python_recurses_are_walked(tmp_path: Path) -> None:
    path = str(tmp_path / "deep")
    os.mkdir(path)
    for _ in range(1100):  # past Python's default recursion limit of 1000
        path += "/d"
        os.mkdir(path)  # one at a time: os.makedirs recurses too
    shutil.copy(PROFILE, path)
    result = careercap("project", "deep", "-r", "--summary", "--format", "csv", cwd=tmp_path)
    subprocess.run(["rm", "-rf", str(tmp_path / "deep")], check=True)  # pytest's clean-up would recurse
    assert (result.returncode, result.stderr) == (0, "")
    assert summary_sources(result.stdout)[0].endswith("/d/freelancer.yaml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--svg", "x.svg", "--html", "x.svg"],
            "Invalid value for '--html': x.svg is named by --svg and by --html; give each its own file",
        ),
        (
            ["-o", "x.txt", "--svg", "x.txt"],
            "Invalid value for '--svg': x.txt is named by --output and by --svg; give each its own file",
        ),
    ],
)
def test_two_outputs_may_not_share_a_file(tmp_path: Path, args: list[str], message: str) -> None:
    result = careercap("project", str(PROFILE), *args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == f"careercap project: error: {message}"
    assert entries(tmp_path) == []


def test_format_choices_are_named_when_none_fits(tmp_path: Path) -> None:
    result = careercap("compare", str(PROFILE), str(PROFILE), "-f", "csv", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "careercap compare: error: Invalid value for '--format' / '-f': must be one of table, json, not 'csv'"
    )


# Outputs that would eat their inputs


def _profile_named(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(PROFILE.read_bytes())
    return path


@pytest.mark.parametrize(
    ("args", "option", "victim"),
    [
        (["report", "p.html", "-o", "p.html"], "--output", "p.html"),
        (["chart", "p.svg", "-o", "p.svg"], "--output", "p.svg"),
        (["project", "c.yaml", "--html", "c.yaml"], "--html", "c.yaml"),
        (["project", "d.yaml", "--svg", "d.yaml"], "--svg", "d.yaml"),
        (["compare", "a.html", "b.yaml", "--html", "a.html"], "--html", "a.html"),
        (["report", "q.yaml", "-o", "link.html"], "--output", "link.html"),
        (["project", "q.yaml", "-f", "csv", "-o", "hard.yaml"], "--output", "hard.yaml"),
        (
            ["project", "q.yaml", "--rules", "rules.yaml", "-f", "csv", "-o", "rules.yaml"],
            "--output",
            "rules.yaml",
        ),
        (["import", "resume.json", "-o", "resume.json", "--force"], "--output", "resume.json"),
        (["import", "t.zip", "-o", "t.zip", "--force"], "--output", "t.zip"),
        (["import", "export", "-o", "export/Skills.csv", "--force"], "--output", "export/Skills.csv"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_an_output_that_is_an_input_is_refused_by_every_command(
    tmp_path: Path, args: list[str], option: str, victim: str
) -> None:
    for name in ("p.html", "p.svg", "c.yaml", "d.yaml", "a.html", "b.yaml", "q.yaml"):
        _profile_named(tmp_path, name)
    (tmp_path / "link.html").symlink_to("q.yaml")
    os.link(tmp_path / "q.yaml", tmp_path / "hard.yaml")
    (tmp_path / "rules.yaml").write_text("window_years: 3\n")
    (tmp_path / "resume.json").write_text('{"basics": {"name": "Ada"}}\n')
    (tmp_path / "t.zip").write_bytes(b"PK\x05\x06" + bytes(18))  # an empty ZIP
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "Skills.csv").write_text("Name\nSQL\n")
    before = {path.name: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    result = careercap(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"careercap {args[0]}: error: Invalid value for '{option}': "
        f"{victim} is also an input; write the output elsewhere"
    )
    assert {path.name: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()} == before


def test_an_output_that_is_the_file_standard_input_reads_is_refused(tmp_path: Path) -> None:
    profile = _profile_named(tmp_path, "q.yaml")
    with profile.open("rb") as stdin:
        result = careercap("project", "-", "-f", "csv", "-o", "q.yaml", cwd=tmp_path, stdin=stdin.fileno())
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "careercap project: error: Invalid value for '--output': q.yaml is also an input; "
        "write the output elsewhere"
    )
    assert profile.read_bytes() == PROFILE.read_bytes()


def test_import_to_a_directory_says_it_is_one_rather_than_ask_for_force(tmp_path: Path) -> None:
    (tmp_path / "resume.json").write_text('{"basics": {"name": "Ada"}}\n')
    (tmp_path / "out").mkdir()
    for force in ([], ["--force"]):
        result = careercap("import", "resume.json", "-o", "out", *force, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.splitlines()[0] == (
            "careercap import: error: Invalid value for '--output': cannot write out: "
            "it is a directory; careercap writes files, character devices and FIFOs"
        )


# Names that are not UTF-8


UNDECODED = os.fsdecode(b"p\xff.yaml")  # a legal file name on Linux


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (["project", UNDECODED, "-o", "x.txt"], "x.txt"),
        (["project", UNDECODED, "--svg", "x.svg"], "x.svg"),
        (["project", UNDECODED, "--html", "x.html"], "x.html"),
        pytest.param(["report", UNDECODED, "-o", "r.html"], "r.html", marks=needs_charts),
        (["compare", UNDECODED, "other.yaml", "-f", "json"], None),
        (["project", UNDECODED, "-f", "csv"], None),
    ],
    ids=lambda value: " ".join(value[:1] + value[2:]) if isinstance(value, list) else None,
)
def test_a_file_name_that_is_not_utf_8_is_shown_with_its_bytes_escaped(
    tmp_path: Path, args: list[str], written: str | None
) -> None:
    _profile_named(tmp_path, UNDECODED)
    _profile_named(tmp_path, "other.yaml")
    result = careercap(*args, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    text = result.stdout if written is None else (tmp_path / written).read_text(encoding="utf-8")
    assert "p\\xff.yaml" in text or "p\\\\xff.yaml" in text  # as written, or inside JSON


@needs_charts
@pytest.mark.parametrize(
    "args",
    [
        ["compare", UNDECODED, "other.yaml", "--html", "c.html"],
        ["chart", UNDECODED, "other.yaml", "-o", "c.svg"],
    ],
    ids=["compare --html", "chart"],
)
def test_a_file_name_that_is_not_utf_8_draws_as_any_other(tmp_path: Path, args: list[str]) -> None:
    _profile_named(tmp_path, UNDECODED)
    _profile_named(tmp_path, "other.yaml")
    result = careercap(*args, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / args[-1]).read_text(encoding="utf-8").startswith("<")  # whole, and UTF-8


def test_an_error_in_a_file_whose_name_is_not_utf_8_names_it_with_its_bytes_escaped(tmp_path: Path) -> None:
    (tmp_path / UNDECODED).write_text(INVALID)
    result = careercap("project", UNDECODED, "-f", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "p\\xff.yaml:2:9: error: income: must be a number, not 'lots'\n"
    assert '"source": "p\\\\xff.yaml"' in result.stdout


# A folder that cannot be written by the end of a run


def test_a_folder_made_read_only_during_a_run_is_left_with_nothing_in_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        (out / "probe").touch()
    except PermissionError:
        pass
    else:
        pytest.skip(
            "this run writes into folders whatever their permissions (root); the unprivileged rerun checks it"
        )
    out.chmod(0o755)
    process = subprocess.Popen(
        [sys.executable, "-m", "careercap", "project", "-", "-o", "out/out.csv"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    process.stdin.write(PROFILE.read_text() + "---\n")  # one profile; the stream stays open
    process.stdin.flush()
    deadline = time.monotonic() + 30
    while not any(unfinished(process.pid, out)) and time.monotonic() < deadline:  # rows are written
        time.sleep(0.05)
    out.chmod(0o555)
    try:
        _, stderr = process.communicate(PROFILE.read_text(), timeout=60)
    finally:
        out.chmod(0o755)
    assert process.returncode == 2
    assert stderr.splitlines()[0] == (
        "careercap project: error: Invalid value for '--output': cannot write out/out.csv: "
        "Permission denied; what was written is gone and no out.csv was made"
    )
    assert entries(out) == []


def test_a_program_calling_main_gets_the_status_and_goes_on(tmp_path: Path) -> None:
    # The library's entry: every outcome is a status, and the caller's process, its code
    # after the call and its exit handlers, carry on.
    program = (
        "import atexit, sys\n"
        "from careercap.cli import main\n"
        "atexit.register(lambda: print('exit handlers ran'))\n"
        f"print('statuses', main(['project', {str(PROFILE)!r}, '--summary', '-f', 'csv']), "
        "main(['project', 'missing.yaml']), main(['nope']), main(['--version']))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0
    lines = run.stdout.splitlines()
    assert lines[0].startswith("source,document,name,")
    assert lines[-3:] == [f"careercap {__version__}", "statuses 0 2 2 0", "exit handlers ran"]
    assert run.stderr.splitlines()[0] == (
        "careercap project: error: Invalid value for 'PROFILE': missing.yaml: no such file"
    )


# `-` for standard output


RESUME = '{"basics": {"name": "Ada"}, "skills": [{"name": "SQL"}]}\n'


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (["project", "p.yaml", "-o", "-", "-f", "csv"], b"source,document,name,"),
        (["project", "p.yaml", "-o", "-"], b"Amara Okafor"),
        (["project", "p.yaml", "-o", "out.txt", "--svg", "-"], b"<svg "),
        (["project", "p.yaml", "-o", "out.txt", "--html", "-"], b"<!DOCTYPE html>"),
        pytest.param(["report", "p.yaml", "-o", "-"], b"<!DOCTYPE html>", marks=needs_charts),
        pytest.param(["chart", "p.yaml", "-o", "-"], b"<?xml", marks=needs_charts),
        pytest.param(
            ["chart", "p.yaml", "-o", "-", "--format", "png"], b"\x89PNG\r\n\x1a\n", marks=needs_charts
        ),
        pytest.param(["chart", "p.yaml", "-o", "-", "--format", "pdf"], b"%PDF-", marks=needs_charts),
        (["import", "resume.json", "-o", "-"], b"# A careercap profile, imported from resume.json."),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_a_dash_for_an_output_is_standard_output(tmp_path: Path, args: list[str], starts: bytes) -> None:
    (tmp_path / "p.yaml").write_bytes(PROFILE.read_bytes())
    (tmp_path / "resume.json").write_text(RESUME)
    run = subprocess.run(
        [sys.executable, "-m", "careercap", *args],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, **TERMINAL},
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.lstrip().startswith(starts)
    assert not (tmp_path / "-").exists()


@needs_charts
def test_a_binary_chart_is_not_sent_to_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_bytes(PROFILE.read_bytes())
    pid, terminal = pty.fork()
    if pid == 0:  # the child: careercap with a pseudo-terminal for standard output and error
        os.chdir(tmp_path)
        os.execv(
            sys.executable, [sys.executable, "-m", "careercap", "chart", "p.yaml", "-o", "-", "-f", "png"]
        )
    seen = b""
    with contextlib.suppress(OSError):  # the terminal closes when the child ends
        while chunk := os.read(terminal, 4096):
            seen += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 2
    assert b"standard output is a terminal, and this file is binary: pipe it (| ...) or name a file" in seen
    assert b"PNG" not in seen


def test_a_table_and_its_picture_cannot_both_go_to_standard_output(tmp_path: Path) -> None:
    result = careercap("project", str(PROFILE), "--svg", "-", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "careercap project: error: Invalid value for '--svg': the table goes to standard output: "
        "write it with -o FILE to send --svg there"
    )


# Outputs named through descriptors and folders, and standard output


def test_a_file_reached_through_proc_self_cwd_is_written_atomically(tmp_path: Path) -> None:
    (tmp_path / "out.csv").write_text("precious\n")
    (tmp_path / "bad.yaml").write_text("name: x\n")
    command = (
        "project",
        str(PROFILE),
        "bad.yaml",
        "--fail-fast",
        "-f",
        "csv",
        "-o",
        "/proc/self/cwd/out.csv",
    )
    result = careercap(*command, cwd=tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "out.csv").read_text() == "precious\n"  # a failed run leaves it as it was


def test_dev_stdout_appends_where_standard_output_appends(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text("old line\n")
    with log.open("a") as appending:
        result = careercap(
            "project", str(PROFILE), "-f", "csv", "-o", "/dev/stdout", cwd=tmp_path, stdout=appending.fileno()
        )
    assert (result.returncode, result.stderr) == (0, "")
    lines = log.read_text().splitlines()
    assert lines[:2] == [
        "old line",
        "source,document,name,currency,year,income,growth,state,rules,events,employment,baseline_growth,extrapolated,earned",
    ]


def test_a_picture_that_cannot_be_written_is_refused_before_the_table_file_is_replaced(
    tmp_path: Path,
) -> None:
    (tmp_path / "keep.txt").write_text("OLD\n")
    result = careercap("project", str(PROFILE), "-o", "keep.txt", "--svg", "nodir/x.svg", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "careercap project: error: Invalid value for '--svg': cannot write nodir/x.svg: No such file or directory"
    )
    assert (tmp_path / "keep.txt").read_text() == "OLD\n"


@pytest.mark.parametrize("command", [["project", "a.yaml", "-f", "csv"], ["compare", "a.yaml", "b.yaml"]])
def test_standard_output_appending_to_an_input_is_refused(tmp_path: Path, command: list[str]) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_bytes(PROFILE.read_bytes())
    with (tmp_path / "a.yaml").open("a") as appending:
        result = careercap(*command, cwd=tmp_path, stdout=appending.fileno())
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"careercap {command[0]}: error: standard output is also an input; write the output elsewhere"
    )
    assert (tmp_path / "a.yaml").read_bytes() == PROFILE.read_bytes()


def test_a_profile_imported_into_its_exports_folder_may_be_written_again(tmp_path: Path) -> None:
    shutil.copytree(PROFILES / "imports" / "linkedin", tmp_path / "li")
    for _ in range(2):  # the second run replaces what the first wrote
        result = careercap("import", "li", "-o", "li/me.yaml", "--income", "1000", "--force", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "li" / "me.yaml").read_text().startswith("# A careercap profile, imported from li.")


def test_init_names_a_file_whose_name_is_not_utf_8(tmp_path: Path) -> None:
    result = careercap("init", UNDECODED, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == "wrote p\\xff.yaml; fill it in, then run: careercap project p\\xff.yaml\n"
    assert (tmp_path / UNDECODED).read_text(encoding="utf-8").count("p\\xff.yaml") >= 1


@pytest.mark.parametrize("jobs", ["auto", "2"])
def test_workers_start_under_the_tightest_limit_on_open_files(tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    for index in range(300):  # past the first 256 done in one process
        (folder / f"p{index:03}.yaml").write_text(f"name: P{index}\nincome: {1000 + index}\nas_of: 2025\n")
    args = [sys.executable, "-m", "careercap", "project", "cohort", "-f", "csv"]
    one = subprocess.run([*args, "--jobs", "1"], cwd=tmp_path, capture_output=True, timeout=120, check=True)

    def nine_files() -> None:  # a worker opened /dev/null before it closed what it inherited
        resource.setrlimit(resource.RLIMIT_NOFILE, (9, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))

    run = subprocess.run(
        [*args, "--jobs", jobs],
        cwd=tmp_path,
        capture_output=True,
        preexec_fn=nine_files,
        timeout=120,
        check=False,
    )
    assert (run.returncode, run.stderr, run.stdout) == (0, b"", one.stdout)


def test_ctrl_c_is_said_in_one_line(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "careercap", "project", "-", "-f", "csv", "-o", "out.csv"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    process.stdin.write(PROFILE.read_bytes() + b"---\n")
    process.stdin.flush()
    deadline = time.monotonic() + 30
    while not unfinished(process.pid, tmp_path) and time.monotonic() < deadline:  # at work
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert (process.returncode, stderr) == (130, b"careercap: interrupted\n")
    assert entries(tmp_path) == []
