"""`careercap plan` against the horizon: how long the search takes at 5, 10, 20 and 50
years, without a catalogue and with one of 30 options, for each objective, medians of a
few runs each, and each as a ratio to a plain `careercap project` of the same profile.

    python benchmarks/plan.py [--runs 3] [--careercap "python -m careercap"] [--worst]

`--worst` runs instead the largest searches `plan` takes on, with a catalogue of 200
options no one of which is cheaper than another in both money and hours (so none is passed
over), and the reported cases that used to run for minutes: the median time and the
largest peak memory of each.

`--careercap` runs another installation (an older checkout's) on the same profiles, for
figures before and after a change. A run that exits 2 (a search refused, or an option
that installation does not have) is timed too, and its exit status shown.
"""

from __future__ import annotations

import argparse
import os
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


def catalogue(count: int = 30) -> str:
    """`count` options of both kinds, fees from nothing to 1,800, some with years of their own:
    the same every run."""
    draw = random.Random(3)
    lines = ["options:"]
    for number in range(count):
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
    return "\n".join(lines) + "\n"


def antichain(count: int) -> str:
    """`count` options, each cheaper than the next in money and dearer in hours."""
    return "options:\n" + "".join(
        f"  - {{name: O{n}, kind: {'skill' if n % 2 else 'certification'}, cost: {10 * n + 5}, "
        f"hours: {2 * (count - n) + 1}}}\n"
        for n in range(count)
    )


def measured(command: list[str], runs: int) -> tuple[float, float, int]:
    """The median wall time of `runs` runs, the largest peak memory of one (MiB), and the
    exit status: each run in a child of its own, so that its peak is its own."""
    times, peak, status = [], 0.0, 0
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, code, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - start)
        status = os.waitstatus_to_exitcode(code)
        peak = max(peak, usage.ru_maxrss / 1024)  # KiB on Linux
    return statistics.median(times), peak, status


def worst(careercap: list[str], runs: int, scratch: Path) -> None:
    print(f"{'case':<78} {'time':>8} {'peak':>9}  exit")
    options = {count: scratch / f"antichain{count}.yaml" for count in (10, 12, 24, 32, 34, 200)}
    for count, path in options.items():
        path.write_text(antichain(count), encoding="utf-8")
    drawn = scratch / "catalogue200.yaml"
    drawn.write_text(catalogue(200), encoding="utf-8")
    for horizon in (9, 10, 16, 50):
        (scratch / f"w{horizon}.yaml").write_text(
            PROFILE.format(skills="  - {name: S, acquired: 2025}") + f"horizon: {horizon}\n", encoding="utf-8"
        )
    (scratch / "wf9.yaml").write_text(  # a freelancer without skills: every option counts
        "name: Freelancer\nemployment: freelancer\nincome: 50000\nas_of: 2025\nhorizon: 9\n", encoding="utf-8"
    )
    net = ["--maximise", "net-gain"]
    npv = ["--maximise", "npv", "--discount-rate", "0.05"]
    weighed = ["--budget", "800", "--max-hours", "100"]
    for case, horizon, extra in (
        (
            "reported: 200 drawn, --max-events 10 --budget 5000 --max-hours 800",
            10,
            [drawn, "--max-events", "10", "--budget", "5000", "--max-hours", "800"],
        ),
        (
            "reported: 200 drawn, net gain, 10 events, budget and hours",
            50,
            [drawn, *net, "--max-events", "10", "--budget", "5000", "--max-hours", "800"],
        ),
        ("reported: 200 drawn, net gain, 4 events", 50, [drawn, *net]),
        ("200 drawn, net gain, 10 events", 10, [drawn, *net, "--max-events", "10"]),
        ("200 in an antichain, net gain, 4 events", 50, [options[200], *net]),
        (
            "32 in an antichain, net gain, 10 events, budget and hours (refused)",
            50,
            [options[32], *net, "--max-events", "10", *weighed],
        ),
        (
            "24 in an antichain, net gain, 10 events, budget and hours (12,000)",
            50,
            [options[24], *net, "--max-events", "10", *weighed],
        ),
        (
            "200 in an antichain, net gain, 10 events, budget and hours (refused)",
            50,
            [options[200], *net, "--max-events", "10", "--budget", "5000", "--max-hours", "800"],
        ),
        (
            "10 in an antichain, npv, 10 events, budget and hours (9,216 of 10,000)",
            9,
            [options[10], *npv, "--max-events", "10", *weighed],
        ),
        (
            "10 in an antichain, npv, 10 events, a freelancer, budget (9,216 of 10,000)",
            "f9",
            [options[10], *npv, "--max-events", "10", "--budget", "300"],
        ),
        (
            "34 in an antichain, npv, 2 events, budget and hours (9,536 of 10,000)",
            16,
            [options[34], *npv, "--max-events", "2", *weighed],
        ),
        (
            "12 in an antichain, npv, 6 events, budget and hours (refused)",
            50,
            [options[12], *npv, "--max-events", "6", *weighed],
        ),
    ):
        command = [*careercap, "plan", str(scratch / f"w{horizon}.yaml"), "--catalogue", *map(str, extra)]
        elapsed, peak, status = measured(command, runs)
        print(f"{case + f' (horizon {horizon})':<78} {elapsed:>7.2f}s {peak:>6.0f}MiB  {status}")


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
    parser.add_argument("--worst", action="store_true", help="the largest searches, with peak memory")
    args = parser.parse_args()
    careercap = shlex.split(args.careercap)
    if args.worst:
        print(f"{args.careercap}; medians of {args.runs}; peak = the largest resident size of a run\n")
        with tempfile.TemporaryDirectory() as scratch:
            worst(careercap, args.runs, Path(scratch))
        return
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
                    "catalogue: npv at 5 % (4 events)",
                    [*catalogued, "--maximise", "npv", "--discount-rate", "0.05"],
                ),
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
