"""Reading profiles: text kept as written, nulls, encodings, documents, located errors."""

from __future__ import annotations

import codecs
import io
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from careercap.reading.documents import BLOCK
from careercap.reading.profiles import Loaded, load, load_stream, load_text

MINIMAL = "name: Ada\nincome: 50000\nas_of: 2025\n"


def one(text: str, source: str = "p.yaml") -> Loaded:
    (loaded,) = load_text(text, source)
    return loaded


def errors(text: str) -> list[str]:
    return [str(error) for loaded in load_text(text, "p.yaml") for error in loaded.errors]


@pytest.mark.parametrize("name", ["NO", "on", "yes", "1.10", "true", "2024-01-01", "0x1F", "~text"])
def test_text_fields_keep_the_text_as_written(name: str) -> None:
    loaded = one(
        f"name: {name}\nincome: 1\nskills: [{name}]\ncertifications:\n  - {{name: {name}, earned: 2020}}\n"
    )
    assert loaded.profile is not None
    assert loaded.profile.name == name
    assert loaded.profile.skills[0].name == name
    assert loaded.profile.certifications[0].name == name


@pytest.mark.parametrize("empty", ["~", "null", "", "Null", "NULL"])
def test_a_plain_null_means_not_given(empty: str) -> None:
    loaded = one(f"name: Ada\nincome: 1\nhorizon: {empty}\ncurrency: {empty}\nbaseline_growth: {empty}\n")
    assert loaded.profile is not None
    assert (loaded.profile.horizon, loaded.profile.currency, loaded.profile.baseline_growth) == (
        5,
        "USD",
        0.03,
    )


def test_a_quoted_null_is_text() -> None:
    loaded = one('name: "null"\nincome: 1\n')
    assert loaded.profile is not None
    assert loaded.profile.name == "null"


def test_a_required_field_given_empty_is_reported_at_its_key() -> None:
    assert errors("name: ~\nincome: 1\n") == ["p.yaml:1:1: error: name: is empty, and a value is required"]


def test_a_missing_required_field_is_reported() -> None:
    assert errors("name: Ada\n") == ["p.yaml:1:1: error: income: is required"]


def test_salary_is_another_name_for_income() -> None:
    loaded = one("name: Ada\nsalary: 72000\n")
    assert loaded.profile is not None
    assert loaded.profile.income == 72000


def test_income_and_salary_together_is_an_error_at_salary() -> None:
    assert errors("name: Ada\nincome: 1\nsalary: 2\n") == [
        "p.yaml:3:1: error: salary: give income or salary, not both"
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("income: 0", "3:9: error: income: must be greater than 0"),
        ("income: -5", "3:9: error: income: must be greater than 0"),
        ("income: 2e9", "3:9: error: income: must be at most 1000000000"),
        ("income: yes", "3:9: error: income: must be a number, not 'yes'"),
        ("income: .nan", "3:9: error: income: must be a finite number, not .nan"),
        ("income: .inf", "3:9: error: income: must be a finite number, not .inf"),
        (
            "income: 100,000",
            "3:9: error: income: must be a number, not '100,000' (write it without separators, e.g. 100000)",
        ),
        ("income: [1, 2]", "3:9: error: income: must be a number, not a list"),
        ("horizon: 51", "3:10: error: horizon: must be at most 50"),
        ("horizon: 2.5", "3:10: error: horizon: must be a whole number, not '2.5'"),
        ("as_of: 1949", "3:8: error: as_of: must be at least 1950"),
        (
            "baseline_growth: 3%",
            "3:18: error: baseline_growth: must be a number, not '3%' (write a fraction: 0.03 for 3 %)",
        ),
        (
            "employment: contractor",
            "3:13: error: employment: must be 'employee' or 'freelancer', not 'contractor'",
        ),
        (
            "currency: usd",
            "3:11: error: currency: must be a three-letter code in capitals, such as USD or EUR, not 'usd'",
        ),
        ("incme: 3", "3:1: error: unknown key 'incme' (did you mean 'income'?)"),
        ("Horizon: 3", "3:1: error: unknown key 'Horizon' (did you mean 'horizon'?)"),
    ],
)
def test_bad_values_are_located_with_a_clear_message(line: str, message: str) -> None:
    second = "as_of: 2025\n" if line.startswith("income") else "income: 1\n"
    text = "name: Ada\n" + second + line + "\n"
    assert errors(text) == [f"p.yaml:{message}"]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2024-02-30", "2024-02-30 is not a date: that month has no day 30"),
        ("2024-13", "2024-13 is not a date: there is no month 13"),
        ("2101", "year 2101 is outside 1950-2100"),
        ("March 2024", "must be a date such as 2024, 2024-03 or 2024-03-15, not 'March 2024'"),
    ],
)
def test_impossible_dates_are_errors(date: str, message: str) -> None:
    text = f"name: Ada\nincome: 1\ncertifications:\n  - name: X\n    earned: {date}\n"
    assert errors(text) == [f"p.yaml:5:13: error: certifications[1].earned: {message}"]


@pytest.mark.parametrize("date", ["2024", "2024-03", "2024-03-15", "'2024-03'", '"2024"'])
def test_dates_may_be_a_year_a_month_or_a_day(date: str) -> None:
    loaded = one(f"name: Ada\nincome: 1\ncertifications:\n  - name: X\n    earned: {date}\n")
    assert loaded.profile is not None
    assert loaded.profile.certifications[0].year == 2024


@pytest.mark.parametrize(
    ("items", "where"),
    [
        ("certifications:\n  -\n", "5:4: error: certifications[1]"),
        ("skills:\n  - SQL\n  - ~\n", "6:5: error: skills[2]"),
    ],
)
def test_an_empty_list_item_is_an_error(items: str, where: str) -> None:
    assert errors(MINIMAL + items) == [
        f"p.yaml:{where}: is an empty list item: fill it in, or remove its '-' line"
    ]


def test_duplicate_keys_are_errors() -> None:
    assert errors("name: Ada\nincome: 1\nincome: 2\n") == [
        "p.yaml:3:1: error: duplicate key 'income': each key may appear once"
    ]


def test_python_tags_are_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"name: !!python/object/apply:os.system ['touch {marker}']\nincome: 1\n"
    assert errors(text) == [
        "p.yaml:1:7: error: tag !!python/object/apply:os.system is not allowed: a profile holds only plain values"
    ]
    assert not marker.exists()


def test_yaml_syntax_errors_name_line_and_column() -> None:
    assert errors("name: [Ada\nincome: 1\n") == [
        "p.yaml:2:7: error: did not find expected ',' or ']' (while parsing a flow sequence at line 1)"
    ]


def test_a_tab_in_the_indentation_gets_a_hint() -> None:
    (message,) = errors("name: Ada\nskills:\n\t- SQL\n")
    assert message.startswith("p.yaml:3:1: error: ")
    assert message.endswith("; indent with spaces, not tabs")


def test_a_top_level_list_is_not_a_profile() -> None:
    assert errors("- name: Ada\n") == [
        "p.yaml:1:1: error: a profile must be a mapping of keys such as 'name:' and 'income:', not a list"
    ]


@pytest.mark.parametrize(
    ("text", "what"), [("", "is empty"), ("\n  \n", "is empty"), ("# nothing\n", "holds only comments")]
)
def test_a_source_without_a_document_is_an_error(text: str, what: str) -> None:
    assert errors(text) == [f"p.yaml: error: {what}: a profile needs at least 'name:' and 'income:'"]


def test_documents_are_numbered_and_empty_ones_skipped_with_a_warning() -> None:
    text = MINIMAL + "---\n# nothing here\n---\n" + MINIMAL.replace("Ada", "Grace")
    documents = list(load_text(text, "s.yaml"))
    assert [(loaded.document, loaded.empty) for loaded in documents] == [(1, False), (2, True), (3, False)]
    assert [str(warning) for warning in documents[1].warnings] == [
        "s.yaml:4:1: warning: document 2 is empty; skipped"
    ]
    assert documents[2].profile is not None
    assert documents[2].profile.name == "Grace"


def test_a_broken_document_does_not_take_the_others_with_it() -> None:
    text = MINIMAL + "---\nname: [Broken\n---\n" + MINIMAL
    documents = list(load_text(text, "s.yaml"))
    assert [loaded.profile is not None for loaded in documents] == [True, False, True]
    (error,) = documents[1].errors
    assert (error.where.line, error.where.document) == (6, 2)


def test_repeated_skills_count_once_with_a_located_warning() -> None:
    loaded = one(
        MINIMAL + "skills:\n  - Prompt-Engineering\n  - name: prompt  engineering\n    acquired: 2020\n"
    )
    assert loaded.profile is not None
    assert [(skill.name, skill.acquired) for skill in loaded.profile.skills] == [("Prompt-Engineering", None)]
    assert [str(warning) for warning in loaded.warnings] == [
        "p.yaml:6:5: warning: skill 'prompt  engineering' is listed again; it counts once, as held since before as_of"
    ]


def test_a_repeat_written_with_another_precision_counts_once_by_year() -> None:
    text = MINIMAL + "certifications:\n  - {name: CKA, earned: 2024-03}\n  - {name: CKA, earned: 2024}\n"
    loaded = one(text)
    assert loaded.profile is not None
    assert [(cert.name, str(cert.earned)) for cert in loaded.profile.certifications] == [("CKA", "2024-03")]
    assert len(loaded.warnings) == 1


def test_a_renewal_counts_once_at_its_earliest_year() -> None:
    text = MINIMAL + "certifications:\n  - {name: CKA, earned: 2024}\n  - {name: cka, earned: 2021}\n"
    loaded = one(text)
    assert loaded.profile is not None
    assert [(cert.name, cert.year) for cert in loaded.profile.certifications] == [("CKA", 2021)]
    assert [warning.message for warning in loaded.warnings] == [
        "certification 'cka' is listed again; it counts once, at its earliest date, 2021"
    ]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_encodings_with_a_byte_order_mark_are_read(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(bom + "name: Zoë Ångström\nincome: 1\n".encode(encoding))
    (loaded,) = load(str(path))
    assert loaded.profile is not None
    assert loaded.profile.name == "Zoë Ångström"


def test_latin1_bytes_are_an_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes("name: Ada\nincome: 1\nnotes: café\n".encode("latin-1"))
    (loaded,) = load(str(path))
    assert [str(error).replace(str(path), "p.yaml") for error in loaded.errors] == [
        "p.yaml:3:11: error: bytes e9 are not valid UTF-8; save the file as UTF-8"
    ]


@pytest.mark.parametrize(("newline", "name"), [("\n", "LF"), ("\r\n", "CRLF"), ("\r", "CR")])
def test_lines_count_as_an_editor_counts_them(newline: str, name: str) -> None:
    text = (
        newline.join(["name: Ada", "notes: 'Zoë Ångström ✓'", "income: yes", "---", "name: B", "income: [x"])
        + newline
    )
    problems = errors(text)
    assert problems == [
        "p.yaml:3:9: error: income: must be a number, not 'yes'",
        "p.yaml:7:1: error: did not find expected ',' or ']' (while parsing a flow sequence at line 6)",
    ], name


# Line ends, byte-order marks, directives and bytes that are not text --------------------


class Trickle(io.RawIOBase):
    """A pipe that gives the pieces given, one at most a read, then what `then` makes, for
    ever; a reader that takes more than `limit` bytes fails the test."""

    def __init__(self, *pieces: bytes, then: Callable[[], bytes] | None = None, limit: int = 2**30) -> None:
        self.pieces = list(pieces)
        self.then = then
        self.given = 0
        self.limit = limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self.pieces and self.then is not None:
            self.pieces.append(self.then())
        if not self.pieces:
            return 0
        piece = self.pieces.pop(0)
        size = min(len(buffer), len(piece))
        buffer[:size] = piece[:size]
        if size < len(piece):
            self.pieces.insert(0, piece[size:])
        self.given += size
        assert self.given <= self.limit, "read on past the point where it should have stopped"
        return size


def stream_errors(*pieces: bytes, source: str = "-") -> list[str]:
    return [
        str(error)
        for loaded in load_stream(io.BufferedReader(Trickle(*pieces)), source)
        for error in loaded.errors
    ]


def mac_profiles(count: int) -> str:
    """`count` profiles with classic Mac line ends (a lone carriage return), about 800
    bytes each."""
    profile = "name: P{}\rincome: 50000\ras_of: 2025\rnotes: " + "many words " * 70 + "\r"
    return "---\r".join(profile.format(number) for number in range(count))


def test_lone_carriage_returns_end_lines_past_a_mebibyte_and_a_crlf_split_between_reads_is_one_line_end() -> (
    None
):
    head = (mac_profiles(1500) + "---\rname: Last\r").encode()
    assert len(head) > 2**20
    assert b"\n" not in head
    # "\r" ends one read, "\n" starts the next: one line end, not two.
    assert stream_errors(head, b"\nincome: lots\r\n") == [
        "-:7502:9: error: income: must be a number, not 'lots'"
    ]


@pytest.mark.parametrize("end", [b"\r", b"\n", b"\r\n"], ids=["CR", "LF", "CRLF"])
def test_a_line_past_the_limit_is_skipped_to_its_end_whatever_the_line_end(end: bytes) -> None:
    long_line = b"x" * (2**20 + 5)
    rest = b"---" + end + b"name: B" + end + b"income: lots" + end
    for pieces in ([long_line + end + rest], [long_line + end[:1], end[1:] + rest]):
        assert stream_errors(*pieces) == [
            "-:1:1: error: a line longer than 1024 KiB; a profile is far smaller",
            "-:4:9: error: income: must be a number, not 'lots'",
        ]


@pytest.mark.parametrize("marks", [1, 2, 3])
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: Ada\nincome: lots\n", "2:9: error: income: must be a number, not 'lots'"),
        ("name: {a: 1}\nincome: 1\n", "1:7: error: name: must be text, not a mapping"),
        (
            "name: Ada\nincome: 1\nhorizon: [1\n",
            "4:1: error: did not find expected ',' or ']' (while parsing a flow sequence at line 3)",
        ),
    ],
    ids=["second-line", "first-line", "syntax"],
)
def test_positions_are_right_after_any_number_of_byte_order_marks(
    marks: int, text: str, message: str
) -> None:
    assert errors("\ufeff" * marks + text) == [f"p.yaml:{message}"]
    utf16 = codecs.BOM_UTF16_LE + ("\ufeff" * (marks - 1) + text).encode("utf-16-le")
    assert stream_errors(utf16, source="p.yaml") == [f"p.yaml:{message}"]


def test_a_byte_order_mark_starting_a_document_after_an_end_marker_is_not_counted() -> None:
    text = "name: A\nincome: 1\n...\n\ufeffname: B\nincome: lots\n"
    assert errors(text) == ["p.yaml:5:9: error: income: must be a number, not 'lots'"]


INSIDE = "directive '%YAML' is inside a document: end the document with '...' on the line before it"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize(
    ("lines", "expected", "projected"),
    [
        (
            ["name: A", "income: 1", "%YAML 1.2", "---", "name: B", "income: 2"],
            [f"3:1: error: {INSIDE}"],
            ["B"],
        ),
        (["name: A", "income: 1", "%YAML 1.2"], [f"3:1: error: {INSIDE}"], []),
        (
            ["name: A", "%TAG ! tag:example.com,2024:", "income: 1"],
            [
                "2:1: error: directive '%TAG' is inside a document: end the document with '...' on the line before it"
            ],
            [],
        ),
        (
            ["# a profile", "%YAML 1.2", "name: A", "income: 1"],
            [
                "2:1: error: directive '%YAML' is not followed by '---': put '---' on the line after the directives"
            ],
            [],
        ),
        (["name: A", "income: 1", "...", "%YAML 1.2", "---", "name: B", "income: 2"], [], ["A", "B"]),
    ],
    ids=[
        "before-a-document-start",
        "at-the-end",
        "between-keys",
        "without-a-document-start",
        "after-an-end-marker",
    ],
)
def test_a_misplaced_directive_is_the_error_and_it_points_at_the_directive(
    newline: str, lines: list[str], expected: list[str], projected: list[str]
) -> None:
    documents = list(load_text(newline.join(lines) + newline, "p.yaml"))
    assert [str(error) for loaded in documents for error in loaded.errors] == [
        f"p.yaml:{line}" for line in expected
    ]
    assert [loaded.profile.name for loaded in documents if loaded.profile is not None] == projected


@pytest.mark.parametrize(
    "text",
    [
        "name: A\nincome: 1\n...\n\ufeff\n---\nname: B\nincome: 2\n",
        "# first\n\ufeff\n---\nname: A\nincome: 1\n---\nname: B\nincome: 2\n",
        "name: A\nincome: 1\n...\n\ufeff  # a comment\n\n---\nname: B\nincome: 2\n",
    ],
    ids=["after-an-end-marker", "before-the-first-document", "with-a-comment"],
)
def test_a_line_of_a_byte_order_mark_makes_no_document(text: str) -> None:
    documents = list(load_text(text, "p.yaml"))
    assert [(loaded.document, loaded.profile.name if loaded.profile else None) for loaded in documents] == [
        (number + 1, document["name"])
        for number, document in enumerate(yaml.load_all(text, Loader=yaml.CSafeLoader))
    ]
    assert not [problem for loaded in documents for problem in loaded.errors + loaded.warnings]


def test_reading_stops_at_the_first_bytes_that_are_not_text() -> None:
    noise = random.Random(0)
    pipe = Trickle(
        b"name: A\nincome: 1\n---\nname: B\nincome: 2\n\xff\xfe garbage\n",
        then=lambda: noise.randbytes(BLOCK),
        limit=4 * BLOCK,
    )
    documents = list(load_stream(io.BufferedReader(pipe), "-"))
    assert [(loaded.document, loaded.profile is not None) for loaded in documents] == [(1, True), (2, False)]
    assert [str(error) for error in documents[1].errors] == [
        "-:6:1: error: bytes ff are not valid UTF-8; save the file as UTF-8"
    ]


def test_a_document_past_the_size_limit_is_said_at_once() -> None:
    pipe = Trickle(
        b"name: A\nincome: 1\nnotes: >\n", then=lambda: b"  words words words\n" * 1000, limit=4 * 2**20
    )
    first = next(iter(load_stream(io.BufferedReader(pipe), "-")))
    assert [str(error) for error in first.errors] == [
        "-:1:1: error: this document is larger than 1024 KiB; a profile is far smaller"
    ]
