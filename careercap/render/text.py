"""Number and text formats shared by the renderers."""

from __future__ import annotations

import re

# C0 and C1 control characters (and DEL): shown as escapes so that a profile cannot move
# the cursor, clear the screen or change colours in someone's terminal.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Text with control characters made visible (`\\x1b`), safe to show in a terminal."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def money(amount: float) -> str:
    return f"{round(amount, 2) + 0.0:,.2f}"  # + 0.0 turns a rounded -0.0 into 0.0


def percent(rate: float) -> str:
    return f"{round(rate * 100, 2) + 0.0:+.2f} %"


def factor(value: float) -> str:
    return f"×{value:.4f}"
