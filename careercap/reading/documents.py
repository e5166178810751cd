"""Cutting a stream into YAML documents, with bounded memory.

A stream is cut at the `---` and `...` lines (a marker in column 0 always starts or ends
a document in YAML), so that one broken document does not take the others with it, each
document can be refused when it is too large before it is parsed, and every position is
counted from the top of the source. The stream is read in blocks and decoded a block at a
time; bytes that do not decode end the stream, with an error naming their line.

A line ends at `\n`, `\r\n` or a lone `\r`, wherever it is counted, and byte-order marks
(U+FEFF) at the start of the input or of a document are not counted in its columns.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, NamedTuple

from careercap.errors import CareercapError, Diagnostic, Location

MAX_DOCUMENT_CHARS = 1024 * 1024
"""A document longer than this (1 MiB of text) is refused before it is parsed."""
MAX_SKIP = 64 * 1024 * 1024
"""An over-long line is skipped (and the next document read) only if it ends within this."""
BLOCK = 64 * 1024  # small enough that reading a small file allocates little

_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
_LINE_END = re.compile(rb"\r\n?|\n")
_LONE_CR = re.compile(r"\r(?!\n)")
_HIDDEN_BREAKS = {"\x85": "next line", "\u2028": "line separator", "\u2029": "paragraph separator"}
_HIDDEN_BREAK = re.compile("[\x85\u2028\u2029]")
_LINES = re.compile(r"[^\n]*\n|[^\n]+")
# A line with more than white space and a comment (the white space before it is taken on
# its line only, so that a run of blank lines is passed over once). A U+FEFF first on a
# line is passed over, as the parser passes over a byte-order mark there.
_CONTENT = re.compile(r"^\ufeff?+[^\S\n]*+[^\s#]", re.MULTILINE)
_MARKER = re.compile(r"^(?:---|\.\.\.)(?=[ \t\r\n]|\Z)", re.MULTILINE)
_MARKER_AFTER_LINE_END = re.compile(r"\n(?:---|\.\.\.)(?=[ \t\r\n]|\Z)")


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


_TOO_LONG = LineProblem(1, f"a line longer than {MAX_DOCUMENT_CHARS // 1024} KiB; a profile is far smaller")
_ENDLESS = LineProblem(
    1,
    f"a line longer than {MAX_DOCUMENT_CHARS // 1024} KiB, with no line end in the next "
    f"{MAX_SKIP // 1024 // 1024} MiB: this is not a profile, and the rest of the input is not read",
)


def _boms(data: bytes) -> int:
    """How many bytes of UTF-8 byte-order marks `data` starts with."""
    end = 0
    while data.startswith(codecs.BOM_UTF8, end):
        end += len(codecs.BOM_UTF8)
    return end


def _up_to_bad_bytes(block: bytes, exc: UnicodeDecodeError) -> Iterator[str | LineProblem]:
    """A block that does not decode: its lines before the bad bytes, then the line that holds
    them, named."""
    start = max(block.rfind(b"\n", 0, exc.start), block.rfind(b"\r", 0, exc.start)) + 1
    if start:
        yield block[:start].decode("utf-8")
    end = _LINE_END.search(block, exc.start)
    raw = block[start : len(block) if end is None else end.start()]
    column = len(block[start : exc.start].decode("utf-8")) + 1
    yield LineProblem(column, _not_text(block[exc.start : exc.end], "utf-8", raw))


def _utf8_chunks(read: Callable[[int], bytes], first: bytes) -> Iterator[str | LineProblem]:
    """Whole lines of UTF-8, up to the first bytes that do not decode (the input is not
    text, and what follows them is not read)."""
    pending, data, at_start = b"", first, True
    while data or pending:
        block = pending + data
        at_end = not data
        if at_end:
            cut = len(block)
        else:  # a "\r" last may be the first half of a "\r\n": it waits for the next read
            last = len(block) - 1 if block.endswith(b"\r") else len(block)
            cut = max(block.rfind(b"\n", 0, last), block.rfind(b"\r", 0, last)) + 1
        if cut == 0:  # no line ends in this block yet
            if len(block) < MAX_DOCUMENT_CHARS:
                pending, data = block, read(BLOCK)
                continue
            # A line past the limit: skip it, keeping no more of it; but not for ever (/dev/zero).
            after = _skip_line(read, block[-1:] if block.endswith(b"\r") else b"")
            if after is None:
                yield _ENDLESS
                return
            yield _TOO_LONG
            pending, data, at_start = after, read(BLOCK), False
            continue
        block, pending = block[:cut], block[cut:]
        if at_start:  # any more byte-order marks after the first, skipped as it is
            block, at_start = block[_boms(block) :], False
        try:
            yield block.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield from _up_to_bad_bytes(block, exc)
            return
        data = b"" if at_end else read(BLOCK)


def _skip_line(read: Callable[[int], bytes], data: bytes) -> bytes | None:
    """Read past the end of the current (over-long) line, from `data` (read already, if
    any) on; what follows it, or None when no line end comes within MAX_SKIP bytes."""
    skipped = 0
    data = data or read(BLOCK)
    while data:
        found = _LINE_END.search(data)
        if found is not None:
            if found.end() == len(data) and data.endswith(b"\r"):
                more = read(BLOCK)  # a "\r\n" split between two reads is one line end
                return more[1:] if more.startswith(b"\n") else more
            return data[found.end() :]
        skipped += len(data)
        if skipped > MAX_SKIP:
            return None
        data = read(BLOCK)
    return b""


def stream_chunks(stream: BinaryIO, *, hidden_breaks: bool = True) -> Iterator[str | LineProblem]:
    """The text of a stream in chunks of whole lines; a line that cannot be text is a
    LineProblem in its place. A lone carriage return (old Mac line ends) becomes a line
    feed, as YAML reads it anyway, so that lines count as an editor counts them. A line
    holding a line break that YAML honours but editors do not show (U+0085, U+2028,
    U+2029) is refused: where the parser would see a document start, careercap would not.
    Without `hidden_breaks` (JSON, which reads them as text), they are let through."""
    for read in _chunks(stream):
        if not isinstance(read, str):
            yield read
            continue
        text = _LONE_CR.sub("\n", read) if "\r" in read else read
        if text.isascii() or not hidden_breaks or not _has_hidden_break(text):  # isascii is free
            yield text
            continue
        for line in _LINES.findall(text):
            found = _HIDDEN_BREAK.search(line)
            if found is None:
                yield line
                continue
            name = _HIDDEN_BREAKS[found.group()]
            code = f"U+{ord(found.group()):04X}"
            why = "YAML reads it as a line break that editors do not show"
            yield LineProblem(found.start() + 1, f"character {code} ({name}) is not allowed: {why}")


def _has_hidden_break(text: str) -> bool:
    return "\x85" in text or "\u2028" in text or "\u2029" in text


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
        yield data[skip:].decode(encoding).lstrip("\ufeff")  # any more byte-order marks, as the first
    except UnicodeDecodeError as exc:
        good = data[skip : skip + exc.start].decode(encoding, errors="replace").lstrip("\ufeff")
        start = max(good.rfind("\n"), good.rfind("\r")) + 1
        yield good[:start]
        yield LineProblem(len(good) - start + 1, _not_text(data[skip + exc.start : skip + exc.end], encoding))


def _is_content(line: str) -> bool:
    stripped = line.removeprefix("\ufeff").strip()
    return bool(stripped) and not stripped.startswith("#")


class _Pending:
    """The document being gathered."""

    __slots__ = ("explicit", "first_line", "given", "pieces", "problem", "size")

    def __init__(self, first_line: int, explicit: bool, pieces: list[str]) -> None:
        self.first_line = first_line  # 0-based
        self.explicit = explicit  # began with `---`
        self.pieces = pieces
        self.size = sum(len(piece) for piece in pieces)
        self.problem: tuple[int, int | None, str] | None = None  # 0-based line, column, message
        self.given = False  # a lost document, handed out as soon as it was lost

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
        return _LINES.findall("".join(self.pieces))  # at line feeds only, as the markers are found

    def has_content(self) -> bool:
        if self.explicit or self.problem is not None:
            return True
        return _CONTENT.search("".join(self.pieces)) is not None  # a line `_is_content` would take

    def only_directives(self) -> bool:
        """Whether this text before a `---` is `%YAML`-style directives (and comments)."""
        content = [line for line in self.lines() if _is_content(line)]
        return bool(content) and all(line.startswith("%") for line in content)


def _text_after_end(chunk: str, at: int, line: int, current: _Pending) -> None:
    """Text after a `...` on its line (a comment aside) is an error of the document it ends."""
    end = chunk.find("\n", at)
    rest = chunk[at + 3 : len(chunk) if end < 0 else end].rstrip("\r")
    after = rest.lstrip()
    if after and not after.startswith("#"):
        column = 3 + len(rest) - len(after) + 1
        current.fail(
            line, LineProblem(column, "text after the document end marker '...': start a document with '---'")
        )


def whole_document(data: bytes, source: str) -> Document | None:
    """A small file's only document (of at most BLOCK bytes), when the file is the plain
    case: UTF-8 without a byte-order mark, `\n` line ends, no document marker, no line
    break that editors do not show, and some content. None for any other file, which
    `split_documents` cuts (and judges) as it does any stream; for the plain case it gives
    this same document."""
    if len(data) > BLOCK or data.startswith(codecs.BOM_UTF8):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # a UTF-16 or UTF-32 byte-order mark, or bytes that are not text
        return None
    if "\r" in text or _has_hidden_break(text) or next(_markers(text), None) is not None:
        return None
    if not _CONTENT.search(text):
        return None
    return Document(source, 1, 0, text)


def _markers(chunk: str) -> Iterator[int]:
    """Where `_MARKER` matches in a chunk of whole lines, found line start by line start
    (a search that looks for a line end first is several times faster on long text)."""
    if _MARKER.match(chunk):
        yield 0
    for found in _MARKER_AFTER_LINE_END.finditer(chunk):
        yield found.start() + 1


def split_documents(chunks: Iterable[str | LineProblem], source: str) -> Iterator[Document]:
    """Cut a stream into documents, each numbered from 1. Comment-only text outside `---`
    is not a document; an empty document after `---` is one (the loader skips it, with a
    warning). Text is held per document only, so memory follows the largest one. A
    document that cannot be read (bytes that are not text, a size past the limit) is handed
    out as soon as that is known, with its problem: the rest of it may be long in coming."""
    number = 0
    line = 0  # 0-based line at which the next chunk starts
    current = _Pending(0, False, [])

    def finish() -> Document | None:
        nonlocal number
        if current.given or not current.has_content():
            return None
        number += 1
        if current.problem is not None:
            at, column, message = current.problem
            where = Location(source, at + 1, column, number)
            return Document(source, number, current.first_line, "", Diagnostic(where, message))
        # Byte-order marks first in a document (after a `...` line) are passed over, as at
        # the start of the input.
        return Document(source, number, current.first_line, "".join(current.pieces).lstrip("\ufeff"))

    def lost() -> Iterator[Document]:
        """The document being gathered, once it is lost (and only once)."""
        if current.problem is not None and (document := finish()) is not None:
            current.given = True
            yield document

    for chunk in chunks:
        if isinstance(chunk, LineProblem):
            current.fail(line, chunk)
            line += 1
            yield from lost()
            continue
        start = 0
        for at in _markers(chunk):
            kind = chunk[at : at + 3]
            current.add(chunk[start:at])
            line += chunk.count("\n", start, at)
            if kind == "...":
                _text_after_end(chunk, at, line, current)
            carried: list[str] = []
            if not current.explicit and current.problem is None and current.only_directives():
                carried = current.lines()  # `%YAML 1.2` and the like belong to the next document
            else:
                document = finish()
                if document is not None:
                    yield document
            if kind == "---":
                current = _Pending(line - len(carried), True, carried)
                start = at
            else:  # `...` ends a document; what follows it is outside any, until more text
                end = chunk.find("\n", at)
                start = len(chunk) if end < 0 else end + 1
                line += 1 if end >= 0 else 0
                current = _Pending(line, False, [])
        current.add(chunk[start:])
        line += chunk.count("\n", start)
        yield from lost()
    document = finish()
    if document is not None:
        yield document
