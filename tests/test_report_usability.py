"""Reports an officer or a partner can act on: a short console report, advice in the form
the plans are kept in, a partner workbook with answers that survive re-export, and
explain/rules output in plain words. All on the Luton sample in its three forms."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import PLANS, ROOT

from plancheck.api import check
from plancheck.checks import all_checks
from plancheck.cli import cli

SEVERITY = {"error": 3, "warning": 2, "info": 1}


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def luton():
    return check([PLANS / "luton"])


@pytest.fixture(scope="module")
def csv_folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("csv") / "luton-csv"
    assert invoke("convert", PLANS / "luton", "--to", "csv", "--output", out).exit_code == 0
    return out


# -- console ------------------------------------------------------------------------------------
def test_console_is_about_a_third_of_the_long_form(luton):
    short = luton.render("console", width=100).splitlines()
    long = luton.render("console", width=100, verbose=True).splitlines()
    # The report was 466 lines (259 of findings, 207 of tables) before it was shortened.
    assert len(short) <= 466 * 0.36 and len(long) > 3 * len(short)


def test_console_findings_worst_first_within_each_plan(luton):
    text = luton.render("console", width=100)
    sections, current = [], None
    for line in text.splitlines():
        if line and not line.startswith(" ") and "(" in line and line.rstrip().endswith("info)"):
            current = []
            sections.append(current)
        elif current is not None and line[2:9].strip() in SEVERITY and line.startswith("  ") and line[2] != " ":
            current.append(SEVERITY[line[2:9].strip()])
        elif not line:
            current = None if current is not None and not current else current
    assert len(sections) == 4
    for sevs in sections:
        assert sevs == sorted(sevs, reverse=True)


def test_related_findings_on_one_object_are_merged(luton):
    lines = luton.render("console", width=100).splitlines()
    # PC108 suggests a parent for LAA-S2, which PC106 reports as not linked: one entry.
    i = next(n for n, line in enumerate(lines) if "PC106" in line and "LAA-S2" in line)
    assert lines[i + 2].strip().startswith("also PC108") and lines[i + 2].rstrip().endswith("LAA-S2")
    # The milestones of CP-D1 have no baseline; PC402 already lists them.
    j = next(n for n, line in enumerate(lines) if "PC402" in line and "CP-D1 " in line)
    assert "also PC301" in lines[j + 2] and "CP-D1.1, CP-D1.2, CP-D1.3" in lines[j + 2]


def test_a_milestone_is_not_asked_for_its_latest_figure(luton):
    pc301 = {f.objects[0]: f.message for f in luton.findings if f.code == "PC301"}
    assert "latest figure" not in pc301["CP-D1.1"]  # "Produce a cultural strategy for Luton"
    assert "milestone" in pc301["CP-D1.1"]
    assert "latest figure" in pc301["CP-S1.1"]  # a count of recorded crime


def test_tables_are_behind_an_option(luton):
    short = luton.render("console", width=100)
    assert "Show them with --tables" in short and "why grouped" not in short
    assert "why grouped" in luton.render("console", width=100, tables=True)


@pytest.mark.parametrize("args, not_run", [
    (["--select", "PC2", "--ignore", "PC201"], "PC201"),
    (["--ignore", "PC3"], "PC301-PC307"),
])
def test_a_narrowed_run_says_which_checks_ran(args, not_run):
    out = invoke("check", PLANS / "luton", *args).output
    tail = " ".join(out.strip().splitlines()[-4:])
    assert "Only " in tail and not_run in tail.split("not run:")[1]
    assert "the checks that ran" in out.strip().splitlines()[-1]


def test_settings_that_turn_a_check_off_or_change_its_severity_are_said(tmp_path):
    folder = tmp_path / "luton"
    shutil.copytree(PLANS / "luton", folder)
    (folder / "plancheck.yaml").write_text("severity: {PC201: warning, PC301: off}\n")
    out = invoke("check", folder).output.strip().splitlines()
    tail = " ".join(out[-4:])
    assert "not run: PC301" in tail and "PC201 warning" in tail
    assert "the checks that ran" in out[-1]


# -- explain and rules --------------------------------------------------------------------------
def test_explain_a_category_lists_its_checks():
    res = invoke("explain", "missing-baseline")
    assert res.exit_code == 0
    assert [c for c in ("PC301", "PC302", "PC303") if c in res.output] == ["PC301", "PC302", "PC303"]


def test_explain_suggests_the_closest_name():
    res = CliRunner().invoke(cli, ["explain", "no-basline"])
    assert res.exit_code == 2 and "Did you mean 'no-baseline'" in res.output


def test_no_markup_or_source_files_in_rules_and_explain():
    assert "``" not in invoke("rules").output
    for c in all_checks():
        out = invoke("explain", c.code).output
        assert "``" not in out, c.code
        assert ".py" not in out, c.code


def test_help_summaries_are_whole():
    out = invoke("--help").output
    commands = out.split("Commands:")[1]
    assert "..." not in commands


def test_readme_convert_example_does_not_overwrite_the_sample():
    readme = (ROOT / "README.md").read_text()
    assert "--output plans/luton.xlsx" not in readme


# -- advice in the form the plans are kept in ------------------------------------------------------
def test_workbook_users_get_sheet_row_and_column():
    result = check([PLANS / "luton.xlsx"])
    sheet = openpyxl.load_workbook(PLANS / "luton.xlsx", read_only=True)["measures"]
    ids = {row[0].value: n for n, row in enumerate(sheet.iter_rows(), 1)}
    no_baseline = [f for f in result.findings if f.code == "PC301" and "latest figure" in f.message]
    assert no_baseline
    for f in no_baseline:
        row = ids[f.objects[0]]
        assert f"In sheet measures, row {row}, type the latest figure in column baseline_value" in f.message
        assert "{value" not in f.message and "baseline:" not in f.message


def test_csv_users_get_file_row_and_column(csv_folder):
    result = check([csv_folder])
    lines = (csv_folder / "measures.csv").read_text(encoding="utf-8").splitlines()
    for f in (f for f in result.findings if f.code in ("PC301", "PC302", "PC403") and "row" in f.message):
        row = int(f.message.split("In measures.csv, row ")[1].split(",")[0])
        assert lines[row - 1].startswith(f.objects[0] + ","), f.code
        assert "column baseline_" in f.message or "column kind" in f.message


def test_yaml_users_get_the_key_and_no_repeated_invented_figure(luton):
    fixes = [f.details["fix"] for f in luton.findings if f.details and "fix" in f.details]
    assert any("baseline: {value" in x for x in fixes)
    assert not any("sheet" in x or ".csv" in x for x in fixes)
    assert not any("67.8" in x for x in fixes)


# -- the partner workbook ---------------------------------------------------------------------------
def _book(result, **kw):
    return openpyxl.load_workbook(io.BytesIO(result.render("xlsx", **kw)))


def test_where_and_how_to_fix_follow_the_form():
    wb = _book(check([PLANS / "luton.xlsx"]))
    rows = list(wb["Findings"].iter_rows(values_only=True))
    header = rows[0]
    where, how = header.index("Where to fix it"), header.index("How to fix it")
    assert all(".yaml" not in (r[where] or "") for r in rows[1:])
    assert all((r[where] or "").startswith("luton.xlsx: sheet ") for r in rows[1:] if r[where])
    assert not any("{value" in (r[how] or "") for r in rows[1:])


def test_targets_sheet_covers_every_shared_indicator_in_year_order(luton):
    wb = _book(luton)
    rows = list(wb["Targets"].iter_rows(values_only=True))
    header = rows[0]
    by_measure = {r[2]: r for r in rows[1:]}
    # Life expectancy has no indicator code: grouped by title, as PC201 groups it.
    assert by_measure["CP-H1.1"][0] == by_measure["L2011-HS1.1"][0]
    assert by_measure["CP-H1.1"][header.index("Target 2010/11")] == 78
    assert by_measure["L2011-HS1.1"][header.index("Target 2011")] == 76
    ni151 = {m for m, r in by_measure.items() if r[0] == by_measure["LAA-E1.1"][0]}
    assert ni151 == {"CP-W1.1", "LAA-E1.1", "L2011-ER1.1", "SCS-W2.1"}
    years = [h[len("Target "):] for h in header if str(h).startswith("Target ")]

    def starts(label):  # a financial year starts in April, a calendar year in January
        return int(label[:4]) + (0.25 if "/" in label else 0)

    assert years == sorted(years, key=starts) and years.index("2009/10") < years.index("2010")


def test_indicators_sheet_is_formatted_and_explained(luton):
    wb = _book(luton)
    ws = wb["Indicators"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["Indicator", "Measures"]
    assert ws.cell(1, 1).font.bold and ws.cell(1, 1).fill.fgColor.rgb.endswith("1F4E79")
    assert "Indicators" in ws.tables and ws.column_dimensions["D"].width >= 40
    assert ws.cell(2, 4).alignment.wrap_text
    how = [r[0] for r in wb["Summary"].iter_rows(values_only=True) if r[0]]
    assert any(str(t).startswith("Indicators:") for t in how)


def test_answers_survive_a_re_export(tmp_path):
    folder = tmp_path / "luton"
    shutil.copytree(PLANS / "luton", folder)
    first = tmp_path / "first.xlsx"
    assert invoke("check", folder, "-f", "xlsx", "-o", first).exit_code == 1
    wb = openpyxl.load_workbook(first)
    ws = wb["Findings"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in header}
    # Luton 2011's owner answers the male life expectancy conflict (filed under CP).
    row = next(r for r in range(2, ws.max_row + 1)
               if ws.cell(r, col["Plan"]).value == "L2011" and ws.cell(r, col["Code"]).value == "PC201"
               and "L2011-HS1.1" in ws.cell(r, col["Plan items"]).value)
    fingerprint = ws.cell(r := row, col["Reference (keep)"]).value
    ws.cell(r, col["Status"]).value = "Agreed difference"
    ws.cell(r, col["Owner"]).value = "Head of Policy, Luton Borough Council"
    ws.cell(r, col["Due date"]).value = dt.date(2009, 3, 31)
    ws.cell(r, col["Comment"]).value = "Council stretch target"
    wb.save(first)
    before = first.read_bytes()
    # The plan changes elsewhere: lines move, the finding stays the same.
    cp = folder / "community-plan-2005-12.yaml"
    cp.write_text("# revised after the board\n# second comment line\n" + cp.read_text())
    second = tmp_path / "second.xlsx"
    assert invoke("check", folder, "-f", "xlsx", "-o", second, "--responses", first).exit_code == 1
    assert first.read_bytes() == before  # the earlier workbook is only read
    rows = list(openpyxl.load_workbook(second)["Findings"].iter_rows(values_only=True))
    h = rows[0]
    answered = [r for r in rows[1:] if r[h.index("Reference (keep)")] == fingerprint]
    assert sorted(r[h.index("Plan")] for r in answered) == ["CP", "L2011"]
    mine = next(r for r in answered if r[h.index("Plan")] == "L2011")
    theirs = next(r for r in answered if r[h.index("Plan")] == "CP")
    assert mine[h.index("Status")] == "Agreed difference"
    assert mine[h.index("Owner")] == "Head of Policy, Luton Borough Council"
    assert mine[h.index("Due date")].date() == dt.date(2009, 3, 31)
    assert mine[h.index("Comment")] == "Council stretch target"
    assert theirs[h.index("Status")] is None  # the CP owner has not answered yet
    target = next(i for i, t in enumerate((PLANS / "luton" / "community-plan-2005-12.yaml").read_text(
        encoding="utf-8").splitlines(), 1) if "{year: 2010/11, value: 78.0}" in t)
    assert f"line {target + 2}" in theirs[h.index("Where to fix it")]  # moved down two lines: a new run
    others = [r for r in rows[1:] if r[h.index("Reference (keep)")] != fingerprint]
    assert all(r[h.index("Status")] is None for r in others)


def test_status_is_a_drop_down(luton):
    ws = _book(luton)["Findings"]
    lists = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert lists and "Agreed difference" in lists[0].formula1


def test_responses_must_be_a_findings_workbook(tmp_path):
    res = CliRunner().invoke(cli, ["check", str(PLANS / "luton"), "-f", "xlsx", "-o", str(tmp_path / "x.xlsx"),
                                   "--responses", str(PLANS / "luton" / "laa-2008-11.yaml")])
    assert res.exit_code == 2 and not (tmp_path / "x.xlsx").exists()
    res = CliRunner().invoke(cli, ["check", str(PLANS / "luton"), "-f", "xlsx", "-o", str(tmp_path / "y.xlsx"),
                                   "--responses", str(PLANS / "luton.xlsx")])
    assert res.exit_code == 2 and "Findings" in res.output


def test_an_oversized_responses_workbook_is_refused(tmp_path, monkeypatch):
    from plancheck.report import xlsx

    first = tmp_path / "first.xlsx"
    assert invoke("check", PLANS / "luton", "-f", "xlsx", "-o", first).exit_code == 1
    monkeypatch.setattr(xlsx, "MAX_RESPONSE_UNPACKED", 1000)  # the real limit, made small
    res = CliRunner().invoke(cli, ["check", str(PLANS / "luton"), "-f", "xlsx", "-o", str(tmp_path / "n.xlsx"),
                                   "--responses", str(first)])
    assert res.exit_code == 2 and "unpacks to too much" in res.output
    assert not (tmp_path / "n.xlsx").exists()
