"""The library does what the command line does: `careercap.project_many` streams a cohort
to a file or a stream, with workers, and its output is the command's, byte for byte."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from careercap import Overrides, project_many
from careercap.errors import UsageError
from tests.conftest import PROFILES


def command(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "careercap", *args], cwd=cwd, capture_output=True, timeout=120, check=False
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_cohort_to_a_file_is_what_the_command_writes(tmp_path: Path, jobs: int) -> None:
    project_many([str(PROFILES)], output=str(tmp_path / "lib.csv"), jobs=jobs, summary=True)
    run = command("project", str(PROFILES), "--summary", "-o", str(tmp_path / "cli.csv"), cwd=tmp_path)
    assert run.returncode == 0
    assert (tmp_path / "lib.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()


def test_a_stream_receives_json_lines_and_problems_come_back_as_lines(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("name: Bad\nincome: lots\n")
    (tmp_path / "good.yaml").write_bytes((PROFILES / "freelancer.yaml").read_bytes())
    said: list[str] = []
    stream = io.StringIO()
    errors = project_many(
        [str(tmp_path)],
        output=stream,
        output_format="jsonl",
        overrides=Overrides(horizon=2),
        report=said.append,
    )
    assert [str(error) for error in errors] == [
        f"{tmp_path}/bad.yaml:2:9: error: income: must be a number, not 'lots'"
    ]
    assert "".join(said) == f"{tmp_path}/bad.yaml:2:9: error: income: must be a number, not 'lots'\n"
    rows = stream.getvalue().splitlines()
    assert len(rows) == 1
    assert '"horizon": 2' in rows[0]


def test_an_output_that_is_an_input_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_bytes((PROFILES / "freelancer.yaml").read_bytes())
    with pytest.raises(UsageError, match=r"p\.yaml is also an input; write the output elsewhere"):
        project_many([str(profile)], output=str(profile), output_format="csv")
    assert profile.read_bytes() == (PROFILES / "freelancer.yaml").read_bytes()


def test_one_path_may_be_given_as_a_path_and_jobs_are_held_to_their_bounds(tmp_path: Path) -> None:
    stream = io.StringIO()
    project_many(PROFILES / "freelancer.yaml", output=stream, output_format="csv", jobs="auto")
    assert stream.getvalue().splitlines()[1].startswith(f"{PROFILES / 'freelancer.yaml'},1,Amara Okafor,")
    for jobs in (0, 257, "3", None):
        with pytest.raises(UsageError, match=r"jobs is a count of processes from 1 to 256, or 'auto'"):
            project_many([str(PROFILES)], output=io.StringIO(), jobs=jobs)  # type: ignore[arg-type]  # wrong on purpose
