"""Shared fixtures: write a small framework to a temporary folder and check it.

Tests assert on projections of findings (code, objects, file, line), never on log text.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from plancheck.config import Settings, settings_from_dict
from plancheck.run import run

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
DATA = Path(__file__).resolve().parent / "data"


def write_framework(folder: Path, files: dict[str, str]) -> Path:
    """Write ``{name: yaml text}`` (dedented) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


def make_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook with one sheet per ``{name: rows}``, header row first (contract section 3)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def make_csv_folder(folder: Path, sheets: dict[str, list[list]]) -> Path:
    """The same tables as CSV files, ``{name}.csv`` in ``folder``."""
    import csv

    folder.mkdir(parents=True)
    for name, rows in sheets.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(rows)
    return folder


def check_paths(paths, settings: dict | Settings | None = None, **kwargs):
    if isinstance(settings, dict):
        settings = settings_from_dict(settings)
    return run([str(p) for p in paths], settings or Settings(), **kwargs)


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def problem(f) -> str:
    """A finding's message without its advice. The advice names the place to change in the
    form the plan is kept in (a YAML key, or a sheet or file, row and column), so it is the
    only part of a message that may differ between the YAML, workbook and CSV forms."""
    fix = (f.details or {}).get("fix")
    if fix:
        assert f.message.endswith(fix), f.code
        return f.message[: -len(fix)].rstrip()
    return f.message


def project(result, *, code_prefix: str = "") -> list[tuple]:
    """``(code, objects, file name, line)`` for each finding, in report order."""
    out = []
    for f in result.findings:
        if f.code.startswith(code_prefix):
            src = f.source
            out.append((f.code, f.objects, Path(src.file).name if src else None, src.line if src else None))
    return out


@pytest.fixture
def framework(tmp_path):
    """``framework({...files...}, settings=None, **run kwargs) -> RunResult``."""

    def make(files: dict[str, str], settings=None, **kwargs):
        folder = write_framework(tmp_path / "fw", files)
        return check_paths([folder], settings, **kwargs)

    return make


def _plancheck_caches() -> list:
    """Every lru_cache plancheck keeps (by title, code, year text ...) and the shared
    catalogue title indexes."""
    import sys

    found = []
    for name, module in list(sys.modules.items()):
        if name == "plancheck" or name.startswith("plancheck."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == name:
                    found.append(value.cache_clear)
            indexes = vars(module).get("_TITLE_INDEXES")
            if isinstance(indexes, dict):
                found.append(indexes.clear)
    return found


@pytest.fixture(autouse=True)
def _fresh_caches():
    # Each test starts with plancheck's caches empty: a result never depends on the tests
    # run before it, and a mutation run (mutmut forks after running the tests once) cannot
    # be answered from a cache filled by the unmutated code.
    for clear in _plancheck_caches():
        clear()
    yield
