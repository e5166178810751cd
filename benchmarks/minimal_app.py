"""The startup floor of careercap's stack: one Typer command with four options that reads a
profile with PyYAML's C loader, validates two fields with a Pydantic model and prints a
six-row Rich table. careercap does far more; this is what the stack alone costs."""

from __future__ import annotations

from typing import Annotated

import typer
import yaml
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

app = typer.Typer()


class Person(BaseModel):
    name: str
    income: float


@app.command()
def main(
    profile: str,
    as_of: Annotated[int | None, typer.Option()] = None,
    horizon: Annotated[int, typer.Option()] = 5,
    baseline_growth: Annotated[float, typer.Option()] = 0.03,
    output_format: Annotated[str, typer.Option("--format")] = "table",
) -> None:
    with open(profile, "rb") as handle:
        data = yaml.load(handle, Loader=yaml.CSafeLoader)
    person = Person.model_validate({"name": data["name"], "income": data["income"]})
    table = Table(title=person.name)
    table.add_column("Year")
    table.add_column("Income", justify="right")
    income = person.income
    for year in range(6):
        table.add_row(str((as_of or 2025) + year), f"{income:,.2f}")
        income *= 1 + baseline_growth
    Console().print(table)


if __name__ == "__main__":
    app()
