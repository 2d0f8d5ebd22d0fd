"""plancheck/run.py at its edges: what a mutation run showed no test pinned down
(tests/MUTATION.md). Contract section 4 (summary counts), 7 (accepted findings do not
count), 8 (``plans``: every plan a finding involves, ``plan`` the first; ``framework``) and
1a (a framework's name: the settings' name, else the folder's, else the workbook's without
its extension).
"""

from __future__ import annotations

import gc
import json
import shutil
import time
from collections import Counter

import pytest
from click.testing import CliRunner
from conftest import PLANS, check_paths, write_framework

from plancheck.checks import all_checks
from plancheck.cli import cli
from plancheck.config import load_settings, settings_from_dict
from plancheck.graph import FrameworkGraph
from plancheck.load import load_framework
from plancheck.values import parse_year

PLAN = """\
plan: {id: CP, title: Corporate Plan, kind: corporate-plan, period: {start: 2008/09, end: 2010/11}}
objectives:
  - id: CP-1
    title: More residents in work
    measures:
      - id: CP-1a
        title: Overall employment rate (working age)
        unit: percent
        direction: increase
        kind: outcome
        accept:
          - {check: PC301, reason: "A new survey; the first figure is due in 2009"}
        targets: [{year: 2010/11, value: 70}]
      - id: CP-1b
        title: Working age people on out of work benefits
        unit: percent
        direction: decrease
        kind: outcome
        targets: [{year: 2010/11, value: 12}]
      - id: CP-1c
        title: Young people not in education, employment or training
        unit: percent
        direction: decrease
        kind: outcome
        baseline: {value: 8, year: 2007/08}
        targets: [{year: 2010/11, value: "about 6"}]
"""


def test_summary_counts_each_severity_without_the_accepted_findings(tmp_path):
    folder = write_framework(tmp_path / "fw", {"cp.yaml": PLAN})
    res = CliRunner().invoke(cli, ["check", str(folder), "--format", "json"], catch_exceptions=False)
    doc = json.loads(res.stdout)
    open_by_severity = Counter(f["severity"] for f in doc["findings"] if f["accepted"] is None)
    accepted = [f for f in doc["findings"] if f["accepted"] is not None]
    assert [(f["code"], f["objects"]) for f in accepted] == [("PC301", ["CP-1a"])]
    assert open_by_severity["warning"] >= 2       # PC301 on CP-1b, PC307 on CP-1c
    for sev in ("error", "warning", "info"):
        assert doc["summary"][sev] == open_by_severity[sev]
    assert doc["summary"]["accepted"] == 1


@pytest.mark.parametrize("sample", ["luton", "fenwick", "kingsmere", "luton.xlsx"])
def test_every_finding_names_every_plan_it_involves_first_plan_first(sample):
    path = PLANS / sample
    result = check_paths([path])
    graph = FrameworkGraph(load_framework([str(path)]).framework)
    assert result.findings
    for f in result.findings:
        assert f.framework == result.framework_names[0]
        assert None not in f.plans and len(set(f.plans)) == len(f.plans)
        assert f.plan == (f.plans[0] if f.plans else None)
        for o in f.objects:
            owner = graph.plan_id_of(o)
            if owner is not None:
                assert owner in f.plans, (f.code, f.objects, f.plans)


def test_a_conflict_between_two_plans_lists_both():
    result = check_paths([PLANS / "luton"])
    conflicts = [f for f in result.findings if f.code == "PC201"]
    assert conflicts and all(len(f.plans) >= 2 for f in conflicts)


def test_settings_select_chooses_the_checks(tmp_path):
    # An unknown key would be PC002 (and CP-1 has only outcome measures, so no PC4xx)
    text = PLAN.replace("    title: More residents in work\n", "    title: More residents in work\n    colour: green\n")
    unselected = CliRunner().invoke(cli, ["check", str(write_framework(tmp_path / "all", {"cp.yaml": text})),
                                          "--format", "json"], catch_exceptions=False)
    assert "PC002" in {f["code"] for f in json.loads(unselected.stdout)["findings"]}
    folder = write_framework(tmp_path / "fw", {"cp.yaml": text, "plancheck.yaml": "select: [PC3]\n"})
    res = CliRunner().invoke(cli, ["check", str(folder), "--format", "json"], catch_exceptions=False)
    found = {f["code"] for f in json.loads(res.stdout)["findings"]}
    assert found and all(c.startswith("PC3") for c in found)


@pytest.mark.parametrize("folder", ["fw", "north.fenwick"])
def test_a_framework_without_a_name_takes_its_folders(tmp_path, folder):
    path = write_framework(tmp_path / folder, {"cp.yaml": PLAN})
    result = check_paths([path])
    assert {f.framework for f in result.findings} == {folder}
    assert result.framework_names == [folder]
    assert result.framework.name == ""   # no name was given: the model holds none


def test_a_workbook_without_a_name_takes_its_file_name_without_extension(tmp_path):
    book = tmp_path / "area one.xlsx"
    shutil.copy(PLANS / "luton.xlsx", book)
    result = check_paths([book])
    assert result.framework_names == ["area one"]


def test_a_run_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    folder = write_framework(tmp_path / "fw", {"cp.yaml": PLAN})
    was = gc.isenabled()
    try:
        gc.enable()
        check_paths([folder])
        assert gc.isenabled()
        gc.disable()
        check_paths([folder])
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_run_reports_its_stages_to_progress_and_takes_the_name_given(tmp_path):
    folder = write_framework(tmp_path / "fw", {"cp.yaml": PLAN})
    class Progress:
        def __init__(self):
            self.stages, self.steps = [], []

        def __call__(self, stage):
            self.stages.append(stage)

        def advance(self, done, total):
            self.steps.append((len(self.stages), done, total))

    progress = Progress()
    result = check_paths([folder], progress=progress, name="Area X")
    assert progress.stages and all(isinstance(s, str) and s for s in progress.stages)
    # advance(done, total): after each file read (one file here), then before each check
    reading = [(done, total) for stage, done, total in progress.steps if stage == 1]
    assert reading and all(total == 1 for _, total in reading)
    checking = [(done, total) for stage, done, total in progress.steps if stage > 1]
    assert checking and [d for d, _ in checking] == list(range(len(checking)))
    assert {t for _, t in checking} == {len(checking)}
    assert result.name == "Area X" and result.framework.name == "Area X"
    assert result.framework_names == ["Area X"] and {f.framework for f in result.findings} == {"Area X"}


def test_as_of_decides_whether_an_acceptance_still_applies(tmp_path):
    text = PLAN.replace('reason: "A new survey; the first figure is due in 2009"}',
                        'reason: "A new survey", until: 2009/10}')
    folder = write_framework(tmp_path / "fw", {"cp.yaml": text})

    def accepted(year):
        result = check_paths([folder], as_of=parse_year(year))
        return [f.objects for f in result.findings if f.code == "PC301" and f.accepted is not None]

    assert accepted("2009/10") == [("CP-1a",)]
    assert accepted("2011/12") == []


def test_findings_a_baseline_records_are_left_out(tmp_path):
    folder = write_framework(tmp_path / "fw", {"cp.yaml": PLAN})
    baseline = tmp_path / "baseline.json"
    runner = CliRunner()
    assert runner.invoke(cli, ["check", str(folder), "--write-baseline", str(baseline)]).exit_code == 0
    res = runner.invoke(cli, ["check", str(folder), "--format", "json", "--baseline", str(baseline),
                              "--fail-on", "warning"], catch_exceptions=False)
    doc = json.loads(res.stdout)
    assert res.exit_code == 0
    assert doc["findings"] == [] or all(f["accepted"] is not None for f in doc["findings"])
    assert doc["framework"]["baselined"] >= 2


def test_the_settings_name_wins_over_a_name_given(tmp_path):
    folder = write_framework(tmp_path / "fw", {"cp.yaml": PLAN, "plancheck.yaml": "name: Settings name\n"})
    settings = load_settings(folder / "plancheck.yaml")
    for given in (None, "Area X"):
        result = check_paths([folder], settings, name=given)
        assert result.framework_names == ["Settings name"]
        assert {f.framework for f in result.findings} == {"Settings name"}
        assert result.name == "Settings name" and result.framework.name == "Settings name"


def test_timings_are_recorded_for_each_stage(tmp_path):
    # What is recorded, never how long it took.
    folder = write_framework(tmp_path / "fw", {"cp.yaml": PLAN})
    before = time.perf_counter()
    result = check_paths([folder])
    outside = time.perf_counter() - before
    t = result.timings
    assert t["total"] <= outside   # the run's own total is within the time around the call
    assert {"load", "graph", "total"} <= set(t)
    assert all(isinstance(v, float) and v >= 0 for v in t.values())
    assert t["load"] + t["graph"] <= t["total"]
    codes = [k[len("code:"):] for k in t if k.startswith("code:")]
    assert codes and {c.code for c in result.checks if not c.runs_at_load} >= set(codes)
    families = {k for k in t if k.startswith("check:")}
    assert families == {f"check:{c[:3]}" for c in codes}
    for family in families:
        parts = [t[f"code:{c}"] for c in codes if f"check:{c[:3]}" == family]
        assert t[family] == pytest.approx(sum(parts), abs=1e-9)
    summaries = [k for k in t if k.startswith("summary:")]
    assert {k[len("summary:"):] for k in summaries} == set(result.summaries)
    assert t["load"] + t["graph"] + sum(t[f] for f in families) + sum(t[k] for k in summaries) <= t["total"]


@pytest.mark.parametrize("as_of, still_accepted", [("2009/10", True), ("2011/12", False)])
def test_the_settings_as_of_decides_whether_an_acceptance_still_applies(tmp_path, as_of, still_accepted):
    text = PLAN.replace('reason: "A new survey; the first figure is due in 2009"}',
                        'reason: "A new survey", until: 2009/10}')
    folder = write_framework(tmp_path / "fw", {"cp.yaml": text,
                                               "plancheck.yaml": f"progress: {{as_of: '{as_of}'}}\n"})
    result = check_paths([folder], load_settings(folder / "plancheck.yaml"))
    assert result.as_of is not None and result.as_of.label == as_of
    accepted = [f.objects for f in result.findings if f.code == "PC301" and f.accepted is not None]
    assert accepted == ([("CP-1a",)] if still_accepted else [])


def test_an_acceptance_matching_no_finding_is_reported_only_when_its_check_ran(tmp_path):
    text = PLAN.replace("{check: PC301,", "{check: PC201,")   # no conflict to accept
    folder = write_framework(tmp_path / "fw", {"cp.yaml": text})
    stale = [f.objects for f in check_paths([folder]).findings if f.code == "PC015"]
    assert stale == [("CP-1a",)]
    assert [f for f in check_paths([folder], select=["PC3", "PC0"]).findings if f.code == "PC015"] == []


def test_what_ran_is_recorded_for_the_report(tmp_path):
    # README: the report says when only some checks ran or settings changed a severity.
    folder = write_framework(tmp_path / "fw", {"cp.yaml": PLAN})
    settings = settings_from_dict({"severity": {"PC301": "error", "PC307": "off", "PC302": "warning"}})
    result = check_paths([folder], settings, select=["PC3"], ignore=["PC201"])   # PC201 not chosen: fine
    default = {c.code for c in all_checks() if c.enabled_by_default}
    assert set(result.not_run) == {c for c in default if not c.startswith("PC3")} | {"PC307"}
    assert result.severity_changed == {"PC301": "error"}     # PC302 is a warning anyway; PC307 is off
    assert result.paths == [str(folder)]


def test_a_framework_with_no_finding_still_has_the_name_given(tmp_path):
    folder = write_framework(tmp_path / "fw", {"cp.yaml": PLAN})
    result = check_paths([folder], select=["PC5"], name="Area X")   # leads are not required: no finding
    assert result.findings == []
    assert result.framework_names == ["Area X"]


def test_a_finding_that_involves_no_plan_has_no_plans(tmp_path):
    folder = write_framework(tmp_path / "fw", {"cp.yaml": PLAN, "broken.yaml": "plan: [not closed\n"})
    result = check_paths([folder])
    planless = [f for f in result.findings if f.plan is None]
    assert planless and all(f.plans == () for f in planless)
    assert all(f.plans and f.plan == f.plans[0] for f in result.findings if f.plan is not None)
