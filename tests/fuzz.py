"""A bounded fuzz run of careercap's loader: random bytes and mutated example profiles.

    python -m tests.fuzz --seconds 60 [--seed N]

Every input must come back as loaded documents (profiles or located errors); anything
else (an exception, a document with an error but no position inside the input) is a
failure, printed with the seed and case number that reproduce it.
"""

from __future__ import annotations

import argparse
import io
import random
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from careercap.core.engine import project
from careercap.reading.profiles import load_stream
from careercap.reading.rules import default_rules

SEEDS = [path.read_bytes() for path in sorted((Path(__file__).parent.parent / "profiles").glob("*.yaml"))]
SEEDS += [path.read_bytes() for path in sorted((Path(__file__).parent / "hostile").glob("*.yaml"))]
TOKENS = [b"---\n", b"...\n", b": ", b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"!!python/object ", b"\t",
          b"\x00", b"\xff", b"\xef\xbb\xbf", b"'", b'"', b"\\", b"#", b"|\n", b">\n", b"~", b"\n  ", b"?", b"%YAML 1.2\n"]  # fmt: skip


@dataclass
class Report:
    cases: int = 0
    profiles: int = 0
    errors: int = 0
    failures: list[str] = field(default_factory=list)


def mutate(rng: random.Random) -> bytes:
    """A random input: pure noise now and then, mostly an example or hostile file mutated."""
    if rng.random() < 0.1:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(200)))
    data = bytearray(rng.choice(SEEDS))
    for _ in range(rng.randrange(1, 6)):
        action = rng.randrange(4)
        at = rng.randrange(len(data) + 1)
        if action == 0 and data:  # flip a byte
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif action == 1:  # insert a YAML token
            data[at:at] = rng.choice(TOKENS)
        elif action == 2 and data:  # cut a piece out
            del data[at : at + rng.randrange(1, 40)]
        else:  # repeat a piece
            data[at:at] = data[at : at + rng.randrange(1, 80)]
    return bytes(data)


def check(data: bytes, report: Report) -> None:
    lines = data.count(b"\n") + data.count(b"\r") + 1  # a lone CR ends a line too
    rules = default_rules()
    for loaded in load_stream(io.BytesIO(data), "fuzz.yaml"):
        if loaded.profile is not None:
            report.profiles += 1
            project(loaded.profile, rules)
        for error in loaded.errors:
            report.errors += 1
            where = error.where
            if where.line is not None and not 1 <= where.line <= lines + 1:
                raise AssertionError(f"error points outside the input: {error}")


def fuzz(cases: int | None = None, seconds: float | None = None, seed: int = 0) -> Report:
    rng = random.Random(seed)
    report = Report()
    deadline = None if seconds is None else time.monotonic() + seconds
    while (cases is None or report.cases < cases) and (deadline is None or time.monotonic() < deadline):
        data = mutate(rng)
        try:
            check(data, report)
        except Exception:  # the point of a fuzz run: collect whatever escapes
            report.failures.append(f"seed {seed}, case {report.cases}: {traceback.format_exc(limit=3)}")
        report.cases += 1
    return report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=60, help="how long to run (default 60)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args()
    started = time.monotonic()
    report = fuzz(seconds=args.seconds, seed=args.seed)
    took = time.monotonic() - started
    print(f"{report.cases} inputs in {took:.0f} s: {report.profiles} profiles projected, "
          f"{report.errors} located errors, {len(report.failures)} failures")  # fmt: skip
    for failure in report.failures[:10]:
        print(failure)
    raise SystemExit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
