"""Loaders: every form, real-world mess, located input findings, nothing lost."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import openpyxl
import pytest
from conftest import PLANS, check_paths, make_workbook, problem, project, write_framework
from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.load import load_framework

LAA = """
plan:
  id: LAA
  title: Luton Local Area Agreement 2008-11
  kind: local-area-agreement
  owner: Luton Forum
  period: {start: 2008/09, end: 2010/11}
  derives_from: [SCS]
objectives:
  - id: LAA-E1
    title: More Luton residents in work
    supports: [SCS-W2]
    lead: Jobcentre Plus
    measures:
      - indicator: NI 151
        title: Overall employment rate (working age)
        unit: percent
        direction: increase
        baseline: {value: "67.8%", year: 2007/08}
        targets:
          - {year: 2008/09, value: 68.5}
          - {year: 2010-11, value: "70.0"}
"""
SCS = """
plan:
  id: SCS
  title: Luton Sustainable Community Strategy 2008-2026
  kind: sustainable-community-strategy
  period: {start: 2008/09, end: 2025/26}
objectives:
  - id: SCS-W2
    title: A working and prosperous Luton with more local people in good jobs
    measures:
      - title: Working age people claiming out of work benefits
        unit: number
        baseline: {value: "2,737", year: 2008}
        targets:
          - {year: 2011, value: "2,500"}
"""


def test_yaml_framework_reads_every_field_with_locations(tmp_path):
    folder = write_framework(tmp_path, {"laa.yaml": LAA, "scs.yaml": SCS})
    loaded = load_framework([str(folder)])
    assert [h.code for h in loaded.hits] == []
    plans = {p.id: p for p in loaded.framework.plans}
    laa = plans["LAA"]
    assert (laa.kind, laa.owner, laa.derives_from) == ("local-area-agreement", "Luton Forum", ("SCS",))
    assert (str(laa.period_start), str(laa.period_end)) == ("2008/09", "2010/11")
    obj = laa.objectives[0]
    assert (obj.id, obj.supports, obj.lead, obj.source.line) == ("LAA-E1", ("SCS-W2",), "Jobcentre Plus", 9)
    m = obj.measures[0]
    assert m.id == "LAA-E1.1"  # default id: objective id and position
    assert (m.indicator, m.unit, m.direction) == ("NI 151", "percent", "increase")
    assert (m.baseline.value.number, str(m.baseline.year), m.baseline.source.line) == (67.8, "2007/08", 18)
    assert [(str(t.year), t.value.number, t.source.line) for t in m.targets] == [
        ("2008/09", 68.5, 20), ("2010/11", 70.0, 21)]
    scs_measure = plans["SCS"].objectives[0].measures[0]
    assert scs_measure.baseline.value.number == 2737
    assert scs_measure.targets[0].value.number == 2500


@pytest.mark.parametrize("text, code, line", [
    ("plan: {id: X, title: T, kind: other\n", "PC001", 2),  # unclosed flow mapping
    ("plan:\n  id: X\n  title: T\n  kind: other\n  colour: blue\n", "PC002", 5),
    ("plan:\n  id: X\n  kind: other\n", "PC003", 2),
    ("plan:\n  id: X\n  title: T\n  kind: other\n  period: {start: 2008/10, end: 2011}\n", "PC005", 5),
    ("plan:\n  id: X\n  title: T\n  kind: council-plan\n", "PC007", 4),
    ("plan: {id: X, title: T, kind: other}\nobjectives:\n  - id: X1\n    title: T\n"
     "    measures:\n      - title: M\n        direction: up\n", "PC008", 7),
    ("plan: {id: X, title: T, kind: other}\nobjectives:\n  - id: X1\n    title: T\n"
     "    measures:\n      - title: M\n        targets:\n          - {year: 2011, value: [1, 2]}\n",
     "PC006", 8),
    ("plan: {id: X, title: T, kind: other}\nobjectives:\n  - id: X1\n    title: T\n"
     "    measures:\n      - title: M\n        target:\n          - {year: 2011, value: 3}\n",
     "PC002", 7),
    ("just: a list\n", "PC001", 1),
    ("", "PC001", None),
])
def test_broken_yaml_gives_located_input_findings(tmp_path, text, code, line):
    folder = write_framework(tmp_path, {"plan.yaml": text, "good.yaml": SCS})
    result = check_paths([folder], select=["PC0"])
    found = [(c, f, ln) for c, _, f, ln in project(result)]
    assert (code, "plan.yaml", line) in found
    # the rest of the framework is still read
    assert "SCS" in {p.id for p in result.framework.plans}


def test_duplicate_ids_across_plans_are_reported_and_first_kept(tmp_path):
    other = SCS.replace("id: SCS\n", "id: SCS2\n")
    folder = write_framework(tmp_path, {"a.yaml": SCS, "b.yaml": other})
    result = check_paths([folder], select=["PC004"])
    assert project(result) == [("PC004", ("SCS-W2",), "b.yaml", 7)]
    assert len(list(result.framework.objectives())) == 1


def test_duplicate_key_keeps_both_objective_lists(tmp_path):
    text = SCS + "objectives:\n  - id: SCS-X\n    title: Second block\n"
    folder = write_framework(tmp_path, {"scs.yaml": text})
    result = check_paths([folder], select=["PC0"])
    assert [c for c, *_ in project(result)] == ["PC002"]
    assert {o.id for o in result.framework.objectives()} == {"SCS-W2", "SCS-X"}


def test_yaml_never_constructs_python_objects(tmp_path):
    text = "plan: !!python/object/apply:os.system ['touch pwned']\n"
    folder = write_framework(tmp_path, {"evil.yaml": text})
    result = check_paths([folder])
    assert not (Path.cwd() / "pwned").exists()
    assert "PC001" in [f.code for f in result.findings]


def test_other_files_are_listed_not_read(tmp_path):
    folder = write_framework(tmp_path, {"scs.yaml": SCS, "notes.txt": "hello", "old.xls": "x"})
    (folder / "sub").mkdir()
    result = check_paths([folder], select=["PC009"])
    assert sorted(f for _, _, f, _ in project(result)) == ["notes.txt", "old.xls", "sub"]


def test_empty_folder_is_a_no_plans_finding(tmp_path):
    (tmp_path / "empty").mkdir()
    result = check_paths([tmp_path / "empty"])
    assert [f.code for f in result.findings] == ["PC011"]
    assert result.exit_code == 1


# -- workbooks --------------------------------------------------------------------
PLAN_ROWS = [["id", "title", "kind", "owner", "period_start", "period_end", "derives_from"],
             ["SCS", "Luton Sustainable Community Strategy 2008-2026", "sustainable-community-strategy",
              "Luton Forum", "2008/09", "2025/26", None],
             ["LAA", "Luton Local Area Agreement 2008-11", "local-area-agreement", "Luton Forum",
              "2008/09", "2010/11", "SCS"]]
OBJ_ROWS = [["id", "plan", "title", "theme", "supports", "local", "lead"],
            ["SCS-W2", "SCS", "A working and prosperous Luton", "Economy", None, None, None],
            ["LAA-E1", "LAA", "More Luton residents in work", "Economy", "SCS-W2", "no", "Jobcentre Plus"]]
MEASURE_ROWS = [["id", "objective", "indicator", "title", "unit", "direction", "kind", "baseline_value",
                 "baseline_year", "lead"],
                ["LAA-E1.1", "LAA-E1", "NI 151", "Overall employment rate", "percent", "increase", None,
                 "67.8", "2007/08", None]]
TARGET_ROWS = [["measure", "year", "value"], ["LAA-E1.1", "2008/09", 68.5], ["LAA-E1.1", "2010/11", "70.0"]]


def contract_sheets():
    return {"plans": PLAN_ROWS, "objectives": OBJ_ROWS, "measures": MEASURE_ROWS, "targets": TARGET_ROWS}


def test_workbook_reads_like_yaml_with_sheet_and_cell(tmp_path):
    path = make_workbook(tmp_path / "fw.xlsx", contract_sheets())
    loaded = load_framework([str(path)])
    assert loaded.hits == []
    laa = {p.id: p for p in loaded.framework.plans}["LAA"]
    m = laa.objectives[0].measures[0]
    assert [(str(t.year), t.value.number) for t in m.targets] == [("2008/09", 68.5), ("2010/11", 70.0)]
    assert (m.source.sheet, m.source.cell) == ("measures", "A2")
    assert (m.baseline.source.sheet, m.baseline.source.cell) == ("measures", "H2")


def test_messy_workbook_from_another_program(tmp_path):
    """Title row above the header, loose headers, merged theme cells, blank rows, stray
    spaces, a percent-formatted cell, an extra notes sheet and a formula with no value."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("Plans")
    ws.append(["Luton strategic plans (exported 3 March 2008)"])
    ws.append(["ID", "Title", "Kind", "Owner", "Period start", "Period end", "Derives from"])
    for row in PLAN_ROWS[1:]:
        ws.append(row)
    ws = wb.create_sheet("Objectives")
    ws.append(OBJ_ROWS[0])
    ws.append(["  SCS-W2 ", "SCS", "A working and prosperous Luton", "Economy and jobs", None, None, None])
    ws.append([None] * 7)
    ws.append(["LAA-E1", "LAA", "More Luton residents in work", None, "SCS-W2", "FALSE", None])
    ws.merge_cells("D2:D4")  # theme merged down the rows, as officers do
    ws = wb.create_sheet("Measures")
    ws.append(["id", "objective", "indicator", "title", "unit", "direction", "kind", "Baseline value",
               "Baseline year", "lead"])
    ws.append(["LAA-E1.1", "LAA-E1", "NI151", "Overall employment rate", "percent", "Increase", None,
               0.678, 2008, None])
    ws["H2"].number_format = "0.0%"
    ws = wb.create_sheet("targets")
    ws.append(["measure", "year", "value"])
    ws.append(["LAA-E1.1", "2010/11", "=B1*2"])
    wb.create_sheet("Notes").append(["Prepared by the policy team"])
    path = tmp_path / "messy.xlsx"
    wb.save(path)
    result = check_paths([path], select=["PC0"])
    assert sorted((c, f) for c, _, f, _ in project(result)) == [
        ("PC009", "messy.xlsx"), ("PC009", "messy.xlsx"), ("PC012", "messy.xlsx")]
    cells = {(f.code, f.source.sheet, f.source.cell) for f in result.findings}
    assert ("PC012", "targets", "C2") in cells and ("PC009", "Notes", None) in cells
    objectives = {o.id: o for o in result.framework.objectives()}
    assert objectives["LAA-E1"].theme == "Economy and jobs"  # merged cell filled down
    m = objectives["LAA-E1"].measures[0]
    assert (m.baseline.value.number, m.direction, m.indicator) == (67.8, "increase", "NI151")


def test_xlsx_that_is_really_csv_is_an_unreadable_file(tmp_path):
    path = tmp_path / "plans.xlsx"
    path.write_text("id,title,kind\nSCS,Strategy,other\n")
    result = check_paths([path])
    assert [(f.code, Path(f.source.file).name) for f in result.findings] == [
        ("PC001", "plans.xlsx"), ("PC011", "plans.xlsx")]


def test_orphan_rows_are_reported_with_suggestion(tmp_path):
    sheets = contract_sheets()
    sheets["targets"] = TARGET_ROWS + [["LAA-E1.2", "2010/11", 3]]
    path = make_workbook(tmp_path / "fw.xlsx", sheets)
    result = check_paths([path], select=["PC010"])
    assert [(f.code, f.source.sheet, f.source.cell) for f in result.findings] == [("PC010", "targets", "A4")]
    assert "LAA-E1.1" in result.findings[0].message  # did you mean


# -- CSV ----------------------------------------------------------------------------
def write_csv(folder: Path, name: str, rows, encoding="utf-8", delimiter=","):
    folder.mkdir(exist_ok=True)
    with open(folder / name, "w", newline="", encoding=encoding) as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)


def csv_framework(folder: Path, encoding="utf-8", delimiter=","):
    for name, rows in contract_sheets().items():
        write_csv(folder, f"{name}.csv", rows, encoding, delimiter)
    return folder


@pytest.mark.parametrize("encoding, delimiter", [("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ","),
                                                 ("utf-8", ";")])
def test_csv_folder_in_the_encodings_excel_writes(tmp_path, encoding, delimiter):
    folder = csv_framework(tmp_path / "csv", encoding, delimiter)
    rows = OBJ_ROWS + [["LAA-E2", "LAA", "Improve skills – Level 2 for £-funded learners", None, None, None, None]]
    write_csv(folder, "objectives.csv", rows, encoding, delimiter)
    loaded = load_framework([str(folder)])
    assert loaded.hits == []
    titles = {o.id: o.title for o in loaded.framework.objectives()}
    assert titles["LAA-E2"] == "Improve skills – Level 2 for £-funded learners"
    m = next(loaded.framework.measures())
    assert (m.source.file.endswith("measures.csv"), m.source.line) == (True, 2)


def test_csv_in_an_unknown_encoding_is_reported(tmp_path):
    folder = csv_framework(tmp_path / "csv")
    (folder / "objectives.csv").write_bytes("id,plan,title\n".encode("utf-16"))
    result = check_paths([folder], select=["PC001"])
    assert [(c, f) for c, _, f, _ in project(result)] == [("PC001", "objectives.csv")]


def test_three_forms_give_the_same_findings(tmp_path):
    """The same framework with the same problems as YAML, workbook and CSV."""
    sheets = contract_sheets()
    sheets["measures"] = MEASURE_ROWS + [["LAA-E1.2", "LAA-E1", None, "Claimant count", "number",
                                          "down", None, "2,737", "2008/10", None]]
    sheets["objectives"] = OBJ_ROWS + [["LAA-E1", "LAA", "Duplicate", None, None, None, None]]
    sheets["targets"] = TARGET_ROWS + [["LAA-E9", "2011", 1]]
    xlsx = make_workbook(tmp_path / "fw.xlsx", sheets)
    folder = tmp_path / "csv"
    for name, rows in sheets.items():
        write_csv(folder, f"{name}.csv", rows)
    yaml_text = {
        "scs.yaml": "plan: {id: SCS, title: Luton Sustainable Community Strategy 2008-2026, "
                    "kind: sustainable-community-strategy, owner: Luton Forum, "
                    "period: {start: 2008/09, end: 2025/26}}\nobjectives:\n"
                    "  - {id: SCS-W2, title: A working and prosperous Luton, theme: Economy}\n",
        "laa.yaml": "plan: {id: LAA, title: Luton Local Area Agreement 2008-11, kind: local-area-agreement, "
                    "owner: Luton Forum, period: {start: 2008/09, end: 2010/11}, derives_from: [SCS]}\n"
                    "objectives:\n"
                    "  - id: LAA-E1\n    title: More Luton residents in work\n    theme: Economy\n"
                    "    supports: [SCS-W2]\n    local: no\n    lead: Jobcentre Plus\n    measures:\n"
                    "      - {id: LAA-E1.1, indicator: NI 151, title: Overall employment rate, unit: percent,"
                    " direction: increase, baseline: {value: 67.8, year: 2007/08},"
                    " targets: [{year: 2008/09, value: 68.5}, {year: 2010/11, value: '70.0'}]}\n"
                    "      - {id: LAA-E1.2, title: Claimant count, unit: number, direction: down,"
                    " baseline: {value: '2,737', year: 2008/10}}\n"
                    "  - {id: LAA-E1, title: Duplicate}\n",
    }
    yaml_dir = write_framework(tmp_path / "yaml", yaml_text)
    results = [check_paths([p]) for p in (yaml_dir, xlsx, folder)]

    def key(result):
        return sorted((f.code, f.plan or "", f.objects, problem(f)) for f in result.findings if f.code != "PC010")

    assert key(results[0]) == key(results[1]) == key(results[2])
    assert {f.code for f in results[1].findings} >= {"PC004", "PC005", "PC008", "PC010"}


def test_loading_never_writes_to_input(tmp_path):
    files = sorted(PLANS.joinpath("luton").iterdir())
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    check_paths([PLANS / "luton"])
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files} == before


def test_objectives_of_a_duplicate_plan_are_not_merged_into_the_first(tmp_path):
    copy = SCS.replace("SCS-W2", "SCS-X9").replace("A working and prosperous", "A different")
    folder = write_framework(tmp_path, {"a.yaml": SCS, "b.yaml": copy})
    result = check_paths([folder], select=["PC0"])
    assert project(result) == [("PC004", ("SCS",), "b.yaml", 2)]
    assert [o.id for o in result.framework.objectives()] == ["SCS-W2"]


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_rows_under_a_duplicate_plan_in_a_workbook_go_with_it(tmp_path, form):
    """A workbook repeating a YAML plan: its objectives, measures and targets are left out with it.

    Before, table rows named their parent by id only, so the workbook's objectives joined the
    YAML plan, and its targets were added to the YAML measure of the same id.
    """
    yaml_dir = write_framework(tmp_path / "yaml", {"laa.yaml": LAA, "scs.yaml": SCS})
    sheets = contract_sheets()
    sheets["plans"] = PLAN_ROWS[:1] + PLAN_ROWS[2:]  # LAA only
    sheets["objectives"] = OBJ_ROWS[:1] + [["LAA-X9", "LAA", "Only in the workbook", None, "SCS-W2", None, None]]
    sheets["measures"] = MEASURE_ROWS[:1] + [["LAA-E1.1", "LAA-X9", None, "Employment", "percent", "increase",
                                               None, "67.8", "2007/08", None]]
    sheets["targets"] = TARGET_ROWS[:1] + [["LAA-E1.1", "2009/10", 99]]
    if form == "xlsx":
        other = make_workbook(tmp_path / "copy.xlsx", sheets)
    else:
        other = tmp_path / "copy"
        for name, rows in sheets.items():
            write_csv(other, f"{name}.csv", rows)
    result = check_paths([yaml_dir, other], select=["PC0"])
    assert [(f.code, f.objects) for f in result.findings] == [("PC004", ("LAA",))]
    assert [o.id for o in result.framework.objectives()] == ["LAA-E1", "SCS-W2"]
    measure = next(m for m in result.framework.measures() if m.id == "LAA-E1.1")
    assert [t.year_raw for t in measure.targets] == ["2008/09", "2010-11"]


def test_duplicate_measure_rows_in_one_workbook_keep_their_targets_with_the_first(tmp_path):
    sheets = contract_sheets()
    sheets["measures"] = MEASURE_ROWS + [MEASURE_ROWS[1]]
    path = make_workbook(tmp_path / "fw.xlsx", sheets)
    result = check_paths([path], select=["PC0"])
    assert [(f.code, f.objects) for f in result.findings] == [("PC004", ("LAA-E1.1",))]
    assert len(next(result.framework.measures()).targets) == 2


_YEARS = st.one_of(st.sampled_from(["2010/11", "2010-11", "2011", " 2011 ", "2010/2011", "11/12", "FY2011", "",
                                    "  ", "2010/13", "1850", "2200"]),
                   st.integers(-5, 3000), st.booleans(), st.none(), st.floats(allow_nan=True), st.text(max_size=8))
_VALUES = st.one_of(st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                    st.none(), st.sampled_from(["70", "70%", "TBC", "55.7 (for 2009)", "0x1F", "", "1_000", "6,721",
                                                "to be agreed", " 31.9% ", "  ", "1:30", "33:30", "0b101", "1e400",
                                                "2,737 (2007/08)", "9" * 500]),
                    st.text(max_size=12), st.integers(10**300, 10**309))


@settings(max_examples=2000, deadline=None)
@given(_YEARS, _VALUES)
def test_a_clean_target_is_what_the_field_reader_reads_with_nothing_to_report(year, value):
    """YAML targets like {year: 2010/11, value: 70} skip building cells (FieldReader.clean_target):
    whenever it answers, the full reader gives the same target and reports nothing."""
    from plancheck.load.records import Cell, FieldReader
    from plancheck.model import Source

    where, hits = Source("plan.yaml", 12), []
    clean = FieldReader.clean_target(year, value, where)
    full = FieldReader(hits).target({"year": Cell(year, Source("plan.yaml", 12)), "value": Cell(value, where)},
                                    where, "Measure M1", "M1")
    if clean is not None:
        assert clean == full and clean.year_raw == full.year_raw and not hits
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and isinstance(year, (str, int)) \
            and not isinstance(year, bool) and full.year is not None and full.value.is_number:
        pytest.fail(f"a clean pair was not taken: {year!r}, {value!r}")
    elif isinstance(value, str) and isinstance(year, (str, int)) and not isinstance(year, bool) \
            and full.year is not None and not hits:
        pytest.fail(f"a clean pair with a value written as text was not taken: {year!r}, {value!r}")
