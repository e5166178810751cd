"""Hypothesis strategies for valid profiles."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from careercap.core.profile import Profile

YEARS = st.integers(min_value=2015, max_value=2040)
NAMES = st.text(alphabet="abcdefghij -_", min_size=1, max_size=12).filter(lambda name: name.strip())


@st.composite
def profile_data(draw: st.DrawFn, max_income: float = 1e7) -> dict[str, Any]:
    """A valid profile as a dict: realistic sizes, every rule reachable."""
    as_of = draw(st.integers(min_value=2020, max_value=2030))
    data: dict[str, Any] = {
        "name": draw(NAMES),
        "employment": draw(st.sampled_from(["employee", "freelancer"])),
        "income": draw(st.floats(min_value=1000, max_value=max_income, allow_nan=False)),
        "as_of": as_of,
        "horizon": draw(st.integers(min_value=1, max_value=15)),
        "baseline_growth": draw(st.floats(min_value=-0.2, max_value=0.2, allow_nan=False)),
        "certifications": [
            {"name": f"cert {index}", "earned": year}
            for index, year in enumerate(draw(st.lists(YEARS, max_size=5)))
        ],
        "skills": [
            f"skill {index}" if year is None else {"name": f"skill {index}", "acquired": year}
            for index, year in enumerate(draw(st.lists(st.none() | YEARS, max_size=5)))
        ],
    }
    return data


def profiles(max_income: float = 1e7) -> st.SearchStrategy[Profile]:
    return profile_data(max_income).map(Profile.model_validate)
