"""Plans as CSV files: ``plans.csv``, ``objectives.csv``, ``measures.csv``, ``targets.csv``.

Read as UTF-8 (with or without a byte-order mark) or Windows-1252, the encodings Excel
writes; anything else is an unreadable-file finding, never a guess that garbles text.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .. import input_codes as codes
from ..files import FileError, read_regular
from ..findings import Hit
from ..model import Source
from .records import Cell, FieldReader
from .tables import rows_from_grid

MAX_CSV_BYTES = 200 * 1024 * 1024
csv.field_size_limit(10_000_000)
# plancheck's CSV writer puts one ' before text Excel would run as a formula; take it off.
_GUARDED = re.compile(r"^'(?='*[=+\-@\t\r])")


def unguard(text: str) -> str:
    """``'=SUM(A1)`` -> ``=SUM(A1)`` (see plancheck.convert.csv_cell); other text unchanged."""
    return _GUARDED.sub("", text, count=1) if text.startswith("'") else text


def decode(data: bytes) -> tuple[str | None, str]:
    """``(text, encoding)``; text is None when neither encoding fits."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return None, ""


def read_csv_table(table: str, path: Path, display: str, hits: list[Hit]):
    reader = FieldReader(hits)
    whole = Source(display)
    try:
        data = read_regular(path, MAX_CSV_BYTES)
    except FileError as exc:
        reader.report(codes.UNREADABLE_FILE, f"{display} was not read: {exc}", whole)
        return []
    if b"\x00" in data:  # anywhere: a NUL late in the file is still binary, not text
        hint = " (UTF-16 text: save it as 'CSV UTF-8')" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        reader.report(codes.UNREADABLE_FILE, f"{display} is not a text CSV file{hint}", whole)
        return []
    text, _ = decode(data)
    if text is None:
        reader.report(codes.UNREADABLE_FILE,
                      f"{display} is in a text encoding plancheck does not read; save it as 'CSV UTF-8'",
                      whole)
        return []
    first = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first:
        if "\t" in first:
            delimiter = "\t"
        elif ";" in first:
            delimiter = ";"
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def grid():
        start = 1
        try:
            for raw in rows:
                src = Source(display, start)
                cells = [Cell(unguard(v), src) for v in raw]
                start = rows.line_num + 1
                yield cells, src
        except csv.Error as exc:
            reader.report(codes.UNREADABLE_FILE, f"{display}: the rest of the file could not be read ({exc})",
                          Source(display, start))

    return rows_from_grid(table, grid(), display, reader, display)
