"""Issue 15: accepted findings (contract section 7), baselines, and the CI formats'
handling of both and of GitHub's limits, on copies of the Luton sample."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import PLANS, ROOT

import plancheck
from plancheck.cli import cli
from plancheck.findings import Finding, fingerprints

SCHEMAS = ROOT / "tests" / "schemas"
REASON_ER = "Council stretch target above the LAA figure, agreed by Cabinet 12/03/2008"
REASON_HS = "Corporate plan follows the PCT's revised trajectory, agreed by the Luton Forum board"
# The three PC201 conflicts of the sample, by the measures they are about.
CONFLICTS = {("CP-H1.1", "L2011-HS1.1"), ("CP-H1.2", "L2011-HS1.2"), ("CP-W1.1", "LAA-E1.1", "L2011-ER1.1")}
# The measures of luton-2011.yaml that get an acceptance (they have no id of their own).
ACCEPTED_ON = {"Proportion of working-age people in employment": REASON_ER,
               "Life expectancy at birth (males)": REASON_HS,
               "Life expectancy at birth (females)": REASON_HS}


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def luton_copy(tmp_path: Path, name: str = "luton") -> Path:
    dest = tmp_path / name
    shutil.copytree(PLANS / "luton", dest)
    return dest


def add_accept(folder: Path, entries: dict[str, str], until: str = "2011/12", file: str = "luton-2011.yaml") -> None:
    """Write ``accept:`` under each measure of ``file`` whose title is a key."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    for title, reason in entries.items():
        line = f"      - title: {title}\n"
        assert text.count(line) == 1, title
        text = text.replace(line, line + f'        accept:\n          - {{check: PC201, reason: "{reason}", '
                                         f"until: {until}, by: Cabinet}}\n")
    path.write_text(text, encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def fix_broken_link(folder: Path) -> None:
    """The sample's one other error (PC101: LAA-E2 supports SCS-W02, meant SCS-W2), fixed."""
    path = folder / "laa-2008-11.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("supports: [SCS-W02]", "supports: [SCS-W2]"),
                    encoding="utf-8")


def as_json(*args) -> tuple[int, dict]:
    res = invoke("check", *args, "--format", "json")
    return res.exit_code, json.loads(res.stdout)


@pytest.fixture
def accepted_luton(tmp_path):
    folder = luton_copy(tmp_path)
    add_accept(folder, ACCEPTED_ON)
    return folder


# -- accepted findings ------------------------------------------------------------------------------
def test_three_pc201_accepted_with_reasons_and_the_run_passes(accepted_luton):
    code, doc = as_json(accepted_luton)
    pc201 = {tuple(f["objects"]): f for f in doc["findings"] if f["code"] == "PC201"}
    assert set(pc201) == CONFLICTS
    assert pc201[("CP-W1.1", "LAA-E1.1", "L2011-ER1.1")]["accepted"] == \
        {"reason": REASON_ER, "until": "2011/12", "by": "Cabinet"}
    assert pc201[("CP-H1.1", "L2011-HS1.1")]["accepted"]["reason"] == REASON_HS
    # The sample's only other error is the planted broken link; accepted ones do not count.
    assert [(f["code"], f["objects"]) for f in doc["findings"]
            if f["severity"] == "error" and f["accepted"] is None] == [("PC101", ["LAA-E2"])]
    assert code == 1 and doc["summary"]["error"] == 1 and doc["summary"]["accepted"] == 3
    fix_broken_link(accepted_luton)
    code, doc = as_json(accepted_luton)
    assert code == 0 and doc["summary"]["error"] == 0 and doc["framework"]["exit_code"] == 0
    assert not [f for f in doc["findings"] if f["code"] in ("PC014", "PC015", "PC016")]
    # Without the acceptances the same plans fail on the three conflicts.
    for path in accepted_luton.glob("luton-2011.yaml"):
        shutil.copy(PLANS / "luton" / path.name, path)
    assert invoke("check", accepted_luton).exit_code == 1


def test_every_format_shows_the_accepted_findings(accepted_luton, tmp_path, monkeypatch):
    fix_broken_link(accepted_luton)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = {}
    for fmt in ("console", "json", "sarif", "junit", "github", "gitlab", "html", "xlsx"):
        report = tmp_path / f"report.{fmt}"
        res = invoke("check", accepted_luton, "--format", fmt, "--output", report, "--fail-on", "error")
        assert res.exit_code == 0, (fmt, res.output)
        out[fmt] = report.read_bytes()
    console = out["console"].decode()
    # Shown under every plan a conflict involves (2 + 2 + 3 plans), each time marked accepted.
    assert console.count("PC201 accepted") == sum(len(c) for c in CONFLICTS) == 7
    assert "PC201 line" not in console and "PC201:" not in console
    assert f"Accepted (does not count): {REASON_ER} (by Cabinet, until 2011/12)" in " ".join(console.split())
    assert "0 errors" in console.splitlines()[-1] and "(and 3 accepted)" in console.splitlines()[-1]

    sarif = json.loads(out["sarif"])
    results = [r for run in sarif["runs"] for r in run["results"] if r["ruleId"] == "PC201"]
    assert len(results) == 3
    laa = accepted_luton.name + "/luton-2011.yaml"
    for r in results:
        (sup,) = r["suppressions"]
        assert sup["status"] == "accepted" and sup["justification"] in (REASON_ER, REASON_HS)
        # The conflicts are located in the community plan; the acceptances are in luton-2011.yaml.
        assert sup["kind"] == "external"
        assert sup["location"]["physicalLocation"]["artifactLocation"]["uri"].endswith(laa)
    assert all("suppressions" not in r for run in sarif["runs"] for r in run["results"] if r["ruleId"] != "PC201")

    junit = ET.fromstring(out["junit"])
    skipped = [c for c in junit.iter("testcase") if c.find("skipped") is not None]
    assert sorted(tuple(c.get("name").split(": ")[1].split(", ")) for c in skipped) == sorted(CONFLICTS)
    assert {c.find("skipped").text for c in skipped} == {f"Accepted: {REASON_ER}", f"Accepted: {REASON_HS}"}
    assert junit.find("testsuite").get("skipped") == "3" and junit.get("failures") == "0"

    assert "PC201" not in out["github"].decode()
    assert "PC201" not in summary.read_text(encoding="utf-8")
    assert "3 accepted findings are not listed" in summary.read_text(encoding="utf-8")
    assert not [i for i in json.loads(out["gitlab"]) if i["check_name"].startswith("PC201")]

    html = out["html"].decode()
    assert html.count("<strong>Accepted</strong> (does not count)") == 7 and REASON_ER in html  # per plan

    book = openpyxl.load_workbook(io.BytesIO(out["xlsx"]))
    rows = list(book["Findings"].iter_rows(values_only=True))
    col = rows[0].index("Accepted because")
    accepted_rows = [r for r in rows[1:] if r[col]]
    assert sorted(r[1] for r in accepted_rows) == ["PC201"] * 7  # a row per plan involved
    assert f"{REASON_ER} (by Cabinet, until 2011/12)" in [r[col] for r in accepted_rows]
    facts = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r[0]}
    assert facts["Errors (must fix)"] == 0 and facts["Accepted (agreed differences, not counted)"] == 3


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_accept_sheet_and_csv_give_the_same_acceptances(accepted_luton, tmp_path, form):
    dest = tmp_path / ("luton.xlsx" if form == "xlsx" else "luton-csv")
    assert invoke("convert", accepted_luton, "--to", form, "--output", dest).exit_code == 0
    if form == "csv":
        rows = (dest / "accept.csv").read_text(encoding="utf-8-sig").splitlines()
        assert rows[0] == "id,check,reason,until,by" and len(rows) == 4
    else:
        sheet = openpyxl.load_workbook(dest)["accept"]
        assert [c.value for c in sheet[1]] == ["id", "check", "reason", "until", "by"]
    _, yaml_doc = as_json(accepted_luton)
    _, doc = as_json(dest)
    project = lambda d: sorted((f["code"], tuple(f["objects"]), json.dumps(f["accepted"])) for f in d["findings"])  # noqa: E731
    assert project(doc) == project(yaml_doc)
    assert doc["summary"]["accepted"] == 3


def test_acceptance_problems_are_located_input_findings(tmp_path):
    folder = luton_copy(tmp_path)
    path = folder / "luton-2011.yaml"
    text = path.read_text(encoding="utf-8")
    obj = "  - id: L2011-ER1\n"
    text = text.replace(obj, obj + "    accept:\n"
                        "      - {check: PC201}\n"                                   # no reason
                        "      - {check: PC2, reason: a prefix is not one check}\n"  # not a check
                        "      - {check: no-baseline, reason: nothing to accept here}\n")  # stale
    path.write_text(text, encoding="utf-8")
    acc = line_of(path, "accept:")
    _, doc = as_json(folder)
    got = sorted((f["code"], f["objects"], f["location"]["line"]) for f in doc["findings"]
                 if f["code"] in ("PC014", "PC015", "PC016"))
    assert got == [("PC014", ["L2011-ER1"], acc + 1), ("PC014", ["L2011-ER1"], acc + 2),
                   ("PC015", ["L2011-ER1"], acc + 3)]
    # The conflict on the objective's measure is not accepted by the reasonless entry.
    er = next(f for f in doc["findings"] if f["code"] == "PC201" and "L2011-ER1.1" in f["objects"])
    assert er["accepted"] is None


def test_objective_and_plan_acceptances_cover_what_is_inside(tmp_path):
    folder = luton_copy(tmp_path)
    path = folder / "luton-2011.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - id: L2011-HS1\n", "  - id: L2011-HS1\n    accept: [{check: conflicting-targets, "
                        "reason: agreed with the PCT}]\n")
    path.write_text(text, encoding="utf-8")
    _, doc = as_json(folder)
    accepted = {tuple(f["objects"]) for f in doc["findings"] if f["accepted"]}
    assert accepted == {("CP-H1.1", "L2011-HS1.1"), ("CP-H1.2", "L2011-HS1.2")}
    # On the plan: every PC301 (no baseline) of the community plan, and nothing else.
    cp = folder / "community-plan-2005-12.yaml"
    text = cp.read_text(encoding="utf-8")
    cp.write_text(text.replace("plan:\n", "plan:\n  accept: [{check: PC301, reason: baselines come from "
                               "the 2009 survey}]\n", 1), encoding="utf-8")
    _, doc = as_json(folder)
    pc301 = [f for f in doc["findings"] if f["code"] == "PC301"]
    assert {f["plan"] for f in pc301 if f["accepted"]} == {"CP"}
    assert all(f["accepted"] for f in pc301 if f["plan"] == "CP")
    assert any(f["accepted"] is None for f in pc301 if f["plan"] != "CP")


def test_until_is_judged_as_of_a_year_never_the_clock(accepted_luton):
    # Default: the year progress is judged as of, the latest year with an actual in the
    # sample (read from the files here, in their 'actuals:' lists), before 2011/12.
    text = "".join(p.read_text(encoding="utf-8") for p in accepted_luton.glob("*.yaml"))
    blocks = re.findall(r"actuals:\n((?:\s+(?:#.*|- \{year: .*)\n)+)", text)
    years = [y for b in blocks for y in re.findall(r"- \{year: (\d{4}(?:/\d\d)?),", b)]
    latest = max(years, key=lambda y: (int(y[:4]) + (1 if "/" in y else 0), "/" in y))
    assert latest == "2006/07"
    result = plancheck.check([accepted_luton])
    assert result.as_of == latest
    assert sum(1 for f in result.findings if f.accepted) == 3
    assert sum(1 for f in plancheck.check([accepted_luton], as_of="2012").findings if f.accepted) == 3
    code, doc = as_json(accepted_luton, "--as-of", "2012/13")
    expired = sorted(tuple(f["objects"]) for f in doc["findings"] if f["code"] == "PC016")
    assert expired == [("L2011-ER1.1",), ("L2011-HS1.1",), ("L2011-HS1.2",)]
    assert not [f for f in doc["findings"] if f["accepted"]]
    assert code == 1 and doc["framework"]["as_of"] == "2012/13"
    assert invoke("check", accepted_luton, "--as-of", "soon").exit_code == 2


def test_a_check_that_did_not_run_makes_no_acceptance_stale(accepted_luton):
    _, doc = as_json(accepted_luton, "--select", "PC0,PC3")
    assert not [f for f in doc["findings"] if f["code"] == "PC015"]
    _, doc = as_json(accepted_luton, "--ignore", "PC201")
    assert not [f for f in doc["findings"] if f["code"] == "PC015"]


def test_unknown_id_in_the_accept_sheet_is_located(tmp_path):
    csv_dir = tmp_path / "csv"
    assert invoke("convert", PLANS / "luton", "--to", "csv", "--output", csv_dir).exit_code == 0
    (csv_dir / "accept.csv").write_text("id,check,reason\nL2011-ER1.1,PC201,stretch target\n"
                                        "L2011-ER9.9,PC201,typo in the id\n", encoding="utf-8")
    _, doc = as_json(csv_dir)
    bad = [f for f in doc["findings"] if f["code"] == "PC014"]
    assert [(Path(f["location"]["file"]).name, f["location"]["line"]) for f in bad] == [("accept.csv", 3)]
    assert [tuple(f["objects"]) for f in doc["findings"] if f["accepted"]] == [("CP-W1.1", "LAA-E1.1", "L2011-ER1.1")]


# -- baselines ---------------------------------------------------------------------------------------
def test_baseline_from_luton_makes_the_next_run_pass_with_nothing_new(tmp_path):
    folder = luton_copy(tmp_path)
    base = tmp_path / "baseline.json"
    res = invoke("check", folder, "--write-baseline", base)
    assert res.exit_code == 0
    before = plancheck.check([folder])
    recorded = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert {key for r in recorded for key in r} == {"fingerprint", "figures", "code", "framework", "objects",
                                                    "message"}  # never a line number
    assert sorted(r["fingerprint"] for r in recorded) == sorted(f.fingerprint for f in before.findings)
    code, doc = as_json(folder, "--baseline", base)
    assert code == 0 and doc["findings"] == [] and doc["framework"]["baselined"] == len(before.findings)
    # Lines move (a comment on top of every file): still nothing new.
    for p in folder.glob("*.yaml"):
        p.write_text("# reviewed\n\n" + p.read_text(encoding="utf-8"), encoding="utf-8")
    code, doc = as_json(folder, "--baseline", base)
    assert code == 0 and doc["findings"] == []


def test_a_changed_finding_is_new(tmp_path):
    folder = luton_copy(tmp_path)
    base = tmp_path / "baseline.json"
    invoke("check", folder, "--write-baseline", base)
    # New figures: the corporate plan moves its employment target from 74 to 76.
    path = folder / "luton-2011.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      - title: Proportion of working-age people in employment")
    block_end = text.index("\n      - title:", start + 10) if "\n      - title:" in text[start + 10:] else len(text)
    block = text[start:block_end]
    assert block.count("value: 74") == 1
    path.write_text(text[:start] + block.replace("value: 74", "value: 76") + text[block_end:], encoding="utf-8")
    code, doc = as_json(folder, "--baseline", base)
    assert [(f["code"], f["objects"]) for f in doc["findings"]] == [("PC201", ["CP-W1.1", "LAA-E1.1", "L2011-ER1.1"])]
    assert code == 1


def test_bad_baseline_files_stop_with_exit_2(tmp_path):
    folder = luton_copy(tmp_path)
    (tmp_path / "folder.json").mkdir()
    cases = {"missing.json": None, "notjson.json": "{", "other.json": '{"findings": []}', "folder.json": None,
             "deep.json": "[" * 100_000 + "]" * 100_000,
             "rows.json": '{"plancheck_baseline": 1, "findings": [{"code": "PC201"}]}'}
    for name, text in cases.items():
        path = tmp_path / name
        if text is not None:
            path.write_text(text, encoding="utf-8")
        res = invoke("check", folder, "--baseline", path)
        assert res.exit_code == 2, name
    with pytest.raises(plancheck.BaselineError):
        plancheck.check([folder], baseline=tmp_path / "rows.json")


def test_baseline_in_the_api(tmp_path):
    folder = luton_copy(tmp_path)
    first = plancheck.check([folder])
    again = plancheck.check([folder], baseline=json.loads(first.baseline()))
    assert again.exit_code == 0 and again.findings == () and again.baselined == len(first.findings)


# -- GitHub limits -------------------------------------------------------------------------------------
def _many(result, n: int, severity: str, words: int = 1):
    """``n`` findings of ``severity`` about made-up objects, stamped as the runner stamps them."""
    proto = next(f for f in result.findings if f.code == "PC301")
    extra = [dataclasses.replace(proto, severity=severity, objects=(f"X-{i}",),
                                 message=f"made-up {i}" + " measure without a baseline" * words)
             for i in range(n)]
    findings = sorted(result.run.findings + extra, key=Finding.sort_key)
    result.run.findings = [dataclasses.replace(f, fingerprint=fp)
                           for f, fp in zip(findings, fingerprints(findings), strict=True)]
    return result


def test_sarif_keeps_at_most_25000_results_errors_first_and_says_so(tmp_path):
    result = _many(plancheck.check([luton_copy(tmp_path)]), 25_100, "warning")
    errors = sum(1 for f in result.findings if f.severity == "error")
    notes: list[str] = []
    doc = json.loads(result.render("sarif", notes=notes))
    (run,) = doc["runs"]
    assert len(run["results"]) == 25_000
    assert sum(1 for r in run["results"] if r["level"] == "error") == errors
    left = len(result.findings) - 25_000
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert f"{left:,} of {len(result.findings):,} findings were left out" in note["message"]["text"]
    assert notes == [note["message"]["text"]]
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(doc)


def test_github_annotations_worst_first_with_a_notice_and_a_summary_under_1_mib(tmp_path, monkeypatch):
    result = _many(plancheck.check([luton_copy(tmp_path)]), 12, "error")
    result = _many(result, 6_000, "warning", words=8)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    lines = result.render("github").splitlines()
    assert lines[0].startswith("::notice title=plancheck::") and "16 errors" in lines[0]
    levels = [re.match(r"::(\w+) ", ln).group(1) for ln in lines[1:]]
    assert levels == sorted(levels, key=["error", "warning", "notice"].index)
    text = summary.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) < 1024 * 1024
    listed = text.count("\n| error |") + text.count("\n| warning |") + text.count("\n| info |")
    more = int(re.search(r"\*\*(\d+) more findings", text).group(1))
    assert listed + more == len(result.findings) and more > 0


# -- SARIF paths, runs and JUnit ---------------------------------------------------------------------------
def test_sarif_uris_are_relative_to_the_repository_root(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    folder = luton_copy(repo / "plans")
    monkeypatch.chdir(repo / "plans")
    doc = json.loads(invoke("check", "luton", "--format", "sarif").stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
    assert "plans/luton/laa-2008-11.yaml" in uris and all(u.startswith("plans/luton/") for u in uris)
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"]
            for r in doc["runs"][0]["results"]} == {"%SRCROOT%"}
    doc = json.loads(invoke("check", "luton", "--format", "sarif", "--base-dir", folder).stdout)
    assert "laa-2008-11.yaml" in {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                                  for r in doc["runs"][0]["results"]}
    run = doc["runs"][0]
    assert run["automationDetails"]["id"] == "plancheck/luton-strategic-plan-framework/"
    assert run["tool"]["driver"]["informationUri"].startswith("https://")


def test_junit_times_names_and_places(tmp_path):
    import junitparser

    folder = luton_copy(tmp_path)
    report = tmp_path / "junit.xml"
    invoke("check", folder, "--format", "junit", "--output", report)
    xml = junitparser.JUnitXml.fromfile(str(report))
    cases = [c for suite in xml for c in suite]
    result = plancheck.check([folder])
    assert len(cases) == len(result.findings)
    assert all(c.time > 0 for c in cases)
    assert len({(c.classname, c.name) for c in cases}) == len(cases)
    root = ET.parse(report).getroot()
    places = [(c.get("file"), c.get("line")) for c in root.iter("testcase")]
    expected = [(f.source.file, str(f.source.line) if f.source.line else None) for f in result.findings]
    assert sorted(places, key=str) == sorted(expected, key=str)


# -- Microsoft's SARIF multitool with GitHub's rules ------------------------------------------------------
def _multitool():
    npx = shutil.which("npx")
    if npx is None:
        pytest.skip("npx (Node.js) is not installed")
    cmd = [npx, "--yes", "@microsoft/sarif-multitool"]
    try:
        done = subprocess.run([*cmd, "--version"], capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        pytest.skip("the SARIF multitool could not be fetched in time")
    if done.returncode != 0 or "SARIF Multitool" not in done.stdout + done.stderr:
        pytest.skip("the SARIF multitool (npm @microsoft/sarif-multitool) cannot run here")
    return cmd


def _validate(cmd, sarif: Path, kind: str) -> list[tuple[str, str]]:
    out = sarif.with_suffix(f".{kind}.validation.sarif")
    subprocess.run([*cmd, "validate", "--rule-kind", kind, "-o", str(out), str(sarif)],
                   capture_output=True, text=True, timeout=300)
    log = json.loads(out.read_text(encoding="utf-8-sig"))
    return [(r["ruleId"], r.get("level", "warning")) for run in log["runs"] for r in run.get("results", [])]


def test_sarif_passes_the_multitool_with_github_rules(accepted_luton, tmp_path):
    cmd = _multitool()
    sarif = tmp_path / "plancheck.sarif"
    assert invoke("check", accepted_luton, "--format", "sarif", "--output", sarif).exit_code == 1
    for kind in ("Gh", "Sarif"):  # GitHub's ingestion rules; the SARIF spec's rules
        problems = [p for p in _validate(cmd, sarif, kind) if p[1] in ("error", "warning")]
        assert problems == [], kind
    # The validator is live: an absolute URI and a message without text break GitHub's rules.
    doc = json.loads(sarif.read_text(encoding="utf-8"))
    first = doc["runs"][0]["results"][0]
    first["locations"][0]["physicalLocation"]["artifactLocation"] = {"uri": "file:///elsewhere/plan.yaml"}
    first["message"] = {"id": "no-such-message"}
    bad = tmp_path / "broken.sarif"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    assert [p for p in _validate(cmd, bad, "Gh") if p[1] == "error"]


def test_several_frameworks_get_a_sarif_run_and_a_junit_suite_each(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    first = luton_copy(repo / "plans", "luton")
    second = luton_copy(repo / "plans", "dunstable")
    settings = second / "plancheck.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "name: Luton strategic plan framework", "name: Dunstable test framework"), encoding="utf-8")
    add_accept(second, ACCEPTED_ON)
    monkeypatch.chdir(repo)
    doc = json.loads(invoke("check", "plans", "--format", "sarif").stdout)
    runs = {run["automationDetails"]["id"]: run for run in doc["runs"]}
    assert set(runs) == {"plancheck/luton-strategic-plan-framework/", "plancheck/dunstable-test-framework/"}
    for run_id, folder in (("plancheck/luton-strategic-plan-framework/", first),
                           ("plancheck/dunstable-test-framework/", second)):
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in runs[run_id]["results"]}
        assert uris and all(u.startswith(f"plans/{folder.name}/") for u in uris)
    suppressed = {run_id: sum(1 for r in run["results"] if "suppressions" in r) for run_id, run in runs.items()}
    assert suppressed == {"plancheck/luton-strategic-plan-framework/": 0, "plancheck/dunstable-test-framework/": 3}
    junit = ET.fromstring(invoke("check", "plans", "--format", "junit").stdout)
    suites = {s.get("name"): s for s in junit.findall("testsuite")}
    assert set(suites) == {"plancheck: Luton strategic plan framework", "plancheck: Dunstable test framework"}
    assert suites["plancheck: Dunstable test framework"].get("skipped") == "3"
