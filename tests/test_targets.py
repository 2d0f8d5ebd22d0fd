"""Target conflicts (PC2xx) and indicator grouping, on realistic plan text."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import DATA, PLANS, ROOT, check_paths, project

from plancheck.catalogue import builtin, from_csv, normalise_code
from plancheck.config import SettingsError, settings_from_dict
from plancheck.indicators import build_groups, cores_match, title_core
from plancheck.model import Measure, Source

CONFLICT_CODES = ("PC201", "PC202", "PC203", "PC204", "PC205", "PC206", "PC207")


def plan(pid: str, title: str, kind: str, objectives: str) -> str:
    return f"""
plan:
  id: {pid}
  title: {title}
  kind: {kind}
objectives:
{objectives}"""


def measure(title, unit="percent", direction="increase", baseline=None, targets=(), indicator=None,
            mid=None, indent="      "):
    lines = [f"{indent}- title: {title}"]
    if mid:
        lines.append(f"{indent}  id: {mid}")
    if indicator:
        lines.append(f"{indent}  indicator: {indicator}")
    if unit:
        lines.append(f"{indent}  unit: {unit}")
    if direction:
        lines.append(f"{indent}  direction: {direction}")
    if baseline:
        lines.append(f"{indent}  baseline: {{value: {baseline[0]}, year: {baseline[1]}}}")
    if targets:
        lines.append(f"{indent}  targets:")
        for year, value in targets:
            lines.append(f"{indent}    - {{year: {year}, value: {value}}}")
    return "\n".join(lines)


def objective(oid, title, *measures):
    return f"  - id: {oid}\n    title: {title}\n    measures:\n" + "\n".join(measures) + "\n"


def two_plans(m_a: str, m_b: str, *, extra_a: str = "", extra_b: str = ""):
    return {
        "community-plan.yaml": plan("CP", "Community Plan 2008-2011", "community-plan",
                                    objective("CP-1", "More local people in work", m_a) + extra_a),
        "corporate-plan.yaml": plan("CORP", "Corporate Plan 2008-2011", "corporate-plan",
                                    objective("CORP-1", "Increase employment", m_b) + extra_b),
    }


def line_of(files: dict, name: str, needle: str, nth: int = 1) -> int:
    """The line of the ``nth`` occurrence of ``needle`` in a file as the fixture writes it."""
    text = textwrap.dedent(files[name]).lstrip("\n")
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def pc2(result, prefix="PC2"):
    return [p for p in project(result, code_prefix=prefix)]


def finding(result, code):
    return [f for f in result.findings if f.code == code]


# ----------------------------------------------------------------------- the Luton sample


@pytest.fixture(scope="module")
def luton():
    return check_paths([PLANS / "luton"])


@pytest.fixture(scope="module")
def planted():
    return yaml.safe_load((DATA / "luton_planted.yaml").read_text(encoding="utf-8"))


def test_luton_reports_the_inspection_conflicts(luton, planted):
    found = {frozenset(f.objects) for f in luton.findings if f.code == "PC201"}
    for conflict in planted["conflicts"]:
        assert frozenset(conflict["measures"]) in found, conflict["what"]
    # the employment case is one finding naming all three plans, at the first measure's target
    employment = next(f for f in luton.findings if f.code == "PC201" and "LAA-E1.1" in f.objects)
    assert set(employment.objects) == {"CP-W1.1", "LAA-E1.1", "L2011-ER1.1"}
    assert employment.plan == "CP"
    assert Path(employment.source.file).name == "community-plan-2005-12.yaml"
    text = (Path(__file__).resolve().parent.parent / employment.source.file).read_text(encoding="utf-8").splitlines()
    assert "{year: 2010/11, value: 72.0}" in text[employment.source.line - 1]   # CP-W1.1's target
    for fact in ("72%", "70%", "74%", "2010/11", "2011", "Luton 2011", "Local Area Agreement"):
        assert fact in employment.message


def test_luton_consistent_groups_are_not_flagged(luton, planted):
    conflict_findings = [f for f in luton.findings if f.code in CONFLICT_CODES]
    for group in planted["consistent"]:
        ids = set(group["measures"])
        for f in conflict_findings:
            assert len(ids & set(f.objects)) < 2, (group["what"], f.code, f.objects)


def test_luton_has_no_conflict_beyond_the_planted_ones(luton, planted):
    planted_ids = {m for c in planted["conflicts"] for m in c["measures"] + c.get("related", [])}
    for f in luton.findings:
        if f.code in CONFLICT_CODES:
            assert set(f.objects) <= planted_ids, (f.code, f.objects)


def test_luton_grouping_is_visible_in_json_and_console(luton):
    from plancheck.report import ReportOptions, render

    data = json.loads(render("json", luton, ReportOptions(color=False, width=100)))
    table = data["summaries"]["indicators"]
    rows = {tuple(r[1].split(", ")): r for r in table["rows"]}
    employment = next(r for k, r in rows.items() if "LAA-E1.1" in k)
    assert {"CP-W1.1", "LAA-E1.1", "L2011-ER1.1", "SCS-W2.1"} <= set(employment[1].split(", "))
    assert "same code NI 151" in employment[3] and "titles match" in employment[3]
    assert "PC201" in employment[6]
    male = next(r for k, r in rows.items() if "CP-H1.1" in k)
    assert set(male[1].split(", ")) == {"CP-H1.1", "L2011-HS1.1"}
    console = render("console", luton, ReportOptions(color=False, width=100, tables=True))
    assert "Indicators measured in more than one place" in console


# ------------------------------------------------------------------------ codes and titles


@pytest.mark.parametrize("spelling", ["NI 151", "NI151", "ni-151", "NI 0151", "ni_151"])
def test_code_spellings_normalise(spelling):
    assert normalise_code(spelling) == "NI 151"


def test_same_code_written_differently_is_one_indicator(framework):
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 70.0)]),
        measure("Employment rate (16-64)", indicator="ni-151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 72.5)]),
    )
    result = framework(files)
    assert pc2(result) == [("PC201", ("CP-1.1", "CORP-1.1"), "community-plan.yaml",
                            line_of(files, "community-plan.yaml", "value: 70.0"))]


def test_titles_naming_the_same_thing_are_grouped(framework):
    files = two_plans(
        measure("Male life expectancy at birth", unit="years", baseline=(75.6, 2004),
                targets=[("2010/11", 78.0)]),
        measure("Life expectancy at birth (males)", unit="years", baseline=(75.6, 2004),
                targets=[(2011, 76.0)]),
    )
    result = framework(files)
    assert pc2(result) == [("PC201", ("CP-1.1", "CORP-1.1"), "community-plan.yaml",
                            line_of(files, "community-plan.yaml", "value: 78.0"))]
    msg = finding(result, "PC201")[0].message
    assert "78 years" in msg and "76 years" in msg and "Community Plan" in msg and "Corporate Plan" in msg


@pytest.mark.parametrize("title_a, title_b", [
    ("Male life expectancy at birth", "Female life expectancy at birth"),
    ("Life expectancy at birth (men)", "Life expectancy at birth (women)"),
    ("Adult participation in sport", "Adult participation in volunteering"),
    ("Adult participation in sport", "Adult participation in sport and volunteering"),
    ("Working age population qualified to at least Level 2",
     "Working age population qualified to at least Level 4"),
    ("Under 18 conception rate", "Under 16 conception rate"),
    ("Percentage of 16-18 year olds not in education, employment or training",
     "Percentage of 16-18 year olds in education, employment or training"),
    ("Employment rate", "Unemployment rate"),
    ("Obesity among primary school age children in Reception Year",
     "Obesity among primary school age children in Year 6"),
    ("Percentage of pupils achieving 5 or more GCSEs at grades A*-C",
     "Percentage of pupils achieving 5 or more GCSEs at grades A*-G"),
])
def test_similar_titles_of_different_indicators_are_kept_apart(framework, title_a, title_b):
    files = two_plans(
        measure(title_a, baseline=(20, "2007/08"), targets=[("2010/11", 25)]),
        measure(title_b, baseline=(40, "2007/08"), targets=[("2010/11", 45)]),
    )
    result = framework(files)
    assert pc2(result) == []
    assert all(len(r[1].split(", ")) < 2 for r in result.summaries["indicators"].rows)


def test_matching_titles_with_incompatible_units_are_not_grouped(framework):
    files = two_plans(
        measure("Households in temporary accommodation", unit="number", direction="decrease",
                baseline=(850, "2007/08"), targets=[("2010/11", 600)]),
        measure("Households in temporary accommodation", unit="percent", direction="decrease",
                baseline=(1.2, "2007/08"), targets=[("2010/11", 0.8)]),
    )
    assert pc2(framework(files)) == []


def test_title_matching_scales_without_pairs_over_all_measures():
    src = Source("big.yaml", 1)
    topics = ["recycling", "burglary", "obesity", "employment", "volunteering", "sport", "carers",
              "breastfeeding", "homelessness", "truancy"]
    measures = []
    for i in range(6000):  # how it scales is measured in benchmarks/
        topic = topics[i % len(topics)]
        title = f"Percentage of residents in ward {i % 3000} reporting {topic} scheme {i % 7}"
        measures.append(Measure(id=f"M{i}", objective_id=f"O{i}", plan_id=f"P{i % 50}", title=title,
                                source=src, unit="percent"))
    grouping = build_groups(measures, builtin())  # speed: benchmarks/run.py
    # titles differ by ward number or scheme number, so only exact repeats group
    # a title here differs from every other by its ward, topic or scheme number: only exact
    # repeats of a title are one indicator
    assert len(grouping.groups) == len({m.title for m in measures})
    assert all(len({m.title for m in g.measures}) == 1 for g in grouping.groups)


def test_cores_match_only_spelling_variants():
    assert cores_match(title_core("Youth offending programme places")[0],
                       title_core("Youth offending program places")[0])
    assert not cores_match(title_core("Employment rate")[0], title_core("Unemployment rate")[0])


# ---------------------------------------------------------------- values and points in time


def test_values_written_differently_agree(framework):
    files = two_plans(
        measure("Percentage of household waste recycled or composted", baseline=(29, "2006/07"),
                targets=[("2010/11", '"40%"')]),
        measure("Percentage of household waste recycled or composted", baseline=(29.0, "2006-07"),
                targets=[("2010-11", 40.0)]),
        extra_b=objective("CORP-2", "Less waste", measure(
            "Percentage of household waste recycled or composted", baseline=('"29%"', "2006/2007"),
            targets=[("2010/2011", 40)])),
    )
    assert pc2(framework(files)) == []


def test_financial_and_calendar_year_are_the_same_point(framework):
    files = two_plans(
        measure("Percentage of residents satisfied with their area", targets=[("2010/11", 75)]),
        measure("Percentage of residents satisfied with their area", targets=[(2011, 80)]),
    )
    assert [c for c, *_ in pc2(framework(files))] == ["PC201"]


def test_calendar_year_before_the_financial_year_is_another_point(framework):
    files = two_plans(
        measure("Percentage of residents satisfied with their area", targets=[(2010, 75)]),
        measure("Percentage of residents satisfied with their area", targets=[("2010/11", 80)]),
    )
    assert pc2(framework(files)) == []


def test_small_rounding_differences_agree(framework):
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", targets=[("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", targets=[("2010/11", 70.3)]),
    )
    assert pc2(framework(files)) == []


def test_tolerances_can_be_set(framework):
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", targets=[("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", targets=[("2010/11", 70.3)]),
    )
    result = framework(files, settings={"indicators": {"tolerance_absolute": 0.01,
                                                       "tolerance_relative": 0.0}})
    assert [c for c, *_ in pc2(result)] == ["PC201"]


def test_non_numeric_targets_are_never_compared(framework):
    files = two_plans(
        measure("Under 18 conception rate", indicator="NI 112", unit="rate", direction="decrease",
                targets=[("2010/11", '"55.7 (for 2009)"')]),
        measure("Under 18 conception rate", indicator="NI 112", unit="rate", direction="decrease",
                targets=[("2010/11", 48.0)]),
        extra_a=objective("CP-2", "Lower emissions", measure(
            "Per capita CO2 emissions", indicator="NI 186", unit="tonnes", direction="decrease",
            targets=[("2010/11", "TBC")])),
        extra_b=objective("CORP-2", "Lower emissions", measure(
            "Per capita CO2 emissions", indicator="NI 186", unit="tonnes", direction="decrease",
            targets=[("2010/11", 5.1)])),
    )
    assert pc2(framework(files)) == []


def test_three_plans_disagreeing_is_one_finding(framework):
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", targets=[("2010/11", 72.0)]),
        measure("Overall employment rate", indicator="NI 151", targets=[(2011, 74.0)]),
    )
    files["laa.yaml"] = plan("LAA", "Local Area Agreement 2008-11", "local-area-agreement",
                             objective("LAA-E1", "More residents in work", measure(
                                 "Overall employment rate (working age)", indicator="NI151",
                                 targets=[("2010/11", 70.0)])))
    result = framework(files)
    assert pc2(result) == [("PC201", ("CP-1.1", "CORP-1.1", "LAA-E1.1"), "community-plan.yaml",
                            line_of(files, "community-plan.yaml", "value: 72.0"))]
    msg = finding(result, "PC201")[0].message
    for fact in ("72%", "74%", "70%", "Community Plan", "Corporate Plan", "Local Area Agreement"):
        assert fact in msg


# ------------------------------------------------------------------------- the other kinds


def test_conflicting_baselines(framework):
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 70)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(66.1, "2007/08"),
                targets=[("2015/16", 72)]),
    )
    result = framework(files)
    assert [p for p in pc2(result) if p[0] == "PC202"] == [
        ("PC202", ("CP-1.1", "CORP-1.1"), "community-plan.yaml",
         line_of(files, "community-plan.yaml", "baseline:"))]
    msg = finding(result, "PC202")[0].message
    assert "67.8%" in msg and "66.1%" in msg and "2007/08" in msg


def test_baselines_for_a_financial_and_a_calendar_year_are_not_compared(framework):
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08")),
        measure("Overall employment rate", indicator="NI 151", baseline=(66.1, 2008)),
    )
    assert pc2(framework(files)) == []


def test_opposite_directions(framework):
    files = two_plans(
        measure("Working age people claiming out of work benefits in the worst neighbourhoods",
                indicator="NI 153", direction="decrease"),
        measure("Working age people claiming out of work benefits in the worst neighbourhoods",
                indicator="NI 153", direction="increase"),
    )
    assert pc2(framework(files)) == [("PC203", ("CP-1.1", "CORP-1.1"), "community-plan.yaml",
                                      line_of(files, "community-plan.yaml", "direction:"))]


def test_a_reduction_and_a_count_are_not_opposite_directions(framework):
    files = two_plans(
        measure("People killed or seriously injured in road traffic accidents (% reduction)",
                indicator="NI 47", direction="increase", targets=[(2010, 50)]),
        measure("People killed or seriously injured in road traffic accidents", indicator="NI 47",
                unit=None, direction="decrease", baseline=(120, 2004), targets=[(2010, 60)]),
    )
    assert pc2(framework(files)) == []


def test_target_against_the_measures_own_direction(framework):
    files = two_plans(
        measure("Unemployment rate", direction="decrease", baseline=(3.1, "2007/08"),
                targets=[("2008/09", 3.0), ("2010/11", 3.5)]),
        measure("Number of affordable homes completed each year", unit="number",
                baseline=(180, "2007/08"), targets=[("2010/11", 250)]),
    )
    result = framework(files)
    assert pc2(result) == [("PC204", ("CP-1.1",), "community-plan.yaml",
                            line_of(files, "community-plan.yaml", "value: 3.5"))]
    assert "3.5%" in finding(result, "PC204")[0].message


def test_target_before_the_baseline_is_not_against_direction(framework):
    files = two_plans(
        measure("Percentage of residents who feel they can influence decisions",
                baseline=(31.9, "2008/09"), targets=[("2007/08", 30), ("2011/12", 35)]),
        measure("Number of affordable homes completed each year", unit="number"),
    )
    assert pc2(framework(files)) == []


def test_incompatible_units(framework):
    files = two_plans(
        measure("Serious acquisitive crime rate", indicator="NI 16", unit="rate",
                direction="decrease", targets=[("2010/11", 21.8)]),
        measure("Serious acquisitive crimes", indicator="NI 16", unit="number",
                direction="decrease", targets=[("2010/11", 4200)]),
    )
    result = framework(files)
    assert pc2(result) == [("PC205", ("CP-1.1", "CORP-1.1"), "community-plan.yaml",
                            line_of(files, "community-plan.yaml", "unit:"))]


def test_employment_rate_as_rate_and_as_percent_is_not_a_unit_conflict(framework):
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", unit="rate", targets=[("2010/11", 70)]),
        measure("Overall employment rate", indicator="NI 151", unit="%", targets=[("2010/11", 70)]),
    )
    assert pc2(framework(files)) == []


def test_trajectories_that_cannot_both_hold(framework):
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2010/11", 70.0)]),
        measure("Overall employment rate", indicator="NI 151", baseline=(67.8, "2007/08"),
                targets=[("2015/16", 69.0)]),
    )
    result = framework(files)
    assert pc2(result) == [("PC206", ("CP-1.1", "CORP-1.1"), "community-plan.yaml",
                            line_of(files, "community-plan.yaml", "value: 70.0"))]
    assert finding(result, "PC206")[0].severity == "warning"


def test_trajectories_at_a_slower_long_term_pace_are_consistent(framework):
    files = two_plans(
        measure("Percentage of residents satisfied with the cleanliness of their area",
                baseline=(82, "2006/07"), targets=[("2010/11", 85)]),
        measure("Percentage of residents satisfied with the cleanliness of their area",
                baseline=(82, "2006/07"), targets=[("2025/26", 88)]),
    )
    assert pc2(framework(files)) == []


def test_trajectories_at_very_different_paces(framework):
    files = two_plans(
        measure("Net additional homes provided", indicator="NI 154", unit="number",
                baseline=(400, "2007/08"), targets=[("2010/11", 1000)]),
        measure("Net additional homes provided", indicator="NI 154", unit="number",
                baseline=(400, "2007/08"), targets=[("2030/31", 1300)]),
    )
    # 200 homes a year to 2010/11 against 39 a year to 2030/31: not a reversal, a change of pace
    result = framework(files)
    assert [c for c, *_ in pc2(result)] == ["PC206"]
    assert "times as fast" in finding(result, "PC206")[0].message


def test_duplicate_target_in_one_plan(framework):
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151", targets=[("2010/11", 70.0)]),
        measure("Number of affordable homes completed each year", unit="number"),
        extra_a=objective("CP-2", "Regenerate the town centre", measure(
            "Overall employment rate", indicator="NI151", targets=[("2010/11", 71.5)])),
    )
    result = framework(files)
    assert pc2(result) == [("PC207", ("CP-1.1", "CP-2.1"), "community-plan.yaml",
                            line_of(files, "community-plan.yaml", "value: 70.0"))]


def test_same_year_twice_in_one_measure(framework):
    files = two_plans(
        measure("Overall employment rate", indicator="NI 151",
                targets=[("2010/11", 70.0), ("2010/11", 71.0)]),
        measure("Number of affordable homes completed each year", unit="number"),
    )
    assert pc2(framework(files)) == [("PC207", ("CP-1.1",), "community-plan.yaml",
                                      line_of(files, "community-plan.yaml", "value: 70.0"))]


def test_unknown_and_dropped_codes_are_info(framework):
    files = two_plans(
        measure("Re-offending by registered sex offenders", indicator="NI 31", direction="decrease"),
        measure("Library visits per 1,000 population", indicator="LPI 12", unit="rate"),
        extra_a=objective("CP-2", "Tackle extremism", measure(
            "Proportion of people who feel they belong to their neighbourhood", indicator="NI 2")),
    )
    result = framework(files)
    assert pc2(result) == [
        ("PC208", ("CORP-1.1",), "corporate-plan.yaml", line_of(files, "corporate-plan.yaml", "LPI 12")),
        ("PC208", ("CP-1.1",), "community-plan.yaml", line_of(files, "community-plan.yaml", "NI 31")),
    ]
    assert all(f.severity == "info" for f in finding(result, "PC208"))
    assert "dropped" in next(f for f in finding(result, "PC208") if f.objects == ("CP-1.1",)).message


# ------------------------------------------------------------------------------ catalogues


def test_builtin_catalogue_keeps_ni31_apart():
    cat = builtin()
    assert "NI 31" not in cat
    assert cat.status("NI 31")[0] == "retired"
    assert cat.status("NI151")[0] == "known"
    assert cat.status("NI 8")[0] == "numbered"  # a real NI whose title the extract lacks
    assert cat.status("NI 250")[0] == "unknown"
    assert all(entry.source for entry in cat.entries.values())


def test_user_catalogue_joins_titles_to_a_local_code(framework, tmp_path):
    cat = tmp_path / "local-indicators.csv"
    cat.write_text("code,title,unit,higher_is_better\n"
                   "LPI 12,Visits to public libraries per 1000 population,rate,true\n", encoding="utf-8")
    files = two_plans(
        measure("Library visits", indicator="lpi-12", unit="rate", targets=[("2010/11", 5200)]),
        measure("Visits to public libraries (per 1,000 population)", unit="rate",
                targets=[(2011, 6100)]),
    )
    result = framework(files, settings={"indicators": {"catalogues": [str(cat)]}})
    assert pc2(result) == [("PC201", ("CP-1.1", "CORP-1.1"), "community-plan.yaml",
                            line_of(files, "community-plan.yaml", "value: 5200"))]
    row = next(r for r in result.summaries["indicators"].rows if "CP-1.1" in r[1])
    assert "catalogue title of LPI 12" in row[3]


def test_catalogue_that_cannot_be_read_stops_the_run(framework, tmp_path):
    files = two_plans(measure("Overall employment rate", indicator="NI 151"),
                      measure("Overall employment rate", indicator="NI 151"))
    with pytest.raises(SettingsError, match="missing.csv"):
        framework(files, settings={"indicators": {"catalogues": [str(tmp_path / "missing.csv")]}})
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\nX1,Something\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="'code' and 'title'"):
        framework(files, settings={"indicators": {"catalogues": [str(bad)]}})


def test_cli_exits_2_for_an_unreadable_catalogue(tmp_path):
    from conftest import write_framework

    folder = write_framework(tmp_path / "fw", two_plans(
        measure("Overall employment rate", indicator="NI 151"),
        measure("Overall employment rate", indicator="NI 151")))
    (folder / "plancheck.yaml").write_text("indicators:\n  catalogues: [local.csv]\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "plancheck", "check", str(folder)], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "local.csv" in proc.stderr and "Traceback" not in proc.stderr


def test_indicators_settings_are_strict():
    with pytest.raises(SettingsError, match="indicators.tolerance"):
        settings_from_dict({"indicators": {"tolerance": 1}})


def test_from_csv_reads_unit_and_direction(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("Code,Title,Unit,Higher_is_better\nBV 82a,Household waste recycled,percent,yes\n",
                    encoding="utf-8")
    entry = from_csv(path).get("bv82a")
    assert entry.title == "Household waste recycled" and entry.unit == "percent"
    assert entry.higher_is_better is True


def test_catalogue_name_in_a_message_keeps_its_acronyms(framework):
    """'... not in education, training or employment (NEET)', not '(neet)'."""
    files = two_plans(
        measure("Young people not in education, employment or training", indicator="NI 117",
                direction="decrease", baseline=("7.6", "2007/08"), targets=[("2010/11", 6)]),
        measure("16-18 year olds NEET", indicator="NI 117", direction="decrease",
                baseline=("8.4", "2007/08"), targets=[("2010/11", 6)]))
    result = framework(files, select=["PC202"])
    [conflict] = finding(result, "PC202")
    assert conflict.message.startswith("NI 117 16 to 18 year olds who are not in education, training or "
                                       "employment (NEET):")
