"""The commands that cannot stream, at scale: `compare` of many documents and `project
--summary` as a table. Time and peak memory of each, and how they grow with the count.

    python benchmarks/commands.py [--counts 2500,10000] [--careercap "python -m careercap"] [--only compare]

`--careercap` runs another installation (an older checkout's, say) on the same inputs, for
figures before and after a change. One run of each command per count: the point is how
they grow, which doubles of the count show (linear: time and memory double at most).
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_stream  # noqa: E402 - the folder was just put on the path
from run import run_once  # noqa: E402 - as above


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--counts", default="2500,5000,10000", help="document counts, comma-separated")
    parser.add_argument(
        "--careercap", default=f"{sys.executable} -m careercap", help="the command to measure"
    )
    parser.add_argument(
        "--only", help="measure only the commands whose title starts with this, e.g. 'compare'"
    )
    args = parser.parse_args()
    careercap = shlex.split(args.careercap)
    counts = [int(count) for count in args.counts.split(",")]
    print(f"{args.careercap}; one run each\n")
    print(f"{'command':<40} {'documents':>9} {'time':>9} {'peak':>10}")
    with tempfile.TemporaryDirectory() as scratch:
        for count in counts:
            stream = Path(scratch) / f"{count}.yaml"
            write_stream(count, stream, currency="USD")
            for title, command in (
                ("compare --format json", ["compare", str(stream), "--format", "json"]),
                ("project --summary (table)", ["project", str(stream), "--summary"]),
                ("project --summary --format csv", ["project", str(stream), "--summary", "--format", "csv"]),
            ):
                if args.only and not title.startswith(args.only):
                    continue
                elapsed, memory = run_once([*careercap, *command])
                print(f"{title:<40} {count:>9,} {elapsed:>8.2f}s {memory / 1024:>7.1f} MiB")


if __name__ == "__main__":
    main()
