"""careercap: project what a skill profile is worth under the micro-specialization rules.

Public API::

    from careercap import load, project, default_rules
    for loaded in load("profiles/data-engineer.yaml"):
        if loaded.profile is not None:
            print(project(loaded.profile, default_rules()).summary.final_income)

The names below are imported when first used, so that `import careercap` (and the
command line's start-up) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_PUBLIC = {
    "Loaded": "careercap.loader",
    "load": "careercap.loader",
    "Profile": "careercap.profile",
    "Projection": "careercap.engine",
    "project": "careercap.engine",
    "Rules": "careercap.rules",
    "default_rules": "careercap.rules",
    "load_rules": "careercap.rules",
    "compare": "careercap.comparison",
}

if TYPE_CHECKING:
    from careercap.comparison import compare
    from careercap.engine import Projection, project
    from careercap.loader import Loaded, load
    from careercap.profile import Profile
    from careercap.rules import Rules, default_rules, load_rules

__all__ = [
    "Loaded",
    "Profile",
    "Projection",
    "Rules",
    "__version__",
    "compare",
    "default_rules",
    "load",
    "load_rules",
    "project",
]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'careercap' has no attribute {name!r}")
