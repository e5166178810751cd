"""`careercap plan` against the horizon: how long the search takes at 5, 10, 20 and 50
years, without a catalogue and with one of 30 options, for each objective, medians of a
few runs each, and each as a ratio to a plain `careercap project` of the same profile.

    python benchmarks/plan.py [--runs 3] [--careercap "python -m careercap"]

`--careercap` runs another installation (an older checkout's) on the same profiles, for
figures before and after a change. A run that exits 2 (a search refused, or an option
that installation does not have) is timed too, and its exit status shown.
"""

from __future__ import annotations

import argparse
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROFILE = """\
name: Clerk
income: 48000
currency: EUR
as_of: 2025
baseline_growth: 0.025
skills:
{skills}
"""


def catalogue() -> str:
    """30 options of both kinds, fees from nothing to 1,800, some with years of their own,
    a few certifications repeatable: the same every run."""
    draw = random.Random(3)
    lines = ["options:"]
    for number in range(30):
        lines += [
            f"  - name: Option {number}",
            f"    kind: {'certification' if number % 2 else 'skill'}",
            f"    cost: {draw.choice([0, 49, 90, 150, 395, 1200, 1800])}",
            f"    hours: {draw.choice([8, 20, 40, 60, 300])}",
        ]
        if number % 5 == 0:
            lines.append(f"    earliest: {2026 + draw.randint(0, 9)}")
        if number % 10 == 3:
            lines.append(f"    latest: {2031 + draw.randint(0, 9)}")
        if number % 7 == 1 and number % 2:  # certifications: a skill is held once
            lines.append("    repeatable: true")
    return "\n".join(lines) + "\n"


def timed(command: list[str], runs: int) -> tuple[float, int]:
    """The median wall time of `runs` runs, and the exit status."""
    times, status = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        status = subprocess.run(command, capture_output=True, check=False).returncode
        times.append(time.perf_counter() - start)
    return statistics.median(times), status


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--careercap", default=f"{sys.executable} -m careercap")
    args = parser.parse_args()
    careercap = shlex.split(args.careercap)
    print(f"{args.careercap}; medians of {args.runs}; x = the time of `project` on the same profile\n")
    print(f"{'horizon':>7}  {'case':<62} {'time':>8} {'x':>6}  exit")
    with tempfile.TemporaryDirectory() as scratch:
        options = Path(scratch) / "catalogue.yaml"
        options.write_text(catalogue(), encoding="utf-8")
        for horizon in (5, 10, 20, 50):
            # A skill every four years: some static years to plan away, at any horizon.
            skills = "".join(
                f"  - {{name: S{year}, acquired: {year}}}\n" for year in range(2025, 2026 + horizon, 4)
            )
            path = Path(scratch) / f"h{horizon}.yaml"
            path.write_text(
                PROFILE.format(skills=skills.rstrip("\n")) + f"horizon: {horizon}\n", encoding="utf-8"
            )
            plain, _ = timed([*careercap, "project", str(path)], args.runs)
            print(f"{horizon:>7}  {'project (the plain projection)':<62} {plain:>7.2f}s {1:>5.1f}x  0")
            summary = subprocess.run(
                [*careercap, "project", str(path), "--summary", "-f", "csv"],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            target = str(round(float(summary.splitlines()[1].split(",")[7]) * 1.1))  # final income x 1.1
            catalogued = ["--catalogue", str(options)]
            for case, extra in (
                ("out of static, --max-events 10", ["--max-events", "10"]),
                ("and reach 1.1x the final income", ["--target", target, "--max-events", "10"]),
                ("catalogue: fewest events, --max-events 10", [*catalogued, "--max-events", "10"]),
                (
                    "catalogue: 1.1x at least cost, --max-events 10",
                    [*catalogued, "--target", target, "--max-events", "10"],
                ),
                ("catalogue: net gain (4 events, the default)", [*catalogued, "--maximise", "net-gain"]),
                (
                    "catalogue: net gain, --max-events 10",
                    [*catalogued, "--maximise", "net-gain", "--max-events", "10"],
                ),
                (
                    "catalogue: net gain, 10 events, --budget 1000 --max-hours 200",
                    [
                        *catalogued,
                        "--maximise",
                        "net-gain",
                        "--max-events",
                        "10",
                        "--budget",
                        "1000",
                        "--max-hours",
                        "200",
                    ],
                ),
            ):
                elapsed, status = timed([*careercap, "plan", str(path), *extra], args.runs)
                print(f"{horizon:>7}  {case:<62} {elapsed:>7.2f}s {elapsed / plain:>5.1f}x  {status}")


if __name__ == "__main__":
    main()
