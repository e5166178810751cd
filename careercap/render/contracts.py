"""The JSON documents careercap writes (output.md, schema version 1), as types.

`render/export.py` fills them, and mypy checks that it does; `careercap schema --for X`
is generated from them (`render/schema.py`). A field's bounds are stated on its type
(`Annotated[float, Field(ge=0)]`); a rule between fields (real money under inflation, a
band under --sensitivity, one row a year of the horizon) is stated on the type that holds
them, in JSON Schema's words (`json_schema_extra`). Every object is closed: a field the
documents gain is a change of its schema too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, Final, Literal, NotRequired

from pydantic import ConfigDict, Field, WithJsonSchema, with_config
from typing_extensions import TypedDict  # what Pydantic reads a TypedDict from before 3.12

from careercap.core.comparison import LEARNING_FIELDS, PRESENT_FIELDS, PRESENT_LEARNING_FIELDS
from careercap.core.engine import State
from careercap.core.fields import YEAR_MAX, YEAR_MIN, Year
from careercap.core.plan import MOST_EVENTS, Objective
from careercap.core.profile import (
    MOST_YEARS,
    BaselineGrowth,
    Currency,
    DiscountRate,
    Employment,
    Horizon,
    Inflation,
)
from careercap.core.rules import LABELS, RULES, Parameters, SectionParameters
from careercap.core.sensitivity import PARAMETERS

SCHEMA_VERSION: Final = 1

Version = Literal[1]
"""`schema_version`: SCHEMA_VERSION, the version of the documents, bumped on a breaking change."""

Money = Annotated[float, Field(ge=0)]
"""An income, an earning or a cost, rounded to the cent: never below zero."""
Amount = float
"""A difference, or a gain that may be a loss: of either sign."""
Rate = Annotated[float, Field(ge=-1)]
"""A yearly growth rate, rounded to 6 decimals: an income never falls below zero."""
Factor = Annotated[float, Field(ge=0)]
"""A ratio of incomes: a factor of the final income."""
CalendarYear = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX + MOST_YEARS)]
"""A projected year: from as_of to as_of + horizon."""
Index = Annotated[int, Field(ge=1)]
"""A 1-based count: the document within its source, a line, a column."""
Place = Index | None
"""A line or a column; null where there is none."""
Pair = Annotated[list[Money], Field(min_length=2, max_length=2)]
"""The lowest and the highest value over the range of the rules' parameters."""
RuleId = Annotated[str, WithJsonSchema({"enum": [rule.id for rule in RULES]})]
FactorName = Annotated[str, WithJsonSchema({"enum": list(LABELS)})]
Parameter = Annotated[str, WithJsonSchema({"enum": list(PARAMETERS)})]
Kind = Literal["certification", "skill"]


class Event(TypedDict):
    """A learning event: a certification earned or a dated skill acquired."""

    kind: Kind
    name: str
    planned: bool


_CareerValues = TypedDict(  # `raise` and `break` are Python keywords: the functional form
    "_CareerValues",
    {
        "employment": NotRequired[Employment],
        "income": NotRequired[Annotated[float, Field(ge=0.01, le=1e9)]],
        "raise": NotRequired[Annotated[float, Field(ge=-0.9, le=10)]],
        "break": NotRequired[Annotated[int, Field(ge=1, le=10)]],
        "share": NotRequired[Annotated[float, Field(ge=0, le=1)]],
    },
)


class CareerEvent(_CareerValues):
    """A career event, in the year it happens: given by the profile, never chosen. Its
    values are the profile's (`employment` with an optional `income`, `income`, `raise`,
    or `break` with its `share`); `name` says it as tables do."""

    kind: Literal["employment", "income", "raise", "break"]
    name: str
    planned: Literal[True]  # after as_of, as every career event is


class YearRow(TypedDict):
    """One projected year."""

    year: CalendarYear
    income: Money
    growth: Rate | None  # null on the first row
    state: State
    events: list[Event | CareerEvent]  # the learning events, then the career events
    rules: list[RuleId]
    earned: Money  # what the year brings in: income, but in a break its share of it
    extrapolated: NotRequired[Literal[True]]  # past the years the findings cover
    real_income: NotRequired[Money]  # with inflation
    real_earned: NotRequired[Money]  # with inflation
    band: NotRequired[Pair]  # with --sensitivity


class Factors(TypedDict):
    """The multiplicative attribution of the final income, unrounded."""

    baseline: Factor
    upskilling: Factor
    static_contraction: Factor
    freelancer_portfolio: Factor
    events: Factor  # raises, and stated incomes over the income computed for their year


class End(TypedDict):
    value: float
    final_income: Money
    career_capital: Amount


class Swing(TypedDict):
    parameter: Parameter
    low: End
    high: End


class Sensitivity(TypedDict):
    final_income: Pair
    career_capital: Annotated[list[Amount], Field(min_length=2, max_length=2)]
    parameters: list[Swing]


LEARNING = ("learning_cost", "learning_gain", "net_learning_gain", "return_on_learning", "payback_year")


def _together(names: tuple[str, ...]) -> dict[str, Any]:
    """Fields that are all present or all absent."""
    return {"dependentRequired": {name: [other for other in names if other != name] for name in names}}


REAL = ("real_final_income", "real_cumulative_earnings", "real_static_peer_cumulative", "real_career_capital")


PRESENT_LEARNING = ("learning_cost", "learning_gain", "npv", "irr")


@with_config(ConfigDict(json_schema_extra=_together(PRESENT_LEARNING)))
class PresentValue(TypedDict):
    """Present values in as_of at the discount rate: each yearly amount as shown, over
    (1 + discount_rate) ** (year - as_of), rounded to cents, and summed."""

    discount_rate: DiscountRate
    cumulative_earnings: Money
    static_peer_cumulative: Money
    career_capital: Amount  # cumulative_earnings - static_peer_cumulative
    learning_cost: NotRequired[Money]  # when the profile plans learning: all of PRESENT_LEARNING
    # learning_gain and npv are null when the learning's gain cannot be measured (the
    # profile without its planned learning cannot be projected: a warning says so)
    learning_gain: NotRequired[Amount | None]
    npv: NotRequired[Amount | None]  # learning_gain - learning_cost
    irr: NotRequired[Rate | None]  # null unless the yearly flows change sign once, - to +


@with_config(ConfigDict(json_schema_extra=_together(LEARNING)))
class Summary(TypedDict):
    start_income: Money
    final_income: Money
    cagr: Rate
    cumulative_earnings: Money
    static_peer_cumulative: Money
    career_capital: Amount
    factors: Factors
    real_final_income: NotRequired[Money]  # with inflation, as REAL
    real_cumulative_earnings: NotRequired[Money]
    real_static_peer_cumulative: NotRequired[Money]
    real_career_capital: NotRequired[Amount]
    learning_cost: NotRequired[Money]  # when the profile plans learning: all of LEARNING
    # learning_gain and net_learning_gain are null when the learning's gain cannot be
    # measured (the profile without its planned learning cannot be projected: a warning says so)
    learning_gain: NotRequired[Amount | None]
    net_learning_gain: NotRequired[Amount | None]
    return_on_learning: NotRequired[float | None]  # null when the learning cost nothing
    payback_year: NotRequired[CalendarYear | None]  # null when it does not pay back
    present_value: NotRequired[PresentValue]  # with a discount rate
    sensitivity: NotRequired[Sensitivity]  # with --sensitivity


class Note(TypedDict):
    """A warning about a profile, where it is in its source."""

    line: Place
    column: Place
    message: str


def _present(names: list[str]) -> dict[str, Any]:
    """An object that has these fields (named in `properties` too, as strict validators ask)."""
    return {"type": "object", "properties": dict.fromkeys(names, True), "required": names}


def _absent(names: list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": dict.fromkeys(names, False)}


def _each_year(rule: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": rule}


def _projection_rules(schema: dict[str, Any]) -> None:
    """What a projection's fields say of each other: real money in every year and in the
    summary exactly when it has an inflation rate; present values exactly when it has a
    discount rate, with the learning's exactly when the summary has learning figures; a
    band in every year exactly when the summary has a sensitivity; horizon + 1 years, each
    once, only the first without growth."""
    with_learning = {"properties": {"summary": _present(["learning_cost"])}}
    learning_valued = {
        "properties": {"summary": {"type": "object", "properties": {"present_value": _present(["npv"])}}}
    }
    learning_unvalued = {
        "properties": {"summary": {"type": "object", "properties": {"present_value": _absent(["npv"])}}}
    }
    with_sensitivity = {"properties": {"summary": _present(["sensitivity"])}}
    rows = {
        "uniqueItems": True,
        "contains": _present(["growth"]) | {"properties": {"growth": {"type": "null"}}},
        "minContains": 1,
        "maxContains": 1,
    }
    schema["allOf"] = [
        {
            "if": _present(["inflation"]),
            "then": {
                "properties": {"years": _each_year(_present(["real_income"])), "summary": _present([*REAL])}
            },
            "else": {
                "properties": {"years": _each_year(_absent(["real_income"])), "summary": _absent([*REAL])}
            },
        },
        {
            "if": _present(["discount_rate"]),
            "then": {"properties": {"summary": _present(["present_value"])}},
            "else": {"properties": {"summary": _absent(["present_value"])}},
        },
        {"if": with_learning, "then": learning_valued, "else": learning_unvalued},
        {
            "if": with_sensitivity,
            "then": {"properties": {"years": _each_year(_present(["band"]))}},
            "else": {"properties": {"years": _each_year(_absent(["band"]))}},
        },
        {"properties": {"years": {"type": "array", **rows}}},
        *(
            {
                "if": {"properties": {"horizon": {"const": horizon}}},
                "then": {
                    "properties": {
                        "years": {"type": "array", "minItems": horizon + 1, "maxItems": horizon + 1}
                    }
                },
            }
            for horizon in range(1, MOST_YEARS + 1)
        ),
    ]


class Lead(TypedDict):
    """A projection's fields before its years, as `render/export.py` makes them first."""

    source: str
    document: Index
    name: str
    employment: Employment
    currency: Currency
    as_of: Year
    horizon: Horizon
    baseline_growth: BaselineGrowth
    inflation: NotRequired[Inflation]
    discount_rate: NotRequired[DiscountRate]


@with_config(ConfigDict(json_schema_extra=_projection_rules))
class Projection(Lead):
    """One profile's projection (output.md, "One projection")."""

    years: list[YearRow]
    summary: Summary
    warnings: list[Note]


class Record(Projection):
    """A line of `project --format jsonl`: a projection, and the rules file in force where
    one is (a JSON document names it once, in its `rules`)."""

    rules_source: NotRequired[str]


class Error(TypedDict):
    """A problem with a profile or a rules file, where it is."""

    source: str
    document: Index | None
    line: Place
    column: Place
    message: str


@with_config(ConfigDict(json_schema_extra=_together(("source", "overridden"))))
class RulesInForce(Parameters):
    """The rules' numbers; with a rules file, its path and the parameters it changes."""

    source: NotRequired[str]
    overridden: NotRequired[list[str]]


class ProjectDocument(TypedDict):
    """`careercap project --format json`."""

    schema_version: Version
    rules: RulesInForce
    projections: list[Projection]
    errors: list[Error]


class CompareYear(TypedDict):
    year: CalendarYear
    incomes: Iterable[Money | None]  # one a profile; null for a profile without that year
    differences: Iterable[Amount | None]
    earned: Iterable[Money | None]  # what each earns: the income, but in a break its share of it


def _learning_in_both(schema: dict[str, Any]) -> None:
    """The learning figures: all or none, in the summary and in its differences alike."""
    learning, present = list(LEARNING_FIELDS), list(PRESENT_FIELDS)
    present_learning = list(PRESENT_LEARNING_FIELDS)
    schema["allOf"] = [
        _together(LEARNING_FIELDS),
        _together(PRESENT_FIELDS),
        _together(PRESENT_LEARNING_FIELDS),
        {
            "if": _present(learning[:1]),
            "then": {"properties": {"differences": _present(learning)}},
            "else": {"properties": {"differences": _absent(learning)}},
        },
        {
            "if": _present(present[:1]),
            "then": {"properties": {"differences": _present(present)}},
            "else": {"allOf": [{"properties": {"differences": _absent(present)}}, _absent(present_learning)]},
        },
        {
            "if": _present(present[:1] + learning[:1]),
            "then": _present(present_learning) | {"properties": {"differences": _present(present_learning)}},
            "else": {"properties": {"differences": _absent(present_learning)}},
        },
    ]


PerProfile = Iterable[Amount | None]  # null for a learning gain that cannot be measured (a warning says why)


@with_config(ConfigDict(json_schema_extra=_together(LEARNING_FIELDS)))
class CompareDifferences(TypedDict):
    final_income: PerProfile
    cagr: PerProfile
    cumulative_earnings: PerProfile
    career_capital: PerProfile
    learning_cost: NotRequired[PerProfile]  # as the summary has them
    learning_gain: NotRequired[PerProfile]
    net_learning_gain: NotRequired[PerProfile]
    discount_rate: NotRequired[Iterable[float | None]]  # as the summary has them
    pv_cumulative_earnings: NotRequired[Iterable[Amount | None]]
    pv_career_capital: NotRequired[Iterable[Amount | None]]
    pv_learning_cost: NotRequired[Iterable[Amount | None]]
    pv_learning_gain: NotRequired[Iterable[Amount | None]]
    npv: NotRequired[Iterable[Amount | None]]


class CompareFigures(TypedDict):
    """Each figure, a value a profile, over `span`."""

    final_income: Iterable[Money]
    cagr: Iterable[Rate]
    cumulative_earnings: Iterable[Money]
    career_capital: PerProfile
    learning_cost: NotRequired[Iterable[Money]]  # when any profile plans learning
    learning_gain: NotRequired[PerProfile]
    net_learning_gain: NotRequired[PerProfile]
    # When any profile has a discount rate: each over its own horizon, in its own as_of;
    # null for a profile without a rate. The learning ones when, too, any plans learning.
    discount_rate: NotRequired[Iterable[DiscountRate | None]]
    pv_cumulative_earnings: NotRequired[Iterable[Money | None]]
    pv_career_capital: NotRequired[Iterable[Amount | None]]
    pv_learning_cost: NotRequired[Iterable[Money | None]]
    pv_learning_gain: NotRequired[Iterable[Amount | None]]
    npv: NotRequired[Iterable[Amount | None]]


@with_config(ConfigDict(json_schema_extra=_learning_in_both))
class CompareSummary(CompareFigures):
    """The figures, and their differences against the first profile's."""

    differences: CompareDifferences


class Explanation(TypedDict):
    """What moves a profile's final income most against the first profile's."""

    factor: FactorName | Literal["start_income"] | None
    value: Factor
    first_value: Factor
    final_income_ratio: Factor
    text: str


class CompareDocument(TypedDict):
    """`careercap compare --format json`."""

    schema_version: Version
    rules: RulesInForce
    profiles: Annotated[Iterable[Projection], Field(min_length=2)]
    years: Annotated[Iterable[CompareYear], Field(json_schema_extra={"uniqueItems": True})]  # a year once
    span: Annotated[list[CalendarYear], Field(min_length=2, max_length=2)]  # the summary's first, last year
    summary: CompareSummary
    explanations: Iterable[Explanation | None]  # one a profile; null for the first


class Addition(TypedDict):
    kind: Kind
    year: CalendarYear
    name: str
    option: str | None  # the catalogue option; null for a generic event
    cost: Money | None
    hours: Money | None


class Spent(TypedDict):
    money: Money
    hours: Money
    cost: Money


class Limits(TypedDict):
    max_events: Annotated[int, Field(ge=0, le=MOST_EVENTS)]
    budget: Money | None
    max_hours: Money | None


class PlanDocument(TypedDict):
    """`careercap plan --format json`."""

    schema_version: Version
    rules: RulesInForce
    objective: Objective
    additions: Annotated[list[Addition], Field(max_length=MOST_EVENTS)]
    spent: Spent
    limits: Limits
    reached: bool
    reachable: Money | None
    target: Money | None
    by: CalendarYear | None
    projection: Projection
    baseline: Projection


def _valid_without_errors(schema: dict[str, Any]) -> None:
    schema["if"] = {"properties": {"valid": {"const": True}}}
    schema["then"] = {"properties": {"errors": {"type": "array", "maxItems": 0}}}


@with_config(ConfigDict(json_schema_extra=_valid_without_errors))
class ValidateDocument(TypedDict):
    """`careercap validate --format json`."""

    schema_version: Version
    valid: bool
    profiles: Annotated[int, Field(ge=0)]
    errors: list[Error]
    warnings: list[Error]


class RuleEntry(TypedDict):
    id: RuleId
    parameters: SectionParameters
    finding: str | None
    source: str | None
    interpretation: str | None
    evidence: str | None


class RulesDocument(TypedDict):
    """`careercap rules --format json`."""

    schema_version: Version
    parameters: Parameters
    evidence: str | None
    rules: Annotated[list[RuleEntry], Field(min_length=len(RULES), max_length=len(RULES))]
