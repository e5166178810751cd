"""JSON Lines in: one profile per line, read by every command as YAML profiles are."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.cli.test_jobs import careercap, started, watchdog
from tests.conftest import PROFILES, Invoke, Write, Yaml12Loader

EXAMPLES = [
    PROFILES / name for name in ("data-engineer.yaml", "freelancer.yaml", "finance-clerk-with-plan.yaml")
]


def as_json(path: Path) -> str:
    """The profile of a YAML file as one JSON line, as a jq or duckdb pipeline writes it."""
    return json.dumps(yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader), default=str)


def both(write: Write) -> tuple[str, str]:
    """The examples written twice: as one YAML stream, and as JSON Lines."""
    stream = write("people.yaml", "---\n".join(path.read_text(encoding="utf-8") for path in EXAMPLES))
    lines = write("people.jsonl", "".join(as_json(path) + "\n" for path in EXAMPLES))
    return stream, lines


@pytest.mark.parametrize(
    "args", [("-f", "csv"), ("-f", "csv", "--summary"), ("-f", "json"), ("-f", "jsonl")], ids=str
)
def test_json_lines_project_as_the_same_profiles_in_yaml(
    cli: Invoke, write: Write, args: tuple[str, ...]
) -> None:
    stream, lines = both(write)
    from_yaml = cli("project", stream, *args)
    from_json = cli("project", lines, *args)
    assert (from_json.exit_code, from_json.stderr) == (0, "")
    assert from_json.stdout == from_yaml.stdout.replace("people.yaml", "people.jsonl")


def test_a_bad_line_is_one_located_error_and_the_others_are_projected(cli: Invoke, write: Write) -> None:
    good = '{"name": "Ada", "income": 50000, "as_of": 2025, "horizon": 2}'
    path = write(
        "people.jsonl",
        f"{good}\n\n"
        '{"name": "Bo", "income": "lots", "as_of": 2025}\n'
        '{"name": "Cy",\n'
        "[]\n"
        '{"name": "Di", "income": 1, "income": 2}\n'
        f"{good.replace('Ada', 'Eve')}\n",
    )
    result = cli("project", path, "-f", "csv", "--summary")
    assert result.exit_code == 1
    assert result.stderr == (
        "people.jsonl:3:26: error: income: must be a number, not 'lots'\n"
        "people.jsonl:4:1: error: this object is not closed before the line ends: each profile is one JSON "
        "object on one line (jq -c writes them so)\n"
        'people.jsonl:5:1: error: a profile is a JSON object with keys such as "name" and "income", not an '
        "array\n"
        "people.jsonl:6:29: error: duplicate key 'income': each key may appear once\n"
    )
    rows = [row.split(",")[:3] for row in result.stdout.splitlines()[1:]]
    assert rows == [["people.jsonl", "1", "Ada"], ["people.jsonl", "6", "Eve"]]


def test_validate_says_where_each_bad_line_is(cli: Invoke, write: Write) -> None:
    path = write("people.ndjson", '{"name": "Ada", "income": 1}\r\n{"name": "Bo", "income": 0}\r\n')
    result = cli("validate", path)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "people.ndjson:2:26: error: income: must be greater than 0\n"
    assert cli("validate", path, "-f", "json").stdout.count('"line": 2') == 1


def test_standard_input_is_read_as_json_lines_when_asked(cli: Invoke, write: Write) -> None:
    _, lines = both(write)
    text = Path(lines).read_text(encoding="utf-8")
    from_file = cli("project", lines, "-f", "csv")
    piped = cli("project", "-", "--input-format", "jsonl", "-f", "csv", input=text)
    assert (piped.exit_code, piped.stderr) == (0, "")
    assert piped.stdout == from_file.stdout.replace("people.jsonl", "-")
    assert cli("validate", "-", "--input-format", "JSONL", input=text).exit_code == 0
    as_yaml = cli("validate", "-", input=text)  # several JSON objects are no YAML document
    assert as_yaml.exit_code == 1
    assert as_yaml.stderr.startswith("-:2:1: error: ")


def test_the_input_format_reads_a_file_whose_name_says_neither(cli: Invoke, write: Write) -> None:
    path = write("people.json", '{"name": "Ada", "income": 1}\n{"name": "Bo", "income": 2}\n')
    assert cli("validate", path).exit_code == 1
    assert cli("validate", path, "--input-format", "jsonl").exit_code == 0
    yaml_named = write("one.yaml", "name: Ada\nincome: 1\n")  # its name says YAML: read as YAML
    assert cli("validate", yaml_named, "--input-format", "jsonl").exit_code == 0


def test_an_input_format_that_is_none_is_a_usage_error(cli: Invoke) -> None:
    result = cli("project", "-", "--input-format", "csv", input="")
    assert result.exit_code == 2
    assert "must be one of yaml, jsonl, not 'csv'" in result.stderr


def test_an_empty_json_lines_file_is_an_error(cli: Invoke, write: Write) -> None:
    result = cli("validate", write("none.jsonl", "\n \n"))
    assert result.exit_code == 1
    assert result.stderr == (
        'none.jsonl: error: is empty: each line holds one profile, a JSON object with at least "name" and '
        '"income"\n'
    )


def test_a_folder_gives_its_json_lines_beside_its_yaml(cli: Invoke, write: Write) -> None:
    os.mkdir("cohort")
    write("cohort/a.yaml", "name: A\nincome: 1\nas_of: 2025\n")
    write(
        "cohort/b.jsonl",
        '{"name": "B1", "income": 1, "as_of": 2025}\n{"name": "B2", "income": 1, "as_of": 2025}\n',
    )
    write("cohort/c.ndjson", '{"name": "C", "income": 1, "as_of": 2025}\n')
    write("cohort/d.json", '{"name": "D", "income": 1, "as_of": 2025}\n')
    result = cli("project", "cohort", "-f", "csv", "--summary")
    assert result.exit_code == 0, result.stderr
    assert [row.split(",")[:3] for row in result.stdout.splitlines()[1:]] == [
        ["cohort/a.yaml", "1", "A"],
        ["cohort/b.jsonl", "1", "B1"],
        ["cohort/b.jsonl", "2", "B2"],
        ["cohort/c.ndjson", "1", "C"],
    ]
    assert cli("validate", "cohort", "-v").stdout.endswith("4 profiles in 3 files: all valid\n")


def usd(write: Write) -> str:
    """Two of the examples, in one currency (as compare and chart want), as JSON Lines."""
    people = [PROFILES / "data-engineer.yaml", PROFILES / "freelancer.yaml"]
    return write("usd.jsonl", "".join(as_json(path) + "\n" for path in people))


def test_every_command_that_reads_profiles_reads_json_lines(cli: Invoke, write: Write) -> None:
    lines = usd(write)
    one = write("one.jsonl", as_json(PROFILES / "finance-clerk.yaml") + "\n")
    assert cli("compare", lines).exit_code == 0
    assert cli("explain", lines).stdout.startswith("Priya Raman (usd.jsonl): ")
    planned = cli("plan", one)
    assert planned.exit_code == 0, planned.stderr
    assert planned.stdout.startswith("Tomasz Nowak (one.jsonl): ")


def test_chart_and_report_read_json_lines(cli: Invoke, write: Write) -> None:
    pytest.importorskip("matplotlib")
    lines = usd(write)
    assert cli("chart", lines, "-o", "people.svg").exit_code == 0
    assert cli("report", lines, "-o", "people.html").exit_code == 0
    assert "Amara Okafor" in Path("people.html").read_text(encoding="utf-8")


def cohort(count: int) -> bytes:
    """`count` JSON lines, every 997th of them invalid."""
    lines = []
    for index in range(count):
        income: object = "lots" if index % 997 == 500 else 40000 + index
        lines.append(json.dumps({"name": f"P{index}", "income": income, "as_of": 2025, "horizon": 2}))
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(
    ("args", "count"),
    [(("-f", "csv"), 10_000), (("-f", "json"), 2_000)],
    ids=["csv of 10,000 lines", "json of 2,000 lines"],
)
def test_a_long_stream_gives_the_same_bytes_whatever_the_jobs(
    tmp_path: Path, args: tuple[str, ...], count: int
) -> None:
    lines = cohort(count)
    (tmp_path / "big.jsonl").write_bytes(lines)
    one = careercap("project", "big.jsonl", *args, "--jobs", "1", cwd=tmp_path)
    assert one.status == 1
    assert one.stderr.count(b"error: income: must be a number, not 'lots'") == len(range(500, count, 997))
    assert one.stderr.startswith(b"big.jsonl:501:")
    assert one.stdout.count(b",P9,") + one.stdout.count(b'"name": "P9"') >= 1
    assert careercap("project", "big.jsonl", *args, "--jobs", "2", cwd=tmp_path) == one
    piped = careercap(
        "project", "-", "--input-format", "jsonl", *args, "--jobs", "2", cwd=tmp_path, stdin=lines
    )
    assert piped.status == 1
    assert piped.stdout == one.stdout.replace(b"big.jsonl", b"-")
    assert piped.stderr == one.stderr.replace(b"big.jsonl:", b"-:")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_each_line_is_written_before_the_next_is_read(tmp_path: Path, jobs: str) -> None:
    command = ("project", "-", "--input-format", "jsonl", "-f", "csv", "--summary", "--jobs", jobs)
    with (
        started(*command, cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE) as process,
        watchdog(process),
    ):
        assert process.stdin is not None
        assert process.stdout is not None
        process.stdin.write(b'{"name": "First", "income": 1, "as_of": 2025}\n')
        process.stdin.flush()
        header = process.stdout.readline()
        first = process.stdout.readline()  # arrives while standard input is still open
        process.stdin.write(b'{"name": "Second", "income": 1, "as_of": 2025}')  # no line end last
        process.stdin.close()
        rest = process.stdout.read()
        status = process.wait(timeout=60)
    assert status == 0
    assert header.startswith(b"source,")
    assert first.startswith(b"-,1,First,")
    assert rest.startswith(b"-,2,Second,")
