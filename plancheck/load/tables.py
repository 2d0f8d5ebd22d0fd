"""Plans as tables (contract section 3): the four sheets of a workbook or four CSV files.

Each source yields rows of ``{column: Cell}``; :func:`read_tables` turns them into
records with the same field reader as YAML. Real spreadsheets are messy, so: the header
may sit below a title row, column names are matched loosely ("Baseline value" =
``baseline_value``), blank rows are skipped and cells are stripped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from .. import input_codes as codes
from ..findings import Hit
from ..model import Source
from .records import (
    ACCEPT_FIELDS,
    ACTUAL_FIELDS,
    MEASURE_FIELDS,
    OBJECTIVE_FIELDS,
    PLAN_FIELDS,
    TARGET_FIELDS,
    AcceptRec,
    ActualRec,
    Cell,
    FieldReader,
    MeasureRec,
    ObjectiveRec,
    PlanRec,
    TargetRec,
)

TABLES = {
    "plans": PLAN_FIELDS,
    "objectives": OBJECTIVE_FIELDS,
    "measures": MEASURE_FIELDS,
    "targets": TARGET_FIELDS,
    "actuals": ACTUAL_FIELDS,
    "accept": ACCEPT_FIELDS,  # optional: accepted findings (contract section 7)
}
# The column that tells a header row from a title row above it.
_KEY_COLUMN = {"plans": "id", "objectives": "id", "measures": "title", "targets": "measure",
               "actuals": "year", "accept": "check"}
REQUIRED_COLUMNS = {
    "plans": ("id", "title", "kind"),
    "objectives": ("id", "plan", "title"),
    "measures": ("objective", "title"),
    "targets": ("measure", "year", "value"),
    "accept": ("id", "check", "reason"),
    "actuals": ("year", "value"),
}
HEADER_SEARCH_ROWS = 10
MAX_HEADER = 200  # characters of a cell looked at as a column name
MAX_COLUMNS = 200  # the widest table has 10; more is junk, not worth one finding per column


def normalise_header(text: object) -> str:
    """``"Baseline value (number)*"`` -> ``baseline_value``."""
    # Headers are short; a longer cell is not one (and the pattern is quadratic on "((((...").
    s = re.sub(r"\(.*?\)", "", str(text or "")[:MAX_HEADER]).strip().strip("*").strip().lower()
    return re.sub(r"[\s\-]+", "_", s)


Row = tuple[Source, dict[str, Cell]]


def rows_from_grid(table: str, grid: Iterable[tuple[list[Cell], Source]], display: str,
                   reader: FieldReader, where: str) -> list[Row]:
    """Turn raw rows (cells in column order + row source) into ``{column: Cell}`` rows.

    ``where`` names the sheet or file in messages.
    """
    fields = TABLES[table]
    key = _KEY_COLUMN[table]
    header: list[str | None] | None = None
    skipped_above = 0
    out: list[Row] = []
    first_source: Source | None = None
    too_wide = False
    stray = 0  # rows with values right of the last header
    for cells, row_source in grid:
        first_source = first_source or row_source
        if len(cells) > MAX_COLUMNS:
            if not too_wide and any(not _blank(c.value) for c in cells[MAX_COLUMNS:]):
                too_wide = True
                reader.report(codes.UNREADABLE_FILE,
                              f"{where}: only the first {MAX_COLUMNS} columns were read", row_source)
            cells = cells[:MAX_COLUMNS]
        if all(_blank(c.value) for c in cells):
            continue
        if header is None:
            names = [normalise_header(c.value) if not _blank(c.value) else None for c in cells]
            if key in names:
                header = names
                seen: set[str] = set()
                for n, (cell, name) in enumerate(zip(cells, names, strict=False)):
                    if name is not None and name not in fields:
                        reader.unknown(str(cell.value).strip(), fields, cell.source,
                                       f"{where}", kind="column")
                    elif name is not None and name in seen:
                        # The first column of a name is read; a second one would silently win.
                        reader.report(codes.UNKNOWN_FIELD,
                                      f"{where}: column '{name}' appears twice in the header row; the "
                                      "values in the second one were not read (rename or remove it)",
                                      cell.source)
                        header[n] = _DUPLICATE
                    elif name is not None:
                        seen.add(name)
                for f in REQUIRED_COLUMNS[table]:
                    if f not in names:
                        reader.report(codes.MISSING_FIELD, f"{where} has no '{f}' column", row_source)
                if skipped_above:
                    reader.report(codes.SKIPPED,
                                  f"{where}: {skipped_above} row(s) above the header row were not read",
                                  row_source)
                continue
            skipped_above += 1
            if skipped_above > HEADER_SEARCH_ROWS:
                break
            continue
        row: dict[str, Cell] = {}
        beyond = [c for c in cells[len(header):] if not _blank(c.value)]
        if beyond:
            stray += 1
            if stray <= MAX_REPORTED:
                reader.report(codes.UNKNOWN_FIELD,
                              f"{where}, {_place(beyond[0].source)}: {len(beyond)} value(s) right of the "
                              "last column header were not read (give the column a header or move the value)",
                              beyond[0].source)
        for cell, name in zip(cells, header, strict=False):
            if name is None or name not in fields or _blank(cell.value):
                if name is None and not _blank(cell.value):
                    reader.report(codes.UNKNOWN_FIELD,
                                  f"{where}: a value in a column with no header was not read",
                                  cell.source)
                continue
            value = cell.value.strip() if isinstance(cell.value, str) else cell.value
            row[name] = Cell(value, cell.source)
        if row:
            out.append((row_source, row))
    if stray > MAX_REPORTED:
        reader.report(codes.UNKNOWN_FIELD,
                      f"{where}: {stray - MAX_REPORTED:,} more rows have values right of the last column "
                      "header; they were not read", first_source or Source(display))
    if header is None and skipped_above:
        reader.report(codes.MISSING_FIELD,
                      f"{where}: no header row found in the first {HEADER_SEARCH_ROWS} rows "
                      f"(expected columns {', '.join(fields)}); nothing in it was read",
                      first_source or Source(display))
    return out


_DUPLICATE = "\x00duplicate"  # a header slot whose values are not read (never a field name)
MAX_REPORTED = 20  # rows named one by one in findings of one kind; the rest are counted


def _place(src: Source) -> str:
    if src.cell:
        return f"cell {src.cell}"
    return f"line {src.line}" if src.line else "the header"


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_tables(tables: dict[str, list[Row]], hits: list[Hit], display: str,
                accepts: list[AcceptRec] | None = None):
    """Records from the four tables of one workbook or CSV folder; the rows of an
    ``accept`` table are added to ``accepts``."""
    reader = FieldReader(hits)
    plans: list[PlanRec] = []
    objectives: list[ObjectiveRec] = []
    measures: list[MeasureRec] = []
    targets: list[TargetRec] = []
    for n, (source, row) in enumerate(tables.get("plans", []), 1):
        plans.append(reader.plan(row, source, f"{display}-plan-{n}"))
    for n, (source, row) in enumerate(tables.get("objectives", []), 1):
        obj = reader.objective(row, source, None, f"objective-row-{n}")
        if not obj.plan_id:
            reader.report(codes.MISSING_FIELD, f"Objective {obj.id} has no plan; it and its measures were not checked", source, None, (obj.id,))
        objectives.append(obj)
    for source, row in tables.get("measures", []):
        m = reader.measure(row, source, None)
        if not m.objective_id:
            reader.report(codes.MISSING_FIELD, f"Measure {m.id or m.title[:40]} has no objective; it and its targets were not checked",
                          source, None,
                          (m.id,) if m.id else ())
        measures.append(m)
    for source, row in tables.get("targets", []):
        measure_id = reader.text(row, "measure", "Target") or ""
        if not measure_id:
            reader.report(codes.MISSING_FIELD, "Target row has no measure id", source)
            continue
        targets.append(TargetRec(measure_id, reader.target(row, source, f"Target of {measure_id}", measure_id)))
    for source, row in tables.get("accept", []):
        accepted = reader.acceptance(row, source, None, "An acceptance")
        if accepted is not None and accepts is not None:
            accepts.append(AcceptRec(accepted))
    return plans, objectives, measures, targets


def read_actual_rows(rows: list[Row], hits: list[Hit]) -> list[ActualRec]:
    """Rows of an ``actuals`` sheet or file (contract section 6): one of measure or
    indicator per row; a row with both, or neither, is reported and not used."""
    reader = FieldReader(hits)
    out: list[ActualRec] = []
    for source, row in rows:
        measure_id = reader.text(row, "measure", "Actual")
        indicator = reader.text(row, "indicator", "Actual")
        if bool(measure_id) == bool(indicator):
            reader.report(codes.MISSING_FIELD,
                          "Actual row names " + ("both a measure and an indicator" if measure_id else
                                                 "neither a measure nor an indicator")
                          + "; fill one of them; it was not used", source)
            continue
        what = f"Measure {measure_id}" if measure_id else f"Indicator {indicator}"
        found = reader.actual(row, source, what)
        if found is not None:
            if indicator:
                found = replace(found, indicator=indicator)
            out.append(ActualRec(measure_id, indicator, found))
    return out
