"""The learning a person is considering: a catalogue of options for `careercap plan`,
validated like a profile (frozen, no unknown keys but `repeatable`, which the reader
passes over with a warning)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from careercap.core.fields import Year
from careercap.core.profile import COST, HOURS, Cost, Hours, Name

MOST_OPTIONS = 200
"""The most options a catalogue may hold."""


class Option(BaseModel):
    """One certification or skill a plan may add, with what it costs: a plan takes it once
    at the most, and never one whose name the profile has already (a renewal is not a new
    certification)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Name = Field(description="The option's name, as the plan will add it.")
    kind: Literal["certification", "skill"] = Field(description="certification or skill.")
    cost: Cost = Field(default=None, description=COST, examples=[395])
    hours: Hours = Field(default=None, description=HOURS, examples=[60])
    earliest: Year | None = Field(
        default=None, description="The first year it can be taken; by default the year after as_of."
    )
    latest: Year | None = Field(
        default=None, description="The last year it can be taken; by default the last projected year."
    )

    @model_validator(mode="after")
    def _earliest_first(self) -> Option:
        if self.earliest is not None and self.latest is not None and self.latest < self.earliest:
            raise ValueError(f"latest ({self.latest}) is before earliest ({self.earliest})")
        return self


class Catalogue(BaseModel):
    """The options a plan chooses from (each name once, as careercap compares names: the
    reader checks that, where it can say which line repeats one)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    options: tuple[Option, ...] = Field(
        description="The certifications and skills a plan may add.",
        json_schema_extra={"minItems": 1, "maxItems": MOST_OPTIONS},  # as `_some` checks
    )

    @field_validator("options")
    @classmethod
    def _some(cls, options: tuple[Option, ...]) -> tuple[Option, ...]:
        # Checked once every option is valid: a bad option is one error, not two.
        if not options:
            raise ValueError("is empty: list at least one option, with its name and kind")
        if len(options) > MOST_OPTIONS:
            raise ValueError(f"holds {len(options)} options; a catalogue holds at most {MOST_OPTIONS}")
        return options
