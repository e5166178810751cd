"""The rules: the model's parameters as models, and the one table that names each rule.

Reading a rules file is `careercap.reading.rules`; this module only says what rules are.
"""

from __future__ import annotations

from typing import Annotated, Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator
from typing_extensions import TypedDict  # what Pydantic reads a TypedDict from before 3.12

from careercap.core.fields import Integer, Number, Text


class Rule(NamedTuple):
    """One rule, by every name it goes by."""

    id: str  # in JSON and CSV, as the output spec has it; also its factor's name
    section: str  # the rules file's section
    label: str  # as people read it: tables, explanations, messages
    short: str  # in a narrow table cell
    state: str | None  # the state of a year in which it applies, if it is a state's rule
    parameter: str  # the parameter --sensitivity varies


RULES = (
    Rule("upskilling", "upskilling", "upskilling", "upskilling", "upskilling", "growth_premium"),
    Rule("static_contraction", "static", "static contraction", "contraction", "static", "contraction"),
    Rule(
        "freelancer_portfolio",
        "freelancer_portfolio",
        "freelancer portfolio",
        "portfolio",
        None,
        "multiplier",
    ),
)
"""The rules, in the order output lists them."""
RULE = {rule.id: rule for rule in RULES}
PORTFOLIO = "freelancer_portfolio"
"""The id of the one rule that is no year's state: a step in the year a portfolio is reached."""
BASELINE = "baseline"
"""The id of the factor that is no rule: the baseline growth every profile has."""
EVENTS = "events"
"""The id of the factor that is no rule either: the career events' (raises, stated incomes)."""
LABELS = {BASELINE: "baseline growth", **{rule.id: rule.label for rule in RULES}, EVENTS: "career events"}
"""Each factor of the final income (baseline, the rules, the career events), as people read it."""


# Built on first use only: the packaged rules are constructed without validation (the test
# suite validates them), so a run without --rules never pays for these schemas.
_CONFIG = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# The bounds of each parameter, for its value and for each end of its sensitivity range.
Premium = Annotated[Number, Field(ge=0, le=5)]
Contraction = Annotated[Number, Field(ge=0, lt=1)]
Multiplier = Annotated[Number, Field(ge=1, le=10)]
Window = Annotated[Integer, Field(ge=1, le=10)]
Count = Annotated[Integer, Field(ge=1, le=100)]
MinHours = Annotated[Number, Field(ge=0, le=1e5)]


# The numbers of each section as JSON output gives them (`Rules.parameters()`), typed with
# the same bounds as the models.


class UpskillingParameters(TypedDict):
    min_certifications: Count
    growth_premium: Premium
    min_hours: MinHours


class StaticParameters(TypedDict):
    contraction: Contraction


class PortfolioParameters(TypedDict):
    min_skills: Count
    multiplier: Multiplier


SectionParameters = UpskillingParameters | StaticParameters | PortfolioParameters


class Parameters(TypedDict):
    window_years: Window
    upskilling: UpskillingParameters
    static: StaticParameters
    freelancer_portfolio: PortfolioParameters


class RuleText(BaseModel):
    """What every section of the rules file may say about where its numbers come from."""

    model_config = _CONFIG

    finding: Text | None = Field(default=None, description="The finding, as reported.")
    source: Text | None = Field(default=None, description="The source, as the article names it.")
    interpretation: Text | None = Field(default=None, description="How careercap turns it into a rule.")
    evidence: Text | None = Field(default=None, description="How strong the evidence for it is.")

    def numbers(self) -> SectionParameters:
        """The section's numbers, without its text."""
        raise NotImplementedError


class Upskilling(RuleText):
    min_certifications: Count = Field(description="Certifications in a window that make it upskilling.")
    growth_premium: Premium = Field(description="Extra growth, as a share of |baseline growth|.")
    min_hours: MinHours = Field(
        default=0,
        description="Hours of study below which a certification (with its hours given) does not count.",
    )

    def numbers(self) -> UpskillingParameters:
        return {
            "min_certifications": self.min_certifications,
            "growth_premium": self.growth_premium,
            "min_hours": self.min_hours,
        }


class Static(RuleText):
    contraction: Contraction = Field(description="Fall in wages over one static window.")

    def numbers(self) -> StaticParameters:
        return {"contraction": self.contraction}


class FreelancerPortfolio(RuleText):
    min_skills: Count = Field(description="Distinct skills that make a portfolio.")
    multiplier: Multiplier = Field(description="Revenue multiplier when the portfolio is reached.")

    def numbers(self) -> PortfolioParameters:
        return {"min_skills": self.min_skills, "multiplier": self.multiplier}


class SensitivityRanges(BaseModel):
    """The low and high end of each parameter for --sensitivity."""

    model_config = _CONFIG

    growth_premium: tuple[Premium, Premium] = Field(description="Low and high growth premium.")
    contraction: tuple[Contraction, Contraction] = Field(description="Low and high static contraction.")
    multiplier: tuple[Multiplier, Multiplier] = Field(description="Low and high portfolio multiplier.")
    window_years: tuple[Window, Window] = Field(description="Shortest and longest window, in years.")
    baseline_growth: Number = Field(ge=0, le=0.5, description="Plus or minus this much baseline growth.")

    @field_validator("growth_premium", "contraction", "multiplier", "window_years")
    @classmethod
    def _ends_in_order(cls, ends: tuple[float, float]) -> tuple[float, float]:
        if ends[0] > ends[1]:
            raise ValueError(f"the low end {ends[0]:g} is above the high end {ends[1]:g}")
        return ends


class Rules(BaseModel):
    """Every parameter of the projection model."""

    model_config = _CONFIG

    evidence: Text | None = Field(default=None, description="How strong the evidence behind the rules is.")
    window_years: Window = Field(description="Years in a state's window, ending with the year.")
    extrapolation_after: Integer = Field(
        default=5,
        ge=1,
        le=50,
        description="Years after as_of that the findings cover; later ones extrapolate.",
    )
    upskilling: Upskilling
    static: Static
    freelancer_portfolio: FreelancerPortfolio
    sensitivity: SensitivityRanges

    def rule(self, rule_id: str) -> RuleText:
        """The section of a rule, by its id in RULES."""
        section: RuleText = getattr(self, RULE[rule_id].section)
        return section

    def parameters(self) -> Parameters:
        """The numbers alone, in the rules file's shape (for machine-readable output)."""
        return {
            "window_years": self.window_years,
            "upskilling": self.upskilling.numbers(),
            "static": self.static.numbers(),
            "freelancer_portfolio": self.freelancer_portfolio.numbers(),
        }


class Basis(NamedTuple):
    """What a report's figures rest on: the defaults, or a user's rules file and each value
    it changes, as (dotted name, value, default)."""

    path: str | None
    changes: tuple[tuple[str, Any, Any], ...] = ()


def _flat(rules: Rules) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    numbers = {**rules.parameters(), "sensitivity": rules.sensitivity.model_dump()}
    for section, values in numbers.items():
        if isinstance(values, dict):
            flat.update({f"{section}.{name}": value for name, value in values.items()})
        else:
            flat[section] = values
    return flat


def basis(rules: Rules, defaults: Rules, path: str | None) -> Basis:
    """The basis of figures computed with `rules`, read from `path` over `defaults`."""
    if path is None:
        return Basis(None)
    ours, theirs = _flat(rules), _flat(defaults)
    return Basis(
        path, tuple((name, value, theirs[name]) for name, value in ours.items() if value != theirs[name])
    )
