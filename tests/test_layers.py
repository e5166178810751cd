"""The package's shape: five layers, imports running one way, no cycle.

Each layer is imported in a fresh interpreter to see what it really loads; every import
statement of the package (those inside functions and under TYPE_CHECKING too) is read to
see what each module may ever load. `python -m tests.test_layers` prints the import
depth and the lines of code per layer.
"""

from __future__ import annotations

import ast
import functools
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "careercap"
LAYERS = ("core", "reading", "render", "run", "cli")
MAY_IMPORT = {
    "core": {"core", "errors"},
    "reading": {"reading", "core", "errors"},
    "render": {"render", "core", "errors"},
    "run": {"run", "render", "reading", "core", "errors"},
    "cli": {"cli", "run", "render", "reading", "core", "errors", "careercap"},
    "errors": {"errors"},
}
"""What each part of the package may import, by part: a layer's folder, or a top-level module."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def part(module: str) -> str:
    """The layer (or top-level module) a module belongs to: `careercap.core.engine` -> core."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "careercap"


def imports(module: str) -> set[str]:
    """The package's modules that `module` imports anywhere in its text."""
    known = modules()
    found: set[str] = set()
    for node in ast.walk(ast.parse(known[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            names = [name if name in known else node.module for name in names]
        else:
            continue
        found.update(name for name in names if name in known and name != module)
    return found


def graph() -> dict[str, set[str]]:
    return {module: imports(module) for module in modules()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in edges:
        if node not in index:
            visit(node)
    return found


def depth(edges: dict[str, set[str]]) -> int:
    """The longest chain of imports, counted in modules (the graph must have no cycle)."""

    @functools.cache
    def longest(node: str) -> int:
        return 1 + max((longest(target) for target in edges[node]), default=0)

    return max(longest(node) for node in edges)


def loaded_by(layer: str) -> set[str]:
    """Every module in sys.modules after a fresh interpreter imports each module of `layer`."""
    names = [name for name in modules() if part(name) == layer]
    imports = [f"importlib.import_module({name!r})" for name in names]
    code = "\n".join(["import importlib, json, sys", *imports, "print(json.dumps(sorted(sys.modules)))"])
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(json.loads(result.stdout))


def test_the_core_loads_no_yaml_rich_or_typer_and_no_other_layer() -> None:
    loaded = loaded_by("core")
    assert {"yaml", "rich", "typer", "click"} & loaded == set()
    assert sorted(name for name in loaded if name.startswith("careercap.") and part(name) != "core") == [
        "careercap.errors"
    ]


@pytest.mark.parametrize("layer", ["reading", "render"])
def test_reading_and_render_load_neither_each_other_nor_the_command_line(layer: str) -> None:
    loaded = loaded_by(layer)
    others = {
        name for name in loaded if name.startswith("careercap.") and part(name) not in MAY_IMPORT[layer]
    }
    assert others == set()
    assert {"typer", "click"} & loaded == set()
    if layer == "render":
        assert "yaml" not in loaded  # reading YAML is the reading layer's business


def test_no_module_imports_a_layer_above_its_own() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, targets in graph().items()
        for target in sorted(targets)
        if part(target) not in MAY_IMPORT.get(part(module), set(MAY_IMPORT))
    ]
    assert wrong == []


def test_the_package_has_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_the_run_layer_loads_no_command_line() -> None:
    # What the library and the command line share: no Typer, no Click, no cli module.
    loaded = loaded_by("run")
    assert {"typer", "click"} & loaded == set()
    assert sorted(name for name in loaded if name.startswith("careercap.cli")) == []


def test_the_graph_sees_the_imports_it_checks() -> None:
    # The checks above are only as good as the graph: it must see imports inside functions.
    edges = graph()
    assert "careercap.core.engine" in edges["careercap.core.sensitivity"]
    assert "careercap.render.table" in edges["careercap.cli.app"]  # imported where a table is asked for
    assert "careercap.cli.app" in edges["careercap.cli"]


def main() -> None:
    edges = graph()
    print(f"modules: {len(edges)}, import depth: {depth(edges)}")
    for layer in (*LAYERS, "errors", "careercap"):
        files = [path for name, path in modules().items() if part(name) == layer]
        lines = sum(len(path.read_text(encoding="utf-8").splitlines()) for path in files)
        print(f"{layer:<10} {len(files):>3} files {lines:>6} lines")


if __name__ == "__main__":
    main()


def test_every_package_folder_is_shipped() -> None:
    # The wheel and the sdist carry the packages pyproject.toml lists, and only those.
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {module_name(path.parent / "__init__.py") for path in PACKAGE.rglob("__init__.py")}
    assert listed == folders
