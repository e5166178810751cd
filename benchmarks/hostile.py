"""How long careercap takes, and how much memory, to refuse hostile input.

    python benchmarks/hostile.py

For each hostile file (from tests/hostile/, and large ones made here) it runs
`careercap validate FILE` with libyaml's parser and with PyYAML's pure-Python one, and
prints the exit status, the wall time and the peak resident memory of the process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HOSTILE = ROOT / "tests" / "hostile"

PURE = (
    "import sys, careercap.reading.yamlvalues as y; y.Parser = y.PurePythonParser; "
    "from careercap.cli import entry; sys.argv = ['careercap', *sys.argv[1:]]; entry()"
)


def run(command: list[str]) -> tuple[int, float, int]:
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        errors.seek(0)
        said = errors.read().decode("utf-8", "replace")
    if "Traceback" in said or "internal error" in said:  # a broken benchmark, not a figure
        raise SystemExit(f"careercap failed, not refused: {' '.join(command[-2:])}\n{said[-2000:]}")
    return os.waitstatus_to_exitcode(status), time.perf_counter() - start, usage.ru_maxrss


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        # Written a piece at a time: a child process starts with its parent's memory counted.
        with (work / "huge-document.yaml").open("w", encoding="utf-8") as handle:
            handle.write("name: x\nincome: 1\nnotes: |\n")
            for _ in range(400_000):
                handle.write("  lorem ipsum dolor sit amet\n")
        with (work / "huge-line.yaml").open("wb") as handle:
            handle.write(b"name: x\nincome: 1\nnotes: ")
            for _ in range(50):
                handle.write(b"x" * 1_000_000)
        (work / "deeper-flow.yaml").write_text(
            "notes: " + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8"
        )
        files = [HOSTILE / name for name in (
            "billion-laughs.yaml", "billion-laughs-in-notes.yaml", "recursive-alias.yaml",
            "deep-flow.yaml", "deep-mapping.yaml", "deep-block.yaml",
        )] + sorted(work.iterdir())  # fmt: skip
        print(f"{'file':32} {'parser':8} {'exit':>4} {'time':>9} {'peak':>10}")
        for path in files:
            for parser, command in (
                ("libyaml", [sys.executable, "-m", "careercap", "validate", str(path)]),
                ("python", [sys.executable, "-c", PURE, "validate", str(path)]),
            ):
                status, elapsed, memory = run(command)
                print(
                    f"{path.name:32} {parser:8} {status:>4} {elapsed * 1000:7.0f} ms {memory / 1024:6.1f} MiB"
                )


if __name__ == "__main__":
    main()
