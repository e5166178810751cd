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
# 2024-03-15; only the year counts). A date after as_of is a plan. Optional on each:
# issuer; expires (a date; careercap warns when it falls within the projected years);
# cost (fees, in the currency above) and hours (of study), which price planned learning.
certifications:
  - name: A certification you hold
    earned: {last_year}
    issuer: Optional issuer
    expires: {expires}
  - name: Your next micro-certification
    earned: {next_year}        # planned: next year
    cost: 300               # fees; delete if unknown
    hours: 40               # hours of study; delete if unknown

# Skills: a plain name for one you have long held, or a name and the date you acquired
# (or will acquire) it; a planned skill may carry cost and hours too. For freelancers,
# distinct skills count toward the portfolio rule.
skills:
  - your main skill
  - name: a newer skill
    acquired: {year}

# Career events after as_of: a switch of employment, a new job at a known income, a raise
# or a pay cut, a break. Each has a year after as_of and one change; the static peer and
# the profile without its planned learning live them too. Optional: to use them, delete
# the "# " at the start of each line below and change the figures.
# events:
#   - year: {in_two}
#     employment: freelancer   # a switch (employee switches back); may carry an income
#     income: 80000            # optional with a switch: the income in that year, stated
#   - year: {in_three}
#     raise: 0.05              # -0.9 to 10: 0.05 is a 5 % raise, -0.1 a 10 % pay cut
#   - year: {in_four}
#     break: 1                 # years away from work from that year, 1 to 10
#     share: 0.5               # the share of income earned meanwhile; 0 when left out

# What an hour of your time is worth, in the currency above: study hours cost that much.
# With cost and hours, careercap project shows the return on planned learning: what it
# costs, the income it adds, and when it pays back. Optional; 0 when left out.
hourly_value: 30

# The fraction of learning fees refunded (an employer's budget, a tax credit): 0.3 is
# 30 %. Optional; 0 when left out.
learning_subsidy: 0

# Yearly inflation, as a fraction: money is shown in {year} money too, beside the
# nominal figures. Optional; delete it to see nominal money alone.
inflation: 0.02

# Free text, ignored by the model. Optional.
notes: What I plan to learn, and why.
"""


def starter_profile(year: int, path: str) -> str:
    """The starter profile, dated `year`: a certification held since the year before, which
    expires after the projected years, and one planned for the year after, priced."""
    return STARTER.format(
        year=year,
        last_year=year - 1,
        next_year=year + 1,
        in_two=year + 2,
        in_three=year + 3,
        in_four=year + 4,
        expires=year + 6,
        path=path,
    )
