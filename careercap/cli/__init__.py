"""The command line: the process boundary (entry point, exit statuses, signals, the
console) and the Typer commands, each a thin translation of options into one call below."""

from __future__ import annotations

import os
import sys
from typing import Any


def main() -> None:
    """The `careercap` command. The commands are imported only once the process boundary
    is in place, so that even an interrupt during start-up ends with exit status 130."""
    from careercap.cli import streams

    streams.prepare()
    from careercap.cli.boundary import COMPLETE, exit_status

    def build() -> Any:
        import typer

        from careercap.cli.app import app

        if COMPLETE in os.environ:  # a shell asks for completions: Typer's own, registered
            from typer.completion import completion_init  # type: ignore[attr-defined]  # re-exported

            completion_init()
        return typer.main.get_command(app)

    commands: list[Any] = []
    status = exit_status(lambda: commands.append(build()))
    if not commands:
        sys.exit(status)
    commands[0].main(prog_name="careercap", complete_var=COMPLETE)
