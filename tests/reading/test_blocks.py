"""The fast path for block documents (`careercap.reading.blocks`) against PyYAML's parser
(`yamlvalues`' event builder, with libyaml's parser and with PyYAML's own): on every
document the fast path accepts, the same values; on every document the parser refuses,
the fast path gives up, so that the error and its place are the parser's. Checked on every
YAML file in the repository, on both of the benchmarks' generated cohorts, on documents
made of lines chosen to be hard, and on quoted values and flow lists made of hostile
characters."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import example, find, given, settings
from hypothesis import strategies as st

from careercap.errors import CareercapError
from careercap.reading import blocks
from careercap.reading.documents import Document, split_documents, stream_chunks
from careercap.reading.profiles import load, load_text
from careercap.reading.yamlvalues import PurePythonParser, _Builder
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import write_stream


def by_parser(document: Document) -> Any:
    """The parser's values, or the error it raises."""
    try:
        return _Builder(document, None).build()
    except CareercapError as exc:
        return exc


@contextmanager
def pure_python_parser() -> Iterator[None]:
    """PyYAML's own parser in place of libyaml's, as where PyYAML is built without it."""
    with mock.patch("careercap.reading.yamlvalues.Parser", PurePythonParser):
        yield


def assert_agree(text: str) -> bool:
    """Whether the fast path read the text; if it did, it read what both parsers read."""
    document = Document("t.yaml", 1, 0, text)
    fast = blocks.values(text)
    if fast is blocks.NOT_PLAIN:
        return False
    parsed = by_parser(document)
    assert not isinstance(parsed, CareercapError), f"the parser refuses {text!r}: {parsed}"
    assert fast == parsed, text
    assert blocks.values(text) == parsed, text  # again, from the lines read before
    with pure_python_parser():
        assert by_parser(document) == parsed, text
    return True


def loaded(text: str) -> list[tuple[Any, ...]]:
    """What loading a stream gives: each document's profile, errors and warnings, as text."""
    return [
        (
            found.document,
            found.profile,
            [str(error) for error in found.errors],
            [str(w) for w in found.warnings],
        )
        for found in load_text(text, "s.yaml")
    ]


def assert_loads_as_without_the_fast_path(text: str) -> None:
    """The same profiles, errors (and their places) and warnings as the parser alone gives."""
    fast = loaded(text)
    with mock.patch.object(blocks, "values", return_value=blocks.NOT_PLAIN):
        assert fast == loaded(text), text


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


def test_lines_read_before_are_read_the_same_however_often_the_look_up_starts_again(tmp_path: Path) -> None:
    """With room for a few lines only, the look-up fills and starts again many times a
    document: every document still reads as the parser reads it, twice."""
    stream = tmp_path / "cohort.yaml"
    write_stream(300, stream, kind="hand")
    with mock.patch.object(blocks, "MOST_READ", 5):
        read = [assert_agree(document.text) for document in documents_of(stream)]
        assert len(blocks._read) <= 5
    assert sum(read) > 250


def test_a_line_that_comes_again_outlasts_a_full_look_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the look-up is full it starts again, keeping what it held as the generation
    before: a line found there is not matched again, and is kept into the new one."""
    matched: list[str] = []
    line = blocks._LINE

    class Counting:
        def fullmatch(self, text: str) -> re.Match[str] | None:
            matched.append(text)
            return line.fullmatch(text)

    monkeypatch.setattr(blocks, "MOST_READ", 4)
    monkeypatch.setattr(blocks, "_read", {})
    monkeypatch.setattr(blocks, "_read_before", {})
    monkeypatch.setattr(blocks, "_LINE", Counting())
    assert blocks.values("currency: USD") == {"currency": "USD"}
    assert blocks.values("a: 1\nb: 2\nc: 3\nd: 4") == {"a": "1", "b": "2", "c": "3", "d": "4"}  # full: anew
    assert "currency: USD" not in blocks._read
    matched.clear()
    assert blocks.values("currency: USD\na: 1") == {"currency": "USD", "a": "1"}
    assert matched == []  # both from the generation before
    assert "currency: USD" in blocks._read


def test_the_hand_written_cohort_reads_the_same_and_all_but_folded_text_by_the_fast_path(
    tmp_path: Path,
) -> None:
    """Quotes, comments, flow lists and `certifications: []`: all read by the fast path,
    but for the few notes written as folded text, which go to the parser."""
    stream = tmp_path / "cohort.yaml"
    write_stream(2000, stream, kind="hand")
    documents = documents_of(stream)
    assert len(documents) == 2000
    read = [assert_agree(document.text) for document in documents]
    folded = ["notes: >-" in document.text for document in documents]
    assert [not was_read for was_read in read] == folded
    assert 0 < sum(folded) < 100


def test_the_hand_written_cohort_loads_as_the_parser_alone_loads_it(tmp_path: Path) -> None:
    stream = tmp_path / "cohort.yaml"
    write_stream(300, stream, kind="hand")
    assert_loads_as_without_the_fast_path(stream.read_text(encoding="utf-8"))


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
    # quoted, and flow collections
    "''",
    '""',
    "'null'",
    "'a #b'",
    "'a: b'",
    "'it''s'",
    "''''",
    "'x''",
    "'x'#c",
    "'x' #c",
    "'x'  ",
    "'x' y",
    "' x '",
    "'é 😀 李'",
    '"a #b"',
    '"a: b"',
    r'"x\"y"',
    r'"\\"',
    r'"x\ty\n"',
    r'"\x41"',
    r'"\u00e9"',
    r'"\'"',
    '"x\\"',
    '"x" # "y"',
    '"x"y"',
    "[]",
    "[ ]",
    "[]  # none",
    "[] x",
    "{}",
    "{ }",
    "{a: 1}",
    "[a, b]",
    "[a,b]",
    "[ a , 'b, c' ]",
    "[\"x\", 'y']",
    "[a, b,]",
    "[a, , b]",
    "[a?b]",
    "[a #b]",
    "[a]#b",
    "[null, x]",
    "[~]",
    "[a: b]",
    "[[a]]",
    "[a]b",
    "[a",
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


# Pieces of quoted text: characters that mean something in YAML, inside quotes or out of
# them, and characters it does not allow or reads as line breaks.
PIECES = [
    "a",
    "Ada",
    " ",
    "  ",
    "#",
    " #",
    ":",
    ": ",
    "'",
    "''",
    '"',
    ",",
    "[",
    "]",
    "{",
    "}",
    "-",
    "?",
    "&",
    "*",
    "!",
    "|",
    ">",
    "%",
    "@",
    "`",
    "~",
    "null",
    "é",
    "李",
    "😀",
    "\u00a0",
    "\t",
    "\u2028",
    "\x85",
    "\x7f",
    "\ufeff",
    "\\",
]
# In double quotes: the escapes YAML has, and some it has not or the fast path leaves.
ESCAPES = [f"\\{name}" for name in '0abtnvfre "/\\N_LP'] + [r"\x41", r"\u00e9", r"\U0001F600", r"\'", r"\q"]
AFTER = ["", "", "", " ", "  ", " # c", "  # 'x' \"y\" [z]", "#c", "\t", " x", ": y", ","]


@st.composite
def quoted_values(draw: st.DrawFn) -> str:
    """Text of hostile pieces in single or double quotes, escaped as YAML wants it or not,
    with something after the closing quote."""
    style = draw(st.sampled_from(["single", "double", "single", "double", "unescaped"]))
    pieces = st.sampled_from(PIECES + ESCAPES if style == "double" else PIECES)
    text = "".join(draw(st.lists(pieces, max_size=6)))
    if style == "single":
        quoted = "'" + text.replace("'", "''") + "'"
    elif style == "double":
        quoted = '"' + text.replace('"', '\\"') + '"'
    else:
        quote = draw(st.sampled_from(["'", '"']))
        quoted = quote + text + quote
    return quoted + draw(st.sampled_from(AFTER))


@st.composite
def flow_values(draw: st.DrawFn) -> str:
    """Flow lists of plain and quoted scalars, empty ones and mappings, spaced in every way,
    some of them broken."""
    plain = st.sampled_from(
        ["SQL", "Python", "a b", "O'Neil", "null", "Null", "-1", ".5", "C#", "a?b", "x:y", "~", ""]
    )
    quoted = quoted_values().filter(lambda value: value.endswith(("'", '"')))
    items = draw(st.lists(st.one_of(plain, plain, quoted), max_size=4))
    space = st.sampled_from(["", " ", "  "])
    separator = draw(st.sampled_from([", ", ",", " , ", ",  ", " ,"]))
    inside = draw(space) + separator.join(items) + draw(st.sampled_from(["", "", ",", " "])) + draw(space)
    opening, closing = draw(st.sampled_from([("[", "]"), ("[", "]"), ("{", "}")]))
    return opening + inside + closing + draw(st.sampled_from(AFTER))


def hand_values() -> st.SearchStrategy[str]:
    usual = st.sampled_from(["Ada", "2024-03", "Data Science", "-0.01", "O'Neil & co.", "José"])
    return st.one_of(usual, quoted_values(), flow_values(), st.sampled_from(VALUES))


@st.composite
def profile_like_documents(draw: st.DrawFn, values: st.SearchStrategy[str] | None = None) -> str:
    """Nested documents as people write them (lists at the key's indent or deeper, lists of
    mappings, comments after values), with hard values (`values`, else mostly usual ones so
    that the fast path's part is reached), and now and then one line disturbed."""
    usual = ["Ada", "2024-03", "Data Science", "-0.01", "O'Neil & co.", "José", "null", "x  y"]
    value = st.sampled_from(usual * 10 + VALUES) if values is None else values
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
@settings(max_examples=3000, deadline=None)
@given(profile_like_documents(hand_values()))
@example("name: 'a #b'  # c\nskills: [SQL, 'x, y', \"z\\\"\"]\ncertifications: []\n")
@example("name: 'x''\n")
@example('name: "x\\"\n')
@example("name: 'x'' #c'\n")
@example("name: [a, b,]\n")
@example('name: "\\x41"\n')
@example("name: []\n  - x\n")
@example("name: 'x'\n  y\n")
def test_quoted_values_and_flow_lists_read_the_same(text: str) -> None:
    assert_agree(text)


@st.composite
def hand_written_profiles(draw: st.DrawFn) -> str:
    """Profiles with quoted values and flow lists, hostile ones among them, wherever a value
    is checked: what loading reports must not depend on the fast path."""
    value = st.one_of(hand_values(), st.sampled_from(['"92000"', "'2025'", '"5"', "'0'", '""', "'1e5'"]))
    lines = [f"name: {draw(value)}", f"income: {draw(value)}", f"horizon: {draw(value)}"]
    if draw(st.booleans()):
        lines.append(f"certifications: {draw(st.one_of(st.sampled_from(['[]', '{}', '[x]']), value))}")
    else:
        lines += ["certifications:", f"  - name: {draw(value)}", f"    earned: {draw(value)}"]
    lines.append(f"skills: {draw(st.one_of(flow_values(), value))}")
    return "\n".join(lines) + "\n"


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(hand_written_profiles())
@example('name: "Ada"\nincome: "0"\nhorizon: 99\ncertifications: []\nskills: [SQL, "", null]\n')
@example("name: 'Ada'\nincome: '1e5'\nhorizon: '5'\ncertifications: {}\nskills: [SQL, SQL]\n")
def test_profiles_with_quotes_and_flow_lists_load_as_the_parser_alone_loads_them(text: str) -> None:
    """The same profiles, errors at the same places, the same warnings."""
    assert_loads_as_without_the_fast_path(text)


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
    events = (
        "name: A\nincome: 1\nevents:\n  - year: 2027\n    employment: freelancer\n    income: 7e4\n"
        "  - year: 2028\n    raise: -0.1\n  - {year: 2029, break: 2, share: .5}\n"
    )
    assert assert_agree(
        events.replace("  - {year: 2029, break: 2, share: .5}\n", "  - year: 2029\n    break: 2\n")
    )
    assert blocks.values(events) is blocks.NOT_PLAIN  # a flow mapping: the parser reads it


def test_the_quoted_and_flow_generators_reach_both_sides() -> None:
    """They make values the fast path reads and values it leaves, and documents it reads
    with both quotes and flow lists in them: the properties above test both sides."""

    def read(text: str) -> bool:
        return blocks.values(text) is not blocks.NOT_PLAIN

    for values in (quoted_values(), flow_values()):
        find(values, lambda value: read(f"a: {value}\n") and len(value) > 4)
        find(values, lambda value: not read(f"a: {value}\n"))
    find(
        profile_like_documents(hand_values()),
        lambda text: read(text) and "'" in text and '"' in text and ", " in text and "\n " in text,
        settings=settings(max_examples=5000, deadline=None),
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('name: "Ada Lovelace"\n', "Ada Lovelace"),
        ("name: 'Ada O''Neil'\n", "Ada O'Neil"),
        ("name: ''''\n", "'"),
        ("name: ''\n", ""),
        ('name: ""\n', ""),
        ("name: 'null'\n", "null"),
        ('name: "x"  # a comment\n', "x"),
        ("name: 'a #b: c'   \n", "a #b: c"),
        (r'name: "a\"b\\c\/d\te\nf\_g\ h"' + "\n", 'a"b\\c/d\te\nf\xa0g h'),
        ("name: 'a\\nb'\n", "a\\nb"),
        ("name: 'José 😀'\n", "José 😀"),
        ("name: []\n", []),
        ("name: [ ]  # none\n", []),
        ("name: {}\n", {}),
        ("name: [SQL, Python]\n", ["SQL", "Python"]),
        ("name: [ a b ,c,  'd, e' , \"f]\" ]\n", ["a b", "c", "d, e", "f]"]),
        ("name: [O'Neil, null, -1]\n", ["O'Neil", None, "-1"]),
    ],
)
def test_what_the_fast_path_reads_and_how(text: str, value: Any) -> None:
    assert blocks.values(text) == {"name": value}
    assert assert_agree(text)


def test_quoted_items_and_flow_lists_in_block_lists() -> None:
    text = "skills:\n  - 'SQL'\n  - [a, b]\n  - []\n  - name: \"x\"\n    acquired: '2024'\n"
    assert blocks.values(text) == {"skills": ["SQL", ["a", "b"], [], {"name": "x", "acquired": "2024"}]}
    assert assert_agree(text)


def test_flow_lists_with_more_items_than_the_fast_path_counts_are_left_to_the_parser() -> None:
    many = ", ".join(["x"] * (blocks.MAX_ITEMS + 1))
    assert blocks.values(f"a: [{many}]\n") is blocks.NOT_PLAIN


@pytest.mark.parametrize(
    "text",
    [
        "a: 'x\n",
        "a: 'x\n  y'\n",  # quoted over two lines
        'a: "\\x41"\n',  # an escape of more than one character
        'a: "\\u00e9"\n',
        "a: 'x'#c\n",  # a comment right after the quote: the parser's to read
        "a: [1,]\n",
        "a: [a, [b]]\n",
        "a: [a,\n  b]\n",
        "a: {b: 1}\n",
        "a: [~]\n",
        '"a": x\n',
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
        "a: [" + "x, " * 15000 + "\n",  # a flow list never closed
        "a: '" + "''" * 20000 + "\n",  # quotes never closed
        'a: "' + "x" * 40000 + '\\x"\n',  # an escape the fast path leaves, at the end
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
