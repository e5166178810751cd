"""Catalogue files (`careercap plan --catalogue`): one YAML document of learning options,
validated, or its errors located as a profile's are."""

from __future__ import annotations

from typing import Any, NamedTuple

from careercap.core.catalogue import Catalogue, Option
from careercap.core.fields import quoted
from careercap.core.profile import normalize_name
from careercap.errors import CareercapError, Diagnostic
from careercap.reading.diagnostics import validate
from careercap.reading.documents import Document
from careercap.reading.rules import one_document, small_file
from careercap.reading.yamlvalues import marks, parse

KNOWN_KEYS: dict[tuple[str, ...], list[str]] = {
    (): list(Catalogue.model_fields),
    ("options",): list(Option.model_fields),
}

IGNORED = "repeatable"
"""A key of an option that careercap once read and now passes over, with a warning: a plan
takes each option once at the most."""


class Read(NamedTuple):
    """A catalogue, and the located warnings about its file."""

    catalogue: Catalogue
    warnings: list[Diagnostic]


def read_catalogue(data: bytes, source: str) -> Read:
    """The catalogue in `data`, and its warnings (an option's `repeatable`, passed over);
    errors name `source`, line and column."""
    document = one_document(data, source, "a catalogue")
    values = parse(document)
    if not isinstance(values, dict):
        raise document.error(
            "a catalogue must be a mapping with a list of 'options:', each with 'name:' and 'kind:'", 0, 0
        )
    values, ignored = _without_ignored(values)
    catalogue, errors, _ = validate(Catalogue, document, values, KNOWN_KEYS)
    if errors:
        raise CareercapError(*errors)
    assert catalogue is not None
    first: dict[str, int] = {}
    for index, option in enumerate(catalogue.options):
        key = normalize_name(option.name)
        if key in first:
            line, column = marks(document).values.get(("options", index, "name"), (None, None))
            raise document.error(
                f"options: item {index + 1}: {quoted(option.name)} is the name of item {first[key] + 1} "
                "too; a plan names the option it takes, so give each its own name",
                line,
                column,
            )
        first[key] = index
    return Read(catalogue, _ignored_warnings(document, ignored))


def _without_ignored(values: dict[str, Any]) -> tuple[dict[str, Any], list[int]]:
    """The catalogue's values without any option's `repeatable`, and the options that had it
    (by index). Taken out before validation, so that each option is checked as if it had
    never been written; indexes do not move, so errors are still located."""
    options = values.get("options")
    if not isinstance(options, list):
        return values, []
    ignored = [
        index for index, option in enumerate(options) if isinstance(option, dict) and IGNORED in option
    ]
    if not ignored:
        return values, []
    kept = [
        {key: value for key, value in option.items() if key != IGNORED} if index in ignored else option
        for index, option in enumerate(options)
    ]
    return {**values, "options": kept}, ignored


def _ignored_warnings(document: Document, ignored: list[int]) -> list[Diagnostic]:
    """A warning at each `repeatable` key passed over."""
    if not ignored:
        return []
    keys = marks(document).keys
    warnings = []
    for index in ignored:
        line, column = keys.get(("options", index, IGNORED), (None, None))
        warnings.append(
            Diagnostic(
                document.where(line, column),
                f"options[{index + 1}]: {IGNORED!r} is ignored: a plan takes each option at most once "
                "(and never one the profile has, whose renewal is not a new certification)",
                "warning",
            )
        )
    return warnings


def read_catalogue_file(path: str) -> Read:
    """The catalogue at `path`, and its warnings. Raises InputError if it cannot be read,
    CareercapError if it is larger than a profile may be, or invalid."""
    return read_catalogue(small_file(path, "a catalogue"), path)


def catalogue_file(path: str) -> Catalogue:
    """The catalogue at `path`, its warnings left unsaid (`read_catalogue_file` gives
    them). Raises as `read_catalogue_file` does."""
    return read_catalogue_file(path).catalogue
