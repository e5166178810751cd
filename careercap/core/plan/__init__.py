"""The smallest learning plan that keeps every projected year out of static (and, when
asked, reaches a target income by a year): an exact search, pure like the engine.

Smallest means fewest learning events, then the earliest years, then skills before
certifications (a dated skill is usually less effort, and is all that a year's state
needs). The search is dynamic programming over the years: exact, and polynomial in the
horizon, where trying every plan was exponential.

- `problem`: what is asked and the answer: `Addition`, `Limits`, `Plan`, `PlanError`, the
  profile with a plan's additions (`with_additions`, `names_of`), what a plan must reach.
- `items`: what a plan may add (`Item`): a catalogue's options, or generic events.
- `bounds`: the caps (`MOST_EVENTS`, `MOST_WORK`...), and what is passed over before the
  search: options that others beat, a budget or hours that cannot bind.
- `search`: the fewest generic events, with a target or without (`Search`).
- `labels`: a partial plan as the priced search keeps it (`Label`).
- `priced`: the search when learning has a price: a catalogue, a budget, hours, net gain
  (`Priced`).
- `find`: `find_plan`, which checks what was asked and runs the search that fits.

This module holds the names the rest of careercap imports.
"""

from careercap.core.plan.bounds import MOST_EVENTS, MOST_SETS, MOST_SPREADS, MOST_WORK, MOST_WORK_WEIGHED
from careercap.core.plan.find import find_plan
from careercap.core.plan.problem import (
    Addition,
    Kind,
    Limits,
    Objective,
    Plan,
    PlanError,
    Spent,
    names_of,
    new_names,
    reachable,
    reaches,
    with_additions,
)

__all__ = [
    "MOST_EVENTS",
    "MOST_SETS",
    "MOST_SPREADS",
    "MOST_WORK",
    "MOST_WORK_WEIGHED",
    "Addition",
    "Kind",
    "Limits",
    "Objective",
    "Plan",
    "PlanError",
    "Spent",
    "find_plan",
    "names_of",
    "new_names",
    "reachable",
    "reaches",
    "with_additions",
]
