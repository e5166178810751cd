"""The command line as a user meets it: output, exact error lines, exit codes."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import typer

from careercap import __version__
from careercap.cli.app import app
from tests.conftest import PROFILE_A, PROFILES, ROOT, Invoke

Write = Callable[..., str]


def test_json_output_matches_the_worked_example_to_the_cent(cli: Invoke, write: Write) -> None:
    result = cli("project", write("a.yaml", PROFILE_A), "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    assert document["errors"] == []
    assert document["rules"] == {
        "window_years": 3,
        "upskilling": {"min_certifications": 2, "growth_premium": 0.22, "min_hours": 0},
        "static": {"contraction": 0.09},
        "freelancer_portfolio": {"min_skills": 3, "multiplier": 1.7},
    }
    (projection,) = document["projections"]
    assert {key: projection[key] for key in ("source", "document", "name", "employment", "currency")} == {
        "source": "a.yaml",
        "document": 1,
        "name": "Profile A",
        "employment": "employee",
        "currency": "USD",
    }
    assert [
        (row["year"], row["income"], row["growth"], row["state"], row["rules"]) for row in projection["years"]
    ] == [
        (2025, 100000.0, None, "upskilling", []),
        (2026, 103660.0, 0.0366, "upskilling", ["upskilling"]),
        (2027, 106769.8, 0.03, "maintaining", []),
        (2028, 103465.5, -0.030948, "static", ["static_contraction"]),
        (2029, 100263.46, -0.030948, "static", ["static_contraction"]),
        (2030, 97160.52, -0.030948, "static", ["static_contraction"]),
    ]
    assert projection["years"][0]["events"] == [
        {"kind": "certification", "name": "second certification", "planned": False}
    ]
    summary = projection["summary"]
    assert {key: value for key, value in summary.items() if key != "factors"} == {
        "start_income": 100000.0,
        "final_income": 97160.52,
        "cagr": -0.005745,
        "cumulative_earnings": 511319.28,
        "static_peer_cumulative": 455449.79,
        "career_capital": 55869.49,
    }
    factors = summary["factors"]
    product = factors["baseline"] * factors["upskilling"] * factors["static_contraction"]
    assert round(100000 * product * factors["freelancer_portfolio"], 2) == 97160.52
    assert factors["freelancer_portfolio"] == 1.0


def test_table_output_shows_years_events_and_summary(cli: Invoke, write: Write) -> None:
    result = cli("project", write("a.yaml", PROFILE_A), columns=160)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Profile A  employee, 2025-2030  a.yaml")
    bar = "[█▏▎▍▌▋▊▉ ]+"  # the trend column
    assert re.search(rf"│ 2026 │   103,660\.00 │ {bar} │ \+3\.66 % │ upskilling  │", result.stdout)
    assert re.search(rf"│ 2028 │   103,465\.50 │ {bar} │ -3\.09 % │ static      │", result.stdout)
    assert "second certification (cert)" in result.stdout
    assert re.search(r"^  Final income \(2030\) +97,160\.52 USD$", result.stdout, re.M)
    assert re.search(r"^  Career capital +55,869\.49 USD$", result.stdout, re.M)
    assert re.search(r"^  static contraction +×0\.8328$", result.stdout, re.M)
    assert "point estimates from secondary reporting" in result.stdout
    assert result.stderr == ""


def test_planned_events_are_marked_in_the_table(cli: Invoke) -> None:
    result = cli("project", str(PROFILES / "data-engineer.yaml"), columns=160)
    assert re.search(
        r"│ 2027 │ .* │ Databricks Data Engineer Professional \(cert, planned\) +│", result.stdout
    )


def test_command_line_values_override_the_profile(cli: Invoke, write: Write) -> None:
    name = write("a.yaml", PROFILE_A)
    result = cli(
        "project", name, "-f", "json", "--horizon", "2", "--as-of", "2026", "--baseline-growth", "0.05"
    )
    (projection,) = json.loads(result.stdout)["projections"]
    assert (projection["as_of"], projection["horizon"], projection["baseline_growth"]) == (2026, 2, 0.05)
    assert [row["year"] for row in projection["years"]] == [2026, 2027, 2028]
    # 2027's window 2025-2027 holds one certification: maintaining at the new baseline.
    assert projection["years"][1]["growth"] == 0.05


def test_an_invalid_profile_exits_1_with_one_located_line(cli: Invoke, write: Write) -> None:
    name = write("bad.yaml", "name: Ada\nincome: 0\n")
    result = cli("project", name)
    assert result.exit_code == 1
    assert result.stderr == "bad.yaml:2:9: error: income: must be greater than 0\n"
    assert result.stdout == ""


def test_json_lists_errors_beside_the_valid_projections(cli: Invoke, write: Write) -> None:
    good = write("good.yaml", PROFILE_A)
    bad = write("bad.yaml", "name: Ada\nincome: 1\nhorizn: 3\n")
    result = cli("project", good, bad, "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert [projection["source"] for projection in document["projections"]] == ["good.yaml"]
    assert document["errors"] == [
        {
            "source": "bad.yaml",
            "document": 1,
            "line": 3,
            "column": 1,
            "message": "unknown key 'horizn' (did you mean 'horizon'?)",
        }
    ]
    assert result.stderr == "bad.yaml:3:1: error: unknown key 'horizn' (did you mean 'horizon'?)\n"


def test_warnings_go_to_stderr_and_into_json(cli: Invoke, write: Write) -> None:
    name = write("w.yaml", "name: Ada\nincome: 1\nas_of: 2025\nskills: [SQL, sql]\n")
    result = cli("project", name, "-f", "json")
    assert result.exit_code == 0
    assert (
        result.stderr
        == "w.yaml:4:15: warning: skill 'sql' is listed again; it counts once, as held since before as_of\n"
    )
    (projection,) = json.loads(result.stdout)["projections"]
    assert projection["warnings"] == [
        {
            "line": 4,
            "column": 15,
            "message": "skill 'sql' is listed again; it counts once, as held since before as_of",
        }
    ]


def test_a_missing_file_exits_2(cli: Invoke, write: Write) -> None:
    result = cli("project", "nowhere.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "careercap project: error: Invalid value for 'PROFILE': nowhere.yaml: no such file\n"
        "Try 'careercap project --help' for help.\n"
    )
    assert result.stdout == ""


def test_a_directory_in_compare_exits_2(cli: Invoke) -> None:
    result = cli("compare", str(PROFILES), str(PROFILES / "freelancer.yaml"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"careercap compare: error: Invalid value for 'PROFILE': {PROFILES}: is a directory; give profile files"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--horizon", "0"], "Invalid value for '--horizon'"),
        (["--format", "xml"], "Invalid value for '--format'"),
        (["--baseline-growth", "abc"], "Invalid value for '--baseline-growth'"),
        (["--frobnicate"], "No such option: --frobnicate"),
    ],
)
def test_bad_options_exit_2_with_one_error_line(cli: Invoke, args: list[str], message: str) -> None:
    result = cli("project", str(PROFILES / "freelancer.yaml"), *args)
    assert result.exit_code == 2
    first, hint = result.stderr.splitlines()
    assert first.startswith(f"careercap project: error: {message}")
    assert hint == "Try 'careercap project --help' for help."
    assert "Traceback" not in result.output


def test_standard_input_is_read_for_a_dash(cli: Invoke) -> None:
    result = cli("project", "-", "-f", "json", input=PROFILE_A)
    assert result.exit_code == 0
    (projection,) = json.loads(result.stdout)["projections"]
    assert projection["source"] == "-"
    assert projection["summary"]["final_income"] == 97160.52


def test_a_rules_file_overrides_the_defaults(cli: Invoke, write: Write) -> None:
    rules = write("rules.yaml", "freelancer_portfolio:\n  multiplier: 2\n")
    result = cli("project", str(PROFILES / "freelancer.yaml"), "--rules", rules, "-f", "json")
    document = json.loads(result.stdout)
    assert document["rules"]["freelancer_portfolio"] == {"min_skills": 3, "multiplier": 2.0}
    assert document["projections"][0]["years"][2]["income"] == round(60000 * 1.02 * 1.02 * 2, 2)


def test_an_invalid_rules_file_exits_1_naming_file_line_and_key(cli: Invoke, write: Write) -> None:
    rules = write("rules.yaml", "static:\n  contraction: 1.5\n")
    result = cli("project", str(PROFILES / "freelancer.yaml"), "--rules", rules)
    assert result.exit_code == 1
    assert result.stderr == "rules.yaml:2:16: error: static.contraction: must be less than 1\n"
    assert result.stdout == ""


def test_version(cli: Invoke) -> None:
    result = cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"careercap {__version__}\n")


def test_every_command_has_help_with_an_example(cli: Invoke) -> None:
    names = sorted(typer.main.get_command(app).commands)
    assert names == [
        "chart",
        "compare",
        "explain",
        "import",
        "init",
        "plan",
        "project",
        "report",
        "rules",
        "schema",
        "validate",
    ]
    for name in names:
        result = cli(name, "--help")
        assert result.exit_code == 0, name
        assert f"Example: careercap {name}" in result.stdout, name
    assert "Example: careercap project" in cli("--help").stdout


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _careercap_completion careercap"),
        ("zsh", "#compdef careercap"),
        ("fish", "complete --command careercap"),
        ("powershell", "Register-ArgumentCompleter"),
        ("ZSH", "#compdef careercap"),
    ],
)
def test_show_completion_prints_the_script_of_the_shell_named(cli: Invoke, shell: str, marker: str) -> None:
    result = cli("--show-completion", shell)  # from a bash session (or none) all the same
    assert result.exit_code == 0
    assert marker in result.stdout


def test_show_completion_names_the_shells_it_knows(cli: Invoke) -> None:
    result = cli("--show-completion", "tcsh")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "careercap: error: Invalid value for '--show-completion': "
        "must be one of bash, zsh, fish, powershell, pwsh, not 'tcsh'"
    )


def test_the_completion_scripts_ask_careercap_for_its_words() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "careercap"],
        env={
            **os.environ,
            "_CAREERCAP_COMPLETE": "complete_bash",
            "COMP_WORDS": "careercap com",
            "COMP_CWORD": "1",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout.split()) == (0, ["compare"])


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completes_on_the_first_tab_of_a_new_shell(tmp_path: Path) -> None:
    # Installed as the manual says, a file _careercap on the fpath, which the first TAB loads.
    functions = tmp_path / "zfunc"
    functions.mkdir()
    script = subprocess.run(
        [sys.executable, "-m", "careercap", "--show-completion", "zsh"], capture_output=True, check=True
    ).stdout
    (functions / "_careercap").write_bytes(script)
    (tmp_path / ".zshrc").write_text(f"fpath+={functions}\nautoload -Uz compinit; compinit -u\nPS1='> '\n")
    launcher = tmp_path / "bin"
    launcher.mkdir()
    (launcher / "careercap").write_text(f'#!/bin/sh\nexec {sys.executable} -m careercap "$@"\n')
    (launcher / "careercap").chmod(0o755)
    environment = {**os.environ, "ZDOTDIR": str(tmp_path), "PATH": f"{launcher}:{os.environ['PATH']}"}
    pid, terminal = pty.fork()
    if pid == 0:  # the child: a new interactive zsh on the pseudo-terminal
        os.chdir(ROOT)
        os.execvpe("zsh", ["zsh", "-i"], environment)
    seen = b""
    try:
        deadline = time.monotonic() + 30
        os.write(terminal, b"careercap pro\t")
        while b"careercap project" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([terminal], [], [], 0.5)
            if ready:
                seen += os.read(terminal, 4096)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert b"careercap project" in seen


@pytest.mark.parametrize("output_format", ["table", "json"])
def test_a_reader_that_stops_early_ends_the_run_quietly_with_141(tmp_path: Path, output_format: str) -> None:
    stream = tmp_path / "many.yaml"
    stream.write_text("---\n".join([PROFILE_A] * 300), encoding="utf-8")  # far more than a pipe holds
    command = [sys.executable, "-m", "careercap", "project", str(stream), "--format", output_format]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # like `| head -1`
        stderr = process.stderr.read()
        status = process.wait(timeout=60)
    assert (status, stderr) == (141, b"")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--baseline-growth", "3%"],
            "Invalid value for '--baseline-growth': must be a number, not '3%' (write a fraction: 0.03 for 3 %)",
        ),
        (
            ["--baseline-growth", "3"],
            "Invalid value for '--baseline-growth': must be from -0.5 to 0.5, not 3 (did you mean 0.03?)",
        ),
        (
            ["--inflation", "2"],
            "Invalid value for '--inflation': must be from -0.5 to 1, not 2 (did you mean 0.02?)",
        ),
        (["--inflation", "nan"], "Invalid value for '--inflation': must be a number, not 'nan'"),
    ],
)
def test_option_values_get_the_hints_profile_values_get(cli: Invoke, args: list[str], message: str) -> None:
    result = cli("project", str(PROFILES / "finance-clerk.yaml"), *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"careercap project: error: {message}"


def test_format_names_are_read_in_any_case(cli: Invoke) -> None:
    result = cli("project", str(PROFILES / "finance-clerk.yaml"), "-f", "JSON")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema_version"] == 1


@pytest.mark.parametrize(
    "command", ["project", "compare", "plan", "rules", "explain", "validate", "schema", "init"]
)
def test_help_names_what_each_option_takes_in_words(cli: Invoke, command: str) -> None:
    result = cli(command, "--help", columns=60)
    assert result.exit_code == 0
    assert re.findall(r"<[\w\[\] ]+>", result.stdout) == []  # no <bool>, <int range>, <list[str]>
    options = re.findall(r"^  (?:-\w, )?(--[\w-]+)", result.stdout, re.M)
    assert all(not option.endswith("…") for option in options)
    assert "Example: careercap" in result.stdout


def test_files_do_not_depend_on_the_terminal_that_wrote_them(cli: Invoke, tmp_path: Path) -> None:
    written = {}
    for columns in (40, 200):
        names = [tmp_path / f"{columns}.{kind}" for kind in ("txt", "svg", "html")]
        result = cli(
            "project",
            str(PROFILES / "freelancer.yaml"),
            "-o",
            str(names[0]),
            "--svg",
            str(names[1]),
            "--html",
            str(names[2]),
            columns=columns,
        )
        assert result.exit_code == 0
        written[columns] = [name.read_text() for name in names]
    assert written[40] == written[200]
    assert max(len(line) for line in written[40][0].splitlines()) == 100


def test_width_sets_the_columns_of_files(cli: Invoke, tmp_path: Path) -> None:
    result = cli(
        "project", str(PROFILES / "freelancer.yaml"), "-o", str(tmp_path / "out.txt"), "--width", "160"
    )
    assert result.exit_code == 0
    widest = max(len(line) for line in (tmp_path / "out.txt").read_text().splitlines())
    assert 100 < widest <= 160  # wider than the default, within what was asked


LONG = "name: Long\nincome: 50000\nas_of: 2025\nhorizon: 8\nbaseline_growth: 0.03\nskills: [{name: SQL, acquired: 2026}]\n"


def test_years_past_what_the_findings_cover_are_marked_and_warned_of(cli: Invoke, tmp_path: Path) -> None:
    profile = tmp_path / "long.yaml"
    profile.write_text(LONG)
    table = cli("project", str(profile), columns=120)
    assert table.exit_code == 0
    assert table.stderr == (
        f"{profile}:1:1: warning: 2031-2033 extrapolate findings that cover 5 years: they take the income "
        "from 51,306.92 in 2030 to 46,689.30 in 2033 (-9.0 %)\n"
    )
    assert re.search(r"│ 2031\* │", table.stdout)
    assert re.search(r"│  2030 │", table.stdout)
    assert "* extrapolated: past the 5 years after 2025 the findings cover" in table.stdout
    years = json.loads(cli("project", str(profile), "-f", "json").stdout)["projections"][0]["years"]
    assert [year["year"] for year in years if year.get("extrapolated")] == [2031, 2032, 2033]
    assert "extrapolated" not in years[6 - 1]


def test_a_profile_of_defaults_alone_says_so(cli: Invoke, tmp_path: Path) -> None:
    (tmp_path / "bare.yaml").write_text("name: Bare\nincome: 50000\nas_of: 2025\n")
    result = cli("project", str(tmp_path / "bare.yaml"), columns=200)
    assert (
        "No learning event and no baseline_growth: this shows a static profile at the default baseline of 3 %."
        in result.stdout
    )
    (tmp_path / "own.yaml").write_text("name: Own\nincome: 50000\nas_of: 2025\nbaseline_growth: 0.03\n")
    assert "No learning event" not in cli("project", str(tmp_path / "own.yaml"), columns=200).stdout


def test_rules_that_shrink_an_income_below_a_cent_are_an_error_of_that_profile(
    cli: Invoke, write: Write
) -> None:
    rules = write("shrink.yaml", "static: {contraction: 0.9999999999}\n")
    result = cli("project", str(PROFILES / "finance-clerk.yaml"), "--horizon", "3", "--rules", rules)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{PROFILES / 'finance-clerk.yaml'}:1:1: error: the income falls below a cent by 2028: "
        "these rules shrink it too fast to project"
    )
    assert "sets static.contraction 0.9999999999 (default 0.09)" not in result.stdout  # no table at all
    assert result.stdout == ""


def test_an_income_too_large_to_show_to_the_cent_is_an_error(cli: Invoke, write: Write) -> None:
    rules = write("steep.yaml", "upskilling: {growth_premium: 5}\n")
    profile = write(
        "steep-profile.yaml",
        "name: S\nincome: 999999999\nbaseline_growth: 0.5\nas_of: 2025\nhorizon: 10\n"
        "certifications: [{name: A, earned: 2026}, {name: B, earned: 2026}, {name: C, earned: 2029}, {name: D, earned: 2029}]\n",
    )
    result = cli("project", profile, "--rules", rules, "-f", "csv")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "steep-profile.yaml:1:1: error: the income grows past 1,000,000,000,000 a year by 2030: "
        "too large to project to the cent"
    )


@pytest.mark.parametrize(("command", "jobs"), [("project", "1"), ("validate", "1"), ("validate", "2")])
def test_a_raise_that_takes_the_income_out_of_range_is_the_error_at_that_raise(
    cli: Invoke, write: Write, command: str, jobs: str
) -> None:
    profile = write(
        "big.yaml",
        "name: Big\nincome: 1000000000\nas_of: 2025\nevents:\n"
        "  - {year: 2026, raise: 10}\n  - {year: 2027, raise: 10}\n  - year: 2028\n    raise: 10\n"
        "---\nname: Cut\nincome: 0.02\nas_of: 2025\nevents: [{year: 2026, raise: -0.9}]\n",
    )
    options = ["-f", "csv"] if command == "project" else []
    result = cli(command, profile, *options, "--jobs", jobs)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "big.yaml:8:12: error: events[3].raise: the income grows past 1,000,000,000,000 a year by 2028: "
        "too large to project to the cent",
        "big.yaml:13:30: error: events[1].raise: the income falls below a cent by 2026: "
        "too small to project to the cent",
    ]


def test_a_raise_in_the_year_the_rules_take_the_income_out_of_range_is_not_blamed(
    cli: Invoke, write: Write
) -> None:
    """The income is out of range before the year's raise (below a cent before a raise of
    0; past 1e12 before a pay cut): the rules did it, and the error is the whole profile's,
    as without the event."""
    profiles = write(
        "before.yaml",
        "name: Z\nincome: 1000\nas_of: 2025\nhorizon: 20\nbaseline_growth: -0.5\n"
        "events: [{year: 2043, raise: 0}]\n"
        "---\nname: C\nincome: 1000000000\nas_of: 2025\nhorizon: 10\nbaseline_growth: 0.5\n"
        "skills: [{name: a, acquired: 2026}, {name: b, acquired: 2028}, {name: c, acquired: 2030}]\n"
        "events: [{year: 2026, raise: 10}, {year: 2027, raise: 10}, {year: 2031, raise: -0.1}]\n",
    )
    result = cli("project", profiles, "-f", "csv")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "before.yaml:1:1: error: the income falls below a cent by 2043: these rules shrink it too fast to project",
        "before.yaml:7:1: error: the income grows past 1,000,000,000,000 a year by 2031: too large to project "
        "to the cent",
    ]


def test_a_json_line_whose_raise_takes_the_income_out_of_range_has_the_error_at_that_raise(
    cli: Invoke, write: Write
) -> None:
    line = '{"name": "Big", "income": 1e9, "as_of": 2025, "events": [{"year": 2026, "raise": 10}, {"year": 2027, "raise": 10}, {"year": 2028, "raise": 10}]}'
    profile = write("big.jsonl", '{"name": "Fine", "income": 50000}\n' + line + "\n")
    result = cli("project", profile, "-f", "csv")
    assert result.exit_code == 1
    column = line.index('"raise": 10}]') + len('"raise": ') + 1
    assert result.stderr.splitlines()[0] == (
        f"big.jsonl:2:{column}: error: events[3].raise: the income grows past 1,000,000,000,000 a year "
        "by 2028: too large to project to the cent"
    )
    assert result.stdout.count("Fine") == 6  # the other profile is projected all the same


def test_the_rules_footer_names_a_value_as_set(cli: Invoke, write: Write) -> None:
    rules = write("close.yaml", "static: {contraction: 0.0999999999}\n")
    result = cli("project", str(PROFILES / "finance-clerk.yaml"), "--rules", rules, columns=200)
    assert "static.contraction 0.0999999999 (default 0.09)" in result.stdout


def cohort(folder: Path, count: int) -> Path:
    """`count` profiles in one stream: every other one projects past the findings (horizon 8)."""
    documents = [
        f"name: P{index}\nincome: {40000 + index}\nas_of: 2025\nhorizon: {8 if index % 2 else 3}\n"
        for index in range(count)
    ]
    (folder / "cohort.yaml").write_text("---\n".join(documents))
    return folder / "cohort.yaml"


def test_a_caution_many_profiles_share_is_one_line_with_its_count(cli: Invoke, tmp_path: Path) -> None:
    stream = cohort(tmp_path, 10_000)
    result = cli("project", str(stream), "-f", "csv", "--summary")
    assert result.exit_code == 0
    assert result.stderr == (
        "careercap: warning: 5,000 profiles project years beyond what the findings cover: those years "
        "extrapolate them (--verbose: a line for each profile)\n"
    )
    # Each profile's own caution stays in its JSON.
    lines = cli("project", str(stream), "-f", "jsonl").stdout.splitlines()
    warned = [json.loads(line)["warnings"] for line in lines]
    assert sum(1 for warnings in warned if warnings) == 5_000


def test_verbose_says_each_caution_at_its_document_and_quiet_says_none(cli: Invoke, tmp_path: Path) -> None:
    stream = cohort(tmp_path, 4)
    verbose = cli("project", str(stream), "-f", "csv", "--verbose")
    assert verbose.exit_code == 0
    said = verbose.stderr.splitlines()
    # At the line where each document begins: its "---".
    assert [line.split(": warning: ")[0] for line in said] == [f"{stream}:5:1", f"{stream}:15:1"]
    assert all("extrapolate findings that cover 5 years" in line for line in said)
    quiet = cli("project", str(stream), "-f", "csv", "-q")
    assert (quiet.exit_code, quiet.stderr) == (0, "")
    assert quiet.stdout == verbose.stdout
    both = cli("project", str(stream), "-q", "-v")
    assert both.exit_code == 2
    assert "--quiet and --verbose ask for opposite things; give one" in both.stderr


def test_quiet_keeps_the_errors(cli: Invoke, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("name: A\nincome: lots\n---\nname: B\nincome: 1\nskills: [x, X]\n")
    result = cli("project", str(tmp_path / "p.yaml"), "-f", "csv", "-q")
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path}/p.yaml:2:9: error: income: must be a number, not 'lots'\n"
