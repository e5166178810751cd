"""The command line: the process boundary (entry point, exit statuses, signals, the
console) and the Typer commands, each a thin translation of options into one call below."""

from __future__ import annotations

import os
import sys
from typing import Any


def _interrupted_early(signum: int, frame: object) -> None:
    os._exit(130)  # the boundary's EXIT_INTERRUPTED; nothing is written yet, nothing to finish


def main() -> None:
    """The `careercap` command. The commands are imported only once the process boundary
    is in place, so that even an interrupt during start-up ends with exit status 130."""
    import signal

    # Until the boundary is in place (importing it takes a while), Ctrl-C ends the process
    # at once, quietly, with the status the boundary gives it. (Where Ctrl-C is ignored, as
    # in a background job, it stays ignored.)
    interrupt = signal.getsignal(signal.SIGINT)
    if interrupt is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupted_early)
    from careercap.cli import streams

    streams.prepare()
    from careercap.cli.boundary import COMPLETE, exit_status

    if interrupt is signal.default_int_handler:
        signal.signal(signal.SIGINT, interrupt)

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
