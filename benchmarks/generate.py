"""Synthetic profiles for the benchmarks: a fixed seed, a realistic mix.

About 70 % employees and 30 % freelancers; zero to four certifications (some renewed,
some planned), one to five skills, half of them dated; incomes, years and baselines
spread as in a real cohort.

    python benchmarks/generate.py N stream.yaml      # one multi-document file
    python benchmarks/generate.py N DIRECTORY/       # N files in a directory
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

CERTIFICATIONS = [
    "AWS Certified Data Engineer",
    "Google Professional Cloud Architect",
    "dbt Analytics Engineering",
    "Certified Kubernetes Administrator",
    "Scrum Master",
    "Power BI Data Analyst",
    "Lean Six Sigma Green Belt",
    "Prompt Engineering for Developers",
]
SKILLS = [
    "SQL",
    "Python",
    "prompt engineering",
    "AI ethics review",
    "vector search",
    "data visualization",
    "stakeholder management",
    "Terraform",
    "copywriting",
    "UX research",
]


def profile(rng: random.Random, index: int, currency: str | None = None) -> str:
    as_of = 2025
    freelancer = rng.random() < 0.3
    lines = [
        f"name: Person {index:06d}",
        f"employment: {'freelancer' if freelancer else 'employee'}",
        f"income: {rng.randrange(28_000, 240_000, 500)}",
        f"currency: {currency or rng.choice(['USD', 'EUR', 'GBP'])}",
        f"as_of: {as_of}",
        f"horizon: {rng.choice([3, 5, 5, 5, 10])}",
        f"baseline_growth: {rng.choice(['0.02', '0.025', '0.03', '0.035', '-0.01'])}",
    ]
    certifications = rng.sample(CERTIFICATIONS, rng.randint(0, 4))
    if certifications:
        lines.append("certifications:")
        for name in certifications:
            year = rng.randint(2019, as_of + 3)
            lines.append(f"  - name: {name}")
            lines.append(f"    earned: {year}-{rng.randint(1, 12):02d}")
            if rng.random() < 0.5:
                lines.append("    issuer: Example Institute")
    lines.append("skills:")
    for name in rng.sample(SKILLS, rng.randint(1, 5)):
        if rng.random() < 0.5:
            lines.append(f"  - {name}")
        else:
            lines.append(f"  - name: {name}")
            lines.append(f"    acquired: {rng.randint(2018, as_of + 3)}")
    if rng.random() < 0.2:
        lines.append("notes: Generated for the benchmark.")
    return "\n".join(lines) + "\n"


def write_stream(count: int, path: Path, seed: int = 2025, currency: str | None = None) -> None:
    """`count` profiles in one file; all in `currency` when it is given (as compare needs)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for index in range(count):
            handle.write("---\n")
            handle.write(profile(rng, index, currency))


def write_directory(count: int, directory: Path, seed: int = 2025) -> None:
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (directory / f"person-{index:06d}.yaml").write_text(profile(rng, index), encoding="utf-8")


if __name__ == "__main__":
    count, target = int(sys.argv[1]), Path(sys.argv[2])
    if sys.argv[2].endswith("/"):
        write_directory(count, target)
    else:
        write_stream(count, target)
