"""Small pieces of wording shared by the core's explanations and the renderers."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """`1 certification`, `2 certifications`."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def span(first: int, last: int) -> str:
    """`2026-2028`, or `2026` when the span is one year."""
    return str(first) if first == last else f"{first}-{last}"
