"""What the library and the command line share: a run of each command from its sources to
its output, with no Typer and no exit.

- `pipeline`: sources to results, one function per command (compare, plan, chart, ...).
- `project`: `project` from end to end (`careercap.project_many`).
- `workers`: a run's input shared out among worker processes, its output kept in order.
- `writers`: the output formats, written as projections come; the spool of `compare`.
- `files`: output files written atomically, and never over an input.
"""
