"""Cutting a stream into YAML documents, with bounded memory.

A stream is cut at the `---` and `...` lines (a marker in column 0 always starts or ends
a document in YAML), so that one broken document does not take the others with it, each
document can be refused when it is too large before it is parsed, and every position is
counted from the top of the source. The stream is read in blocks and decoded a block at a
time; only a block that does not decode is looked at line by line, to name the line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, NamedTuple

from careercap.errors import CareercapError, Diagnostic, Location

MAX_DOCUMENT_CHARS = 1024 * 1024
"""A document longer than this (1 MiB of text) is refused before it is parsed."""
BLOCK = 64 * 1024  # small enough that reading a small file allocates little

_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
_LONE_CR = re.compile(r"\r(?!\n)")
_MARKER = re.compile(r"^(?:---|\.\.\.)(?=[ \t\r\n]|\Z)", re.MULTILINE)


class Document(NamedTuple):
    """One YAML document of a source: its 1-based number and the text it spans.

    A document whose bytes could not be read as text, or that is too large, carries the
    `problem` instead of its text."""

    source: str
    number: int
    first_line: int  # 0-based line of `text` within the source
    text: str
    problem: Diagnostic | None = None

    def where(self, line: int | None = None, column: int | None = None) -> Location:
        """A location inside this document, from 0-based line and column within `text`."""
        if line is None:
            return Location(self.source, None, None, self.number)
        return Location(
            self.source, self.first_line + line + 1, None if column is None else column + 1, self.number
        )

    def error(self, message: str, line: int | None = None, column: int | None = None) -> CareercapError:
        return CareercapError(Diagnostic(self.where(line, column), message))


class LineProblem(NamedTuple):
    """A line that is not text: bytes that do not decode, or a line past the size limit."""

    column: int | None
    message: str


def _encoding(head: bytes) -> tuple[str, int]:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    return "utf-8", 0


def _not_text(bad: bytes, encoding: str, line: bytes = b"") -> str:
    expected = "UTF-8" if encoding == "utf-8" else encoding.upper()
    hint = " (it looks like UTF-16 or UTF-32 without a byte-order mark)" if b"\x00" in line else ""
    return f"bytes {bad[:4].hex(' ')} are not valid {expected}{hint}; save the file as UTF-8"


def decode(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 with or without a BOM, or UTF-16/UTF-32 with one."""
    encoding, start = _encoding(data)
    try:
        return data[start:].decode(encoding)
    except UnicodeDecodeError as exc:
        before = data[start : start + exc.start].decode(encoding, errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        bad = data[start + exc.start : start + exc.end]
        raise CareercapError(Diagnostic(Location(source, line, column), _not_text(bad, encoding))) from None


_TOO_LONG = LineProblem(1, f"a line longer than {MAX_DOCUMENT_CHARS // 1024} KiB; a profile is far smaller")


def _utf8_lines(block: bytes) -> Iterator[str | LineProblem]:
    """A block that did not decode as a whole, line by line: the bad lines named."""
    for raw in block.splitlines(keepends=True):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            column = len(raw[: exc.start].decode("utf-8", errors="replace")) + 1
            yield LineProblem(column, _not_text(raw[exc.start : exc.end], "utf-8", raw))


def _utf8_chunks(read: Callable[[int], bytes], first: bytes) -> Iterator[str | LineProblem]:
    pending, data = b"", first
    while data or pending:
        block = pending + data
        at_end = not data
        cut = len(block) if at_end else block.rfind(b"\n") + 1
        if cut == 0:  # no line ends in this block yet
            if len(block) < MAX_DOCUMENT_CHARS:
                pending, data = block, read(BLOCK)
                continue
            yield _TOO_LONG  # a line past the limit: skip it, keep no more of it
            pending = _skip_line(read)
            data = read(BLOCK)
            continue
        block, pending = block[:cut], block[cut:]
        try:
            yield block.decode("utf-8")
        except UnicodeDecodeError:
            yield from _utf8_lines(block)
        data = b"" if at_end else read(BLOCK)


def _skip_line(read: Callable[[int], bytes]) -> bytes:
    """Read past the end of the current (over-long) line; what follows it."""
    while data := read(BLOCK):
        end = data.find(b"\n")
        if end >= 0:
            return data[end + 1 :]
    return b""


def stream_chunks(stream: BinaryIO) -> Iterator[str | LineProblem]:
    """The text of a stream in chunks of whole lines; a line that cannot be text is a
    LineProblem in its place. A lone carriage return (old Mac line ends) becomes a line
    feed, as YAML reads it anyway, so that lines count as an editor counts them."""
    for chunk in _chunks(stream):
        yield _LONE_CR.sub("\n", chunk) if isinstance(chunk, str) and "\r" in chunk else chunk


def _chunks(stream: BinaryIO) -> Iterator[str | LineProblem]:
    """UTF-8 is read a block at a time (the input can be far larger than memory); UTF-16
    and UTF-32, which need their byte-order mark, are read whole."""
    # A pipe is read as its data comes (read1), so that output can follow input; a file in
    # whole blocks.
    read = stream.read if stream.seekable() else getattr(stream, "read1", stream.read)
    head = read(BLOCK)
    while 0 < len(head) < 4 and (more := read(BLOCK)):  # enough for any byte-order mark
        head += more
    encoding, skip = _encoding(head)
    if encoding == "utf-8":
        yield from _utf8_chunks(read, head[skip:])
        return
    data = head + stream.read()
    try:
        yield data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        good = data[skip : skip + exc.start].decode(encoding, errors="replace")
        yield good[: good.rfind("\n") + 1]
        line = good[good.rfind("\n") + 1 :]
        yield LineProblem(len(line) + 1, _not_text(data[skip + exc.start : skip + exc.end], encoding))


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


class _Pending:
    """The document being gathered."""

    __slots__ = ("explicit", "first_line", "pieces", "problem", "size")

    def __init__(self, first_line: int, explicit: bool, pieces: list[str]) -> None:
        self.first_line = first_line  # 0-based
        self.explicit = explicit  # began with `---`
        self.pieces = pieces
        self.size = sum(len(piece) for piece in pieces)
        self.problem: tuple[int, int | None, str] | None = None  # 0-based line, column, message

    def add(self, text: str) -> None:
        if self.problem is not None:
            return  # the document is lost already; keep no more of it
        self.size += len(text)
        if self.size > MAX_DOCUMENT_CHARS:
            limit = f"{MAX_DOCUMENT_CHARS // 1024} KiB"
            self.problem = (
                self.first_line,
                1,
                f"this document is larger than {limit}; a profile is far smaller",
            )
            self.pieces = []
            return
        self.pieces.append(text)

    def fail(self, line: int, problem: LineProblem) -> None:
        if self.problem is None:
            self.problem = (line, problem.column, problem.message)
            self.pieces = []

    def lines(self) -> list[str]:
        return "".join(self.pieces).splitlines(keepends=True)

    def has_content(self) -> bool:
        return self.explicit or self.problem is not None or any(_is_content(line) for line in self.lines())

    def only_directives(self) -> bool:
        """Whether this text before a `---` is `%YAML`-style directives (and comments)."""
        content = [line for line in self.lines() if _is_content(line)]
        return bool(content) and all(line.startswith("%") for line in content)


def split_documents(chunks: Iterable[str | LineProblem], source: str) -> Iterator[Document]:
    """Cut a stream into documents, each numbered from 1. Comment-only text outside `---`
    is not a document; an empty document after `---` is one (the loader skips it, with a
    warning). Text is held per document only, so memory follows the largest one."""
    number = 0
    line = 0  # 0-based line at which the next chunk starts
    current = _Pending(0, False, [])

    def finish() -> Document | None:
        nonlocal number
        if not current.has_content():
            return None
        number += 1
        if current.problem is not None:
            at, column, message = current.problem
            where = Location(source, at + 1, column, number)
            return Document(source, number, current.first_line, "", Diagnostic(where, message))
        return Document(source, number, current.first_line, "".join(current.pieces))

    for chunk in chunks:
        if isinstance(chunk, LineProblem):
            current.fail(line, chunk)
            line += 1
            continue
        start = 0
        for marker in _MARKER.finditer(chunk):
            at = marker.start()
            current.add(chunk[start:at])
            line += chunk.count("\n", start, at)
            carried: list[str] = []
            if not current.explicit and current.problem is None and current.only_directives():
                carried = current.lines()  # `%YAML 1.2` and the like belong to the next document
            else:
                document = finish()
                if document is not None:
                    yield document
            if marker.group() == "---":
                current = _Pending(line - len(carried), True, carried)
                start = at
            else:  # `...` ends a document; what follows it is outside any, until more text
                end = chunk.find("\n", at)
                start = len(chunk) if end < 0 else end + 1
                line += 1 if end >= 0 else 0
                current = _Pending(line, False, [])
        current.add(chunk[start:])
        line += chunk.count("\n", start)
    document = finish()
    if document is not None:
        yield document
