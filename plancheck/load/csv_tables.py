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
MAX_REPORTED = 20  # lines named one by one in findings of one kind; the rest are counted
csv.field_size_limit(10_000_000)
# plancheck's CSV writer puts one ' before text Excel would run as a formula; take it off.
_GUARDED = re.compile(r"^'(?='*[=+\-@\t\r])")


def unguard(text: str) -> str:
    """``'=SUM(A1)`` -> ``=SUM(A1)`` (see plancheck.convert.csv_cell); other text unchanged."""
    return _GUARDED.sub("", text, count=1) if text.startswith("'") else text


def decode(data: bytes) -> tuple[str | None, str]:
    """``(text, encoding)``; text is None when neither encoding fits."""
    text, encoding, _ = decode_lines(data)
    return text, encoding


def decode_lines(data: bytes) -> tuple[str | None, str, list[int]]:
    """``(text, encoding, lines)``: the file as UTF-8 or as Windows-1252, decided line by line.

    A file none of whose lines is UTF-8 with accents is Windows-1252 (what older Excel
    writes). In a UTF-8 file, a line that is not UTF-8 (one character pasted from another
    program) is read as Windows-1252 on its own, and its number is in ``lines``, so the
    rest of the file is never re-decoded wrongly. Text is None when neither fits.
    """
    try:
        return data.decode("utf-8-sig"), "UTF-8", []
    except UnicodeDecodeError:
        pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    parts = data.split(b"\n")
    utf8_accented = False
    odd: list[int] = []
    for n, part in enumerate(parts, 1):
        if part.isascii():
            continue
        try:
            part.decode("utf-8")
            utf8_accented = True
        except UnicodeDecodeError:
            odd.append(n)
    try:
        if not utf8_accented:
            return data.decode("cp1252"), "Windows-1252", []
        bad = set(odd)
        out = [p.decode("cp1252") if n in bad else p.decode("utf-8") for n, p in enumerate(parts, 1)]
    except UnicodeDecodeError:
        return None, "", []
    return "\n".join(out), "UTF-8", odd


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
    text, _, odd = decode_lines(data)
    if text is None:
        reader.report(codes.UNREADABLE_FILE,
                      f"{display} is in a text encoding plancheck does not read; save it as 'CSV UTF-8'",
                      whole)
        return []
    for n in odd[:MAX_REPORTED]:
        reader.report(codes.UNREADABLE_FILE,
                      f"{display}, line {n}: this line is not UTF-8 like the rest of the file; it was read as "
                      "Windows-1252, so check its accents and symbols, then save the file as 'CSV UTF-8'",
                      Source(display, n))
    if len(odd) > MAX_REPORTED:
        reader.report(codes.UNREADABLE_FILE,
                      f"{display}: {len(odd) - MAX_REPORTED:,} more lines (up to line {odd[-1]}) are not UTF-8 "
                      "either; they were read as Windows-1252", Source(display, odd[MAX_REPORTED]))
    first = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first:
        if "\t" in first:
            delimiter = "\t"
        elif ";" in first:
            delimiter = ";"
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    sep = delimiter

    def grid():
        start = 1
        width = first.count(sep)  # delimiters in the first line: a whole row has about as many
        try:
            for raw in rows:
                src = Source(display, start)
                cells = [Cell(unguard(v), src) for v in raw]
                end = rows.line_num
                if end > start:
                    _swallowed(raw, start, end, width)
                start = end + 1
                yield cells, src
        except csv.Error as exc:
            reader.report(codes.UNREADABLE_FILE, f"{display}: the rest of the file could not be read ({exc})",
                          Source(display, start))

    def _swallowed(raw: list[str], start: int, end: int, width: int) -> None:
        # A cell may hold line breaks (Alt+Enter in Excel), but one holding lines that look
        # like whole rows means a quote was opened and not closed: say so, never drop them.
        for value in raw:
            inner = value.split("\n")[1:]
            if inner and any(line.count(sep) >= max(2, width - 1) for line in inner):
                reader.report(codes.UNREADABLE_FILE,
                              f"{display}, line {start}: a cell starts with a quote (\") that is not closed "
                              f"until line {end}, so lines {start + 1}-{end} were read as text inside that "
                              "cell, not as rows; close or remove the quote", Source(display, start))
                return

    return rows_from_grid(table, grid(), display, reader, display)
