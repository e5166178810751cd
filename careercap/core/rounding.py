"""Rounding for what is shown or exported: money to cents, rates to six decimals.

The model computes in double precision; only these round. Adding 0.0 turns a rounded
-0.0 into 0.0, so that no figure reads "-0.00".

Money as shown: each year's amount is rounded to cents first, and every sum is a sum of
those, made in whole cents (`in_cents`, `from_cents`), so that a figure and the figures it
adds up reconcile exactly, to the cent, wherever they are shown.
"""

from __future__ import annotations

from collections.abc import Iterable


def cents(amount: float) -> float:
    """Money as shown: rounded to cents."""
    return round(amount, 2) + 0.0


def six(rate: float) -> float:
    """A rate as exported: rounded to six decimals."""
    return round(rate, 6) + 0.0


def whole_cents(amount: float) -> int:
    """`round(amount, 2)` as a whole number of cents, `round(round(x, 2) * 100)` (for any x
    whose hundredfold is finite), in about half the time: the engine rounds every year of
    every profile. Below 2^47 cents (1.4e12), `whole_cents(x) / 100 == round(x, 2)` too;
    beyond, `round(x, 2) * 100` may itself be a cent off.

    `round(x, 2)` rounds the exact binary value of x to cents, and `n / 100` is the float
    nearest n/100, which is what `round` returns. Below 2^47 cents (1.4e12 a year;
    careercap's incomes stop at 1e12), `x * 100` is within 1/128 of the exact product, so
    where it lies more than 0.01 from a half its own rounding names the same cent; nearer a
    half, or beyond that size, `round(x, 2)` decides."""
    hundred = amount * 100
    whole = round(hundred)
    if -0.49 < hundred - whole < 0.49 and -_EXACT_BELOW < hundred < _EXACT_BELOW:
        return whole
    return round(round(amount, 2) * 100)


_EXACT_BELOW = 2.0**47


def in_cents(shown: float) -> int:
    """An amount already rounded to cents (`cents`), as a whole number of cents: exact,
    for every amount careercap shows (below 2^53 cents)."""
    return round(shown * 100)


def from_cents(count: int) -> float:
    """A whole number of cents as money: the same float `cents` gives for that figure."""
    return count / 100


def total(shown: Iterable[float]) -> float:
    """The sum of amounts shown to the cent, exact to the cent (a float sum of many
    amounts could drift from it by a cent)."""
    return sum([round(amount * 100) for amount in shown]) / 100


def total_gap(shown: Iterable[float], others: Iterable[float]) -> float:
    """The sum of the yearly differences between two runs of amounts shown to the cent,
    exact to the cent."""
    return sum([round(a * 100) - round(b * 100) for a, b in zip(shown, others, strict=True)]) / 100
