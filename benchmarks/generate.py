"""Synthetic profiles for the benchmarks: a fixed seed, a realistic mix, of two kinds.

`usual` (the default): about 70 % employees and 30 % freelancers; zero to four
certifications (some renewed, some planned), one to five skills, half of them dated;
incomes, years and baselines spread as in a real cohort; every value plain, lists in
blocks indented by two.

`hand`: profiles as people write them by hand, deliberately unlike `usual`: names and
other values in double or single quotes (some with `: `, `#`, `''` or an escape inside),
comments after values and between lines, skills as a flow list (`skills: [SQL, Python]`)
about half the time, a fifth with `certifications: []`, lists at the key's indent or
deeper, horizons of 1 to 15 years, now and then a blank line, trailing spaces, a
`salary` or an `inflation`, and a few notes written as folded multi-line text.

    python benchmarks/generate.py N stream.yaml [--kind hand]     # one multi-document file
    python benchmarks/generate.py N DIRECTORY/ [--kind hand]      # N files in a directory
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
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


FIRST_NAMES = ["Ada", "José", "Zoë", "Łukasz", "Priya", "Amara", "Tomasz", "Mei", "Oskar", "Nadia"]
LAST_NAMES = ["Lovelace", "O'Neil", "García", "Okafor", "Nowak", "Raman", "Ødegård", "D'Souza", "Li", "Kim"]
ISSUERS = ["Amazon Web Services", "Google Cloud", "dbt Labs", "The Linux Foundation", "Scrum.org"]
NOTES = [
    "Aiming for a staff role: data platform #1 priority",
    "Plan agreed with my manager, 2025",
    "It's a stretch, but doable",
    "Remote only",
    'Says "maybe" to management',
]


def _double(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _single(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _written(rng: random.Random, text: str, plain: float = 0.4) -> str:
    """Text as a person might write it: plain where YAML lets it be, else quoted."""
    roll = rng.random()
    if roll < plain and not any(mark in text for mark in (": ", " #", '"')) and text[0].isalnum():
        return text
    if roll < plain + (1 - plain) / 2 and "\\" not in text:
        return _double(text)
    return _single(text)


def _after(rng: random.Random, note: str) -> str:
    """Now and then a comment after a value, or trailing spaces."""
    roll = rng.random()
    if roll < 0.15:
        return f"{' ' * rng.randint(1, 8)}# {note}"
    if roll < 0.2:
        return " " * rng.randint(1, 3)
    return ""


def hand_profile(rng: random.Random, index: int, currency: str | None = None) -> str:
    """One profile of the `hand` kind (see the module's docstring)."""
    as_of = rng.choice([2024, 2025, 2025, 2026])
    quote = rng.random() < 0.3  # some people quote numbers too
    lines = [f"# Profile {index}, updated {as_of}", ""] if rng.random() < 0.4 else []
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    lines.append(f"name: {_written(rng, name, plain=0.3)}{_after(rng, 'as on the contract')}")
    if rng.random() < 0.3:
        lines.append(f"employment: {_written(rng, 'freelancer', plain=0.7)}")
    elif rng.random() < 0.5:
        lines.append("employment: employee")
    income = rng.randrange(28_000, 240_000, 500)
    lines.append(
        f"{'salary' if rng.random() < 0.1 else 'income'}: "
        f"{_double(str(income)) if quote else income}{_after(rng, 'gross, before tax')}"
    )
    currency = currency or rng.choice(["USD", "EUR", "GBP", "PLN"])
    lines.append(f"currency: {_written(rng, currency, plain=0.6)}")
    lines.append(f"as_of: {_single(str(as_of)) if quote else as_of}")
    lines.append(f"horizon: {rng.randint(1, 15)}{_after(rng, 'years')}")
    lines.append(f"baseline_growth: {rng.choice(['0.02', '0.025', '0.03', '0.035', '-0.01'])}")
    if rng.random() < 0.15:
        lines.append(f"inflation: {rng.choice(['0.02', '0.03'])}  # assumed")
    if rng.random() < 0.2:
        lines.append("")
    indent = rng.choice(["", "  ", "  ", "    "])
    lines += _hand_certifications(rng, as_of, indent, quote)
    lines += _hand_skills(rng, as_of, indent)
    roll = rng.random()
    if roll < 0.03:
        lines += ["notes: >-", "  Written over two lines,", "  as a folded paragraph."]
    elif roll < 0.4:
        lines.append(f"notes: {_written(rng, rng.choice(NOTES), plain=0.2)}")
    return "\n".join(lines) + "\n"


def _hand_certifications(rng: random.Random, as_of: int, indent: str, quote: bool) -> list[str]:
    roll = rng.random()
    if roll < 0.2:
        return [f"certifications: []{_after(rng, 'none yet')}"]
    if roll >= 0.75:
        return []
    lines = ["certifications:"]
    for certification in rng.sample(CERTIFICATIONS, rng.randint(1, 3)):
        year = rng.randint(2019, as_of + 3)
        earned = f"{year}-{rng.randint(1, 12):02d}"
        planned = "planned" if year > as_of else "done"
        lines.append(f"{indent}- name: {_written(rng, certification)}")
        lines.append(f"{indent}  earned: {_single(earned) if quote else earned}{_after(rng, planned)}")
        if rng.random() < 0.5:
            lines.append(f"{indent}  issuer: {_written(rng, rng.choice(ISSUERS))}")
    return lines


def _hand_skills(rng: random.Random, as_of: int, indent: str) -> list[str]:
    skills = rng.sample(SKILLS, rng.randint(1, 5))
    if rng.random() < 0.5:
        listed = ", ".join(_written(rng, skill, plain=0.7) for skill in skills)
        return [f"skills: [{listed}]{_after(rng, 'as on my CV')}"]
    lines = ["skills:"]
    for skill in skills:
        if rng.random() < 0.6:
            lines.append(f"{indent}- {_written(rng, skill, plain=0.6)}{_after(rng, 'self-taught')}")
        else:
            lines.append(f"{indent}- name: {_written(rng, skill)}")
            lines.append(f"{indent}  acquired: {rng.randint(2018, as_of + 3)}")
    return lines


KINDS: dict[str, Callable[[random.Random, int, str | None], str]] = {"usual": profile, "hand": hand_profile}


def write_stream(
    count: int, path: Path, seed: int = 2025, currency: str | None = None, kind: str = "usual"
) -> None:
    """`count` profiles in one file; all in `currency` when it is given (as compare needs)."""
    rng, make = random.Random(seed), KINDS[kind]
    with path.open("w", encoding="utf-8") as handle:
        for index in range(count):
            handle.write("---\n")
            handle.write(make(rng, index, currency))


def write_directory(count: int, directory: Path, seed: int = 2025, kind: str = "usual") -> None:
    rng, make = random.Random(seed), KINDS[kind]
    directory.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (directory / f"person-{index:06d}.yaml").write_text(make(rng, index, None), encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("count", type=int)
    parser.add_argument("target", help="a file, or a directory when it ends with /")
    parser.add_argument("--kind", choices=sorted(KINDS), default="usual")
    args = parser.parse_args()
    if args.target.endswith("/"):
        write_directory(args.count, Path(args.target), kind=args.kind)
    else:
        write_stream(args.count, Path(args.target), kind=args.kind)
