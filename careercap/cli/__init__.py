"""The command line: the process boundary (entry point, exit statuses, signals, the
console) and the Typer commands, each a thin translation of options into one call below."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any, NoReturn


def _interrupted_early(signum: int, frame: object) -> None:
    os._exit(130)  # the boundary's EXIT_INTERRUPTED; nothing is written yet, nothing to finish


def main() -> None:
    """The `careercap` command. The commands are imported only once the process boundary
    is in place, so that even an interrupt during start-up ends with exit status 130."""
    import gc
    import signal

    # Start-up makes hundreds of thousands of objects (modules, Pydantic's validators,
    # Rich's styles) and frees few, so the collector's default pace of a pass per 700 new
    # objects only traverses them again and again (some 3 % of a one-profile run). A pass
    # per 50,000 still finds the rare cycle long before it weighs anything.
    gc.set_threshold(50_000, 10, 10)

    # careercap's models are its own: Pydantic plugins, which watch an application's
    # models, have nothing to see here, and looking for them reads the metadata of every
    # installed package (the more there are, the longer). Typer does the same for its own
    # options. A PYDANTIC_DISABLE_PLUGINS already set is left as it is.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

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
        return typer.main.get_command(_only_the_command_run(app, sys.argv[1:]))

    commands: list[Any] = []
    status = exit_status(lambda: commands.append(build()))
    if not commands:
        sys.exit(status)
    try:
        commands[0].main(prog_name="careercap", complete_var=COMPLETE)
    except SystemExit as exc:
        # A tracer or a profiler (coverage, cProfile) writes what it saw at exit: let it.
        if not isinstance(exc.code, int) or sys.gettrace() or sys.getprofile() or "coverage" in sys.modules:
            raise
        _leave(exc.code)


def _leave(status: int) -> NoReturn:
    """End the process with `status` now. Python's own teardown frees every object one by
    one (some 20 ms, longer than projecting a profile), and careercap needs none of it:
    every file it wrote is closed, every worker has ended, and nothing it uses runs at
    exit. Standard output was flushed by the boundary, which reports a failure to write it;
    what is left in either buffer goes out here."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # nothing more can be told if this fails
            stream.flush()
    os._exit(status)


def _only_the_command_run(app: Any, arguments: list[str]) -> Any:
    """The app with only the command these arguments run, when they start with its name
    (`careercap project ...`): building every command's options takes longer than most
    runs. Anything else (`--help`, `--version`, a mistyped name) gets the whole app."""
    import copy

    from typer.main import get_command_name

    if not arguments:
        return app
    run = [
        command
        for command in app.registered_commands
        if (command.name or get_command_name(command.callback.__name__)) == arguments[0]
    ]
    if not run:
        return app
    only = copy.copy(app)
    only.registered_commands = run
    return only
