"""The one path every command takes: sources -> loaded documents -> projections."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from careercap.engine import Projection, project
from careercap.loader import Loaded, load
from careercap.profile import Profile
from careercap.rules import Rules


class Overrides(NamedTuple):
    """Values given on the command line; each replaces the profile's own when set."""

    as_of: int | None = None
    horizon: int | None = None
    baseline_growth: float | None = None

    def apply(self, profile: Profile) -> Profile:
        update = {
            name: value
            for name in ("as_of", "horizon", "baseline_growth")
            if (value := getattr(self, name)) is not None
        }
        return profile.model_copy(update=update) if update else profile


class Outcome(NamedTuple):
    """One document's result: its projection, or (in `loaded`) why there is none."""

    loaded: Loaded
    projection: Projection | None


def project_sources(sources: Iterable[str], *, rules: Rules, overrides: Overrides) -> Iterator[Outcome]:
    """Project every document of every source, in order; bad documents come back with errors."""
    for source in sources:
        for loaded in load(source):
            profile = loaded.profile
            projection = None if profile is None else project(overrides.apply(profile), rules)
            yield Outcome(loaded, projection)
