"""careercap: project what a skill profile is worth under the micro-specialization rules.

Public API::

    from careercap import load, project, default_rules
    for loaded in load("profiles/data-engineer.yaml"):
        if loaded.profile is not None:
            print(project(loaded.profile, default_rules()).summary.final_income)

    # A cohort, streamed to CSV by two processes, as `careercap project` does it:
    from careercap import project_many
    errors = project_many(["profiles/"], output="cohort.csv", jobs=2)

The names below are imported when first used, so that `import careercap` (and the
command line's start-up) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_PUBLIC = {
    "Loaded": "careercap.reading.profiles",
    "load": "careercap.reading.profiles",
    "Profile": "careercap.core.profile",
    "Projection": "careercap.core.engine",
    "project": "careercap.core.engine",
    "Result": "careercap.core.result",
    "result_of": "careercap.core.result",
    "Rules": "careercap.core.rules",
    "default_rules": "careercap.reading.rules",
    "load_rules": "careercap.reading.rules",
    "compare": "careercap.core.comparison",
    "project_many": "careercap.run.project",
    "Overrides": "careercap.run.pipeline",
}

if TYPE_CHECKING:
    from careercap.core.comparison import compare
    from careercap.core.engine import Projection, project
    from careercap.core.profile import Profile
    from careercap.core.result import Result, result_of
    from careercap.core.rules import Rules
    from careercap.reading.profiles import Loaded, load
    from careercap.reading.rules import default_rules, load_rules
    from careercap.run.pipeline import Overrides
    from careercap.run.project import project_many

__all__ = [
    "Loaded",
    "Overrides",
    "Profile",
    "Projection",
    "Result",
    "Rules",
    "__version__",
    "compare",
    "default_rules",
    "load",
    "load_rules",
    "project",
    "project_many",
    "result_of",
]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'careercap' has no attribute {name!r}")
