"""Start-up with and without the charts extra: `careercap project` of one profile, run from
two fresh virtual environments, one with `careercap` and one with `careercap[charts]`,
alternating, medians of the runs; and `careercap chart` from the second.

    python benchmarks/startup.py [--runs 15]

The chart libraries are imported only when a chart is drawn, so the two `project` times
should be the same within noise: this measures that they are.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "profiles" / "data-engineer.yaml"


def environment(where: Path, extra: str) -> Path:
    """A fresh virtual environment with careercap (and `extra`) installed; its careercap."""
    venv.EnvBuilder(with_pip=True).create(where)
    python = where / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"{ROOT}{extra}"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return where / "bin" / "careercap"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        print("installing careercap, and careercap[charts], into fresh environments...", file=sys.stderr)
        plain = environment(Path(scratch) / "plain", "")
        charts = environment(Path(scratch) / "charts", "[charts]")
        project = ["project", str(PROFILE)]
        for command in ([str(plain), *project], [str(charts), *project]):
            timed(command)  # warm the file cache and the byte-code
        times: dict[str, list[float]] = {"without": [], "with": [], "chart": []}
        for _ in range(args.runs):
            times["without"].append(timed([str(plain), *project]))
            times["with"].append(timed([str(charts), *project]))
            times["chart"].append(timed([str(charts), "chart", str(PROFILE)]))
        without, with_ = statistics.median(times["without"]), statistics.median(times["with"])
        chart = statistics.median(times["chart"])
        print(f"medians of {args.runs}, alternating")
        print(f"{'careercap project, without the charts extra':<45}{without * 1000:7.0f} ms")
        for label, value in (
            ("careercap project, with the charts extra", with_),
            ("careercap chart (terminal), with the extra", chart),
        ):
            print(f"{label:<45}{value * 1000:7.0f} ms   ratio {value / without:.2f}")


if __name__ == "__main__":
    main()
