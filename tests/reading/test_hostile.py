"""Hostile and broken input (files in tests/hostile/): one clear located line each, the
right exit status, nothing executed, nothing lost, and never a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import careercap.reading.yamlvalues
from tests.conftest import HOSTILE, Invoke

# file, exit status, the first line on standard error after "FILE:" ("" for none)
CATALOGUE = [
    ("syntax-unclosed-bracket.yaml", 1, "4:1: error: did not find expected ',' or ']' (while parsing a flow sequence at line 3)"),
    ("syntax-unclosed-quote.yaml", 1, "3:1: error: found unexpected end of stream (while scanning a quoted scalar at line 1)"),
    ("syntax-bad-indent.yaml", 1, "2:9: error: mapping values are not allowed in this context"),
    ("tab-indentation.yaml", 1, "4:1: error: found character that cannot start any token (while scanning for the next token at line 4); indent with spaces, not tabs"),
    ("python-tag.yaml", 1, "1:7: error: tag !!python/object/apply:os.system is not allowed: a profile holds only plain values"),
    ("python-name-tag.yaml", 1, "2:9: error: tag !!python/name:os.system is not allowed: a profile holds only plain values"),
    ("unknown-tag.yaml", 1, "2:9: error: tag !money is not allowed: a profile holds only plain values"),
    ("binary-tag.yaml", 1, "1:7: error: tag !!binary is not allowed: a profile holds only plain values"),
    ("billion-laughs.yaml", 1, "5:8: error: document holds more than 10000 values (counting what aliases repeat)"),
    ("billion-laughs-in-notes.yaml", 1, "3:21: error: certifications[1]: must be a mapping of keys and values, not text"),
    ("recursive-alias.yaml", 1, "1:11: error: alias *a refers to the list or mapping that holds it"),
    ("deep-flow.yaml", 1, "3:1007: error: exceeded maximum nesting depth (while increasing flow level at line 3)"),
    ("deep-mapping.yaml", 1, "3:132: error: lists and mappings are nested more than 32 deep"),
    ("deep-block.yaml", 1, "35:65: error: lists and mappings are nested more than 32 deep"),
    ("empty.yaml", 1, " error: is empty: a profile needs at least 'name:' and 'income:'"),
    ("comments-only.yaml", 1, " error: holds only comments: a profile needs at least 'name:' and 'income:'"),
    ("top-level-list.yaml", 1, "1:1: error: a profile must be a mapping of keys such as 'name:' and 'income:', not a list"),
    ("top-level-scalar.yaml", 1, "1:1: error: a profile must be a mapping of keys such as 'name:' and 'income:', not a single value"),
    ("empty-documents.yaml", 0, "4:1: warning: document 2 is empty; skipped"),
    ("nulls.yaml", 0, ""),
    ("utf-8-bom.yaml", 0, ""),
    ("doubled-bom.yaml", 1, "2:9: error: income: must be a number, not 'lots'"),
    ("utf-16-le-bom.yaml", 0, ""),
    ("utf-16-be-bom.yaml", 0, ""),
    ("utf-32-le-bom.yaml", 0, ""),
    ("utf-32-be-bom.yaml", 0, ""),
    ("latin-1.yaml", 1, "3:11: error: bytes e9 are not valid UTF-8; save the file as UTF-8"),
    ("utf-16-no-bom.yaml", 1, "1:17: error: bytes eb are not valid UTF-8 (it looks like UTF-16 or UTF-32 without a byte-order mark); save the file as UTF-8"),
    ("nul-byte.yaml", 1, "1:10: error: character U+0000 is not allowed in YAML text (is the file UTF-16 or UTF-32 without a byte-order mark? save it as UTF-8)"),
    ("duplicate-key.yaml", 1, "3:1: error: duplicate key 'name': each key may appear once"),
    ("income-and-salary.yaml", 1, "3:1: error: salary: give income or salary, not both"),
    ("unknown-key.yaml", 1, "3:1: error: unknown key 'horzion' (did you mean 'horizon'?)"),
    ("wrong-type-list.yaml", 1, "3:17: error: certifications: must be a list (one '- ' line per item), not text"),
    ("wrong-type-mapping.yaml", 1, "1:7: error: name: must be text, not a mapping"),
    ("yes-as-number.yaml", 1, "2:9: error: income: must be a number, not 'yes'"),
    ("nan-income.yaml", 1, "2:9: error: income: must be a finite number, not .nan"),
    ("inf-income.yaml", 1, "2:9: error: income: must be a finite number, not .inf"),
    ("zero-income.yaml", 1, "2:9: error: income: must be greater than 0"),
    ("negative-income.yaml", 1, "2:9: error: income: must be greater than 0"),
    ("absurd-income.yaml", 1, "2:9: error: income: must be at most 1000000000"),
    ("year-out-of-range.yaml", 1, "3:8: error: as_of: must be at least 1950"),
    ("date-out-of-range.yaml", 1, "4:23: error: certifications[1].earned: year 2150 is outside 1950-2100"),
    ("impossible-date.yaml", 1, "4:23: error: certifications[1].earned: 2024-02-30 is not a date: that month has no day 30"),
    ("impossible-month.yaml", 1, "4:25: error: skills[1].acquired: 2024-13 is not a date: there is no month 13"),
    ("horizon-zero.yaml", 1, "3:10: error: horizon: must be at least 1"),
    ("horizon-too-long.yaml", 1, "3:10: error: horizon: must be at most 50"),
    ("markup-name.yaml", 0, ""),
    ("ansi-name.yaml", 0, ""),
    ("formula-name.yaml", 0, ""),
    ("line-separator-after-marker.yaml", 1, "3:4: error: character U+2028 (line separator) is not allowed: YAML reads it as a line break that editors do not show"),
    ("next-line-character.yaml", 1, "2:14: error: character U+0085 (next line) is not allowed: YAML reads it as a line break that editors do not show"),
    ("text-after-document-end.yaml", 1, "3:5: error: text after the document end marker '...': start a document with '---'"),
    ("directive-inside-document.yaml", 1, "3:1: error: directive '%YAML' is inside a document: end the document with '...' on the line before it"),
    ("bom-line-between-documents.yaml", 1, "10:9: error: income: must be a number, not 'lots'"),
    ("tiny-income.yaml", 1, "2:9: error: income: must be at least 0.01 (a cent)"),
    ("huge-number.yaml", 1, "2:9: error: income: is too large to be a number careercap can use: '999999999999999999999999999999999999999… (5,000 characters)"),
    ("huge-integer.yaml", 1, "3:10: error: horizon: is too large to be a number careercap can use: '999999999999999999999999999999999999999… (5,000 characters)"),
    ("power-income.yaml", 1, "2:9: error: income: must be a number, not '10**1000'"),
    ("blank-name.yaml", 1, "1:7: error: name: must not be blank: white space and invisible characters name nothing"),
    ("blank-skill.yaml", 1, "5:5: error: skills[2]: must not be blank: white space and invisible characters name nothing"),
    ("zero-width-skill.yaml", 0, "5:5: warning: skill 'S\\u200bQL' is listed again; it counts once, as held since before as_of"),
    ("bidi-name.yaml", 0, ""),
    ("newline-in-name.yaml", 0, ""),
    ("warnings-flood.yaml", 0, "7:5: warning: skill 'skill 0' is listed again; it counts once, as held since before as_of"),
]  # fmt: skip

# Rules files (tests/hostile/rules/): file, the first line on standard error after "FILE:"
RULES_CATALOGUE = [
    ("contraction-range-too-wide.yaml", "2:22: error: sensitivity.contraction[2]: must be less than 1"),
    ("window-range-from-zero.yaml", "2:18: error: sensitivity.window_years[1]: must be at least 1"),
    ("window-range-endless.yaml", "2:21: error: sensitivity.window_years[2]: must be at most 10"),
    ("two-documents.yaml", "2:1: error: a rules file holds one document, and this is a second; remove the '---'"),
    ("text-after-document-end.yaml", "2:5: error: text after the document end marker '...': start a document with '---'"),
    ("not-a-mapping.yaml", "1:1: error: a rules file must be a mapping such as 'window_years: 3'"),
]  # fmt: skip


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run in tests/hostile, so that messages name the files as a user types them."""
    monkeypatch.chdir(HOSTILE)
    yield
    assert not (HOSTILE / "careercap-was-here").exists()  # no tag ever ran a command


def test_every_hostile_file_is_in_the_catalogue() -> None:
    assert sorted(name for name, _, _ in CATALOGUE) == sorted(path.name for path in HOSTILE.glob("*.yaml"))


@pytest.mark.parametrize(("name", "status", "first"), CATALOGUE, ids=[name for name, _, _ in CATALOGUE])
def test_hostile_input(cli: Invoke, hostile: None, name: str, status: int, first: str) -> None:
    result = cli("project", name, "--format", "csv")
    assert result.exit_code == status
    lines = result.stderr.splitlines()
    # "FILE:LINE:COLUMN: error: ..." where the input has a place, "FILE: error: ..." where it has none
    assert (lines[0] if lines else "") == (f"{name}:{first}" if first else "")
    assert "Traceback" not in result.output
    assert len(lines) <= 21  # at most 20 problems a document, and a line saying how many more


@pytest.mark.parametrize(
    ("name", "status"),
    [(name, status) for name, status, _ in CATALOGUE],
    ids=[name for name, _, _ in CATALOGUE],
)
def test_hostile_input_with_the_pure_python_parser(
    cli: Invoke, hostile: None, monkeypatch: pytest.MonkeyPatch, name: str, status: int
) -> None:
    """PyYAML without libyaml words syntax errors its own way, but never recurses."""
    monkeypatch.setattr(careercap.reading.yamlvalues, "Parser", careercap.reading.yamlvalues.PurePythonParser)
    result = cli("project", name, "--format", "csv")
    assert result.exit_code == status
    if status:
        assert result.stderr.startswith(f"{name}:")
        assert ": error: " in result.stderr.splitlines()[0]
    assert "Traceback" not in result.output


def test_deep_flow_nesting_is_refused_by_the_depth_limit_in_pure_python(
    cli: Invoke, hostile: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(careercap.reading.yamlvalues, "Parser", careercap.reading.yamlvalues.PurePythonParser)
    result = cli("project", "deep-flow.yaml")
    assert result.stderr == "deep-flow.yaml:3:39: error: lists and mappings are nested more than 32 deep\n"


def test_a_document_past_the_size_limit_is_refused_and_the_next_one_read(cli: Invoke, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(
        "name: Big\nincome: 1\nnotes: |\n"
        + "  words words words words\n" * 50_000
        + "---\nname: Small\nincome: 2\n",
        encoding="utf-8",
    )
    result = cli("project", str(big), "-f", "csv", "--summary")
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"{big}:1:1: error: this document is larger than 1024 KiB; a profile is far smaller\n"
    )
    assert [row[2] for row in csv.reader(io.StringIO(result.stdout))][1:] == ["Small"]


@pytest.mark.parametrize(
    "command",
    [["project"], ["project", "--summary"], ["explain"], ["compare", "utf-8-bom.yaml"]],
    ids=["table", "summary", "explain", "compare"],
)
def test_markup_in_a_name_is_shown_as_written(cli: Invoke, hostile: None, command: list[str]) -> None:
    result = cli(*command, "markup-name.yaml")
    assert result.exit_code == 0
    for piece in ("[bold red]Ada", "[/bold]", "[link=", "[/link]"):  # a narrow column may fold the rest
        assert piece in result.stdout


@pytest.mark.parametrize(
    "command",
    [["project"], ["project", "--summary"], ["explain"], ["compare", "utf-8-bom.yaml"]],
    ids=["table", "summary", "explain", "compare"],
)
def test_control_characters_in_a_name_are_made_visible(
    cli: Invoke, hostile: None, command: list[str]
) -> None:
    result = cli(*command, "ansi-name.yaml", columns=200)  # wide enough that no column folds the name
    assert result.exit_code == 0
    assert "\\x1b[31mAda\\x1b[0m\\x07\\x08" in "".join(result.stdout.split())
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout


def test_json_escapes_control_characters(cli: Invoke, hostile: None) -> None:
    result = cli("project", "ansi-name.yaml", "-f", "json")
    assert '"name": "\\u001b[31mAda\\u001b[0m\\u0007\\b"' in result.stdout


def test_formula_cells_are_neutralized_in_csv(cli: Invoke, hostile: None) -> None:
    rows = list(csv.reader(io.StringIO(cli("project", "formula-name.yaml", "-f", "csv").stdout)))
    assert rows[1][2] == '\'=HYPERLINK("https://example.invalid")'
    assert rows[1][9] == "'@SUM(A1)"


# Paths that cannot be read ----------------------------------------------------------


def test_a_missing_file_exits_2(cli: Invoke) -> None:
    result = cli("project", "no-such-profile.yaml")
    assert result.exit_code == 2
    assert "no-such-profile.yaml: no such file" in result.stderr.splitlines()[0]


def test_a_fifo_is_refused_without_waiting_for_a_writer(cli: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for command in ("project", "validate", "explain"):
        result = cli(command, str(fifo))
        assert result.exit_code == 2, command
        assert f"{fifo}: is not a regular file" in result.stderr.splitlines()[0]


def test_a_file_that_cannot_be_read_exits_2(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, who reads everything: refuse the open as the system would.
    profile = tmp_path / "locked.yaml"
    profile.write_text("name: A\nincome: 1\n", encoding="utf-8")
    real_open = os.open

    def refuse(path: str, flags: int, *args: object) -> int:
        if str(path) == str(profile):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    result = cli("project", str(profile))
    assert result.exit_code == 2
    assert f"{profile}: cannot be read (Permission denied)" in result.stderr.splitlines()[0]


def test_a_directory_where_compare_wants_a_file_exits_2(cli: Invoke, tmp_path: Path) -> None:
    result = cli("compare", str(tmp_path), str(tmp_path))
    assert result.exit_code == 2
    assert f"{tmp_path}: is a directory; give profile files" in result.stderr.splitlines()[0]


def test_every_hostile_rules_file_is_in_the_catalogue() -> None:
    assert sorted(name for name, _ in RULES_CATALOGUE) == sorted(
        path.name for path in (HOSTILE / "rules").glob("*.yaml")
    )


@pytest.mark.parametrize(("name", "first"), RULES_CATALOGUE, ids=[name for name, _ in RULES_CATALOGUE])
def test_hostile_rules_file(cli: Invoke, hostile: None, name: str, first: str) -> None:
    path = f"rules/{name}"
    for command in (
        ["rules", "--rules", path],
        ["project", "ansi-name.yaml", "--sensitivity", "--rules", path],
    ):
        result = cli(*command)
        assert result.exit_code == 1
        assert result.stderr.splitlines()[0] == f"{path}:{first}"
        assert result.stdout == ""


def test_a_rules_file_larger_than_a_profile_is_refused_unread(cli: Invoke, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(100 * 2**20)  # 100 MiB, sparse: answered from its first megabyte
    result = cli("rules", "--rules", str(big))
    assert result.exit_code == 1
    assert result.stderr == f"{big}: error: is larger than 1024 KiB; a rules file is far smaller\n"


def test_a_profile_file_past_the_size_limit_is_refused_from_its_size(cli: Invoke, tmp_path: Path) -> None:
    sparse = tmp_path / "sparse.yaml"
    with sparse.open("wb") as handle:
        handle.truncate(2**40)  # a sparse terabyte: nothing of it is read
    result = cli("project", str(sparse))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"careercap project: error: Invalid value for 'PROFILE': {sparse}: is 1,024 GiB, more than careercap "
        "reads from one file (4 GiB); split it, or pipe it to standard input"
    )


def test_a_stream_without_line_ends_stops_at_the_limit(cli: Invoke) -> None:
    result = cli("project", "-", input=b"\0" * (66 * 2**20))  # as /dev/zero would give
    assert result.exit_code == 1
    assert result.stderr == (
        "-:1:1: error: a line longer than 1024 KiB, with no line end in the next 64 MiB: "
        "this is not a profile, and the rest of the input is not read\n"
    )


@pytest.mark.parametrize("given", ["stdin", "file"])
def test_a_stream_with_classic_mac_line_ends_past_a_mebibyte_is_read_whole(
    cli: Invoke, tmp_path: Path, given: str
) -> None:
    profile = "name: P{}\rincome: 50000\ras_of: 2025\rnotes: " + "many words " * 70 + "\r"
    data = "---\r".join(profile.format(number) for number in range(2000)).encode()
    assert len(data) > 2**20
    assert b"\n" not in data
    if given == "stdin":
        result = cli("project", "-", "-f", "csv", "--summary", input=data)
    else:
        (tmp_path / "mac.yaml").write_bytes(data)
        result = cli("project", str(tmp_path / "mac.yaml"), "-f", "csv", "--summary")
    assert result.exit_code == 0
    assert result.stderr == ""
    rows = list(csv.reader(io.StringIO(result.stdout)))[1:]
    assert [(row[1], row[2]) for row in rows] == [(str(number + 1), f"P{number}") for number in range(2000)]


def test_a_byte_order_mark_line_between_documents_shifts_no_document_number(
    cli: Invoke, hostile: None
) -> None:
    result = cli("project", "bom-line-between-documents.yaml", "-f", "json")
    assert result.exit_code == 1
    assert (
        result.stderr == "bom-line-between-documents.yaml:10:9: error: income: must be a number, not 'lots'\n"
    )
    document = json.loads(result.stdout)
    assert [(p["document"], p["name"]) for p in document["projections"]] == [(1, "First"), (2, "Second")]
    assert [(e["document"], e["line"], e["column"]) for e in document["errors"]] == [(3, 10, 9)]


def test_a_directive_after_a_document_without_an_end_marker_is_located_at_the_directive(
    cli: Invoke, hostile: None
) -> None:
    result = cli("project", "directive-inside-document.yaml", "-f", "csv")
    assert result.exit_code == 1
    assert result.stderr == (
        "directive-inside-document.yaml:3:1: error: directive '%YAML' is inside a document: "
        "end the document with '...' on the line before it\n"
    )
    assert {row[1] for row in csv.reader(io.StringIO(result.stdout))} == {"document", "2"}


def test_warnings_are_capped_per_document(cli: Invoke, hostile: None) -> None:
    result = cli("validate", "warnings-flood.yaml")
    lines = result.stderr.splitlines()
    assert len(lines) == 21
    assert lines[-1] == "warnings-flood.yaml:26:5: warning: 37 more warnings in this document are not shown"


@pytest.mark.parametrize(
    "command", [["project"], ["project", "--summary"], ["explain"], ["project", "-f", "csv"]]
)
def test_bidirectional_controls_and_line_breaks_in_names_are_shown_as_escapes(
    cli: Invoke, hostile: None, command: list[str]
) -> None:
    result = cli(*command, "bidi-name.yaml", "newline-in-name.yaml", columns=200)
    assert result.exit_code == 0
    shown = result.stdout
    if command[-1] == "csv":  # CSV keeps the data as it is, off a terminal
        assert "Ann \u202eevil\u202c" in shown
        return
    assert "Ann \\u202eevil\\u202c" in shown
    assert "\u202e" not in shown
    assert "Ann\\x0aerror: forged" in shown


def test_a_file_name_cannot_forge_a_line_on_standard_error(cli: Invoke, tmp_path: Path) -> None:
    name = tmp_path / "a\nb.yaml: error: forged \x1b[2J"
    name.write_text("name: X\nincome: lots\n")
    result = cli("project", str(name))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert (
        "\\x0ab.yaml: error: forged \\x1b[2J:2:9: error: income: must be a number, not 'lots'"
        in result.stderr
    )


def test_a_zero_width_space_does_not_make_a_second_skill(cli: Invoke, hostile: None) -> None:
    result = cli("project", "zero-width-skill.yaml", "-f", "json")
    assert result.exit_code == 0
    assert len(__import__("json").loads(result.stdout)["projections"]) == 1


def test_warnings_come_in_file_order(cli: Invoke, tmp_path: Path) -> None:
    profile = tmp_path / "order.yaml"
    profile.write_text(
        "name: Order\nincome: 50000\nskills: [SQL, SQL]\ncertifications:\n"
        "  - {name: CKA, earned: 2024}\n  - {name: CKA, earned: 2025}\n"
    )
    lines = cli("validate", str(profile)).stderr.splitlines()
    positions = [tuple(int(part) for part in line.split(":")[1:3]) for line in lines]
    assert len(positions) == 2
    assert positions == sorted(positions)
