"""A fast path for the usual profile: block mappings and lists of one-line values.

Most profiles use a small part of YAML: `key: value` lines, `- item` lines and `- key:
value` items, indented with spaces, with comments and blank lines between; values written
plain, in single or double quotes (`name: "Ada Lovelace"`, `'O''Neil'`), as an empty list
or mapping (`[]`, `{}`), or as a one-line list of such scalars (`skills: [SQL, Python]`).
`values` reads exactly that part, line by line, into what `yamlvalues.parse` would build
(every scalar as text, a plain null left out of its mapping), and gives up (returns
`NOT_PLAIN`) on anything else: other flow collections, anchors, tags, multi-line values,
escapes other than YAML's one-character ones (`\\x`, `\\u`, `\\U`), tabs, carriage
returns, characters YAML does not allow, plain values with characters outside a
conservative set, duplicate or null keys, an indentation it does not expect. A document it
gives up on goes to PyYAML's parser, which stays the judge of everything outside this
part, and of every error and its place; tests/reading/test_blocks.py checks that both give
the same values on every document the fast path accepts.
"""

from __future__ import annotations

import re
from typing import Any, cast

NOT_PLAIN = object()
"""What `values` returns for a document outside its part of YAML."""

_KEY = r"([A-Za-z_][A-Za-z0-9_]{0,127})"  # YAML's simple keys end within 1024 characters
# A plain value that means the same in any YAML context: it starts with a word character or
# a sign followed by one, and holds only word characters, spaces and punctuation that YAML
# gives no meaning inside a plain value (no ':', '#', quotes, brackets or braces); it ends
# with no space. In a flow list ',' and '?' end it too.
_INSIDE = r"\w.,;/()+&'!?%*@=$\-"
_START = r"(?:[^\W_]|[-+.](?=\w)|_)"
_PLAIN = rf"{_START}(?:[{_INSIDE} ]*[{_INSIDE}])?"
_FLOW_INSIDE = _INSIDE.replace(",", "").replace("?", "")
_FLOW_PLAIN = rf"{_START}(?:[{_FLOW_INSIDE} ]*[{_FLOW_INSIDE}])?"
# Quoted on one line: '' is a quote inside single quotes; inside double quotes, only the
# escapes of one character (a quoted scalar ends at its first unescaped quote, so the
# repetitions are possessive).
_SINGLE = r"'(?:[^'\n]|'')*+'"
_DOUBLE = r'"(?:[^"\\\n]|\\[0abtnvfre "/\\N_LP])*+"'
_ITEM = rf"{_FLOW_PLAIN}|{_SINGLE}|{_DOUBLE}"
# An empty list or mapping, or a list of scalars, on one line ("[a, b,]" is left out).
_FLOW = rf"\[ *+(?:(?:{_ITEM}) *+(?:, *+(?:{_ITEM}) *+)*+)?\]|\{{ *+\}}"
_VALUE = rf"({_PLAIN}|{_SINGLE}|{_DOUBLE}|{_FLOW})"
_MARKED = frozenset("'\"[{")  # how a value that is not plain starts
_ITEMS = re.compile(_ITEM)
_ESCAPES = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_ESCAPED = re.compile(r"\\(.)")
_END = r"(?: +#.*| *+)"  # a comment after at least one space, or spaces
# The indent and trailing spaces are possessive (`*+`): a line of many spaces that fails
# must fail at once, not after trying every split of its spaces.
_LINE = re.compile(
    rf"(?P<indent> *+)(?:"
    rf"(?P<dash>-[ ]++)?{_KEY}:(?: +{_VALUE})?{_END}"  # key: value, - key: value, key:, - key:
    rf"|-[ ]++{_VALUE}{_END}"  # - value
    rf"|#.*|"  # a comment line, or a blank one
    rf")"
)
_Parts = tuple[str, str, str, str, str]
_read: dict[str, _Parts] = {}
"""Short lines read already, and their parts: `currency: USD`, `  - name: SQL`, `as_of:
2025` and their like come again and again in a cohort, and a look-up costs a tenth of a
match."""
_read_before: dict[str, _Parts] = {}
"""What `_read` held when it was last full: a line found here is kept again, so lines that
come again outlast those (names, notes, comments) that come once."""
MOST_READ, LONGEST_READ = 4096, 160
"""The most lines `_read` holds (then it becomes `_read_before`, and starts again), and the
longest it keeps: a few megabytes at most."""
_NULLS = frozenset({"null", "Null", "NULL"})
# Characters YAML does not allow, or reads as line breaks (U+0085, U+2028, U+2029), or a
# byte-order mark: anywhere in the text, comments included, they send it to the parser.
_UNSAFE = re.compile("[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
MAX_LINES = 2000
MAX_CHARS = 64 * 1024
"""A longer document is left to the parser (and its limits on size and depth)."""
MAX_DEPTH = 8
"""Lists and mappings nested deeper are left to the parser."""
MAX_ITEMS = 1000
"""A document whose flow lists hold more items is left to the parser (and its limit on
values)."""


def values(text: str) -> Any:  # noqa: PLR0912, PLR0915 - one loop keeps the hot path fast
    """The document's values, as `yamlvalues.parse` builds them; `NOT_PLAIN` when the text
    is outside the part of YAML read here."""
    if text.startswith("---"):
        if not text.startswith("---\n"):
            return NOT_PLAIN
        text = text[4:]
    lines = text.count("\n") + 1
    if lines > MAX_LINES or len(text) > MAX_CHARS or _UNSAFE.search(text) is not None:
        return NOT_PLAIN
    found = _parts(text)
    if found is None:
        return NOT_PLAIN  # a line outside the part read here
    # The open mappings and lists, innermost last: their indents, the containers, and (for
    # mappings) the keys whose null value was left out.
    indents: list[int] = []
    containers: list[Any] = []
    dropped: list[set[str] | None] = []
    pending: str | None = None  # a key with nothing after it: a block follows, or null
    pending_indent = 0
    items = 0  # in flow lists
    for indent_text, dash, key, value, item in found:
        if not key and not item:
            continue  # a comment or a blank line
        indent = len(indent_text)
        is_item = bool(dash) or not key
        if pending is not None:
            parent = containers[-1]
            if not is_item and indent > pending_indent:
                block: Any = {}
            elif is_item and indent >= pending_indent:
                block = []
            else:
                block = None
            if block is None:
                _left_out(dropped).add(pending)
            else:
                if len(containers) >= MAX_DEPTH:
                    return NOT_PLAIN
                parent[pending] = block
                indents.append(indent)
                containers.append(block)
                dropped.append(None)
            pending = None
        elif not containers:
            if is_item:
                return NOT_PLAIN  # a list at the top: the parser says what is wrong
            indents.append(indent)
            containers.append({})
            dropped.append(None)
        while indents and (
            indents[-1] > indent
            or (not is_item and indents[-1] == indent and containers[-1].__class__ is list)
        ):
            indents.pop()
            containers.pop()
            dropped.pop()
        if not indents or indents[-1] != indent:
            return NOT_PLAIN  # an indentation that matches no open block
        container = containers[-1]
        if is_item:
            if container.__class__ is not list:
                return NOT_PLAIN
            if not key:
                if item[0] in _MARKED:
                    found_value = _marked(item)
                    if found_value.__class__ is list:
                        items += len(found_value)
                    container.append(found_value)
                else:
                    container.append(None if item in _NULLS else item)
                continue
            if len(containers) >= MAX_DEPTH:
                return NOT_PLAIN
            container = {}
            containers[-1].append(container)
            indents.append(indent + len(dash))
            containers.append(container)
            dropped.append(None)
        elif container.__class__ is not dict:
            return NOT_PLAIN
        if key in _NULLS or key in container or (dropped[-1] is not None and key in dropped[-1]):
            return NOT_PLAIN  # a null or repeated key: the parser's error says where
        if not value:
            pending, pending_indent = key, indents[-1]
        elif value[0] in _MARKED:  # never null: quoted, or a list or mapping
            found_value = _marked(value)
            if found_value.__class__ is list:
                items += len(found_value)
            container[key] = found_value
        elif value in _NULLS:
            _left_out(dropped).add(key)
        else:
            container[key] = value
    if items > MAX_ITEMS or not containers:
        return NOT_PLAIN
    return containers[0]


def _parts(text: str) -> list[_Parts] | None:
    """The parts of each line (indent, dash, key, value, item; "" where there is none), or
    None if a line is outside the part of YAML read here."""
    global _read, _read_before  # the two generations of a bounded cache
    found = []
    for line in text.split("\n"):
        parts = _read.get(line)
        if parts is None:
            parts = _read_before.get(line)
            if parts is None:
                match = _LINE.fullmatch(line)
                if match is None:
                    return None
                parts = cast(_Parts, match.groups(""))
            if len(line) <= LONGEST_READ:
                if len(_read) >= MOST_READ:
                    _read_before, _read = _read, {}
                _read[line] = parts
        found.append(parts)
    return found


def _marked(text: str) -> Any:
    """The value of a quoted scalar, or of a flow list or mapping, as `_VALUE` matched it."""
    first = text[0]
    if first == "'":
        return text[1:-1].replace("''", "'")
    if first == '"':
        inside = text[1:-1]
        return _ESCAPED.sub(_unescape, inside) if "\\" in inside else inside
    if first == "{":
        return {}
    return [
        _marked(item) if item[0] in _MARKED else None if item in _NULLS else item
        for item in _ITEMS.findall(text)
    ]


def _unescape(found: re.Match[str]) -> str:
    return _ESCAPES[found.group(1)]


def _left_out(dropped: list[set[str] | None]) -> set[str]:
    """The keys the innermost mapping leaves out for their null values (made when needed)."""
    keys = dropped[-1]
    if keys is None:
        keys = dropped[-1] = set()
    return keys
