"""The partner workbook, read back: sheets, rows, highlighting, safety, properties."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from conftest import ROOT, write_framework

from plancheck.config import Settings
from plancheck.findings import Finding
from plancheck.model import Source
from plancheck.report import ReportOptions, render
from plancheck.report.xlsx import FLAG_FILL, ROW_FILL
from plancheck.run import run

PLANS = {
    "scs.yaml": """
        plan:
          id: SCS
          title: "=HYPERLINK(\\"http://example.org\\",\\"Sustainable Community Strategy\\")"
          kind: sustainable-community-strategy
        objectives:
          - id: SCS-W2
            title: More local people in work
          - id: SCS-S1
            title: "@Reduce crime"
        """,
    "laa.yaml": """
        plan:
          id: LAA
          title: "+Luton Local Area Agreement 2008-11"
          kind: local-area-agreement
          period: {start: 2008/09, end: 2010/13}
          derives_from: [SCS]
        objectives:
          - id: LAA-E1
            title: More Luton residents in work
            supports: [SCS-W2]
            measures:
              - indicator: NI 151
                title: Overall employment rate (working age)
                unit: percent
                baseline: {value: 67.8, year: 2007/08}
                targets:
                  - {year: 2010/11, value: 70.0}
          - id: LAA-S2
            title: "-Reduce serious violent crime"
        """,
    "l2011.yaml": """
        plan:
          id: L2011
          title: Luton 2011
          kind: corporate-plan
        objectives:
          - id: L2011-4
            title: Employment
            measures:
              - indicator: NI151
                title: Employment rate
                unit: percent
                targets:
                  - {year: 2011, value: 74.0}
        """,
}
CONFLICT = Finding("PC201", "conflicting-targets", "target-conflict", "error",
                   "NI 151 overall employment rate: LAA targets 70% for 2010/11, Luton 2011 targets 74% for 2011",
                   "LAA", ("LAA-E1.1", "L2011-4.1"), Source("laa.yaml", 14))


@pytest.fixture
def book(tmp_path):
    folder = write_framework(tmp_path / "fw", PLANS)
    result = run([str(folder)], Settings(name="Test framework"))
    result.findings = sorted(result.findings + [CONFLICT], key=Finding.sort_key)
    data = render("xlsx", result, ReportOptions())
    return result, data, openpyxl.load_workbook(io.BytesIO(data))


def _rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_sheets_and_properties(book):
    result, _, wb = book
    assert wb.sheetnames == ["Summary", "Findings", "Traceability", "Targets", "Indicators", "Checks"]
    assert wb.properties.title == "Plan consistency report: Test framework"
    assert wb.properties.creator.startswith("plancheck") and wb.properties.created is not None


def test_findings_sheet_one_row_per_finding_worst_first(book):
    result, _, wb = book
    ws = wb["Findings"]
    rows = _rows(ws)
    assert rows[0][:3] == ["Severity", "Code", "Check"] and "Where to fix it" in rows[0]
    body = rows[1:]
    # One row per plan a finding involves: the PC201 between LAA and L2011 is a row of each.
    assert len(body) == sum(len(f.plans or (f.plan,)) for f in result.findings) > len(result.findings)
    conflict = {(r[4], r[5]) for r in body if r[1] == "PC201" and set(r[6].split(", ")) == {"LAA-E1.1", "L2011-4.1"}}
    assert {("L2011", "LAA"), ("LAA", "L2011")} <= conflict
    assert [r[0] for r in body] == sorted((r[0] for r in body), key=["Error", "Warning", "Information"].index)
    assert {r[1] for r in body} == {f.code for f in result.findings}
    assert ws.freeze_panes == "C2"
    # 10 finding columns, "Accepted because", 4 response columns (P: Reference)
    assert "Findings" in ws.tables and ws.tables["Findings"].ref == f"A1:P{len(body) + 1}"
    assert ws.cell(2, 1).fill.fgColor.rgb.endswith(ROW_FILL["error"])
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"


def test_no_cell_is_ever_a_formula(book):
    _, data, wb = book
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheets = [zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>" in s or b"<f " in s for s in sheets)
    texts = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("=HYPERLINK") for t in texts)
    assert any(t.startswith("+Luton") for t in texts)


def test_traceability_marks_unlinked_rows(book):
    _, _, wb = book
    ws = wb["Traceability"]
    rows = {(r[1], r[4]): (r[6], i) for i, r in enumerate(_rows(ws)[1:], 2)}
    assert rows[("LAA-E1", "SCS-W2")][0] == "Linked"
    status, row = rows[("LAA-S2", None)]
    assert status.startswith("No link to")
    assert ws.cell(row, 1).fill.fgColor.rgb.endswith(FLAG_FILL)
    undelivered = rows[(None, "SCS-S1")][0]
    assert undelivered.startswith("Nothing in") and "supports this" in undelivered


def test_targets_side_by_side_with_conflict_highlighted(book):
    _, _, wb = book
    ws = wb["Targets"]
    rows = _rows(ws)
    header = rows[0]
    assert header[:2] == ["Indicator", "Plan"]
    assert "Target 2010/11" in header and "Target 2011" in header
    by_measure = {r[2]: (r, i) for i, r in enumerate(rows[1:], 2)}
    laa, row = by_measure["LAA-E1.1"]
    assert laa[0].startswith("NI 151") and by_measure["L2011-4.1"][0][0] == laa[0]  # NI151 grouped with NI 151
    assert laa[header.index("Target 2010/11")] == 70 and laa[header.index("Baseline")] == 67.8
    assert ws.cell(row, 1).fill.fgColor.rgb.endswith(FLAG_FILL)


def test_checks_and_summary(book):
    result, _, wb = book
    checks = _rows(wb["Checks"])[1:]
    assert [r[0] for r in checks] == sorted(c.code for c in result.checks)
    summary = [c for row in _rows(wb["Summary"]) for c in row if c is not None]
    assert "Errors (must fix)" in summary
    assert result.counts()["error"] in summary and CONFLICT.message in summary


def test_cli_requires_output_for_xlsx_and_writes_it(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from plancheck.cli import cli

    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    assert runner.invoke(cli, ["check", "plans/luton", "--format", "xlsx"]).exit_code == 2
    out = tmp_path / "r.xlsx"
    res = runner.invoke(cli, ["check", "plans/luton", "--format", "xlsx", "--output", str(out)])
    assert res.exit_code == 1 and openpyxl.load_workbook(out).sheetnames[0] == "Summary"
