"""JSON Lines: a stream cut into lines, each line's JSON object read into plain values.

Each line that is not blank is one document, numbered from 1 (blank lines are passed over
and not counted), so that a bad line is an error of its own and the others are still
read. A line is decoded and split as YAML streams are (`documents.stream_chunks`: a line
ends at `\n`, `\r\n` or a lone `\r`), is refused when longer than a YAML document may be,
and its values are held to the same limits (values, nesting) as a YAML document's.

Values come out as YAML's do, so that one set of fields reads both: text stays text, a
number is the text it was written as (`1.10` stays `1.10`), `true` and `false` are the
text `true` and `false`, and `null` means "not given" (a member whose value is null is
left out of its object). The usual line is read by the standard library's decoder; a line
it cannot read within those limits, and every error and its column, by `_Reader`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from careercap.core.fields import quoted
from careercap.errors import CareercapError, Diagnostic, Location
from careercap.reading.documents import MAX_DOCUMENT_CHARS, Document, LineProblem, stream_chunks
from careercap.reading.yamlvalues import MAX_DEPTH, MAX_VALUES, Marks, Path


class JsonLine(Document):
    """One line of a JSON Lines source: a document whose text is one JSON object."""

    __slots__ = ()


_BLANK = re.compile(r"[ \t\ufeff]*")
_LEADING_BOMS = re.compile(r"\ufeff*")
_TOO_LONG = f"a line longer than {MAX_DOCUMENT_CHARS // 1024} KiB; a profile is far smaller"


def split_lines(chunks: Iterable[str | LineProblem], source: str) -> Iterator[JsonLine]:
    """Every line of a stream that is not blank, as a document. A byte-order mark starting
    a line is passed over (files joined with `cat` carry one at each start), and columns
    count from after it."""
    number = 0
    line = 0  # 0-based line of the next chunk's first line
    for chunk in chunks:
        if isinstance(chunk, LineProblem):
            number += 1
            where = Location(source, line + 1, chunk.column, number)
            yield JsonLine(source, number, line, "", Diagnostic(where, chunk.message))
            line += 1
            continue
        parts = chunk.split("\n")
        if parts[-1] == "":
            parts.pop()  # the chunk ends with its last line's end
        for part in parts:
            text = part[:-1] if part.endswith("\r") else part
            if _BLANK.fullmatch(text) is None:
                number += 1
                text = text[_LEADING_BOMS.match(text).end() :]  # type: ignore[union-attr]  # always matches
                if len(text) > MAX_DOCUMENT_CHARS:
                    where = Location(source, line + 1, 1, number)
                    yield JsonLine(source, number, line, "", Diagnostic(where, _TOO_LONG))
                else:
                    yield JsonLine(source, number, line, text)
            line += 1


def stream_lines(stream: BinaryIO, source: str) -> Iterator[JsonLine]:
    """Every line of a binary stream that holds a profile, read as it comes. U+2028 and
    its like are JSON text, not line ends, and are read as such."""
    return split_lines(stream_chunks(stream, hidden_breaks=False), source)


# The fast path: the standard library's decoder, numbers kept as the text written.


class _Refused(Exception):
    """A line the fast path leaves to `_Reader` (which says what is wrong, and where)."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    made: dict[str, Any] = {}
    nulls: set[str] | None = None
    for key, value in pairs:
        if key in made or (nulls is not None and key in nulls):
            raise _Refused
        if value is None:
            if nulls is None:
                nulls = set()
            nulls.add(key)
        else:
            made[key] = value
    return made


def _constant(name: str) -> Any:
    raise _Refused


_DECODER = json.JSONDecoder(
    object_pairs_hook=_object, parse_float=str, parse_int=str, parse_constant=_constant, strict=True
)
# An escape that may be half of a surrogate pair: the line is read by `_Reader`, which
# refuses a lone half.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _within_depth(value: Any) -> bool:
    """Whether no list or mapping in `value` is nested more than MAX_DEPTH deep."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        for child in node.values() if node.__class__ is dict else node:
            if child.__class__ is dict or child.__class__ is list:
                stack.append((child, depth + 1))
    return True


def _fast(text: str) -> Any:
    """The line's object by the standard decoder; `_Refused` for any line outside what it
    reads as `_Reader` does (booleans, which it would not keep as text; a possible lone
    surrogate; more values than allowed, which it would build before counting them)."""
    opened = text.count("{") + text.count("[")
    # Every value but the first, keys included, follows one of `{ [ , :`.
    if 1 + opened + text.count(",") + text.count(":") > MAX_VALUES:
        raise _Refused
    if "true" in text or "false" in text or _SURROGATE_ESCAPE.search(text) is not None:
        raise _Refused
    try:
        value = _DECODER.decode(text)
    except (ValueError, RecursionError):
        raise _Refused from None
    if value.__class__ is not dict or (opened > MAX_DEPTH and not _within_depth(value)):
        raise _Refused
    return value


# The reader: every line the fast path leaves, with positions and located errors.

_SPACE = re.compile(r"[ \t]*+")
_STRING = re.compile(r'"((?:[^"\\\x00-\x1f]++|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*+)"')
_STRING_PART = re.compile(r'(?:[^"\\\x00-\x1f]++|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*+')
_WORD = re.compile(r"[-+.0-9A-Za-z_]+")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_WORDS = {"true": "true", "false": "false", "null": None}
_NOT_FINITE = frozenset({"NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "inf", "-inf", "nan"})
_ONE_PROFILE = "each profile is one JSON object on one line (jq -c writes them so)"

# What the reader expects next.
_VALUE, _ITEM_OR_END, _KEY_OR_END, _KEY, _COLON, _AFTER = range(6)


def _shown(char: str) -> str:
    return repr(char) if char.isprintable() else f"U+{ord(char):04X}"


class _Reader:
    """One line's JSON, read token by token without recursion, with the limits YAML
    documents have: the values as `parse` gives them, and (with `marks`) where each stands."""

    def __init__(self, document: Document, marks: Marks | None) -> None:
        self.document = document
        self.text = document.text
        self.marks = marks

    def fail(self, message: str, at: int) -> CareercapError:
        return self.document.error(message, 0, at)

    def build(self) -> Any:  # noqa: PLR0912, PLR0915 - one loop over the tokens, as YAML's builder
        text, marks = self.text, self.marks
        end = len(text)
        containers: list[Any] = []  # the open objects and arrays, innermost last
        starts: list[int] = []  # where each opened
        keys: list[str] = []  # per open object: its key awaiting a value
        dropped: list[set[str]] = []  # per open container: keys whose null value was left out
        paths: list[Path] = []
        root: Any = None
        root_at = 0
        count = 0
        state = _VALUE
        comma = 0  # where the last comma stands
        at = 0

        def close() -> None:
            if containers.pop().__class__ is dict:
                keys.pop()
            starts.pop()
            dropped.pop()
            if marks is not None:
                paths.pop()

        while True:
            at = _SPACE.match(text, at).end()  # type: ignore[union-attr]  # always matches
            if at >= end:
                if containers:
                    what = "object" if containers[-1].__class__ is dict else "array"
                    hint = f": {_ONE_PROFILE}" if len(containers) == 1 else ""
                    raise self.fail(f"this {what} is not closed before the line ends{hint}", starts[-1])
                break
            char = text[at]
            if state == _AFTER:
                if not containers:
                    raise self.fail(f"text after the JSON object: {_ONE_PROFILE}", at)
                is_object = containers[-1].__class__ is dict
                closing = "}" if is_object else "]"
                if char == ",":
                    state, comma = (_KEY if is_object else _VALUE), at
                elif char == closing:
                    close()
                else:
                    raise self.fail(f"expected ',' or '{closing}' here, not {_shown(char)}", at)
                at += 1
                continue
            if state == _COLON:
                if char != ":":
                    raise self.fail(f"expected ':' after the key, not {_shown(char)}", at)
                state = _VALUE
                at += 1
                continue
            if state in (_KEY_OR_END, _KEY):
                if char == "}":
                    if state == _KEY:
                        raise self.fail("a comma before '}': JSON allows none there", comma)
                    close()
                    state = _AFTER
                    at += 1
                    continue
                if char != '"':
                    raise self.fail(self._not_a_key(at), at)
                key, after = self._string(at)
                count += 1
                if count > MAX_VALUES:
                    raise self.fail(f"this line holds more than {MAX_VALUES} values", at)
                if key in containers[-1] or key in dropped[-1]:
                    raise self.fail(f"duplicate key {quoted(key)}: each key may appear once", at)
                keys[-1] = key
                if marks is not None:
                    marks.keys[(*paths[-1], key)] = (0, at)
                state, at = _COLON, after
                continue
            # A value is expected (or, first in an array, its end).
            if char == "]" and containers and containers[-1].__class__ is list:
                if state == _VALUE:  # after a comma
                    raise self.fail("a comma before ']': JSON allows none there", comma)
                close()
                state = _AFTER
                at += 1
                continue
            value: Any
            after = at + 1
            opens = char in "{["
            if opens:
                if len(containers) >= MAX_DEPTH:
                    raise self.fail(f"arrays and objects are nested more than {MAX_DEPTH} deep", at)
                value = {} if char == "{" else []
            elif char == '"':
                value, after = self._string(at)
            else:
                value, after = self._word(at)
            count += 1
            if count > MAX_VALUES:
                raise self.fail(f"this line holds more than {MAX_VALUES} values", at)
            here: Path = ()
            if not containers:
                root, root_at = value, at
            else:
                container = containers[-1]
                if container.__class__ is list:
                    if marks is not None:
                        here = (*paths[-1], len(container))
                    container.append(value)
                else:
                    key = keys[-1]
                    if marks is not None:
                        here = (*paths[-1], key)
                    if value is None:
                        dropped[-1].add(key)
                    else:
                        container[key] = value
            if marks is not None:
                marks.values[here] = (0, at)
            if opens:
                containers.append(value)
                starts.append(at)
                dropped.append(set())
                if char == "{":
                    keys.append("")
                    state = _KEY_OR_END
                else:
                    state = _ITEM_OR_END
                if marks is not None:
                    paths.append(here)
            else:
                state = _AFTER
            at = after
        if root.__class__ is not dict:
            kind = "an array" if root.__class__ is list else "a single value"
            message = f'a profile is a JSON object with keys such as "name" and "income", not {kind}'
            raise self.fail(message, root_at)
        return root

    def _string(self, at: int) -> tuple[str, int]:
        """The text of the string starting at `at`, and where it ends."""
        found = _STRING.match(self.text, at)
        if found is None:
            stop = _STRING_PART.match(self.text, at + 1).end()  # type: ignore[union-attr]  # always matches
            if stop >= len(self.text):
                raise self.fail("this string is not closed before the line ends", at)
            char = self.text[stop]
            if char == "\\":
                escape = self.text[stop : stop + 2]
                raise self.fail(
                    f"{escape!r} is no JSON escape: write \\\\ for a backslash, or one of "
                    '\\" \\/ \\b \\f \\n \\r \\t \\uXXXX',
                    stop,
                )
            raise self.fail(f"character U+{ord(char):04X} must be written as an escape inside a string", stop)
        raw = found.group(1)
        if "\\" not in raw:
            return raw, found.end()
        value: str = json.loads(found.group())
        if _LONE_SURROGATE.search(value) is not None:
            raise self.fail("this string holds half of a surrogate pair (a \\uD800-\\uDFFF escape alone)", at)
        return value, found.end()

    def _word(self, at: int) -> tuple[str | None, int]:
        """A number (as its text), true, false or null, starting at `at`."""
        found = _WORD.match(self.text, at)
        if found is None:
            char = self.text[at]
            if char == "'":
                raise self.fail("JSON text is written in double quotes, not single quotes", at)
            raise self.fail(f"expected a value here, not {_shown(char)}", at)
        word = found.group()
        if word in _WORDS:
            return _WORDS[word], found.end()
        if _NUMBER.fullmatch(word):
            return word, found.end()
        raise self.fail(self._not_a_value(word), at)

    @staticmethod
    def _not_a_value(word: str) -> str:
        if word in _NOT_FINITE:
            return f"{word} is not a JSON number, and a profile's numbers are finite"
        if word.lower() in _WORDS or word in ("None", "True", "False"):
            return f"{word!r} is not JSON: write true, false or null in small letters"
        if word[0] in "+-.0123456789":
            if re.fullmatch(r"-?0[0-9]+(?:\.[0-9]*)?", word):
                why = "a JSON number has no leading zeros"
            elif word.startswith("+"):
                why = "a JSON number has no '+' in front"
            elif "." in word and not re.search(r"[0-9]\.[0-9]", word):
                why = "a JSON number has digits on both sides of its point"
            else:
                why = "JSON does not read it as a number"
            return f"{word!r} is not a JSON number: {why}"
        return f"{word!r} is not a JSON value: text is written in double quotes"

    def _not_a_key(self, at: int) -> str:
        char = self.text[at]
        if char == "'":
            return "a key is written in double quotes, not single quotes"
        found = _WORD.match(self.text, at)
        if found is not None:
            return f'a key is text in double quotes: "{found.group()}", not {found.group()}'
        return f"expected a key in double quotes here, not {_shown(char)}"


def parse(document: Document) -> dict[str, Any]:
    """The line's object: mappings, lists, text (numbers as written) and None in lists.
    Raises a located CareercapError for anything else."""
    try:
        return _fast(document.text)  # type: ignore[no-any-return]  # a dict, checked
    except _Refused:
        value: dict[str, Any] = _Reader(document, None).build()
        return value


def marks(document: Document) -> Marks:
    """Where every value and key of a (readable) line stands; for locating errors."""
    found = Marks({}, {})
    _Reader(document, found).build()
    return found
