"""Checked-in output of the example profiles (tests/expected/), and how to refresh it.

After a deliberate change to the output, run `python -m tests.expected_output`: it
rewrites tests/expected/ and the output shown in README.md's console blocks. Read the
diff, and commit it with the change.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from typer.testing import CliRunner, Result

from careercap.cli.app import app
from tests.conftest import EXAMPLES, ROOT, TERMINAL

EXPECTED = Path(__file__).parent / "expected"
FORMATS = {"table": ".txt", "json": ".json"}


def run_example(profile: Path, output_format: str) -> Result:
    """`careercap project profiles/NAME.yaml --format FORMAT`, run from the repository's top."""
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        source = str(profile.relative_to(ROOT))
        return CliRunner(env=TERMINAL).invoke(app, ["project", source, "--format", output_format])
    finally:
        os.chdir(here)


def expected_path(profile: Path, output_format: str) -> Path:
    return EXPECTED / (profile.stem + FORMATS[output_format])


def refresh() -> None:
    EXPECTED.mkdir(exist_ok=True)
    for profile in EXAMPLES:
        for output_format in FORMATS:
            result = run_example(profile, output_format)
            assert result.exit_code == 0, result.stderr
            expected_path(profile, output_format).write_text(result.stdout, encoding="utf-8")
            print("wrote", expected_path(profile, output_format).relative_to(ROOT))


def refresh_readme() -> None:
    """Rerun every `$ careercap ...` of README.md's console blocks and put in its output."""
    from tests.test_docs import replay_block  # noqa: PLC0415 - a tool for maintainers, not for the tests

    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        text = text.replace(block, replay_block(block), 1)
    readme.write_text(text, encoding="utf-8")
    print("wrote README.md")


if __name__ == "__main__":
    refresh()
    refresh_readme()
