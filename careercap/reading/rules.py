"""Rules files: the packaged rules.yaml, and a user's partial override laid over it."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from careercap.core.fields import parse_integer, parse_number
from careercap.core.rules import RULES, FreelancerPortfolio, Rules, SensitivityRanges, Static, Upskilling
from careercap.errors import CareercapError, Diagnostic, Location, shown_path
from careercap.reading.diagnostics import validate
from careercap.reading.documents import MAX_DOCUMENT_CHARS, Document, split_documents, stream_chunks
from careercap.reading.files import read_head
from careercap.reading.yamlvalues import parse


def _keys_of(section: str) -> list[str]:
    model = Rules.model_fields[section].annotation
    assert isinstance(model, type)
    assert issubclass(model, BaseModel)
    return list(model.model_fields)


KNOWN_KEYS: dict[tuple[str, ...], list[str]] = {
    (): list(Rules.model_fields),
    **{(section,): _keys_of(section) for section in (*(rule.section for rule in RULES), "sensitivity")},
}
"""The keys a rules file may hold, by section: for suggestions when one is misspelt."""


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read(document: Document) -> dict[str, Any]:
    data = parse(document)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise document.error("a rules file must be a mapping such as 'window_years: 3'", 0, 0)
    return data


PACKAGED = Path(__file__).parent.parent / "rules.yaml"


@functools.cache
def packaged_data() -> dict[str, Any]:
    """The packaged rules.yaml as plain values, every number still the text written."""
    return _read(Document("rules.yaml", 1, 0, PACKAGED.read_text(encoding="utf-8")))


T = TypeVar("T", int, float)


def _pair(ends: list[str], parse: Callable[[str], T]) -> tuple[T, T]:
    low, high = ends
    return parse(low), parse(high)


@functools.cache
def default_rules() -> Rules:
    """The rules shipped with careercap (read as the model would, but not validated at run
    time: a test checks that validating them gives the very same rules)."""
    data = packaged_data()

    def numbers(section: str, integers: tuple[str, ...], reals: tuple[str, ...]) -> dict[str, Any]:
        values = dict(data[section])
        values.update({name: parse_integer(values[name]) for name in integers})
        values.update({name: parse_number(values[name]) for name in reals})
        return values

    ranges = data["sensitivity"]
    return Rules.model_construct(
        evidence=data.get("evidence"),
        sensitivity=SensitivityRanges.model_construct(
            growth_premium=_pair(ranges["growth_premium"], parse_number),
            contraction=_pair(ranges["contraction"], parse_number),
            multiplier=_pair(ranges["multiplier"], parse_number),
            window_years=_pair(ranges["window_years"], parse_integer),
            baseline_growth=parse_number(ranges["baseline_growth"]),
        ),
        window_years=parse_integer(data["window_years"]),
        extrapolation_after=parse_integer(data["extrapolation_after"]),
        upskilling=Upskilling.model_construct(
            **numbers("upskilling", ("min_certifications",), ("growth_premium", "min_hours"))
        ),
        static=Static.model_construct(**numbers("static", (), ("contraction",))),
        freelancer_portfolio=FreelancerPortfolio.model_construct(
            **numbers("freelancer_portfolio", ("min_skills",), ("multiplier",))
        ),
    )


def one_document(data: bytes, source: str, what: str = "a rules file") -> Document:
    """The one YAML document of a small file (`what` says which kind, for the error when
    it holds a second)."""
    documents = split_documents(stream_chunks(io.BytesIO(data)), source)
    document = next(documents, None) or Document(source, 1, 0, "")
    if document.problem is not None:
        raise CareercapError(document.problem)
    second = next(documents, None)
    if second is not None:
        raise second.error(f"{what} holds one document, and this is a second; remove the '---'", 0, 0)
    return document


def load_rules(data: bytes, source: str) -> Rules:
    """The defaults with a user's rules file laid over them; errors name the user's file."""
    document = one_document(data, source)
    override = _read(document)
    rules, errors, _ = validate(Rules, document, _merge(packaged_data(), override), KNOWN_KEYS)
    if errors:
        raise CareercapError(*errors)
    assert rules is not None
    return rules


def small_file(path: str, what: str) -> bytes:
    """The bytes of a file no larger than a profile may be (`what` names its kind, for the
    error). Raises InputError if it cannot be read, CareercapError if it is larger."""
    data = read_head(path, MAX_DOCUMENT_CHARS)
    if len(data) > MAX_DOCUMENT_CHARS:
        limit = f"{MAX_DOCUMENT_CHARS // 1024} KiB"
        raise CareercapError(
            Diagnostic(Location(shown_path(path)), f"is larger than {limit}; {what} is far smaller")
        )
    return data


def rules_file(path: str) -> Rules:
    """The defaults with the rules file at `path` laid over them. Raises InputError if it
    cannot be read, CareercapError if it is larger than a profile may be or invalid."""
    return load_rules(small_file(path, "a rules file"), shown_path(path))
