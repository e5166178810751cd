"""Pydantic's errors, as located one-line diagnostics.

A document is validated from its plain values (fast); only when something is wrong is
it read again for positions, and each error is put at the key or value it is about.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from careercap.core.fields import EMPTY_ITEM, quoted
from careercap.errors import Diagnostic
from careercap.reading.documents import Document
from careercap.reading.yamlvalues import Marks, Path, marks

M = TypeVar("M", bound=BaseModel)

MAX_SHOWN = 20
"""Errors, and warnings, reported for one document at the most: a generated file can hold
thousands."""

_BOUNDS = {
    "greater_than": ("gt", "must be greater than {}"),
    "greater_than_equal": ("ge", "must be at least {}"),
    "less_than": ("lt", "must be less than {}"),
    "less_than_equal": ("le", "must be at most {}"),
}


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "empty"
    return "text"


def _message(error: Mapping[str, Any], key: str | int | None) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in _BOUNDS:
        name, text = _BOUNDS[kind]
        return text.format(_number(ctx[name]))
    if kind == "value_error":
        return str(ctx["error"])
    if kind == "too_long":
        return f"has too many items: at most {ctx['max_length']}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {ctx['max_length']} characters long"
    if kind == "string_pattern_mismatch":
        if key == "currency":
            return (
                f"must be a three-letter code in capitals, such as USD or EUR, not {quoted(error['input'])}"
            )
        return f"does not have the expected form ({ctx['pattern']})"
    if kind == "literal_error":
        return f"must be {ctx['expected']}, not {quoted(error['input'])}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        if error["input"] is None and isinstance(key, int):
            return EMPTY_ITEM
        return f"must be a mapping of keys and values, not {describe(error['input'])}"
    if kind in ("tuple_type", "list_type"):
        return f"must be a list (one '- ' line per item), not {describe(error['input'])}"
    if kind == "string_type":
        return f"must be text, not {describe(error['input'])}"
    return str(error["msg"])


def _child(data: Any, part: str | int) -> tuple[bool, Any]:
    if isinstance(data, dict) and isinstance(part, str) and part in data:
        return True, data[part]
    if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
        return True, data[part]
    return False, None


def _data_path(loc: tuple[str | int, ...], data: Any) -> Path:
    """The part of pydantic's loc that names places in the data (it adds type names)."""
    path: list[str | int] = []
    for part in loc:
        found, child = _child(data, part)
        if found:
            data = child
            path.append(part)
        else:
            if isinstance(data, dict) and isinstance(part, str):
                path.append(part)  # a missing key: it names the place all the same
            break
    return tuple(path)


def field_name(path: Path) -> str:
    """`certifications[2].earned`: items counted from 1, as a person counts them."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text


def _without_indexes(path: Path) -> tuple[str, ...]:
    return tuple(part for part in path if isinstance(part, str))


def _suggestion(key: str, known: list[str]) -> str:
    import difflib  # noqa: PLC0415 - only an unknown key needs it

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if not close:
        lowered = {name.lower(): name for name in known}
        close = difflib.get_close_matches(key.lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[name] for name in close]
    return f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(known)})"


def _place(found: Marks, path: Path, key: bool) -> tuple[int, int] | tuple[None, None]:
    """Where the value (or `key`) at `path` stands, else its nearest parent; (None, None)
    where nothing does."""
    while True:
        table = found.keys if key else found.values
        if path in table:
            return table[path]
        if not path:
            return None, None
        path, key = path[:-1], False


def diagnose(
    exc: ValidationError,
    document: Document,
    data: Any,
    known_keys: Mapping[tuple[str, ...], list[str]],
    located_as: Mapping[str, Path] | None = None,
    locate: Callable[[Document], Marks] = marks,
) -> list[Diagnostic]:
    """One diagnostic per validation error, in file order. `locate` reads where each value
    of the document stands (YAML's `marks` unless it says)."""
    found = locate(document)
    diagnostics: list[tuple[tuple[int, int], Diagnostic]] = []
    for error in exc.errors(include_url=False):
        kind = error["type"]
        path = _data_path(tuple(error["loc"]), data)
        at_key = False
        if kind == "located":  # a whole-profile check that names its place
            path = tuple(error["ctx"]["path"])
            message = f"{field_name(path)}: {error['ctx']['error']}"
        elif located_as and kind in located_as:
            path, at_key = located_as[kind], True
            message = f"{field_name(path)}: {_message(error, None)}"
        elif kind == "extra_forbidden":
            parent = _without_indexes(path[:-1])
            key = str(path[-1])
            at_key = True
            message = f"unknown key {quoted(key)}{_suggestion(key, known_keys.get(parent, []))}"
            if path[:-1]:
                message = f"{field_name(path[:-1])}: {message}"
        elif kind == "missing" and isinstance(error["loc"][-1], int):  # a pair given one item
            message = f"{field_name(path)}: is too short: item {error['loc'][-1] + 1} is missing"
        elif kind == "missing":
            key_given_empty = path in found.keys
            at_key = key_given_empty
            message = f"{field_name(path)}: " + (
                "is empty, and a value is required" if key_given_empty else "is required"
            )
        else:
            message = (
                f"{field_name(path)}: {_message(error, path[-1] if path else None)}"
                if path
                else _message(error, None)
            )
        line, column = _place(found, path, at_key)
        diagnostics.append(((line or 0, column or 0), Diagnostic(document.where(line, column), message)))
    diagnostics.sort(key=lambda item: item[0])
    shown = [diagnostic for _, diagnostic in diagnostics[:MAX_SHOWN]]
    if len(diagnostics) > MAX_SHOWN:
        last = shown[-1]
        more = len(diagnostics) - MAX_SHOWN
        shown.append(Diagnostic(last.where, f"{more} more problems in this document are not shown"))
    return shown


def located_error(
    document: Document, path: Path, message: str, locate: Callable[[Document], Marks] = marks
) -> Diagnostic:
    """An error about the value at `path`, put where it stands and named as `diagnose`
    names a field's errors (`events[3].raise: ...`)."""
    line, column = _place(locate(document), path, False)
    return Diagnostic(document.where(line, column), f"{field_name(path)}: {message}")


def warnings_at(
    document: Document, items: list[tuple[Path, str]], locate: Callable[[Document], Marks] = marks
) -> list[Diagnostic]:
    """Warnings gathered during validation, located (reading the document again only if any)."""
    if not items:
        return []
    found = locate(document)
    placed = []
    for path, message in items:
        line, column = _place(found, path, False)
        placed.append(
            ((line or 0, column or 0), Diagnostic(document.where(line, column), message, "warning"))
        )
    placed.sort(key=lambda item: item[0])  # in file order, as errors are
    located = [warning for _, warning in placed[:MAX_SHOWN]]
    if len(items) > MAX_SHOWN:
        more = len(items) - MAX_SHOWN
        located.append(
            Diagnostic(located[-1].where, f"{more} more warnings in this document are not shown", "warning")
        )
    return located


def validate(
    model: type[M],
    document: Document,
    data: Any,
    known_keys: Mapping[tuple[str, ...], list[str]],
    located_as: Mapping[str, Path] | None = None,
    locate: Callable[[Document], Marks] = marks,
) -> tuple[M | None, list[Diagnostic], list[Diagnostic]]:
    """The model, or the located errors; and the located warnings. `locate` reads where
    each value stands, when an error or a warning needs it."""
    gathered: list[tuple[Path, str]] = []
    try:
        value = model.model_validate(data, context={"warnings": gathered})
    except ValidationError as exc:
        return None, diagnose(exc, document, data, known_keys, located_as, locate), []
    return value, [], warnings_at(document, gathered, locate)
