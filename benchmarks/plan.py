"""`careercap plan` against the horizon: how long the search takes at 5, 10, 20 and 50
years, with a target and without, medians of a few runs each.

    python benchmarks/plan.py [--runs 3] [--careercap "python -m careercap"]

`--careercap` runs another installation (an older checkout's) on the same profiles, for
figures before and after a change. A run that exits 2 (a search refused) is timed too.
"""

from __future__ import annotations

import argparse
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
    print(f"{args.careercap}; medians of {args.runs}\n")
    print(f"{'horizon':>7}  {'case':<44} {'time':>8}  exit")
    with tempfile.TemporaryDirectory() as scratch:
        for horizon in (5, 10, 20, 50):
            # A skill every four years: some static years to plan away, at any horizon.
            skills = "".join(
                f"  - {{name: S{year}, acquired: {year}}}\n" for year in range(2025, 2026 + horizon, 4)
            )
            path = Path(scratch) / f"h{horizon}.yaml"
            path.write_text(
                PROFILE.format(skills=skills.rstrip("\n")) + f"horizon: {horizon}\n", encoding="utf-8"
            )
            summary = subprocess.run(
                [*careercap, "project", str(path), "--summary", "-f", "csv"],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            target = str(round(float(summary.splitlines()[1].split(",")[7]) * 1.1))  # final income x 1.1
            for case, extra in (
                ("out of static, --max-events 10", ["--max-events", "10"]),
                ("and reach 1.1x the final income", ["--target", target, "--max-events", "10"]),
            ):
                elapsed, status = timed([*careercap, "plan", str(path), *extra], args.runs)
                print(f"{horizon:>7}  {case:<44} {elapsed:>7.2f}s  {status}")


if __name__ == "__main__":
    main()
