"""Advice in the form the framework is kept in.

An officer who keeps the plans in a workbook is told the sheet, row and column to change
and what to type there; one who keeps CSV files, the file, row and column; one who keeps
YAML files, the key to write. The form is read from where the object was found (its
``Source``): a sheet means a workbook, a ``.csv`` file a CSV folder, anything else YAML.

Every function returns whole sentences, ready to end a finding's message; checks also
put them in ``details["fix"]`` so the partner workbook can show them in "How to fix it".
"""

from __future__ import annotations

from ..model import Source

WORKBOOK, CSV, YAML = "workbook", "csv", "yaml"


def form(source: Source | None) -> str:
    if source is None:
        return YAML
    if source.sheet is not None:
        return WORKBOOK
    if source.file.lower().endswith(".csv"):
        return CSV
    return YAML


def row(source: Source | None) -> str:
    """The row of a workbook sheet or CSV file the object is on ('' when unknown)."""
    if source is None:
        return ""
    if source.sheet is not None:
        return "".join(ch for ch in (source.cell or "") if ch.isdigit())
    return str(source.line) if source.line else ""


def _file(source: Source) -> str:
    return source.file.replace("\\", "/").rsplit("/", 1)[-1]


def place(source: Source | None, sheet: str) -> str:
    """``in sheet measures, row 7`` / ``in measures.csv, row 7`` ('' for YAML)."""
    f = form(source)
    if f == YAML or source is None:
        return ""
    r = row(source)
    where = f"sheet {source.sheet or sheet}" if f == WORKBOOK else _file(source)
    return f"in {where}, row {r}" if r else f"in {where}"


def type_in(source: Source | None, sheet: str, cells: list[tuple[str, str]], yaml: str) -> str:
    """What to type where: ``cells`` is (column, what to type there); ``yaml`` the YAML advice.

    Workbook: "In sheet measures, row 7, type the latest figure in column baseline_value and
    the year it was measured in column baseline_year." CSV: the same with the file's name.
    """
    if form(source) == YAML:
        return yaml
    parts = [f"{what} in column {column}" for column, what in cells]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    where = place(source, sheet)
    return f"{where[:1].upper()}{where[1:]}, type {listed}." if where else f"Type {listed}."


def new_row(source: Source | None, sheet: str, cells: list[tuple[str, str]], yaml: str) -> str:
    """Advice to add a row (a target) to a sheet or CSV file, or a YAML entry."""
    f = form(source)
    if f == YAML:
        return yaml
    parts = [f"{what} in column {column}" for column, what in cells]
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    where = f"sheet {sheet}" if f == WORKBOOK else f"{sheet}.csv"
    return f"Add a row to {where} with {listed}."


def year_hint() -> str:
    return "a calendar year such as 2009, or a financial year such as 2009/10"
