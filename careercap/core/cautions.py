"""What a projection's figures need said beside them: years that extrapolate the findings,
and a profile that shows only the defaults."""

from __future__ import annotations

from careercap.core.engine import Projection
from careercap.core.words import span


def caution_count(projection: Projection) -> int:
    """How many warnings `cautions` gives, without their words."""
    return 1 if projection.profile.final_year > projection.covered_until else 0


def cautions(projection: Projection) -> list[str]:
    """Warnings for a projection: the years past what the findings cover, and what they do."""
    notes = []
    profile, rows = projection.profile, projection.years
    covered = projection.covered_until
    if caution_count(projection):
        at_cut = rows[covered - profile.as_of].income
        final = projection.summary.final_income
        verb = "extrapolates" if profile.final_year == covered + 1 else "extrapolate"
        notes.append(
            f"{span(covered + 1, profile.final_year)} {verb} findings that cover "
            f"{covered - profile.as_of} years: they take the income from {at_cut:,.2f} in {covered} "
            f"to {final:,.2f} in {profile.final_year} ({(final / at_cut - 1) * 100:+.1f} %)"
        )
    return notes


def defaults_only(projection: Projection) -> str | None:
    """A note for a profile that gives neither a learning event nor its own baseline growth:
    what it shows is the defaults' static profile, and how to see one's own."""
    profile = projection.profile
    if projection.events or "baseline_growth" in profile.model_fields_set:
        return None
    return (
        "No learning event and no baseline_growth: this shows a static profile at the default "
        f"baseline of {profile.baseline_growth * 100:g} %. Give baseline_growth, and the certifications "
        "and dated skills you have or plan, to see your own."
    )
