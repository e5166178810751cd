"""Time value: what the money of later years is worth in as_of, at a discount rate, and the
internal rate of return of planned learning. Pure, like the engine.

An amount of year `y` is worth `A / (1 + d) ** (y - as_of)` in as_of. Each present value is
taken from a yearly amount as shown (to the cent) and rounded to cents itself; the present
values of sums are sums of those, so that they too add up with a calculator.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from careercap.core.engine import Projection, static_peer_incomes
from careercap.core.returns import LearningReturn
from careercap.core.rounding import cents, from_cents, in_cents


class PresentValue(NamedTuple):
    """A projection's money in as_of at a discount rate; the learning figures (None when
    the profile plans no learning; the gain, npv and irr None, too, when the learning's
    gain is unknown) over its own horizon."""

    discount_rate: float
    cumulative_earnings: float
    static_peer_cumulative: float
    career_capital: float  # cumulative_earnings - static_peer_cumulative, as shown
    learning_cost: float | None = None  # each year's learning cost, discounted from its year
    learning_gain: float | None = None  # each year's added income, discounted
    npv: float | None = None  # learning_gain - learning_cost, as shown
    irr: float | None = None  # the learning's internal rate of return, where it has one


def discounted(amount: float, years: int, rate: float) -> int:
    """What a yearly amount as shown is worth `years` years earlier, in whole cents."""
    return in_cents(cents(amount / (1 + rate) ** years))


def present_value(projection: Projection, learning: LearningReturn | None, rate: float) -> PresentValue:
    """The projection's present values in as_of at `rate` a year."""
    profile = projection.profile
    as_of = profile.as_of
    cumulative = sum(discounted(row.earned, row.year - as_of, rate) for row in projection.years[1:])
    peers = static_peer_incomes(profile, projection.rates)
    peer = sum(discounted(income, k, rate) for k, income in enumerate(peers, start=1))
    figures = PresentValue(rate, from_cents(cumulative), from_cents(peer), from_cents(cumulative - peer))
    if learning is None:
        return figures
    cost = sum(discounted(flow.cost, flow.year - as_of, rate) for flow in learning.flows)
    gain = sum(discounted(flow.gain, flow.year - as_of, rate) for flow in learning.flows)
    if learning.gain is None:  # only what it costs is known
        return figures._replace(learning_cost=from_cents(cost))
    flows = [(flow.year - as_of, in_cents(flow.gain) - in_cents(flow.cost)) for flow in learning.flows]
    return figures._replace(
        learning_cost=from_cents(cost),
        learning_gain=from_cents(gain),
        npv=from_cents(gain - cost),
        irr=internal_rate(flows),
    )


def changes_sign_once(amounts: Sequence[float]) -> bool:
    """Whether the amounts, zeros aside, are first negative and then positive, changing
    sign exactly once."""
    signs = [amount > 0 for amount in amounts if amount != 0]
    return bool(signs) and not signs[0] and signs[-1] and signs.count(False) == signs.index(True)


def internal_rate(flows: Sequence[tuple[int, float]]) -> float | None:
    """The yearly rate `r` at which `sum(amount / (1 + r) ** years)` over the flows (years
    after as_of, amount) is zero, when the amounts change sign exactly once, from negative
    to positive (there is then exactly one such rate, above -1); None otherwise.

    With `x = 1 / (1 + r)` the sum is a polynomial in x whose coefficients change sign
    once, so it has exactly one positive root (Descartes' rule of signs). The root is found
    by bisection, on the polynomial divided by its lowest power of x where the root is
    below 1 (r > 0) and by its highest where it is above (r < 0), so that no power
    overflows."""
    given = [(years, amount) for years, amount in flows if amount != 0]
    if not changes_sign_once([amount for _, amount in given]):
        return None
    lowest, highest = given[0][0], given[-1][0]

    def scaled(x: float, by: int) -> float:
        return math.fsum(amount * x ** (years - by) for years, amount in given)

    at_one = scaled(1.0, lowest)
    if at_one == 0:
        return 0.0
    if at_one > 0:  # the root is below 1: r > 0
        low, high, by = 0.0, 1.0, lowest
    else:  # above 1: r < 0, and the highest power tends to its (positive) amount
        low, high, by = 1.0, 2.0, highest
        while scaled(high, by) <= 0:
            if high > 1e300:
                return None
            low, high = high, high * high
    for _ in range(2000):
        middle = math.sqrt(low * high) if low > 0 and high > 2 * low else (low + high) / 2
        if not low < middle < high:
            break
        if scaled(middle, by) < 0:
            low = middle
        else:
            high = middle
    return 1 / ((low + high) / 2) - 1
