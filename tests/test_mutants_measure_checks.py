"""The PC3xx-PC5xx check bodies of plancheck/checks/measures.py at their edges: what a
mutation run of the bodies showed no test pinned down (tests/MUTATION.md, session 5).

Written from the checks' docstrings and the contract: PC307 reports a target written as a
number with words around it, says which number plancheck could read (in the measure's unit),
and tells the officer to write the plain number as the value and the words' year as the year,
in the form the plan is kept in (contract section 3: a workbook's sheet and row, a YAML key).
"""

from __future__ import annotations

import re

import openpyxl
from conftest import check_paths, write_framework

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
        assert not re.search(r"\b(?:sheet|row|column)\b", fix)


def test_a_qualified_targets_advice_names_the_sheet_row_and_columns_in_a_workbook(tmp_path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
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
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(tmp_path / "laa.xlsx")
    (found,) = _pc307(check_paths([tmp_path / "laa.xlsx"]))
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
