"""`careercap import`: profiles from LinkedIn exports, JSON Resume and Open Badges, each
merged item checked, the profile validated and projected; and hostile sources refused
with one located line and nothing written."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from careercap.reading import imports
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


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
def test_a_csv_row_is_not_split_at_a_separator_that_is_no_line_end(
    cli: Invoke, tmp_path: Path, separator: str
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Certifications.csv").write_text(
        f"Name,Authority,Started On\nReal Cert,X,2023-01{separator}Injected Cert,Y,2024-01\n",
        encoding="utf-8",
    )
    result = cli("import", str(folder))
    assert result.exit_code == 0
    assert "Injected Cert" not in read(result.stdout).get("certifications", [])
    started = repr(f"2023-01{separator}Injected Cert")
    assert result.stderr.splitlines()[:2] == [
        f"{folder}/Certifications.csv: warning: row 2, Started On: {started} is not a date careercap reads "
        "(2023, 2023-01, Jan 2023, 2023-01-15); left out",
        "LinkedIn Certifications.csv, row 2: warning: certification 'Real Cert' has no date in any source; "
        "left out (add it with its 'earned:' date)",
    ]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_csv_rows_end_at_a_line_feed_a_carriage_return_or_both(cli: Invoke, tmp_path: Path, end: str) -> None:
    (tmp_path / "Certifications.csv").write_bytes(
        end.join(["Name,Started On", "First,2023", '"Second, quoted",2024', ""]).encode()
    )
    result = cli("import", str(tmp_path))
    assert [item["name"] for item in read(result.stdout)["certifications"]] == ["First", "Second, quoted"]
    assert "  # LinkedIn Certifications.csv, row 3\n" in result.stdout


def test_an_integer_too_long_to_read_is_one_located_line(cli: Invoke, write: Write) -> None:
    write("long.json", '{"basics": {"name": "A"},\n "phone": ' + "1" * 5000 + "}")
    result = cli("import", "long.json", "-o", "me.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "long.json:2:11: error: has a number 5,000 digits long; careercap reads numbers of at most 4,300 digits"
    ]
    assert not Path("me.yaml").exists()


def test_what_a_profile_cannot_hold_is_escaped_or_left_out_with_a_warning(cli: Invoke, write: Write) -> None:
    resume = {
        "basics": {"name": "\u200b"},
        "certificates": [{"name": "Lone", "date": "2024-01", "issuer": "Acme \ud800"}],
        "skills": [{"name": name} for name in ("not\ufffecharacter", "e\ud800f", "x" * 201, "\u200b", "SQL")],
    }
    write("resume.json", json.dumps(resume))
    write(
        "badge.json",
        json.dumps(
            {
                "type": "Assertion",
                "badge": {"name": "Lone"},
                "issuedOn": "2024-05-01",
                "expires": "2020-01-01",
            }
        ),
    )
    result = cli("import", "resume.json", "badge.json", "--income", "1", "-o", "me.yaml")
    assert result.exit_code == 0
    long = "'" + "x" * 39 + "… (201 characters)"
    assert result.stderr.splitlines() == [
        "resume.json: warning: name '\\u200b' has nothing visible to name it by; left out",
        "JSON Resume resume.json, certificates[1]: warning: issuer 'Acme \\ud800' holds a lone surrogate "
        "'\\ud800', which is not text; left out",
        "Open Badge badge.json: warning: certification 'Lone' expires (2020-01-01) before it is earned "
        "(2024-01); the expiry left out",
        "JSON Resume resume.json, skills[2]: warning: skill 'e\\ud800f' holds a lone surrogate '\\ud800', "
        "which is not text; left out",
        f"JSON Resume resume.json, skills[3]: warning: skill {long} is longer than 200 characters, "
        "the most a profile's name holds; left out",
        "JSON Resume resume.json, skills[4]: warning: skill '\\u200b' has nothing visible to name it by; left out",
    ]
    profile = Path("me.yaml").read_text(encoding="utf-8")
    assert '  - "not\\ufffecharacter"\n' in profile
    assert read(profile)["certifications"] == [{"name": "Lone", "earned": "2024-01"}]
    assert read(profile)["skills"] == ["not\ufffecharacter", "SQL"]
    validated = cli("validate", "me.yaml")
    assert validated.stderr.splitlines() == ["me.yaml:3:1: error: name: is empty, and a value is required"]


def test_a_profile_too_large_to_read_keeps_its_first_items_and_says_where_the_rest_begin(
    cli: Invoke, write: Write
) -> None:
    write("resume.json", json.dumps({"skills": [{"name": f"skill {i}"} for i in range(1, 101_001)]}))
    result = cli("import", "resume.json", "--name", "A", "--income", "1", "-o", "me.yaml")
    assert result.stderr.splitlines()[0] == (
        "JSON Resume resume.json, skills[9982]: warning: this skill and the 91,018 items after it are "
        "left out: a profile holds at most 10,000 values and 1,024 KiB"
    )
    assert read(Path("me.yaml").read_text(encoding="utf-8"))["skills"][-1] == "skill 9981"
    assert cli("validate", "me.yaml").exit_code == 0


def test_a_linkedin_export_names_what_it_skips_and_the_dates_it_does_not_read(
    cli: Invoke, write: Write
) -> None:
    members = {
        "Basic/SKILLS.CSV": b"Name\nSQL\n",
        "Basic/Connections.csv": b"First Name\nAda\n",
        "Basic/export.zip": zipped({"Skills.csv": b"Name\nPython\n"}),
        "Basic/sub/Certifications.csv": b"Name,Started On\nHidden,2021\n",
        "Basic/Certifications.csv": b"Name,Started On\nRange,2023 to 2025\nTimed,2024-02-03T10:00:00Z\n",
    }
    write("export.zip", zipped(members))
    result = cli("import", "export.zip")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[:-1] == [
        "export.zip: Basic/export.zip: warning: skipped: careercap does not open a ZIP inside an export; "
        "unpack it and import it on its own",
        "export.zip: Basic/sub/Certifications.csv: warning: skipped: a second Certifications.csv; "
        "careercap reads Basic/Certifications.csv",
        "export.zip: warning: skipped 1 CSV file careercap does not import: Basic/Connections.csv "
        "(it reads Profile.csv, Certifications.csv and Skills.csv)",
        "export.zip: Basic/Certifications.csv: warning: row 2, Started On: '2023 to 2025' is not a date "
        "careercap reads (2023, 2023-01, Jan 2023, 2023-01-15); left out",
        "LinkedIn Certifications.csv, row 2: warning: certification 'Range' has no date in any source; "
        "left out (add it with its 'earned:' date)",
    ]
    profile = read(result.stdout)
    assert profile["certifications"] == [{"name": "Timed", "earned": "2024-02-03"}]
    assert profile["skills"] == ["SQL"]


@pytest.mark.parametrize(
    ("dates", "earned", "warnings"),
    [
        (
            {"validFrom": 2024},
            2024,
            ["ob3.json: warning: validFrom: the number 2024 is read as the year 2024; check it"],
        ),
        (
            {"issuanceDate": "2023-06-01", "expirationDate": 1767225600},
            "2023-06-01",
            [
                "ob3.json: warning: expirationDate: the number 1767225600 is read as a Unix time, 2026-01-01; check it"
            ],
        ),
    ],
)
def test_a_number_taken_for_a_badge_date_is_said(
    cli: Invoke, write: Write, dates: dict[str, Any], earned: object, warnings: list[str]
) -> None:
    credential = {
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "credentialSubject": {"achievement": {"name": "Numbered"}},
        **dates,
    }
    write("ob3.json", json.dumps(credential))
    result = cli("import", "ob3.json")
    assert read(result.stdout)["certifications"][0]["earned"] == earned
    assert result.stderr.splitlines()[:-1] == warnings


def png(*chunks: tuple[bytes, bytes]) -> bytes:
    """A PNG image holding these chunks (type, data) between its header and its end."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + b"".join(chunk(*c) for c in chunks) + chunk(b"IEND", b"")


ASSERTION = json.dumps(
    {
        "type": "Assertion",
        "issuedOn": "2024-04-01",
        "badge": {"name": "Baked Badge", "issuer": {"name": "Oven"}},
    }
).encode()


@pytest.mark.parametrize(
    "chunk",
    [
        (b"iTXt", b"openbadges\0\0\0\0\0" + ASSERTION),
        (b"iTXt", b"openbadges\0\1\0en\0\0" + zlib.compress(ASSERTION)),
        (b"tEXt", b"openbadges\0" + ASSERTION),
    ],
)
def test_a_baked_png_badge_is_read_from_its_openbadges_chunk(
    cli: Invoke, write: Write, chunk: tuple[bytes, bytes]
) -> None:
    write("badge.png", png((b"tEXt", b"Software\0painter"), chunk))
    profile = imported(cli, "badge.png")
    assert profile["certifications"] == [{"name": "Baked Badge", "earned": "2024-04-01", "issuer": "Oven"}]


@pytest.mark.parametrize(
    ("chunks", "message"),
    [
        (
            (),
            "badge.png: error: is a PNG image with no badge baked into it (no openbadges text chunk); "
            "import the badge's JSON, which its issuer's page offers to download",
        ),
        (
            ((b"iTXt", b"openbadges\0\0\0\0\0https://example.org/assertions/1"),),
            "badge.png: openbadges: error: the baked badge is only a URL ('https://example.org/assertions/1'), "
            "and careercap fetches no URL; download the JSON it points to and import that",
        ),
    ],
)
def test_a_png_without_a_baked_assertion_says_how_to_get_the_json(
    cli: Invoke, write: Write, chunks: tuple[tuple[bytes, bytes], ...], message: str
) -> None:
    write("badge.png", png(*chunks))
    result = cli("import", "badge.png")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [message]


def credential(name: str, achievement_type: str | None = None, **fields: Any) -> dict[str, Any]:
    """An Open Badges 3.0 credential for `name`, of that achievementType when one is given."""
    achievement: dict[str, Any] = {"name": name}
    if achievement_type is not None:
        achievement["achievementType"] = achievement_type
    return {
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"name": "Cloud Academy"},
        "credentialSubject": {"achievement": achievement},
        **fields,
    }


CREDENTIAL = credential("Cloud Practitioner", "Certification", validFrom="2024-03-01T00:00:00Z")


def encoded(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def jwt(payload: Any, header: Any = None) -> str:
    """A compact JWS of the payload; its signature is bytes no key made."""
    return f"{encoded(header or {'alg': 'ES256', 'typ': 'JWT'})}.{encoded(payload)}.c2lnbmF0dXJl"


SIGNED = jwt({"iss": "https://cloud.example.org", "nbf": 1709251200, "vc": CREDENTIAL})
CLOUD = {"name": "Cloud Practitioner", "earned": "2024-03-01", "issuer": "Cloud Academy"}
ASSERTION_SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org" viewBox="0 0 512 512">
  <openbadges:assertion verify="https://example.org/assertions/1">
    <![CDATA[{}]]>
  </openbadges:assertion>
  <circle r="4"/>
</svg>
"""


def svg(element: str, namespace: str = "https://purl.imsglobal.org/ob/v3p0") -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{namespace}">{element}<circle/></svg>'


@pytest.mark.parametrize(
    ("image", "comment"),
    [
        (ASSERTION_SVG.replace("{}", ASSERTION.decode()), "Open Badge badge.svg"),
        (svg(f"<openbadges:credential><![CDATA[{json.dumps(CREDENTIAL)}]]></openbadges:credential>"), None),
        (svg(f'<openbadges:credential verify="{SIGNED}"></openbadges:credential>'), "JWT"),
        (svg(f"<openbadges:credential>\n  {SIGNED}\n</openbadges:credential>"), "JWT"),
    ],
    ids=["2.0 assertion in CDATA", "3.0 credential in CDATA", "3.0 JWT in verify", "3.0 JWT as text"],
)
def test_a_baked_svg_badge_is_read_from_its_openbadges_element(
    cli: Invoke, write: Write, image: str, comment: str | None
) -> None:
    write("badge.svg", image)
    result = cli("import", "badge.svg", "--income", "1", "--name", "A", "-o", "me.yaml")
    assert result.exit_code == 0
    assert result.stderr == ""
    profile = Path("me.yaml").read_text(encoding="utf-8")
    if comment == "Open Badge badge.svg":
        assert read(profile)["certifications"] == [
            {"name": "Baked Badge", "earned": "2024-04-01", "issuer": "Oven"}
        ]
    else:
        assert read(profile)["certifications"] == [CLOUD]
    signed = "  # Open Badge badge.svg (a JWT; signature not verified)\n"
    assert (signed in profile) == (comment == "JWT")
    assert cli("validate", "me.yaml").exit_code == 0


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (
            '<?xml version="1.0"?>\n<!DOCTYPE svg [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;">\n]>\n'
            "<svg>&lol2;</svg>",
            "badge.svg:2:1: error: holds a <!DOCTYPE> declaration, which careercap does not read in an SVG (it "
            "could expand without end or read other files); export the badge again",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg">\n<!ENTITY xxe SYSTEM "file:///etc/passwd"></svg>',
            "badge.svg:2:1: error: holds a <!ENTITY> declaration, which careercap does not read in an SVG (it "
            "could expand without end or read other files); export the badge again",
        ),
        (
            svg("", "http://openbadges.org"),
            "badge.svg: error: is an SVG image with no badge baked into it (no openbadges:assertion or "
            "openbadges:credential element); import the badge's JSON, which its issuer's page offers to download",
        ),
        (
            svg('<openbadges:assertion verify="https://example.org/assertions/1"/>', "http://openbadges.org"),
            "badge.svg: openbadges:assertion: error: the baked badge is only a URL "
            "('https://example.org/assertions/1'), and careercap fetches no URL; download the JSON it points "
            "to and import that",
        ),
        (
            svg("<openbadges:credential> </openbadges:credential>"),
            "badge.svg: openbadges:credential: error: is empty: the baked badge holds neither JSON nor a JWT",
        ),
        (
            svg("<openbadges:credential>{</openbadges:credential>"),
            "badge.svg: openbadges:credential:1:2: error: is not valid JSON: Expecting property name enclosed "
            "in double quotes",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg">\n  <circle>\n</svg>',
            "badge.svg:3:3: error: is not XML careercap reads: mismatched tag",
        ),
        (
            '<html><openbadges:assertion xmlns:openbadges="http://openbadges.org"/></html>',
            "badge.svg: error: is XML, but not an SVG image; careercap imports badges baked into PNG or SVG",
        ),
    ],
    ids=[
        "billion laughs",
        "external entity",
        "no badge",
        "only a URL",
        "empty",
        "bad JSON",
        "not XML",
        "not SVG",
    ],
)
def test_an_svg_with_a_dtd_or_without_a_readable_badge_is_one_line_exit_1(
    cli: Invoke, write: Write, image: str, message: str
) -> None:
    write("badge.svg", image)
    result = cli("import", "badge.svg", "-o", "me.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [message]
    assert not Path("me.yaml").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("badge.jwt", SIGNED + "\n"),
        ("badge.jws", SIGNED),
        ("badge.txt", f"\ufeff{SIGNED}\r\n"),
        ("badge.json", json.dumps(SIGNED)),
        ("badge.json", json.dumps([SIGNED])),
        ("badge.jwt", jwt(CREDENTIAL, {"alg": "ES256", "typ": "vc+jwt"})),  # the payload is the credential
    ],
    ids=["jwt", "jws", "text", "JSON string", "JSON array", "payload"],
)
def test_an_open_badges_3_credential_signed_as_a_jwt_says_its_signature_is_not_verified(
    cli: Invoke, write: Write, name: str, content: str
) -> None:
    write(name, content)
    result = cli("import", name, "--income", "1", "--name", "A", "-o", "me.yaml")
    assert (result.exit_code, result.stderr) == (0, "")
    profile = Path("me.yaml").read_text(encoding="utf-8")
    assert read(profile)["certifications"] == [CLOUD]
    item = ", item 1" if content.startswith("[") else ""
    assert f"  # Open Badge {name}{item} (a JWT; signature not verified)\n" in profile
    assert cli("validate", "me.yaml").exit_code == 0


def test_a_png_baked_with_a_jwt_is_read(cli: Invoke, write: Write) -> None:
    write("badge.png", png((b"iTXt", b"openbadgecredential\0\0\0\0\0" + SIGNED.encode())))
    result = cli("import", "badge.png")
    assert read(result.stdout)["certifications"] == [CLOUD]
    assert "  # Open Badge badge.png (a JWT; signature not verified)\n" in result.stdout


def test_a_jwt_credential_without_dates_is_dated_by_its_nbf_and_exp_claims(cli: Invoke, write: Write) -> None:
    undated = credential("Cloud Practitioner", "Certification")
    write("badge.jwt", jwt({"nbf": 1709251200, "exp": 1804032000, "vc": undated}))
    assert imported(cli, "badge.jwt")["certifications"] == [{**CLOUD, "expires": "2027-03-03"}]


HEADER = encoded({"alg": "ES256"})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "badge.jwt",
            f"{HEADER}.{encoded(CREDENTIAL)}",
            "badge.jwt: error: is a malformed JWT: it has 2 parts separated by dots, and a JWT has 3 "
            "(header.payload.signature)",
        ),
        (
            "badge.jwt",
            "not a token",
            "badge.jwt: error: is a malformed JWT: it has 1 part separated by dots, "
            "and a JWT has 3 (header.payload.signature)",
        ),
        (
            "badge.jwt",
            f"{HEADER}.pay load.sig",
            "badge.jwt: error: is a malformed JWT: its payload is not base64url",
        ),
        (
            "badge.txt",
            f"{HEADER}.{encoded(CREDENTIAL)}.s!g",
            "badge.txt: error: is a malformed JWT: its signature is not base64url",
        ),
        (
            "badge.jwt",
            f"{encoded([1])}.{encoded(CREDENTIAL)}.sig",
            "badge.jwt: error: is a malformed JWT: its header is not a JSON object",
        ),
        (
            "badge.jwt",
            f"{HEADER}.{base64.urlsafe_b64encode(b'{oops').decode()}.sig",
            "badge.jwt: JWT payload:1:2: error: is not valid JSON: Expecting property name enclosed in double quotes",
        ),
        (
            "badge.jwt",
            f"{HEADER}.{encoded({'vc': {'hello': 1}})}.sig",
            "badge.jwt: error: is a JWT, but its payload is not an Open Badges assertion or credential, nor "
            "holds one in its vc claim",
        ),
        (
            "badges.json",
            json.dumps([SIGNED, f"{HEADER}.e30"]),
            "badges.json: item 2: error: is a malformed JWT: it has 2 parts separated by dots, and a JWT has 3 "
            "(header.payload.signature)",
        ),
    ],
    ids=[
        "two parts",
        "not a token",
        "payload",
        "signature",
        "header",
        "payload JSON",
        "no credential",
        "item",
    ],
)
def test_a_malformed_jwt_is_one_located_line_exit_1(
    cli: Invoke, write: Write, name: str, content: str, message: str
) -> None:
    write(name, content)
    result = cli("import", name, "-o", "me.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [message]
    assert not Path("me.yaml").exists()


def test_an_achievement_type_makes_a_badge_a_certification_a_skill_or_neither(
    cli: Invoke, write: Write
) -> None:
    dated = {"validFrom": "2023-06-01"}
    badges = [
        credential("Cloud Practitioner", "Certification", **dated),
        credential("Applied Statistics", "MicroCredential", **dated),
        credential("Registered Nurse", "License", **dated),
        credential("Untyped Badge", None, **dated),
        credential("Data Modelling", "Competency", **dated),
        credential("BSc Computing", "BachelorDegree", **dated),
        credential("Intro to SQL", "Course", **{"validFrom": "2022-01-10"}),
        credential("Bootcamp", "ext:Bootcamp", **dated),
    ]
    write("badges.json", json.dumps(badges))
    result = cli("import", "badges.json", "--income", "1", "--name", "A", "-o", "me.yaml")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "badges.json: warning: item 8, achievementType 'ext:Bootcamp' is not in Open Badges 3.0's vocabulary; "
        "read as a certification",
        "Open Badge badges.json, item 6: warning: 'BSc Computing' (achievementType 'BachelorDegree') is neither "
        "a certification nor a skill careercap counts; left out",
        "Open Badge badges.json, item 7: warning: 'Intro to SQL' (achievementType 'Course') is neither "
        "a certification nor a skill careercap counts; left out",
    ]
    text = Path("me.yaml").read_text(encoding="utf-8")
    profile = read(text)
    counted = ["Cloud Practitioner", "Applied Statistics", "Registered Nurse", "Untyped Badge", "Bootcamp"]
    assert [item["name"] for item in profile["certifications"]] == counted
    assert profile["skills"] == ["Data Modelling"]
    assert text.endswith(
        "# Left out: neither a certification nor a skill careercap counts\n"
        "#   'BSc Computing' (achievementType 'BachelorDegree', 2023-06-01): Open Badge badges.json, item 6\n"
        "#   'Intro to SQL' (achievementType 'Course', 2022-01-10): Open Badge badges.json, item 7\n"
    )
    assert cli("validate", "me.yaml").exit_code == 0


def test_the_comment_on_what_is_left_out_names_twenty_and_counts_the_rest(cli: Invoke, write: Write) -> None:
    write("badges.json", json.dumps([credential(f"Degree {i}", "Degree") for i in range(1, 26)]))
    result = cli("import", "badges.json")
    assert result.exit_code == 0
    comment = result.stdout.split("# Left out: ")[1].splitlines()
    assert comment[-2:] == [
        "#   'Degree 20' (achievementType 'Degree'): Open Badge badges.json, item 20",
        "#   and 5 more",
    ]
    assert len(result.stderr.splitlines()) == 26  # a warning each, and the note on the income


def test_the_manual_lists_each_achievement_type_as_the_code_reads_it() -> None:
    manual = (ROOT / "docs" / "profile.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (certification|skill|left out) \| (.+) \|$", manual, re.M))
    listed = {name.strip("` "): kind for kind, names in rows.items() for name in names.split(",")}
    assert listed == {name: kind or "left out" for name, kind in imports.ACHIEVEMENT_TYPES.items()}


def test_a_linkedin_renewal_keeps_each_dated_entry(cli: Invoke, write: Write, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "Certifications.csv").write_text(
        "Name,Url,Authority,Started On,Finished On\n"
        "AWS Solutions Architect,,Amazon,Jan 2020,Jan 2023\n"
        "GCP Data Engineer,,Google,Mar 2021,\n"
        "AWS Solutions Architect,,Amazon,Jan 2023,Jan 2026\n"
        "AWS Solutions Architect,,Amazon,Jan 2023,Jan 2026\n",  # the same row twice is one entry
        encoding="utf-8",
    )
    badge = {
        "type": "Assertion",
        "issuedOn": "2022-11-03",
        "badge": {"name": "AWS Solutions Architect", "issuer": {"name": "AWS Training"}},
    }
    write("aws.json", json.dumps(badge))
    result = cli(
        "import", str(export), "aws.json", "--income", "1", "--name", "A", "--as-of", "2024", "-o", "me.yaml"
    )
    assert (result.exit_code, result.stderr) == (0, "")
    text = Path("me.yaml").read_text(encoding="utf-8")
    assert read(text)["certifications"] == [
        {"name": "AWS Solutions Architect", "earned": "2020-01", "issuer": "Amazon", "expires": "2023-01"},
        {"name": "GCP Data Engineer", "earned": "2021-03", "issuer": "Google"},
        {  # the badge is nearer the renewal than the first
            "name": "AWS Solutions Architect",
            "earned": "2022-11-03",
            "issuer": "Amazon; AWS Training",
            "expires": "2026-01",
        },
    ]
    assert (
        "  # LinkedIn Certifications.csv, row 4; LinkedIn Certifications.csv, row 5; Open Badge aws.json\n"
        in text
    )
    validated = cli("validate", "me.yaml")
    assert validated.exit_code == 0
    assert (
        "me.yaml:18:5: warning: certification 'AWS Solutions Architect' is listed again; it counts once, "
        "at its earliest date, 2020-01"
    ) in validated.stderr.splitlines()


def test_other_sources_still_merge_a_name_into_one_entry(cli: Invoke, write: Write) -> None:
    resume = {"certificates": [{"name": "CKA", "date": "2021-05"}, {"name": "CKA", "date": "2024-05"}]}
    write("resume.json", json.dumps(resume))
    assert imported(cli, "resume.json")["certifications"] == [{"name": "CKA", "earned": "2021-05"}]


def test_standard_input_is_read_as_a_source(tmp_path: Path) -> None:
    resume = b'{"basics": {"name": "Ada"}, "skills": [{"name": "SQL"}]}'
    run = subprocess.run(
        [sys.executable, "-m", "careercap", "import", "-", "--income", "5000"],
        input=resume,
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (run.returncode, run.stderr) == (0, b"")
    profile = run.stdout.decode()
    assert profile.startswith("# A careercap profile, imported from standard input.\n")
    assert "  # JSON Resume standard input, skills[1]\n  - SQL\n" in profile
