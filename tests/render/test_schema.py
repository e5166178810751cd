"""The profile schema agrees with careercap: generated profiles, judged by a real JSON
Schema validator (Draft 2020-12) on the data an outside YAML reader sees, and by careercap
on the YAML text. The schema may be looser than careercap, in the listed ways only; never
stricter."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careercap.core.fields import INTEGER_TEXT, NUMBER_TEXT
from careercap.reading.profiles import load_text
from careercap.render.schema import SCHEMAS, profile_schema
from tests.conftest import ROOT, TESTS, Yaml12Loader

EXPECTED = TESTS / "expected"

VALIDATOR = jsonschema.Draft202012Validator(profile_schema())

# Values near and across every bound, in every form YAML gives them.
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-2, max_value=2),
    st.integers(min_value=-10, max_value=10**10),
    st.sampled_from([0, 0.001, 0.01, 0.5, 0.51, 1, 1.01, 1e9, 1e9 + 1, -0.5, -0.51, 61000]),
)
number_text = st.one_of(
    numbers.map(str),
    st.sampled_from(["61000", " 61000 ", "3%", "100,000", "1_000", ".nan", ".inf", "1e3", "+.5", "0x10", ""]),
)
years = st.integers(min_value=1940, max_value=2110)
integers_ = st.one_of(years, st.integers(min_value=-2, max_value=60), st.sampled_from([5.0, 2025.0, 5.5]))
integer_text = st.one_of(integers_.map(str), st.sampled_from(["05", "+5", "5.0", "five", "1e3", ""]))
dates = st.one_of(
    years,
    st.builds(
        lambda y, m, d, parts: "-".join([f"{y}", f"{m:02d}", f"{d:02d}"][:parts]),
        years,
        st.integers(0, 13),
        st.integers(0, 32),
        st.integers(1, 3),
    ),
    st.sampled_from(["2024-02-30", "2024-13", "2024-1-5", "24", "2024/03", "soon", 2024.0]),
)
plain_text = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=" \t\u200b\u200e", max_size=4),  # blank, or only invisible characters
    st.text(min_size=199, max_size=202, alphabet="ab"),
)
scalars = st.one_of(plain_text, numbers, st.booleans(), st.none())
texts = st.one_of(
    plain_text, st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False), st.booleans()
)


def mostly(valid: st.SearchStrategy[Any], edge: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Valid eleven times in twelve: a profile has a dozen fields, and many profiles should
    be valid, for the schema to be tried on both sides."""
    return st.sampled_from(range(12)).flatmap(lambda draw: valid if draw else edge)


def optional(valid: st.SearchStrategy[Any], edge: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return mostly(valid, st.one_of(st.none(), edge, scalars, st.lists(scalars, max_size=2)))


names = mostly(st.text(alphabet="abc XYZ-", min_size=1, max_size=20).filter(str.strip), texts)
good_dates = st.one_of(
    st.integers(1990, 2035),
    st.dates().map(lambda day: f"{2000 + day.year % 30}-{day.month:02d}-{day.day:02d}"),
)
certifications = st.fixed_dictionaries(
    {"name": names, "earned": mostly(good_dates, st.one_of(dates, st.none()))},
    optional={
        "issuer": mostly(texts, st.none()),
        "level": st.just(3),
        "cost": mostly(st.floats(0, 5000), st.one_of(numbers, number_text)),
        "hours": mostly(st.integers(0, 500), st.one_of(numbers, number_text)),
    },
)
skills = st.one_of(
    *[names] * 4,
    *[
        st.fixed_dictionaries(
            {"name": names},
            optional={
                "acquired": mostly(good_dates, dates),
                "cost": mostly(st.integers(0, 900), st.one_of(numbers, number_text)),
                "hours": mostly(st.floats(0, 200), number_text),
            },
        )
    ]
    * 4,
    st.none(),
)
event_years = mostly(st.integers(2027, 2045), st.one_of(integers_, integer_text))
one_change = st.one_of(
    st.fixed_dictionaries(
        {"year": event_years, "employment": st.sampled_from(["employee", "freelancer"])},
        optional={"income": mostly(st.floats(min_value=0.01, max_value=1e9), number_text)},
    ),
    st.fixed_dictionaries({"year": event_years, "income": mostly(st.floats(0.01, 1e9), numbers)}),
    st.fixed_dictionaries({"year": event_years, "raise": mostly(st.floats(-0.9, 10), numbers)}),
    st.fixed_dictionaries(
        {"year": event_years, "break": mostly(st.integers(1, 10), integers_)},
        optional={"share": mostly(st.floats(0, 1), numbers)},
    ),
)
loose_event = st.fixed_dictionaries(
    {"year": mostly(st.integers(2020, 2045), st.one_of(integers_, integer_text))},
    optional={
        "employment": optional(st.sampled_from(["employee", "freelancer"]), st.just("contractor")),
        "income": optional(st.floats(min_value=0.01, max_value=1e9), st.one_of(numbers, number_text)),
        "raise": optional(st.floats(-0.9, 10), st.one_of(numbers, number_text)),
        "break": optional(st.integers(1, 10), st.one_of(integers_, integer_text)),
        "share": optional(st.floats(0, 1), st.one_of(numbers, number_text)),
    },
)
events = mostly(one_change, loose_event)
base = st.fixed_dictionaries(
    {
        "name": names,
        "income": mostly(st.floats(min_value=0.01, max_value=1e9), st.one_of(numbers, number_text)),
    },
    optional={
        "employment": optional(st.sampled_from(["employee", "freelancer"]), st.just("Employee")),
        "currency": optional(st.sampled_from(["USD", "EUR", "GBP"]), st.sampled_from(["usd", "US", "EURO"])),
        "as_of": optional(st.integers(1990, 2030), st.one_of(integers_, integer_text)),
        "horizon": optional(st.integers(1, 50), st.one_of(integers_, integer_text)),
        "baseline_growth": optional(st.floats(-0.5, 0.5), st.one_of(numbers, number_text)),
        "inflation": optional(st.floats(-0.5, 1), st.one_of(numbers, number_text)),
        "certifications": optional(st.lists(certifications, max_size=3), st.lists(scalars, max_size=2)),
        "skills": optional(st.lists(skills, max_size=3), st.lists(scalars, max_size=2)),
        "events": optional(st.lists(events, max_size=3), st.lists(scalars, max_size=2)),
        "notes": optional(texts, texts),
        "hourly_value": optional(st.floats(0, 500), st.one_of(numbers, number_text)),
        "learning_subsidy": optional(st.floats(0, 1), st.one_of(numbers, number_text)),
    },
)


def _as_written(data: dict[str, Any], how: int) -> dict[str, Any]:
    """Income as `salary` (how 1), both (2), neither (3), with a key careercap does not
    know (4), or as is (0)."""
    if how == 1:
        return {("salary" if key == "income" else key): value for key, value in data.items()}
    if how == 2:
        return {**data, "salary": data["income"]}
    if how == 3:
        return {key: value for key, value in data.items() if key != "income"}
    if how == 4:
        return {**data, "nickname": "x"}
    return data


profiles = st.builds(_as_written, base, st.sampled_from([0] * 12 + [1, 1, 2, 3, 4]))


NUMBER_FIELDS = {
    "income",
    "salary",
    "baseline_growth",
    "inflation",
    "as_of",
    "horizon",
    "hourly_value",
    "learning_subsidy",
    "cost",
    "hours",
    "year",
    "raise",
    "break",
    "share",
}


def schema_accepts(data: Any) -> bool:
    return VALIDATOR.is_valid(data)


def careercap_messages(text: str) -> list[str] | None:
    """None when careercap accepts the document; else its error messages."""
    (loaded,) = list(load_text(text, "generated.yaml"))
    if loaded.profile is not None and not loaded.errors:
        return None
    return [error.message for error in loaded.errors]


def unquoted(data: Any) -> Any:
    """The profile with numbers written in quotes as numbers, its events' too: what
    careercap reads."""

    def number(value: Any) -> Any:
        if isinstance(value, str) and re.fullmatch(INTEGER_TEXT, value):
            return int(value)
        if isinstance(value, str) and re.fullmatch(NUMBER_TEXT, value):
            return float(value)
        return value

    if isinstance(data, list):
        return [unquoted(item) for item in data]
    if not isinstance(data, dict):
        return data
    return {
        key: number(value) if key in NUMBER_FIELDS else unquoted(value) if isinstance(value, list) else value
        for key, value in data.items()
    }


def listed(data: dict[str, Any], messages: list[str]) -> bool:
    """Whether careercap's rejection of a profile the schema accepts is of a kind the
    schema cannot state (render.schema.UNCHECKED)."""
    if not schema_accepts(unquoted(data)):
        return True  # a number in quotes, out of range
    kinds = (
        "that month has no day",
        "must not be blank",
        "must be a whole number, not '",
        "YAML reads it as a line break",
        "not after as_of",  # how events fit together
        "overlaps the break of",
        "is a second switch of employment",
        "is a second change of pay",
    )
    year_with_a_point = re.compile(r"must be a date such as .*, not '[0-9]+\.0*'$")
    return all(
        any(kind in message for kind in kinds) or year_with_a_point.search(message) for message in messages
    )


@pytest.mark.slow
@settings(max_examples=2_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles)
def test_the_schema_is_never_stricter_than_careercap_and_looser_only_as_listed(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    seen = yaml.load(text, Loader=Yaml12Loader)  # the data as an editor's YAML reader has it
    messages = careercap_messages(text)
    if messages is None:
        errors = [error.message for error in VALIDATOR.iter_errors(seen)]
        assert errors == [], f"careercap accepts, the schema rejects:\n{text}"
    elif schema_accepts(seen):
        assert listed(seen, messages), f"the schema accepts, careercap rejects ({messages}):\n{text}"


@pytest.mark.parametrize("golden", sorted(EXPECTED.glob("*.json")), ids=lambda path: path.stem)
def test_the_checked_in_json_validates_against_the_project_schema(golden: Path) -> None:
    document = json.loads(golden.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(SCHEMAS["project"]()).iter_errors(document)) == []


RULES_FILE = jsonschema.Draft202012Validator(SCHEMAS["rules"]())


def test_the_rules_file_schema_takes_the_defaults_and_any_subset() -> None:
    defaults = yaml.load((ROOT / "careercap" / "rules.yaml").read_text(encoding="utf-8"), Loader=Yaml12Loader)
    assert list(RULES_FILE.iter_errors(defaults)) == []
    assert RULES_FILE.is_valid({"static": {"contraction": 0.05}})
    assert RULES_FILE.is_valid({"window_years": "4"})  # a number in quotes, as careercap reads it


@pytest.mark.parametrize(
    "broken",
    [
        {"static": {"contraction": 1.5}},
        {"statik": {}},
        {"window_years": 0},
        {"sensitivity": {"contraction": [0.5]}},
    ],
)
def test_the_rules_file_schema_refuses_what_careercap_refuses(broken: dict[str, Any]) -> None:
    assert not RULES_FILE.is_valid(broken)
