"""Safe YAML reading with positions.

Nothing here constructs Python objects from tags: the text goes through the parser's
events (libyaml's when it is installed) and becomes plain dicts, lists, strings and None.
Every scalar stays the text as written; only a plain `null`, `~` or empty value becomes
None (the YAML 1.2 core schema's nulls). The field types in `careercap.scalars` read
numbers and dates from that text.

A stream is first cut into documents at the `---` and `...` lines (a marker in column 0
always starts or ends a document in YAML), so that one broken document does not take the
others with it, and every position is counted from the top of the source.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import yaml
from yaml import events as ev

from careercap.errors import CareercapError, Diagnostic, Location

try:  # libyaml's parser, when PyYAML was built with it; the pure-Python one otherwise.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built

    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


MAX_DOCUMENT_CHARS = 1024 * 1024
"""A document longer than this (1 MiB of text) is refused before it is parsed."""
MAX_VALUES = 10_000
"""A document may hold this many values, counting what aliases repeat."""
MAX_DEPTH = 32
"""Lists and mappings nested deeper than this are refused."""

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_CORE = "tag:yaml.org,2002:"
_TEXT_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool"))
_NULL_TAG = _CORE + "null"
_COLLECTION_TAGS = frozenset({_CORE + "map", _CORE + "seq", "!"})
# Characters YAML does not allow in a stream (outside its printable set).
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """One YAML document of a source: its 1-based number and the text it spans."""

    source: str
    number: int
    first_line: int  # 0-based line of `text` within the source
    text: str

    def where(self, line: int | None = None, column: int | None = None) -> Location:
        """A location inside this document, from 0-based line and column within `text`."""
        if line is None:
            return Location(self.source, None, None, self.number)
        return Location(
            self.source, self.first_line + line + 1, None if column is None else column + 1, self.number
        )

    def error(self, message: str, line: int | None = None, column: int | None = None) -> CareercapError:
        return CareercapError(Diagnostic(self.where(line, column), message))


def decode(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 with or without a BOM, or UTF-16/UTF-32 with one."""
    encoding, start = "utf-8", 0
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, start = name, len(bom)
            break
    try:
        return data[start:].decode(encoding)
    except UnicodeDecodeError as exc:
        before = data[start : start + exc.start].decode(encoding, errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        bad = data[start + exc.start : start + exc.end][:4].hex(" ")
        expected = "UTF-8" if encoding == "utf-8" else encoding.upper()
        raise CareercapError(
            Diagnostic(
                Location(source, line, column),
                f"bytes {bad} are not valid {expected}; save the file as UTF-8",
            )
        ) from None


def _is_marker(line: str, marker: str) -> bool:
    return line.startswith(marker) and (len(line) == 3 or line[3] in " \t\r\n")


def _has_content(lines: list[str]) -> bool:
    """Whether lines hold more than blank lines and comments."""
    return any(line.strip() and not line.lstrip().startswith("#") for line in lines)


def _only_directives(lines: list[str]) -> bool:
    content = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return bool(content) and all(line.startswith("%") for line in content)


def split_documents(lines: Iterable[str], source: str) -> Iterator[Document]:
    """Cut a stream into documents. Comment-only text outside `---` is not a document;
    an empty document after `---` is one (the loader skips it with a warning)."""
    number = 0
    current: list[str] = []
    size = 0
    first_line = 0
    explicit = False  # whether `current` began with `---`
    carried: list[str] = []  # directives (`%YAML ...`) waiting for their `---`

    def emit() -> Document | None:
        nonlocal number
        if not explicit and not _has_content(current):
            return None
        number += 1
        return Document(source, number, first_line, "".join(current))

    for line_number, line in enumerate(lines):
        starts = _is_marker(line, "---")
        ends = not starts and _is_marker(line, "...")
        if starts or ends:
            if not explicit and _only_directives(current):
                carried, current = current, []
            else:
                document = emit()
                if document is not None:
                    yield document
            if starts:
                current, explicit, first_line = [*carried, line], True, line_number - len(carried)
                size = len(line)
                carried = []
            else:
                current, explicit, first_line, size = [], False, line_number + 1, 0
        else:
            current.append(line)
            size += len(line)
            if size > MAX_DOCUMENT_CHARS:
                number += 1
                raise CareercapError(
                    Diagnostic(
                        Location(source, first_line + 1, 1, number),
                        f"document {number} is larger than {MAX_DOCUMENT_CHARS // 1024} KiB; "
                        "a profile is far smaller",
                    )
                )
    document = emit()
    if document is not None:
        yield document


def _not_allowed(tag: str) -> str:
    name = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
    return f"tag {name} is not allowed: a profile holds only plain values"


class _Mark(Protocol):
    line: int
    column: int


class _Frame:
    """A mapping or list being built, and what is needed to finish it."""

    __slots__ = ("anchor", "key", "key_mark", "path", "start_count", "value")

    def __init__(
        self, value: dict[str, Any] | list[Any], anchor: str | None, start_count: int, path: Path
    ) -> None:
        self.value = value
        self.anchor = anchor
        self.start_count = start_count
        self.key: str | None = None
        self.key_mark: _Mark | None = None
        self.path = path


@dataclass(frozen=True, slots=True)
class Marks:
    """Where each value (and each mapping key) of a document stands, by path."""

    values: dict[Path, tuple[int, int]]
    keys: dict[Path, tuple[int, int]]


class _Builder:
    """Builds plain values from parser events, with the limits that keep it safe."""

    def __init__(self, document: Document, marks: Marks | None) -> None:
        self.document = document
        self.value_marks = None if marks is None else marks.values
        self.key_marks = None if marks is None else marks.keys
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.count = 0
        self.root: Any = None

    def fail(self, message: str, mark: _Mark | None) -> CareercapError:
        if mark is None:
            return self.document.error(message)
        return self.document.error(message, mark.line, mark.column)

    def path_here(self) -> Path:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        assert top.key is not None
        return (*top.path, top.key)

    def add(self, value: Any, size: int, mark: _Mark | None) -> None:
        self.count += size
        if self.count > MAX_VALUES:
            raise self.fail(
                f"document holds more than {MAX_VALUES} values (counting what aliases repeat)", mark
            )
        if not self.stack:
            self.note(self.value_marks, (), mark)
            self.root = value
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            self.note(self.value_marks, (*top.path, len(top.value)), mark)
            top.value.append(value)
        elif top.key is None:
            self.add_key(top, value, mark)
        else:
            self.note(self.value_marks, (*top.path, top.key), mark)
            top.value[top.key] = value
            top.key = None

    @staticmethod
    def note(table: dict[Path, tuple[int, int]] | None, path: Path, mark: _Mark | None) -> None:
        if table is not None and mark is not None:
            table[path] = (mark.line, mark.column)

    def add_key(self, top: _Frame, key: Any, mark: _Mark | None) -> None:
        if not isinstance(key, str):
            what = "empty" if key is None else "a list or mapping"
            raise self.fail(f"a key must be text, and this one is {what}", mark)
        if key in top.value:
            raise self.fail(f"duplicate key {key!r}: each key may appear once", mark)
        top.key = key
        self.note(self.key_marks, (*top.path, key), mark)

    def scalar(self, event: ev.ScalarEvent) -> None:
        tag = event.tag
        value: str | None = event.value
        if tag is None:
            if event.implicit[0] and value in _NULLS:
                value = None
        elif tag == _NULL_TAG:
            value = None
        elif tag not in _TEXT_TAGS and tag != "!":
            raise self.fail(_not_allowed(tag), event.start_mark)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self.add(value, 1, event.start_mark)

    def start(self, event: ev.CollectionStartEvent, value: dict[str, Any] | list[Any]) -> None:
        tag = event.tag
        if tag is not None and tag not in _COLLECTION_TAGS:
            raise self.fail(_not_allowed(tag), event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(f"lists and mappings are nested more than {MAX_DEPTH} deep", event.start_mark)
        path = self.path_here()
        self.add(value, 1, event.start_mark)
        self.stack.append(_Frame(value, event.anchor, self.count, path))

    def end(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.value, self.count - frame.start_count + 1)

    def alias(self, event: ev.AliasEvent) -> None:
        anchor = event.anchor
        if anchor not in self.anchors:
            raise self.fail(f"alias *{anchor} names no anchor defined before it", event.start_mark)
        value, size = self.anchors[anchor]
        self.add(value, size, event.start_mark)

    def build(self) -> Any:
        parser = _Parser(self.document.text)
        try:
            while True:
                event = parser.get_event()
                if isinstance(event, ev.ScalarEvent):
                    self.scalar(event)
                elif isinstance(event, ev.MappingStartEvent):
                    self.start(event, {})
                elif isinstance(event, ev.SequenceStartEvent):
                    self.start(event, [])
                elif isinstance(event, ev.MappingEndEvent | ev.SequenceEndEvent):
                    self.end()
                elif isinstance(event, ev.AliasEvent):
                    self.alias(event)
                elif isinstance(event, ev.StreamEndEvent):
                    return self.root
        except yaml.MarkedYAMLError as exc:
            raise self.syntax_error(exc) from None
        except yaml.reader.ReaderError:
            raise self.unreadable() from None
        finally:
            dispose = getattr(parser, "dispose", None)
            if dispose is not None:
                dispose()

    def syntax_error(self, exc: yaml.MarkedYAMLError) -> CareercapError:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or "YAML syntax error"
        if exc.context and exc.context_mark is not None and exc.problem_mark is not None:
            context_line = self.document.first_line + exc.context_mark.line + 1
            reason = f"{reason} ({exc.context} at line {context_line})"
        if mark is not None and self._tab_near(mark):
            reason += "; indent with spaces, not tabs"
        return self.fail(reason, mark)

    def _tab_near(self, mark: _Mark) -> bool:
        lines = self.document.text.splitlines()
        if mark.line >= len(lines):
            return False
        line = lines[mark.line]
        return "\t" in line[: len(line) - len(line.lstrip())] or line[mark.column : mark.column + 1] == "\t"

    def unreadable(self) -> CareercapError:
        text = self.document.text
        found = _NOT_PRINTABLE.search(text)
        if found is None:  # pragma: no cover - the parser and the pattern agree on what is printable
            return self.document.error("the text holds a character YAML does not allow")
        start = found.start()
        line = text.count("\n", 0, start)
        column = start - (text.rfind("\n", 0, start) + 1)
        code = f"U+{ord(found.group()):04X}"
        return self.document.error(f"character {code} is not allowed in YAML text", line, column)


def parse(document: Document) -> Any:
    """The document's value: dicts, lists, text and None. Raises a located CareercapError."""
    return _Builder(document, None).build()


def marks(document: Document) -> Marks:
    """Where every value and key of a (parseable) document stands; for locating errors."""
    found = Marks({}, {})
    builder = _Builder(document, found)
    builder.build()
    return found
