"""The "how to fix it" advice names the place to change in the form the plan is kept in.

checks/advice.py: an officer who keeps the plans in a workbook is told the sheet and row,
one who keeps CSV files the file and row, one who keeps YAML the key (contract section 3:
the same framework as a workbook or CSV, header row first). Written from that and from
the module's docstrings; the tests read the place tokens (sheet name, file name, row
number, the contract's column names, YAML keys), which are data, never the wording around
them. The advice is the finding's ``details["fix"]`` and the end of its message.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import check_paths, make_csv_folder, make_workbook, write_framework

from plancheck.checks import advice
from plancheck.model import Source

PLANS = [["id", "title", "kind", "owner", "period_start", "period_end", "derives_from"],
         ["SCS", "Luton Sustainable Community Strategy 2008-2026", "sustainable-community-strategy",
          "Luton Forum", "2008/09", "2025/26", None],
         ["LAA", "Luton Local Area Agreement 2008-11", "local-area-agreement", "Luton Forum",
          "2008/09", "2010/11", "SCS"]]
# Row 4: LAA-E2 supports an objective that does not exist (PC101), has no lead (PC501)
# and no measures (PC401).
OBJECTIVES = [["id", "plan", "title", "theme", "supports", "local", "lead"],
              ["SCS-W2", "SCS", "A working and prosperous Luton", "Economy", None, None, "Luton Forum"],
              ["LAA-E1", "LAA", "More Luton residents in work", "Economy", "SCS-W2", "no", "Jobcentre Plus"],
              ["LAA-E2", "LAA", "Fewer young people not in education or training", "Skills", "SCS-Q9",
               "no", None]]
# Row 3: no baseline (PC301) and no targets (PC304). Row 4: a baseline with no year
# (PC302). Row 5: a baseline after its first target (PC303).
MEASURES = [["id", "objective", "indicator", "title", "unit", "direction", "kind", "baseline_value",
             "baseline_year", "lead"],
            ["LAA-E1.1", "LAA-E1", "NI 151", "Overall employment rate", "percent", "increase", "outcome",
             "67.8", "2007/08", "Jobcentre Plus"],
            ["LAA-E1.2", "LAA-E1", None, "Working age people claiming out of work benefits", "percent",
             "decrease", "outcome", None, None, "Jobcentre Plus"],
            ["LAA-E1.3", "LAA-E1", None, "Adults with a level 2 qualification", "percent", "increase",
             "outcome", "61.5", None, "Jobcentre Plus"],
            ["LAA-E1.4", "LAA-E1", None, "Residents in full-time employment", "percent", "increase",
             "outcome", "70.2", "2010/11", "Jobcentre Plus"]]
TARGETS = [["measure", "year", "value"],
           ["LAA-E1.1", "2008/09", "68.5"], ["LAA-E1.1", "2010/11", "70.0"],
           ["LAA-E1.3", "2010/11", "65"],
           ["LAA-E1.4", "2009/10", "72"]]
SHEETS = {"plans": PLANS, "objectives": OBJECTIVES, "measures": MEASURES, "targets": TARGETS}
SETTINGS = {"accountability": {"leads_required": True}}


def _yaml_value(v: str) -> str:
    return f"'{v}'"


def yaml_files() -> dict[str, str]:
    """The same framework as YAML plan files (contract section 2)."""
    targets: dict[str, list[list[str]]] = {}
    for measure, year, value in TARGETS[1:]:
        targets.setdefault(measure, []).append([year, value])
    out = {}
    for pid, title, kind, owner, start, end, derives in PLANS[1:]:
        lines = ["plan:", f"  id: {pid}", f"  title: {title}", f"  kind: {kind}", f"  owner: {owner}",
                 f"  period: {{start: {_yaml_value(start)}, end: {_yaml_value(end)}}}"]
        if derives:
            lines.append(f"  derives_from: [{derives}]")
        lines.append("objectives:")
        for oid, plan, otitle, theme, supports, local, lead in OBJECTIVES[1:]:
            if plan != pid:
                continue
            lines += [f"  - id: {oid}", f"    title: {otitle}", f"    theme: {theme}"]
            if supports:
                lines.append(f"    supports: [{supports}]")
            if local:
                lines.append(f"    local: {local}")
            if lead:
                lines.append(f"    lead: {lead}")
            rows = [m for m in MEASURES[1:] if m[1] == oid]
            if rows:
                lines.append("    measures:")
            for mid, _o, indicator, mtitle, unit, direction, mkind, bvalue, byear, mlead in rows:
                lines += [f"      - id: {mid}", f"        title: {mtitle}", f"        unit: {unit}",
                          f"        direction: {direction}", f"        kind: {mkind}", f"        lead: {mlead}"]
                if indicator:
                    lines.append(f"        indicator: {indicator}")
                if bvalue:
                    year = f", year: {_yaml_value(byear)}" if byear else ""
                    lines.append(f"        baseline: {{value: {bvalue}{year}}}")
                if mid in targets:
                    lines.append("        targets:")
                    lines += [f"          - {{year: {_yaml_value(y)}, value: {v}}}" for y, v in targets[mid]]
        out[f"{pid.lower()}.yaml"] = "\n".join(lines) + "\n"
    return out


def write_workbook(path: Path, names: dict[str, str] | None = None) -> Path:
    """The framework as one workbook, header row first; ``names`` renames sheets."""
    return make_workbook(path, {(names or {}).get(name, name): rows for name, rows in SHEETS.items()})


def write_csv_folder(folder: Path) -> Path:
    return make_csv_folder(folder, SHEETS)


def fixes(result) -> dict[tuple[str, str], str]:
    """``(code, first object) -> advice`` for the findings that carry advice."""
    out = {}
    for f in result.findings:
        fix = (f.details or {}).get("fix")
        if fix:
            assert f.message.endswith(fix), f.code
            out[(f.code, f.objects[0])] = fix
    return out


@pytest.fixture
def forms(tmp_path):
    """``{form: (advice by (code, object), the findings' messages by (code, object))}``."""
    paths = {"yaml": write_framework(tmp_path / "yaml", yaml_files()),
             "workbook": write_workbook(tmp_path / "luton.xlsx"),
             "csv": write_csv_folder(tmp_path / "csv")}
    out = {}
    for form, path in paths.items():
        result = check_paths([path], SETTINGS)
        assert not [f for f in result.findings if f.code.startswith("PC0")], form  # read cleanly
        messages = {(f.code, f.objects[0]): f.message for f in result.findings}
        out[form] = (fixes(result), messages)
    return out


def rows_named(text: str) -> list[str]:
    return re.findall(r"\brow (\d+)", text)


def sheets_named(text: str) -> list[str]:
    return re.findall(r"\bsheet (\w+)", text)


def files_named(text: str) -> list[str]:
    return re.findall(r"[\w.-]+\.csv\b", text)


def test_every_form_reports_the_same_findings_with_advice(forms):
    keys = {form: set(fx) for form, (fx, _) in forms.items()}
    assert keys["yaml"] == keys["workbook"] == keys["csv"]
    assert keys["yaml"] >= {("PC301", "LAA-E1.2"), ("PC302", "LAA-E1.3"), ("PC303", "LAA-E1.4"),
                            ("PC304", "LAA-E1.2"), ("PC401", "LAA-E2"), ("PC501", "LAA-E2")}


@pytest.mark.parametrize("code, obj, sheet, row, columns", [
    ("PC301", "LAA-E1.2", "measures", "3", ["baseline_value", "baseline_year"]),  # two cells to type
    ("PC302", "LAA-E1.3", "measures", "4", ["baseline_year"]),                     # one cell
    ("PC501", "LAA-E2", "objectives", "4", ["lead"]),
])
def test_type_in_names_the_sheet_row_and_columns_in_a_workbook(forms, code, obj, sheet, row, columns):
    fix = forms["workbook"][0][(code, obj)]
    assert sheets_named(fix) == [sheet] and rows_named(fix) == [row]
    assert all(c in fix for c in columns) and files_named(fix) == []


@pytest.mark.parametrize("code, obj, file, row, columns", [
    ("PC301", "LAA-E1.2", "measures.csv", "3", ["baseline_value", "baseline_year"]),
    ("PC302", "LAA-E1.3", "measures.csv", "4", ["baseline_year"]),
    ("PC501", "LAA-E2", "objectives.csv", "4", ["lead"]),
])
def test_type_in_names_the_file_row_and_columns_in_a_csv_folder(forms, tmp_path, code, obj, file, row,
                                                                columns):
    fix = forms["csv"][0][(code, obj)]
    assert files_named(fix) == [file] and rows_named(fix) == [row] and sheets_named(fix) == []
    assert all(c in fix for c in columns)
    assert str(tmp_path) not in fix and f"csv/{file}" not in fix  # the file's name, not its path


@pytest.mark.parametrize("code, obj, key", [
    ("PC301", "LAA-E1.2", "baseline:"), ("PC302", "LAA-E1.3", "year:"), ("PC501", "LAA-E2", "lead:"),
    ("PC304", "LAA-E1.2", "targets:"), ("PC303", "LAA-E1.4", "2009/10"),
])
def test_yaml_advice_names_the_key_and_no_sheet_file_row_or_column(forms, code, obj, key):
    fix = forms["yaml"][0][(code, obj)]
    assert key in fix
    assert (sheets_named(fix), files_named(fix), rows_named(fix)) == ([], [], [])
    assert not re.search(r"\bcolumns? \w", fix)


def test_new_row_names_the_sheet_or_file_and_every_column_with_the_measure(forms):
    workbook = forms["workbook"][0][("PC304", "LAA-E1.2")]
    csv_fix = forms["csv"][0][("PC304", "LAA-E1.2")]
    assert sheets_named(workbook) == ["targets"] and files_named(workbook) == []
    assert files_named(csv_fix) == ["targets.csv"] and sheets_named(csv_fix) == []
    for fix in (workbook, csv_fix):
        assert rows_named(fix) == []  # a new row: no row number to give
        assert all(f"column {c}" in fix for c in ("measure", "year", "value")) and "LAA-E1.2" in fix
    # An objective with no measures: a row of the measures sheet or file, naming the objective.
    workbook = forms["workbook"][0][("PC401", "LAA-E2")]
    csv_fix = forms["csv"][0][("PC401", "LAA-E2")]
    assert sheets_named(workbook)[0] == "measures" and files_named(csv_fix)[0] == "measures.csv"
    assert all(f"column {c}" in fix and "LAA-E2" in fix for fix in (workbook, csv_fix)
               for c in ("objective", "title", "baseline_value"))


def test_place_names_the_sheet_or_file_and_row_for_a_baseline_after_its_target(forms):
    workbook = forms["workbook"][0][("PC303", "LAA-E1.4")]
    csv_fix = forms["csv"][0][("PC303", "LAA-E1.4")]
    yaml_fix = forms["yaml"][0][("PC303", "LAA-E1.4")]
    assert (sheets_named(workbook), rows_named(workbook), files_named(workbook)) == (["measures"], ["5"], [])
    assert (files_named(csv_fix), rows_named(csv_fix), sheets_named(csv_fix)) == (["measures.csv"], ["5"], [])
    assert (sheets_named(yaml_fix), files_named(yaml_fix), rows_named(yaml_fix)) == ([], [], [])


def test_a_broken_link_names_the_objectives_row_only_outside_yaml(forms):
    messages = {form: m[("PC101", "LAA-E2")] for form, (_, m) in forms.items()}
    assert (sheets_named(messages["workbook"]), rows_named(messages["workbook"])) == (["objectives"], ["4"])
    assert (files_named(messages["csv"]), rows_named(messages["csv"])) == (["objectives.csv"], ["4"])
    assert (sheets_named(messages["yaml"]), files_named(messages["yaml"]), rows_named(messages["yaml"])) == (
        [], [], [])


def test_the_workbooks_own_sheet_name_is_the_one_named(tmp_path):
    # Sheet names are read case-insensitively: the advice names the sheet as the officer
    # named it, where the object is (a new row goes to the contract's sheet name).
    path = write_workbook(tmp_path / "fw.xlsx", {"measures": "Measures", "objectives": "Objectives"})
    result = check_paths([path], SETTINGS)
    fx = fixes(result)
    assert sheets_named(fx[("PC301", "LAA-E1.2")]) == ["Measures"]
    assert sheets_named(fx[("PC501", "LAA-E2")]) == ["Objectives"]
    assert (sheets_named(fx[("PC303", "LAA-E1.4")]), rows_named(fx[("PC303", "LAA-E1.4")])) == (["Measures"], ["5"])


# -- the module's own documented behaviour ------------------------------------------------

@pytest.mark.parametrize("source, form", [
    (None, advice.YAML),
    (Source("plans/laa.yaml", 12), advice.YAML),
    (Source("plans/luton.xlsx", None, "measures", "H7"), advice.WORKBOOK),
    (Source("plans/csv/measures.csv", 7), advice.CSV),
    (Source("plans/csv/MEASURES.CSV", 7), advice.CSV),  # Windows keeps upper-case names
])
def test_the_form_is_read_from_where_the_object_was_found(source, form):
    assert advice.form(source) == form


@pytest.mark.parametrize("source, row", [
    (None, ""),
    (Source("luton.xlsx", None, "measures", "H7"), "7"),
    (Source("luton.xlsx", None, "measures", "AB123"), "123"),
    (Source("luton.xlsx", None, "measures", None), ""),
    (Source("csv/measures.csv", 7), "7"),
    (Source("csv/measures.csv", None), ""),
])
def test_row_is_the_sheet_or_file_row_or_empty_when_unknown(source, row):
    assert advice.row(source) == row


def test_place_of_a_csv_row_written_on_windows_names_the_file_alone():
    where = advice.place(Source(r"C:\Users\policy\plans\measures.csv", 7), "measures")
    assert (files_named(where), rows_named(where)) == (["measures.csv"], ["7"])
    assert "Users" not in where and "policy" not in where


def test_place_of_a_file_named_without_a_folder_is_that_file():
    where = advice.place(Source("measures.csv", 7), "measures")  # read from the working folder
    assert (files_named(where), rows_named(where)) == (["measures.csv"], ["7"])


def test_place_without_a_known_row_names_the_sheet_or_file_alone():
    where = advice.place(Source("fw.xlsx", None, "measures", None), "measures")
    assert sheets_named(where) == ["measures"] and not re.search(r"\brow\b", where)
    where = advice.place(Source("csv/targets.csv", None), "targets")
    assert files_named(where) == ["targets.csv"] and not re.search(r"\brow\b", where)
    assert advice.place(None, "measures") == advice.place(Source("laa.yaml", 3), "measures") == ""



CELLS = [("measure", "LAA-E1.2"), ("year", "2010/11"), ("value", "55.7")]
WORKBOOK_ROW = Source("luton.xlsx", None, "targets", "B12")
CSV_ROW = Source("csv/targets.csv", 12)


@pytest.mark.parametrize("source", [WORKBOOK_ROW, CSV_ROW], ids=["workbook", "csv"])
@pytest.mark.parametrize("n", [1, 2, 3])
def test_every_cell_given_is_named_with_its_column(source, n):
    # type_in: "cells is (column, what to type there)"; new_row lists them the same way.
    cells = CELLS[:n]
    for text in (advice.type_in(source, "targets", cells, "yaml: advice"),
                 advice.new_row(source, "targets", cells, "yaml: advice")):
        assert [c for c, _ in CELLS if re.search(rf"\b{c}\b", text)] == [c for c, _ in cells]
        assert [w for _, w in CELLS if w in text] == [w for _, w in cells]
    assert rows_named(advice.type_in(source, "targets", cells, "")) == ["12"]
    assert rows_named(advice.new_row(source, "targets", cells, "")) == []


def test_yaml_advice_is_the_yaml_text_given():
    for source in (None, Source("plans/laa.yaml", 30)):
        assert advice.type_in(source, "targets", CELLS, "Write value: in the target.") == "Write value: in the target."
        assert advice.new_row(source, "targets", CELLS, "Add a target under targets:.") == "Add a target under targets:."
