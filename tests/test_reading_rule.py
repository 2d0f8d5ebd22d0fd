"""The reading rule (SECURITY.md): every row of a workbook or CSV file either becomes part of
the model or is named in a finding with its location.

Property: for random tables (ids that clash, parents that do not exist, blank and
nonsense cells, values right of the header, duplicate columns), count the non-blank data
rows written, and the rows accounted for: a row is accounted for when a plan, objective,
measure or target of the model was read from it, or a finding points at it. A row that
is neither was silently lost. Rows left out with a record that a finding names (the
objectives of a duplicate plan id, "this one and its objectives were not checked"; the
targets of a measure whose objective does not exist) count through that record's id, and
values in a column reported at the header (unknown, or a second column of one name)
through that finding.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancheck.config import Settings
from plancheck.run import run

EXAMPLES = int(os.environ.get("PLANCHECK_FUZZ_EXAMPLES", "60"))
RULE = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("PLANCHECK_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

COLUMNS = {
    "plans": ["id", "title", "kind", "owner", "period_start", "period_end", "derives_from"],
    "objectives": ["id", "plan", "title", "theme", "supports", "local", "lead"],
    "measures": ["id", "objective", "indicator", "title", "unit", "direction", "kind", "baseline_value",
                 "baseline_year", "lead"],
    "targets": ["measure", "year", "value"],
}
PARENT = {"objectives": "plan", "measures": "objective", "targets": "measure"}
IDS = ["P1", "P2", "O1", "O2", "M1", "M2", "", " ", "p1", "010", "1.10"]
TEXT = ["", "Luton", "2010/11", "2011", "0x7DA", "33:30", "TBC", "70", "2,737", "31.9%", "=1+1", "@SUM(A1)",
        "increase", "up", "outcome", "yes", "maybe", "café", "\u202e", '"', "'", "a;b", "caf\u00e9 \u2013 x"]


@st.composite
def frameworks(draw):
    """``{table: (header, rows)}`` with a header naming all or some of the table's columns."""
    out = {}
    for table, columns in COLUMNS.items():
        header = list(draw(st.permutations(columns)))
        keep = draw(st.integers(max(1, len(header) - 2), len(header)))
        header = header[:keep]
        key = "measure" if table == "targets" else "title" if table == "measures" else "id"
        if key not in header:
            header.append(key)
        if draw(st.integers(0, 5)) == 0:
            header.append(draw(st.sampled_from(["title", "id", "Baseline", "notes"])))  # a duplicate or unknown
        rows = []
        for _ in range(draw(st.integers(0, 5))):
            width = len(header) + draw(st.sampled_from([0, 0, 0, -1, 1, 2]))  # short rows, values right of it
            row = []
            for n in range(max(0, width)):
                name = header[n] if n < len(header) else ""
                pool = IDS if name in ("id", "plan", "objective", "measure", "supports", "derives_from") else TEXT
                row.append(draw(st.sampled_from(pool)))
            rows.append(row)
        out[table] = (header, rows)
    return out


def _csv(header, rows) -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    return buf.getvalue().encode("utf-8")


def _blank(row) -> bool:
    return all(not str(v).strip() for v in row)


def _accounted(result, where) -> set:
    """Row keys the model holds or a finding names: ``where(source) -> key or None``."""
    keys = set()
    for plan in result.framework.plans:
        keys.add(where(plan.source))
        for o in plan.objectives:
            keys.add(where(o.source))
            for m in o.measures:
                keys.add(where(m.source))
                keys.update(where(t.source) for t in m.targets)
    for f in result.findings:
        if f.source is not None:
            keys.add(where(f.source))
    return keys


def _left_with_named_record(result, table, header, row) -> bool:
    """The row names a parent id that a duplicate-id finding says was left out with its rows."""
    column = PARENT.get(table)
    if column is None or column not in header:
        return False
    parent = row[header.index(column)].strip() if header.index(column) < len(row) else ""
    return any(f.code in ("PC003", "PC004", "PC010") and parent in f.objects for f in result.findings)


def _in_reported_columns(result, table, header, row, where_row) -> bool:
    """Every value of the row is in a column that a finding on the header row says was not
    read (an unknown column, or the second of two with one name)."""
    if not any(f.code == "PC002" and f.source is not None and where_row(table, f.source) == (table, 1)
               for f in result.findings):
        return False
    seen, unread = set(), set()
    for n, name in enumerate(header):
        if name not in COLUMNS[table] or name in seen:
            unread.add(n)
        seen.add(name)
    return all(n in unread for n, v in enumerate(row) if str(v).strip() and n < len(header))


def _check_rule(fw, result, where_row):
    for table, (header, rows) in fw.items():
        accounted = _accounted(result, lambda src, t=table: where_row(t, src))
        for n, row in enumerate(rows, 2):  # the header is row 1
            if _blank(row):
                continue
            assert ((table, n) in accounted or _left_with_named_record(result, table, header, row)
                    or _in_reported_columns(result, table, header, row, where_row)), (
                f"{table} row {n} {row!r} under {header!r} was neither read nor reported")


@RULE
@given(frameworks())
def test_every_csv_row_is_read_or_reported(fw):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "fw"
        folder.mkdir()
        for table, (header, rows) in fw.items():
            (folder / f"{table}.csv").write_bytes(_csv(header, rows))
        result = run([str(folder)], Settings())

    def where_row(table, src):
        return (table, src.line) if Path(src.file).name == f"{table}.csv" else None

    _check_rule(fw, result, where_row)


@RULE
@given(frameworks())
def test_every_workbook_row_is_read_or_reported(fw):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for table, (header, rows) in fw.items():
        ws = wb.create_sheet(table)
        for row in [header, *rows]:
            ws.append(row)
            for cell in ws[ws.max_row]:
                cell.data_type = "s"  # as typed: '=1+1' stays text
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fw.xlsx"
        wb.save(path)
        result = run([str(path)], Settings())

    def where_row(table, src):
        if src.sheet != table or not src.cell:
            return None
        return (table, int("".join(c for c in src.cell if c.isdigit())))

    _check_rule(fw, result, where_row)
