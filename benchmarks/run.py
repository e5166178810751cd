"""careercap's benchmarks: wall time of whole commands, as a user runs them.

    python benchmarks/run.py [--runs N]

Prints, for each measurement, the median over N runs (after one warm-up run), the
floor it is compared with, and their ratio. Run it in the environment careercap is
installed in; both sides of each ratio are measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "profiles" / "data-engineer.yaml"


def median_seconds(command: list[str], runs: int) -> float:
    """Median wall time of a command over `runs` runs, after one warm-up run."""
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compare(title: str, command: list[str], floor: list[str], runs: int) -> None:
    ours = median_seconds(command, runs)
    base = median_seconds(floor, runs)
    print(title)
    print(f"  careercap  {ours * 1000:8.1f} ms  ({' '.join(command[2:])})")
    print(f"  floor      {base * 1000:8.1f} ms  ({' '.join(floor[1:])})")
    print(f"  ratio      {ours / base:8.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=21, help="timed runs per command (default 21)")
    args = parser.parse_args()
    python = sys.executable
    compare(
        f"One profile as a table, median of {args.runs} runs",
        [python, "-m", "careercap", "project", str(PROFILE.relative_to(ROOT))],
        [python, "-c", "import typer, rich, pydantic, yaml"],
        args.runs,
    )


if __name__ == "__main__":
    main()
