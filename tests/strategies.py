"""Hypothesis strategies for valid profiles."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from careercap.core.profile import Profile

YEARS = st.integers(min_value=2015, max_value=2040)
NAMES = st.text(alphabet="abcdefghij -_", min_size=1, max_size=12).filter(lambda name: name.strip())


@st.composite
def profile_data(draw: st.DrawFn, max_income: float = 1e7, events: bool = True) -> dict[str, Any]:
    """A valid profile as a dict: realistic sizes, every rule reachable, career events
    (unless `events` is false)."""
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
    if events:
        data["events"] = draw(career_events(as_of, data["horizon"], max_income))
    return data


@st.composite
def career_events(draw: st.DrawFn, as_of: int, horizon: int, max_income: float = 1e7) -> list[dict[str, Any]]:
    """Valid career events: one a year, after as_of (the last perhaps after the horizon),
    breaks that do not overlap."""
    years = draw(st.lists(st.integers(as_of + 1, as_of + horizon + 1), unique=True, max_size=3))
    events: list[dict[str, Any]] = []
    away_until = as_of
    for year in sorted(years):
        kind = draw(st.sampled_from(["employment", "income", "raise", "break"]))
        if kind == "break" and year > away_until:
            length = draw(st.integers(1, 3))
            away_until = year + length - 1
            share = draw(st.sampled_from([0, 0.5, 1]) | st.floats(0, 1))
            events.append({"year": year, "break": length, "share": share})
        elif kind == "employment":
            switch = {"year": year, "employment": draw(st.sampled_from(["employee", "freelancer"]))}
            stated = draw(st.none() | st.floats(min_value=1000, max_value=max_income))
            events.append(switch if stated is None else switch | {"income": stated})
        elif kind == "income":
            events.append({"year": year, "income": draw(st.floats(min_value=1000, max_value=max_income))})
        elif kind == "raise":
            events.append({"year": year, "raise": draw(st.floats(min_value=-0.5, max_value=0.5))})
    return events


def profiles(max_income: float = 1e7, events: bool = True) -> st.SearchStrategy[Profile]:
    return profile_data(max_income, events).map(Profile.model_validate)
