"""`careercap project` for scripts: many inputs, streams, formats, files, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROFILES, ROOT, Invoke

Write = Callable[..., str]


def person(name: str, income: int = 50000, extra: str = "") -> str:
    return f"name: {name}\nincome: {income}\nas_of: 2025\nhorizon: 2\n{extra}"


def csv_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# Inputs -------------------------------------------------------------------------------


def test_a_directory_gives_its_yaml_files_sorted_by_name(cli: Invoke, write: Write) -> None:
    os.mkdir("cohort")
    write("cohort/b.yaml", person("B"))
    write("cohort/a.yml", person("A"))
    write("cohort/notes.txt", "not a profile")
    os.mkdir("cohort/sub")
    write("cohort/sub/c.yaml", person("C"))
    flat = cli("project", "cohort", "-f", "csv", "--summary")
    assert [row[:3] for row in csv_of(flat.stdout)[1:]] == [
        ["cohort/a.yml", "1", "A"],
        ["cohort/b.yaml", "1", "B"],
    ]
    deep = cli("project", "cohort", "-f", "csv", "--summary", "--recursive")
    assert [row[0] for row in csv_of(deep.stdout)[1:]] == [
        "cohort/a.yml",
        "cohort/b.yaml",
        "cohort/sub/c.yaml",
    ]


def test_a_directory_without_profiles_warns_and_writes_only_the_header(cli: Invoke, write: Write) -> None:
    os.mkdir("empty")
    result = cli("project", "empty", "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == "empty: warning: no *.yaml, *.yml, *.jsonl or *.ndjson files here\n"
    assert (
        result.stdout_bytes
        == b"source,document,name,currency,year,income,growth,state,rules,events,employment,baseline_growth,extrapolated,earned\r\n"
    )


def test_standard_input_streams_several_documents(cli: Invoke) -> None:
    stream = person("A") + "---\n" + person("B")
    result = cli("project", "-", "-f", "csv", "--summary", input=stream)
    assert [row[:3] for row in csv_of(result.stdout)[1:]] == [["-", "1", "A"], ["-", "2", "B"]]


def test_a_broken_document_in_the_middle_is_reported_in_its_own_lines(cli: Invoke, write: Write) -> None:
    stream = write(
        "stream.yaml", person("A") + "---\n" + "name: [Broken\nincome: 1\n" + "---\n" + person("C")
    )
    result = cli("project", stream, "-f", "csv", "--summary")
    assert result.exit_code == 1
    assert [row[2] for row in csv_of(result.stdout)[1:]] == ["A", "C"]
    assert result.stderr == (
        "stream.yaml:7:7: error: did not find expected ',' or ']' (while parsing a flow sequence at line 6)\n"
    )


def test_an_empty_document_is_skipped_with_a_warning(cli: Invoke, write: Write) -> None:
    stream = write("stream.yaml", person("A") + "---\n# nothing yet\n---\n" + person("C") + "---\n")
    result = cli("project", stream, "-f", "csv", "--summary")
    assert result.exit_code == 0
    assert [row[1:3] for row in csv_of(result.stdout)[1:]] == [["1", "A"], ["3", "C"]]
    assert result.stderr == (
        "stream.yaml:5:1: warning: document 2 is empty; skipped\n"
        "stream.yaml:12:1: warning: document 4 is empty; skipped\n"
    )


def test_problems_come_in_the_order_of_the_profiles_around_clean_ones(cli: Invoke, write: Write) -> None:
    # Clean and warned profiles travel together, in runs; an invalid one stands alone.
    os.mkdir("cohort")
    far = "horizon: 8\n"  # past the findings' 5 years: a warning
    for name, text in [
        ("a", person("A").replace("horizon: 2\n", far)),
        ("b", person("B")),
        ("c", "name: C\nincome: lots\n"),
        ("d", person("D").replace("horizon: 2\n", far)),
        ("e", person("E").replace("horizon: 2\n", far)),
        ("f", person("F")),
        ("g", "name: G\n"),
    ]:
        write(f"cohort/{name}.yaml", text)
    result = cli("project", "cohort", "-f", "csv", "--summary", "--verbose")
    assert result.exit_code == 1
    assert [row[2] for row in csv_of(result.stdout)[1:]] == ["A", "B", "D", "E", "F"]
    assert [line.split(": ")[:2] for line in result.stderr.splitlines()] == [
        ["cohort/a.yaml:1:1", "warning"],
        ["cohort/c.yaml:2:9", "error"],
        ["cohort/d.yaml:1:1", "warning"],
        ["cohort/e.yaml:1:1", "warning"],
        ["cohort/g.yaml:1:1", "error"],
    ]


# Formats ------------------------------------------------------------------------------


def test_csv_has_one_row_per_profile_year_with_rounded_figures(cli: Invoke) -> None:
    result = cli("project", str(PROFILES / "freelancer.yaml"), "-f", "csv")
    source = str(PROFILES / "freelancer.yaml")
    assert csv_of(result.stdout) == [
        ["source", "document", "name", "currency", "year", "income", "growth", "state", "rules", "events",
         "employment", "baseline_growth", "extrapolated", "earned"],
        [source, "1", "Amara Okafor", "USD", "2025", "60000.00", "", "maintaining", "", "",
         "freelancer", "0.020000", "false", "60000.00"],
        [source, "1", "Amara Okafor", "USD", "2026", "61200.00", "0.020000", "maintaining", "", "",
         "freelancer", "0.020000", "false", "61200.00"],
        [source, "1", "Amara Okafor", "USD", "2027", "106120.80", "0.734000", "maintaining",
         "freelancer_portfolio", "Vector search", "freelancer", "0.020000", "false", "106120.80"],
        [source, "1", "Amara Okafor", "USD", "2028", "108243.22", "0.020000", "maintaining", "", "",
         "freelancer", "0.020000", "false", "108243.22"],
        [source, "1", "Amara Okafor", "USD", "2029", "110408.08", "0.020000", "maintaining", "", "",
         "freelancer", "0.020000", "false", "110408.08"],
    ]  # fmt: skip
    assert result.stdout_bytes.count(b"\r\n") == 6  # RFC 4180 line ends


def test_csv_summary_has_one_row_per_profile(cli: Invoke) -> None:
    result = cli("project", str(PROFILES / "freelancer.yaml"), "-f", "csv", "--summary")
    assert csv_of(result.stdout) == [
        [
            "source", "document", "name", "currency", "as_of", "horizon", "start_income", "final_income", "cagr",
            "cumulative_earnings", "static_peer_cumulative", "career_capital", "employment", "baseline_growth",
            "learning_cost", "learning_gain", "net_learning_gain", "return_on_learning", "payback_year",
            "discount_rate", "pv_cumulative_earnings", "pv_static_peer_cumulative", "pv_career_capital",
            "pv_learning_cost", "pv_learning_gain", "npv", "irr",
        ],
        [
            str(PROFILES / "freelancer.yaml"), "1", "Amara Okafor", "USD", "2025", "4", "60000.00", "110408.08",
            "0.164696", "385972.10", "221997.10", "163975.00", "freelancer", "0.020000",
            "0.00", "152303.52", "152303.52", "", "", "", "", "", "", "", "", "", "",
        ],
    ]  # fmt: skip


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_csv_neutralizes_text_a_spreadsheet_would_run(cli: Invoke, write: Write, start: str) -> None:
    name = f"{start}HYPERLINK(1)"
    profile = write("p.yaml", f'name: "{name}"\nincome: 1\nas_of: 2025\nhorizon: 1\n'
                    f'certifications:\n  - {{name: "{start}cmd", earned: 2025}}\n')  # fmt: skip
    rows = csv_of(cli("project", profile, "-f", "csv").stdout)
    assert rows[1][2] == "'" + name
    assert rows[1][9] == "'" + start + "cmd"


def test_jsonl_prints_one_projection_per_line(cli: Invoke) -> None:
    result = cli("project", str(PROFILES), "-f", "jsonl")
    lines = result.stdout.splitlines()
    assert len(lines) == len(list(PROFILES.glob("*.yaml")))
    assert all(json.loads(line)["years"][0]["growth"] is None for line in lines)
    (freelancer,) = [json.loads(line) for line in lines if "freelancer.yaml" in line]
    assert freelancer["summary"]["final_income"] == 110408.08


def test_streamed_json_is_one_valid_document(cli: Invoke, write: Write) -> None:
    bad = write("bad.yaml", "name: Bad\nincome: 0\n")
    result = cli("project", str(PROFILES), bad, "-f", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert result.stdout == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    assert len(document["projections"]) == len(list(PROFILES.glob("*.yaml")))
    assert document["errors"] == [
        {
            "source": "bad.yaml",
            "document": 1,
            "line": 2,
            "column": 9,
            "message": "income: must be greater than 0",
        }
    ]


def test_json_with_no_valid_profile_still_parses(cli: Invoke, write: Write) -> None:
    result = cli("project", write("bad.yaml", "name: Bad\n"), "-f", "json")
    assert json.loads(result.stdout)["projections"] == []


def test_table_summary_has_one_row_per_profile(cli: Invoke) -> None:
    result = cli(
        "project", str(PROFILES / "freelancer.yaml"), str(PROFILES / "finance-clerk.yaml"), "--summary"
    )
    assert result.exit_code == 0
    assert re.search(
        r"│ Amara Okafor +│ 2025-2029 │ USD +│ +110,408\.08 │ \+16\.47 % │ +163,975\.00 │", result.stdout
    )
    assert re.search(
        r"│ Tomasz Nowak +│ 2025-2030 │ EUR +│ +41,018\.23 │ +-3\.09 % │ +0\.00 │", result.stdout
    )
    assert "Learning events" not in result.stdout


@pytest.mark.parametrize("output_format", ["json", "jsonl"])
def test_summary_is_for_table_and_csv(cli: Invoke, output_format: str) -> None:
    result = cli("project", str(PROFILES / "freelancer.yaml"), "-f", output_format, "--summary")
    assert result.exit_code == 2
    assert "--summary applies to table and csv output" in result.stderr


def test_no_colour_or_control_codes_off_a_terminal(cli: Invoke) -> None:
    result = cli("project", str(PROFILES / "data-engineer.yaml"))
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize(("no_color", "coloured"), [("", True), ("1", False)])
def test_no_color_turns_colour_off_even_when_it_is_forced(no_color: str, coloured: bool) -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "NO_COLOR": no_color, "TERM": "xterm-256color"}
    command = [sys.executable, "-m", "careercap", "project", str(PROFILES / "data-engineer.yaml")]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert ("\x1b[" in result.stdout) is coloured


# Output files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "first"), [("out.csv", "source,"), ("out.jsonl", '{"source"'), ("out.json", "{")]
)
def test_output_format_follows_the_file_extension(cli: Invoke, write: Write, name: str, first: str) -> None:
    result = cli("project", str(PROFILES / "freelancer.yaml"), "-o", name)
    assert (result.exit_code, result.stdout) == (0, "")
    assert Path(name).read_text(encoding="utf-8").startswith(first)


def test_format_wins_over_the_extension(cli: Invoke, write: Write) -> None:
    cli("project", str(PROFILES / "freelancer.yaml"), "-o", "out.txt", "--format", "csv")
    assert Path("out.txt").read_text(encoding="utf-8").startswith("source,")


def test_an_unknown_extension_without_format_is_a_usage_error(cli: Invoke, write: Write) -> None:
    result = cli("project", str(PROFILES / "freelancer.yaml"), "-o", "out.xlsx")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "careercap project: error: Invalid value for '--output': cannot tell the format of out.xlsx "
        "from its extension (.json, .jsonl, .csv, .txt); give --format"
    )
    assert not Path("out.xlsx").exists()


def test_invalid_profiles_are_reported_and_the_valid_ones_written(cli: Invoke, write: Write) -> None:
    good, bad = write("good.yaml", person("Good")), write("bad.yaml", "name: Bad\nincome: -1\n")
    result = cli("project", good, bad, "-o", "out.csv", "--summary")
    assert result.exit_code == 1
    assert result.stderr == "bad.yaml:2:9: error: income: must be greater than 0\n"
    assert [row[2] for row in csv_of(Path("out.csv").read_text(encoding="utf-8"))[1:]] == ["Good"]


def test_fail_fast_writes_nothing_and_leaves_the_old_file(cli: Invoke, write: Write) -> None:
    write("out.csv", "precious\n")
    good, bad = write("good.yaml", person("Good")), write("bad.yaml", "name: Bad\nincome: -1\n")
    result = cli("project", good, bad, "-o", "out.csv", "--fail-fast")
    assert result.exit_code == 1
    assert result.stderr == "bad.yaml:2:9: error: income: must be greater than 0\n"
    assert Path("out.csv").read_text(encoding="utf-8") == "precious\n"
    assert sorted(os.listdir(".")) == ["bad.yaml", "good.yaml", "out.csv"]  # no temporary file left


def test_fail_fast_stops_at_the_first_invalid_profile(cli: Invoke, write: Write) -> None:
    stream = write("s.yaml", person("A") + "---\nname: Bad\n---\nname: Worse\n")
    result = cli("project", stream, "-f", "csv", "--fail-fast")
    assert result.exit_code == 1
    assert result.stderr == "s.yaml:6:1: error: income: is required\n"


def test_an_output_that_is_also_an_input_is_refused(cli: Invoke, write: Write) -> None:
    profile = write("p.yaml", person("A"))
    before = Path(profile).read_bytes()
    result = cli("project", ".", "-o", "p.yaml", "--format", "json")
    assert result.exit_code == 2
    assert "p.yaml is also an input; write the output elsewhere" in result.stderr
    assert Path(profile).read_bytes() == before


def test_an_output_file_keeps_the_permissions_of_the_one_it_replaces(cli: Invoke, write: Write) -> None:
    write("out.csv", "old\n")
    os.chmod("out.csv", 0o640)
    cli("project", str(PROFILES / "freelancer.yaml"), "-o", "out.csv")
    assert os.stat("out.csv").st_mode & 0o777 == 0o640


def test_an_output_in_a_missing_directory_is_a_usage_error(cli: Invoke, write: Write) -> None:
    result = cli("project", str(PROFILES / "freelancer.yaml"), "-o", "nowhere/out.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "careercap project: error: Invalid value for '--output': cannot write nowhere/out.csv"
    )


# The process --------------------------------------------------------------------------


def careercap(*args: str, **popen: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "careercap", *args], cwd=ROOT, **popen)


def test_ctrl_c_exits_130_without_a_traceback_and_leaves_no_file(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    with careercap(
        "project",
        "-",
        "-o",
        str(output),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdin is not None
        assert process.stderr is not None
        process.stdin.write(person("Waiting").encode())
        process.stdin.flush()
        time.sleep(3)  # well past start-up: the process now waits for more input
        process.send_signal(signal.SIGINT)
        stderr = process.stderr.read()
        status = process.wait(timeout=60)
    assert status == 130
    assert b"Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []


def test_broken_pipe_with_csv_exits_141(tmp_path: Path) -> None:
    stream = tmp_path / "many.yaml"
    stream.write_text("---\n".join(person(f"P{i}") for i in range(3000)), encoding="utf-8")
    with careercap(
        "project", str(stream), "-f", "csv", stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read()
        status = process.wait(timeout=60)
    assert (status, stderr) == (141, b"")


def test_fail_fast_on_standard_output_leaves_valid_json(cli: Invoke, write: Write) -> None:
    stream = write("s.yaml", person("A") + "---\nname: Bad\n---\n" + person("C"))
    result = cli("project", stream, "-f", "json", "--fail-fast")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert [p["name"] for p in document["projections"]] == ["A"]
    assert [e["message"] for e in document["errors"]] == ["income: is required"]


def test_csv_has_the_columns_analysts_group_by(cli: Invoke, write: Write) -> None:
    profile = write("p.yaml", person("A").replace("horizon: 2\n", "horizon: 6\nbaseline_growth: 0.025\n"))
    rows = list(csv.DictReader(io.StringIO(cli("project", profile, "-f", "csv").stdout)))
    assert {(row["employment"], row["baseline_growth"]) for row in rows} == {("employee", "0.025000")}
    assert [row["year"] for row in rows if row["extrapolated"] == "true"] == ["2031"]
    assert [row["extrapolated"] for row in rows[:-1]] == ["false"] * 6
    (summary,) = csv.DictReader(io.StringIO(cli("project", profile, "-f", "csv", "--summary").stdout))
    assert (summary["employment"], summary["baseline_growth"]) == ("employee", "0.025000")


def test_the_rules_file_in_force_is_named_in_every_csv_row_and_json_line(cli: Invoke, write: Write) -> None:
    profile = write("p.yaml", person("A"))
    write("cautious.yaml", "upskilling:\n  growth_premium: 0.1\n")
    for args in (["-f", "csv"], ["-f", "csv", "--summary"]):
        rows = list(
            csv.DictReader(io.StringIO(cli("project", profile, *args, "--rules", "cautious.yaml").stdout))
        )
        assert {row["rules_source"] for row in rows} == {"cautious.yaml"}
        assert "rules_source" not in cli("project", profile, *args).stdout
    line = json.loads(cli("project", profile, "-f", "jsonl", "--rules", "cautious.yaml").stdout)
    assert line["rules_source"] == "cautious.yaml"
    assert "rules_source" not in json.loads(cli("project", profile, "-f", "jsonl").stdout)


def test_csv_guard_never_keeps_text_as_written(cli: Invoke, write: Write) -> None:
    profile = write("p.yaml", 'name: "=HYPERLINK(1)"\nincome: 1\nas_of: 2025\nhorizon: 1\n')
    guarded = csv_of(cli("project", profile, "-f", "csv").stdout)
    kept = csv_of(cli("project", profile, "-f", "csv", "--csv-guard", "never").stdout)
    assert (guarded[1][2], kept[1][2]) == ("'=HYPERLINK(1)", "=HYPERLINK(1)")
