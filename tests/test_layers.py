"""The package's layers point one way (issue 12): the import-linter contract in
pyproject.toml holds, and no module of plancheck imports another in a circle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contract_is_kept():
    proc = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 kept, 0 broken" in proc.stdout


def _import_graph() -> nx.DiGraph:
    graph = grimp.build_graph("plancheck", cache_dir=None)
    g = nx.DiGraph()
    for module in graph.modules:
        g.add_node(module)
        for imported in graph.find_modules_directly_imported_by(module):
            g.add_edge(module, imported)
    return g


def test_no_import_cycle_among_modules():
    g = _import_graph()
    cycles = [c for c in nx.simple_cycles(g) if len(c) > 1]
    assert cycles == []


def test_only_the_entry_points_import_the_package_root():
    # The root re-exports the public API; a module below it that imported the root would
    # close a circle through the API.
    g = _import_graph()
    importers = sorted(m for m in g.predecessors("plancheck")) if "plancheck" in g else []
    assert importers == []


def test_checks_never_import_the_runner_or_reports():
    g = _import_graph()
    for module in g:
        if module.startswith("plancheck.checks"):
            for imported in g.successors(module):
                assert not imported.startswith(("plancheck.run", "plancheck.report", "plancheck.api",
                                                "plancheck.cli")), (module, imported)
