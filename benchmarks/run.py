"""careercap's benchmarks: whole commands, timed as a user runs them.

    python benchmarks/run.py [--profiles N] [--large N] [--runs N]

Each measurement runs careercap and its floor in the same session, alternately, the same
number of times (after one warm-up run each), and prints both medians, their ratio, and
the peak resident memory of each process. The floors:

- the YAML parser itself: a bare Python process that parses the same documents with
  PyYAML's C loader (`yaml.CSafeLoader`) and does nothing else;
- the stack's startup: `benchmarks/minimal_app.py`, one Typer command with four options
  that reads the profile with the C loader, validates two fields with a Pydantic model
  and prints a six-row Rich table.

The synthetic profiles come from `benchmarks/generate.py` (fixed seed), written to a
temporary directory that is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import write_directory, write_stream  # noqa: E402 - the folder was just put on the path

PARSE_STREAM = """
import sys, yaml
with open(sys.argv[1], "rb") as handle:
    for _ in yaml.load_all(handle, Loader=yaml.CSafeLoader):
        pass
"""
PARSE_DIRECTORY = """
import os, sys, yaml
directory = sys.argv[1]
for name in sorted(os.listdir(directory)):
    if name.endswith((".yaml", ".yml")):
        with open(os.path.join(directory, name), "rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
"""


def run_once(command: Sequence[str]) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in KiB of one run. Standard error (the
    warnings of thousands of profiles, say) is kept aside and shown only if the run fails."""
    with tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            last = errors.read().splitlines()[-1:]
            raise SystemExit(f"failed with exit status {process.returncode}: {' '.join(command)}: {last}")
    return elapsed, usage.ru_maxrss


def compare(title: str, ours: Sequence[str], floor: Sequence[str], runs: int, target: float | None) -> None:
    """Run both commands alternately (so that a machine's drift touches both alike) and print
    their medians, peak memory and ratio."""
    run_once(ours), run_once(floor)  # warm-up: file caches, bytecode
    our_runs, floor_runs = [], []
    for _ in range(runs):
        our_runs.append(run_once(ours))
        floor_runs.append(run_once(floor))
    our_time, our_memory = statistics.median(t for t, _ in our_runs), max(m for _, m in our_runs)
    floor_time, floor_memory = statistics.median(t for t, _ in floor_runs), max(m for _, m in floor_runs)
    ratio = our_time / floor_time
    print(title)
    print(f"  careercap {our_time * 1000:9.1f} ms  peak {our_memory / 1024:6.1f} MiB")
    print(f"  floor     {floor_time * 1000:9.1f} ms  peak {floor_memory / 1024:6.1f} MiB")
    if target is None:
        print(f"  ratio     {ratio:9.2f}x")
    else:
        print(f"  ratio     {ratio:9.2f}x   target {target}x: {'within' if ratio <= target else 'OVER'}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--profiles", type=int, default=10_000, help="profiles in the stream and directory")
    parser.add_argument("--large", type=int, default=100_000, help="profiles in the memory run")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (default 5)")
    args = parser.parse_args()
    python = sys.executable
    careercap = [python, "-m", "careercap"]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of {args.runs} runs\n")

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        stream, directory, large = work / "stream.yaml", work / "profiles", work / "large.yaml"
        write_stream(args.profiles, stream)
        write_directory(args.profiles, directory)

        compare(
            f"{args.profiles:,} profiles in one multi-document file, to csv",
            [*careercap, "project", str(stream), "--format", "csv"],
            [python, "-c", PARSE_STREAM, str(stream)],
            args.runs,
            1.5,
        )
        compare(
            f"{args.profiles:,} profiles as separate files in one directory, to csv",
            [*careercap, "project", str(directory), "--format", "csv"],
            [python, "-c", PARSE_DIRECTORY, str(directory)],
            args.runs,
            1.5,
        )
        compare(
            "One profile as a table",
            [*careercap, "project", "profiles/data-engineer.yaml"],
            [python, str(HERE / "minimal_app.py"), "profiles/data-engineer.yaml"],
            max(args.runs, 21),
            1.2,
        )
        compare(
            "One profile as a table, against only importing the stack",
            [*careercap, "project", "profiles/data-engineer.yaml"],
            [python, "-c", "import typer, rich, pydantic, yaml"],
            max(args.runs, 21),
            None,
        )
        write_stream(args.large, large)
        elapsed, memory = run_once([*careercap, "project", str(large), "--format", "csv"])
        print(f"{args.large:,} profiles in one stream, to csv (one run)")
        verdict = "within" if memory <= 100 * 1024 else "OVER"
        print(
            f"  careercap {elapsed * 1000:9.1f} ms  peak {memory / 1024:6.1f} MiB  target 100 MiB: {verdict}"
        )


if __name__ == "__main__":
    main()
