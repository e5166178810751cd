"""The README is part of the product: its commands and its output must be the real ones.

Every `console` block of the README is replayed: `$ careercap ...` runs (with `| head -N`
applied), `$ cat FILE` either writes FILE from the block (when FILE does not exist yet) or
checks it, and `$ echo $?` checks the exit status. Output is compared as a terminal shows
it, trailing spaces aside."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careercap import __version__
from careercap.cli.app import app
from tests.conftest import ROOT, TERMINAL

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
CONSOLE_BLOCKS = re.findall(r"```console\n(.*?)```", README, re.S)


def shell_blocks() -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", README, re.S)]


def test_readme_starts_with_the_install_and_test_commands() -> None:
    install, test = shell_blocks()[:2]
    assert install.startswith("pip install . && careercap project profiles/")
    assert test == "pip install -e '.[test,charts]' && python -m pytest"
    assert README.index(install) < README.index("## ")


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    test = shell_blocks()[1]
    assert test in CI.splitlines()


def steps(block: str) -> list[tuple[str, str]]:
    """(command, output) pairs of a console block."""
    pairs: list[tuple[str, str]] = []
    for line in block.splitlines(keepends=True):
        if line.startswith("$ "):
            pairs.append((line[2:].strip(), ""))
        else:
            command, output = pairs[-1]
            pairs[-1] = (command, output + line)
    return pairs


def plain(text: str) -> str:
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def replay_block(block: str) -> str:
    """The block as it is when each command's output is the real one. `cat` of a file that
    does not exist yet writes it from the block; files live in a scratch directory that has
    a copy of profiles/."""
    runner = CliRunner(env=TERMINAL)
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copytree(ROOT / "profiles", Path(scratch) / "profiles")
        here = Path.cwd()
        os.chdir(scratch)
        try:
            status, replayed = 0, ""
            for command, shown in steps(block):
                words = shlex.split(command)
                if words[0] == "cat":
                    path = Path(words[1])
                    if not path.exists():
                        path.write_text(shown, encoding="utf-8")
                    output = path.read_text(encoding="utf-8")
                elif words[0] == "echo":
                    output = f"{status}\n"
                else:
                    env = {}
                    while "=" in words[0]:  # `COLUMNS=40 careercap ...`
                        name, _, value = words.pop(0).partition("=")
                        env[name] = value
                    assert words[0] == "careercap", command
                    head = None
                    if "|" in words:
                        head = int(words[words.index("|") + 2].lstrip("-"))
                        words = words[: words.index("|")]
                    result = runner.invoke(app, words[1:], prog_name="careercap", env=env)
                    status = result.exit_code
                    output = result.output if head is None else "".join(result.output.splitlines(True)[:head])
                replayed += f"$ {command}\n{plain(output)}"
            return replayed
        finally:
            os.chdir(here)


@pytest.mark.parametrize("block", CONSOLE_BLOCKS, ids=[f"block{i}" for i in range(len(CONSOLE_BLOCKS))])
def test_readme_console_blocks_show_real_output(block: str) -> None:
    assert replay_block(block) == block


def test_every_console_block_is_checked() -> None:
    assert len(CONSOLE_BLOCKS) >= 5


def test_readme_links_work_on_a_package_index_page() -> None:
    """The README is the package's page on an index, where a link relative to the
    repository leads nowhere."""
    targets = re.findall(r"\]\(([^)]+)\)", README)
    assert [target for target in targets if not target.startswith(("https://", "#"))] == []


def test_the_changelog_has_this_version_and_the_package_its_licence() -> None:
    assert f"## {__version__} " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
