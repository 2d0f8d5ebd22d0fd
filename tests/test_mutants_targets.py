"""Target conflicts (PC2xx), written from the module documentation of checks/targets.py, the
checks' docstrings and the contract (docs/plan-format.md) for the mutants of
checks/targets.py that tests/test_targets.py leaves alive (tests/MUTATION.md, session 5).
Small realistic plans; codes, objects, plans, locations and details, never wording.
"""

from __future__ import annotations

import pytest
from test_targets import line_of, measure, objective, pc2, plan, two_plans

# ----------------------------------------------------------------------------- PC206


def test_a_target_at_the_baselines_own_year_is_no_trajectory(framework):
    # The corporate plan's only target is for the baseline year itself: not a path from
    # the baseline, so there is nothing to compare with the community plan's 2010/11 target.
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(60.0, "2007/08"),
                targets=[("2010/11", 65.0)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(60.0, "2007/08"),
                targets=[("2007/08", 70.0)]),
    )
    assert pc2(framework(files, select=["PC206"])) == []
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(60.0, "2007/08"),
                targets=[("2007/08", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(60.0, "2007/08"),
                targets=[("2010/11", 65.0)]),
    )
    assert pc2(framework(files, select=["PC206"])) == []


def test_trajectories_are_compared_past_a_target_for_the_same_year(framework):
    # Both plans target 70% for 2010/11 (no conflict); the corporate plan then wants 69%
    # for 2015/16, below what both want for 2010/11: the figure would have to go back.
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 70.0), ("2015/16", 69.0)]),
    )
    result = framework(files)
    assert pc2(result) == [("PC206", ("CP-1.1", "CORP-1.1"), "community-plan.yaml",
                            line_of(files, "community-plan.yaml", "value: 70.0"))]


def test_a_plan_holding_the_baseline_figure_is_neither_a_rise_nor_a_fall(framework):
    # One plan keeps the figure at its baseline (within the tolerance), the other wants a
    # rise: no straight line from the baseline is contradicted.
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 67.8)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2015/16", 72.0)]),
    )
    assert pc2(framework(files, select=["PC206"])) == []


def test_trajectories_are_compared_past_a_target_holding_the_baseline(framework):
    # The corporate plan holds 67.8% for 2011/12 and wants 69% by 2015/16; the community
    # plan wants 70% by 2010/11, beyond the corporate plan's later figure.
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2011/12", 67.8), ("2015/16", 69.0)]),
    )
    result = framework(files, select=["PC206"])
    assert pc2(result) == [("PC206", ("CP-1.1", "CORP-1.1"), "community-plan.yaml",
                            line_of(files, "community-plan.yaml", "value: 70.0"))]


def test_small_rises_in_both_plans_are_one_direction(framework):
    # From 67.8%: +0.4 by 2010/11 and +0.8 by 2015/16 (beyond the tolerance, under one
    # point each): both rise, at much the same pace.
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 68.2)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2015/16", 68.6)]),
    )
    assert pc2(framework(files, select=["PC206"])) == []


def test_an_earlier_target_within_the_tolerance_of_a_later_one_does_not_go_back(framework):
    # 72.0% for 2010/11 and 71.7% for 2015/16 agree (0.3 is within 0.5% of 72); their
    # paces (1.4 and 0.49 a year) are within three times of each other.
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 72.0)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2015/16", 71.7)]),
    )
    assert pc2(framework(files, select=["PC206"])) == []


def test_a_pace_more_than_three_times_another_is_inconsistent(framework):
    # From 60% in 2007/08: +1 a year to 2010/11 against +0.15 a year to 2030/31 (6.7 times).
    files = two_plans(
        measure("Percentage of residents satisfied with their area", baseline=(60.0, "2007/08"),
                targets=[("2010/11", 63.0)]),
        measure("Percentage of residents satisfied with their area", baseline=(60.0, "2007/08"),
                targets=[("2030/31", 63.5)]),
    )
    result = framework(files, select=["PC206"])
    assert pc2(result) == [("PC206", ("CP-1.1", "CORP-1.1"), "community-plan.yaml",
                            line_of(files, "community-plan.yaml", "value: 63.0"))]


def test_the_same_pace_in_both_plans_is_consistent(framework):
    # 200 homes a year in both plans, to 2010/11 and to 2015/16.
    files = two_plans(
        measure("Net additional homes provided", indicator="NI 154", unit="number",
                baseline=(400, "2007/08"), targets=[("2010/11", 1000)]),
        measure("Net additional homes provided", indicator="NI 154", unit="number",
                baseline=(400, "2007/08"), targets=[("2015/16", 2000)]),
    )
    assert pc2(framework(files, select=["PC206"])) == []


def test_a_pace_exactly_three_times_another_is_within_the_tolerance(framework):
    # 300 homes a year to 2009/10, 100 a year to 2015/16: exactly 3 times, and only "more
    # than trajectory_tolerance times" (default 3) is inconsistent.
    files = two_plans(
        measure("Net additional homes provided", indicator="NI 154", unit="number",
                baseline=(400, "2007/08"), targets=[("2009/10", 1000)]),
        measure("Net additional homes provided", indicator="NI 154", unit="number",
                baseline=(400, "2007/08"), targets=[("2015/16", 1200)]),
    )
    assert pc2(framework(files, select=["PC206"])) == []


def test_a_pair_already_in_a_conflicting_targets_finding_is_not_a_trajectory_finding(framework):
    # 70% against 74% for 2010/11 is PC201; the corporate plan's 69% for 2015/16 would also
    # make a path that goes back from the community plan's 70%, but that pair is reported.
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 74.0), ("2015/16", 69.0)]),
    )
    result = framework(files)
    assert pc2(result) == [("PC201", ("CP-1.1", "CORP-1.1"), "community-plan.yaml",
                            line_of(files, "community-plan.yaml", "value: 70.0"))]


def test_a_third_plan_is_compared_with_plans_already_in_a_conflicting_targets_finding(framework):
    # The community and corporate plans conflict for 2010/11 (PC201); the LAA's 69% for
    # 2015/16 is below both their 2010/11 targets, a trajectory conflict with each.
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 72.0)]),
    )
    files["laa.yaml"] = plan("LAA", "Local Area Agreement 2008-11", "local-area-agreement",
                             objective("LAA-E1", "More residents in work", measure(
                                 "Overall employment rate", indicator="NI 151",
                                 baseline=(67.8, "2007/08"), targets=[("2015/16", 69.0)])))
    result = framework(files)
    assert pc2(result) == [
        ("PC201", ("CP-1.1", "CORP-1.1"), "community-plan.yaml",
         line_of(files, "community-plan.yaml", "value: 70.0")),
        ("PC206", ("CP-1.1", "CORP-1.1", "LAA-E1.1"), "community-plan.yaml",
         line_of(files, "community-plan.yaml", "value: 70.0")),
    ]
    f206 = next(f for f in result.findings if f.code == "PC206")
    assert sorted(sorted(p) for p in f206.details["pairs"]) == [["CORP-1.1", "LAA-E1.1"],
                                                               ["CP-1.1", "LAA-E1.1"]]


def test_pairs_in_different_conflicting_targets_findings_are_still_compared(framework):
    # Two PC201 findings of one indicator: the community and corporate plans for 2010/11,
    # the LAA and the strategy for 2015/16. No pair across them was reported together, and
    # each 2015/16 figure is below both 2010/11 figures: four trajectory pairs.
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 72.0)]),
    )
    files["laa.yaml"] = plan("LAA", "Local Area Agreement 2008-11", "local-area-agreement",
                             objective("LAA-E1", "More residents in work", measure(
                                 "Overall employment rate", indicator="NI 151",
                                 baseline=(67.8, "2007/08"), targets=[("2015/16", 68.2)])))
    files["scs.yaml"] = plan("SCS", "Sustainable Community Strategy 2008-2026", "community-strategy",
                             objective("SCS-W1", "A thriving economy", measure(
                                 "Overall employment rate", indicator="NI 151",
                                 baseline=(67.8, "2007/08"), targets=[("2015/16", 69.0)])))
    result = framework(files)
    assert sorted((c, sorted(o)) for c, o, *_ in pc2(result)) == [
        ("PC201", ["CORP-1.1", "CP-1.1"]), ("PC201", ["LAA-E1.1", "SCS-W1.1"]),
        ("PC206", ["CORP-1.1", "CP-1.1", "LAA-E1.1", "SCS-W1.1"])]
    f206 = next(f for f in result.findings if f.code == "PC206")
    assert sorted(sorted(p) for p in f206.details["pairs"]) == [
        ["CORP-1.1", "LAA-E1.1"], ["CORP-1.1", "SCS-W1.1"], ["CP-1.1", "LAA-E1.1"], ["CP-1.1", "SCS-W1.1"]]


# ----------------------------------------------------------------------------- PC201


def test_a_difference_of_exactly_the_relative_tolerance_agrees(framework):
    # 199 and 200 homes: 1 apart, exactly 0.5% of the larger ("no more than" the tolerance).
    files = two_plans(
        measure("Net additional homes provided", indicator="NI 154", unit="number",
                targets=[("2010/11", 199)]),
        measure("Net additional homes provided", indicator="NI 154", unit="number",
                targets=[("2010/11", 200)]),
    )
    assert pc2(framework(files)) == []


def test_a_conflict_lists_each_measures_figure_in_its_details(framework):
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 70.0)]),
        measure("Overall employment rate (16-64)", indicator="NI151", unit='"%"',
                baseline=(66.1, "2007/08"), targets=[(2011, 72.5)]),
    )
    result = framework(files, select=["PC201", "PC202"])
    f201 = next(f for f in result.findings if f.code == "PC201")
    d = f201.details
    assert d["code"] == "NI 151" and d["indicator"].startswith("NI 151")
    assert isinstance(d["grouped_because"], str) and d["grouped_because"].strip()
    assert d["values"] == [
        {"measure": "CP-1.1", "plan": "CP", "value": 70.0, "year": "2010/11", "unit": "percent"},
        {"measure": "CORP-1.1", "plan": "CORP", "value": 72.5, "year": "2011", "unit": "%"}]
    f202 = next(f for f in result.findings if f.code == "PC202")
    assert f202.details["values"] == [
        {"measure": "CP-1.1", "plan": "CP", "value": 67.8, "year": "2007/08", "unit": "percent"},
        {"measure": "CORP-1.1", "plan": "CORP", "value": 66.1, "year": "2007/08", "unit": "%"}]


# ----------------------------------------------------------------------------- PC208


def test_an_unknown_code_used_by_many_measures_is_one_finding_with_its_status(framework):
    # LPI 12 in six measures of one plan; NI 31 (dropped before the final set) in another.
    six = "".join(objective(f"CP-{i}", f"Libraries {i}", measure(
        "Library visits per 1,000 population", indicator="LPI 12", unit="rate")) for i in range(1, 7))
    files = {
        "community-plan.yaml": plan("CP", "Community Plan 2008-2011", "community-plan", six),
        "corporate-plan.yaml": plan("CORP", "Corporate Plan 2008-2011", "corporate-plan", objective(
            "CORP-1", "Safer streets", measure("Re-offending by registered sex offenders",
                                              indicator="NI 31", direction="decrease"))),
    }
    result = framework(files, select=["PC208"])
    assert pc2(result) == [
        ("PC208", ("CORP-1.1",), "corporate-plan.yaml", line_of(files, "corporate-plan.yaml", "NI 31")),
        ("PC208", tuple(f"CP-{i}.1" for i in range(1, 7)), "community-plan.yaml",
         line_of(files, "community-plan.yaml", "LPI 12"))]
    by_code = {f.details["code"]: f for f in result.findings}
    assert {c: f.details["status"] for c, f in by_code.items()} == {"NI 31": "retired", "LPI 12": "unknown"}
    assert [f.plan for f in result.findings] == ["CORP", "CP"]
    assert all(isinstance(f.message, str) and f.message.strip() for f in result.findings)


# ------------------------------------------------------------------ the indicators table


def _cells(cell: str) -> dict[str, str]:
    """A baselines or targets cell of the indicators table, by plan: ``{plan id: its figures}``."""
    out = {}
    for entry in cell.split("; "):
        plan_id, _, figures = entry.partition(" ")
        out[plan_id] = figures
    return out


def test_the_indicators_table_shows_each_plans_figures_with_their_years(framework):
    # NI 151 in two plans: a numeric baseline and targets (one TBC) in the community plan;
    # in the corporate plan a blank baseline, a baseline with no year, a TBC baseline and a
    # target with no year.
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 70.0), ("2011/12", "TBC")]),
        measure("Overall employment rate", indicator="NI 151", baseline=('""', "2009/10"),
                targets=[("2010/11", 70)]),
        extra_b=objective("CORP-2", "More jobs", measure(
            "Overall employment rate", indicator="NI 151", baseline=(66.0, "null"),
            targets=[("null", 71)])) + objective("CORP-3", "More jobs", measure(
                "Overall employment rate", indicator="NI 151", baseline=("TBC", "2008/09"))),
    )
    table = framework(files).summaries["indicators"]
    assert table.columns[4:6] == ["baselines", "targets"]
    (row,) = table.rows
    assert row[1].split(", ") == ["CP-1.1", "CORP-1.1", "CORP-2.1", "CORP-3.1"]
    bases, targets = _cells(row[4]), _cells(row[5])
    assert list(bases) == ["CP", "CORP"] and list(targets) == ["CP", "CORP"]
    # the community plan's own figures only, each with its year
    assert "67.8" in bases["CP"] and "2007/08" in bases["CP"] and "66" not in bases["CP"]
    assert "70" in targets["CP"] and "2010/11" in targets["CP"]
    assert "tbc" in targets["CP"].lower() and "2011/12" in targets["CP"]
    # the blank baseline (2009/10) is left out; the one with no year is shown without one
    assert "66" in bases["CORP"] and "2009/10" not in bases["CORP"]
    assert "tbc" in bases["CORP"].lower() and "2008/09" in bases["CORP"]
    assert "70" in targets["CORP"] and "71" in targets["CORP"] and "2010/11" in targets["CORP"]
    assert "None" not in row[4] + row[5]


# ------------------------------------------------------------ which figures are compared


def test_changes_are_compared_when_the_indicator_has_no_level_measure(framework):
    # NI 186 is itself a change ("per capita reduction"): both measures count a change.
    files = two_plans(
        measure("Per capita reduction in CO2 emissions in the LA area", indicator="NI 186",
                targets=[("2010/11", 9.0)]),
        measure("Per capita reduction in CO2 emissions in the LA area", indicator="NI 186",
                targets=[("2010/11", 11.0)]),
    )
    assert pc2(framework(files)) == [("PC201", ("CP-1.1", "CORP-1.1"), "community-plan.yaml",
                                      line_of(files, "community-plan.yaml", "value: 9.0"))]


def test_rates_per_a_different_population_are_not_compared(framework):
    # The same code, as a rate per 1,000 and per 10,000 people: a unit problem (PC205),
    # not conflicting targets.
    files = two_plans(
        measure("Serious acquisitive crime rate per 1,000 population", indicator="NI 16", unit="rate",
                direction="decrease", targets=[("2010/11", 21.8)]),
        measure("Serious acquisitive crime rate per 10,000 population", indicator="NI 16",
                unit="rate", direction="decrease", targets=[("2010/11", 218)]),
    )
    assert [c for c, *_ in pc2(framework(files))] == ["PC205"]


def test_changes_are_compared_alongside_level_measures_of_the_indicator(framework):
    # NI 47 as a count (level) in both plans, agreeing, and as a "% reduction" (change)
    # in both plans, disagreeing: the changes are compared with each other.
    files = two_plans(
        measure("People killed or seriously injured in road traffic accidents", indicator="NI 47",
                unit=None, direction="decrease", targets=[(2010, 60)]),
        measure("People killed or seriously injured in road traffic accidents", indicator="NI 47",
                unit=None, direction="decrease", targets=[(2010, 60)]),
        extra_a=objective("CP-2", "Safer roads", measure(
            "People killed or seriously injured in road traffic accidents (% reduction)",
            indicator="NI 47", targets=[(2010, 40)])),
        extra_b=objective("CORP-2", "Safer roads", measure(
            "People killed or seriously injured in road traffic accidents (% reduction)",
            indicator="NI 47", targets=[(2010, 50)])),
    )
    assert pc2(framework(files, select=["PC201"])) == [
        ("PC201", ("CP-2.1", "CORP-2.1"), "community-plan.yaml",
         line_of(files, "community-plan.yaml", "value: 40"))]


def test_the_indicators_table_flags_each_indicators_conflicts(framework):
    # NI 151: 70% against 72% for 2010/11 (PC201), and the corporate plan's target is below
    # its baseline though it should increase (PC204). NI 154: agreeing figures, no conflict.
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", targets=[("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(73.0, "2007/08"),
                targets=[("2010/11", 72.0)]),
        extra_a=objective("CP-2", "More homes", measure(
            "Net additional homes provided", indicator="NI 154", unit="number",
            baseline=(400, "2007/08"), targets=[("2010/11", 1000)])),
        extra_b=objective("CORP-2", "More homes", measure(
            "Net additional homes provided", indicator="NI 154", unit="number",
            baseline=(400, "2007/08"), targets=[("2010/11", 1000)])),
    )
    result = framework(files)
    assert sorted(c for c, *_ in pc2(result)) == ["PC201", "PC204"]
    table = result.summaries["indicators"]
    assert table.columns[1] == "measures" and table.columns[6] == "conflicts"
    flags = {row[1]: row[6] for row in table.rows}
    assert set(flags) == {"CP-1.1, CORP-1.1", "CP-2.1, CORP-2.1"}
    assert flags["CP-1.1, CORP-1.1"].split(", ") == ["PC201", "PC204"]
    assert flags["CP-2.1, CORP-2.1"] == "none"
    # the same table whatever checks were selected
    only = framework(files, select=["PC208"]).summaries["indicators"]
    assert {row[1]: row[6] for row in only.rows} == flags


def test_a_target_against_direction_lists_the_targets_in_its_details(framework):
    files = two_plans(
        measure("Unemployment rate", direction="decrease", baseline=(3.1, "2007/08"),
                targets=[("2008/09", 3.0), ("2010/11", 3.5), ("2011/12", 3.6)]),
        measure("Number of affordable homes completed each year", unit="number"),
    )
    result = framework(files, select=["PC204"])
    assert pc2(result) == [("PC204", ("CP-1.1",), "community-plan.yaml",
                            line_of(files, "community-plan.yaml", "value: 3.5"))]
    (f,) = result.findings
    assert f.plan == "CP"
    assert f.details == {"measure": "CP-1.1", "direction": "decrease", "baseline": 3.1,
                         "targets": [{"year": "2010/11", "value": 3.5}, {"year": "2011/12", "value": 3.6}]}


# ----------------------------------------------------------------------------- PC207


def _one_plan(*measures_by_objective, other=None):
    objectives = "".join(objective(f"CP-{i}", f"More local people in work {i}", m)
                         for i, m in enumerate(measures_by_objective, 1))
    return {"community-plan.yaml": plan("CP", "Community Plan 2008-2011", "community-plan", objectives),
            "corporate-plan.yaml": plan("CORP", "Corporate Plan 2008-2011", "corporate-plan", objective(
                "CORP-1", "Increase employment", other or measure(
                    "Number of affordable homes completed each year", unit="number")))}


def test_a_duplicate_target_is_found_after_a_year_with_one_target(framework):
    # 2009/10 has one target only; 2010/11 has two that differ.
    files = _one_plan(
        measure("Overall employment rate", indicator="NI 151", targets=[("2009/10", 69.0), ("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", targets=[("2010/11", 71.5)]),
    )
    assert pc2(framework(files, select=["PC207"])) == [
        ("PC207", ("CP-1.1", "CP-2.1"), "community-plan.yaml", line_of(files, "community-plan.yaml", "value: 70.0"))]


def test_one_measure_may_mean_a_financial_and_a_calendar_year_as_two_periods(framework):
    files = _one_plan(
        measure("Overall employment rate", indicator="NI 151", targets=[("2010/11", 70.0), (2011, 72.0)]))
    assert pc2(framework(files, select=["PC207"])) == []


def test_two_measures_of_one_plan_for_the_same_point_written_differently_conflict(framework):
    files = _one_plan(
        measure("Overall employment rate", indicator="NI 151", targets=[("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", targets=[(2011, 72.0)]),
    )
    assert pc2(framework(files, select=["PC207"])) == [
        ("PC207", ("CP-1.1", "CP-2.1"), "community-plan.yaml", line_of(files, "community-plan.yaml", "value: 70.0"))]


def test_a_duplicate_target_is_found_after_a_year_written_two_ways_in_one_measure(framework):
    # 2010/11 and 2011 in one measure are not compared; 2011/12 has two differing targets.
    files = _one_plan(
        measure("Overall employment rate", indicator="NI 151",
                targets=[("2010/11", 70.0), (2011, 72.0), ("2011/12", 73.0)]),
        measure("Overall employment rate", indicator="NI 151", targets=[("2011/12", 75.0)]),
    )
    assert pc2(framework(files, select=["PC207"])) == [
        ("PC207", ("CP-1.1", "CP-2.1"), "community-plan.yaml", line_of(files, "community-plan.yaml", "value: 73.0"))]


def test_a_duplicate_target_has_a_message_and_lists_the_figures_in_its_details(framework):
    files = _one_plan(
        measure("Overall employment rate", indicator="NI 151", targets=[("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", targets=[(2011, 71.5)]),
    )
    (f,) = framework(files, select=["PC207"]).findings
    assert f.plan == "CP" and isinstance(f.message, str) and f.message.strip()
    assert f.details["code"] == "NI 151"
    assert f.details["values"] == [
        {"measure": "CP-1.1", "plan": "CP", "value": 70.0, "year": "2010/11", "unit": "percent"},
        {"measure": "CP-2.1", "plan": "CP", "value": 71.5, "year": "2011", "unit": "percent"}]


# ------------------------------------------------------------------------ every check


def _every_conflict():
    return two_plans(
        # PC201 (targets for 2010/11), PC202 (baselines for 2007/08)
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(66.1, "2007/08"),
                targets=[("2010/11", 72.0)]),
        extra_a=(objective("CP-2", "Fewer people on benefits", measure(  # PC203
            "Working age people claiming out of work benefits in the worst neighbourhoods",
            indicator="NI 153", direction="decrease"))
            + objective("CP-3", "Safer streets", measure(  # PC205
                "Serious acquisitive crime rate", indicator="NI 16", unit="rate", direction="decrease",
                targets=[("2010/11", 21.8)]))
            + objective("CP-4", "More homes", measure(  # PC206
                "Net additional homes provided", indicator="NI 154", unit="number",
                baseline=(400, "2007/08"), targets=[("2010/11", 1000)]))
            + objective("CP-5", "Fewer people out of work", measure(  # PC204
                "Unemployment rate", direction="decrease", baseline=(3.1, "2007/08"),
                targets=[("2010/11", 3.5)]))
            + objective("CP-6", "Libraries", measure(  # PC208
                "Library visits per 1,000 population", indicator="LPI 12", unit="rate"))
            + objective("CP-7", "More local people in work", measure(  # PC207 with CP-1.1
                "Overall employment rate", indicator="NI 151", targets=[("2010/11", 71.0)]))),
        extra_b=(objective("CORP-2", "Fewer people on benefits", measure(
            "Working age people claiming out of work benefits in the worst neighbourhoods",
            indicator="NI 153", direction="increase"))
            + objective("CORP-3", "Safer streets", measure(
                "Serious acquisitive crimes", indicator="NI 16", unit="number", direction="decrease",
                targets=[("2010/11", 4200)]))
            + objective("CORP-4", "More homes", measure(
                "Net additional homes provided", indicator="NI 154", unit="number",
                baseline=(400, "2007/08"), targets=[("2015/16", 900)]))),
    )


def test_every_conflict_has_a_message_and_belongs_to_its_first_measures_plan(framework):
    files = _every_conflict()
    result = framework(files)
    found = pc2(result)
    assert sorted({c for c, *_ in found}) == ["PC201", "PC202", "PC203", "PC204", "PC205", "PC206",
                                             "PC207", "PC208"]
    for f in result.findings:
        if f.code.startswith("PC2"):
            assert isinstance(f.message, str) and f.message.strip(), f.code
            assert f.plan == f.objects[0].split("-")[0], f.code
            assert f.severity == {"PC201": "error", "PC202": "error", "PC203": "error", "PC207": "error",
                                  "PC208": "info"}.get(f.code, "warning")


def test_directions_and_units_in_conflict_are_listed_in_the_details(framework):
    result = framework(_every_conflict(), select=["PC203", "PC205"])
    by_code = {f.code: f for f in result.findings}
    assert by_code["PC203"].objects == ("CP-2.1", "CORP-2.1")
    assert by_code["PC203"].details["code"] == "NI 153"
    assert by_code["PC203"].details["values"] == [
        {"measure": "CP-2.1", "plan": "CP", "direction": "decrease"},
        {"measure": "CORP-2.1", "plan": "CORP", "direction": "increase"}]
    assert by_code["PC205"].objects == ("CP-3.1", "CORP-3.1")
    assert by_code["PC205"].details["code"] == "NI 16"
    assert by_code["PC205"].details["values"] == [
        {"measure": "CP-3.1", "plan": "CP", "unit": "rate"},
        {"measure": "CORP-3.1", "plan": "CORP", "unit": "number"}]


# ----------------------------------------------------------------------------- PC202


def test_conflicting_baselines_are_found_after_an_indicator_measured_once(framework):
    files = two_plans(
        measure("Number of affordable homes completed each year", unit="number",
                baseline=(180, "2007/08")),
        measure("Overall employment rate", indicator="NI 151", baseline=(66.1, "2007/08")),
        extra_a=objective("CP-2", "More local people in work", measure(
            "Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"))),
    )
    assert pc2(framework(files, select=["PC202"])) == [
        ("PC202", ("CP-2.1", "CORP-1.1"), "community-plan.yaml",
         line_of(files, "community-plan.yaml", "baseline:", nth=2))]


def test_conflicting_baselines_are_found_after_a_year_whose_baselines_agree(framework):
    # 2006/07: 65% in both plans; 2007/08: 67.8% against 66.1%.
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(65.0, "2006/07")),
        measure("Overall employment rate", indicator="NI 151", baseline=(65.0, "2006/07")),
        extra_a=objective("CP-2", "More local people in work", measure(
            "Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"))),
        extra_b=objective("CORP-2", "Increase employment", measure(
            "Overall employment rate", indicator="NI 151", baseline=(66.1, "2007/08"))),
    )
    assert pc2(framework(files, select=["PC202"])) == [
        ("PC202", ("CP-2.1", "CORP-2.1"), "community-plan.yaml",
         line_of(files, "community-plan.yaml", "baseline:", nth=2))]


# ------------------------------------------------------------------- PC203, PC205, PC204


def _after_a_lone_measure(m_a, m_b):
    """The conflicting pair after a measure that is its indicator's only one."""
    return two_plans(
        measure("Number of affordable homes completed each year", unit="number"), m_b,
        extra_a=objective("CP-2", "Fewer people on benefits", m_a))


def test_opposite_directions_are_found_after_an_indicator_measured_once(framework):
    files = _after_a_lone_measure(
        measure("Working age people claiming out of work benefits in the worst neighbourhoods",
                indicator="NI 153", direction="decrease"),
        measure("Working age people claiming out of work benefits in the worst neighbourhoods",
                indicator="NI 153", direction="increase"))
    assert pc2(framework(files, select=["PC203"])) == [
        ("PC203", ("CP-2.1", "CORP-1.1"), "community-plan.yaml",
         line_of(files, "community-plan.yaml", "direction:", nth=2))]


def test_opposite_directions_among_changes_are_found_after_levels_that_agree(framework):
    # NI 47 as a count, to decrease in both plans; as a "% reduction", to increase in one
    # plan and to decrease in the other.
    files = two_plans(
        measure("People killed or seriously injured in road traffic accidents", indicator="NI 47",
                unit=None, direction="decrease"),
        measure("People killed or seriously injured in road traffic accidents", indicator="NI 47",
                unit=None, direction="decrease"),
        extra_a=objective("CP-2", "Safer roads", measure(
            "People killed or seriously injured in road traffic accidents (% reduction)",
            indicator="NI 47", direction="increase")),
        extra_b=objective("CORP-2", "Safer roads", measure(
            "People killed or seriously injured in road traffic accidents (% reduction)",
            indicator="NI 47", direction="decrease")),
    )
    assert pc2(framework(files, select=["PC203"])) == [
        ("PC203", ("CP-2.1", "CORP-2.1"), "community-plan.yaml",
         line_of(files, "community-plan.yaml", "direction:", nth=2))]


def test_a_target_against_direction_is_found_after_a_measure_with_no_direction(framework):
    files = _after_a_lone_measure(
        measure("Unemployment rate", direction="decrease", baseline=(3.1, "2007/08"),
                targets=[("2010/11", 3.5)]),
        measure("Overall employment rate", indicator="NI 151", direction=None, baseline=(67.8, "2007/08"),
                targets=[("2010/11", 60.0)]))
    assert pc2(framework(files, select=["PC204"])) == [
        ("PC204", ("CP-2.1",), "community-plan.yaml", line_of(files, "community-plan.yaml", "value: 3.5"))]


@pytest.mark.parametrize("first", [("2006/07", 3.4), ("2007/08", 3.4), ("2008/09", 3.1)])
def test_a_target_against_direction_is_found_after_one_that_is_not(framework, first):
    # Before or at the baseline year, or holding the baseline figure: not against the
    # direction; the 2010/11 target after it is.
    files = two_plans(
        measure("Unemployment rate", direction="decrease", baseline=(3.1, "2007/08"),
                targets=[first, ("2010/11", 3.5)]),
        measure("Number of affordable homes completed each year", unit="number"),
    )
    assert pc2(framework(files, select=["PC204"])) == [
        ("PC204", ("CP-1.1",), "community-plan.yaml", line_of(files, "community-plan.yaml", "value: 3.5"))]


def test_a_baseline_with_no_year_is_still_a_baseline_for_the_direction(framework):
    # The baseline's year is missing (PC302 says so); its figure still shows the target
    # going the wrong way.
    files = two_plans(
        measure("Unemployment rate", direction="decrease", baseline=(3.1, "null"),
                targets=[("2010/11", 3.5)]),
        measure("Number of affordable homes completed each year", unit="number"),
    )
    assert pc2(framework(files, select=["PC204"])) == [
        ("PC204", ("CP-1.1",), "community-plan.yaml", line_of(files, "community-plan.yaml", "value: 3.5"))]


def test_incompatible_units_are_found_after_an_indicator_measured_once(framework):
    files = _after_a_lone_measure(
        measure("Serious acquisitive crime rate", indicator="NI 16", unit="rate",
                direction="decrease", targets=[("2010/11", 21.8)]),
        measure("Serious acquisitive crimes", indicator="NI 16", unit="number",
                direction="decrease", targets=[("2010/11", 4200)]))
    assert pc2(framework(files, select=["PC205"])) == [
        ("PC205", ("CP-2.1", "CORP-1.1"), "community-plan.yaml",
         line_of(files, "community-plan.yaml", "unit:", nth=2))]


# ------------------------------------------------ session 7: the first run of these bodies


def test_pc201_checks_every_year_past_one_where_all_agree_and_one_where_only_a_plan_disagrees_with_itself(
        framework):
    # 2008/09: both plans 68 (agree). 2009/10: the community plan's two measures say 69.7 and
    # 70.3 (0.6 apart: more than 0.5% of either), the corporate plan 70.0, within 0.5% of
    # both: no two *plans* disagree, so no conflicting targets (two figures in one plan are
    # PC207's). 2010/11: 72 against 75, a conflict between the plans.
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151",
                targets=[("2008/09", 68), ("2009/10", 69.7), ("2010/11", 72)]),
        measure("Overall employment rate", indicator="NI 151",
                targets=[("2008/09", 68), ("2009/10", 70.0), ("2010/11", 75)]),
        extra_a=objective("CP-2", "Fewer people on benefits",
                          measure("Overall employment rate", indicator="NI 151", targets=[("2009/10", 70.3)])))
    result = framework(files, select=["PC201"])
    found = [f for f in result.findings if f.code == "PC201"]
    assert [(f.objects, f.plan, f.plans, f.source.line) for f in found] == [
        (("CP-1.1", "CORP-1.1"), "CP", ("CP", "CORP"), line_of(files, "community-plan.yaml", "value: 72"))]
    # The point is the calendar year in which the period ends (model.Year): 2010/11 -> 2011.
    assert found[0].details["point"] == 2011
    assert [(r["measure"], r["value"], r["year"]) for r in found[0].details["values"]] == [
        ("CP-1.1", 72, "2010/11"), ("CORP-1.1", 75, "2010/11")]


def _same_title_pair(title_a: str, title_b: str):
    return two_plans(measure(title_a, targets=[("2010/11", 70)]), measure(title_b, targets=[("2010/11", 74)]))


def test_match_titles_false_groups_measures_by_code_only(framework):
    # README: "match_titles: false: treat measures as one indicator only by code". Two
    # uncoded measures with one title, and an uncoded one titled like a coded one.
    settings = {"indicators": {"match_titles": False}}
    for files in (_same_title_pair("Overall employment rate", "Overall employment rate"),
                  two_plans(measure("Overall employment rate", targets=[("2010/11", 70)]),
                            measure("Overall employment rate", indicator="LI 7", targets=[("2010/11", 74)]))):
        assert [f.objects for f in framework(files).findings if f.code == "PC201"] == [("CP-1.1", "CORP-1.1")]
        assert [f for f in framework(files, settings).findings if f.code == "PC201"] == []
        assert [row[1] for row in framework(files, settings).summaries["indicators"].rows] == []


def test_title_threshold_from_the_settings_decides_whether_spellings_are_one_indicator(framework):
    # "labour"/"labor" score about 90.9 (tests/test_mutants_indicators.py): one indicator at
    # the default threshold of 90, two at 95.
    files = _same_title_pair("Overall labour rate", "Overall labor rate")
    assert [f.objects for f in framework(files).findings if f.code == "PC201"] == [("CP-1.1", "CORP-1.1")]
    settings = {"indicators": {"title_threshold": 95}}
    assert [f for f in framework(files, settings).findings if f.code == "PC201"] == []


def test_incompatible_units_list_every_stated_unit_after_a_measure_with_none(framework):
    # The community plan's NI 16 measure states no unit and comes first; the other two state
    # a rate and a number, which cannot be compared: both are named, the unitless one is not.
    files = two_plans(
        measure("Serious acquisitive crime", indicator="NI 16", unit=None, direction="decrease",
                targets=[("2010/11", 21.8)]),
        measure("Serious acquisitive crimes", indicator="NI 16", unit="number", direction="decrease",
                targets=[("2010/11", 4200)]),
        extra_a=objective("CP-2", "Safer streets", measure("Serious acquisitive crime rate", indicator="NI 16",
                                                           unit="rate", direction="decrease",
                                                           targets=[("2010/11", 21.8)])))
    found = [f for f in framework(files, select=["PC205"]).findings if f.code == "PC205"]
    assert [(f.objects, f.plan) for f in found] == [(("CP-2.1", "CORP-1.1"), "CP")]
    assert [(r["measure"], r["unit"]) for r in found[0].details["values"]] == [("CP-2.1", "rate"),
                                                                               ("CORP-1.1", "number")]


def test_pc206_is_found_after_an_indicator_measured_in_one_plan_only(framework):
    files = _after_a_lone_measure(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2015/16", 69.0)]))
    found = [f for f in framework(files, select=["PC206"]).findings if f.code == "PC206"]
    assert [(f.objects, f.plan, f.details["pairs"]) for f in found] == [
        (("CP-2.1", "CORP-1.1"), "CP", [["CP-2.1", "CORP-1.1"]])]


def _three_plans(*measures):
    """Plans A, B and C in that order, one NI 151 measure each (ids A-1.1, B-1.1, C-1.1)."""
    return {f"{pid.lower()}.yaml": plan(pid, f"Plan {pid}", "partnership-plan",
                                        objective(f"{pid}-1", "More local people in work", m))
            for pid, m in zip("ABC", measures, strict=True)}


def _employment(baseline: float, year: str, value: float) -> str:
    """An NI 151 measure from ``baseline`` in 2007/08 with one target."""
    return measure("Overall employment rate", indicator="NI 151", baseline=(baseline, "2007/08"),
                   targets=[(year, value)])


def _pc206_pairs(result) -> list[tuple]:
    return [(f.objects, f.details["pairs"]) for f in result.findings if f.code == "PC206"]


def test_pc206_compares_a_pair_after_a_pair_whose_baselines_differ(framework):
    # A and C start from 60% in 2007/08, B from 70%. A wants 66% by 2010/11; C 61% by
    # 2015/16: A's pace (2 a year) is more than three times C's (0.125). A against B is left
    # to PC202 (different baselines); that must not stop A being compared with C.
    files = _three_plans(_employment(60.0, "2010/11", 66), _employment(70.0, "2015/16", 72),
                         _employment(60.0, "2015/16", 61))
    assert _pc206_pairs(framework(files, select=["PC206"])) == [(("A-1.1", "C-1.1"), [["A-1.1", "C-1.1"]])]


def test_pc206_compares_a_pair_after_two_measures_of_one_plan(framework):
    # Plan A has two NI 151 measures (from 60%: 66% by 2010/11, and 60.5% by 2013/14); B
    # wants 61% by 2015/16. A's first measure against its second is no pair of plans; both
    # are compared with B: the first changes 16 times as fast as B (2 points a year against
    # 0.125), the second at two thirds of B's pace (within the factor of 3, no going back).
    files = {
        "a.yaml": plan("A", "Plan A", "partnership-plan", objective(
            "A-1", "More local people in work",
            measure("Overall employment rate", indicator="NI 151", baseline=(60.0, "2007/08"),
                    targets=[("2010/11", 66)]),
            measure("Overall employment rate", indicator="NI 151", baseline=(60.0, "2007/08"),
                    targets=[("2013/14", 60.5)]))),
        "b.yaml": plan("B", "Plan B", "partnership-plan", objective(
            "B-1", "More local people in work",
            measure("Overall employment rate", indicator="NI 151", baseline=(60.0, "2007/08"),
                    targets=[("2015/16", 61)]))),
    }
    found = [f for f in framework(files, select=["PC206"]).findings if f.code == "PC206"]
    assert [(f.objects, f.details["pairs"]) for f in found] == [(("A-1.1", "B-1.1"), [["A-1.1", "B-1.1"]])]


def test_the_indicators_table_lists_the_plans_of_each_indicator(framework):
    files = _same_title_pair("Overall employment rate", "Overall employment rate")
    (row,) = framework(files).summaries["indicators"].rows
    assert (row[1], row[2]) == ("CP-1.1, CORP-1.1", "CP, CORP")


def test_pc206_is_found_in_a_later_unit_of_an_indicator_after_one_without_a_problem(framework):
    # NI 16 in both plans as a rate (no baselines: nothing to compare) and as a number of
    # crimes from 4,000 in 2007/08: 3,400 by 2010/11 (200 a year) against 3,950 by 2015/16
    # (6.25 a year), more than three times apart. The two units are compared separately.
    def both(number_target):
        return (measure("Serious acquisitive crime rate", indicator="NI 16", unit="rate", direction="decrease",
                        targets=[("2010/11", 21.8)], mid=None),
                measure("Serious acquisitive crimes", indicator="NI 16", unit="number", direction="decrease",
                        baseline=(4000, "2007/08"), targets=[number_target]))
    rate_a, number_a = both(("2010/11", 3400))
    rate_b, number_b = both(("2015/16", 3950))
    files = {
        "community-plan.yaml": plan("CP", "Community Plan 2008-2011", "community-plan",
                                    objective("CP-1", "Safer streets", rate_a, number_a)),
        "corporate-plan.yaml": plan("CORP", "Corporate Plan 2008-2011", "corporate-plan",
                                    objective("CORP-1", "Less crime", rate_b, number_b)),
    }
    found = [f for f in framework(files, select=["PC206"]).findings if f.code == "PC206"]
    assert [(f.objects, f.plan, f.details["pairs"], f.details["values"]) for f in found] == [
        (("CP-1.2", "CORP-1.2"), "CP", [["CP-1.2", "CORP-1.2"]], [])]


def test_pc206_does_not_take_measures_with_different_baselines_for_one_profile(framework):
    # Plans A, B, C from 2007/08. A starts from 60.4%, B and C from 60% (A against them is
    # PC202's). A and B both target 66% for 2010/11; C 61% by 2015/16, 16 times slower than
    # B. A and B have the same targets but not the same baseline: B is still compared with C.
    files = _three_plans(_employment(60.4, "2010/11", 66), _employment(60.0, "2010/11", 66),
                         _employment(60.0, "2015/16", 61))
    assert _pc206_pairs(framework(files, select=["PC206"])) == [(("B-1.1", "C-1.1"), [["B-1.1", "C-1.1"]])]


def test_pc206_does_not_take_measures_with_different_targets_for_one_profile(framework):
    # All from 60% in 2007/08. A targets 62% for 2010/11, B 62.4% (a conflict, PC201: that
    # pair is not a trajectory finding). C targets 62% by 2015/16. A against C: 0.67 points a
    # year against 0.25, within the factor of 3. B against C: 0.8 against 0.25, and B's
    # earlier target is already beyond C's later one. Only B and C are inconsistent.
    files = _three_plans(_employment(60.0, "2010/11", 62), _employment(60.0, "2010/11", 62.4),
                         _employment(60.0, "2015/16", 62))
    result = framework(files, select=["PC201", "PC206"])
    assert [(f.code, f.objects) for f in result.findings if f.code in ("PC201", "PC206")] == [
        ("PC201", ("A-1.1", "B-1.1")), ("PC206", ("B-1.1", "C-1.1"))]
