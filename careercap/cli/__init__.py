"""The command line: the process boundary (entry point, exit statuses, signals, the
console) and the Typer commands, each a thin translation of options into one call below."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn


def _interrupted_early(signum: int, frame: object) -> None:
    os._exit(130)  # the boundary's EXIT_INTERRUPTED; nothing is written yet, nothing to finish


def main(argv: Sequence[str] | None = None) -> int:
    """Run careercap's command line on `argv` (else the process's arguments) and return
    the exit status `careercap` would end with. Every error becomes lines on standard
    error and a status; nothing here ends the process, so a program may call it and go on.
    """
    from careercap.cli.boundary import COMPLETE, exit_status

    arguments = sys.argv[1:] if argv is None else list(argv)
    commands: list[Any] = []
    status = exit_status(lambda: commands.append(_command_for(arguments)))
    if not commands:
        return status
    try:
        return int(commands[0].main(arguments, "careercap", COMPLETE, standalone_mode=False))
    except SystemExit as exc:  # a shell's completion request ends as click ends it
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1


def entry() -> NoReturn:
    """The `careercap` command: the process set up for a run, `main`, and the process ended
    with its status at once. The commands are imported only once the process boundary is in
    place, so that even an interrupt during start-up ends with exit status 130."""
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
    import importlib

    from careercap.cli import streams

    streams.prepare()
    importlib.import_module("careercap.cli.boundary")  # in place before Ctrl-C is let through
    if interrupt is signal.default_int_handler:
        signal.signal(signal.SIGINT, interrupt)
    status = main()
    while True:  # the run is over and said so: a Ctrl-C or a SIGTERM now changes nothing
        try:
            _deaf_to_signals()
        except (streams.Terminated, KeyboardInterrupt):  # one came before they were set aside
            continue
        break
    # A tracer or a profiler (coverage, cProfile) writes what it saw at exit: let it.
    if sys.gettrace() or sys.getprofile() or "coverage" in sys.modules:
        sys.exit(status)
    _leave(status)


def _deaf_to_signals() -> None:
    """Ignore Ctrl-C, SIGTERM and SIGHUP from now on. (A signal handler runs at the next
    call: one may still raise before this is done, and the caller tries again.)"""
    import signal

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)


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


def _command_for(arguments: list[str]) -> Any:
    """The Click command that runs these arguments: with only the command they name when
    they start with one (`careercap project ...`), else (`--help`, `--version`, a mistyped
    name, a shell asking for completions) every command."""
    import typer

    from careercap.cli.app import COMMANDS, make_app
    from careercap.cli.boundary import COMPLETE

    if COMPLETE in os.environ:  # a shell asks for completions: Typer's own, registered
        from typer.completion import completion_init  # type: ignore[attr-defined]  # re-exported

        completion_init()
        return typer.main.get_command(make_app())
    named = arguments[0] if arguments and arguments[0] in COMMANDS else None
    return typer.main.get_command(make_app(named))
