"""The PC3xx-PC5xx check bodies of plancheck/checks/measures.py at their edges: what a
mutation run of the bodies showed no test pinned down (tests/MUTATION.md, session 5).

Written from the checks' docstrings and the contract: PC307 reports a target written as a
number with words around it, says which number plancheck could read (in the measure's unit),
and tells the officer to write the plain number as the value and the words' year as the year,
in the form the plan is kept in (contract section 3: a workbook's sheet and row, a YAML key).
"""

from __future__ import annotations

import re

from conftest import check_paths, make_csv_folder, make_workbook, problem, write_framework

PLAN = """\
plan:
  id: LAA
  title: Luton Local Area Agreement 2008-11
  kind: local-area-agreement
  period: {start: 2008/09, end: 2010/11}
objectives:
  - id: LAA-E1
    title: More Luton residents in work
    lead: Jobcentre Plus
    measures:
      - id: LAA-E1.1
        title: Overall employment rate
        indicator: NI 151
        unit: percent
        direction: increase
        kind: outcome
        lead: Jobcentre Plus
        baseline: {value: 67.8, year: 2007/08}
        targets:
          - {year: 2009/10, value: "c. 70%"}
          - {year: 2010/11, value: "71.5 (for 2011)"}
"""


def _names_a_cell(fix: str) -> bool:
    """Whether advice names a sheet, row or column (workbook and CSV advice do; YAML's never)."""
    return re.search(r"\b(?:sheet|row|columns?)\b", fix) is not None


def _pc307(result):
    return sorted((f for f in result.findings if f.code == "PC307"), key=lambda f: f.source.line or 0)


def test_a_qualified_target_is_reported_with_the_number_read_in_the_measures_unit(tmp_path):
    found = _pc307(check_paths([write_framework(tmp_path, {"laa.yaml": PLAN})]))
    assert [(f.objects, f.plan, f.source.line) for f in found] == [(("LAA-E1.1",), "LAA", 20),
                                                                   (("LAA-E1.1",), "LAA", 21)]
    assert [(f.details["year"], f.details["written"], f.details["number_read"]) for f in found] == [
        ("2009/10", "c. 70%", 70.0), ("2010/11", "71.5 (for 2011)", 71.5)]
    # the number plancheck could read, shown as the plan writes the unit (a percent measure)
    first, second = (f.message.split(". ")[1] for f in found)
    assert re.findall(r"\d+(?:\.\d+)?%?", first) == ["70%"]
    assert re.findall(r"\d+(?:\.\d+)?%?", second) == ["71.5%"]


def test_a_qualified_targets_advice_names_the_yaml_keys(tmp_path):
    for f in _pc307(check_paths([write_framework(tmp_path, {"laa.yaml": PLAN})])):
        fix = f.details["fix"]
        assert f.message.endswith(fix) and "value:" in fix and "year:" in fix
        assert not _names_a_cell(fix)


def test_a_qualified_targets_advice_names_the_sheet_row_and_columns_in_amake_workbook(tmp_path):
    sheets = {
        "plans": [["id", "title", "kind", "period_start", "period_end"],
                  ["LAA", "Luton Local Area Agreement 2008-11", "local-area-agreement", "2008/09", "2010/11"]],
        "objectives": [["id", "plan", "title", "lead"],
                       ["LAA-E1", "LAA", "More Luton residents in work", "Jobcentre Plus"]],
        "measures": [["id", "objective", "indicator", "title", "unit", "direction", "kind", "baseline_value",
                      "baseline_year", "lead"],
                     ["LAA-E1.1", "LAA-E1", "NI 151", "Overall employment rate", "percent", "increase", "outcome",
                      "67.8", "2007/08", "Jobcentre Plus"]],
        "targets": [["measure", "year", "value"], ["LAA-E1.1", "2009/10", "68"],
                    ["LAA-E1.1", "2010/11", "71.5 (for 2011)"]],
    }
    (found,) = _pc307(check_paths([make_workbook(tmp_path / "laa.xlsx", sheets)]))
    assert (found.objects, found.source.sheet, found.details["number_read"]) == (("LAA-E1.1",), "targets", 71.5)
    fix = found.details["fix"]
    assert re.findall(r"\bsheet (\w+), row (\d+)", fix) == [("targets", "3")]
    assert re.findall(r"\bcolumn (\w+)", fix) == ["value", "year"]
    assert found.message.endswith(fix) and "value:" not in fix


def test_a_qualified_target_without_a_year_has_no_year_in_its_details(tmp_path):
    text = PLAN.replace('- {year: 2010/11, value: "71.5 (for 2011)"}', '- {value: "about 72"}')
    found = _pc307(check_paths([write_framework(tmp_path, {"laa.yaml": text})]))
    assert [(f.details["year"], f.details["written"], f.details["number_read"]) for f in found] == [
        ("2009/10", "c. 70%", 70.0), (None, "about 72", 72.0)]


# PC401 and PC402 (contract section 3: measures sheet, header row first, so the first measure
# is row 2). LAA-E1 has an outcome measure and comes first; LAA-C1's two measures are
# activities (one stated, one inferred), LAA-C2's one is inferred; LAA-X has no measures;
# LAA-M, last, has an inferred outcome and an inferred activity (PC403).
ACTIVITY_SHEETS = {
    "plans": [["id", "title", "kind", "period_start", "period_end"],
              ["LAA", "Luton Local Area Agreement 2008-11", "local-area-agreement", "2008/09", "2010/11"]],
    "objectives": [["id", "plan", "title", "lead"],
                   ["LAA-E1", "LAA", "More Luton residents in work", "Jobcentre Plus"],
                   ["LAA-C1", "LAA", "A thriving cultural life", "Luton Culture"],
                   ["LAA-C2", "LAA", "Carnival arts for all", "Luton Culture"],
                   ["LAA-X", "LAA", "A greener Luton", "Luton Borough Council"],
                   ["LAA-M", "LAA", "More residents enjoying the arts", "Luton Culture"]],
    "measures": [["id", "objective", "title", "unit", "kind", "baseline_value", "baseline_year", "lead"],
                 ["LAA-E1.1", "LAA-E1", "Overall employment rate", "percent", "outcome", "67.8", "2007/08", "JCP"],
                 ["LAA-C1.1", "LAA-C1", "Festival events held", "number", "output", "10", "2007/08", "LC"],
                 ["LAA-C1.2", "LAA-C1", "Number of arts development sessions delivered", "number", None, "40",
                  "2007/08", "LC"],
                 ["LAA-C2.1", "LAA-C2", "Produce a cultural strategy for Luton", None, None, None, None, "LC"],
                 ["LAA-M.1", "LAA-M", "Percentage of adults who have attended an arts event", "percent", None,
                  "41", "2007/08", "LC"],
                 ["LAA-M.2", "LAA-M", "Number of arts workshops delivered", "number", None, "20", "2007/08", "LC"],
                 ["LAA-M.3", "LAA-M", "Percentage of residents satisfied with cultural facilities", "percent", None,
                  None, None, None]],
    "targets": [["measure", "year", "value"], ["LAA-E1.1", "2010/11", "70"], ["LAA-C1.1", "2010/11", "12"],
                ["LAA-C1.2", "2010/11", "50"]],
}


def _activity_sheets() -> dict:
    """A copy of ACTIVITY_SHEETS whose rows a test may change."""
    return {k: [list(row) for row in v] for k, v in ACTIVITY_SHEETS.items()}


def _activity_yaml() -> str:
    return """\
plan:
  id: LAA
  title: Luton Local Area Agreement 2008-11
  kind: local-area-agreement
  period: {start: 2008/09, end: 2010/11}
objectives:
  - id: LAA-E1
    title: More Luton residents in work
    measures:
      - {id: LAA-E1.1, title: Overall employment rate, unit: percent, kind: outcome}
  - id: LAA-C1
    title: A thriving cultural life
    measures:
      - {id: LAA-C1.1, title: Festival events held, unit: number, kind: output}
      - {id: LAA-C1.2, title: Number of arts development sessions delivered, unit: number}
  - id: LAA-C2
    title: Carnival arts for all
    measures:
      - {id: LAA-C2.1, title: Produce a cultural strategy for Luton}
  - id: LAA-X
    title: A greener Luton
  - id: LAA-M
    title: More residents enjoying the arts
    measures:
      - {id: LAA-M.1, title: Percentage of adults who have attended an arts event, unit: percent}
      - {id: LAA-M.2, title: Number of arts workshops delivered, unit: number}
"""


def _activity_forms(tmp_path):
    return {"yaml": check_paths([write_framework(tmp_path / "yaml", {"laa.yaml": _activity_yaml()})]),
            "workbook": check_paths([make_workbook(tmp_path / "laa.xlsx", ACTIVITY_SHEETS)]),
            "csv": check_paths([make_csv_folder(tmp_path / "csv", ACTIVITY_SHEETS)])}


def _by_object(result, code):
    return {f.objects[0]: f for f in result.findings if f.code == code}


def test_only_the_objectives_with_activities_alone_get_pc402_in_every_form(tmp_path):
    for form, result in _activity_forms(tmp_path).items():
        found = _by_object(result, "PC402")
        assert {k: f.objects for k, f in found.items()} == {
            "LAA-C1": ("LAA-C1", "LAA-C1.1", "LAA-C1.2"), "LAA-C2": ("LAA-C2", "LAA-C2.1")}, form
        listed = found["LAA-C1"].details["measures"]
        assert [(x["measure"], x["kind"], x["stated"], "reason" in x) for x in listed] == [
            ("LAA-C1.1", "output", True, False), ("LAA-C1.2", "output", False, True)], form
        # how each kind was known is shown beside it: stated in the plan, or inferred (with the reason)
        text = problem(found["LAA-C1"])
        assert "(output, stated)" in text and "(output, inferred: " in text, form


def test_pc402_advice_names_the_measures_rows_in_a_workbook_or_csv_file(tmp_path):
    forms = _activity_forms(tmp_path)
    rows = {form: {k: re.findall(r"(sheet measures|measures\.csv), (rows?) ([\d, ]+)\)", f.details["fix"])
                   for k, f in _by_object(result, "PC402").items()}
            for form, result in forms.items()}
    assert rows["workbook"] == {"LAA-C1": [("sheet measures", "rows", "3, 4")],
                                "LAA-C2": [("sheet measures", "row", "5")]}
    assert rows["csv"] == {"LAA-C1": [("measures.csv", "rows", "3, 4")], "LAA-C2": [("measures.csv", "row", "5")]}
    assert rows["yaml"] == {"LAA-C1": [], "LAA-C2": []}
    for form in ("workbook", "csv"):
        assert all("column kind" in f.details["fix"] for f in _by_object(forms[form], "PC402").values()), form
    assert all("kind: outcome" in f.details["fix"] and "column" not in f.details["fix"]
               for f in _by_object(forms["yaml"], "PC402").values())


def test_pc401_names_the_objective_and_where_its_targets_go_in_each_form(tmp_path):
    forms = _activity_forms(tmp_path)
    found = {form: _by_object(result, "PC401") for form, result in forms.items()}
    assert all(list(f) == ["LAA-X"] and "LAA-X" in problem(f["LAA-X"]) for f in found.values())
    fixes = {form: f["LAA-X"].details["fix"] for form, f in found.items()}
    assert re.findall(r"\bsheet (\w+)", fixes["workbook"]) == ["measures", "targets"]
    assert re.findall(r"[\w-]+\.csv\b", fixes["csv"]) == ["measures.csv", "targets.csv"]
    assert not re.search(r"\bsheet\b|\.csv\b", fixes["yaml"])


def test_pc403_lists_an_inferred_activity_beside_an_outcome_after_objectives_without_one(tmp_path):
    forms = _activity_forms(tmp_path)
    for form, result in forms.items():
        found = _by_object(result, "PC403")
        # LAA-C1.2 and LAA-C2.1 are inferred activities too, but their objectives have no
        # outcome measure (PC402); LAA-C1.1's kind is stated
        assert {k: (f.objects, f.details["inferred_kind"]) for k, f in found.items()} == {
            "LAA-M.2": (("LAA-M.2",), "output")}, form
    found = _by_object(forms["workbook"], "PC403")["LAA-M.2"]
    assert "LAA-M.2" in problem(found) and found.details["reason"].strip()
    fix = found.details["fix"]
    assert re.findall(r"\bsheet (\w+), row (\d+)", fix) == [("measures", "7")] and "column kind" in fix
    fix = _by_object(forms["csv"], "PC403")["LAA-M.2"].details["fix"]
    assert re.findall(r"(measures\.csv), row (\d+)", fix) == [("measures.csv", "7")] and "column kind" in fix
    fix = _by_object(forms["yaml"], "PC403")["LAA-M.2"].details["fix"]
    assert "kind: output" in fix and not _names_a_cell(fix)


def test_pc501_names_the_objective_and_the_lead_column_in_amake_workbook(tmp_path):
    sheets = dict(ACTIVITY_SHEETS, objectives=[row[:3] + ([None] if row[0] == "LAA-X" else row[3:])
                                               for row in ACTIVITY_SHEETS["objectives"]])
    result = check_paths([make_workbook(tmp_path / "laa.xlsx", sheets)], {"accountability": {"leads_required": True}})
    (found,) = [f for f in result.findings if f.code == "PC501"]
    assert (found.objects, found.source.sheet) == (("LAA-X",), "objectives") and "LAA-X" in problem(found)
    assert re.findall(r"\bsheet (\w+), row (\d+)", found.details["fix"]) == [("objectives", "5")]
    assert re.findall(r"\bcolumn (\w+)", found.details["fix"]) == ["lead"]


def test_pc301_tells_a_milestone_to_measure_a_change_and_an_outcome_to_add_its_baseline(tmp_path):
    found = _by_object(check_paths([make_workbook(tmp_path / "laa.xlsx", ACTIVITY_SHEETS)]), "PC301")
    assert {k: (f.source.sheet, f.source.cell[1:]) for k, f in found.items()} == {
        "LAA-C2.1": ("measures", "5"), "LAA-M.3": ("measures", "8")}
    assert all(k in problem(f) for k, f in found.items())
    # a milestone ("Produce a cultural strategy") has no figure to start from: no cells to type
    milestone, outcome = found["LAA-C2.1"].details["fix"], found["LAA-M.3"].details["fix"]
    assert "PC402" in milestone and not re.search(r"\b(?:column|row)\b", milestone)
    assert re.findall(r"\bsheet (\w+), row (\d+)", outcome) == [("measures", "8")]
    assert re.findall(r"\bcolumn (\w+)", outcome) == ["baseline_value", "baseline_year"]


def test_pc502_names_the_measure_its_objectives_lead_and_the_lead_column(tmp_path):
    settings = {"accountability": {"measure_leads_required": True}}
    sheets = dict(ACTIVITY_SHEETS, objectives=[row[:3] + ([None] if row[0] == "LAA-M" else row[3:])
                                               for row in ACTIVITY_SHEETS["objectives"]])
    sheets["measures"] = [row[:-1] + (["LC"] if row[0] == "LAA-M.3" else [None] if row[0] == "LAA-C1.1" else row[-1:])
                          for row in ACTIVITY_SHEETS["measures"]]
    found = _by_object(check_paths([make_workbook(tmp_path / "laa.xlsx", sheets)], settings), "PC502")
    assert sorted(found) == ["LAA-C1.1"]
    text = problem(found["LAA-C1.1"])
    assert "LAA-C1.1" in text and "Luton Culture" in text  # its objective's lead, as a hint
    fix = found["LAA-C1.1"].details["fix"]
    assert re.findall(r"\bsheet (\w+), row (\d+)", fix) == [("measures", "3")]
    assert re.findall(r"\bcolumn (\w+)", fix) == ["lead"]
    yaml_found = _by_object(check_paths([write_framework(tmp_path / "y", {"laa.yaml": _activity_yaml()})],
                                        settings), "PC502")
    assert sorted(yaml_found) == ["LAA-C1.1", "LAA-C1.2", "LAA-C2.1", "LAA-E1.1", "LAA-M.1", "LAA-M.2"]
    assert all("lead:" in f.details["fix"] and "None" not in problem(f) for f in yaml_found.values())


def test_pc301_on_a_baseline_written_as_text_advises_the_baseline_value_where_it_is_kept(tmp_path):
    sheets = _activity_sheets()
    sheets["measures"][1][5] = "TBC"  # LAA-E1.1's baseline_value, sheet measures row 2
    found = _by_object(check_paths([make_workbook(tmp_path / "laa.xlsx", sheets)]), "PC301")
    hit = found["LAA-E1.1"]
    assert hit.details["baseline"] == "TBC" and (hit.source.sheet, hit.source.cell) == ("measures", "F2")
    assert re.search(r"\brow 2\b", hit.details["fix"]) and re.search(r"\bcolumn baseline_value\.", hit.details["fix"])
    yaml = _activity_yaml().replace("{id: LAA-E1.1, title: Overall employment rate, unit: percent, kind: outcome}",
                                    "{id: LAA-E1.1, title: Overall employment rate, unit: percent, kind: outcome,"
                                    " baseline: {value: TBC, year: 2007/08}}")
    hit = _by_object(check_paths([write_framework(tmp_path / "yaml", {"laa.yaml": yaml})]), "PC301")["LAA-E1.1"]
    assert hit.details["baseline"] == "TBC" and hit.source.line == yaml.splitlines().index(
        next(x for x in yaml.splitlines() if "LAA-E1.1" in x)) + 1
    assert "value:" in hit.details["fix"] and "row" not in hit.details["fix"]


def test_pc302_names_its_plan_the_baseline_as_written_and_the_baseline_year_column(tmp_path):
    sheets = _activity_sheets()
    sheets["measures"][1][6] = None  # LAA-E1.1's baseline_year, sheet measures row 2: 67.8 with no year
    found = [f for f in check_paths([make_workbook(tmp_path / "laa.xlsx", sheets)]).findings if f.code == "PC302"]
    assert [(f.objects, f.plan, f.plans, f.details["baseline"]) for f in found] == [
        (("LAA-E1.1",), "LAA", ("LAA",), "67.8")]
    fix = found[0].details["fix"]
    assert re.findall(r"\bsheet (\w+), row (\d+)", fix) == [("measures", "2")]
    assert re.findall(r"\bcolumn (\w+)", fix) == ["baseline_year"]
    yaml = PLAN.replace("baseline: {value: 67.8, year: 2007/08}", "baseline: {value: '67.80'}")
    found = [f for f in check_paths([write_framework(tmp_path / "yaml", {"laa.yaml": yaml})]).findings
             if f.code == "PC302"]
    assert [(f.objects, f.plan, f.details["baseline"], f.source.line) for f in found] == [
        (("LAA-E1.1",), "LAA", "67.80", yaml.splitlines().index("        baseline: {value: '67.80'}") + 1)]
    assert "year:" in found[0].details["fix"] and not _names_a_cell(found[0].details["fix"])


def test_pc303_gives_both_years_and_in_a_workbook_the_row_and_both_baseline_columns(tmp_path):
    sheets = _activity_sheets()
    sheets["measures"][1][6] = "2009/10"  # LAA-E1.1 (sheet measures, row 2): baseline after a target
    sheets["targets"].insert(1, ["LAA-E1.1", "2008/09", "68"])
    found = [f for f in check_paths([make_workbook(tmp_path / "laa.xlsx", sheets)]).findings if f.code == "PC303"]
    assert [(f.objects, f.plan, f.plans, f.details["baseline_year"], f.details["first_target_year"])
            for f in found] == [(("LAA-E1.1",), "LAA", ("LAA",), "2009/10", "2008/09")]
    fix = found[0].details["fix"]
    assert re.findall(r"\bsheet (\w+), row (\d+), columns (\w+) and (\w+)\)", fix) == [
        ("measures", "2", "baseline_value", "baseline_year")]
    yaml = PLAN.replace("baseline: {value: 67.8, year: 2007/08}", "baseline: {value: 67.8, year: 2010/11}")
    found = [f for f in check_paths([write_framework(tmp_path / "yaml", {"laa.yaml": yaml})]).findings
             if f.code == "PC303"]
    assert [(f.objects, f.plan, f.details["baseline_year"], f.details["first_target_year"]) for f in found] == [
        (("LAA-E1.1",), "LAA", "2010/11", "2009/10")]
    assert not _names_a_cell(found[0].details["fix"])


def test_pc304_reports_each_text_or_blank_target_after_a_measure_with_none_in_every_form(tmp_path):
    # LAA-C2.1 (before them in the plan) has no targets; LAA-M.1's target is text, LAA-M.2's
    # has no year and is text, LAA-C1.1's is blank. Targets sheet: header row 1.
    sheets = _activity_sheets()
    sheets["targets"][2][2] = None  # LAA-C1.1 2010/11: blank (row 3)
    sheets["targets"] += [["LAA-M.1", "2010/11", "TBC"], ["LAA-M.2", None, "tba"]]  # rows 5 and 6
    result = check_paths([make_workbook(tmp_path / "laa.xlsx", sheets)])
    found = {(f.objects[0], f.details.get("year"), f.details.get("value")): f for f in result.findings
             if f.code == "PC304" and "value" in f.details}
    assert sorted(found, key=str) == sorted([("LAA-C1.1", "2010/11", ""), ("LAA-M.1", "2010/11", "TBC"),
                                             ("LAA-M.2", None, "tba")], key=str)
    for f in found.values():
        fix = f.details["fix"]
        assert f.plan == "LAA" and f.source.sheet == "targets" and f.message.endswith(fix)
        assert re.findall(r"\bsheet (\w+), row (\d+)", fix) == [("targets", f.source.cell[1:])]
        assert re.findall(r"\bcolumn (\w+)", fix) == ["value"]
    assert [f.source.cell[1:] for f in sorted(found.values(), key=lambda f: f.source.cell)] == ["3", "5", "6"]
    no_targets = {f.objects[0] for f in result.findings if f.code == "PC304" and "value" not in f.details}
    assert no_targets == {"LAA-C2.1", "LAA-M.3"}


def test_pc304_in_yaml_gives_the_year_and_the_text_and_advises_the_value_key(tmp_path):
    yaml = PLAN.replace('- {year: 2009/10, value: "c. 70%"}', "- {year: 2009/10, value: TBC}").replace(
        '- {year: 2010/11, value: "71.5 (for 2011)"}', "- {value: tba}")
    found = [f for f in check_paths([write_framework(tmp_path, {"laa.yaml": yaml})]).findings if f.code == "PC304"]
    lines = yaml.splitlines()
    assert [(f.objects, f.plan, f.details["year"], f.details["value"], f.source.line) for f in found] == [
        (("LAA-E1.1",), "LAA", "2009/10", "TBC", lines.index("          - {year: 2009/10, value: TBC}") + 1),
        (("LAA-E1.1",), "LAA", None, "tba", lines.index("          - {value: tba}") + 1)]
    for f in found:
        assert "value:" in f.details["fix"] and f.message.endswith(f.details["fix"])
        assert not _names_a_cell(f.details["fix"])


def test_pc305_and_pc306_give_the_target_and_the_year_column_in_a_workbook(tmp_path):
    # Targets sheet, header row 1: LAA-E1.1 2010/11 70 (row 2), LAA-C1.1 12 with no year
    # (row 3), LAA-C1.2 2012/13 50 (row 4), outside the plan's 2008/09 to 2010/11.
    sheets = _activity_sheets()
    sheets["targets"][2][1] = None
    sheets["targets"][3][1] = "2012/13"
    result = check_paths([make_workbook(tmp_path / "laa.xlsx", sheets)])
    by_code = {f.code: f for f in result.findings if f.code in ("PC305", "PC306")}
    assert sorted(by_code) == ["PC305", "PC306"]
    pc305, pc306 = by_code["PC305"], by_code["PC306"]
    assert (pc305.objects, pc305.plan, pc305.source.cell[1:], pc305.details["value"]) == (("LAA-C1.1",), "LAA", "3", "12")
    assert re.findall(r"\bsheet (\w+), row (\d+)", pc305.details["fix"]) == [("targets", "3")]
    assert re.findall(r"\bcolumn (\w+)", pc305.details["fix"]) == ["year"]
    assert (pc306.objects, pc306.plan, pc306.details["year"], pc306.details["period"]) == (
        ("LAA-C1.2",), "LAA", "2012/13", "2008/09 to 2010/11")
    assert re.findall(r"\(in sheet (\w+), row (\d+), column (\w+)\)", pc306.details["fix"]) == [("targets", "4", "year")]
    assert all(f.message.endswith(f.details["fix"]) for f in (pc305, pc306))


def test_pc305_and_pc306_in_yaml_and_an_unreadable_year_left_to_pc005(tmp_path):
    yaml = PLAN.replace('- {year: 2009/10, value: "c. 70%"}', "- {value: 69}").replace(
        '- {year: 2010/11, value: "71.5 (for 2011)"}', "- {year: 2013, value: 72}\n          - {year: 2010/1x, value: 71}")
    result = check_paths([write_framework(tmp_path, {"laa.yaml": yaml})])
    lines = yaml.splitlines()
    found = [(f.code, f.objects, f.plan, f.source.line, {k: v for k, v in (f.details or {}).items() if k != "fix"})
             for f in result.findings if f.code in ("PC005", "PC305", "PC306")]
    assert sorted(found) == sorted([
        ("PC305", ("LAA-E1.1",), "LAA", lines.index("          - {value: 69}") + 1, {"value": "69"}),
        ("PC306", ("LAA-E1.1",), "LAA", lines.index("          - {year: 2013, value: 72}") + 1,
         {"year": "2013", "period": "2008/09 to 2010/11"})]
        + [x for x in found if x[0] == "PC005"])
    assert [x[3] for x in found if x[0] == "PC005"] == [lines.index("          - {year: 2010/1x, value: 71}") + 1]
    for f in result.findings:
        if f.code in ("PC305", "PC306"):
            assert f.message.endswith(f.details["fix"]) and "year" in f.details["fix"]
            assert not _names_a_cell(f.details["fix"])


def test_measurability_counts_objectives_with_an_outcome_not_those_with_an_activity(tmp_path):
    # LAA-E1: a stated outcome; LAA-C1, LAA-C2: activities only; LAA-X: no measures; LAA-M: an
    # inferred outcome beside an activity. Baselines (number and year): E1, C1, M. Numeric
    # targets in 2008/09 to 2010/11: E1, C1.
    result = check_paths([make_workbook(tmp_path / "laa.xlsx", ACTIVITY_SHEETS)])
    assert result.summaries["measurability"].rows == [
        ["LAA", 5, "2 of 5 (40%)", "3 of 5 (60%)", "2 of 5 (40%)"]]


def test_a_measure_titled_like_a_catalogue_indicator_takes_the_catalogues_kind(tmp_path):
    # The local catalogue counts "Number of carnival visitors" as an outcome; by its wording
    # alone the measure reads as an output. An uncoded measure whose title names the
    # catalogue indicator takes the catalogue's kind (PC4xx docstrings: stated kind, then the
    # catalogue, then the wording), so its objective has an outcome measure.
    cat = tmp_path / "our-kpis.csv"
    cat.write_text("code,title,unit,higher_is_better,kind\nLI 1,Number of carnival visitors,number,true,outcome\n",
                   encoding="utf-8")
    yaml = PLAN.replace("title: Overall employment rate\n        indicator: NI 151\n        unit: percent",
                        "title: Number of carnival visitors\n        unit: number").replace(
        "        kind: outcome\n", "")
    folder = write_framework(tmp_path / "fw", {"laa.yaml": yaml})
    plain = check_paths([folder])
    assert [f.objects for f in plain.findings if f.code == "PC402"] == [("LAA-E1", "LAA-E1.1")]
    with_catalogue = check_paths([folder], {"indicators": {"catalogues": [str(cat)]}})
    assert [f for f in with_catalogue.findings if f.code in ("PC401", "PC402")] == []
    assert with_catalogue.summaries["measurability"].rows[0][2] == "1 of 1 (100%)"
