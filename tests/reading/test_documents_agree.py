"""careercap's document splitter and the YAML parser see the same documents, whatever line
breaks and separators a stream mixes: where they could disagree, careercap says so, and a
valid document never disappears in silence."""

from __future__ import annotations

import codecs
import io

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from careercap.reading.documents import (
    _CONTENT,
    _LINES,
    Document,
    _is_content,
    split_documents,
    stream_chunks,
    whole_document,
)
from careercap.reading.profiles import load_stream

BREAKS = ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"]


@st.composite
def streams(draw: st.DrawFn) -> str:
    """Profiles, separators, comments and blank lines, each line ended by any line break."""
    parts = []
    for number in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["profile", "profile", "---", "...", "--- # c", "# note", "", "\ufeff"]))
        lines = [f"name: P{number}", f"income: {number + 1}"] if kind == "profile" else [kind]
        parts += [line + draw(st.sampled_from(BREAKS)) for line in lines]
    return "".join(parts)


def parser_names(text: str) -> list[str] | None:
    """The names of the profiles the parser sees, or None where it finds the stream invalid."""
    try:
        documents = list(yaml.load_all(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return None
    return [
        str(document["name"]) for document in documents if isinstance(document, dict) and "name" in document
    ]


@settings(max_examples=400, deadline=None)
@given(streams())
def test_no_document_the_parser_sees_disappears_in_silence(text: str) -> None:
    loaded = list(load_stream(io.BytesIO(text.encode("utf-8")), "stream.yaml"))
    projected = [document.profile.name for document in loaded if document.profile is not None]
    refused = any(document.errors for document in loaded)
    seen = parser_names(text)
    if seen is None:
        return  # the parser refuses the stream as a whole; careercap parsed each document alone
    if not refused:
        assert projected == seen  # no error said: exactly the documents the parser sees
    else:
        assert set(projected) <= set(seen)  # an error said, and nothing invented


@settings(max_examples=400, deadline=None)
@given(streams())
def test_documents_are_numbered_in_the_parsers_document_order(text: str) -> None:
    loaded = list(load_stream(io.BytesIO(text.encode("utf-8")), "stream.yaml"))
    if any(document.errors for document in loaded):
        return
    try:
        documents = list(yaml.load_all(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return
    numbered = [(document.document, document.profile.name) for document in loaded if document.profile]
    assert numbered == [
        (number + 1, str(document["name"]))
        for number, document in enumerate(documents)
        if isinstance(document, dict) and "name" in document
    ]


def test_a_line_holding_only_a_byte_order_mark_between_documents_is_no_document() -> None:
    text = "name: A\nincome: 1\n...\n\ufeff\n---\nname: B\nincome: 2\n"
    loaded = list(load_stream(io.BytesIO(text.encode("utf-8")), "s.yaml"))
    assert [(document.document, document.profile.name) for document in loaded if document.profile] == [
        (1, "A"),
        (2, "B"),
    ]
    assert [document.warnings for document in loaded] == [(), ()]


def test_a_hidden_line_break_after_a_separator_is_refused_where_it_stands() -> None:
    text = "name: A\nincome: 1\n---\u2028name: B\nincome: 2\n"
    (document,) = load_stream(io.BytesIO(text.encode("utf-8")), "s.yaml")
    assert [str(error) for error in document.errors] == [
        "s.yaml:3:4: error: character U+2028 (line separator) is not allowed: "
        "YAML reads it as a line break that editors do not show"
    ]


def test_text_after_a_document_end_marker_is_an_error_of_that_document() -> None:
    text = "name: A\nincome: 1\n... and more\nname: B\nincome: 2\n"
    first, second = load_stream(io.BytesIO(text.encode("utf-8")), "s.yaml")
    assert [str(error) for error in first.errors] == [
        "s.yaml:3:5: error: text after the document end marker '...': start a document with '---'"
    ]
    assert second.profile is not None
    assert second.profile.name == "B"


def test_a_comment_after_a_document_end_marker_is_fine() -> None:
    text = "name: A\nincome: 1\n... # done\nname: B\nincome: 2\n"
    names = [
        document.profile.name
        for document in load_stream(io.BytesIO(text.encode()), "s.yaml")
        if document.profile
    ]
    assert names == ["A", "B"]


@settings(max_examples=2000, deadline=None)
@given(
    st.text(
        alphabet=[" ", "\t", "\n", "\r", "\x0c", "\x1c", "\x85", "\u3000", "\ufeff", "#", "a", "-"],
        max_size=16,
    )
)
def test_a_text_has_content_exactly_when_one_of_its_lines_does(text: str) -> None:
    """The splitter's quick test for content agrees with its line-by-line rule."""
    by_line = any(_is_content(line) for line in _LINES.findall(text))
    assert (_CONTENT.search(text) is not None) == by_line


FRAGMENTS = [
    "name: A\n",
    "income: 1\n",
    "# note\n",
    "\n",
    "   \n",
    "---\n",
    "--- # c\n",
    "...\n",
    "%YAML 1.2\n",
    "a: b\r\n",
    "a: b\r",
    "\ufeff",
    "\x85",
    "\u2028",
    "x: ---\n",
    " ---\n",
    "é: ü\n",
    "a: b",
]


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=6),
    st.sampled_from([b"", codecs.BOM_UTF8, b"\xff", b"\xff\xfe"]),
)
def test_a_small_file_read_at_once_is_the_document_the_splitter_cuts(parts: list[str], prefix: bytes) -> None:
    data = prefix + "".join(parts).encode("utf-8")
    whole = whole_document(data, "p.yaml")
    if whole is None:
        return  # not the plain case: the splitter reads it
    assert list(split_documents(stream_chunks(io.BytesIO(data)), "p.yaml")) == [whole]


def test_the_plain_case_is_read_at_once() -> None:
    assert whole_document(b"name: A\nincome: 1\n", "p.yaml") == Document(
        "p.yaml", 1, 0, "name: A\nincome: 1\n"
    )
    for data in (b"---\nname: A\n", b"# only a comment\n", b"a: 1\r\n", codecs.BOM_UTF8 + b"a: 1\n"):
        assert whole_document(data, "p.yaml") is None
