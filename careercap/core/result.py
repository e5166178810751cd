"""One projected document, as every renderer takes it."""

from __future__ import annotations

from typing import NamedTuple

from careercap.core.engine import Projection, RealTerms, real_terms
from careercap.core.present import PresentValue, present_value
from careercap.core.returns import LearningReturn
from careercap.core.sensitivity import Sensitivity
from careercap.errors import Diagnostic


class Result(NamedTuple):
    """A projection with where it came from and what is computed from it, once: its
    money in as_of-year money when the profile has an inflation rate, its present values
    when it has a discount rate, and its sensitivity when that was asked for."""

    source: str  # as the user named it; "-" for standard input
    document: int  # 1-based, within the source
    projection: Projection
    warnings: tuple[Diagnostic, ...] = ()
    sensitivity: Sensitivity | None = None
    real: RealTerms | None = None
    learning: LearningReturn | None = None  # when the profile plans learning
    present: PresentValue | None = None  # when the profile has a discount rate


def result_of(
    source: str,
    document: int,
    projection: Projection,
    warnings: tuple[Diagnostic, ...] = (),
    sensitivity: Sensitivity | None = None,
    learning: LearningReturn | None = None,
    *,
    real: bool = True,
    present: bool = True,
) -> Result:
    """The result of a projection, with its real-money figures and present values worked
    out here and only here: where the profile has the rate, unless `real` or `present`
    says that what is made of the result does not show them."""
    profile = projection.profile
    inflation, rate = profile.inflation, profile.discount_rate
    deflated = None if inflation is None or not real else real_terms(projection, inflation)
    discounted = None if rate is None or not present else present_value(projection, learning, rate)
    return Result(source, document, projection, warnings, sensitivity, deflated, learning, discounted)
