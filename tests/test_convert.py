"""convert and template: the forms carry the same framework, and spreadsheets stay safe."""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import PLANS, ROOT, problem, write_framework

from plancheck.cli import cli
from plancheck.config import Settings
from plancheck.convert import csv_cell, model_key, template_xlsx, to_csv_files, write_conversion
from plancheck.load import load_framework
from plancheck.load.csv_tables import unguard
from plancheck.output import OutputError
from plancheck.run import run

# Real council wording plus what officers really type: thousands commas, TBC, a
# qualified value, a percent sign, year labels in three spellings, a local objective,
# measure kinds, and text a spreadsheet would run as a formula.
TRICKY = {
    "scs.yaml": """
        plan:
          id: SCS
          title: Sustainable Community Strategy 2008-26
          kind: sustainable-community-strategy
          owner: Luton Forum
          period: {start: 2008, end: 2026}
        objectives:
          - id: SCS-S1
            title: "=A safer Luton"
            theme: "@Safety"
          - id: SCS-W2
            title: More Luton residents in work
        """,
    "laa.yaml": """
        plan:
          id: LAA
          title: "+Luton Local Area Agreement 2008-11"
          kind: local-area-agreement
          owner: "-Luton Forum"
          period: {start: 2008/09, end: 2010-11}
          derives_from: [SCS]
        objectives:
          - id: LAA-E1
            title: More Luton residents in work
            theme: "'=quoted on purpose"
            supports: [SCS-W2, SCS-S1]
            lead: Jobcentre Plus
            measures:
              - id: LAA-E1.1
                indicator: NI 151
                title: Overall employment rate (working age)
                unit: percent
                direction: increase
                kind: outcome
                baseline: {value: "67.8%", year: 2007/08}
                targets:
                  - {year: 2008/09, value: 68.5}
                  - {year: 2010-11, value: "70.0"}
                  - {year: 2011, value: TBC}
              - title: Domestic burglaries
                unit: number
                direction: decrease
                kind: output
                baseline: {value: "2,737", year: 2004/2005}
                targets:
                  - {year: 2010/11, value: "55.7 (for 2009)"}
                  - {year: 2009/10, value: -3.5}
                  - {year: 2008/09}
                  - {value: 12}
          - id: LAA-L1
            title: A cleaner town centre
            local: true
            measures:
              - title: Street cleanliness survey score
                baseline: {year: 2007/08}
        """,
}


def _load(path) -> dict:
    return model_key(load_framework([str(path)]).framework)


@pytest.fixture
def tricky(tmp_path):
    return write_framework(tmp_path / "src", TRICKY)


def _project(result) -> Counter:
    return Counter((f.code, f.objects, problem(f)) for f in result.findings)


# -- round trips ------------------------------------------------------------------------------------
@pytest.mark.parametrize("form", ["xlsx", "csv", "yaml"])
@pytest.mark.parametrize("source", ["luton", "tricky"])
def test_round_trip_gives_an_identical_framework(tmp_path, tricky, source, form):
    src = PLANS / "luton" if source == "luton" else tricky
    original = load_framework([str(src)]).framework
    mid = tmp_path / ("mid.xlsx" if form == "xlsx" else "mid")
    write_conversion(original, form, mid, [], False)
    back = tmp_path / "back"
    write_conversion(load_framework([str(mid)]).framework, "yaml", back, [], False)
    assert _load(mid) == model_key(original)
    assert _load(back) == model_key(original)


def test_model_key_sees_a_changed_value(tricky):
    # The comparison is not vacuous: a value written differently is a different framework.
    original = _load(tricky)
    laa = tricky / "laa.yaml"
    laa.write_text(laa.read_text().replace('"2,737"', '"2737"'))
    assert _load(tricky) != original


def test_values_and_years_kept_as_written(tmp_path, tricky):
    write_conversion(load_framework([str(tricky)]).framework, "xlsx", tmp_path / "f.xlsx", [], False)
    fw = load_framework([str(tmp_path / "f.xlsx")]).framework
    m1, m2 = fw.plans[0].objectives[0].measures if fw.plans[0].id == "LAA" else fw.plans[1].objectives[0].measures
    assert m1.baseline.value.raw == "67.8%"
    assert [t.year_raw for t in m1.targets] == ["2008/09", "2010-11", "2011"]
    assert [t.value.raw for t in m1.targets] == ["68.5", "70.0", "TBC"]
    assert m2.id == "LAA-E1.2" and m2.baseline.value.raw == "2,737" and m2.baseline.year_raw == "2004/2005"
    assert m2.targets[0].value.status == "qualified" and m2.targets[1].value.number == -3.5


# -- the same findings from every form ------------------------------------------------------------------
def test_luton_workbook_gives_the_same_findings_as_the_yaml(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert (PLANS / "luton.xlsx").is_file(), "make it with: plancheck convert plans/luton --to xlsx --output plans/luton.xlsx"
    assert _load(PLANS / "luton.xlsx") == _load(PLANS / "luton")
    assert _project(run(["plans/luton"], Settings())) == _project(run(["plans/luton.xlsx"], Settings()))


@pytest.mark.parametrize("source", ["luton", "tricky"])
def test_csv_copy_gives_the_same_findings(tmp_path, tricky, source):
    src = PLANS / "luton" if source == "luton" else tricky
    write_conversion(load_framework([str(src)]).framework, "csv", tmp_path / "csv", [], False)
    a, b = run([str(src)], Settings()), run([str(tmp_path / "csv")], Settings())
    assert _project(a) == _project(b)


# -- spreadsheet safety -------------------------------------------------------------------------------
def test_workbook_never_holds_a_formula(tmp_path, tricky):
    write_conversion(load_framework([str(tricky)]).framework, "xlsx", tmp_path / "f.xlsx", [], False)
    with zipfile.ZipFile(tmp_path / "f.xlsx") as zf:
        sheets = [zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any(b"<f>" in s or b"<f " in s for s in sheets)
    wb = openpyxl.load_workbook(tmp_path / "f.xlsx")
    titles = [c.value for c in wb["objectives"]["C"]]
    assert "=A safer Luton" in titles
    assert wb["plans"]["B3"].data_type == "s" or wb["plans"]["B2"].data_type == "s"


@pytest.mark.parametrize("text, written", [
    ("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+Luton", "'+Luton"), ("-Luton Forum", "'-Luton Forum"),
    ("@Safety", "'@Safety"), ("\tTab", "'\tTab"), ("\rCR", "'\rCR"), ("'=quoted", "''=quoted"),
    ("-3.5", "-3.5"), ("-2,737", "-2,737"), ("31.9%", "31.9%"), ("Luton", "Luton"), ("'Tis", "'Tis"),
])
def test_csv_guard_and_unguard(text, written):
    assert csv_cell(text) == written
    assert unguard(written) == text


def test_csv_files_hold_the_guard(tricky):
    files = to_csv_files(load_framework([str(tricky)]).framework)
    plans = files["plans.csv"].decode("utf-8-sig")
    assert "'+Luton Local Area Agreement 2008-11" in plans and "'-Luton Forum" in plans
    assert ",-3.5" in files["targets.csv"].decode("utf-8-sig")


# -- writing safely ---------------------------------------------------------------------------------------
def test_csv_folder_with_plan_files_is_refused_without_force(tmp_path, tricky):
    fw = load_framework([str(tricky)]).framework
    write_conversion(fw, "csv", tmp_path / "out", [], False)
    with pytest.raises(OutputError, match="already holds plan files"):
        write_conversion(fw, "csv", tmp_path / "out", [], False)
    write_conversion(fw, "csv", tmp_path / "out", [], True)


def test_convert_never_writes_over_its_input(tmp_path):
    folder = tmp_path / "csv"
    write_conversion(load_framework([str(PLANS / "luton")]).framework, "csv", folder, [], False)
    loaded = load_framework([str(folder)])
    with pytest.raises(OutputError, match="never writes over its input"):
        write_conversion(loaded.framework, "csv", folder, loaded.files, True)


def test_cli_convert_and_template(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(PLANS / "luton", tmp_path / "luton")
    runner = CliRunner()
    res = runner.invoke(cli, ["convert", "luton", "--to", "xlsx", "--output", "l.xlsx"])
    assert res.exit_code == 0, res.output
    assert _load(tmp_path / "l.xlsx") == _load(tmp_path / "luton")
    res = runner.invoke(cli, ["convert", "luton", "--to", "xlsx", "--output", "l.xlsx"])
    assert res.exit_code == 2
    res = runner.invoke(cli, ["convert", "luton", "--to", "yaml", "--output", "luton"])
    assert res.exit_code == 2  # the source folder holds plan files
    res = runner.invoke(cli, ["template", "--output", "t.xlsx"])
    assert res.exit_code == 0 and Path("t.xlsx").is_file()


# -- the input template -------------------------------------------------------------------------------------
def test_template_sheets_headers_and_dropdowns(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(template_xlsx())
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:5] == ["instructions", "plans", "objectives", "measures", "targets"]
    assert [c.value for c in wb["measures"][1]] == ["id", "objective", "indicator", "title", "unit", "direction",
                                                     "kind", "baseline_value", "baseline_year", "lead"]
    lists = {ws: [(dv.sqref, dv.formula1) for dv in wb[ws].data_validations.dataValidation]
             for ws in ("plans", "measures", "objectives")}
    assert any(str(sq).startswith("C2") for sq, _ in lists["plans"])  # kind
    assert {str(sq).split(":")[0] for sq, _ in lists["measures"]} == {"E2", "F2", "G2"}  # unit, direction, kind
    kinds = [c.value for c in wb["lists"]["A"][1:] if c.value]
    assert "local-area-agreement" in kinds
    result = run([str(path)], Settings())
    assert [f.code for f in result.findings] == ["PC011"]  # only: no plan yet


def test_filled_template_is_a_framework(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(template_xlsx())
    wb = openpyxl.load_workbook(path)
    wb["plans"].append(["LAA", "Luton Local Area Agreement 2008-11", "local-area-agreement", "Luton Forum",
                        "2008/09", "2010/11", None])
    wb["objectives"].append(["LAA-E1", "LAA", "More Luton residents in work", None, None, None, "Jobcentre Plus"])
    wb.save(path)
    fw = load_framework([str(path)]).framework
    assert [p.id for p in fw.plans] == ["LAA"] and fw.plans[0].objectives[0].lead == "Jobcentre Plus"
