"""careercap: project what a skill profile is worth under the micro-specialization rules.

Public API::

    from careercap import load, project, default_rules
    for loaded in load("profiles/data-engineer.yaml"):
        if loaded.profile is not None:
            print(project(loaded.profile, default_rules()).summary.final_income)
"""

__version__ = "0.1.0"

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
    "default_rules",
    "load",
    "load_rules",
    "project",
]
