"""careercap's benchmarks: whole commands, timed as a user runs them.

    python benchmarks/run.py [--profiles N] [--large N] [--runs N] [--kinds usual,hand]
                             [--careercap COMMAND]

Each group runs careercap and its floor in the same session, in turn (one round runs
every command of the group once, after one warm-up round), and prints the medians, each
command's ratio to the floor, and the peak resident memory of each process (with
workers, the largest process). The floors:

- the YAML parser itself: a bare Python process that parses the same documents with
  PyYAML's C loader (`yaml.CSafeLoader`) and does nothing else; one core;
- the stack's start-up: `benchmarks/minimal_app.py`, one Typer command with four options
  that reads the profile with the C loader, validates two fields with a Pydantic model
  and prints a six-row Rich table.

The batch runs write CSV with `--jobs 1`, `--jobs 2` and the default (`auto`: the usable
cores, once the input proves larger than a few hundred documents). Beside them, the floor
runs twice at once, each on all of the input: what two cores give on this machine at the
time (1.00x would be two whole cores; a shared virtual machine gives less, and so does
every `--jobs 2` run beside it).

Every command runs with its bytecode cached, as an installed package has it (the
environment's PYTHONDONTWRITEBYTECODE is dropped, so the warm-up round writes it).
`--careercap` runs another build, e.g. `--careercap "env PYTHONPATH=/old/checkout python
-P -m careercap"` (without --jobs where that build has none: `--no-jobs`). The
synthetic profiles come from `benchmarks/generate.py` (fixed seed), written to a
temporary directory that is removed afterwards. The batch runs are timed on both of its
kinds of cohort (`--kinds`): the `usual` one, every value plain, and the `hand` one,
written as people write by hand (quotes, comments, flow lists, `certifications: []`,
horizons of 1 to 15).
"""

from __future__ import annotations

import argparse
import os
import shlex
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
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: Sequence[str]) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in KiB of one run (of its largest
    process). Standard error (the warnings of thousands of profiles, say) is kept aside
    and shown only if the run fails."""
    with tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT, env=ENVIRONMENT
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            last = errors.read().splitlines()[-1:]
            raise SystemExit(f"failed with exit status {process.returncode}: {' '.join(command)}: {last}")
    return elapsed, usage.ru_maxrss


def race(
    title: str,
    floor: tuple[str, Sequence[str]],
    commands: Sequence[tuple[str, Sequence[str], float | None]],
    runs: int,
) -> None:
    """Run the floor and every command in turn, `runs` rounds after a warm-up round (so
    that the machine's drift touches all alike), and print medians, peaks and ratios
    against the floor, with each command's target, if it has one. How noisy the machine
    was: the floor's fastest and slowest round, and the lowest and highest of each
    command's ratios to the floor of its own round."""
    everything = [(floor[0], floor[1], None), *commands]
    for _, command, _ in everything:
        run_once(command)  # warm-up: file caches, bytecode
    timings: dict[str, list[tuple[float, int]]] = {name: [] for name, _, _ in everything}
    for _ in range(runs):
        for name, command, _ in everything:
            timings[name].append(run_once(command))
    floor_time = statistics.median(elapsed for elapsed, _ in timings[floor[0]])
    print(title)
    for name, _, target in everything:
        elapsed = statistics.median(seconds for seconds, _ in timings[name])
        memory = max(peak for _, peak in timings[name]) / 1024
        line = f"  {name:<23} {elapsed * 1000:9.1f} ms  peak {memory:6.1f} MiB"
        if name == floor[0]:
            fastest, slowest = min(timings[name])[0], max(timings[name])[0]
            line += f"  rounds {fastest * 1000:.0f}-{slowest * 1000:.0f} ms"
        else:
            ratio = elapsed / floor_time
            line += f"  {ratio:5.2f}x"
            if target is not None:
                line += f"  target {target}x: {'within' if ratio <= target else 'OVER'}"
            rounds = [
                mine / base for (mine, _), (base, _) in zip(timings[name], timings[floor[0]], strict=True)
            ]
            line += f"  rounds {min(rounds):.2f}-{max(rounds):.2f}x"
        print(line)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--profiles", type=int, default=10_000, help="profiles in the stream and directory")
    parser.add_argument("--large", type=int, default=100_000, help="profiles in the memory run (0: none)")
    parser.add_argument("--runs", type=int, default=5, help="timed rounds of the batch runs (default 5)")
    parser.add_argument("--careercap", help="the command that runs careercap (default: this Python's)")
    parser.add_argument("--no-jobs", action="store_true", help="time that command without --jobs")
    parser.add_argument(
        "--kinds",
        default="usual,hand",
        help="the cohorts of the batch runs, comma-separated (default usual,hand)",
    )
    args = parser.parse_args()
    python = sys.executable
    careercap = shlex.split(args.careercap) if args.careercap else [python, "-m", "careercap"]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of {args.runs} rounds\n")

    def batch(path: Path, parse: str) -> list[tuple[str, Sequence[str], float | None]]:
        command = [*careercap, "project", str(path), "--format", "csv"]
        # What two cores give here: the parse-only floor twice at once, each process on
        # all of the input (1.00x if the machine ran both as fast as one alone).
        twice = ["sh", "-c", 'python="$0"; "$python" -c "$1" "$2" & "$python" -c "$1" "$2"; wait']
        both = ("parse only, 2 at once", [*twice, python, parse, str(path)], None)
        if args.no_jobs:
            return [("careercap", command, 1.2), both]
        return [
            ("careercap --jobs 1", [*command, "--jobs", "1"], 1.2),
            ("careercap --jobs 2", [*command, "--jobs", "2"], 0.7),
            ("careercap (auto)", command, None),
            both,
        ]

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        large = work / "large.yaml"
        for kind in args.kinds.split(","):
            stream, directory = work / f"{kind}.yaml", work / kind
            write_stream(args.profiles, stream, kind=kind)
            write_directory(args.profiles, directory, kind=kind)
            race(
                f"{args.profiles:,} profiles ({kind}) in one multi-document file, to csv",
                ("parse only (1 core)", [python, "-c", PARSE_STREAM, str(stream)]),
                batch(stream, PARSE_STREAM),
                args.runs,
            )
            race(
                f"{args.profiles:,} profiles ({kind}) as separate files in one directory, to csv",
                ("parse only (1 core)", [python, "-c", PARSE_DIRECTORY, str(directory)]),
                batch(directory, PARSE_DIRECTORY),
                args.runs,
            )
        one = "profiles/data-engineer.yaml"
        race(
            "One profile as a table",
            ("minimal app", [python, str(HERE / "minimal_app.py"), one]),
            [
                ("careercap", [*careercap, "project", one], 1.0),
                ("import the stack only", [python, "-c", "import typer, rich, pydantic, yaml"], None),
            ],
            max(args.runs * 4, 21),
        )
        if args.large:
            write_stream(args.large, large)
            print(f"{args.large:,} profiles in one stream, to csv (one run each)")
            for name, extra in (("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"])):
                if args.no_jobs and extra:
                    continue
                elapsed, memory = run_once([*careercap, "project", str(large), "--format", "csv", *extra])
                verdict = "within" if memory <= 100 * 1024 else "OVER"
                print(
                    f"  careercap {name:<12} {elapsed * 1000:9.1f} ms  peak {memory / 1024:6.1f} MiB"
                    f"  target 100 MiB: {verdict}"
                )


if __name__ == "__main__":
    main()
