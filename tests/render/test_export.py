"""JSON as careercap writes it: streamed in pieces, the same text as written whole, and
never a number JSON does not have."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careercap.core.engine import project
from careercap.core.profile import Profile
from careercap.core.result import result_of
from careercap.core.sensitivity import sensitivity
from careercap.reading.rules import default_rules
from careercap.render.export import (
    CsvLayout,
    Written,
    csv_lines,
    csv_rows,
    json_chunks,
    jsonl_line,
    nested,
    safe_json,
)
from tests.conftest import ROOT, Invoke
from tests.strategies import profile_data

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=8), values, max_size=5), st.lists(values, max_size=5))
def test_a_document_written_in_pieces_is_the_document_written_whole(
    document: dict[str, Any], items: list[Any]
) -> None:
    whole = safe_json(json.dumps({**document, "streamed": items}, indent=2, ensure_ascii=False)) + "\n"
    assert "".join(json_chunks({**document, "streamed": iter(items)})) == whole
    written = iter([Written(nested(item, 2)) for item in items])  # as a compare spools them
    assert "".join(json_chunks({**document, "streamed": written})) == whole


def test_long_lists_written_an_item_at_a_time_are_the_document_written_whole() -> None:
    figures = [index * 1.25 - 300.0 for index in range(1_000)]  # longer than lists written whole
    document = {
        "summary": {"final_income": figures, "differences": {"cagr": [None, *figures[:600]]}},
        "years": [{"year": 2025, "incomes": figures, "flags": [True, False, 0, "x"] * 100}],
        "empty": [],
        "nothing": {},
    }
    whole = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    chunks = list(json_chunks({**document, "years": iter(document["years"])}))
    assert "".join(chunks) == whole
    assert len(chunks) == 1  # under 64 KiB: written in one piece


# What a terminal acts on, or that reorders or breaks the text around it, and JSON leaves as
# it is: DEL, C1 (U+009B starts a command), the line and paragraph separators, the
# bidirectional controls.
UNSAFE = "\x7f\x80\x85\x9b\x9f\u061c\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069"


@given(st.text(alphabet=st.sampled_from(UNSAFE) | st.characters(), max_size=12))
def test_json_text_holds_those_characters_as_escapes_and_reads_back_the_same(text: str) -> None:
    document = {text: [text, {"name": text}], "streamed": iter([text])}
    for written in ("".join(json_chunks(document)), jsonl_line({text: text}), nested({"name": text}, 2)):
        assert not any(character in written for character in UNSAFE)
    assert json.loads("".join(json_chunks({text: [text], "streamed": iter([text])}))) == {
        text: [text],
        "streamed": [text],
    }
    assert json.loads(jsonl_line({"name": text})) == {"name": text}


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_json_never_holds_a_number_json_does_not_have(number: float) -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        "".join(json_chunks({"value": number}))
    with pytest.raises(ValueError, match="not JSON compliant"):
        jsonl_line({"value": number})


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("inf", "Invalid value for '--target': must be a number, not 'inf'"),
        ("nan", "Invalid value for '--target': must be a number, not 'nan'"),
    ],
)
def test_options_that_would_put_infinity_into_json_are_refused(cli: Invoke, value: str, message: str) -> None:
    result = cli("plan", "profiles/finance-clerk.yaml", "--target", value, "--format", "json", cwd=ROOT)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


# CSV made directly ---------------------------------------------------------------------

CELL_TEXT = st.text(alphabet="ab ,\"\r\n=+-@;\t'é", min_size=1, max_size=8).filter(lambda text: text.strip())


@settings(max_examples=300, deadline=None)
@given(
    profile_data(),
    CELL_TEXT,
    CELL_TEXT,
    st.sampled_from(["-", "cohort/a.yaml", "odd,name.yaml", '"quoted".yaml', "=x.yaml"]),
    st.booleans(),
    st.booleans(),
    st.sampled_from([None, "rules.yaml", "=odd, rules.yaml"]),
    st.booleans(),
)
def test_csv_rows_made_directly_are_what_the_csv_module_writes(
    data: dict[str, Any],
    name: str,
    event: str,
    source: str,
    inflation: bool,
    with_band: bool,
    rules_source: str | None,
    guard: bool,
) -> None:
    data = {**data, "name": name, "inflation": 0.02 if inflation else None}
    data["certifications"] = [*data["certifications"], {"name": event, "earned": data["as_of"]}]
    profile = Profile.model_validate({key: value for key, value in data.items() if value is not None})
    rules = default_rules()
    varied = sensitivity(profile, rules) if with_band else None
    projection = project(profile, rules) if varied is None else varied.central
    result = result_of(source, 3, projection, (), varied, None)
    for real in (False, True):
        written = io.StringIO()
        layout = CsvLayout(real=real, rules_source=rules_source, guard=guard)
        csv.writer(written, lineterminator="\r\n").writerows(csv_rows(result, layout))
        assert csv_lines(result, layout) == written.getvalue()
