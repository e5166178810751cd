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

YEAR_MIN, YEAR_MAX = 1950, 2100

# The text each field type reads, as regular expressions that Python and JSON Schema
# (ECMA-262) read alike: the field types below match with them, and the JSON Schemas
# (`careercap schema`) state them. Each allows the white space careercap strips.
_SPACE = r"[\s\x1c-\x1f\x85]*"
"""The white space careercap strips from a value: Python's, which counts \x1c-\x1f and \x85
as space where JSON Schema's regular expressions do not."""

NUMBER_TEXT = rf"^{_SPACE}[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?{_SPACE}$"
"""A number as YAML 1.2 writes one (no separators, no `%`), as careercap reads quoted numbers."""
INTEGER_TEXT = rf"^{_SPACE}[-+]?[0-9]+{_SPACE}$"
FLAG_TEXT = rf"^{_SPACE}([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]){_SPACE}$"
"""true or false in any case, written as text (quoted)."""
DATE_TEXT = (
    rf"^{_SPACE}(19[5-9][0-9]|20[0-9][0-9]|2100)"  # YEAR_MIN to YEAR_MAX
    rf"(-(0?[1-9]|1[0-2])(-(0?[1-9]|[12][0-9]|3[01]))?)?{_SPACE}$"
)
"""A date: a year, a month (2024-03) or a day (2024-03-15) in YEAR_MIN to YEAR_MAX; that the
day is one its month has is checked apart."""

# YAML 1.2 core schema: decimal integers and floats, `.inf` and `.nan` in their spellings.
_INT = re.compile(INTEGER_TEXT)
_FLOAT = re.compile(NUMBER_TEXT)
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_DATE = re.compile(DATE_TEXT)
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
    text = value.strip()
    match = _DATE.fullmatch(text)
    if match is None:
        raise ValueError(_not_a_date(text, value))
    year_text, _, month_text, _, day_text = match.groups()
    year, month = int(year_text), int(month_text) if month_text else None
    day = int(day_text) if day_text else None
    if month is not None and day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"{text} is not a date: that month has no day {day}") from None
    return PartialDate(year, month, day)


def _not_a_date(text: str, value: str) -> str:
    """Why text that DATE_TEXT refuses is not a date: its year, its month or its day, where it
    is written as a date is (2024, 2024-03, 2024-03-15, one or two digits a month and a day)."""
    parts = text.split("-")
    widths = [len(part) for part in parts]
    digits = all(part.isascii() and part.isdigit() for part in parts)
    if digits and widths[:1] == [4] and len(parts) <= 3 and all(width in (1, 2) for width in widths[1:]):
        year, *rest = (int(part) for part in parts)
        check_year(year)
        if rest and not 1 <= rest[0] <= 12:
            return f"{text} is not a date: there is no month {rest[0]}"
        if len(rest) == 2:
            return f"{text} is not a date: that month has no day {rest[1]}"
    return f"must be a date such as 2024, 2024-03 or 2024-03-15, not {quoted(value)}"


Number = Annotated[float, BeforeValidator(parse_number)]
Integer = Annotated[int, BeforeValidator(parse_integer)]
Flag = Annotated[
    bool,
    PlainValidator(parse_flag),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": FLAG_TEXT}]}),
]
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
                {"type": "string", "pattern": DATE_TEXT},
            ],
            "description": "a year, a month (2024-03) or a day (2024-03-15)",
        }
    ),
]
