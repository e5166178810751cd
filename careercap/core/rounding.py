"""Rounding for what is shown or exported: money to cents, rates to six decimals.

The model computes in double precision; only these round. Adding 0.0 turns a rounded
-0.0 into 0.0, so that no figure reads "-0.00".
"""

from __future__ import annotations


def cents(amount: float) -> float:
    """Money as shown: rounded to cents."""
    return round(amount, 2) + 0.0


def six(rate: float) -> float:
    """A rate as exported: rounded to six decimals."""
    return round(rate, 6) + 0.0
