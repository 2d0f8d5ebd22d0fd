"""Plan workbooks (.xlsx), read safely.

Before openpyxl sees the file, the zip container is checked against size, member and
compression-ratio limits (zip bombs), and openpyxl must be using defusedxml (XML bombs):
if it is not, plancheck refuses to read workbooks rather than read them unsafely.
Macros are never run (openpyxl cannot run them), external links are not loaded and
formulas are read from the values saved with the file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..checks import inputs as codes
from ..findings import Hit
from ..model import Source
from .records import Cell, FieldReader
from .tables import TABLES, rows_from_grid

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes, all members together
MAX_MEMBERS = 2_000
MAX_RATIO = 200  # uncompressed / compressed, per member of any size worth counting
MAX_SHEETS = 200
MAX_ROWS = 1_000_000
# Sheets the input template adds for people, not plan data.
HELPER_SHEETS = {"instructions", "lists"}


class UnsafeWorkbook(Exception):
    pass


def inspect_zip(path: Path) -> None:
    """Raise :class:`UnsafeWorkbook` when the container is not a workbook or looks like a bomb."""
    if not zipfile.is_zipfile(path):
        head = path.read_bytes()[:8]
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise UnsafeWorkbook("it is an old-style Excel file or a password-protected workbook; "
                                 "save it as an unprotected .xlsx workbook")
        raise UnsafeWorkbook("it is not an Excel workbook (perhaps a CSV or text file renamed .xlsx)")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnsafeWorkbook(f"the workbook is damaged ({exc})") from exc
    if len(infos) > MAX_MEMBERS:
        raise UnsafeWorkbook(f"it holds {len(infos):,} parts, more than the {MAX_MEMBERS:,} plancheck reads")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise UnsafeWorkbook(f"it would unpack to {total / 1e6:,.0f} MB, more than the "
                             f"{MAX_UNCOMPRESSED / 1e6:,.0f} MB plancheck reads")
    for info in infos:
        if info.file_size > 1_000_000 and info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise UnsafeWorkbook(f"part {info.filename} is compressed {info.file_size // info.compress_size}:1, "
                                 "which looks like a zip bomb")
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        raise UnsafeWorkbook("it is a zip file but not an Excel workbook")


def _has_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with zf.open(info) as fh:
                    if b"<f" in fh.read():
                        return True
    return False


def read_workbook_tables(path: Path, display: str, hits: list[Hit]):
    """Rows of each contract sheet, or ``None`` when the workbook cannot be read."""
    reader = FieldReader(hits)
    whole = Source(display)
    import openpyxl  # noqa: PLC0415 - heavy; only when a workbook is read
    import openpyxl.xml

    if not getattr(openpyxl.xml, "DEFUSEDXML", False):
        reader.report(codes.UNREADABLE_FILE,
                      f"{display} was not read: defusedxml is not installed, and plancheck only "
                      "reads workbooks with it (install plancheck's dependencies)", whole)
        return None
    try:
        inspect_zip(path)
    except UnsafeWorkbook as exc:
        reader.report(codes.UNREADABLE_FILE, f"{display} was not read: {exc}", whole)
        return None
    try:
        wb = openpyxl.load_workbook(path, data_only=True, keep_links=False, keep_vba=False)
        formulas = None
        if _has_formulas(path):
            formulas = openpyxl.load_workbook(path, data_only=False, keep_links=False, keep_vba=False)
    except Exception as exc:  # openpyxl raises many types for damaged files
        reader.report(codes.UNREADABLE_FILE, f"{display} could not be opened as a workbook ({type(exc).__name__}: {exc})",
                      whole)
        return None
    if len(wb.worksheets) > MAX_SHEETS:
        reader.report(codes.UNREADABLE_FILE,
                      f"{display} has {len(wb.worksheets):,} sheets; plancheck reads at most {MAX_SHEETS}", whole)
        return None
    tables = {}
    for ws in wb.worksheets:
        name = ws.title.strip().lower()
        if name not in TABLES:
            if name not in HELPER_SHEETS:
                reader.report(codes.SKIPPED,
                              f"{display}: sheet '{ws.title}' is not one of plans, objectives, "
                              "measures, targets and was not read", Source(display, sheet=ws.title))
            continue
        if name in tables:
            reader.report(codes.UNKNOWN_FIELD, f"{display}: a second sheet named '{ws.title}' was not read",
                          Source(display, sheet=ws.title))
            continue
        if ws.sheet_state != "visible":
            reader.report(codes.SKIPPED, f"{display}: sheet '{ws.title}' is hidden; it was read all the same",
                          Source(display, sheet=ws.title))
        fws = formulas[ws.title] if formulas is not None else None
        grid = _grid(ws, fws, display, reader)
        tables[name] = rows_from_grid(name, grid, display, reader, f"{display}, sheet {ws.title}")
    return tables


def _grid(ws, fws, display: str, reader: FieldReader):
    merged = {}
    for rng in ws.merged_cells.ranges:
        top = ws.cell(rng.min_row, rng.min_col).value
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                merged[(row, col)] = top
    if ws.max_row > MAX_ROWS:
        reader.report(codes.UNREADABLE_FILE,
                      f"{display}, sheet {ws.title}: only the first {MAX_ROWS:,} rows were read",
                      Source(display, sheet=ws.title))
    for row in ws.iter_rows(max_row=min(ws.max_row, MAX_ROWS)):
        if all(c.value is None for c in row):
            continue  # a blank row stays blank even where a merged cell spans it
        cells = []
        row_source = None
        for c in row:
            src = Source(display, sheet=ws.title, cell=c.coordinate)
            row_source = row_source or Source(display, sheet=ws.title, cell=f"A{c.row}")
            value = merged.get((c.row, c.column), c.value)
            if value is None and fws is not None:
                f = fws.cell(c.row, c.column).value
                if isinstance(f, str) and f.startswith("="):
                    reader.report(codes.FORMULA_WITHOUT_VALUE,
                                  f"{display}, sheet {ws.title}, cell {c.coordinate}: the formula {f[:60]} "
                                  "has no saved value, so the cell was read as empty", src)
            elif isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (c.number_format or ""):
                value = f"{_pct(value * 100)}%"  # Excel keeps 31.9% as 0.319
            cells.append(Cell(value, src))
        if row_source is not None:
            yield cells, row_source


def _pct(x: float) -> str:
    return f"{round(x, 10):g}" if abs(x) < 1e15 else str(x)
