"""Plan workbooks (.xlsx), read safely.

Before openpyxl sees the file, the zip container is checked against size, member and
compression-ratio limits (zip bombs), and openpyxl must be using defusedxml (XML bombs):
if it is not, plancheck refuses to read workbooks rather than read them unsafely.
Macros are never run (openpyxl cannot run them), external links are not loaded and
formulas are read from the values saved with the file.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from .. import input_codes as codes
from ..files import FileError, read_regular
from ..findings import Hit
from ..model import Source
from .records import Cell, FieldReader
from .tables import TABLES, rows_from_grid

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes, all members together
MAX_MEMBERS = 2_000
MAX_RATIO = 200  # uncompressed / compressed, per member of any size worth counting
MAX_SHEETS = 200
MAX_ROWS = 1_000_000
MAX_COLUMNS = 200
# openpyxl makes an object for every cell of a merged range while loading, so one
# range A1:XFD1048576 (17 billion cells) in a tiny file would exhaust memory.
MAX_MERGED_CELLS = 1_000_000
MAX_CELLS = 1_000_000  # cells written in the file, all sheets together (empty ones count)
MAX_WORKBOOK_BYTES = 200 * 1024 * 1024  # the file itself
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_FORMULA_TAG = re.compile(rb"<(?:[\w.-]+:)?f[\s/>]")
_STRICT = b"purl.oclc.org/ooxml/spreadsheetml/main"
_MERGE_TAG = re.compile(rb"<(?:[\w.-]+:)?mergeCell\b([^>]*)>")
_REF_ATTR = re.compile(rb"""\bref\s*=\s*["']([A-Za-z]{1,3}[0-9]{1,7}(?::[A-Za-z]{1,3}[0-9]{1,7})?)["']""")
# Sheets the input template adds for people, not plan data.
HELPER_SHEETS = {"instructions", "lists"}


class UnsafeWorkbook(Exception):
    pass


def inspect_zip(data: bytes) -> bool:
    """Raise :class:`UnsafeWorkbook` when the container is not a workbook or looks like a bomb.

    Returns whether any sheet holds a formula. Every XML part is streamed once, whatever
    its name (a sheet may be stored outside ``xl/worksheets/``), counting cells and merged
    cells against the limits before openpyxl makes an object for each of them.
    """
    buf = io.BytesIO(data)
    if not zipfile.is_zipfile(buf):
        if data[:8].startswith(b"\xd0\xcf\x11\xe0"):
            raise UnsafeWorkbook("it is an old-style Excel file or a password-protected workbook; "
                                 "save it as an unprotected .xlsx workbook")
        raise UnsafeWorkbook("it is not an Excel workbook (perhaps a CSV or text file renamed .xlsx)")
    try:
        with zipfile.ZipFile(buf) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
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
    try:
        return _scan_parts(buf, infos)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError) as exc:
        # ValueError: zipfile's answer to some damaged headers ("negative seek value")
        raise UnsafeWorkbook(f"the workbook is damaged ({type(exc).__name__}: {exc})") from exc


def _scan_parts(buf, infos) -> bool:
    """Stream every XML part: count cells and merged cells, see formulas and Strict OOXML."""
    from openpyxl.utils.cell import range_boundaries  # noqa: PLC0415 - heavy; only when a workbook is read

    cells = merged = 0
    formulas = False
    with zipfile.ZipFile(buf) as zf:
        for info in infos:
            if not info.filename.lower().endswith(".xml"):
                continue
            with zf.open(info) as fh:
                tail = b""
                while True:
                    chunk = fh.read(1 << 20)
                    if not chunk:
                        break
                    data = tail + chunk
                    # Tags may straddle chunks: scan up to the last '<' and carry the rest over.
                    cut = data.rfind(b"<")
                    if cut <= 0 or len(data) - cut > 65_536:
                        cut = len(data)
                    body, tail = data[:cut], data[cut:]
                    if info.filename == "xl/workbook.xml" and _STRICT in body:
                        raise UnsafeWorkbook("it is saved as 'Strict Open XML Spreadsheet', which plancheck "
                                             "does not read; save it as 'Excel Workbook (.xlsx)'")
                    cells += len(_CELL_TAG.findall(body))
                    if cells > MAX_CELLS:
                        raise UnsafeWorkbook(f"it holds more than {MAX_CELLS:,} cells (part {info.filename}); "
                                             "plancheck reads workbooks up to that size")
                    formulas = formulas or _FORMULA_TAG.search(body) is not None
                    if b"mergeCell" not in body:
                        continue
                    for tag in _MERGE_TAG.finditer(body):
                        ref = _REF_ATTR.search(tag.group(1))
                        if ref is None:  # written in a way this check cannot size: refuse, do not guess
                            raise UnsafeWorkbook(f"part {info.filename} has a merged-cell range plancheck "
                                                 "cannot read")
                        min_col, min_row, max_col, max_row = range_boundaries(ref.group(1).decode("ascii"))
                        merged += (max_row - min_row + 1) * (max_col - min_col + 1)
                        if merged > MAX_MERGED_CELLS:
                            raise UnsafeWorkbook(f"its merged cells cover more than {MAX_MERGED_CELLS:,} cells "
                                                 "(a whole-sheet merge?); unmerge them and save it again")
    return formulas


def read_workbook_tables(path: Path, display: str, hits: list[Hit]):
    """Rows of each contract sheet, or ``None`` when the workbook cannot be read."""
    reader = FieldReader(hits)
    whole = Source(display)
    import openpyxl  # noqa: PLC0415 - heavy; only when a workbook is read
    import openpyxl.xml  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made

    if not getattr(openpyxl.xml, "DEFUSEDXML", False):
        reader.report(codes.UNREADABLE_FILE,
                      f"{display} was not read: defusedxml is not installed, and plancheck only "
                      "reads workbooks with it (install plancheck's dependencies)", whole)
        return None
    try:
        data = read_regular(path, MAX_WORKBOOK_BYTES)
        has_formulas = inspect_zip(data)
    except (UnsafeWorkbook, FileError) as exc:
        reader.report(codes.UNREADABLE_FILE, f"{display} was not read: {exc}", whole)
        return None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False, keep_vba=False)
        formulas = None
        if has_formulas:
            formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False, keep_links=False, keep_vba=False)
    except Exception as exc:  # openpyxl raises many types for damaged files
        reader.report(codes.UNREADABLE_FILE, f"{display} could not be opened as a workbook: {_reason(exc)}",
                      whole)
        return None
    if len(wb.worksheets) > MAX_SHEETS:
        reader.report(codes.UNREADABLE_FILE,
                      f"{display} has {len(wb.worksheets):,} sheets; plancheck reads at most {MAX_SHEETS}", whole)
        return None
    tables = {}
    loaded = {ws.title for ws in wb.worksheets}
    for name in _declared_sheets(data):
        if name in loaded:
            continue
        table = name.strip().lower() in TABLES
        reader.report(codes.UNREADABLE_FILE if table else codes.SKIPPED,
                      f"{display}: sheet '{name}' was not read: it is a chart sheet, or its part is missing "
                      "or stored outside the workbook" + ("; its rows were not checked" if table else ""),
                      Source(display, sheet=name))
    for ws in wb.worksheets:
        name = ws.title.strip().lower()
        if name not in TABLES:
            if name not in HELPER_SHEETS:
                reader.report(codes.SKIPPED,
                              f"{display}: sheet '{ws.title}' is not one of "
                              f"{', '.join(TABLES)} and was not read", Source(display, sheet=ws.title))
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


def _declared_sheets(data: bytes) -> list[str]:
    """The sheet names ``xl/workbook.xml`` lists (read with defusedxml), in order."""
    from defusedxml import ElementTree  # noqa: PLC0415 - only when a workbook is read

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            root = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    except Exception:  # noqa: BLE001 - openpyxl has read it already; nothing more to say
        return []
    return [el.get("name", "") for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "sheet"]


def _reason(exc: BaseException) -> str:
    """The innermost cause of an openpyxl failure, in one line."""
    from defusedxml import DefusedXmlException  # noqa: PLC0415

    seen = []
    while exc is not None and len(seen) < 10:
        seen.append(exc)
        if isinstance(exc, DefusedXmlException):
            return ("it contains XML entity declarations, which plancheck refuses to read because "
                    "they can be used to attack the computer reading the file; save it again from Excel")
        exc = exc.__cause__ or exc.__context__
    inner = seen[-1]
    text = (str(inner).strip().splitlines() or [""])[0][:200]
    return f"the file is damaged ({type(inner).__name__}: {text})" if text else "the file is damaged"


def _grid(ws, fws, display: str, reader: FieldReader):
    from openpyxl.utils.cell import get_column_letter  # noqa: PLC0415

    merged = {}
    for rng in ws.merged_cells.ranges:  # their total size was limited by inspect_zip
        top = ws.cell(rng.min_row, rng.min_col).value
        for row in range(rng.min_row, min(rng.max_row, MAX_ROWS) + 1):
            for col in range(rng.min_col, min(rng.max_col, MAX_COLUMNS) + 1):
                merged[(row, col)] = top
    # Walk the cells the file holds, not the sheet's bounding box: one cell at XFD1048576
    # would otherwise mean 17 billion empty ones.
    rows: dict[int, dict[int, object]] = {}
    over_rows = over_cols = False
    for (r, col), c in ws._cells.items():
        if r > MAX_ROWS or col > MAX_COLUMNS:
            if c.value is not None:
                over_rows, over_cols = over_rows or r > MAX_ROWS, over_cols or col > MAX_COLUMNS
            continue
        rows.setdefault(r, {})[col] = c
    if over_rows:
        reader.report(codes.UNREADABLE_FILE,
                      f"{display}, sheet {ws.title}: only the first {MAX_ROWS:,} rows were read",
                      Source(display, sheet=ws.title))
    if over_cols:
        reader.report(codes.UNREADABLE_FILE,
                      f"{display}, sheet {ws.title}: only the first {MAX_COLUMNS} columns were read",
                      Source(display, sheet=ws.title))
    for r in sorted(rows):
        if all(c.value is None for c in rows[r].values()):
            continue  # a blank row stays blank even where a merged cell spans it
        cells = []
        row_source = Source(display, sheet=ws.title, cell=f"A{r}")
        held = rows[r]
        for col in range(1, max(held) + 1):
            c = held.get(col)
            coordinate = f"{get_column_letter(col)}{r}"
            src = Source(display, sheet=ws.title, cell=coordinate)
            value = merged.get((r, col), c.value if c is not None else None)
            if value is None and fws is not None:
                f = fws.cell(r, col).value
                if isinstance(f, str) and f.startswith("="):
                    reader.report(codes.FORMULA_WITHOUT_VALUE,
                                  f"{display}, sheet {ws.title}, cell {coordinate}: the formula {f[:60]} "
                                  "has no saved value, so the cell was read as empty", src)
            elif (isinstance(value, (int, float)) and not isinstance(value, bool) and c is not None
                  and "%" in (c.number_format or "")):
                value = f"{_pct(value * 100)}%"  # Excel keeps 31.9% as 0.319
            cells.append(Cell(value, src))
        yield cells, row_source


def _pct(x: float) -> str:
    return f"{round(x, 10):g}" if abs(x) < 1e15 else str(x)
