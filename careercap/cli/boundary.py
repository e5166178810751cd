"""How careercap meets the shell: exit statuses, one-line usage errors, quiet pipes,
Ctrl-C, and consoles that stay plain where colour is not wanted.

Every way out of the process is mapped to an exit status here, and every error a
command meets becomes lines on standard error here (`guarded`), so that the commands only
translate options and call below.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import sys
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any, ParamSpec, Protocol, TypeVar, runtime_checkable

import typer
from typer.core import TyperCommand, TyperGroup

from careercap.cli.streams import Terminated, silence_stdout
from careercap.errors import CareercapError, Diagnostic, Invalid, OutputFailed, UsageError, lines, visible
from careercap.run.workers import WorkerLost, end_workers

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 130, 141
EXIT_INTERNAL = 70  # EX_SOFTWARE: careercap itself failed
EXIT_SIGNAL = 128  # plus the signal's number, as shells report a process a signal ended


COMPLETE = "_CAREERCAP_COMPLETE"
"""The variable through which a shell's completion script asks careercap for words."""


class OutputClosed(Exception):
    """Standard output was closed early. Not an OSError, so that Typer (which exits 1 on
    EPIPE) lets it through to `exit_status`."""


@runtime_checkable
class _CommandLineError(Protocol):
    """What Click's exceptions (and Typer's, which are public only in part) have in common:
    a message to show and an exit status."""

    exit_code: int

    def format_message(self) -> str: ...


def say(line: str) -> None:
    """One line on standard error, control characters made visible; nothing if it is gone."""
    with contextlib.suppress(OSError):  # standard error cannot be written: the status still tells
        print(visible(line), file=sys.stderr)


def exit_status(run: Callable[[], Any]) -> int:
    """Run the command line and turn every way out of it into an exit status, once every
    worker process it started has ended."""
    try:
        return _status_of(run)
    finally:
        end_workers()


def _status_of(run: Callable[[], Any]) -> int:
    try:
        status = run()
        sys.stdout.flush()
    except (KeyboardInterrupt, typer.Abort):
        say("careercap: interrupted")
        return EXIT_INTERRUPTED
    except Terminated as exc:
        say(f"careercap: terminated by {signal.Signals(exc.signum).name}")
        return EXIT_SIGNAL + exc.signum
    except (BrokenPipeError, OutputClosed):
        # The reader went away (`... | head`): stop quietly, as Unix tools do.
        silence_stdout()
        return EXIT_PIPE
    except OutputFailed as exc:
        silence_stdout()
        say(f"careercap: error: cannot write {exc.what}: {exc}")
        return EXIT_USAGE
    except WorkerLost as exc:  # killed from outside, or out of memory: not careercap's bug
        say(f"careercap: error: {exc}")
        return EXIT_INTERNAL
    except Exception as exc:
        if isinstance(exc, _CommandLineError):
            return _usage(exc)
        # A bug in careercap: one line rather than a traceback.
        if os.environ.get("CAREERCAP_DEBUG"):
            raise
        say(
            f"careercap: internal error: {type(exc).__name__}: {exc} "
            "(set CAREERCAP_DEBUG=1 for the traceback, and please report it)"
        )
        return EXIT_INTERNAL
    return status if isinstance(status, int) else EXIT_OK


def _usage(exc: _CommandLineError) -> int:
    """`careercap project: error: ...` and where to find help, for an error in the options."""
    context: typer.Context | None = getattr(exc, "ctx", None)
    where = context.command_path if context is not None else "careercap"
    say(f"{where}: error: {exc.format_message()}")
    if context is not None:
        say(f"Try '{where} --help' for help.")
    return exc.exit_code


def report(diagnostics: Sequence[Diagnostic]) -> None:
    """Problems with the input, one line each on standard error, as they arise."""
    if diagnostics:
        report_lines(lines(diagnostics))


def report_lines(text: str) -> None:
    """Problems already made into lines (`errors.lines`), on standard error in one write:
    standard error writes each line at once, and a cohort can have thousands."""
    if text:
        with contextlib.suppress(OSError):  # standard error cannot be written: the status still tells
            sys.stderr.write(text)


_SHOWN_AS = {
    "profiles": "'PROFILE'",
    "path": "'PATH'",
    "rules": "'--rules'",
    "catalogue": "'--catalogue'",
    "plan": "'--plan'",
    "sources": "'SOURCE...'",
    "currency": "'--currency'",
    "output": "'--output'",
    "format": "'--format'",
    "summary": "'--summary'",
    "pictures": "'--svg' / '--html'",
    "svg": "'--svg'",
    "html": "'--html'",
    "by": "'--by'",
    "max_events": "'--max-events'",
    "maximise": "'--maximise'",
    "quiet": "'--quiet'",
    "apply": "'--apply'",
    "apply_to": "'--apply-to'",
}
"""Each parameter a usage error may name, as the command line shows it."""
_HINTS: dict[str, str] = {}
"""What to do about a usage error, by the parameter it names, where the fix is an option."""

P = ParamSpec("P")
R = TypeVar("R")


def guarded(command: Callable[P, R], name: str) -> Callable[P, R]:
    """The command `name`, its errors ending as careercap's: located problems reported with
    exit 1, usage errors as Typer's (exit 2, naming the option), a closed pipe quietly."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:  # Typer turns it into exit status 130 without a word: say it
            say("careercap: interrupted")
            raise
        except BrokenPipeError:
            raise OutputClosed from None
        except CareercapError as exc:
            report(exc.diagnostics)
            raise typer.Exit(EXIT_INVALID) from None
        except Invalid:
            raise typer.Exit(EXIT_INVALID) from None
        except UsageError as exc:
            hint = _HINTS.get(exc.option or "")
            message = exc.message if hint is None else f"{exc.message}: {hint}"
            if exc.option is None:  # no option at fault: the message alone, not "Invalid value: ..."
                say(f"careercap {name}: error: {message}")
                say(f"Try 'careercap {name} --help' for help.")
                raise typer.Exit(EXIT_USAGE) from None
            raise typer.BadParameter(message, param_hint=_SHOWN_AS.get(exc.option, exc.option)) from None

    return run


class CareercapGroup(TyperGroup):
    """Typer's group, with careercap's one-line usage errors and exit statuses."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            text = ctx.get_help()  # with Rich, Typer prints the help as it makes it
            if text:
                typer.echo(text)  # without Rich, it returns it
            raise typer.Exit(EXIT_USAGE)
        return super().parse_args(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        def run() -> Any:
            return super(CareercapGroup, self).main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )

        status = exit_status(run)
        if standalone_mode:
            sys.exit(status)
        return status


def console(stream: IO[str] | None = None, record: bool = False, width: int | None = None) -> Console:
    """A Rich console on `stream` (standard output by default): no colour or control codes
    off a terminal or when NO_COLOR is set, and a closed pipe left to `exit_status`. With
    `record`, what it prints can be saved as SVG or HTML; with `width`, it is that wide
    whatever the terminal (else the terminal's width, or COLUMNS, or 80)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # Rich would exit 1; careercap exits 141
            raise BrokenPipeError

    plain = bool(os.environ.get("NO_COLOR"))
    return _Console(
        file=stream,
        highlight=False,
        color_system=None if plain else "auto",
        record=record,
        width=width or screen_width(),
    )


NARROWEST = 40
"""Columns below which careercap lays out as if there were 40: every view fits 40, and a
narrower terminal (or COLUMNS=0) wraps lines rather than losing them."""


def screen_width() -> int:
    """Standard output's width: the terminal's, or COLUMNS, or 80; never under NARROWEST."""
    return max(NARROWEST, shutil.get_terminal_size((80, 24)).columns)


class CareercapCommand(TyperCommand):
    """Typer's command, with arguments listed by what they are (`PROFILE...`), not by the
    Python type that holds them (`PROFILE <list[str]>`)."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                name, help_text = record
                name = name.split(" <", 1)[0] + ("..." if param.nargs != 1 else "")
                arguments.append((name, help_text))
            elif param.param_type_name == "option":
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)
