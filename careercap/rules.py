"""The rules: the model's parameters as data, from the packaged rules.yaml and a user's
partial override file."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from careercap.documents import Document, decode
from careercap.errors import CareercapError
from careercap.scalars import Integer, Number, Text, parse_integer, parse_number
from careercap.validation import validate
from careercap.yamltext import parse

RULE_IDS = ("upskilling", "static_contraction", "freelancer_portfolio")
"""Rule ids, in the order output lists them."""
SECTIONS = {
    "upskilling": "upskilling",
    "static_contraction": "static",
    "freelancer_portfolio": "freelancer_portfolio",
}
"""The rules file's section for each rule id."""


# Built on first use only: the packaged rules are constructed without validation (the test
# suite validates them), so a run without --rules never pays for these schemas.
_CONFIG = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class _Rule(BaseModel):
    model_config = _CONFIG

    finding: Text | None = Field(default=None, description="The finding, as reported.")
    source: Text | None = Field(default=None, description="The source, as the article names it.")
    interpretation: Text | None = Field(default=None, description="How careercap turns it into a rule.")
    evidence: Text | None = Field(default=None, description="How strong the evidence for it is.")


class Upskilling(_Rule):
    min_certifications: Integer = Field(
        ge=1, description="Certifications in a window that make it upskilling."
    )
    growth_premium: Number = Field(ge=0, le=5, description="Extra growth, as a share of |baseline growth|.")


class Static(_Rule):
    contraction: Number = Field(ge=0, lt=1, description="Fall in wages over one static window.")


class FreelancerPortfolio(_Rule):
    min_skills: Integer = Field(ge=1, description="Distinct skills that make a portfolio.")
    multiplier: Number = Field(ge=1, le=10, description="Revenue multiplier when the portfolio is reached.")


Range = tuple[Number, Number]


class SensitivityRanges(BaseModel):
    """The low and high end of each parameter for --sensitivity."""

    model_config = _CONFIG

    growth_premium: Range = Field(description="Low and high growth premium.")
    contraction: Range = Field(description="Low and high static contraction.")
    multiplier: Range = Field(description="Low and high portfolio multiplier.")
    window_years: tuple[Integer, Integer] = Field(description="Shortest and longest window, in years.")
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
    window_years: Integer = Field(ge=1, le=10, description="Years in a state's window, ending with the year.")
    upskilling: Upskilling
    static: Static
    freelancer_portfolio: FreelancerPortfolio
    sensitivity: SensitivityRanges

    def rule(self, rule_id: str) -> _Rule:
        """The rule of an id in RULE_IDS."""
        section: _Rule = getattr(self, SECTIONS[rule_id])
        return section

    def parameters(self) -> dict[str, Any]:
        """The numbers alone, in the rules file's shape (for machine-readable output)."""
        return {
            "window_years": self.window_years,
            "upskilling": self.upskilling.model_dump(include={"min_certifications", "growth_premium"}),
            "static": self.static.model_dump(include={"contraction"}),
            "freelancer_portfolio": self.freelancer_portfolio.model_dump(
                include={"min_skills", "multiplier"}
            ),
        }


KNOWN_KEYS: dict[tuple[str, ...], list[str]] = {
    (): list(Rules.model_fields),
    ("upskilling",): list(Upskilling.model_fields),
    ("static",): list(Static.model_fields),
    ("freelancer_portfolio",): list(FreelancerPortfolio.model_fields),
    ("sensitivity",): list(SensitivityRanges.model_fields),
}


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


PACKAGED = Path(__file__).with_name("rules.yaml")


@functools.cache
def _default_data() -> dict[str, Any]:
    return _read(Document("rules.yaml", 1, 0, PACKAGED.read_text(encoding="utf-8")))


T = TypeVar("T", int, float)


def _pair(ends: list[str], parse: Callable[[str], T]) -> tuple[T, T]:
    low, high = ends
    return parse(low), parse(high)


@functools.cache
def default_rules() -> Rules:
    """The rules shipped with careercap (read as the model would, but not validated at run
    time: tests/test_rules.py checks that validating them gives the very same rules)."""
    data = _default_data()

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
        upskilling=Upskilling.model_construct(
            **numbers("upskilling", ("min_certifications",), ("growth_premium",))
        ),
        static=Static.model_construct(**numbers("static", (), ("contraction",))),
        freelancer_portfolio=FreelancerPortfolio.model_construct(
            **numbers("freelancer_portfolio", ("min_skills",), ("multiplier",))
        ),
    )


def load_rules(data: bytes, source: str) -> Rules:
    """The defaults with a user's rules file laid over them; errors name the user's file."""
    document = Document(source, 1, 0, decode(data, source))
    override = _read(document)
    rules, errors, _ = validate(Rules, document, _merge(_default_data(), override), KNOWN_KEYS)
    if errors:
        raise CareercapError(*errors)
    assert rules is not None
    return rules
