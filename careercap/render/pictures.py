"""Pictures of the text views (`--svg`, `--html`) that open offline: Rich's own formats,
without the web font its SVG fetches, and with a title in the HTML."""

from __future__ import annotations

import html
import inspect
import re

from rich.console import Console


def _default(method: str) -> str:
    value = inspect.signature(getattr(Console, method)).parameters["code_format"].default
    assert isinstance(value, str)
    return value


SVG_FORMAT = re.sub(r',\s*url\("https?://[^"]*"\)\s*format\("[^"]*"\)', "", _default("export_svg"))
"""Rich's SVG with its fonts taken only from the machine (`local(...)`, then monospace):
a file about someone's income makes no request when it is opened."""


_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<title>{title}</title>
<style>
{{stylesheet}}
body {{{{
    color: {{foreground}};
    background-color: {{background}};
}}}}
</style>
</head>
<body>
    <pre style="font-family:{fonts}"><code style="font-family:inherit">{{code}}</code></pre>
</body>
</html>
"""


def html_format(title: str) -> str:
    """A page for Rich's HTML export: its own styles and system fonts, and a `<title>`."""
    fonts = "Menlo,'DejaVu Sans Mono',consolas,'Courier New',monospace"
    return _HTML.format(title=html.escape(title).replace("{", "{{").replace("}", "}}"), fonts=fonts)
