"""The README and the manual in docs/ are part of the product: their commands and their
output must be the real ones.

Every `console` block of the README and of each docs/*.md page is replayed: `$ careercap ...`
runs (with `| head -N` applied), `$ cat FILE` either writes FILE from the block (when FILE
does not exist yet) or checks it, and `$ echo $?` checks the exit status. Output is compared
as a terminal shows it, trailing spaces aside. docs/commands.md shows each command's `--help`
as it is, so that the reference and the help cannot drift apart.

After a deliberate change to the output, `python -m tests.test_docs` rewrites the output in
every console block; review the diff."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import tempfile
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from careercap import __version__
from careercap.cli.app import app
from careercap.render.schema import UNCHECKED
from tests.conftest import CHARTS, ROOT, TERMINAL

CONSOLE = re.compile(r"```console\n(.*?)```", re.S)
README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
PAGES = {path.name: path.read_text(encoding="utf-8") for path in sorted(DOCS.glob("*.md"))}
COMMANDS = list(typer.main.get_command(app).commands)

# (page, block): the README's blocks first, then each page's in turn.
CONSOLE_BLOCKS = [("README.md", block) for block in CONSOLE.findall(README)] + [
    (f"docs/{name}", block) for name, text in PAGES.items() for block in CONSOLE.findall(text)
]


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


@pytest.mark.parametrize(
    ("page", "block"), CONSOLE_BLOCKS, ids=[f"{page}-block{i}" for i, (page, _) in enumerate(CONSOLE_BLOCKS)]
)
def test_console_blocks_show_real_output(page: str, block: str) -> None:
    if not CHARTS and re.search(r"^\$ .*careercap (chart|report)\b", block, flags=re.M):
        pytest.skip("the block draws a chart, which needs the charts extra: pip install '.[charts]'")
    assert replay_block(block) == block, page


def test_every_console_block_is_checked() -> None:
    pages = [page for page, _ in CONSOLE_BLOCKS]
    assert pages.count("README.md") >= 3
    assert len(pages) - pages.count("README.md") >= 20


def test_the_readme_stays_short() -> None:
    """The README is a pitch, the two commands and a tour; the manual is in docs/."""
    assert len(README.encode("utf-8")) <= 12_000


def test_readme_links_work_on_a_package_index_page() -> None:
    """The README is the package's page on an index, where a link relative to the
    repository leads nowhere."""
    targets = re.findall(r"\]\(([^)]+)\)", README)
    assert [target for target in targets if not target.startswith(("https://", "#"))] == []


def anchors(text: str) -> set[str]:
    """The anchors a Markdown page's headings get, as GitHub makes them."""
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    found: set[str] = set()
    for heading in re.findall(r"^#+ (.+)$", prose, re.M):
        anchor = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        number, unique = 0, anchor
        while unique in found:
            number += 1
            unique = f"{anchor}-{number}"
        found.add(unique)
    return found


@pytest.mark.parametrize("name", list(PAGES))
def test_the_manuals_links_lead_somewhere(name: str) -> None:
    prose = re.sub(r"```.*?```", "", PAGES[name], flags=re.S)
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if target.startswith("https://"):
            continue
        path, _, anchor = target.partition("#")
        file = (DOCS / path).resolve() if path else DOCS / name
        found = file.is_file() and (
            not anchor or file.suffix != ".md" or anchor in anchors(file.read_text(encoding="utf-8"))
        )
        if not found:
            broken.append(target)
    assert broken == []


def test_the_manuals_index_lists_every_page() -> None:
    index = PAGES["README.md"]
    assert [name for name in PAGES if name != "README.md" and f"]({name})" not in index] == []


def help_block(command: str) -> str:
    """The console block of docs/commands.md that shows `careercap COMMAND --help`."""
    prompt = f"$ careercap {command} --help\n" if command else "$ careercap --help\n"
    [block] = [block for block in CONSOLE.findall(PAGES["commands.md"]) if block.startswith(prompt)]
    return block


def test_every_command_has_a_section_with_its_help() -> None:
    page = PAGES["commands.md"]
    for command in COMMANDS:
        section = page.split(f"\n## careercap {command}\n", 1)[1].split("\n## ", 1)[0]
        assert help_block(command) in section, command


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_the_command_reference_shows_the_help_as_it_is(command: str) -> None:
    """Each command's `--help`, at the width the tests use (COLUMNS=100), exactly."""
    result = CliRunner(env=TERMINAL).invoke(app, [*command.split(), "--help"], prog_name="careercap")
    assert result.exit_code == 0
    prompt = help_block(command).splitlines(keepends=True)[0]
    assert help_block(command) == prompt + plain(result.output)


def test_the_profile_page_lists_what_only_validate_catches() -> None:
    assert [item for item in UNCHECKED if item not in PAGES["profile.md"]] == []


def test_the_changelog_has_this_version_and_the_package_its_licence() -> None:
    assert f"## {__version__} " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def refresh() -> None:
    """Rerun every console block of the README and of docs/*.md, and put in its output."""
    for path in [README_PATH, *sorted(DOCS.glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        for block in CONSOLE.findall(text):
            text = text.replace(block, replay_block(block), 1)
        path.write_text(text, encoding="utf-8")
        print("wrote", path.relative_to(ROOT))


if __name__ == "__main__":
    refresh()
