"""plancheck/checks/measures.py at its edges: what a mutation run showed no test pinned
down (tests/MUTATION.md). From the check docs: PC306 counts calendar and financial years as
inside a plan's period when they overlap it (financial years run April to March), and a
plan with no period has no target outside it; PC402/PC403 take a measure's kind from the
indicator catalogue when its title names a catalogued indicator.
"""

from __future__ import annotations

import pytest
from conftest import project


def plan(period: str, target_year: str) -> str:
    return f"""\
plan:
  id: CP
  title: Corporate Plan
  kind: corporate-plan
{period}
objectives:
  - id: CP-1
    title: More residents in work
    measures:
      - id: CP-1a
        title: Overall employment rate (working age)
        unit: percent
        direction: increase
        kind: outcome
        baseline: {{value: 67.8, year: 2000}}
        targets:
          - {{year: {target_year}, value: 70}}
"""


def pc306(framework, period, year):
    result = framework({"cp.yaml": plan(period, year)})
    return [p[:2] for p in project(result, code_prefix="PC306")]


FINANCIAL = "  period: {start: 2008/09, end: 2010/11}"   # April 2008 to March 2011
CALENDAR = "  period: {start: 2008, end: 2010}"          # January 2008 to December 2010


@pytest.mark.parametrize("period, year, outside", [
    (FINANCIAL, "2007", True),       # ends December 2007, before April 2008
    (FINANCIAL, "2007/08", True),    # ends March 2008, the month before the plan starts
    (FINANCIAL, "2008", False),      # April to December 2008 overlap
    (FINANCIAL, "2011", False),      # January to March 2011 overlap
    (FINANCIAL, "2011/12", True),    # starts April 2011, the month after the plan ends
    (CALENDAR, "2007", True),        # ends December 2007, the month before the plan starts
    (CALENDAR, "2007/08", False),    # January to March 2008 overlap
    (CALENDAR, "2010/11", False),    # April to December 2010 overlap
    (CALENDAR, "2011", True),
    (CALENDAR, "2011/12", True),
])
def test_a_target_is_inside_a_period_it_overlaps_by_a_month(framework, period, year, outside):
    assert pc306(framework, period, year) == ([("PC306", ("CP-1a",))] if outside else [])


@pytest.mark.parametrize("period", ["", "  period: {start: 2008/09}", "  period: {end: 2010/11}"])
def test_a_plan_without_a_whole_period_has_no_target_outside_it(framework, period):
    assert pc306(framework, period, "2030") == []


def test_a_title_naming_a_catalogued_indicator_takes_its_kind(framework):
    # NI 157 "Processing of planning applications" is a process indicator in the catalogue;
    # its wording alone reads as an outcome. No code and no kind: are written.
    text = """\
plan: {id: CP, title: Corporate Plan, kind: corporate-plan, period: {start: 2008/09, end: 2010/11}}
objectives:
  - id: CP-1
    title: Faster planning decisions
    measures:
      - id: CP-1a
        title: Processing of planning applications
        unit: percent
        direction: increase
        baseline: {value: 60, year: 2007/08}
        targets: [{year: 2010/11, value: 80}]
"""
    result = framework({"cp.yaml": text})
    found = [f for f in result.findings if f.code.startswith("PC4")]
    assert [(f.code, f.objects) for f in found] == [("PC402", ("CP-1", "CP-1a"))]
    assert [(m["measure"], m["kind"], m["stated"]) for m in found[0].details["measures"]] == \
        [("CP-1a", "process", False)]
