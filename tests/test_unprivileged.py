"""The hostile suites again, without root's privileges.

Run as root (as in containers and CI), careercap could read any file and replace any
device: the hostile-input catalogue, the file and stream tests and the worker tests are
run again in a process that cannot. As the user `nobody` where that user can run this interpreter and
read this checkout; else as root with every capability dropped, so that file permissions
bind it as they bind any user (and devices cannot be made). Skipped, with the reason,
where neither can be had.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

SUITES = [
    "tests/reading/test_hostile.py",
    "tests/cli/test_files_and_streams.py",
    "tests/cli/test_jobs.py",  # workers signalled, killed and looked for in /proc as any user
]


_PROBE = """
import subprocess, sys
import careercap, pytest, hypothesis
subprocess.run([sys.executable, "-c", "import careercap"], check=True)
"""


def _works(command: list[str]) -> bool:
    """Whether the suites can run so: this interpreter, its packages and this checkout are
    within reach, and it can start itself again (the suites run careercap as a process)."""
    probe = [*command, sys.executable, "-c", _PROBE]
    return subprocess.run(probe, cwd=ROOT, capture_output=True, check=False, timeout=60).returncode == 0


def unprivileged() -> tuple[list[str], str]:
    """The command prefix that drops privileges, and who the suites then run as."""
    if os.geteuid() != 0:
        pytest.skip("this run is unprivileged already: the suites ran as they are")
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is not installed, so privileges cannot be dropped")
    nobody = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--inh-caps=-all"]
    if _works(nobody):
        return nobody, "nobody"
    rootless = [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--ambient-caps=-all"]
    if _works(rootless):
        return rootless, "root without capabilities"
    pytest.skip("privileges cannot be dropped here (setpriv failed)")


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A temporary folder the unprivileged process can write (pytest's own is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="careercap-unprivileged-"))
    folder.chmod(0o777)
    yield folder
    subprocess.run(["rm", "-rf", str(folder)], check=True)  # shutil.rmtree recurses, and the tree is deep


@pytest.mark.slow
def test_the_hostile_suites_pass_without_privileges(shared_folder: Path) -> None:
    command, who = unprivileged()
    result = subprocess.run(
        [*command, sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         "--basetemp", str(shared_folder / "run"), *SUITES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(shared_folder)},
        check=False,
        timeout=1200,
    )  # fmt: skip
    assert result.returncode == 0, f"as {who}:\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}"
    # What needed an unprivileged process ran: unreadable files were unreadable.
    assert "test_unreadable_entries_are_errors_for_themselves_alone" not in result.stdout
    assert " passed" in result.stdout.splitlines()[-1]
