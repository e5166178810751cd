"""What a command shows at the terminal: Rich views on standard output, and the copies
of them that --svg and --html save. Files and standard output are written by
`careercap.run.files`."""

from __future__ import annotations

import io
import sys
from typing import TYPE_CHECKING, TextIO

from careercap.cli.boundary import console, screen_width
from careercap.errors import UsageError
from careercap.run.files import write_text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def terminal_width() -> int:
    """Standard output's width for prose, as for tables: the terminal's, or COLUMNS, or 80."""
    return screen_width()


def show(view: RenderableType) -> None:
    """A table or other Rich view on standard output."""
    console().print(view)


FILE_WIDTH = 100
"""Columns of the text written to files (-o FILE.txt, --svg, --html) unless --width says."""


class Pictures:
    """The consoles a view is printed on: standard output's (as wide as the terminal, or
    COLUMNS), or an output file's; and, when --svg or --html asks for a copy, a recording
    console as wide as a file, whose record `save` writes. A file's text is the same
    whatever terminal ran the command."""

    def __init__(
        self,
        svg: str | None = None,
        html: str | None = None,
        output_format: str = "table",
        width: int | None = None,
    ) -> None:
        if (svg or html) and output_format != "table":
            raise UsageError("--svg and --html save table output", "pictures")
        self.svg, self.html = svg, html
        self.width = width or FILE_WIDTH
        self.made: list[Console] = []

    def consoles(self, stream: TextIO | None = None) -> list[Console]:
        """Standard output's console (or, with `stream`, a file's), and the recording one."""
        if not self.made:
            on_file = stream is not None and stream is not sys.stdout
            self.made.append(console(stream, width=self.width if on_file else None))
            if self.svg or self.html:
                self.made.append(console(io.StringIO(), record=True, width=self.width))
        return self.made

    def show(self, view: RenderableType, title: str) -> None:
        """Print a view on standard output, and save it as asked."""
        for each in self.consoles():
            each.print(view)
        self.save(title)

    def save(self, title: str) -> None:
        if len(self.made) < 2:
            return
        from careercap.render.pictures import SVG_FORMAT, html_format

        recorder = self.made[1]
        if self.svg is not None:
            write_text(recorder.export_svg(title=title, clear=False, code_format=SVG_FORMAT), self.svg, None)
        if self.html is not None:
            write_text(recorder.export_html(clear=False, code_format=html_format(title)), self.html, None)
