"""JSON Lines: lines cut and numbered, values read as YAML's are, errors at their column."""

from __future__ import annotations

import codecs
import io
import json
import pickle
import random
import time
from typing import Any

import pytest
import yaml

from careercap.reading import jsonlines
from careercap.reading.documents import MAX_DOCUMENT_CHARS
from careercap.reading.jsonlines import JsonLine, split_lines
from careercap.reading.profiles import Loaded, load_text, stream_lines, validated
from careercap.reading.yamlvalues import MAX_DEPTH, MAX_VALUES
from tests.conftest import PROFILE_A, PROFILE_B, Yaml12Loader

ADA = '{"name": "Ada", "income": 50000, "as_of": 2025}'


def read(data: str | bytes, source: str = "p.jsonl") -> list[Loaded]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(validated(stream_lines(io.BytesIO(raw), source)))


def one(line: str) -> Loaded:
    (loaded,) = read(line + "\n")
    return loaded


def errors(data: str | bytes) -> list[str]:
    return [str(error) for loaded in read(data) for error in loaded.errors]


def line(text: str) -> JsonLine:
    return JsonLine("p.jsonl", 1, 0, text)


def test_each_line_is_a_document_numbered_without_the_blank_lines() -> None:
    found = read(f"\n{ADA}\n  \t\n\n{ADA}\n{ADA}")
    assert [(loaded.document, loaded.line, loaded.profile is not None) for loaded in found] == [
        (1, 2, True),
        (2, 5, True),
        (3, 6, True),
    ]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_every_line_end_counts_lines_alike(end: str) -> None:
    data = end.join([ADA, "", '{"name": "Bo", "income": 0}', ""])
    assert errors(data) == ["p.jsonl:3:26: error: income: must be greater than 0"]


def test_a_line_end_split_between_two_reads_is_one_line_end() -> None:
    first = " " * (64 * 1024 - len(ADA) - 1)
    data = f"{ADA}{first}\r\n{ADA}\r\n".encode()
    assert [loaded.document for loaded in read(data) if loaded.profile is not None] == [1, 2]


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE])
def test_a_byte_order_mark_chooses_the_encoding_and_columns_count_after_it(bom: bytes) -> None:
    encoding = {codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16-le"}.get(bom, "utf-32-be")
    data = bom + '{"name": "Ada", "income": -1}\n'.encode(encoding)
    assert errors(data) == ["p.jsonl:1:27: error: income: must be greater than 0"]


def test_a_byte_order_mark_starting_any_line_is_passed_over() -> None:
    data = f'{ADA}\n\ufeff{ADA}\n\ufeff\n\ufeff{{"name": "Bo", "income": 0}}\n'
    assert errors(data) == ["p.jsonl:4:26: error: income: must be greater than 0"]


def test_line_separators_inside_a_string_are_text() -> None:
    loaded = one('{"name": "Ada\u2028Lovelace\x85", "income": 1}')
    assert loaded.profile is not None
    assert loaded.profile.name == "Ada\u2028Lovelace\x85"


def test_a_line_too_long_is_an_error_of_its_own_and_the_next_lines_are_read() -> None:
    data = f"{ADA}\n" + "x" * (MAX_DOCUMENT_CHARS + 10) + f"\n{ADA}\n"
    found = read(data)
    assert [(loaded.document, [str(error) for error in loaded.errors]) for loaded in found] == [
        (1, []),
        (2, ["p.jsonl:2:1: error: a line longer than 1024 KiB; a profile is far smaller"]),
        (3, []),
    ]


def test_bytes_that_are_not_text_end_the_reading_at_their_line() -> None:
    found = read(f'{ADA}\n{{"name": "\xff"}}\n{ADA}\n'.encode("latin-1"))
    assert [(loaded.document, [str(error) for error in loaded.errors]) for loaded in found] == [
        (1, []),
        (2, ["p.jsonl:2:11: error: bytes ff are not valid UTF-8; save the file as UTF-8"]),
    ]


@pytest.mark.parametrize("data", ["", "\n\n", " \t\r\n"])
def test_a_stream_with_no_line_is_one_error(data: str) -> None:
    assert errors(data) == [
        'p.jsonl: error: is empty: each line holds one profile, a JSON object with at least "name" and "income"'
    ]


def test_the_same_profiles_as_json_and_as_yaml_are_the_same_models() -> None:
    for text in (PROFILE_A, PROFILE_B):
        (from_yaml,) = load_text(text, "p.yaml")
        (from_json,) = read(json.dumps(yaml.load(text, Loader=Yaml12Loader)) + "\n")
        assert from_yaml.profile is not None
        assert from_json.profile == from_yaml.profile


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ('"1.10"', "1.10"),
        ("1.10", "1.10"),
        ("1e5", "1e5"),
        ("-0", "-0"),
        ("true", "true"),
        ('"null"', "null"),
    ],
)
def test_a_text_field_takes_any_scalar_as_written(given: str, name: str) -> None:
    loaded = one(f'{{"name": {given}, "income": 1, "skills": [{given}]}}')
    assert loaded.profile is not None
    assert (loaded.profile.name, loaded.profile.skills[0].name) == (name, name)


@pytest.mark.parametrize("income", ["61000", '"61000"', "6.1e4", '"6.1e4"'])
def test_a_number_field_takes_a_number_or_its_text(income: str) -> None:
    loaded = one(f'{{"name": "Ada", "income": {income}}}')
    assert loaded.profile is not None
    assert loaded.profile.income == 61000


def test_null_means_not_given() -> None:
    loaded = one('{"name": "Ada", "income": 1, "horizon": null, "currency": null, "notes": null}')
    assert loaded.profile is not None
    assert (loaded.profile.horizon, loaded.profile.currency, loaded.profile.notes) == (5, "USD", None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"name": null, "income": 1}', "1:2: error: name: is empty, and a value is required"),
        ('{"income": 1}', "1:1: error: name: is required"),
        ('  {"income": 1}', "1:3: error: name: is required"),
        (
            '{"name": "Ada", "income": 1, "skils": []}',
            "1:30: error: unknown key 'skils' (did you mean 'skills'?)",
        ),
        ('{"name": "Ada", "income": 1, "skills": [null]}', "1:41: error: skills[1]: is an empty list item"),
        (
            '{"name": "Ada", "income": 1, "horizon": 5.0}',
            "1:41: error: horizon: must be a whole number, not '5.0'",
        ),
        ('{"name": "Ada", "income": 1, "horizon": true}', "1:41: error: horizon: must be a whole number"),
        ('{"name": "Ada", "income": 1, "skills": "SQL"}', "1:40: error: skills: must be a list"),
        ('{"name": "Ada", "income": 1, "salary": 2}', "1:30: error: salary: "),
    ],
)
def test_validation_errors_stand_at_the_value_or_else_the_object(text: str, message: str) -> None:
    (error,) = errors(text + "\n")
    assert error.startswith(f"p.jsonl:{message}"), error


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"name": "A", "name": "B"}', "1:15: error: duplicate key 'name': each key may appear once"),
        ('{"notes": null, "notes": "x"}', "1:17: error: duplicate key 'notes': each key may appear once"),
        (
            "[1, 2]",
            '1:1: error: a profile is a JSON object with keys such as "name" and "income", not an array',
        ),
        (
            "  null",
            '1:3: error: a profile is a JSON object with keys such as "name" and "income", not a single value',
        ),
        (
            '"Ada"',
            '1:1: error: a profile is a JSON object with keys such as "name" and "income", not a single value',
        ),
        (
            "{",
            "1:1: error: this object is not closed before the line ends: each profile is one JSON object on "
            "one line (jq -c writes them so)",
        ),
        ('{"skills": ["a"', "1:12: error: this array is not closed before the line ends"),
        ('{"name": "Ada"} {}', "1:17: error: text after the JSON object: each profile is one JSON object"),
        ('{"name": "Ada",}', "1:15: error: a comma before '}': JSON allows none there"),
        ('{"skills": [1,]}', "1:14: error: a comma before ']': JSON allows none there"),
        ('{"name" "Ada"}', "1:9: error: expected ':' after the key, not '\"'"),
        ('{"name": "Ada" "income": 1}', "1:16: error: expected ',' or '}' here, not '\"'"),
        ('{name: "Ada"}', '1:2: error: a key is text in double quotes: "name", not name'),
        ("{'name': 'Ada'}", "1:2: error: a key is written in double quotes, not single quotes"),
        ("{\"name\": 'Ada'}", "1:10: error: JSON text is written in double quotes, not single quotes"),
        ('{"name": Ada}', "1:10: error: 'Ada' is not a JSON value: text is written in double quotes"),
        ('{"income": NaN}', "1:12: error: NaN is not a JSON number, and a profile's numbers are finite"),
        ('{"income": -Infinity}', "1:12: error: -Infinity is not a JSON number"),
        ('{"income": 012}', "1:12: error: '012' is not a JSON number: a JSON number has no leading zeros"),
        ('{"income": +1}', "1:12: error: '+1' is not a JSON number: a JSON number has no '+' in front"),
        ('{"income": .5}', "1:12: error: '.5' is not a JSON number: a JSON number has digits on both sides"),
        ('{"income": True}', "1:12: error: 'True' is not JSON: write true, false or null in small letters"),
        ('{"name": "Ada', "1:10: error: this string is not closed before the line ends"),
        ('{"name": "A\\x"}', "1:12: error: '\\\\x' is no JSON escape"),
        ('{"name": "A\tB"}', "1:12: error: character U+0009 must be written as an escape inside a string"),
        ('{"name": "\\udc00"}', "1:10: error: this string holds half of a surrogate pair"),
        ('{"income": }', "1:12: error: expected a value here, not '}'"),
    ],
)
def test_what_is_not_a_json_object_is_an_error_at_its_column(text: str, message: str) -> None:
    (error,) = errors(text + "\n")
    assert error.startswith(f"p.jsonl:{message}"), error


def test_a_bad_line_does_not_stop_the_others() -> None:
    found = read(f"{ADA}\n{{\n{ADA}\n[]\n{ADA}\n")
    assert [(loaded.document, bool(loaded.errors)) for loaded in found] == [
        (1, False),
        (2, True),
        (3, False),
        (4, True),
        (5, False),
    ]


def test_a_surrogate_pair_escape_is_one_character() -> None:
    loaded = one('{"name": "\\ud83d\\ude00 Ada", "income": 1}')
    assert loaded.profile is not None
    assert loaded.profile.name == "\U0001f600 Ada"


def nested(depth: int) -> str:
    """A line with lists and objects nested `depth` deep, the outermost an object."""
    inner = "[]"
    for _ in range(depth - 2):
        inner = f"[{inner}]"
    return f'{{"notes": {inner}}}'


def test_nesting_is_held_to_the_limit_of_yaml_documents() -> None:
    deep = nested(MAX_DEPTH + 1)
    assert jsonlines._Reader(line(nested(MAX_DEPTH)), None).build()
    with pytest.raises(Exception, match=f"nested more than {MAX_DEPTH} deep"):
        jsonlines.parse(line(deep))
    (error,) = errors(deep + "\n")
    assert error == f"p.jsonl:1:{10 + MAX_DEPTH}: error: arrays and objects are nested more than 32 deep"


def test_values_are_held_to_the_limit_of_yaml_documents() -> None:
    # The object, its key and its list are 3 values; the list's items make up the rest.
    within = '{"skills": [' + ",".join(["1"] * (MAX_VALUES - 3)) + "]}"
    assert len(jsonlines.parse(line(within))["skills"]) == MAX_VALUES - 3
    over = '{"skills": [' + ",".join(["1"] * (MAX_VALUES - 2)) + "]}"
    (error,) = errors(over + "\n")
    assert error == f"p.jsonl:1:{13 + 2 * (MAX_VALUES - 3)}: error: this line holds more than 10000 values"


@pytest.mark.parametrize(
    "hostile",
    [
        "[" * (MAX_DOCUMENT_CHARS - 1),
        "{" + '"a":[' * (MAX_DOCUMENT_CHARS // 5 - 1),
        "[" + "1," * (MAX_DOCUMENT_CHARS // 2 - 1) + "1]",
        '{"a": "' + "\\u0041" * (MAX_DOCUMENT_CHARS // 6 - 2) + '"}',
    ],
    ids=["deep arrays", "deep objects", "many values", "long escaped text"],
)
def test_a_hostile_line_is_refused_quickly(hostile: str) -> None:
    started = time.perf_counter()
    found = read(hostile + "\n")
    assert time.perf_counter() - started < 2
    assert len(found) == 1


def scalar(rng: random.Random) -> Any:
    return rng.choice(
        [
            None,
            rng.randint(-(10**20), 10**20),
            rng.random() * 10 ** rng.randint(-5, 25),
            rng.choice(["Ada", "", "ü ñ", 'a"b\\c', "\u2028", "\U0001f600", "1.10", "x\ny\tz", "null", "é"]),
        ]
    )


def value(rng: random.Random, depth: int) -> Any:
    kind = rng.random()
    if depth > 4 or kind < 0.5:
        return scalar(rng)
    if kind < 0.75:
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {
        rng.choice(["name", "income", "skills", "ä", "", "a b"]) + str(n): value(rng, depth + 1)
        for n in range(4)
    }


def test_the_fast_path_reads_what_the_reader_reads() -> None:
    rng = random.Random(20250101)
    fast = 0
    for _ in range(3000):
        data = {f"k{n}": value(rng, 1) for n in range(rng.randint(0, 6))}
        text = json.dumps(
            data, ensure_ascii=rng.random() < 0.5, separators=rng.choice([(",", ":"), (", ", ": ")])
        )
        try:
            quick = jsonlines._fast(text)
        except jsonlines._Refused:
            continue
        fast += 1
        assert quick == jsonlines._Reader(line(text), None).build(), text
    assert fast > 1000  # most lines take the fast path


def mutated(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    if rng.random() < 0.5:
        return text[:at] + text[at + 1 :]
    return text[:at] + rng.choice(list('{}[]:,"\\ 0e-.tnux')) + text[at:]


def test_the_fast_path_takes_no_broken_line_the_reader_refuses() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        data = {f"k{n}": value(rng, 1) for n in range(rng.randint(1, 4))}
        text = mutated(rng, json.dumps(data))
        try:
            quick = jsonlines._fast(text)
        except jsonlines._Refused:
            continue
        assert quick == jsonlines._Reader(line(text), None).build(), text


@pytest.mark.parametrize(
    "text",
    [
        '{"a": true}',
        '{"a": [false]}',
        '{"a": 1, "a": 2}',
        '{"a": null, "a": 2}',
        '{"a": NaN}',
        '{"a": "\\ud800"}',
        "[1]",
        "{} {}",
        nested(MAX_DEPTH + 1),
    ],
)
def test_what_the_fast_path_would_read_otherwise_is_left_to_the_reader(text: str) -> None:
    with pytest.raises(jsonlines._Refused):
        jsonlines._fast(text)


def test_marks_name_where_every_key_and_value_stands() -> None:
    found = jsonlines.marks(line('{"name": "A", "skills": ["x", {"name": null}]}'))
    assert found.keys == {("name",): (0, 1), ("skills",): (0, 14), ("skills", 1, "name"): (0, 31)}
    assert found.values == {
        (): (0, 0),
        ("name",): (0, 9),
        ("skills",): (0, 24),
        ("skills", 0): (0, 25),
        ("skills", 1): (0, 30),
        ("skills", 1, "name"): (0, 39),
    }


def test_a_json_line_stays_a_json_line_when_handed_to_another_process() -> None:
    (document,) = split_lines([ADA + "\n"], "p.jsonl")
    again = pickle.loads(pickle.dumps(document))
    assert isinstance(again, JsonLine)
    assert again == document
