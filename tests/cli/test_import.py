"""`careercap import`: profiles from LinkedIn exports, JSON Resume and Open Badges, each
merged item checked, the profile validated and projected; and hostile sources refused
with one located line and nothing written."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, Invoke, Yaml12Loader

Write = Callable[..., str]
IMPORTS = ROOT / "profiles" / "imports"
LINKEDIN = str(IMPORTS / "linkedin")
RESUME = str(IMPORTS / "resume.json")
BADGES = str(IMPORTS / "badges")
ARRAY = str(IMPORTS / "badges.json")


def imported(cli: Invoke, *args: str) -> dict[str, Any]:
    result = cli("import", *args)
    assert result.exit_code == 0, result.output
    return read(result.stdout)


def read(text: str) -> dict[str, Any]:
    """YAML as careercap reads it: dates stay text."""
    profile: dict[str, Any] = yaml.load(text, Loader=Yaml12Loader)
    return profile


def linkedin_zip(path: Path, names: dict[str, str] | None = None) -> str:
    """The fixture folder as LinkedIn's ZIP, its members renamed as `names` says."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted((IMPORTS / "linkedin").iterdir()):
            archive.write(file, (names or {}).get(file.name, file.name))
    return str(path)


def test_a_linkedin_export_folder(cli: Invoke) -> None:
    result = cli("import", LINKEDIN, "--income", "61000", "--currency", "EUR")
    profile = read(result.stdout)
    assert profile["name"] == "Priya Raman"
    assert (profile["income"], profile["currency"], profile["employment"]) == (61000, "EUR", "employee")
    assert profile["certifications"] == [
        {
            "name": "AWS Certified Data Engineer - Associate",
            "earned": "2023-01",
            "issuer": "Amazon Web Services (AWS)",
            "expires": "2026-01",
        },
        {
            "name": "Certified Kubernetes Administrator (CKA)",
            "earned": "2024-05",
            "issuer": "The Linux Foundation",
        },
        {"name": "Google Data Analytics", "earned": "2022-03-15", "issuer": "Coursera"},
    ]
    assert profile["skills"] == ["SQL", "Python (Programming Language)", "Data Engineering"]
    assert "  # LinkedIn Certifications.csv, row 3\n" in result.stdout
    assert result.stderr.splitlines() == [
        f"{LINKEDIN}/Certifications.csv:4: warning: skipped 2 note lines before the header",
        "LinkedIn Certifications.csv, row 5: warning: certification 'Internal Compliance Training' has no "
        "date in any source; left out (add it with its 'earned:' date)",
    ]


def test_a_linkedin_zip_gives_what_its_folder_gives(cli: Invoke, tmp_path: Path) -> None:
    archive = linkedin_zip(tmp_path / "Basic_LinkedInDataExport_11-26-2026.zip")
    from_zip, from_folder = cli("import", archive).stdout, cli("import", LINKEDIN).stdout
    assert from_zip.splitlines()[1:] == from_folder.splitlines()[1:]  # the first line names the source


def test_missing_linkedin_files_are_no_error(cli: Invoke, tmp_path: Path) -> None:
    shutil.copy(IMPORTS / "linkedin" / "Skills.csv", tmp_path / "Skills.csv")
    profile = imported(cli, str(tmp_path))
    assert profile["skills"] == ["SQL", "Python (Programming Language)", "Data Engineering"]
    assert "certifications" not in profile
    assert profile["name"] is None  # `name:` left to fill in


def test_a_json_resume(cli: Invoke) -> None:
    profile = imported(cli, RESUME)
    assert profile["name"] == "Priya Raman"
    assert profile["certifications"] == [
        {"name": "Certified Kubernetes Administrator (CKA)", "earned": "2024-03-20", "issuer": "CNCF"},
        {"name": "dbt Analytics Engineering", "earned": "2025-02", "issuer": "dbt Labs"},
    ]
    assert profile["skills"] == ["Data Engineering", "SQL", "Airflow", "dbt", "Cloud", "AWS", "Kubernetes"]
    assert profile["notes"] == "Latest position: Senior Data Engineer"


def test_open_badges_two_and_three_a_url_and_both_credential_field_names(cli: Invoke) -> None:
    result = cli("import", BADGES, ARRAY)
    profile = read(result.stdout)
    assert profile["certifications"] == [
        {
            "name": "AWS Certified Data Engineer - Associate",
            "earned": "2022-11-03",
            "issuer": "Amazon Web Services Training and Certification",
            "expires": "2025-11-03",
        },
        {
            "name": "Kubernetes and Cloud Native Associate (KCNA)",
            "earned": "2024-02-01",
            "issuer": "The Linux Foundation",
            "expires": "2027-02-01",
        },
        {"name": "https://badges.example.org/badge-classes/data-viz.json", "earned": "2023-06-01"},
        {
            "name": "Micro-credential in Applied Statistics",
            "earned": "2021-09-30",
            "issuer": "Example University",
            "expires": "2031-09-30",
        },
    ]
    assert "(the badge is a URL, not fetched: give it its name)" in result.stdout
    assert f"{ARRAY}: warning: item 2 is not an Open Badges assertion or credential; skipped" in result.stderr


def test_sources_merge_by_name_with_the_earliest_date_and_every_issuer(cli: Invoke) -> None:
    profile = imported(cli, LINKEDIN, RESUME, BADGES, ARRAY, "--income", "61000")
    by_name = {item["name"]: item for item in profile["certifications"]}
    aws = by_name["AWS Certified Data Engineer - Associate"]
    assert aws["earned"] == "2022-11-03"  # the badge's, before LinkedIn's Jan 2023
    assert aws["issuer"] == "Amazon Web Services (AWS); Amazon Web Services Training and Certification"
    assert aws["expires"] == "2026-01"  # the latest expiry any source gives
    cka = by_name["Certified Kubernetes Administrator (CKA)"]
    assert (cka["earned"], cka["issuer"]) == ("2024-03-20", "The Linux Foundation; CNCF")
    assert profile["skills"].count("SQL") == 1
    assert len(profile["certifications"]) == 7


def test_an_imported_profile_validates_projects_and_imports_the_same_twice(cli: Invoke, write: Write) -> None:
    args = [LINKEDIN, RESUME, BADGES, ARRAY, "--income", "61000", "--currency", "EUR", "--as-of", "2025"]
    assert cli("import", *args, "-o", "me.yaml").exit_code == 0
    first = Path("me.yaml").read_bytes()
    assert cli("import", *args, "-o", "me.yaml", "--force").exit_code == 0
    assert Path("me.yaml").read_bytes() == first
    validated = cli("validate", "me.yaml")
    assert validated.exit_code == 0
    assert "expires in 2026-01, within the projected years" in validated.stderr
    projected = json.loads(cli("project", "me.yaml", "-f", "json").stdout)["projections"][0]
    assert projected["summary"]["start_income"] == 61000


def test_without_an_income_the_profile_says_what_to_fill_in(cli: Invoke, write: Write) -> None:
    result = cli("import", LINKEDIN, "-o", "me.yaml")
    assert result.stderr.splitlines()[-1] == (
        "careercap import: note: no source gives an income; fill in 'income:' in me.yaml before projecting"
    )
    validated = cli("validate", "me.yaml")
    assert validated.exit_code == 1
    assert "me.yaml:5:1: error: income: is empty, and a value is required" in validated.stderr


def test_an_existing_output_is_kept_without_force(cli: Invoke, write: Write) -> None:
    write("me.yaml", "name: kept\n")
    result = cli("import", LINKEDIN, "-o", "me.yaml")
    assert result.exit_code == 2
    assert Path("me.yaml").read_text(encoding="utf-8") == "name: kept\n"


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BOMB = zipped({"Certifications.csv": b"Name\n" + b"0" * (6 * 1024 * 1024)})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomb.zip", BOMB, "bomb.zip: Certifications.csv: error: unpacks to more than 5 MiB; refused"),
        (
            "other.zip",
            zipped({"notes.txt": b"hello"}),
            "other.zip: error: is a ZIP without Profile.csv, Certifications.csv or Skills.csv: not a LinkedIn export",
        ),
        (
            "broken.zip",
            b"PK\x03\x04garbage",
            "broken.zip: error: is not a readable ZIP archive (File is not a zip file)",
        ),
        (
            "latin.zip",
            zipped({"Skills.csv": "Name\nGestão\n".encode("latin-1")}),
            "latin.zip: Skills.csv: error: is not UTF-8 text (byte 0xe3 on line 2); export it again as UTF-8",
        ),
        (
            "rows.zip",
            zipped({"Skills.csv": b"Name\n" + b"x\n" * 10_001}),
            "rows.zip: Skills.csv:10002: error: has more than 10,000 rows; careercap imports a person's export",
        ),
        (
            "twice.json",
            b'{"basics": {"name": "A", "name": "B"}}',
            "twice.json: error: has the key 'name' twice in one object; which one is meant?",
        ),
        (
            "deep.json",
            b"[" * 100 + b"]" * 100,
            "deep.json: error: nests deeper than 64 levels; a badge or a résumé is far shallower",
        ),
        ("bad.json", b'{"basics": }', "bad.json:1:12: error: is not valid JSON: Expecting value"),
        (
            "text.txt",
            b"hello",
            "text.txt:1:1: error: is not JSON, nor a ZIP of a LinkedIn export: Expecting value",
        ),
        (
            "other.json",
            b'{"hello": 1}',
            "other.json: error: is JSON, but neither a JSON Resume (no basics, certificates or skills) nor an Open Badge",
        ),
        (
            "nameless.json",
            b'{"type": "Assertion", "issuedOn": "2024-01-01", "badge": {}}',
            "nameless.json: error: nameless.json: a badge without a name (badge.name, or credentialSubject.achievement.name)",
        ),
    ],
)
def test_a_hostile_source_is_one_line_exit_1_and_nothing_written(
    cli: Invoke, write: Write, name: str, content: bytes, message: str
) -> None:
    write(name, content)
    result = cli("import", name, "-o", "me.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [message]
    assert not Path("me.yaml").exists()


def test_zip_member_names_with_dot_dot_are_just_names(cli: Invoke, tmp_path: Path, write: Write) -> None:
    archive = linkedin_zip(tmp_path / "export.zip", {"Skills.csv": "../../outside/Skills.csv"})
    profile = imported(cli, archive)
    assert profile["skills"] == ["SQL", "Python (Programming Language)", "Data Engineering"]
    assert not (tmp_path.parent / "outside").exists()  # nothing extracted anywhere


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.zip"], "Invalid value for 'SOURCE...': missing.zip: no such file"),
        (
            ["--currency", "euro", LINKEDIN],
            "Invalid value for '--currency': 'euro' is not an ISO 4217 code such as EUR",
        ),
    ],
)
def test_import_usage_errors(cli: Invoke, write: Write, args: list[str], message: str) -> None:
    write("unused", "")
    result = cli("import", *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(f"careercap import: error: {message}")


def test_an_empty_folder_is_a_usage_error(cli: Invoke, tmp_path: Path) -> None:
    result = cli("import", str(tmp_path))
    assert result.exit_code == 2
    assert (
        "a folder with neither LinkedIn's Certifications.csv or Skills.csv nor badge .json files"
        in result.stderr
    )
