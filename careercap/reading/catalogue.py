"""Catalogue files (`careercap plan --catalogue`): one YAML document of learning options,
validated, or its errors located as a profile's are."""

from __future__ import annotations

from careercap.core.catalogue import Catalogue, Option
from careercap.core.fields import quoted
from careercap.core.profile import normalize_name
from careercap.errors import CareercapError
from careercap.reading.diagnostics import validate
from careercap.reading.rules import one_document, small_file
from careercap.reading.yamlvalues import marks, parse

KNOWN_KEYS: dict[tuple[str, ...], list[str]] = {
    (): list(Catalogue.model_fields),
    ("options",): list(Option.model_fields),
}


def load_catalogue(data: bytes, source: str) -> Catalogue:
    """The catalogue in `data`; errors name `source`, line and column."""
    document = one_document(data, source, "a catalogue")
    values = parse(document)
    if not isinstance(values, dict):
        raise document.error(
            "a catalogue must be a mapping with a list of 'options:', each with 'name:' and 'kind:'", 0, 0
        )
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
    return catalogue


def catalogue_file(path: str) -> Catalogue:
    """The catalogue at `path`. Raises InputError if it cannot be read, CareercapError if it
    is larger than a profile may be, or invalid."""
    return load_catalogue(small_file(path, "a catalogue"), path)
