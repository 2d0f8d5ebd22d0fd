"""Actuals (contract v2, section 6) and progress against targets (sections 8 and 9, PC6xx).

Figures in the small frameworks here are the contract's own example (NI 151: baseline 67.8%
in 2007/08, 68.9% in 2008/09, 67.1% in 2009/10; LAA 70% by 2010/11, Luton 2011 74% by 2011),
or plainly made-up round numbers for the rules; real published figures are in
test_outturns.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

import plancheck
from plancheck.cli import cli
from plancheck.convert import model_key
from plancheck.load import load_framework

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"


def plan_file(pid, kind, measures, objective="E1"):
    return yaml.safe_dump({
        "plan": {"id": pid, "title": f"Plan {pid}", "kind": kind, "period": {"start": "2008/09", "end": "2010/11"}},
        "objectives": [{"id": f"{pid}-{objective}", "title": "More residents in work", "local": True,
                        "measures": measures}],
    }, sort_keys=False)


def employment(mid, target_year, target, actuals=None, baseline=(67.8, "2007/08"), indicator="NI 151"):
    m = {"id": mid, "indicator": indicator, "title": "Overall employment rate (working age)",
         "unit": "percent", "direction": "increase",
         "baseline": {"value": baseline[0], "year": baseline[1]},
         "targets": [{"year": target_year, "value": target}]}
    if actuals is not None:
        m["actuals"] = actuals
    return m


CONTRACT_ACTUALS = [{"year": "2008/09", "value": 68.9}, {"year": "2009/10", "value": 67.1,
                                                         "source": "Annual Population Survey"}]


def framework(tmp_path, files: dict[str, str]) -> Path:
    folder = tmp_path / "fw"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def two_plans(tmp_path, laa_actuals=CONTRACT_ACTUALS, l2011_actuals=None, extra=None):
    files = {
        "laa.yaml": plan_file("LAA", "local-area-agreement", [employment("LAA-E1.1", "2010/11", 70.0, laa_actuals)]),
        "l2011.yaml": plan_file("L2011", "corporate-plan", [employment("L2011-ER1.1", "2011", 74.0, l2011_actuals)],
                                objective="ER1"),
    }
    files.update(extra or {})
    return framework(tmp_path, files)


def progress_findings(result):
    return sorted((f.code, f.objects, f.source.line if f.source else None) for f in result.findings
                  if f.category == "progress")


def codes_at(result, prefix="PC0"):
    return sorted((f.code, f.source.file.rsplit("/", 1)[-1], f.source.line or f.source.cell)
                  for f in result.findings if f.code.startswith(prefix))


# ----------------------------------------------------------------------------- reading
def test_yaml_actuals_are_read_with_their_source(tmp_path):
    fw = load_framework([str(two_plans(tmp_path))]).framework
    laa = next(m for m in fw.measures() if m.id == "LAA-E1.1")
    assert [(a.year.label, a.value.number, a.cite, a.indicator) for a in laa.actuals] == [
        ("2008/09", 68.9, None, None), ("2009/10", 67.1, "Annual Population Survey", None)]
    assert laa.actuals[1].source.line is not None


def test_indicator_keyed_actuals_apply_to_every_measure_of_the_code(tmp_path):
    csv = "measure,indicator,year,value,source\n,NI151,2008/09,68.9,APS\n,ni-151,2009/10,67.1,APS\n"
    folder = two_plans(tmp_path, laa_actuals=None, extra={"actuals.csv": csv})
    result = plancheck.check([str(folder)])
    assert codes_at(result) == []
    for m in result.run.framework.measures():
        assert [(a.year.label, a.value.number, a.indicator) for a in m.actuals] == [
            ("2008/09", 68.9, "NI 151"), ("2009/10", 67.1, "NI 151")]


def test_indicator_actual_skips_measures_in_another_unit(tmp_path):
    counted = employment("L2011-ER1.1", "2011", 120000, baseline=(110000, "2007/08"))
    counted["unit"] = "number"
    csv = "measure,indicator,year,value\n,NI 151,2009/10,67.1\n"
    files = {"laa.yaml": plan_file("LAA", "local-area-agreement", [employment("LAA-E1.1", "2010/11", 70.0)]),
             "x.yaml": plan_file("X", "other", [counted], objective="ER1"),
             "laa2.yaml": plan_file("LAA2", "other", [employment("LAA2-E1.1", "2010/11", 70.0)], objective="Q1"),
             "actuals.csv": csv}
    fw = load_framework([str(framework(tmp_path, files))]).framework
    got = {m.id: [a.value.number for a in m.actuals] for m in fw.measures()}
    assert got == {"LAA-E1.1": [67.1], "LAA2-E1.1": [67.1], "L2011-ER1.1": []}


def test_bad_actuals_are_located_findings(tmp_path):
    bad = [{"year": "2008/09", "value": 68.9},
           {"year": "2009/13", "value": 66.0},           # not a year
           {"year": "2009/10", "value": "about 67"},     # not a plain number
           {"year": "2009/10", "value": "140%"},         # a percentage over 100
           {"year": "2010/11", "value": 67.5},
           {"year": "2010/11", "value": 69.0},           # a second, different figure for 2010/11
           {"value": 70}]                                # no year
    csv = ("measure,indicator,year,value,source\n"
           ",NI 151,2008/09,69.5,APS\n"                  # disagrees with the measure's own 68.9
           ",NI 999,2008/09,1,x\n"                       # no measure has this code
           "LAA-E9.1,,2008/09,1,\n"                      # no such measure
           "LAA-E1.1,NI 151,2008/09,1,\n")               # both keys
    folder = framework(tmp_path, {"laa.yaml": plan_file("LAA", "local-area-agreement",
                                                        [employment("LAA-E1.1", "2010/11", 70.0, bad)]),
                                  "actuals.csv": csv})
    result = plancheck.check([str(folder)])
    text = (folder / "laa.yaml").read_text().splitlines()
    start = text.index("    actuals:")

    def line(needle):  # the line of the actual's first key (where its mapping starts)
        return next(i for i, t in enumerate(text, 1) if i > start and needle in t and t.lstrip().startswith("-"))

    assert codes_at(result) == sorted([
        ("PC005", "laa.yaml", line("year: 2009/13")),
        ("PC006", "laa.yaml", line("year: 2009/10") + 1),        # the value's own line
        ("PC006", "laa.yaml", line("year: 2009/10") + 3),
        ("PC013", "laa.yaml", line("year: 2010/11") + 2),
        ("PC003", "laa.yaml", line("value: 70")),
        ("PC013", "actuals.csv", 2),
        ("PC010", "actuals.csv", 3),
        ("PC010", "actuals.csv", 4),
        ("PC003", "actuals.csv", 5),
    ])
    conflict = next(f for f in result.findings if f.code == "PC013" and f.source.file.endswith("actuals.csv"))
    assert conflict.objects == ("LAA-E1.1",) and conflict.plan == "LAA"
    # neither of two disagreeing figures is used: nothing is left for 2008/09 or 2010/11
    m = next(result.run.framework.measures())
    assert [a.year.label for a in m.actuals] == []


def test_workbook_and_csv_actuals_give_the_same_findings(tmp_path):
    rows = [["measure", "indicator", "year", "value", "source"],
            ["LAA-E1.1", None, "2008/09", 68.9, None],
            ["LAA-E1.1", None, "2009/10", "n/a", None],
            [None, "NI 151", "2009/10", 67.1, "APS"],
            ["NOPE", None, "2009/10", 1, None]]
    folder = framework(tmp_path, {"laa.yaml": plan_file("LAA", "local-area-agreement",
                                                        [employment("LAA-E1.1", "2010/11", 70.0)])})
    book = tmp_path / "book.xlsx"
    assert plancheck.check([str(folder)]).exit_code == 0
    from plancheck.convert import to_xlsx
    book.write_bytes(to_xlsx(load_framework([str(folder)]).framework))
    wb = openpyxl.load_workbook(book)
    ws = wb.create_sheet("actuals")
    for r in rows:
        ws.append(r)
    wb.save(book)
    csv_dir = tmp_path / "csv"
    CliRunner().invoke(cli, ["convert", str(book), "--to", "csv", "--output", str(csv_dir)])
    (csv_dir / "actuals.csv").write_text("\n".join(",".join("" if v is None else str(v) for v in r) for r in rows),
                                         encoding="utf-8")
    from_book = plancheck.check([str(book)])
    from_csv = plancheck.check([str(csv_dir)])
    assert [(f.code, f.source.sheet, f.source.cell) for f in from_book.findings if f.code.startswith("PC0")] == [
        ("PC006", "actuals", "D3"), ("PC010", "actuals", "A5")]
    assert [(f.code, f.source.line) for f in from_csv.findings if f.code.startswith("PC0")] == [
        ("PC006", 3), ("PC010", 5)]
    for result in (from_book, from_csv):
        m = next(result.run.framework.measures())
        assert [(a.year.label, a.value.number) for a in m.actuals] == [("2008/09", 68.9), ("2009/10", 67.1)]


def test_convert_round_trip_keeps_actuals_in_every_form(tmp_path):
    csv = "measure,indicator,year,value,source\n,NI 151,2010/11,69.0,\"=HYPERLINK(\"\"x\"\")\"\n"
    folder = two_plans(tmp_path, extra={"actuals.csv": csv})
    original = model_key(load_framework([str(folder)]).framework)
    runner = CliRunner()
    book, csv_dir, yaml_dir = tmp_path / "o.xlsx", tmp_path / "o-csv", tmp_path / "o-yaml"
    assert runner.invoke(cli, ["convert", str(folder), "--to", "xlsx", "--output", str(book)]).exit_code == 0
    assert runner.invoke(cli, ["convert", str(book), "--to", "csv", "--output", str(csv_dir)]).exit_code == 0
    assert runner.invoke(cli, ["convert", str(csv_dir), "--to", "yaml", "--output", str(yaml_dir)]).exit_code == 0
    for path in (book, csv_dir, yaml_dir):
        assert model_key(load_framework([str(path)]).framework) == original, path
    assert sorted(p.name for p in yaml_dir.iterdir()) == ["actuals.csv", "l2011.yaml", "laa.yaml"]
    assert "actuals:" in (yaml_dir / "laa.yaml").read_text()
    cell = openpyxl.load_workbook(book)["actuals"]["E4"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"   # text, never a formula


def test_template_has_an_actuals_sheet(tmp_path):
    out = tmp_path / "t.xlsx"
    assert CliRunner().invoke(cli, ["template", "--output", str(out)]).exit_code == 0
    ws = openpyxl.load_workbook(out)["actuals"]
    assert [c.value for c in ws[1]] == ["measure", "indicator", "year", "value", "source"]


# ----------------------------------------------------------------------------- judging
def test_one_actual_against_every_plan_side_by_side(tmp_path):
    # As of 2009/10 both targets are ahead; the line through 67.8, 68.9 and 67.1 falls.
    result = plancheck.check([str(two_plans(tmp_path))])
    got = progress_findings(result)
    assert [(c, o) for c, o, _ in got] == [("PC602", ("L2011-ER1.1",)), ("PC602", ("LAA-E1.1",))]
    laa = next(f for f in result.findings if f.objects == ("LAA-E1.1",) and f.code == "PC602")
    assert "2009/10: 67.1%" in laa.message
    assert "LAA 70% by 2010/11: off track" in laa.message
    assert "L2011 74% by 2011: off track" in laa.message
    text = (tmp_path / "fw" / "laa.yaml").read_text().splitlines()
    assert laa.source.line == text.index("    targets:") + 2       # the target's own entry
    assert text[laa.source.line - 1].strip() == "- year: 2010/11"
    # the Luton 2011 measure has no actuals of its own: it is judged on the LAA's
    assert laa.details["as_of"] == "2009/10" and laa.details["status"] == "off-track"


def test_as_of_a_later_year_reports_targets_with_no_actual(tmp_path):
    result = plancheck.check([str(two_plans(tmp_path))], as_of="2011")
    assert [(c, o) for c, o, _ in progress_findings(result)] == [
        ("PC603", ("L2011-ER1.1",)), ("PC603", ("LAA-E1.1",))]


def test_as_of_an_earlier_year_uses_only_figures_up_to_it(tmp_path):
    # As of 2008/09: baseline 67.8 and 68.9 rise by 1.1 a year: 70 by 2010/11 is on track,
    # 74 by 2011 is not.
    result = plancheck.check([str(two_plans(tmp_path))], as_of="2008/09")
    assert [(c, o) for c, o, _ in progress_findings(result)] == [("PC602", ("L2011-ER1.1",))]
    table = result.summaries["progress"]
    status = {(r[2], r[5]): r[6] for r in table.rows}
    assert status == {("LAA-E1.1", "70 by 2010/11"): "on track", ("L2011-ER1.1", "74 by 2011"): "off track"}


def test_financial_and_calendar_year_are_the_same_point(tmp_path):
    # Luton 2011's target for 2011 is judged against the actual for 2010/11.
    acts = CONTRACT_ACTUALS + [{"year": "2010/11", "value": 71.0}]
    result = plancheck.check([str(two_plans(tmp_path, laa_actuals=acts))])
    assert [(c, o) for c, o, _ in progress_findings(result)] == [("PC601", ("L2011-ER1.1",))]
    missed = next(f for f in result.findings if f.code == "PC601")
    assert missed.details["actual_year"] == "2010/11" and missed.details["actual"] == 71.0


def direction_case(tmp_path, direction, baseline, target, actual):
    m = {"id": "CP-S1.1", "title": "Number of domestic burglaries", "unit": "number",
         "targets": [{"year": "2010/11", "value": target}], "actuals": [{"year": "2010/11", "value": actual}]}
    if direction:
        m["direction"] = direction
    if baseline is not None:
        m["baseline"] = {"value": baseline, "year": "2007/08"}
    folder = framework(tmp_path, {"cp.yaml": plan_file("CP", "community-plan", [m], objective="S1")})
    return plancheck.check([str(folder)])


@pytest.mark.parametrize("direction, baseline, target, actual, expected", [
    ("decrease", 2737, 2000, 1900, []),              # lower is better, below target: met
    ("decrease", 2737, 2000, 2300, ["PC601"]),       # above the target: missed
    (None, 2737, 2000, 2300, ["PC601"]),             # no direction: the target lies below the baseline
    (None, 2737, 2000, 1900, []),
    (None, 1000, 2000, 1900, ["PC601"]),             # no direction: the target lies above the baseline
    (None, None, 2000, 2300, []),                    # no direction, no baseline: not judged
    ("increase", 2737, 2000, 2001, []),              # odd target, but met in its own direction
    ("increase", 1000, 2000, 1995, ["PC605"]),       # short by 5 of 2000: within 0.5%
    ("maintain", 2000, 2000, 1900, ["PC601"]),
    ("maintain", 2000, 2000, 2000, []),
])
def test_direction_and_tolerance(tmp_path, direction, baseline, target, actual, expected):
    result = direction_case(tmp_path, direction, baseline, target, actual)
    assert [f.code for f in result.findings if f.category == "progress"] == expected


def test_undirected_target_without_baseline_shows_as_not_judged(tmp_path):
    result = direction_case(tmp_path, None, None, 2000, 2300)
    assert [r[6] for r in result.summaries["progress"].rows] == ["not judged"]


def test_too_few_figures_is_said_not_reported(tmp_path):
    # One actual and no baseline: no trend can be drawn to a target still ahead.
    m = {"id": "CP-S1.1", "title": "Reduction in overall recorded crime compared with 2003/04", "unit": "percent",
         "direction": "increase", "targets": [{"year": "2007/08", "value": 23}],
         "actuals": [{"year": "2007", "value": 13}]}
    folder = framework(tmp_path, {"cp.yaml": plan_file("CP", "community-plan", [m], objective="S1")})
    result = plancheck.check([str(folder)])
    assert progress_findings(result) == []
    assert [r[6] for r in result.summaries["progress"].rows] == ["too few figures to judge"]


def test_baseline_differs_from_actual_for_its_year(tmp_path):
    acts = [{"year": "2007/08", "value": 66.9}] + CONTRACT_ACTUALS
    result = plancheck.check([str(two_plans(tmp_path, laa_actuals=acts))], select=["PC604"])
    assert [(f.code, f.objects) for f in result.findings] == [("PC604", ("LAA-E1.1",))]
    same = plancheck.check([str(two_plans(tmp_path / "b", laa_actuals=[{"year": "2007/08", "value": "67.8%"}]))],
                           select=["PC604"])
    assert len(same.findings) == 0


def test_no_actual_anywhere_means_no_progress_findings(tmp_path):
    folder = two_plans(tmp_path, laa_actuals=None)
    result = plancheck.check([str(folder)])
    assert progress_findings(result) == []
    assert result.summaries["progress"].rows == []


def test_as_of_option_on_the_command_line(tmp_path):
    folder = two_plans(tmp_path)
    runner = CliRunner()
    res = runner.invoke(cli, ["check", str(folder), "-f", "json", "--as-of", "2008/09"])
    doc = json.loads(res.output)
    assert doc["summaries"]["progress"]["as_of"] == "2008/09"
    assert [f["objects"] for f in doc["findings"] if f["category"] == "progress"] == [["L2011-ER1.1"]]
    bad = runner.invoke(cli, ["check", str(folder), "--as-of", "next year"])
    assert bad.exit_code == 2 and "--as-of" in bad.output
    (folder / "plancheck.yaml").write_text("progress: {as_of: 2011}\n")
    doc = json.loads(runner.invoke(cli, ["check", str(folder), "-f", "json"]).output)
    assert doc["summaries"]["progress"]["as_of"] == "2011"


# ----------------------------------------------------------------------------- the Luton sample
MANIFEST = yaml.safe_load((ROOT / "tests" / "data" / "luton_planted.yaml").read_text())["progress"]


@pytest.fixture(scope="module")
def luton():
    return plancheck.check([str(PLANS / "luton")])


def test_luton_actuals_are_the_seed_figures(luton):
    got = {m.id: {a.year_raw: a.value.number for a in m.actuals if a.indicator is None}
           for m in luton.run.framework.measures() if m.actuals}
    assert got == {k: {y: float(v) for y, v in d.items()} for k, d in MANIFEST["actuals"].items()}
    for m in luton.run.framework.measures():
        for a in m.actuals:
            assert "audit-commission-corporate-assessment-luton-2008.txt line" in a.cite


def test_luton_progress_says_what_the_inspection_said(luton):
    rows = luton.summaries["progress"].rows
    assert luton.summaries["progress"].as_of == MANIFEST["as_of"]
    status = {}
    for r in rows:
        status.setdefault(r[2], set()).add(r[6])
    for mid in MANIFEST["off_track"]:
        assert status[mid] == {"off track"}
    for mid in MANIFEST["on_track"]:
        assert status[mid] == {"on track"}
    for mid in MANIFEST["too_few_figures"]:
        assert status[mid] == {"too few figures to judge"}
    found = sorted((f.code, f.objects[0]) for f in luton.findings if f.category == "progress")
    assert found == sorted([("PC602", m) for m in MANIFEST["off_track"]]
                           + [("PC601", m) for m in MANIFEST["missed"]]
                           + [("PC603", m) for m in MANIFEST["no_actual_for_past_target"]])


def test_luton_progress_in_every_format(luton, tmp_path):
    console = luton.render("console")
    assert "Progress against targets (as of 2006/07)" in console
    assert "CP CP-C2.1  55 by 2010/11    off track" in console
    assert "L2011 L2011-CR1.1  40 by 2011       on track" in console
    doc = json.loads(luton.to_json())
    assert {r[2] for r in doc["summaries"]["progress"]["rows"]} == set(MANIFEST["actuals"]) | set(MANIFEST["borrowed"])
    book = tmp_path / "l.xlsx"
    book.write_bytes(luton.render("xlsx"))
    ws = openpyxl.load_workbook(book)["Progress"]
    head = [c.value for c in ws[1]]
    by_measure = {}
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[2]:
            by_measure.setdefault(row[2], set()).add(row[head.index("Status")])
    assert by_measure["CP-C2.1"] == {"off track"} and by_measure["L2011-DP1.1"] == {"on track"}
    assert ws.cell(row=2, column=head.index("Status") + 1).fill.fgColor.rgb.endswith(
        {"off track": "FFC7CE", "on track": "C6EFCE", "too few figures to judge": "EDEDED"}[ws.cell(
            row=2, column=head.index("Status") + 1).value])
    assert ws.tables["Progress"].ref.startswith("A1:")        # a filterable table
    html = luton.render("html")
    assert html.count('<figure class="progress-chart">') == 5
    assert "Figures for Percentage of residents who feel well informed about the Council&#39;s services" in html
    assert '<span class="status bad">off track</span>' in html


def test_progress_to_pandas_for_analysts(luton):
    df = luton.progress_to_pandas()
    informed = df[df.measure == "CP-C2.1"]
    assert informed[["kind", "year", "point", "value"]].values.tolist() == [
        ["baseline", "2003/04", 2004, 45.0], ["actual", "2006/07", 2007, 36.0], ["target", "2010/11", 2011, 55.0]]
    assert informed.status.tolist()[2] == "off-track" and informed.status.isna().tolist()[:2] == [True, True]


def test_trend_is_least_squares_through_baseline_and_actuals():
    from plancheck.model import Year
    from plancheck.outturns import Point, fit_trends
    pts = [Point(Year(2008, True, 2007), 67.8, "baseline"), Point(Year(2009, True, 2008), 68.9, "actual"),
           Point(Year(2010, True, 2009), 67.1, "actual")]
    trend = fit_trends({"m": pts, "one": pts[:1], "same-year": [pts[1], pts[1]]})
    assert list(trend) == ["m"]                          # one year of figures is no trend
    # by hand: mean x 2009, mean y 67.9333; slope ((-1)(-0.1333) + (1)(-0.8333)) / 2 = -0.35
    assert trend["m"].slope == pytest.approx(-0.35)
    assert trend["m"].at(2011) == pytest.approx(67.2333, abs=1e-4)


def test_odd_actuals_entries_are_reported_once_each(tmp_path):
    text = """plan: {id: P, title: T, kind: other}
objectives:
  - id: P-1
    title: X
    local: true
    measures:
      - title: Employment rate
        unit: percent
        direction: increase
        targets: [{year: 2010, value: 5}]
        actuals:
          - {year: 2010-11-01, value: 3}
          - {year: 2009, value: 2009-01-01}
          - {year: 2008, value: [1, 2]}
          - {year: 2007, value: 3, source: [a, b]}
          - 7
          - {year: 2006, value: 3, extra: 1}
      - title: Other
        actuals: {year: 2001}
"""
    result = plancheck.check([str(framework(tmp_path, {"p.yaml": text}))], select=["PC0"])
    assert [(f.code, f.source.line) for f in result.findings] == [
        ("PC005", 12), ("PC006", 13), ("PC006", 14), ("PC008", 15), ("PC008", 16), ("PC002", 17), ("PC008", 19)]
    m = next(result.run.framework.measures())
    assert [(a.year.label, a.cite) for a in m.actuals] == [("2006", None), ("2007", None)]
