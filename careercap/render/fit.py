"""Layouts that fit: no figure is ever cut or split, at any width.

Rich fits a table that is too wide by wrapping its columns and, as a last resort, by
cutting every column, numbers included. careercap never lets it come to that: each view
offers its layouts, widest first, and `Fitted` prints the first one that fits the width it
is printed at (a terminal's, or a file's), judged by `needed`: the columns of figures
whole, each column of names or events at least `FOLD` wide. The last layout of every view
is `Stacked`, `label  value` lines in blocks, which fits any width from 40 columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

FOLD = 16
"""The narrowest a column that folds (names, events) may become: '(skill, planned)'."""

NARROW_FOLD = 10
"""Before a stacked block puts values under their labels, its labels may fold this narrow."""

INDENT = 2
"""How far a stacked block's lines stand in from its heading."""


def _width(cell: RenderableType) -> int:
    """The widest line of a cell that is text (other cells are taken to fold)."""
    if isinstance(cell, Text):
        text = cell.plain
    elif isinstance(cell, str):
        text = cell
    else:
        return 0
    return max((cell_len(line) for line in text.splitlines()), default=0)


def _table_needs(table: Table, fold: int) -> int:
    left, right = table.padding[3], table.padding[1]
    total = 0
    for index, column in enumerate(table.columns):
        cells = list(column.cells)
        if table.show_header:
            cells.append(column.header)
        natural = max((_width(cell) for cell in cells), default=0)
        width = max(column.min_width or 0, natural if column.no_wrap else min(natural, fold))
        pad_left = left if table.pad_edge or index else 0
        pad_right = right if table.pad_edge or index < len(table.columns) - 1 else 0
        total += width + pad_left + pad_right
    if table.box is not None:
        total += len(table.columns) - 1 + (2 if table.show_edge else 0)
    return total


def _text(cell: str | Text) -> Text:
    """A cell as Text of its own, to pad."""
    return Text(cell) if isinstance(cell, str) else cell.copy()


def _one_line(cell: str | Text) -> bool:
    return "\n" not in (cell if isinstance(cell, str) else cell.plain)


def needed(renderable: RenderableType, fold: int = FOLD) -> int:
    """The columns `renderable` needs for every figure in it to show whole: a table's
    columns that do not wrap at their widest cell, those that fold at `FOLD` or their
    widest cell if narrower; prose (which wraps) needs none."""
    if isinstance(renderable, Table):
        return _table_needs(renderable, fold)
    if isinstance(renderable, Group):
        return max((needed(part, fold) for part in renderable.renderables), default=0)
    if isinstance(renderable, Fitted):
        return needed(renderable.layouts[-1])
    return 0


class Fitted:
    """The first of several layouts of the same figures that fits the width it is printed
    at; the last, whether it fits or not. One view printed on a terminal 40 columns wide
    and into a file 100 wide gets the layout that fits each."""

    def __init__(self, *layouts: RenderableType) -> None:
        self.layouts = layouts

    def choose(self, width: int) -> RenderableType:
        for layout in self.layouts[:-1]:
            if needed(layout) <= width:
                return layout
        return self.layouts[-1]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.choose(options.max_width)


Row = tuple[str | Text, str | Text]
"""A stacked line: its label (which may fold) and its value (a figure, never cut)."""


class Block:
    """A heading (a year, a profile, a measure), its `label  value` lines, and lines of
    text (learning events, say) that fold to any width."""

    def __init__(self, heading: str | Text | None, rows: Iterable[Row], notes: Iterable[Text] = ()) -> None:
        self.heading = Text(heading, style="bold") if isinstance(heading, str) else heading
        self.rows = list(rows)
        self.notes = list(notes)


class Stacked:
    """Blocks of `label  value` lines, one after another: the layout of last resort. The
    labels of every block are as wide as the widest, and so are the values, so that they
    line up; where a label and its value do not fit on one line, the value goes on the
    line under it."""

    def __init__(self, title: str | Text | None, blocks: Sequence[Block]) -> None:
        self.title = Text(title, style="bold") if isinstance(title, str) else title
        self.blocks = blocks

    def _grid(self, block: Block, widths: tuple[int | None, int | None]) -> Table:
        grid = Table(box=None, show_header=False, padding=(0, 0, 0, 2), pad_edge=False)
        grid.add_column(overflow="fold", min_width=widths[0])
        grid.add_column(no_wrap=True, justify="right", min_width=widths[1])
        for label, value in block.rows:
            grid.add_row(label, value)
        return grid

    @staticmethod
    def _lines(block: Block, widths: tuple[int, int]) -> Text:
        """A block's rows as the grid of `widths` lays them out, made directly: a summary of
        100,000 profiles is 100,000 blocks."""
        lines = []
        for label, value in block.rows:
            left, right = _text(label), _text(value)
            left.pad_right(widths[0] - left.cell_len)
            right.pad_left(widths[1] - right.cell_len)
            lines.append(Text.assemble(left, "  ", right))
        return Text("\n").join(lines)

    @staticmethod
    def _under(block: Block) -> Table:
        lines = Table(box=None, show_header=False, padding=0, pad_edge=False)
        lines.add_column(overflow="fold")
        for label, value in block.rows:
            lines.add_row(label)
            lines.add_row(Text.assemble("  ", value))
        return lines

    def _layout(self, width: int) -> list[RenderableType]:
        """Every block's lines, laid out alike: in columns as wide as the widest label and
        value of all blocks; else in columns of their own; else values under labels."""
        rows = [row for block in self.blocks for row in block.rows]
        widest = (
            max((_width(label) for label, _ in rows), default=0),
            max((_width(v) for _, v in rows), default=0),
        )
        if widest[0] + 2 + widest[1] <= width and all(_one_line(cell) for row in rows for cell in row):
            return [self._lines(block, widest) for block in self.blocks]  # as the grid would, faster
        value = (None, widest[1])
        for widths, fold in (
            (value, FOLD),
            (value, NARROW_FOLD),
            ((None, None), NARROW_FOLD),
        ):
            grids: list[RenderableType] = [self._grid(block, widths) for block in self.blocks]
            if all(needed(grid, fold) <= width for grid in grids):
                return grids
        return [self._under(block) for block in self.blocks]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.title is not None:
            yield self.title
        for block, lines in zip(self.blocks, self._layout(options.max_width - INDENT), strict=True):
            if block.heading is not None:
                yield block.heading
            if block.rows:
                yield Padding(lines, (0, 0, 0, INDENT), expand=False)
            for note in block.notes:
                yield Padding(note, (0, 0, 0, INDENT), expand=False)
