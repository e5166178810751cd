"""`project --summary` as a table is printed a thousand rows at a time, to keep only the
rows in memory: the pieces must read as the one table Rich would print."""

from __future__ import annotations

import functools
import io

import pytest
from rich.console import Console

from careercap.core.engine import project
from careercap.core.profile import Profile
from careercap.core.result import result_of
from careercap.reading.rules import default_rules
from careercap.render.table import _columns, _summary_table, summary_pieces, summary_row


@functools.cache
def rows(count: int) -> list[str]:
    rules = default_rules()
    made = []
    for index in range(count):
        # The longest name comes last, in the last piece, and sets its column's width.
        name = "A much longer name than any other, last of all" if index == count - 1 else f"P{index}"
        profile = Profile(name=name, income=20_000 + 37 * index, as_of=2025, horizon=1 + index % 9)
        made.append(summary_row(result_of(f"cohort/{index}.yaml", 1 + index % 3, project(profile, rules))))
    return made


def printed(width: int, *renderables: object) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    for renderable in renderables:
        console.print(renderable, end="")
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


@pytest.mark.parametrize("width", [100, 160, 200])
def test_a_summary_in_pieces_prints_as_the_whole_table_would(width: int) -> None:
    many = rows(2_345)  # three pieces
    console = Console(file=io.StringIO(), width=width, color_system=None)
    pieces = list(summary_pieces(many, console))
    assert len(pieces) == 3
    whole = printed(width, _summary_table(many, None, True, _columns(many)))
    assert printed(width, *pieces) == whole


def test_an_empty_summary_is_a_table_with_headings_only() -> None:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    (piece,) = summary_pieces([], console)
    assert printed(100, piece) == printed(100, _summary_table([], None, True, _columns([])))
