"""The starter profile `careercap init` writes: every field explained, valid as written."""

from __future__ import annotations

STARTER = """\
# A careercap profile. Fill it in, then run: careercap project {path}
# Lines starting with # are comments. Any field marked optional can be deleted.
# Editors with the YAML language server check this file against careercap's schema:
#   careercap schema > careercap.schema.json, then keep the first line of this file as
#   yaml-language-server: $schema=careercap.schema.json (after a #).

# Whose profile this is (required).
name: Your Name

# employee (income is your salary) or freelancer (income is your revenue). Optional.
employment: employee

# Annual salary or revenue in the year below (required). A plain number: 72000, not 72,000.
income: 72000

# Three capital letters (ISO 4217). Optional; USD when left out.
currency: USD

# The year that income describes. Optional; the current year when left out.
as_of: {year}

# How many years to project after as_of, 1 to 50. Optional; 5 when left out.
horizon: 5

# Yearly growth of a peer who keeps skills current at an ordinary pace, as a fraction:
# 0.03 is 3 %. Optional; 0.03 when left out.
baseline_growth: 0.03

# Certifications earned or planned. Each needs a name and a date (2024, 2024-03 or
# 2024-03-15; only the year counts). A date after as_of is a plan.
certifications:
  - name: Your first micro-certification
    earned: {next_year}        # planned: next year
    issuer: Optional issuer

# Skills: a plain name for one you have long held, or a name and the date you acquired
# (or will acquire) it. For freelancers, distinct skills count toward the portfolio rule.
skills:
  - your main skill
  - name: a newer skill
    acquired: {year}

# Free text, ignored by the model. Optional.
notes: What I plan to learn, and why.
"""


def starter_profile(year: int, path: str) -> str:
    """The starter profile, dated `year` (its planned certification the year after)."""
    return STARTER.format(year=year, next_year=year + 1, path=path)
