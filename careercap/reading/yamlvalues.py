"""Safe YAML building with positions.

Nothing here constructs Python objects from tags: a document's text goes through the
parser's events (libyaml's when it is installed) and becomes plain dicts, lists, strings
and None. Every scalar stays the text as written; only a plain `null`, `~` or empty value
becomes None (the YAML 1.2 core schema's nulls), and a mapping's key with such a value is
left out, so that "not given" reads the same everywhere. The field types in
`careercap.core.fields` read numbers and dates from the text.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, NamedTuple, Protocol

import yaml
from yaml import events as ev

from careercap.core.fields import quoted
from careercap.errors import CareercapError
from careercap.reading import blocks
from careercap.reading.documents import Document


class PurePythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's own parser, for where PyYAML was built without libyaml."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


try:  # libyaml's parser, when PyYAML was built with it (much faster)
    from yaml._yaml import CParser as Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    Parser = PurePythonParser  # type: ignore[assignment,misc]  # same events, not the same class


MAX_VALUES = 10_000
"""A document may hold this many values, counting what aliases repeat."""
MAX_DEPTH = 32
"""Lists and mappings nested deeper than this are refused."""

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_CORE = "tag:yaml.org,2002:"
_TEXT_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool"))
_NULL_TAG = _CORE + "null"
_COLLECTION_TAGS = frozenset({_CORE + "map", _CORE + "seq", "!"})
# Characters YAML does not allow in a stream (outside its printable set); compiled when an
# error needs it.
_NOT_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
_DOCUMENT_START = re.compile(r"^---(?=[ \t\r\n]|\Z)", re.MULTILINE)

Path = tuple[str | int, ...]


def _not_allowed(tag: str) -> str:
    name = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
    return f"tag {name} is not allowed: a profile holds only plain values"


class _Mark(Protocol):
    index: int  # characters from the start of the document's text


def _place(text: str, index: int) -> tuple[int, int]:
    """0-based line and column of a character, lines ending at "\n" (as editors count them;
    the parser would also break lines at a lone "\r" and at U+0085, U+2028 and U+2029)."""
    index = min(index, len(text))
    line = text.count("\n", 0, index)
    return line, index - (text.rfind("\n", 0, index) + 1)


class Marks(NamedTuple):
    """Where each value (and each mapping key) of a document stands, by path: 0-based
    line and column within the document. A null value left out of its mapping has its key
    here all the same."""

    values: dict[Path, tuple[int, int]]
    keys: dict[Path, tuple[int, int]]


_AWAITING_KEY = object()  # a mapping whose next scalar is a key


class _Builder:
    """Builds plain values from parser events, with the limits that keep it safe.

    This is the hot path of a batch run, so `build` is one loop over the events with
    parallel stacks instead of an object per mapping or list."""

    def __init__(self, document: Document, marks: Marks | None) -> None:
        self.document = document
        self.marks = marks
        self.line_starts: list[int] | None = None

    def fail(self, message: str, mark: _Mark | None) -> CareercapError:
        if mark is None:
            return self.document.error(message)
        return self.document.error(message, *_place(self.document.text, mark.index))

    def build(self) -> Any:
        try:  # the pure-Python parser checks the characters as soon as it is made
            parser = Parser(self.document.text)
        except yaml.reader.ReaderError:
            raise self.unreadable() from None
        try:
            return self._events(parser)
        except yaml.MarkedYAMLError as exc:
            raise self.syntax_error(exc) from None
        except yaml.reader.ReaderError:
            raise self.unreadable() from None
        finally:
            dispose = getattr(parser, "dispose", None)
            if dispose is not None:
                dispose()

    def _events(self, parser: Any) -> Any:  # noqa: PLR0912, PLR0915 - one loop keeps the hot path fast
        get_event = parser.get_event
        marks = self.marks
        containers: list[Any] = []  # the open mappings and lists, innermost last
        keys: list[Any] = []  # per open container: the key awaiting its value (mappings)
        opened: list[tuple[str | None, int]] = []  # per open container: its anchor, the count at its start
        dropped: list[set[str] | None] = []  # per open mapping: keys whose null value was left out
        paths: list[Path] = []  # per open container, when marks are kept: its path
        anchors: dict[str, tuple[Any, int]] = {}
        count = 0
        root: Any = None
        scalar_event, mapping_start, sequence_start = (
            ev.ScalarEvent,
            ev.MappingStartEvent,
            ev.SequenceStartEvent,
        )
        mapping_end, sequence_end, alias_event = ev.MappingEndEvent, ev.SequenceEndEvent, ev.AliasEvent
        while True:
            event: Any = get_event()  # dispatched on its exact class below
            kind = event.__class__
            size = 1
            if kind is scalar_event:
                tag = event.tag
                value: Any = event.value
                if tag is None:
                    if event.implicit[0] and value in _NULLS:
                        value = None
                elif tag == _NULL_TAG:
                    value = None
                elif tag not in _TEXT_TAGS and tag != "!":
                    raise self.fail(_not_allowed(tag), event.start_mark)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
            elif kind is mapping_start or kind is sequence_start:
                tag = event.tag
                if tag is not None and tag not in _COLLECTION_TAGS:
                    raise self.fail(_not_allowed(tag), event.start_mark)
                if len(containers) >= MAX_DEPTH:
                    raise self.fail(
                        f"lists and mappings are nested more than {MAX_DEPTH} deep", event.start_mark
                    )
                value = {} if kind is mapping_start else []
            elif kind is mapping_end or kind is sequence_end:
                finished = containers.pop()
                keys.pop()
                dropped.pop()
                anchor, start = opened.pop()
                if marks is not None:
                    paths.pop()
                if anchor is not None:
                    anchors[anchor] = (finished, count - start + 1)
                continue
            elif kind is alias_event:
                if event.anchor not in anchors:
                    open_anchors = [anchor for anchor, _ in opened]
                    why = (
                        "refers to the list or mapping that holds it"
                        if event.anchor in open_anchors
                        else "names no anchor defined before it"
                    )
                    raise self.fail(f"alias *{event.anchor} {why}", event.start_mark)
                value, size = anchors[event.anchor]
            elif kind is ev.StreamEndEvent:
                return root
            else:
                continue
            count += size
            if count > MAX_VALUES:
                raise self.fail(
                    f"document holds more than {MAX_VALUES} values (counting what aliases repeat)",
                    event.start_mark,
                )
            here: Path = ()
            if not containers:
                root = value
            else:
                container = containers[-1]
                if container.__class__ is list:
                    if marks is not None:
                        here = (*paths[-1], len(container))
                    container.append(value)
                elif keys[-1] is _AWAITING_KEY:
                    if value.__class__ is str and value not in container and dropped[-1] is None:
                        new_key = value  # the usual case, checked inline: this is the hot path
                    else:
                        new_key = self.key(value, container, dropped, event.start_mark)
                    keys[-1] = new_key
                    if marks is not None:
                        self.note(marks.keys, (*paths[-1], new_key), event.start_mark)
                    continue
                else:
                    key = keys[-1]
                    if marks is not None:
                        here = (*paths[-1], key)
                    if value is None:  # a plain null means "not given": leave the key out
                        left_out = dropped[-1]
                        if left_out is None:
                            left_out = dropped[-1] = set()
                        left_out.add(key)
                    else:
                        container[key] = value
                    keys[-1] = _AWAITING_KEY
            if marks is not None:
                self.note(marks.values, here, event.start_mark)
            if kind is mapping_start or kind is sequence_start:
                containers.append(value)
                keys.append(_AWAITING_KEY if kind is mapping_start else None)
                dropped.append(None)
                opened.append((event.anchor, count))
                if marks is not None:
                    paths.append(here)

    def key(
        self, key: Any, mapping: dict[str, Any], dropped: list[set[str] | None], mark: _Mark | None
    ) -> str:
        if not isinstance(key, str):
            what = "empty" if key is None else "a list or mapping"
            raise self.fail(f"a key must be text, and this one is {what}", mark)
        if key in mapping or (dropped[-1] is not None and key in dropped[-1]):
            raise self.fail(f"duplicate key {quoted(key)}: each key may appear once", mark)
        return key

    def note(self, table: dict[Path, tuple[int, int]], path: Path, mark: _Mark | None) -> None:
        if mark is None:
            return
        if self.line_starts is None:  # once per document, so that locating every value is linear
            self.line_starts = [0, *(found.end() for found in re.finditer("\n", self.document.text))]
        index = min(mark.index, len(self.document.text))
        line = bisect.bisect_right(self.line_starts, index) - 1
        table[path] = (line, index - self.line_starts[line])

    def syntax_error(self, exc: yaml.MarkedYAMLError) -> CareercapError:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or "YAML syntax error"
        if mark is not None and "<document start>" in reason:
            misplaced = self._directive_before(mark.index)
            if misplaced is not None:
                return misplaced
        if exc.context and exc.context_mark is not None and exc.problem_mark is not None:
            context_line = (
                self.document.first_line + _place(self.document.text, exc.context_mark.index)[0] + 1
            )
            reason = f"{reason} ({exc.context} at line {context_line})"
        if mark is not None and self._tab_near(mark):
            reason += "; indent with spaces, not tabs"
        return self.fail(reason, mark)

    def _directive_before(self, index: int) -> CareercapError | None:
        """A directive (`%YAML 1.2`) that no `---` follows before `index`, where the parser
        looked for one: the error is the directive's."""
        text = self.document.text
        index = min(index, len(text))
        at = text.rfind("\n%", 0, index) + 1
        if at == 0 and not text.startswith("%"):
            return None
        end = text.find("\n", at)
        if end < 0:
            end = len(text)
        elif _DOCUMENT_START.search(text, end + 1, index) is not None:
            return None
        name = quoted(text[at:end].split()[0])
        line = text.count("\n", 0, at)
        before = [part.strip() for part in text[:at].split("\n") if not part.startswith("%")]
        if any(part and not part.startswith("#") for part in before):  # a document before it
            return self.document.error(
                f"directive {name} is inside a document: end the document with '...' on the line before it",
                line,
                0,
            )
        return self.document.error(
            f"directive {name} is not followed by '---': put '---' on the line after the directives",
            line,
            0,
        )

    def _tab_near(self, mark: _Mark) -> bool:
        text = self.document.text
        number, column = _place(text, mark.index)
        lines = text.split("\n")
        if number >= len(lines):
            return False
        line = lines[number]
        return "\t" in line[: len(line) - len(line.lstrip())] or line[column : column + 1] == "\t"

    def unreadable(self) -> CareercapError:
        text = self.document.text
        found = re.search(_NOT_PRINTABLE, text)
        if found is None:  # pragma: no cover - the parser and the pattern agree on what is printable
            return self.document.error("the text holds a character YAML does not allow")
        start = found.start()
        line = text.count("\n", 0, start)
        column = start - (text.rfind("\n", 0, start) + 1)
        code = f"U+{ord(found.group()):04X}"
        hint = (
            " (is the file UTF-16 or UTF-32 without a byte-order mark? save it as UTF-8)"
            if code == "U+0000"
            else ""
        )
        return self.document.error(f"character {code} is not allowed in YAML text{hint}", line, column)


def parse(document: Document) -> Any:
    """The document's value: dicts, lists, text and None. Raises a located CareercapError.
    The usual profile is read by the fast path (`blocks`); the rest, and every error, by
    the parser."""
    found = blocks.values(document.text)
    if found is not blocks.NOT_PLAIN:
        return found
    return _Builder(document, None).build()


def marks(document: Document) -> Marks:
    """Where every value and key of a (parseable) document stands; for locating errors."""
    found = Marks({}, {})
    builder = _Builder(document, found)
    builder.build()
    return found
