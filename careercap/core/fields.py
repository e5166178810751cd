"""The types of the model's fields, for values read from YAML.

The loader hands every scalar over as the text written in the file (only a plain `null`,
`~` or empty value becomes None). Each field type here reads that text by the YAML 1.2
core schema's rules for its kind, so that text fields keep the text as written
(`name: NO` stays "NO") and a number field refuses `yes`, `100,000` or `1_000`.
Python callers may pass real numbers and dates too, and must pass text as `str`.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from typing import Annotated, Any, NamedTuple

from pydantic import BeforeValidator, Field, PlainSerializer, PlainValidator, Strict, WithJsonSchema

# YAML 1.2 core schema: decimal integers and floats, `.inf` and `.nan` in their spellings.
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")

YEAR_MIN, YEAR_MAX = 1950, 2100
MAX_DIGITS = 18
"""A whole number with more digits than this is refused before it is converted."""
EMPTY_ITEM = "is an empty list item: fill it in, or remove its '-' line"


SHOWN = 40
"""A value quoted in a message shows at most this many characters."""


def quoted(value: object) -> str:
    """A value as a message quotes it: in full when short, else its start and its length."""
    text = repr(value)
    if len(text) <= SHOWN:
        return text
    length = len(value) if isinstance(value, str) else len(text)
    return f"{text[:SHOWN]}… ({length:,} characters)"


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return quoted(value)


def _number_hint(text: str) -> str:
    stripped = text.strip()
    if stripped.endswith("%") and _FLOAT.fullmatch(percent := stripped[:-1].strip()):
        return f" (write a fraction: {float(percent) / 100:g} for {percent} %)"
    if "," in stripped or "_" in stripped or " " in stripped:
        return " (write it without separators, e.g. 100000)"
    return ""


def parse_number(value: Any) -> float:
    """A finite number from YAML text (or a Python int or float, but not a bool)."""
    if isinstance(value, str):  # the usual case: text from YAML
        return _number_from_text(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a number, not {_describe(value)}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"must be a finite number, not {quoted(value)}")
    return number


@functools.lru_cache(maxsize=4096)  # a cohort writes the same few numbers again and again
def _number_from_text(value: str) -> float:
    text = value.strip()
    if _FLOAT.fullmatch(text):
        number = float(text)
        if not math.isfinite(number):
            raise ValueError(f"is too large to be a number careercap can use: {quoted(text)}")
        return number
    if _INF.fullmatch(text) or _NAN.fullmatch(text):
        raise ValueError(f"must be a finite number, not {text}")
    raise ValueError(f"must be a number, not {quoted(value)}{_number_hint(value)}")


def parse_integer(value: Any) -> int:
    """A whole number from YAML text (or a Python int, but not a bool or a float)."""
    if isinstance(value, str):  # the usual case: text from YAML
        return _integer_from_text(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be a whole number, not {_describe(value)}")
    return value


@functools.lru_cache(maxsize=1024)
def _integer_from_text(value: str) -> int:
    text = value.strip()
    if not _INT.fullmatch(text):
        raise ValueError(f"must be a whole number, not {quoted(value)}{_number_hint(value)}")
    if len(text.lstrip("+-").lstrip("0")) > MAX_DIGITS:
        raise ValueError(f"is too large to be a number careercap can use: {quoted(text)}")
    return int(text)


def parse_flag(value: Any) -> bool:
    """true or false, in any case (YAML's own words for them); not yes, no, 1 or 0."""
    if isinstance(value, bool):
        return value
    text = value.strip().lower() if isinstance(value, str) else None
    if text in ("true", "false"):
        return text == "true"
    raise ValueError(f"must be true or false, not {_describe(value) if text is None else quoted(value)}")


class PartialDate(NamedTuple):
    """A date written as `2024`, `2024-03` or `2024-03-15`; the model uses only its year."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


def check_year(year: int) -> int:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"year {year} is outside {YEAR_MIN}-{YEAR_MAX}")
    return year


def parse_date(value: Any) -> PartialDate:
    """A `PartialDate` from `2024`, `2024-03` or `2024-03-15`; impossible dates are errors."""
    if isinstance(value, str):  # the usual case: text from YAML
        return _date_from_text(value)
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate(check_year(value.year), value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        return PartialDate(check_year(value))
    raise ValueError(f"must be a date such as 2024, 2024-03 or 2024-03-15, not {_describe(value)}")


@functools.lru_cache(maxsize=4096)  # dates repeat across a cohort; a PartialDate is immutable
def _date_from_text(value: str) -> PartialDate:
    match = _DATE.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"must be a date such as 2024, 2024-03 or 2024-03-15, not {quoted(value)}")
    year_text, month_text, day_text = match.groups()
    year = check_year(int(year_text))
    month = int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{value.strip()} is not a date: there is no month {month}")
    if month is not None and day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"{value.strip()} is not a date: that month has no day {day}") from None
    return PartialDate(year, month, day)


Number = Annotated[float, BeforeValidator(parse_number)]
Integer = Annotated[int, BeforeValidator(parse_integer)]
Flag = Annotated[bool, PlainValidator(parse_flag)]
Text = Annotated[str, Strict()]  # text as written; a list or mapping is an error
Year = Annotated[int, BeforeValidator(parse_integer), Field(ge=YEAR_MIN, le=YEAR_MAX)]
Date = Annotated[
    PartialDate,
    PlainValidator(parse_date),  # the whole validation: a PartialDate needs no second look
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
                {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2})?)?$"},
            ],
            "description": "a year, a month (2024-03) or a day (2024-03-15)",
        }
    ),
]
