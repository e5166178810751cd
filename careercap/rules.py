"""The rules: the model's parameters as data, from the packaged rules.yaml and a user's
partial override file."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from careercap.errors import CareercapError
from careercap.scalars import Integer, Number, Text
from careercap.validation import validate
from careercap.yamltext import Document, decode, parse

RULE_IDS = ("upskilling", "static_contraction", "freelancer_portfolio")
"""Rule ids, in the order output lists them."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Rule(_Frozen):
    finding: Text | None = Field(default=None, description="The finding, as reported.")
    source: Text | None = Field(default=None, description="The source, as the article names it.")
    interpretation: Text | None = Field(default=None, description="How careercap turns it into a rule.")


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


class Rules(_Frozen):
    """Every parameter of the projection model."""

    evidence: Text | None = Field(default=None, description="How strong the evidence behind the rules is.")
    window_years: Integer = Field(ge=1, le=10, description="Years in a state's window, ending with the year.")
    upskilling: Upskilling
    static: Static
    freelancer_portfolio: FreelancerPortfolio

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


def _packaged() -> Document:
    text = resources.files("careercap").joinpath("rules.yaml").read_text(encoding="utf-8")
    return Document("rules.yaml", 1, 0, text)


@functools.cache
def _default_data() -> dict[str, Any]:
    return _read(_packaged())


@functools.cache
def default_rules() -> Rules:
    """The rules shipped with careercap."""
    return Rules.model_validate(_default_data())


def load_rules(data: bytes, source: str) -> Rules:
    """The defaults with a user's rules file laid over them; errors name the user's file."""
    document = Document(source, 1, 0, decode(data, source))
    override = _read(document)
    rules, errors, _ = validate(Rules, document, _merge(_default_data(), override), KNOWN_KEYS)
    if errors:
        raise CareercapError(*errors)
    assert rules is not None
    return rules
