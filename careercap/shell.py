"""How careercap meets the shell: exit statuses, one-line usage errors, quiet pipes,
Ctrl-C, and consoles that stay plain where colour is not wanted.

`main` is the console script. It imports the rest of careercap only once it runs, so
that even an interrupt during start-up ends with exit status 130 and no traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any

import typer

# Typer carries its own copy of click from 0.29 on; its exception types live there.
from typer._click.core import Context as ClickContext  # no public alias exists
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 130, 141
EXIT_INTERNAL = 70  # EX_SOFTWARE: careercap itself failed


class OutputClosed(Exception):
    """Standard output was closed early. Not an OSError, so that Typer (which exits 1 on
    EPIPE) lets it through to `exit_status`."""


def _stdout_gone() -> int:
    # The reader went away (`... | head`): stop quietly, as Unix tools do. Standard output
    # is pointed at /dev/null so that the interpreter's last flush cannot fail again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_PIPE


def exit_status(run: Callable[[], Any]) -> int:
    """Run the command line and turn every way out of it into an exit status."""
    try:
        status = run()
        sys.stdout.flush()
    except ClickException as exc:
        context = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError":
            return EXIT_USAGE  # Typer has shown the help already
        where = context.command_path if context is not None else "careercap"
        print(f"{where}: error: {exc.format_message()}", file=sys.stderr)
        if context is not None:
            print(f"Try '{where} --help' for help.", file=sys.stderr)
        return exc.exit_code
    except (KeyboardInterrupt, typer.Abort):
        print("careercap: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (BrokenPipeError, OutputClosed):
        return _stdout_gone()
    except Exception as exc:  # a bug in careercap: one line rather than a traceback
        if os.environ.get("CAREERCAP_DEBUG"):
            raise
        print(
            f"careercap: internal error: {type(exc).__name__}: {exc} "
            "(set CAREERCAP_DEBUG=1 for the traceback, and please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return status if isinstance(status, int) else EXIT_OK


class CareercapGroup(TyperGroup):
    """Typer's group, with careercap's one-line usage errors and exit statuses."""

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise OutputClosed from None

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


def console(stream: IO[str] | None = None, record: bool = False) -> Console:
    """A Rich console on `stream` (standard output by default): no colour or control codes
    off a terminal or when NO_COLOR is set, and a closed pipe left to `exit_status`. With
    `record`, what it prints can be saved as SVG or HTML."""
    from rich.console import Console  # noqa: PLC0415 - Rich is needed for tables only

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # Rich would exit 1; careercap exits 141
            raise BrokenPipeError

    plain = bool(os.environ.get("NO_COLOR"))
    return _Console(file=stream, highlight=False, color_system=None if plain else "auto", record=record)


def main() -> None:
    """The `careercap` command."""

    def build() -> Any:
        from careercap.cli import app  # noqa: PLC0415 - imported here so Ctrl-C at start-up exits 130

        return typer.main.get_command(app)

    commands: list[Any] = []
    status = exit_status(lambda: commands.append(build()))
    if not commands:
        sys.exit(status)
    commands[0].main(prog_name="careercap")
