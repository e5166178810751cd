"""The README is part of the product: its commands and its output must be the real ones."""

from __future__ import annotations

import re
from collections.abc import Callable

from tests.conftest import ROOT, Invoke

Write = Callable[..., str]

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def shell_blocks() -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", README, re.S)]


def test_readme_starts_with_the_install_and_test_commands() -> None:
    install, test = shell_blocks()[:2]
    assert install.startswith("pip install . && careercap project profiles/")
    assert test == "pip install -e '.[test]' && python -m pytest"
    assert README.index(install) < README.index("## ")


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    test = shell_blocks()[1]
    assert test in CI.splitlines()


def test_the_readme_table_is_the_real_output() -> None:
    shown = re.search(r"\$ careercap project profiles/data-engineer.yaml\n(.*?)```", README, re.S)
    assert shown is not None
    expected = (ROOT / "tests" / "expected" / "data-engineer.txt").read_text(encoding="utf-8")
    assert shown.group(1) == "\n".join(line.rstrip() for line in expected.splitlines()) + "\n"


def test_the_readme_error_example_is_the_real_output(cli: Invoke, write: Write) -> None:
    shown = re.search(
        r"\$ cat bad.yaml\n(.*?)\$ careercap project bad.yaml\n(.*?)\$ echo \$\?\n(\d+)\n", README, re.S
    )
    assert shown is not None
    content, stderr, status = shown.groups()
    result = cli("project", write("bad.yaml", content))
    assert (result.stderr, result.exit_code) == (stderr, int(status))


def test_the_readme_comparison_is_the_real_output(cli: Invoke) -> None:
    shown = re.search(r"\$ (careercap compare [^\n]*)\n(.*?)```", README, re.S)
    assert shown is not None
    command, output = shown.groups()
    result = cli(*command.split()[1:], cwd=ROOT)
    assert output == "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"
