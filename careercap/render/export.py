"""Machine-readable output (schema version 1): JSON documents as plain dicts and their
text, and CSV rows."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from careercap.core.comparison import PRESENT_FIELDS, PRESENT_LEARNING_FIELDS
from careercap.core.plan import names_of
from careercap.core.profile import CareerEvent
from careercap.core.result import Result
from careercap.core.rounding import cents, six
from careercap.core.rules import RULES, Basis, Rules
from careercap.errors import Diagnostic
from careercap.render.contracts import (
    SCHEMA_VERSION,
    CompareDifferences,
    CompareDocument,
    CompareFigures,
    Error,
    Explanation,
    Lead,
    Note,
    PlanDocument,
    Projection,
    RulesDocument,
    RulesInForce,
    Summary,
    ValidateDocument,
    YearRow,
)
from careercap.render.contracts import CareerEvent as CareerEventEntry
from careercap.render.contracts import End as EndEntry
from careercap.render.contracts import Event as EventEntry
from careercap.render.contracts import PresentValue as PresentValueEntry
from careercap.render.contracts import Sensitivity as SensitivityEntry
from careercap.render.text import gap_sentence, labels

if TYPE_CHECKING:
    from careercap.core.comparison import Comparison, Gap
    from careercap.core.engine import YearRow as EngineYearRow
    from careercap.core.plan import Plan
    from careercap.core.present import PresentValue
    from careercap.core.sensitivity import End, Sensitivity

__all__ = ["SCHEMA_VERSION"]  # the version of the documents, as render/contracts.py defines it


class Written(str):
    """A value of a list in a document, written already: JSON text indented to stand two
    levels deep (an item of a list at the document's top), as `nested(value, 2)` makes it."""


def json_chunks(document: Mapping[str, Any]) -> Iterator[str]:
    """A whole JSON document as careercap prints it (`json.dumps(document, indent=2)`, text
    as written but for the characters `safe_json` escapes, a final newline), in pieces of
    about 64 KiB: an iterator (a generator, not a list) is written an item at a time, and so
    is a long list, so that neither is ever held as text whole (a compare of 100,000
    profiles has lists of 100,000 figures); an item that is `Written` is its own text."""
    pieces: list[str] = []
    size = 0
    for piece in _pieces(document, 0):
        pieces.append(piece)
        size += len(piece)
        if size >= _CHUNK:
            yield "".join(pieces)
            pieces, size = [], 0
    pieces.append("\n")
    yield "".join(pieces)


_CHUNK = 65536
_LONG = 256  # a list longer than this is written an item at a time


def _pieces(value: Any, level: int) -> Iterator[str]:
    if isinstance(value, Written):
        yield value
    elif isinstance(value, dict):
        yield from _container(value.items(), level, "{", "}")
    elif isinstance(value, Iterator) or (isinstance(value, list | tuple) and len(value) > _LONG):
        yield from _container(value, level, "[", "]")
    else:
        yield nested(value, level)


def _container(items: Iterable[Any], level: int, opening: str, closing: str) -> Iterator[str]:
    inside = "\n" + "  " * (level + 1)
    empty = True
    for entry in items:
        yield (opening if empty else ",") + inside
        empty = False
        if opening == "{":
            key, value = entry
            yield safe_json(json.dumps(key, ensure_ascii=False)) + ": "
        else:
            value = entry
        if type(value) is float and math.isfinite(value):
            yield float.__repr__(value)  # as json.dumps writes it, without its overhead
        else:
            yield from _pieces(value, level + 1)
    yield opening + closing if empty else "\n" + "  " * level + closing


def _note(diagnostic: Diagnostic) -> Note:
    return {"line": diagnostic.where.line, "column": diagnostic.where.column, "message": diagnostic.message}


def error_dict(diagnostic: Diagnostic) -> Error:
    """A problem, as the `errors` of a document give it."""
    where = diagnostic.where
    return {
        "source": where.source,
        "document": where.document,
        "line": where.line,
        "column": where.column,
        "message": diagnostic.message,
    }


def _plain(document: Mapping[str, Any]) -> dict[str, Any]:
    """A document, checked against its type where it was made, for writers that take any."""
    return cast("dict[str, Any]", document)


def career_event(event: CareerEvent) -> CareerEventEntry:
    """A career event as JSON gives it: its kind, its name as tables say it, and its values
    under the profile's keys (a break with its share, 0 when the profile leaves it out)."""
    entry = cast("CareerEventEntry", {"kind": event.kind, "name": event.label, "planned": True})
    if event.employment is not None:
        entry["employment"] = event.employment
    if event.income is not None:
        entry["income"] = event.income
    if event.raise_ is not None:
        entry["raise"] = event.raise_
    if event.break_ is not None:
        entry["break"] = event.break_
        entry["share"] = event.share or 0.0
    return entry


def projection_dict(result: Result) -> Projection:
    """One projection, as `output.md` defines it; with `inflation` and `real_` figures when
    the profile has an inflation rate, and `band` and `sensitivity` when asked for."""
    projection, real, sensitivity = result.projection, result.real, result.sensitivity
    profile, summary = projection.profile, projection.summary
    factors = summary.factors
    years: list[YearRow] = []
    for index, row in enumerate(projection.years):
        year: YearRow = {
            "year": row.year,
            "income": cents(row.income),
            "growth": None if row.growth is None else six(row.growth),
            "state": row.state,
            "events": [
                *(
                    EventEntry(kind=event.kind, name=event.name, planned=event.planned)
                    for event in row.events
                ),
                *(career_event(event) for event in row.career),
            ],
            "rules": list(row.rules),
            "earned": cents(row.earned),
        }
        if projection.extrapolated(row.year):
            year["extrapolated"] = True  # past the years the findings cover
        if real is not None:
            year["real_income"] = cents(real.incomes[index])
            year["real_earned"] = cents(real.earned[index])
        if sensitivity is not None:
            year["band"] = [cents(end) for end in sensitivity.band[index]]
        years.append(year)
    totals: Summary = {
        "start_income": cents(summary.start_income),
        "final_income": cents(summary.final_income),
        "cagr": six(summary.cagr),
        "cumulative_earnings": cents(summary.cumulative_earnings),
        "static_peer_cumulative": cents(summary.static_peer_cumulative),
        "career_capital": cents(summary.career_capital),
        "factors": {  # the baseline, then each rule by its id
            "baseline": factors.baseline,
            "upskilling": factors.upskilling,
            "static_contraction": factors.static_contraction,
            "freelancer_portfolio": factors.freelancer_portfolio,
            "events": factors.events,
        },
    }
    if real is not None:
        totals |= {
            "real_final_income": cents(real.final_income),
            "real_cumulative_earnings": cents(real.cumulative_earnings),
            "real_static_peer_cumulative": cents(real.static_peer_cumulative),
            "real_career_capital": cents(real.career_capital),
        }
    learning = result.learning
    if learning is not None:
        totals |= {
            "learning_cost": cents(learning.cost),
            "learning_gain": None if learning.gain is None else cents(learning.gain),
            "net_learning_gain": None if learning.net is None else cents(learning.net),
            "return_on_learning": None if learning.ratio is None else six(learning.ratio),
            "payback_year": learning.payback_year,
        }
    present = result.present
    if present is not None:
        totals["present_value"] = _present_value(present)
    if sensitivity is not None:
        totals["sensitivity"] = _sensitivity(sensitivity)
    lead: Lead = {
        "source": result.source,
        "document": result.document,
        "name": profile.name,
        "employment": profile.employment,
        "currency": profile.currency,
        "as_of": profile.as_of,
        "horizon": profile.horizon,
        "baseline_growth": profile.baseline_growth,
    }
    if profile.inflation is not None:
        lead["inflation"] = profile.inflation
    if profile.discount_rate is not None:
        lead["discount_rate"] = profile.discount_rate
    return {
        **lead,
        "years": years,
        "summary": totals,
        "warnings": [_note(warning) for warning in result.warnings],
    }


def _present_value(present: PresentValue) -> PresentValueEntry:
    figures: PresentValueEntry = {
        "discount_rate": present.discount_rate,
        "cumulative_earnings": cents(present.cumulative_earnings),
        "static_peer_cumulative": cents(present.static_peer_cumulative),
        "career_capital": cents(present.career_capital),
    }
    if present.learning_cost is not None:
        figures |= {
            "learning_cost": cents(present.learning_cost),
            "learning_gain": None if present.learning_gain is None else cents(present.learning_gain),
            "npv": None if present.npv is None else cents(present.npv),
            "irr": None if present.irr is None else six(present.irr),
        }
    return figures


def _sensitivity(sensitivity: Sensitivity) -> SensitivityEntry:
    def end(value: End) -> EndEntry:
        return {
            "value": round(value.value, 6),
            "final_income": cents(value.final_income),
            "career_capital": cents(value.career_capital),
        }

    return {
        "final_income": [cents(end) for end in sensitivity.final_income],
        "career_capital": [cents(end) for end in sensitivity.career_capital],
        "parameters": [
            {"parameter": swing.parameter, "low": end(swing.low), "high": end(swing.high)}
            for swing in sensitivity.tornado
        ],
    }


def rules_dict(rules: Rules, basis: Basis | None = None) -> RulesInForce:
    """The rules in force, as JSON documents give them: the parameters, and, when a rules
    file is in force, its path (`source`) and the parameters it changes (`overridden`)."""
    parameters = rules.parameters()
    numbers: RulesInForce = {
        "window_years": parameters["window_years"],
        "upskilling": parameters["upskilling"],
        "static": parameters["static"],
        "freelancer_portfolio": parameters["freelancer_portfolio"],
    }
    if basis is not None and basis.path is not None:
        numbers |= {"source": basis.path, "overridden": [name for name, _, _ in basis.changes]}
    return numbers


def compare_document(
    comparison: Comparison, profiles: Iterator[Written], rules: Rules, basis: Basis | None = None
) -> dict[str, Any]:
    """The whole `compare --format json` document, for `json_chunks`; its profiles are
    given as written (`Written`, each `projection_dict` as `nested` makes it), one at a
    time, as the comparison keeps only their entries."""
    names = labels(comparison.entries)
    last = comparison.span.last if comparison.beyond() else None

    def rounded(field: str, values: Sequence[float]) -> Iterator[float]:
        return (six(value) if field == "cagr" else cents(value) for value in values)

    figures, differences = comparison.summary, comparison.differences
    summary: CompareFigures = {
        "final_income": rounded("final_income", figures["final_income"]),
        "cagr": rounded("cagr", figures["cagr"]),
        "cumulative_earnings": rounded("cumulative_earnings", figures["cumulative_earnings"]),
        "career_capital": rounded("career_capital", figures["career_capital"]),
    }
    against: CompareDifferences = {
        "final_income": iter(differences["final_income"]),
        "cagr": iter(differences["cagr"]),
        "cumulative_earnings": iter(differences["cumulative_earnings"]),
        "career_capital": iter(differences["career_capital"]),
    }
    if "learning_cost" in figures:  # some profile plans learning
        summary |= {
            "learning_cost": rounded("learning_cost", figures["learning_cost"]),
            "learning_gain": _or_null(figures["learning_gain"], cents),  # null: gain unknown
            "net_learning_gain": _or_null(figures["net_learning_gain"], cents),
        }
        against |= {
            "learning_cost": iter(differences["learning_cost"]),
            "learning_gain": _or_null(differences["learning_gain"], cents),
            "net_learning_gain": _or_null(differences["net_learning_gain"], cents),
        }
    if "discount_rate" in figures:  # some profile has a discount rate
        for field in (*PRESENT_FIELDS, *PRESENT_LEARNING_FIELDS):
            if field in figures:
                rounding = six if field == "discount_rate" else cents
                summary[field] = _or_null(figures[field], rounding)  # type: ignore[literal-required]
                against[field] = _or_null(differences[field], rounding)  # type: ignore[literal-required]
    # Lists of a figure per profile are generators, written as made: 100,000 profiles.
    document: CompareDocument = {
        "schema_version": SCHEMA_VERSION,
        "rules": rules_dict(rules, basis),
        "profiles": cast("Iterator[Projection]", profiles),  # each a projection, written already
        "years": (
            {
                "year": column.year,
                "incomes": (None if income is None else cents(income) for income in column.incomes),
                "differences": iter(column.differences),
                "earned": (None if earned is None else cents(earned) for earned in column.earned),
            }
            for column in comparison.years
        ),
        "span": list(comparison.span),  # the years the summary compares: its start, its last year
        "summary": {**summary, "differences": against},
        "explanations": (
            None if gap is None else _explanation(gap, name, names[0], last)
            for gap, name in zip(comparison.gaps, names, strict=True)
        ),
    }
    return _plain(document)


def _or_null(values: Sequence[float], rounding: Callable[[float], float]) -> Iterator[float | None]:
    """Figures a profile may not have (NaN), as JSON gives them: null."""
    return (None if math.isnan(value) else rounding(value) for value in values)


def _explanation(gap: Gap, name: str, first: str, last: int | None) -> Explanation:
    return {
        "factor": gap.factor,
        "value": gap.value,
        "first_value": gap.first_value,
        "final_income_ratio": gap.ratio,
        "text": gap_sentence(gap, name, first, last),
    }


def nested(value: Any, level: int) -> str:
    """`value` as indented JSON, to stand `level` levels deep in a larger document."""
    text = json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)
    return safe_json(text).replace("\n", "\n" + "  " * level)


# What json.dumps leaves as it is and a terminal acts on, or that hides, reorders or
# breaks the text around it: DEL, the C1 controls (U+009B starts a command as ESC [ does),
# the bidirectional controls and marks, and the line and paragraph separators: those of
# `errors.visible` that JSON does not escape itself.
_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _json_escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


_C1 = bytes(range(0x7F, 0xA0))  # DEL and C1, as Latin-1 writes them


def safe_json(text: str) -> str:
    """JSON text with those characters written as JSON escapes (`\\u202e`): the same
    values, and text that is safe to show in a terminal. Such characters stand only inside
    strings, where an escape means the same character. This is on the way of every
    projection of a cohort: text that is all ASCII but DEL, the usual case, is passed on
    without a search, and text all in Latin-1 (accented names) is looked through as bytes,
    which is faster than the search."""
    if text.isascii() and "\x7f" not in text:
        return text
    try:
        latin = text.encode("latin-1")
    except UnicodeEncodeError:
        pass
    else:
        if len(latin.translate(None, _C1)) == len(latin):
            return text
    return _RAW.sub(_json_escape, text)


class JsonWriter:
    """The `project --format json` document, written a projection at a time: the same text
    as `json_chunks` makes of it, without holding every projection in memory."""

    def __init__(self, rules: Rules, basis: Basis | None = None) -> None:
        self.rules = rules_dict(rules, basis)
        self.count = 0

    def begin(self) -> str:
        return (
            f'{{\n  "schema_version": {SCHEMA_VERSION},\n  "rules": {nested(self.rules, 1)},'
            '\n  "projections": ['
        )

    @staticmethod
    def body(projection: Projection) -> str:
        """One projection as the document holds it (made anywhere, then given to `item`)."""
        return "    " + nested(projection, 2)

    def item(self, body: str) -> str:
        """The next projection's `body`, after the one before it."""
        self.count += 1
        return ("\n" if self.count == 1 else ",\n") + body

    def end(self, errors: list[Diagnostic]) -> str:
        close = "\n  ]" if self.count else "]"
        return f'{close},\n  "errors": {nested([error_dict(error) for error in errors], 1)}\n}}\n'


def jsonl_line(projection: Projection, rules_source: str | None = None) -> str:
    """One projection per line (`--format jsonl`, a `contracts.Record`), with the rules file
    in force where one is, escaped as `safe_json` escapes it."""
    record = projection if rules_source is None else {**projection, "rules_source": rules_source}
    return safe_json(json.dumps(record, ensure_ascii=False, allow_nan=False)) + "\n"


CSV_COLUMNS = (
    "source",
    "document",
    "name",
    "currency",
    "year",
    "income",
    "growth",
    "state",
    "rules",
    "events",
    "employment",
    "baseline_growth",
    "extrapolated",
    "earned",
)
CSV_SUMMARY_COLUMNS = (
    "source",
    "document",
    "name",
    "currency",
    "as_of",
    "horizon",
    "start_income",
    "final_income",
    "cagr",
    "cumulative_earnings",
    "static_peer_cumulative",
    "career_capital",
    "employment",
    "baseline_growth",
)
RULES_SOURCE = "rules_source"
"""The last column (and a JSON Lines record's key) where a rules file is in force: its name."""
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _source_cell(source: str, guard: bool = True) -> str:
    """The source column: standard input stays `-`, as the output spec has it; a file name
    is data like any other text."""
    return source if source == "-" else spreadsheet_safe(source, guard)


LEARNING_COLUMNS = (
    "learning_cost",
    "learning_gain",
    "net_learning_gain",
    "return_on_learning",
    "payback_year",
)
"""The summary CSV's learning columns: blank for a profile that plans no learning."""
PRESENT_COLUMNS = (
    "discount_rate",
    "pv_cumulative_earnings",
    "pv_static_peer_cumulative",
    "pv_career_capital",
    "pv_learning_cost",
    "pv_learning_gain",
    "npv",
    "irr",
)
"""The summary CSV's present values, after the learning columns: blank without a discount
rate; the learning ones blank, too, for a profile that plans no learning, and `irr` where
the learning has none."""


def spreadsheet_safe(text: str, guard: bool = True) -> str:
    """Text from a profile, prefixed with `'` where a spreadsheet would run it as a formula
    (unless `guard` is off: `--csv-guard never`, for pipelines that want the data as is)."""
    return "'" + text if guard and text.startswith(_FORMULA_STARTS) else text


def _cents(amount: float) -> str:
    return f"{cents(amount):.2f}"


def _six(rate: float) -> str:
    return f"{six(rate):.6f}"


class CsvLayout(NamedTuple):
    """What a CSV holds besides its fixed columns, and how its text is written."""

    real: bool = False  # money in as_of-year money (--inflation)
    sensitivity: bool = False  # the range of plausible rule values (--sensitivity)
    rules_source: str | None = None  # the rules file in force, named in a last column
    guard: bool = True  # text a spreadsheet would run as a formula starts with '


def csv_header(summary: bool, layout: CsvLayout = CsvLayout()) -> tuple[str, ...]:  # noqa: B008 - immutable
    """The CSV columns: the specified ones and the profile's, then any that --inflation,
    --sensitivity or --rules add."""
    source = (RULES_SOURCE,) if layout.rules_source is not None else ()
    if summary:
        extra: tuple[str, ...] = (
            ("real_final_income", "real_cumulative_earnings", "real_career_capital") if layout.real else ()
        )
        if layout.sensitivity:
            extra += ("final_income_low", "final_income_high", "career_capital_low", "career_capital_high")
        return CSV_SUMMARY_COLUMNS + extra + LEARNING_COLUMNS + PRESENT_COLUMNS + source
    return (
        CSV_COLUMNS
        + (("real_income",) if layout.real else ())
        + (("band_low", "band_high") if layout.sensitivity else ())
        + source
    )


def event_names(row: EngineYearRow) -> list[str]:
    """The names of a year's events, learning first, as the `events` cell lists them."""
    return [*(event.name for event in row.events), *(event.label for event in row.career)]


def csv_rows(result: Result, layout: CsvLayout = CsvLayout()) -> list[list[str | int]]:  # noqa: B008
    """One CSV row per projected year (`--format csv`), with the columns `layout` adds.
    (Incomes are always positive, so only a growth rate can round to a negative zero.)"""
    projection, sensitivity = result.projection, result.sensitivity
    profile = projection.profile
    guard = layout.guard
    lead: list[str | int] = [
        _source_cell(result.source, guard),
        result.document,
        spreadsheet_safe(profile.name, guard),
        profile.currency,
    ]
    rows: list[list[str | int]] = [
        [
            *lead,
            row.year,
            f"{row.income:.2f}",
            "" if row.growth is None else _six(row.growth),
            row.state,
            ";".join(row.rules),
            ";".join([spreadsheet_safe(name, guard) for name in event_names(row)]),
            projection.employment(row.year),
            _six(profile.baseline_growth),
            "true" if projection.extrapolated(row.year) else "false",
            f"{row.earned:.2f}",
        ]
        for row in projection.years
    ]
    if layout.real:
        for index, row in enumerate(rows):
            row.append("" if result.real is None else f"{result.real.incomes[index]:.2f}")
    if sensitivity is not None:
        for row, (low, high) in zip(rows, sensitivity.band, strict=True):
            row += [f"{low:.2f}", f"{high:.2f}"]
    if layout.rules_source is not None:
        for row in rows:
            row.append(spreadsheet_safe(layout.rules_source, guard))
    return rows


_NEEDS_QUOTES = re.compile('[,"\r\n]')


def _csv_cell(text: str) -> str:
    """A text cell as the csv module writes it (quoted only where it must be)."""
    if _NEEDS_QUOTES.search(text) is None:
        return text
    return '"' + text.replace('"', '""') + '"'


def csv_lines(result: Result, layout: CsvLayout = CsvLayout()) -> str:  # noqa: B008 - immutable
    """`csv_rows` as the csv module writes them (\\r\\n line ends), made straight from the
    projection: this is the hot path of a cohort run."""
    projection, sensitivity = result.projection, result.sensitivity
    profile = projection.profile
    guard = layout.guard
    lead = (
        f"{_csv_cell(_source_cell(result.source, guard))},{result.document},"
        f"{_csv_cell(spreadsheet_safe(profile.name, guard))},{_csv_cell(profile.currency)},"
    )
    held = f",{profile.employment},{_six(profile.baseline_growth)},"
    switches = bool(profile.events)
    covered = projection.covered_until
    source = (
        "" if layout.rules_source is None else f",{_csv_cell(spreadsheet_safe(layout.rules_source, guard))}"
    )
    deflated = None if result.real is None else result.real.incomes
    band = None if sensitivity is None else sensitivity.band
    lines = []
    for index, row in enumerate(projection.years):
        # `_six` and `_cents`, written out: formatting rounds as `round` does, and a rate
        # that rounds to zero from below is written without its sign.
        growth = "" if row.growth is None else f"{row.growth:.6f}"
        if growth == "-0.000000":
            growth = "0.000000"
        income = f"{row.income:.2f}"
        events = (
            _csv_cell(";".join([spreadsheet_safe(name, guard) for name in event_names(row)]))
            if row.events or row.career
            else ""
        )
        beyond = "true" if row.year > covered else "false"
        if switches:
            held = f",{projection.employment(row.year)},{_six(profile.baseline_growth)},"
        line = (
            f"{lead}{row.year},{income},{growth},{row.state},{';'.join(row.rules)},{events}{held}{beyond},"
            f"{income if row.earned == row.income else f'{row.earned:.2f}'}"
        )
        if layout.real:
            line += "," if deflated is None else f",{deflated[index]:.2f}"
        if band is not None:
            low, high = band[index]
            line += f",{low:.2f},{high:.2f}"
        lines.append(line + source)
    lines.append("")
    return "\r\n".join(lines)


def csv_summary_row(result: Result, layout: CsvLayout = CsvLayout()) -> list[str | int]:  # noqa: B008
    """One CSV row per profile (`--format csv --summary`)."""
    profile, summary, sensitivity = result.projection.profile, result.projection.summary, result.sensitivity
    row: list[str | int] = [
        _source_cell(result.source, layout.guard),
        result.document,
        spreadsheet_safe(profile.name, layout.guard),
        profile.currency,
        profile.as_of,
        profile.horizon,
        _cents(summary.start_income),
        _cents(summary.final_income),
        _six(summary.cagr),
        _cents(summary.cumulative_earnings),
        _cents(summary.static_peer_cumulative),
        _cents(summary.career_capital),
        profile.employment,
        _six(profile.baseline_growth),
    ]
    if layout.real:
        deflated = result.real
        if deflated is None:
            row += ["", "", ""]
        else:
            row += [
                _cents(deflated.final_income),
                _cents(deflated.cumulative_earnings),
                _cents(deflated.career_capital),
            ]
    if sensitivity is not None:
        row += [_cents(end) for end in (*sensitivity.final_income, *sensitivity.career_capital)]
    learning = result.learning
    if learning is None:
        row += [""] * len(LEARNING_COLUMNS)
    else:
        row += [
            _cents(learning.cost),
            "" if learning.gain is None else _cents(learning.gain),
            "" if learning.net is None else _cents(learning.net),
            "" if learning.ratio is None else _six(learning.ratio),
            "" if learning.payback_year is None else learning.payback_year,
        ]
    row += _present_cells(result.present)
    if layout.rules_source is not None:
        row.append(spreadsheet_safe(layout.rules_source, layout.guard))
    return row


def _present_cells(present: PresentValue | None) -> list[str | int]:
    """The summary CSV's PRESENT_COLUMNS."""
    if present is None:
        return [""] * len(PRESENT_COLUMNS)
    cells: list[str | int] = [
        _six(present.discount_rate),
        _cents(present.cumulative_earnings),
        _cents(present.static_peer_cumulative),
        _cents(present.career_capital),
    ]
    if present.learning_cost is None:
        return cells + [""] * 4
    return [
        *cells,
        _cents(present.learning_cost),
        "" if present.learning_gain is None else _cents(present.learning_gain),
        "" if present.npv is None else _cents(present.npv),
        "" if present.irr is None else _six(present.irr),
    ]


def rules_document(rules: Rules) -> dict[str, Any]:
    """`careercap rules --format json`: the parameters, and each rule with its evidence."""
    document: RulesDocument = {
        "schema_version": SCHEMA_VERSION,
        "parameters": rules.parameters(),
        "evidence": rules.evidence,
        "rules": [
            {
                "id": rule.id,
                "parameters": rules.rule(rule.id).numbers(),
                "finding": rules.rule(rule.id).finding,
                "source": rules.rule(rule.id).source,
                "interpretation": rules.rule(rule.id).interpretation,
                "evidence": rules.rule(rule.id).evidence,
            }
            for rule in RULES
        ],
    }
    return _plain(document)


def plan_document(
    plan: Plan, baseline: Result, planned: Result, rules: Rules, basis: Basis | None = None
) -> dict[str, Any]:
    """`careercap plan --format json`: the plan, the rules it rests on, and the profile's
    projection with it and without it."""
    spent = plan.spent
    document: PlanDocument = {
        "schema_version": SCHEMA_VERSION,
        "rules": rules_dict(rules, basis),
        "objective": plan.objective,
        "additions": [
            {
                "kind": addition.kind,
                "year": addition.year,
                "name": name,
                "option": addition.name,
                "cost": addition.cost,
                "hours": addition.hours,
            }
            for name, addition in zip(
                names_of(baseline.projection.profile, plan.additions), plan.additions, strict=True
            )
        ],
        "spent": {"money": cents(spent.money), "hours": spent.hours, "cost": cents(spent.cost)},
        "limits": {
            "max_events": plan.limits.max_events,
            "budget": plan.limits.budget,
            "max_hours": plan.limits.max_hours,
        },
        "reached": plan.reached,
        "reachable": None if plan.reachable is None or math.isinf(plan.reachable) else cents(plan.reachable),
        "target": plan.target,
        "by": plan.by,
        "projection": projection_dict(planned),
        "baseline": projection_dict(baseline),
    }
    return _plain(document)


def validate_document(
    profiles: int, errors: list[Diagnostic], warnings: list[Diagnostic], valid: bool
) -> dict[str, Any]:
    """`careercap validate --format json`: every problem found, for editors and scripts."""
    document: ValidateDocument = {
        "schema_version": SCHEMA_VERSION,
        "valid": valid,
        "profiles": profiles,
        "errors": [error_dict(error) for error in errors],
        "warnings": [error_dict(warning) for warning in warnings],
    }
    return _plain(document)
