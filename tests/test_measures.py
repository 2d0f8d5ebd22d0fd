"""Measurability checks PC3xx (baselines, targets), PC4xx (outcome measures), PC5xx (leads)."""

from __future__ import annotations

import textwrap

import pytest
import yaml
from conftest import DATA, PLANS, check_paths, project

PLAN_HEAD = """\
plan:
  id: LAA
  title: Luton Local Area Agreement 2008-11
  kind: local-area-agreement
  owner: Luton Forum
  period: {start: 2008/09, end: 2010/11}

objectives:
  - id: LAA-E1
    title: More Luton residents in work
    lead: Jobcentre Plus
    measures:
"""


def plan_with(measures: str, extra_objectives: str = "") -> str:
    """One LAA plan whose objective LAA-E1 has the measures given (YAML list items)."""
    return PLAN_HEAD + textwrap.indent(textwrap.dedent(measures).strip("\n"), "      ") + "\n" + extra_objectives


def line_of(text: str, needle: str) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(lines) == 1, f"{needle!r} found {len(lines)} times"
    return lines[0]


def run_plan(framework, text, settings=None, prefix="PC"):
    result = framework({"laa.yaml": text}, settings)
    return [p for p in project(result, code_prefix=prefix) if p[0][:3] in ("PC3", "PC4", "PC5")], result


GOOD = """\
- indicator: NI 151
  title: Overall employment rate (working age)
  unit: percent
  direction: increase
  baseline: {value: 67.8, year: 2007/08}
  targets:
    - {year: 2008/09, value: 68.5}
    - {year: 2010/11, value: "70.0%"}
"""


def test_well_formed_outcome_measure_has_no_finding(framework):
    found, _ = run_plan(framework, plan_with(GOOD))
    assert found == []


# -- PC301 no-baseline -----------------------------------------------------------------

@pytest.mark.parametrize("baseline, needle", [
    ("", "title: Unemployment rate"),
    ("  baseline: {year: 2007/08}\n", "baseline: {year"),
    ("  baseline: {value: TBC, year: 2007/08}\n", "baseline: {value: TBC"),
])
def test_no_baseline_fails(framework, baseline, needle):
    text = plan_with(f"""\
- title: Unemployment rate
  unit: percent
  direction: decrease
{baseline}  targets:
    - {{year: 2010/11, value: 2.5}}
""")
    found, _ = run_plan(framework, text)
    assert found == [("PC301", ("LAA-E1.1",), "laa.yaml", line_of(text, needle))]


def test_officer_formatted_baseline_passes(framework):
    text = plan_with("""\
- title: Number of domestic burglaries
  unit: number
  direction: decrease
  baseline: {value: "2,737", year: 2004/05}
  targets:
    - {year: 2009/10, value: "2,300"}
""")
    assert run_plan(framework, text)[0] == []


# -- PC302 baseline-without-year, PC303 baseline-after-target ------------------------------

def test_baseline_without_year_fails(framework):
    text = plan_with("""\
- title: Infant mortality rate per 1,000 births
  unit: rate
  direction: decrease
  baseline: {value: 7.6}
  targets:
    - {year: 2010/11, value: 5.5}
""")
    found, result = run_plan(framework, text)
    assert found == [("PC302", ("LAA-E1.1",), "laa.yaml", line_of(text, "value: 7.6"))]
    assert "7.6" in result.findings[0].message


def test_unreadable_baseline_year_is_left_to_the_input_check(framework):
    text = plan_with("""\
- title: Infant mortality rate per 1,000 births
  unit: rate
  direction: decrease
  baseline: {value: 7.6, year: March 2008}
  targets:
    - {year: 2010/11, value: 5.5}
""")
    found, result = run_plan(framework, text)
    assert found == []
    assert "PC005" in [f.code for f in result.findings]


def test_baseline_after_first_target_fails(framework):
    text = plan_with("""\
- title: Percentage of people who feel they can influence decisions in their locality
  unit: percent
  direction: increase
  baseline: {value: 31.9%, year: 2009/10}
  targets:
    - {year: 2008/09, value: 30}
    - {year: 2010/11, value: 35}
""")
    found, result = run_plan(framework, text)
    assert found == [("PC303", ("LAA-E1.1",), "laa.yaml", line_of(text, "baseline:"))]
    assert "2009/10" in result.findings[0].message and "2008/09" in result.findings[0].message


def test_baseline_in_same_year_as_calendar_target_passes(framework):
    # 2008/09 and 2009 are the same point in time
    text = plan_with("""\
- title: New business registrations per 10,000 adult population
  unit: rate
  direction: increase
  baseline: {value: 48, year: 2008/09}
  targets:
    - {year: 2009, value: 50}
""")
    assert run_plan(framework, text)[0] == []


# -- PC304 no-numeric-target, PC305 target-without-year, PC306, PC307 ---------------------

@pytest.mark.parametrize("value", ["TBC", "tba", '"To be agreed"', '""'])
def test_text_or_blank_target_fails(framework, value):
    text = plan_with(f"""\
- indicator: NI 186
  title: Per capita CO2 emissions in the LA area
  unit: tonnes per resident
  direction: decrease
  baseline: {{value: 6.4, year: 2005}}
  targets:
    - {{year: 2010/11, value: {value}}}
""")
    found, _ = run_plan(framework, text)
    assert found == [("PC304", ("LAA-E1.1",), "laa.yaml", line_of(text, "year: 2010/11"))]


def test_measure_without_targets_fails(framework):
    text = plan_with("""\
- title: Overall employment rate (working age)
  unit: percent
  direction: increase
  baseline: {value: 67.8, year: 2007/08}
""")
    found, _ = run_plan(framework, text)
    assert found == [("PC304", ("LAA-E1.1",), "laa.yaml", line_of(text, "title: Overall"))]


@pytest.mark.parametrize("value", ['"61.00%"', '"2,737"', "61.0", '" 68.5 "'])
def test_officer_formatted_targets_pass(framework, value):
    text = plan_with(f"""\
- title: Working age population qualified to at least Level 2
  unit: percent
  direction: increase
  baseline: {{value: 58.2, year: 2007/08}}
  targets:
    - {{year: 2010/11, value: {value}}}
""")
    assert run_plan(framework, text)[0] == []


def test_target_without_year_fails(framework):
    text = plan_with("""\
- title: Proportion of working-age people in employment
  unit: percent
  direction: increase
  baseline: {value: 67.5, year: 2007/08}
  targets:
    - {year: 2009/10, value: 69}
    - {value: 300}
""")
    found, _ = run_plan(framework, text)
    assert found == [("PC305", ("LAA-E1.1",), "laa.yaml", line_of(text, "{value: 300}"))]


@pytest.mark.parametrize("year, outside", [
    ("2010/11", False), ("2011", False), ("2008/09", False), ("2008", False),
    ("2012/13", True), ("2006/07", True), ("2012", True),
])
def test_target_outside_period(framework, year, outside):
    text = plan_with(f"""\
- title: Overall employment rate (working age)
  unit: percent
  direction: increase
  baseline: {{value: 67.8, year: 2006}}
  targets:
    - {{year: {year}, value: 70}}
""")
    found, result = run_plan(framework, text)
    expected = [("PC306", ("LAA-E1.1",), "laa.yaml", line_of(text, "value: 70"))] if outside else []
    assert found == expected
    if outside:
        assert result.findings[0].severity == "warning"


def test_qualified_target_is_reported_with_the_number_read(framework):
    text = plan_with("""\
- indicator: NI 112
  title: Under 18 conception rate (per 1,000 girls aged 15-17)
  unit: rate
  direction: decrease
  baseline: {value: 66.0, year: 1998}
  targets:
    - {year: 2008/09, value: 58.0}
    - {year: 2010/11, value: "55.7 (for 2009)"}
""")
    found, result = run_plan(framework, text)
    assert found == [("PC307", ("LAA-E1.1",), "laa.yaml", line_of(text, "55.7"))]
    f = result.findings[0]
    assert f.details["number_read"] == 55.7 and f.details["written"] == "55.7 (for 2009)"
    assert "55.7 (for 2009)" in f.message


# -- PC401, PC402, PC403 ------------------------------------------------------------------

ACTIVITY = """\
- title: Produce a cultural strategy for Luton
  unit: number
  baseline: {value: 0, year: 2005/06}
  targets:
    - {year: 2008/09, value: 1}
- title: Hold 12 festival and carnival events each year
  unit: number
  baseline: {value: 8, year: 2007/08}
  targets:
    - {year: 2010/11, value: 12}
"""


def test_objective_with_only_activity_measures_fails(framework):
    text = plan_with(ACTIVITY)
    found, result = run_plan(framework, text)
    assert found == [("PC402", ("LAA-E1", "LAA-E1.1", "LAA-E1.2"), "laa.yaml", line_of(text, "id: LAA-E1"))]
    details = result.findings[0].details["measures"]
    assert [(d["measure"], d["kind"], d["stated"]) for d in details] == [
        ("LAA-E1.1", "process", False), ("LAA-E1.2", "output", False)]
    assert all(d["reason"] for d in details)
    msg = result.findings[0].message
    assert "LAA-E1.1" in msg and "process" in msg and "inferred" in msg and "kind: outcome" in msg


def test_catalogue_kind_decides_over_the_wording(framework, tmp_path):
    # NI 154's convention (output: homes provided) comes from the built-in catalogue, even
    # though "Increase ..." reads as a change; a user catalogue's kind works the same way.
    text = plan_with("""\
        - indicator: NI 154
          title: Increase the supply of new homes
          unit: number
          baseline: {value: 400, year: 2007/08}
          targets:
            - {year: 2010/11, value: 650}
        """)
    found, result = run_plan(framework, text)
    assert found == [("PC402", ("LAA-E1", "LAA-E1.1"), "laa.yaml", line_of(text, "id: LAA-E1"))]
    reason = result.findings[0].details["measures"][0]["reason"]
    assert "NI 154" in reason and "output" in reason and "catalogue" in reason


def test_kind_outcome_written_by_the_officer_overrules_the_guess(framework):
    text = plan_with(ACTIVITY.replace("  unit: number\n  baseline: {value: 8", "  unit: number\n  kind: outcome\n"
                                      "  baseline: {value: 8"))
    found, _ = run_plan(framework, text)
    # the objective now has an outcome measure: no PC402, only the info on the other measure
    assert found == [("PC403", ("LAA-E1.1",), "laa.yaml", line_of(text, "title: Produce"))]


def test_stated_activity_kinds_are_listed_as_stated(framework):
    text = plan_with(ACTIVITY.replace("unit: number\n", "unit: number\n  kind: output\n"))
    found, result = run_plan(framework, text)
    assert [p[0] for p in found] == ["PC402"]
    assert all(d["stated"] and "reason" not in d for d in result.findings[0].details["measures"])


def test_activity_beside_an_outcome_is_info_only(framework):
    text = plan_with(ACTIVITY + GOOD)
    found, result = run_plan(framework, text)
    assert found == [("PC403", ("LAA-E1.1",), "laa.yaml", line_of(text, "title: Produce")),
                     ("PC403", ("LAA-E1.2",), "laa.yaml", line_of(text, "title: Hold"))]
    assert {f.severity for f in result.findings} == {"info"}
    assert result.findings[0].details["inferred_kind"] == "process"


def test_objective_without_measures_fails(framework):
    text = plan_with(GOOD, """\
  - id: LAA-H3
    title: Ensure dignity and respect for older people and vulnerable adults
    lead: Luton Borough Council
  - id: LAA-H4
    title: Carers supported
    lead: Luton Borough Council
    measures: []
""")
    found, _ = run_plan(framework, text)
    assert found == [("PC401", ("LAA-H3",), "laa.yaml", line_of(text, "id: LAA-H3")),
                     ("PC401", ("LAA-H4",), "laa.yaml", line_of(text, "id: LAA-H4"))]


# -- PC501, PC502 -------------------------------------------------------------------------

NO_LEADS = """\
plan:
  id: CP
  title: Luton Community Plan 2005-2012
  kind: community-plan
  period: {start: 2005, end: 2012}
objectives:
  - id: CP-G3
    title: Better access to jobs and services by public transport, walking and cycling
    measures:
      - title: Number of bus passenger journeys starting in Luton each year
        unit: number
        direction: increase
        baseline: {value: "8,900,000", year: 2005/06}
        targets:
          - {year: 2010/11, value: "9,500,000"}
  - id: CP-G4
    title: A decent, affordable home for everyone in Luton
    lead: Luton Borough Council
    measures:
      - title: Households living in temporary accommodation
        unit: number
        direction: decrease
        lead: Luton Borough Council
        baseline: {value: 410, year: 2005/06}
        targets:
          - {year: 2010/11, value: 300}
"""


def test_leads_are_not_required_by_default(framework):
    assert run_plan(framework, NO_LEADS, prefix="PC5")[0] == []


def test_objective_leads_required(framework):
    found, result = run_plan(framework, NO_LEADS, {"accountability": {"leads_required": True}}, "PC5")
    assert found == [("PC501", ("CP-G3",), "laa.yaml", line_of(NO_LEADS, "id: CP-G3"))]
    assert result.findings[0].category == "accountability"


def test_measure_leads_required(framework):
    found, _ = run_plan(framework, NO_LEADS, {"accountability": {"measure_leads_required": True}}, "PC5")
    assert found == [("PC502", ("CP-G3.1",), "laa.yaml", line_of(NO_LEADS, "title: Number of bus"))]


def test_accountability_settings_are_strict(framework):
    from plancheck.config import SettingsError

    with pytest.raises(SettingsError):
        framework({"laa.yaml": NO_LEADS}, {"accountability": {"leads_requried": True}})
    with pytest.raises(SettingsError):
        framework({"laa.yaml": NO_LEADS}, {"accountability": {"leads_required": "yes"}})


# -- summary ------------------------------------------------------------------------------

def test_measurability_summary(framework):
    text = plan_with(ACTIVITY, """\
  - id: LAA-E2
    title: Reduce worklessness in the most deprived neighbourhoods
    lead: Jobcentre Plus
    measures:
      - title: Working age people claiming out of work benefits in the worst neighbourhoods
        unit: percent
        direction: decrease
        baseline: {value: 27.5, year: 2007/08}
        targets:
          - {year: 2015/16, value: 22}
  - id: LAA-E3
    title: Support new and growing businesses
""")
    result = framework({"laa.yaml": text})
    table = result.summaries["measurability"]
    assert table.rows == [["LAA", 3, "1 of 3 (33%)", "2 of 3 (67%)", "1 of 3 (33%)"]]


# -- the Luton sample -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def luton():
    manifest = yaml.safe_load((DATA / "luton_planted.yaml").read_text(encoding="utf-8"))
    result = check_paths([PLANS / "luton"])
    by_code: dict[str, set[str]] = {}
    for f in result.findings:
        by_code.setdefault(f.code, set()).update(f.objects)
    return manifest, result, by_code


def test_luton_no_baseline_is_exactly_the_manifest(luton):
    manifest, _, by_code = luton
    assert by_code.get("PC301", set()) == set(manifest["no_baseline_measures"])
    assert by_code.get("PC302", set()) == set(manifest["baseline_without_year"])
    assert by_code.get("PC303", set()) == set(manifest["baseline_after_first_target"])


def test_luton_targets(luton):
    manifest, result, by_code = luton
    assert by_code.get("PC304", set()) == set(manifest["non_numeric_targets"])
    assert by_code.get("PC305", set()) == set(manifest["targets_without_year"])
    assert by_code.get("PC307", set()) == set(manifest["qualified_targets"])
    # officer-formatted numbers are numbers: none of them is reported as text or qualified
    formatted = set(manifest["officer_formatted_values"])
    assert not formatted & (by_code.get("PC304", set()) | by_code.get("PC307", set()))


def test_luton_outcome_measures(luton):
    manifest, result, by_code = luton
    assert by_code.get("PC401", set()) == set(manifest["objectives_without_measures"])
    pc402_objectives = {f.objects[0] for f in result.findings if f.code == "PC402"}
    assert set(manifest["activity_only_objectives"]) <= pc402_objectives
    reported_activity = by_code.get("PC402", set()) | by_code.get("PC403", set())
    assert set(manifest["activity_measures"]) <= reported_activity
    outcomes = set(manifest["outcome_measures_without_kind"]) | {
        m for m, k in manifest["explicit_kinds"].items() if k == "outcome"}
    assert not outcomes & reported_activity
    # measures stated as outputs are the authors' judgement: not re-reported as PC403
    stated = {m for m, k in manifest["explicit_kinds"].items() if k != "outcome"}
    assert not stated & by_code.get("PC403", set())


def test_luton_well_formed_outcome_measures_have_no_finding(luton):
    manifest, result, _ = luton
    faulty = set()
    for key in ("no_baseline_measures", "baseline_without_year", "baseline_after_first_target",
                "non_numeric_targets", "qualified_targets", "targets_without_year"):
        faulty |= set(manifest[key])
    well_formed = (set(manifest["outcome_measures_without_kind"]) | {
        m for m, k in manifest["explicit_kinds"].items() if k == "outcome"}) - faulty
    assert len(well_formed) >= 10
    flagged = {o for f in result.findings if f.code[:3] in ("PC3", "PC4") for o in f.objects}
    assert not well_formed & flagged


def test_luton_no_lead_findings_unless_required(luton):
    manifest, _, by_code = luton
    assert "PC501" not in by_code
    result = check_paths([PLANS / "luton"], {"name": "Luton", "accountability": {"leads_required": True}})
    assert {o for f in result.findings if f.code == "PC501" for o in f.objects} == set(
        manifest["objectives_without_lead"])
