"""Single mutations of real JSON output, each of which breaks the output contract
(output.md), and how many of them the published schemas reject.

    python tests/render/mutations.py     # with the careercap on the path: its outputs, its schemas

Each mutation changes one thing: a key dropped, a key added, a value of the wrong type,
`null` where the contract has none, an amount below zero, a bound crossed, a name that is
not one of the names, a year row twice, real money missing under inflation, a band
missing under --sensitivity. Rows of a long list are alike: the first two and the last
are mutated.
"""

from __future__ import annotations

import copy
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
from typer.testing import CliRunner

from careercap.cli.app import app
from careercap.render.schema import SCHEMAS

ROOT = Path(__file__).resolve().parents[2]
Path_ = tuple[str | int, ...]

MONEY = {
    "income", "real_income", "start_income", "final_income", "cumulative_earnings",
    "static_peer_cumulative", "real_final_income", "real_cumulative_earnings",
    "real_static_peer_cumulative", "learning_cost", "money", "hours", "cost", "budget",
    "max_hours", "reachable", "target", "baseline", "upskilling", "static_contraction",
    "freelancer_portfolio", "band",
}  # fmt: skip
"""Figures that are never below zero (a list's items too: a band's two ends)."""
ALWAYS_NULLABLE = {"line", "column", "return_on_learning", "payback_year", "budget", "max_hours",
                   "reachable", "target", "by", "option", "factor"}  # fmt: skip
NAMES = {"state": "Static", "kind": "course", "employment": "contractor", "objective": "best",
         "currency": "usd", "id": "upskill", "parameter": "wage", "factor": "luck"}  # fmt: skip
"""A wrong name for each field that takes one of a few names."""
BOUNDS = {"horizon": (0, 51), "as_of": (1949, 2101), "year": (1900, 2200), "schema_version": (0, 2),
          "document": (0,), "line": (0,), "column": (0,), "baseline_growth": (-0.6, 0.6),
          "inflation": (-0.6, 1.5), "window_years": (0, 11), "max_events": (-1, 11),
          "min_certifications": (0,), "contraction": (1.0,), "multiplier": (0.5,), "profiles": (-1,)}  # fmt: skip
"""Values just outside each bounded field's range."""


def _nullable(kind: str, path: Path_) -> bool:
    key = next((part for part in reversed(path) if isinstance(part, str)), "")
    if key in ALWAYS_NULLABLE:
        return True
    parent = path[-3] if len(path) >= 3 else None
    if key == "document" and parent in ("errors", "warnings"):
        return True
    if key in ("cost", "hours") and "additions" in path:
        return True
    if kind == "rules-output" and key in ("evidence", "finding", "source", "interpretation"):
        return True
    if kind == "compare" and path[:1] == ("years",) and key in ("incomes", "differences", "earned"):
        return isinstance(path[-1], int)
    if kind == "compare" and path[:1] == ("explanations",):
        return len(path) == 2
    return key == "growth" and path[-2:-1] == (0,)


def _rows(items: list[Any]) -> list[int]:
    return sorted({0, 1, len(items) - 1} & set(range(len(items))))


def _walk(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index in _rows(value):
            yield from _walk(value[index], (*path, index))


def _changed(document: Any, path: Path_, change: Callable[[Any, str | int], None]) -> Any:
    copied = copy.deepcopy(document)
    parent = copied
    for part in path[:-1]:
        parent = parent[part]
    change(parent, path[-1])
    return copied


def _set(value: Any) -> Callable[[Any, str | int], None]:
    def change(parent: Any, key: str | int) -> None:
        parent[key] = value

    return change


def _drop(parent: Any, key: str | int) -> None:
    del parent[key]


def mutations(kind: str, document: Any) -> Iterator[tuple[str, Any]]:  # noqa: PLR0912, PLR0915 (a branch a mutation: a list of them reads best)
    """Every single mutation of `document` (the JSON of `kind`) that breaks its contract."""
    for path, value in _walk(document):
        where = "/".join(map(str, path)) or "(top)"
        key = next((part for part in reversed(path) if isinstance(part, str)), "")
        if isinstance(value, dict):
            for name in value:
                if name != "extrapolated":  # the only field whose absence the contract allows anywhere
                    yield f"drop {where}/{name}", _changed(document, (*path, name), _drop)
            yield f"extra key at {where}", _changed(document, (*path, "unexpected"), _set(1))
            if key == "years" or (path[-2:-1] == ("years",) and "state" in value):
                if "real_income" not in value and "income" in value:
                    yield (
                        f"real money without inflation at {where}",
                        _changed(document, (*path, "real_income"), _set(1.0)),
                    )
                if "band" not in value and "income" in value:
                    yield (
                        f"a band without --sensitivity at {where}",
                        _changed(document, (*path, "band"), _set([1.0, 2.0])),
                    )
                if "extrapolated" not in value and "income" in value:
                    yield (
                        f"extrapolated false at {where}",
                        _changed(document, (*path, "extrapolated"), _set(False)),
                    )
        if not path:
            continue
        if value is None:
            yield f"a list for null at {where}", _changed(document, path, _set([]))
        elif not _nullable(kind, path):
            yield f"null at {where}", _changed(document, path, _set(None))
        if isinstance(value, bool):
            yield f"text for a flag at {where}", _changed(document, path, _set(str(value).lower()))
        elif isinstance(value, int | float):
            yield f"text for a number at {where}", _changed(document, path, _set(str(value)))
            if key in MONEY and "differences" not in path:
                yield f"a negative amount at {where}", _changed(document, path, _set(-1.0))
            if isinstance(path[-1], str):
                for outside in BOUNDS.get(key, ()):
                    yield f"{key} {outside} at {where}", _changed(document, path, _set(outside))
        elif isinstance(value, str):
            yield f"a number for text at {where}", _changed(document, path, _set(12))
            if key in NAMES and (isinstance(path[-1], str) or key == "rules"):
                yield f"a wrong name at {where}", _changed(document, path, _set(NAMES[key]))
        elif isinstance(value, list) and value:
            if key == "rules" and isinstance(value[0], str):
                yield f"a wrong rule id at {where}", _changed(document, (*path, 0), _set("upskill"))
            if key == "years" and isinstance(value[0], dict):  # a year is a row once
                yield f"a row twice at {where}", _changed(document, path, _set([*value, value[-1]]))
            if key == "years" and "state" in value[0]:
                yield f"a year row missing at {where}", _changed(document, path, _set(value[:-1]))
            if (key in ("band", "span") or "sensitivity" in path) and len(value) == 2:
                yield f"three values for two at {where}", _changed(document, path, _set([*value, value[-1]]))
            if key == "profiles":
                yield f"one profile at {where}", _changed(document, path, _set(value[:1]))
        # Beyond what JSON Schema can say: figures that must agree with other figures.
        if key == "as_of" and isinstance(value, int):
            first = (*path[:-1], "years", 0, "year")
            yield f"a first year other than as_of at {where}", _changed(document, first, _set(value - 1))
        if key == "band" and isinstance(value, list) and value[0] != value[1]:
            yield f"a band upside down at {where}", _changed(document, path, _set(value[::-1]))
        if key == "incomes" and isinstance(value, list):
            yield f"an income missing at {where}", _changed(document, path, _set(value[:-1]))
        if key == "valid" and value is False and document.get("errors"):
            yield "valid with errors", _changed(document, path, _set(True))


def real_outputs(invoke: Callable[..., Any], scratch: Path) -> list[tuple[str, Any]]:
    """(kind, document) for the JSON the examples make careercap print; `invoke(*args)` runs
    careercap and returns a result with `stdout`."""
    rules = scratch / "rules.yaml"
    rules.write_text("static: {contraction: 0.1}\nwindow_years: 4\n", encoding="utf-8")
    profiles = ROOT / "profiles"
    data, freelancer = str(profiles / "data-engineer.yaml"), str(profiles / "freelancer.yaml")
    clerk, planned = str(profiles / "finance-clerk.yaml"), str(profiles / "finance-clerk-with-plan.yaml")
    bad = str(ROOT / "tests" / "hostile" / "horizon-zero.yaml")
    runs = [
        ("project", [data, "--inflation", "0.02"]),
        ("project", [planned, "--sensitivity", "--inflation", "0.03", "--horizon", "7"]),
        ("project", [freelancer, bad, "--rules", str(rules)]),
        ("compare", [clerk, planned, "--rules", str(rules)]),
        ("project", [planned, data, "--discount-rate", "0.05"]),
        ("compare", [clerk, planned, "--discount-rate", "0.05"]),
        ("plan", [clerk, "--catalogue", str(profiles / "catalogues" / "finance.yaml"), "--target", "60000"]),
        ("validate", [data, bad]),
        ("rules", []),
    ]
    outputs = []
    for command, args in runs:
        result = invoke(command, *args, "-f", "json")
        kind = "rules-output" if command == "rules" else command
        outputs.append((kind, json.loads(result.stdout)))
    return outputs


def survivors(outputs: list[tuple[str, Any]], accepts: Callable[[str, Any], bool]) -> tuple[int, list[str]]:
    """How many mutations there are, and those that `accepts(kind, document)` lets through."""
    count, accepted = 0, []
    for kind, document in outputs:
        for label, mutated in mutations(kind, document):
            count += 1
            if accepts(kind, mutated):
                accepted.append(f"{kind}: {label}")
    return count, accepted


def main() -> int:
    runner = CliRunner()
    validators = {kind: jsonschema.Draft202012Validator(SCHEMAS[kind]()) for kind in SCHEMAS}
    with tempfile.TemporaryDirectory() as scratch:
        outputs = real_outputs(lambda *args: runner.invoke(app, list(args)), Path(scratch))
    count, accepted = survivors(outputs, lambda kind, document: validators[kind].is_valid(document))
    print("\n".join(accepted))
    print(f"{count} mutations, {count - len(accepted)} rejected, {len(accepted)} accepted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
