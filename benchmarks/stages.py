"""Where one process spends its time on a cohort: each stage of `careercap project STREAM
--format csv`, timed apart, in microseconds per profile.

    python benchmarks/stages.py [--profiles N] [--runs N] [--kind usual|hand]

The stages are those a document goes through: cut from the stream, parsed into values,
validated into a profile, projected, its cautions counted (worded, by builds before CSV
only counted them) and its result gathered (with only what a year's row shows, by builds
that can leave the rest out), written as CSV.
Start-up, standard error and the write to the terminal are not in it (`run.py` times the
whole command). Run it with PYTHONPATH pointing at another checkout to compare builds;
the CSV stage uses `csv_lines` where the build has it, else the csv module.
"""

from __future__ import annotations

import argparse
import csv
import gc
import inspect
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_stream  # noqa: E402 - the folder was just put on the path

from careercap.core import cautions  # noqa: E402
from careercap.core.engine import project  # noqa: E402
from careercap.core.profile import Profile  # noqa: E402
from careercap.core.result import result_of  # noqa: E402
from careercap.reading.diagnostics import validate  # noqa: E402
from careercap.reading.documents import split_documents, stream_chunks  # noqa: E402
from careercap.reading.profiles import KNOWN_KEYS  # noqa: E402
from careercap.reading.rules import default_rules  # noqa: E402
from careercap.reading.yamlvalues import parse  # noqa: E402
from careercap.render import export  # noqa: E402

STAGES = ("cut", "parse", "validate", "project", "cautions+result", "csv")
# What a year's CSV row does not show, left out where the build can leave it out.
ROW_ONLY = {"real": False, "present": False} if "present" in inspect.signature(result_of).parameters else {}


def csv_text(result: object) -> str:
    if hasattr(export, "csv_lines"):
        return export.csv_lines(result)  # type: ignore[arg-type]
    written = io.StringIO()
    csv.writer(written, lineterminator="\r\n").writerows(export.csv_rows(result))  # type: ignore[arg-type]
    return written.getvalue()


def once(data: bytes) -> dict[str, float]:
    """Seconds spent in each stage over the whole stream."""
    rules, spent = default_rules(), dict.fromkeys(STAGES, 0.0)
    clock = time.perf_counter
    start = clock()
    documents = list(split_documents(stream_chunks(io.BytesIO(data)), "stream.yaml"))
    spent["cut"] = clock() - start
    for document in documents:
        start = clock()
        values = parse(document)
        parsed = clock()
        profile, _, _ = validate(Profile, document, values, KNOWN_KEYS, {"income_and_salary": ("salary",)})
        validated = clock()
        assert profile is not None
        projection = project(profile, rules)
        projected = clock()
        getattr(cautions, "caution_count", cautions.cautions)(projection)
        result = result_of("stream.yaml", document.number, projection, (), None, None, **ROW_ONLY)
        gathered = clock()
        csv_text(result)
        written = clock()
        spent["parse"] += parsed - start
        spent["validate"] += validated - parsed
        spent["project"] += projected - validated
        spent["cautions+result"] += gathered - projected
        spent["csv"] += written - gathered
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kind", default="usual", help="the cohort: usual or hand (see generate.py)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        stream = Path(scratch) / "stream.yaml"
        write_stream(args.profiles, stream, kind=args.kind)
        data = stream.read_bytes()
    gc.freeze()  # as `careercap project` does once it has loaded
    runs = [once(data) for _ in range(args.runs)]
    total = statistics.median(sum(run.values()) for run in runs)
    print(f"{args.profiles:,} profiles ({args.kind}), medians of {args.runs} runs")
    for stage in STAGES:
        seconds = statistics.median(run[stage] for run in runs)
        share = seconds / total * 100
        print(f"  {stage:<16} {seconds / args.profiles * 1e6:6.1f} us/profile  {share:4.0f} %")
    print(f"  {'all':<16} {total / args.profiles * 1e6:6.1f} us/profile")


if __name__ == "__main__":
    main()
