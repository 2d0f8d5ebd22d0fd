"""Progress checks (PC6xx), written from the contract (sections 6, 8 and 9) for the
mutants of checks/progress.py that tests/test_actuals.py leaves alive (tests/MUTATION.md):
where a finding is reported, and which plan it belongs to; what the progress table and
its charts hold, cell by cell; the details of each finding; what a measure borrows from
the other measures of its indicator. Codes, objects, plans, locations, details, table
cells and chart figures, worked out by hand from the plans; never wording (a message is
only searched for the facts it must name: the measure, the target, the figure judged).
"""

from __future__ import annotations

import re

import pytest
from conftest import check_paths, write_framework

LAA = """
plan:
  id: LAA
  title: Luton Local Area Agreement 2008-11
  kind: local-area-agreement
  period: {start: 2008/09, end: 2010/11}
objectives:
  - id: LAA-E1
    title: More Luton residents in work
    local: true
    measures:
      - id: LAA-E1.1
        indicator: NI 151
        title: Overall employment rate (working age)
        unit: percent
        direction: increase
        baseline: {value: 67.8, year: 2007/08}
        targets:
          - {year: 2010/11, value: 70.0}
        actuals:
          - {year: 2007/08, value: 66.9}
          - {year: 2008/09, value: 68.9}
"""
# The line of "baseline:" in the file written (write_framework drops the leading newline).
BASELINE_LINE = LAA.lstrip("\n").splitlines().index("        baseline: {value: 67.8, year: 2007/08}") + 1


def test_a_baseline_differing_from_its_years_actual_is_reported_at_the_baseline(tmp_path):
    folder = write_framework(tmp_path / "fw", {"laa.yaml": LAA, "other.yaml": LAA.replace("LAA", "CP")
                                               .replace("local-area-agreement", "community-plan")})
    result = check_paths([folder], select=["PC604"])
    got = sorted((f.code, f.plan, f.objects, f.source.file.rsplit("/", 1)[-1], f.source.line)
                 for f in result.findings)
    assert got == [("PC604", "CP", ("CP-E1.1",), "other.yaml", BASELINE_LINE),
                   ("PC604", "LAA", ("LAA-E1.1",), "laa.yaml", BASELINE_LINE)]
    assert all(f.message.strip() for f in result.findings)


def _measure(mid, indicator, title, target, actuals):
    out = [f"      - id: {mid}", f"        indicator: {indicator}", f"        title: {title}",
           "        unit: percent", "        direction: increase",
           "        baseline: {value: 60.0, year: 2007/08}",
           "        targets:", f"          - {{year: 2010/11, value: {target}}}"]
    if actuals:
        out.append("        actuals:")
        out += [f"          - {{year: {y}, value: {v}}}" for y, v in actuals]
    return "\n".join(out) + "\n"


def _plan(pid, kind, measures):
    return (f"plan:\n  id: {pid}\n  title: Plan {pid}\n  kind: {kind}\n"
            "  period: {start: 2008/09, end: 2010/11}\n"
            f"objectives:\n  - id: {pid}-E1\n    title: More residents in work\n    local: true\n"
            "    measures:\n" + "".join(measures))


def test_the_progress_table_lists_every_measure_with_actuals_and_one_chart_per_indicator(tmp_path):
    # NI 151 is in both plans (one indicator: one chart holding both measures); the LAA's
    # second measure, NI 163, comes after a measure already listed with its indicator.
    files = {
        "l2011.yaml": _plan("L2011", "corporate-plan", [
            _measure("L2011-ER1.1", "NI 151", "Overall employment rate (working age)", 74, [])]),
        "laa.yaml": _plan("LAA", "local-area-agreement", [
            _measure("LAA-E1.1", "NI 151", "Overall employment rate (working age)", 70,
                     [("2008/09", 68.9), ("2009/10", 67.1)]),
            _measure("LAA-E1.2", "NI 163", "Proportion of adults qualified to at least Level 2", 75,
                     [("2008/09", 66.0), ("2009/10", 68.0)])]),
    }
    result = check_paths([write_framework(tmp_path / "fw", files)], select=["PC6"])
    table = result.summaries["progress"]
    listed = {r[2] for r in table.rows}
    assert {"LAA-E1.1", "LAA-E1.2"} <= listed
    assert len(table.charts) == 2  # one per indicator, not one per measure
    together = [c for c in table.charts if "LAA-E1.1" in str(c)]
    assert len(together) == 1 and "L2011-ER1.1" in str(together[0])


def test_a_framework_with_no_actuals_has_an_empty_progress_table_that_says_why(tmp_path):
    files = {"laa.yaml": _plan("LAA", "local-area-agreement", [
        _measure("LAA-E1.1", "NI 151", "Overall employment rate (working age)", 70, [])])}
    result = check_paths([write_framework(tmp_path / "fw", files)], select=["PC6"])
    table = result.summaries["progress"].as_dict()
    assert (table["columns"], table["rows"], table["charts"]) == ([], [], [])
    assert isinstance(table["title"], str) and table["title"].strip()
    assert isinstance(table["note"], str) and table["note"].strip()


# ----------------------------------------------------------------------------- session 5
# One indicator (NI 151) in three plans, judged as of 2009/10 (the latest actual): only the
# LAA records actuals (the contract's own shape, section 6); Luton 2011 and the community
# strategy take them (the module docstring: "one actual against every plan"). NI 163 is the
# LAA's alone; NI 152 has no figures at all. Plans are read in file-name order.
L2011_PLAN = """
plan:
  id: L2011
  title: Luton 2011 corporate plan
  kind: corporate-plan
  period: {start: 2008/09, end: 2011/12}
objectives:
  - id: L2011-ER1
    title: More Luton residents in work
    local: true
    measures:
      - id: L2011-ER0.1
        indicator: NI 152
        title: Working age people on out of work benefits
        unit: percent
        direction: decrease
        targets:
          - {year: 2008/09, value: 12.0}
      - id: L2011-ER1.1
        indicator: NI 151
        title: Overall employment rate (working age)
        unit: percent
        baseline: {value: 61.0}
        targets:
          - {year: 2011, value: 74.0}
"""
LAA_PLAN = """
plan:
  id: LAA
  title: Luton Local Area Agreement 2008-11
  kind: local-area-agreement
  period: {start: 2008/09, end: 2010/11}
objectives:
  - id: LAA-E1
    title: More Luton residents in work
    local: true
    measures:
      - id: LAA-E1.1
        indicator: NI 151
        title: Overall employment rate (working age)
        unit: percent
        direction: increase
        baseline: {value: 60.0, year: 2007/08}
        targets:
          - {year: 2009/10, value: 63.0}
          - {year: 2012/13, value: 75.0}
        actuals:
          - {year: 2008/09, value: 62.0, source: Annual Population Survey}
          - {year: 2009/10, value: 64.0}
      - id: LAA-E1.2
        indicator: NI 163
        title: Proportion of adults qualified to at least Level 2
        unit: percent
        direction: increase
        targets:
          - {year: 2008/09, value: 65.0}
          - {year: 2009/10, value: 63.2}
          - {year: 2011/12, value: 70.0}
        actuals:
          - {year: 2007/08, value: 60.0}
          - {year: 2008/09, value: 62.0, source: Annual Population Survey}
          - {year: 2009/10, value: 63.0}
"""
SCS_PLAN = """
plan:
  id: SCS
  title: Sustainable community strategy
  kind: community-plan
  period: {start: 2008/09, end: 2020/21}
objectives:
  - id: SCS-W1
    title: A prosperous town
    local: true
    measures:
      - id: SCS-W1.1
        indicator: NI 151
        title: Overall employment rate (working age)
        unit: percent
        direction: increase
        baseline: {value: not yet known}
        targets:
          - {year: 2011, value: 72.0}
"""
EMPLOYMENT = {"l2011.yaml": L2011_PLAN, "laa.yaml": LAA_PLAN, "scs.yaml": SCS_PLAN}
NI151 = "Overall employment rate (working age)"
NI163 = "Proportion of adults qualified to at least Level 2"


def _line(text, entry, after=None):
    """The line (from 1) of ``entry`` in a plan file as written (after the line ``after``)."""
    lines = text.lstrip("\n").splitlines()
    start = lines.index(after) if after else 0
    return lines.index(entry, start) + 1


@pytest.fixture(scope="module")
def employment(tmp_path_factory):
    folder = write_framework(tmp_path_factory.mktemp("employment") / "fw", EMPLOYMENT)
    return check_paths([folder], select=["PC6"])


def test_each_progress_finding_is_at_its_target_with_the_figures_it_was_judged_on(employment):
    # Due targets: NI 152's 2008/09 has no actual (PC603); NI 163's 65 for 2008/09 against
    # 62 is missed (PC601), its 63.2 for 2009/10 against 63 is short by 0.2, within 0.5%
    # (PC605). Targets ahead, on least-squares lines: NI 151 in the LAA through 60, 62, 64
    # (2008, 2009, 2010) gives 70 in 2013 (75 is off track); Luton 2011 and the strategy
    # have only the borrowed 62 and 64 (L2011's baseline has no year, SCS's is text): 66 in
    # 2011 (74 and 72 off track, PC602); NI 163 through 60, 62, 63 (slope 1.5 through the
    # mean 61.6667 at 2009) gives 66.16667 in 2012. LAA's 63 for 2009/10 was met (64).
    got = sorted((f.code, f.plan, f.objects, f.source.file.rsplit("/", 1)[-1], f.source.line,
                  tuple(sorted(f.details.items()))) for f in employment.findings)

    def hit(code, plan, mid, file, text, entry, status, target_year, target, direction, actual=None,
            actual_year=None, projected=None):
        details = {"status": status, "as_of": "2009/10", "target_year": target_year, "target": target,
                   "direction": direction, "actual": actual, "actual_year": actual_year,
                   "projected": projected}
        return (code, plan, (mid,), file, _line(text, entry, f"      - id: {mid}"),
                tuple(sorted(details.items())))

    assert got == sorted([
        hit("PC603", "L2011", "L2011-ER0.1", "l2011.yaml", L2011_PLAN, "          - {year: 2008/09, value: 12.0}",
            "no-actual", "2008/09", 12.0, "decrease"),
        hit("PC602", "L2011", "L2011-ER1.1", "l2011.yaml", L2011_PLAN, "          - {year: 2011, value: 74.0}",
            "off-track", "2011", 74.0, "increase", projected=66.0),
        hit("PC602", "LAA", "LAA-E1.1", "laa.yaml", LAA_PLAN, "          - {year: 2012/13, value: 75.0}",
            "off-track", "2012/13", 75.0, "increase", projected=70.0),
        hit("PC601", "LAA", "LAA-E1.2", "laa.yaml", LAA_PLAN, "          - {year: 2008/09, value: 65.0}",
            "missed", "2008/09", 65.0, "increase", actual=62.0, actual_year="2008/09"),
        hit("PC605", "LAA", "LAA-E1.2", "laa.yaml", LAA_PLAN, "          - {year: 2009/10, value: 63.2}",
            "near-miss", "2009/10", 63.2, "increase", actual=63.0, actual_year="2009/10"),
        hit("PC602", "LAA", "LAA-E1.2", "laa.yaml", LAA_PLAN, "          - {year: 2011/12, value: 70.0}",
            "off-track", "2011/12", 70.0, "increase", projected=66.1667),  # to four places
        hit("PC602", "SCS", "SCS-W1.1", "scs.yaml", SCS_PLAN, "          - {year: 2011, value: 72.0}",
            "off-track", "2011", 72.0, "increase", projected=66.0),
    ])
    assert all(f.message.strip() for f in employment.findings)


def test_the_progress_table_lists_each_measure_with_figures_once_per_target(employment):
    table = employment.summaries["progress"]
    assert table.as_of == "2009/10" and "2009/10" in table.title and table.note.strip()
    assert len(table.columns) == 8
    # NI 152 has no figures: not listed. An indicator's measures are listed together where
    # the first of them comes (L2011's, then the LAA's and the strategy's); a baseline with
    # a year shows it, one without shows the figure alone, a text baseline its text; the
    # actuals are the ones each measure was judged on (its own or its indicator's).
    ni151 = f"NI 151 {NI151}"
    ni163 = f"NI 163 {NI163}"
    assert [r[:7] for r in table.rows] == [
        [ni151, "L2011", "L2011-ER1.1", "61", "2008/09: 62; 2009/10: 64", "74 by 2011", "off track"],
        [ni151, "LAA", "LAA-E1.1", "60 (2007/08)", "2008/09: 62; 2009/10: 64", "63 by 2009/10", "met"],
        [ni151, "LAA", "LAA-E1.1", "60 (2007/08)", "2008/09: 62; 2009/10: 64", "75 by 2012/13", "off track"],
        [ni151, "SCS", "SCS-W1.1", "not yet known", "2008/09: 62; 2009/10: 64", "72 by 2011", "off track"],
        [ni163, "LAA", "LAA-E1.2", "", "2007/08: 60; 2008/09: 62; 2009/10: 63", "65 by 2008/09", "missed"],
        [ni163, "LAA", "LAA-E1.2", "", "2007/08: 60; 2008/09: 62; 2009/10: 63", "63.2 by 2009/10",
         "missed, within tolerance"],
        [ni163, "LAA", "LAA-E1.2", "", "2007/08: 60; 2008/09: 62; 2009/10: 63", "70 by 2011/12", "off track"],
    ]
    assert all(len(r) == 8 and isinstance(r[7], str) and r[7].strip() for r in table.rows)


def _without_notes(chart):
    out = dict(chart)
    assert all(isinstance(t["note"], str) and t["note"].strip() for t in chart["targets"])
    out["targets"] = [{k: v for k, v in t.items() if k != "note"} for t in chart["targets"]]
    out["trends"] = [{k: (pytest.approx(v) if k in ("y0", "y1") else v) for k, v in t.items()}
                     for t in chart["trends"]]
    return out


def test_each_indicator_has_one_chart_with_the_figures_it_was_judged_on(employment):
    charts = employment.summaries["progress"].charts
    assert [c["label"].lower() for c in charts] == [
        "ni 151 overall employment rate",  # the indicator's title in the national catalogue
        f"ni 163 {NI163.lower()}"]         # a measure alone: its own label
    assert charts[1]["label"] == f"NI 163 {NI163}"
    ni151, ni163 = (_without_notes(c) for c in charts)
    assert ni151 == {
        "label": charts[0]["label"], "unit": "percent", "as_of": "2009/10",
        "baselines": [{"plan": "LAA", "measure": "LAA-E1.1", "year": "2007/08", "x": 2008, "value": 60.0}],
        # each figure once, with its source (Luton 2011 comes first, holding the LAA's figures)
        "actuals": [{"year": "2008/09", "x": 2009, "value": 62.0, "source": "Annual Population Survey"},
                    {"year": "2009/10", "x": 2010, "value": 64.0, "source": ""}],
        "measures": {
            "L2011-ER1.1": {"plan": "L2011", "actuals": {"2008/09": 62.0, "2009/10": 64.0},
                            "baseline": 61.0, "baseline_year": ""},
            "LAA-E1.1": {"plan": "LAA", "actuals": {"2008/09": 62.0, "2009/10": 64.0},
                         "baseline": 60.0, "baseline_year": "2007/08"},
            "SCS-W1.1": {"plan": "SCS", "actuals": {"2008/09": 62.0, "2009/10": 64.0},
                         "baseline": "not yet known", "baseline_year": ""}},
        "targets": [
            {"plan": "L2011", "measure": "L2011-ER1.1", "year": "2011", "x": 2011, "value": 74.0,
             "status": "off-track", "word": "off track"},
            {"plan": "LAA", "measure": "LAA-E1.1", "year": "2009/10", "x": 2010, "value": 63.0,
             "status": "met", "word": "met"},
            {"plan": "LAA", "measure": "LAA-E1.1", "year": "2012/13", "x": 2013, "value": 75.0,
             "status": "off-track", "word": "off track"},
            {"plan": "SCS", "measure": "SCS-W1.1", "year": "2011", "x": 2011, "value": 72.0,
             "status": "off-track", "word": "off track"}],
        # from the first figure to the later of the target year and the last figure; Luton
        # 2011 and the strategy are judged on the same figures: one line for both
        "trends": [{"plan": "L2011", "measure": "L2011-ER1.1", "x0": 2009, "y0": 62.0, "x1": 2011, "y1": 66.0},
                   {"plan": "LAA", "measure": "LAA-E1.1", "x0": 2008, "y0": 60.0, "x1": 2013, "y1": 70.0}],
    }
    assert ni163 == {
        "label": f"NI 163 {NI163}", "unit": "percent", "as_of": "2009/10", "baselines": [],
        "actuals": [{"year": "2007/08", "x": 2008, "value": 60.0, "source": ""},
                    {"year": "2008/09", "x": 2009, "value": 62.0, "source": "Annual Population Survey"},
                    {"year": "2009/10", "x": 2010, "value": 63.0, "source": ""}],
        "measures": {"LAA-E1.2": {"plan": "LAA", "actuals": {"2007/08": 60.0, "2008/09": 62.0, "2009/10": 63.0},
                                  "baseline": "", "baseline_year": ""}},
        "targets": [
            {"plan": "LAA", "measure": "LAA-E1.2", "year": "2008/09", "x": 2009, "value": 65.0,
             "status": "missed", "word": "missed"},
            {"plan": "LAA", "measure": "LAA-E1.2", "year": "2009/10", "x": 2010, "value": 63.2,
             "status": "near-miss", "word": "missed, within tolerance"},
            {"plan": "LAA", "measure": "LAA-E1.2", "year": "2011/12", "x": 2012, "value": 70.0,
             "status": "off-track", "word": "off track"}],
        "trends": [{"plan": "LAA", "measure": "LAA-E1.2", "x0": 2008, "y0": 60.16666666666667, "x1": 2012,
                    "y1": 66.16666666666667}],
    }


def _one_measure(mid, target, actuals, baseline=None, direction="increase", title=NI151, unit="percent",
                 indicator="NI 151"):
    """A measure in YAML: ``target`` and each actual are (year, value); text values are quoted."""
    out = [f"      - id: {mid}", f"        indicator: {indicator}", f"        title: {title}",
           f"        unit: {unit}"]
    if direction:
        out.append(f"        direction: {direction}")
    if baseline is not None:
        year = f", year: {baseline[1]}" if baseline[1] else ""
        out.append(f"        baseline: {{value: {baseline[0]}{year}}}")
    out += ["        targets:", f"          - {{year: {target[0]}, value: {target[1]}}}"]
    if actuals:
        out.append("        actuals:")
        out += [f"          - {{year: {y}, value: {v}}}" for y, v in actuals]
    return "\n".join(out) + "\n"


def _progress(tmp_path, files, settings=None, **kwargs):
    return check_paths([write_framework(tmp_path / "fw", files)], settings, select=["PC6"], **kwargs)


def _statuses(result):
    return sorted((r[2], r[5], r[6]) for r in result.summaries["progress"].rows)


@pytest.mark.parametrize("absolute, relative, actual, status", [
    # The conflict checks' tolerance (indicators.tolerance_absolute / _relative): short of
    # 50 by 0.5 is within an absolute 0.5 (a near miss, PC605), by 0.6 it is not (PC601).
    (0.5, 0, 49.5, "near-miss"),
    (0.5, 0, 49.4, "missed"),
    # Relative to the larger figure: 1 short of 100 is within 1% of 100 (not of 99).
    (0, 0.01, 99.0, "near-miss"),
    (0, 0.01, 98.9, "missed"),
    # No tolerance at all: only the target itself.
    (0, 0, 49.99, "missed"),
])
def test_a_near_miss_is_within_the_conflict_checks_tolerance(tmp_path, absolute, relative, actual, status):
    target = 100 if relative else 50
    files = {"laa.yaml": _plan("LAA", "local-area-agreement", [
        _one_measure("LAA-E1.1", ("2009/10", target), [("2008/09", 40.0), ("2009/10", actual)])])}
    result = _progress(tmp_path, files, {"indicators": {"tolerance_absolute": absolute,
                                                        "tolerance_relative": relative}})
    assert [(f.code, f.details["status"]) for f in result.findings] == [
        ({"near-miss": "PC605", "missed": "PC601"}[status], status)]


@pytest.mark.parametrize("direction, target, actual, status", [
    # Negative figures (a net change): the tolerance is 1% of the larger in size, 101.005.
    ("increase", -100.0, -101.005, "near-miss"),
    ("decrease", -101.005, -100.0, "near-miss"),
    ("increase", -100.0, -101.02, "missed"),
])
def test_the_tolerance_of_negative_figures_is_a_share_of_the_larger_in_size(tmp_path, direction, target, actual,
                                                                           status):
    files = {"cp.yaml": _plan("CP", "community-plan", [
        _one_measure("CP-E1.1", ("2009/10", target), [("2009/10", actual)], direction=direction,
                     title="Net change in the number of working age residents", unit="number", indicator="L 4")])}
    result = _progress(tmp_path, files, {"indicators": {"tolerance_absolute": 0, "tolerance_relative": 0.01}})
    assert [f.details["status"] for f in result.findings] == [status]


def test_a_baseline_counts_up_to_the_as_of_year_and_no_figure_after_it(tmp_path):
    # As of 2008/09: the 2007/08 actual (58, point 2008) and the baseline of 2008/09 (60,
    # point 2009, the as-of year itself) make a line rising by 2 a year: 66 in 2012, short
    # of 70; the 2009/10 actual (75) is after the as-of year and not used. The strategy's
    # baseline of 2009/10 (65) is after it too: its line is 58, 59 (2008, 2009), 62 in 2012.
    files = {
        "laa.yaml": _plan("LAA", "local-area-agreement", [
            _one_measure("LAA-E1.1", ("2011/12", 70), [("2007/08", 58.0), ("2009/10", 75.0)],
                         baseline=(60.0, "2008/09"))]),
        "scs.yaml": _plan("SCS", "community-plan", [
            _one_measure("SCS-E1.1", ("2011/12", 70), [("2007/08", 58.0), ("2008/09", 59.0)],
                         baseline=(65.0, "2009/10"), indicator="NI 163", title=NI163)]),
    }
    result = _progress(tmp_path, files, {"progress": {"as_of": "2008/09"}})
    assert result.summaries["progress"].as_of == "2008/09"
    assert sorted((f.code, f.objects, f.details["projected"]) for f in result.findings) == [
        ("PC602", ("LAA-E1.1",), 66.0), ("PC602", ("SCS-E1.1",), 62.0)]
    trends = [(t["measure"], t["x0"], t["y0"], t["x1"], t["y1"]) for c in result.summaries["progress"].charts
              for t in c["trends"]]
    assert trends == [("LAA-E1.1", 2008, pytest.approx(58.0), 2012, pytest.approx(66.0)),
                      ("SCS-E1.1", 2008, pytest.approx(58.0), 2012, pytest.approx(62.0))]
    acts = {r[2]: r[4] for r in result.summaries["progress"].rows}
    assert acts == {"LAA-E1.1": "2007/08: 58", "SCS-E1.1": "2007/08: 58; 2008/09: 59"}


def test_an_empty_as_of_setting_means_the_latest_year_with_an_actual(tmp_path):
    files = {"laa.yaml": _plan("LAA", "local-area-agreement", [
        _one_measure("LAA-E1.1", ("2011/12", 70), [("2007/08", 58.0), ("2009/10", 75.0)])])}
    result = _progress(tmp_path, files, {"progress": {"as_of": ""}})
    assert result.summaries["progress"].as_of == "2009/10"


def test_a_measure_borrows_only_figures_it_can_be_compared_with(tmp_path):
    # NI 151 in five plans. The community plan counts people (a number: its figures are not
    # a percentage), the cabinet plan counts a change; the LAA and the strategy record the
    # rate, agreeing for 2008/09 (62) but not for 2009/10 (64 against 66): Luton 2011 takes
    # the 2008/09 figure only. NI 163 is in two plans: Luton 2011 takes all three of the
    # LAA's figures (as of 2009/10, the latest).
    files = {
        "cab.yaml": _plan("CAB", "corporate-plan", [
            _one_measure("CAB-E1.1", ("2011/12", 2.0), [("2008/09", 1.5)],
                         title="Change in the overall employment rate (working age)")]),
        "cp.yaml": _plan("CP", "community-plan", [
            _one_measure("CP-E1.1", ("2011/12", 60000), [("2008/09", 52000)], unit="number",
                         title="Number of working age residents in employment")]),
        "l2011.yaml": _plan("L2011", "corporate-plan", [
            _one_measure("L2011-ER1.1", ("2011", 74), [], baseline=(61.0, "2007/08")),
            _one_measure("L2011-ER2.1", ("2011", 75), [], indicator="NI 163", title=NI163)]),
        "laa.yaml": _plan("LAA", "local-area-agreement", [
            _one_measure("LAA-E1.1", ("2010/11", 70), [("2008/09", 62.0), ("2009/10", 64.0)]),
            _one_measure("LAA-E1.2", ("2011/12", 70), [("2007/08", 60.0), ("2008/09", 62.0), ("2009/10", 63.0)],
                         indicator="NI 163", title=NI163)]),
        "scs.yaml": _plan("SCS", "community-plan", [
            _one_measure("SCS-E1.1", ("2011", 72), [("2008/09", 62.0), ("2009/10", 66.0)])]),
    }
    result = _progress(tmp_path, files)
    acts = {}
    for r in result.summaries["progress"].rows:
        acts.setdefault(r[2], r[4])
    assert acts == {"CAB-E1.1": "2008/09: 1.5", "CP-E1.1": "2008/09: 52,000",
                    "L2011-ER1.1": "2008/09: 62", "LAA-E1.1": "2008/09: 62; 2009/10: 64",
                    "SCS-E1.1": "2008/09: 62; 2009/10: 66",
                    "L2011-ER2.1": "2007/08: 60; 2008/09: 62; 2009/10: 63",
                    "LAA-E1.2": "2007/08: 60; 2008/09: 62; 2009/10: 63"}
    judged = {mid: m["actuals"] for c in result.summaries["progress"].charts for mid, m in c["measures"].items()}
    assert judged["L2011-ER1.1"] == {"2008/09": 62.0}
    assert judged["L2011-ER2.1"] == {"2007/08": 60.0, "2008/09": 62.0, "2009/10": 63.0}
    # Luton 2011's NI 151 line: baseline 61 (2008), 62 (2009): 64 in 2011, short of 74.
    l2011 = next(f for f in result.findings if f.objects == ("L2011-ER1.1",))
    assert (l2011.code, l2011.details["projected"]) == ("PC602", 64.0)


def test_an_earlier_as_of_year_leaves_out_later_borrowed_figures(tmp_path):
    files = {
        "l2011.yaml": _plan("L2011", "corporate-plan", [
            _one_measure("L2011-ER2.1", ("2011", 75), [], indicator="NI 163", title=NI163)]),
        "laa.yaml": _plan("LAA", "local-area-agreement", [
            _one_measure("LAA-E1.2", ("2011/12", 70), [("2007/08", 60.0), ("2008/09", 62.0), ("2009/10", 63.0)],
                         indicator="NI 163", title=NI163)]),
    }
    result = _progress(tmp_path, files, {"progress": {"as_of": "2008/09"}})
    assert {r[2]: r[4] for r in result.summaries["progress"].rows} == {
        "L2011-ER2.1": "2007/08: 60; 2008/09: 62", "LAA-E1.2": "2007/08: 60; 2008/09: 62"}
    # two measures of one indicator: one chart, named by the national catalogue's title of NI 163
    assert [c["label"].lower() for c in result.summaries["progress"].charts] == [
        "ni 163 working age population qualified to at least level 2"]


def test_only_an_actual_written_for_the_baselines_own_year_can_contradict_it(tmp_path):
    # Contract: both must claim to be the figure for the same year, written the same way.
    files = {"laa.yaml": _plan("LAA", "local-area-agreement", [
        _one_measure("LAA-E1.1", ("2010/11", 70), [("2007/08", 66.9)], baseline=(67.8, "2007/08")),
        _one_measure("LAA-E1.2", ("2010/11", 70), [("2008", 66.9)], baseline=(67.8, "2007/08"),
                     indicator="NI 163", title=NI163),        # the same point, written otherwise
        _one_measure("LAA-E1.3", ("2010/11", 70), [("2008/09", 66.9)], baseline=(67.8, "2007/08"),
                     indicator="NI 152", title="Working age people on out of work benefits"),
        _one_measure("LAA-E1.4", ("2010/11", 70), [("2007/08", 66.9)], baseline=(67.8, None),
                     indicator="NI 153", title="Working age people claiming out of work benefits"),
        _one_measure("LAA-E1.5", ("2010/11", 70), [("2007/08", 66.9)], baseline=("'about 68'", "2007/08"),
                     indicator="NI 146", title="Adults with learning disabilities in employment"),
    ])}
    result = check_paths([write_framework(tmp_path / "fw", files)], select=["PC604"])
    assert [(f.code, f.objects) for f in result.findings] == [("PC604", ("LAA-E1.1",))]
    # the message names the year and both figures (facts, not wording)
    (f,) = result.findings
    assert all(fact in f.message for fact in (NI151, "2007/08", "67.8", "66.9"))


def test_a_measure_with_no_numeric_target_beside_a_judged_one(tmp_path):
    # NI 151 in two plans; Luton 2011's target is text ("improve"): nothing of it is judged,
    # the LAA's target is missed.
    files = {
        "l2011.yaml": _plan("L2011", "corporate-plan", [
            _one_measure("L2011-ER1.1", ("2009/10", "improve"), [])]),
        "laa.yaml": _plan("LAA", "local-area-agreement", [
            _one_measure("LAA-E1.1", ("2009/10", 70), [("2008/09", 62.0), ("2009/10", 64.0)])]),
    }
    result = _progress(tmp_path, files)
    assert [(f.code, f.objects) for f in result.findings] == [("PC601", ("LAA-E1.1",))]


def test_an_indicator_with_more_targets_than_a_message_lists(tmp_path):
    # Nine yearly targets in the LAA and one in Luton 2011, all ahead of 2009/10 and above
    # a flat line at 64: ten PC602s (the message lists eight targets, the table all ten).
    laa = _one_measure("LAA-E1.1", ("2010/11", 70), [("2008/09", 64.0), ("2009/10", 64.0)])
    laa += "".join(f"          - {{year: {y}/{(y + 1) % 100:02d}, value: {70 + y - 2010}}}\n"
                   for y in range(2011, 2019))
    laa = laa.replace("        actuals:\n          - {year: 2008/09, value: 64.0}\n"
                      "          - {year: 2009/10, value: 64.0}\n", "") \
        + "        actuals:\n          - {year: 2008/09, value: 64.0}\n          - {year: 2009/10, value: 64.0}\n"
    files = {
        "l2011.yaml": _plan("L2011", "corporate-plan", [_one_measure("L2011-ER1.1", ("2011", 74), [])]),
        "laa.yaml": _plan("LAA", "local-area-agreement", [laa]),
    }
    result = _progress(tmp_path, files)
    assert sorted((f.code, f.objects, f.details["target_year"]) for f in result.findings) == sorted(
        [("PC602", ("L2011-ER1.1",), "2011")]
        + [("PC602", ("LAA-E1.1",), f"{y}/{(y + 1) % 100:02d}") for y in range(2010, 2019)])
    assert len(result.summaries["progress"].rows) == 10
    # the same figure in two years is two points of the chart
    (chart,) = result.summaries["progress"].charts
    assert [(a["year"], a["value"]) for a in chart["actuals"]] == [("2008/09", 64.0), ("2009/10", 64.0)]


def test_a_measure_with_no_indicator_code_is_labelled_by_its_title(tmp_path):
    cp = _one_measure("CP-S1.1", ("2010/11", 2000), [("2009/10", 2300)], direction="decrease",
                      title="Number of domestic burglaries", unit="number", indicator="x")
    cp = cp.replace("        indicator: x\n", "").replace("        unit: number\n", "")
    result = _progress(tmp_path, {"cp.yaml": _plan("CP", "community-plan", [cp])})
    table = result.summaries["progress"]
    assert [r[:3] for r in table.rows] == [["Number of domestic burglaries", "CP", "CP-S1.1"]]
    assert [(c["label"], c["unit"]) for c in table.charts] == [("Number of domestic burglaries", "")]


def test_lines_through_different_figures_are_drawn_apart_however_close(tmp_path):
    # NI 151 in three plans, each with its own figures for 2007/08 (point 2008) and 2009/10
    # (2010), each target 75 for 2012/13: the LAA's line runs from 60 to 70 in 2013, Luton
    # 2011's from 60.4 to 70 (1.92 a year), the community plan's from 60 to 69.6: three
    # lines, one per measure, though they start or end within half a point of each other.
    def measure(mid, base, actual):
        return _one_measure(mid, ("2012/13", 75), [("2009/10", actual)], baseline=(base, "2007/08"))

    files = {"cp.yaml": _plan("CP", "community-plan", [measure("CP-E1.1", 60.0, 63.84)]),
             "l2011.yaml": _plan("L2011", "corporate-plan", [measure("L2011-ER1.1", 60.4, 64.24)]),
             "laa.yaml": _plan("LAA", "local-area-agreement", [measure("LAA-E1.1", 60.0, 64.0)])}
    result = _progress(tmp_path, files)
    (chart,) = result.summaries["progress"].charts
    assert [(t["measure"], t["x0"], t["y0"], t["x1"], t["y1"]) for t in chart["trends"]] == [
        ("CP-E1.1", 2008, pytest.approx(60.0), 2013, pytest.approx(69.6)),
        ("L2011-ER1.1", 2008, pytest.approx(60.4), 2013, pytest.approx(70.0)),
        ("LAA-E1.1", 2008, pytest.approx(60.0), 2013, pytest.approx(70.0))]


def test_each_message_names_the_measure_and_the_figures_it_was_judged_on(employment):
    # Facts, not wording: the indicator and title, the target and its year, and the figure
    # it was judged on (the actual of a due target, the projection of one ahead), or the
    # year judged as of where no actual is compared.
    titles = {"NI 151": NI151, "NI 152": "Working age people on out of work benefits", "NI 163": NI163}
    figures = {("L2011-ER0.1", "2008/09"): [], ("L2011-ER1.1", "2011"): ["74", "66"],
               ("LAA-E1.1", "2012/13"): ["75", "70"], ("LAA-E1.2", "2008/09"): ["65", "62"],
               ("LAA-E1.2", "2009/10"): ["63.2", "63"], ("LAA-E1.2", "2011/12"): ["70", "66.17"],
               ("SCS-W1.1", "2011"): ["72", "66"]}
    indicator = {"L2011-ER0.1": "NI 152", "L2011-ER1.1": "NI 151", "LAA-E1.1": "NI 151",
                 "LAA-E1.2": "NI 163", "SCS-W1.1": "NI 151"}
    seen = set()
    for f in employment.findings:
        mid, year = f.objects[0], f.details["target_year"]
        seen.add((mid, year))
        code = indicator[mid]
        assert code in f.message and titles[code] in f.message and year in f.message
        for figure in figures[(mid, year)]:
            assert re.search(rf"(?<![\d.]){re.escape(figure)}(?![\d]|\.\d)", f.message), (mid, figure)
        if f.code in ("PC602", "PC603"):
            assert "2009/10" in f.message.replace("2009/10: ", "")  # the year judged as of
    assert seen == set(figures)
