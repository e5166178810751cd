"""The fast path for plain block documents (`careercap.reading.blocks`) against PyYAML's
parser (`yamlvalues`' event builder): on every document the fast path accepts, the same
values; on every document the parser refuses, the fast path gives up, so that the error
and its place are the parser's. Checked on every YAML file in the repository, on the
benchmark's generated cohort, and on documents made of lines chosen to be hard."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from careercap.errors import CareercapError
from careercap.reading import blocks
from careercap.reading.documents import Document, split_documents, stream_chunks
from careercap.reading.profiles import load
from careercap.reading.yamlvalues import _Builder
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import write_stream


def by_parser(document: Document) -> Any:
    """The parser's values, or the error it raises."""
    try:
        return _Builder(document, None).build()
    except CareercapError as exc:
        return exc


def assert_agree(text: str) -> bool:
    """Whether the fast path read the text; if it did, it read what the parser reads."""
    document = Document("t.yaml", 1, 0, text)
    fast = blocks.values(text)
    if fast is blocks.NOT_PLAIN:
        return False
    parsed = by_parser(document)
    assert not isinstance(parsed, CareercapError), f"the parser refuses {text!r}: {parsed}"
    assert fast == parsed, text
    return True


def documents_of(path: Path) -> list[Document]:
    with path.open("rb") as handle:
        return list(split_documents(stream_chunks(handle), str(path)))


YAML_FILES = sorted(
    path
    for folder in ("profiles", "tests", "careercap")
    for path in (ROOT / folder).rglob("*")
    if path.suffix in (".yaml", ".yml")
)


def test_every_yaml_file_in_the_repository_reads_the_same() -> None:
    read = 0
    for path in YAML_FILES:
        for document in documents_of(path):
            if document.problem is None:
                read += assert_agree(document.text)
    assert len(YAML_FILES) > 60
    assert read > 30  # the hostile files go to the parser


def test_the_example_profiles_are_read_by_the_fast_path() -> None:
    examples = sorted((ROOT / "profiles").glob("*.yaml"))
    assert len(examples) > 5
    for path in examples:
        for document in documents_of(path):
            assert assert_agree(document.text), path


def test_the_generated_cohort_reads_the_same_and_all_by_the_fast_path(tmp_path: Path) -> None:
    stream = tmp_path / "cohort.yaml"
    write_stream(2000, stream)
    documents = documents_of(stream)
    assert len(documents) == 2000
    assert all(assert_agree(document.text) for document in documents)


# Documents made of hard lines --------------------------------------------------------

KEYS = ["name", "income", "skills", "certifications", "earned", "null", "Null", "a_b", "x"]
VALUES = [
    "",
    "plain text",
    "Ana O'Neil",
    "R&D (EU)",
    "-0.01",
    "+5",
    ".5",
    "-",
    "- x",
    "2024-03",
    "null",
    "NULL",
    "~",
    "yes",
    "a: b",
    "a:b",
    "a #b",
    "a#b",
    "'quoted'",
    '"quoted"',
    "[1, 2]",
    "{a: 1}",
    "&anchor x",
    "*alias",
    "!!str x",
    "|",
    ">",
    "@x",
    "`x",
    "%x",
    "?x",
    "? x",
    "José",
    "x  y",
    "x\t",
    "x ",
    "_x",
    "é",
    "٣",
    "x\u00a0y",
    "x\ufeff",
]
INDENTS = ["", " ", "  ", "   ", "    ", "      "]


@st.composite
def hard_documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 9))):
        indent = draw(st.sampled_from(INDENTS))
        shape = draw(st.sampled_from(["key", "key", "item", "item key", "comment", "blank", "raw"]))
        key, value = draw(st.sampled_from(KEYS)), draw(st.sampled_from(VALUES))
        spaces = draw(st.sampled_from([" ", "  "]))
        if shape == "key":
            line = f"{key}:{spaces}{value}" if value else f"{key}:"
        elif shape == "item":
            line = f"-{spaces}{value}" if value else "-"
        elif shape == "item key":
            line = f"-{spaces}{key}:{spaces}{value}" if value else f"-{spaces}{key}:"
        elif shape == "comment":
            line = "# " + value
        elif shape == "blank":
            line = ""
        else:
            line = draw(st.sampled_from(["---", "...", "- - x", "key :x", "\tkey: x", "key:\tx", "--- x"]))
        lines.append(indent + line)
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@st.composite
def profile_like_documents(draw: st.DrawFn) -> str:
    """Nested documents as people write them (lists at the key's indent or deeper, lists of
    mappings, comments after values), with hard values, and now and then one line
    disturbed."""
    usual = ["Ada", "2024-03", "Data Science", "-0.01", "O'Neil & co.", "José", "null", "x  y"]
    value = st.sampled_from(usual * 10 + VALUES)  # mostly usual: the fast path's part is reached
    base = draw(st.sampled_from(["", "", "  "]))
    lines: list[str] = []
    for key in draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=5, unique=True)):
        kind = draw(st.sampled_from(["value", "value", "list", "list of mappings", "mapping", "empty"]))
        step = " " * draw(st.sampled_from([1, 2, 4]))
        dash = base + draw(st.sampled_from(["", step]))
        if kind == "value":
            lines.append(f"{base}{key}: {draw(value)}".rstrip() + draw(st.sampled_from(["", "  # note"])))
        elif kind == "empty":
            lines.append(f"{base}{key}:")
        elif kind == "list":
            lines.append(f"{base}{key}:")
            lines += [f"{dash}- {draw(value)}".rstrip() for _ in range(draw(st.integers(1, 3)))]
        elif kind == "list of mappings":
            lines.append(f"{base}{key}:")
            gap = draw(st.sampled_from([" ", "   "]))
            for _ in range(draw(st.integers(1, 3))):
                inner = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=3, unique=True))
                lines.append(f"{dash}-{gap}{inner[0]}: {draw(value)}".rstrip())
                lines += [f"{dash} {gap}{other}: {draw(value)}".rstrip() for other in inner[1:]]
        else:
            lines.append(f"{base}{key}:")
            lines += [
                f"{base}{step}{inner}: {draw(value)}".rstrip()
                for inner in draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=3, unique=True))
            ]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(lines) - 1))
        disturbance = draw(st.sampled_from(["deeper", "shallower", "comment", "blank", "again", "dash"]))
        line = lines[at]
        lines[at : at + 1] = {
            "deeper": [" " + line],
            "shallower": [line[1:] if line.startswith(" ") else line],
            "comment": [line, "  # between"],
            "blank": [line, ""],
            "again": [line, line],
            "dash": ["- " + line.lstrip()],
        }[disturbance]
    return "\n".join(lines) + "\n"


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(profile_like_documents())
def test_profile_like_documents_read_the_same(text: str) -> None:
    assert_agree(text)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(hard_documents())
@example("name: A\nskills:\n- x\n- y\nincome: 1\n")
@example("name: A\nskills:\n  - x\n  -   y\n")
@example("certifications:\n- name: A\n  earned: 2020\n-   name: B\n    earned: 2021\n")
@example("a:\n    b: 1\n  c: 2\n")
@example("a: 1\n  b: 2\n")
@example("a:\n- x\n  - y\n")
@example("a: x\na: y\n")
@example("a:\na: y\n")
@example("  a: 1\n  b: 2\n")
@example("  a: 1\nb: 2\n")
@example("---\na: 1\n")
@example("name: A\n" + "k" * 1030 + ": v\n")  # a simple key longer than YAML allows
def test_the_fast_path_reads_what_the_parser_reads_or_gives_up(text: str) -> None:
    assert_agree(text)


def test_the_hard_documents_reach_the_fast_path() -> None:
    """The generator above is not vacuous: it makes documents the fast path reads, nested
    ones among them."""
    assert assert_agree("name: A\nskills:\n- x\n- y\nincome: 1\n")
    assert assert_agree("certifications:\n- name: A\n  earned: 2020\n-   name: B\n    earned: 2021\n")
    assert blocks.values("a: x\na: y\n") is blocks.NOT_PLAIN  # the parser names the duplicate


@pytest.mark.parametrize(
    "text",
    [
        "a: 'x'\n",
        "a: [1]\n",
        "a: &x 1\n",
        "a: !!str 1\n",
        "a: |\n  x\n",
        "a: x\n  y\n",
        "- a\n",
        "a\n",
        "a:\tx\n",
    ],
)
def test_what_the_fast_path_leaves_to_the_parser(text: str) -> None:
    assert blocks.values(text) is blocks.NOT_PLAIN


def test_the_stream_reader_and_the_fast_path_see_the_same_text() -> None:
    """What `values` is given is a document's text as the splitter cuts it."""
    stream = io.BytesIO(b"---\nname: A\nincome: 1\n---\nname: B\nincome: 2\n")
    texts = [document.text for document in split_documents(stream_chunks(stream), "s")]
    assert [blocks.values(text) for text in texts] == [
        {"name": "A", "income": "1"},
        {"name": "B", "income": "2"},
    ]


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n" + " " * 40000 + "x\n",  # a long line of spaces that fails: not tried split by split
        "a: b" + " " * 40000 + "[\n",
        "\n" * 60000,
        "a: b #\u2028c: d\n",  # YAML reads U+2028 as a line break, even in a comment
        "a: b\n#\u2029c: d\n",
    ],
)
def test_what_would_be_slow_or_read_otherwise_is_left_to_the_parser(text: str) -> None:
    assert blocks.values(text) is blocks.NOT_PLAIN


def test_a_profile_with_a_key_longer_than_yaml_allows_is_one_located_error(tmp_path: Path) -> None:
    """The parser's own error, for that document alone: the others are still read."""
    stream = tmp_path / "s.yaml"
    long_key = "k" * 1030
    stream.write_text(f"name: A\nincome: 1\n---\nname: B\n{long_key}: v\n---\nname: C\nincome: 3\n")
    loaded = list(load(str(stream)))
    assert [document.profile.name for document in loaded if document.profile] == ["A", "C"]
    assert [str(error) for error in loaded[1].errors] == [
        f"{stream}:5:1031: error: could not find expected ':' (while scanning a simple key at line 5)"
    ]
