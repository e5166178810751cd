"""The one path every command takes: sources -> loaded documents -> projections."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from careercap.engine import Projection, project
from careercap.loader import Loaded, load
from careercap.profile import Profile
from careercap.rules import Rules
from careercap.sensitivity import Sensitivity, sensitivity


class Overrides(NamedTuple):
    """Values given on the command line; each replaces the profile's own when set."""

    as_of: int | None = None
    horizon: int | None = None
    baseline_growth: float | None = None
    inflation: float | None = None

    def apply(self, profile: Profile) -> Profile:
        update = {name: value for name, value in self._asdict().items() if value is not None}
        return profile.model_copy(update=update) if update else profile


class Outcome(NamedTuple):
    """One document's result: its projection, or (in `loaded`) why there is none."""

    loaded: Loaded
    projection: Projection | None
    sensitivity: Sensitivity | None = None


def project_sources(
    sources: Iterable[str], *, rules: Rules, overrides: Overrides, with_sensitivity: bool = False
) -> Iterator[Outcome]:
    """Project every document of every source, in order; bad documents come back with errors.
    With `with_sensitivity`, each projection comes with its tornado and band."""
    for source in sources:
        for loaded in load(source):
            if loaded.profile is None:
                yield Outcome(loaded, None)
                continue
            profile = overrides.apply(loaded.profile)
            if with_sensitivity:
                varied = sensitivity(profile, rules)
                yield Outcome(loaded, varied.central, varied)
            else:
                yield Outcome(loaded, project(profile, rules))
