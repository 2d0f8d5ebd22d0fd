"""Machine formats for CI: SARIF, JUnit, GitHub annotations, GitLab Code Quality.

Each is checked against its published schema or documented rules (tests/schemas/README.md)
and against golden files rendered from the sample (regenerate with
``.venv/bin/python tests/golden/regenerate.py`` from the repository root).
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path

import jsonschema
import pytest
import xmlschema
import yaml
from conftest import ROOT, write_framework

from plancheck.config import Settings
from plancheck.findings import Finding, fingerprints
from plancheck.model import Source
from plancheck.report import ReportOptions, render
from plancheck.report.github import escape_data, escape_property
from plancheck.run import run

SCHEMAS = Path(__file__).resolve().parent / "schemas"
GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(GOLDEN))
import regenerate  # noqa: E402

PLAN = """
plan:
  id: CSP
  title: Community Safety Partnership Plan
  kind: partnership-plan
  period: {start: 2008/09, end: 2010/13}
  colour: blue
objectives:
  - id: CSP-1
    title: Fewer repeat victims of domestic abuse
    measures:
      - title: Repeat incidents of domestic violence
        direction: downwards
"""


@pytest.fixture
def sample(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return run(regenerate.INPUTS, Settings(name="Luton strategic plan framework"))


def _render(fmt, result) -> str:
    return render(fmt, result, ReportOptions())


def _with_findings(result, extra):
    """Add findings made by hand, stamped with fingerprints as the runner stamps them."""
    findings = sorted(result.findings + extra, key=Finding.sort_key)
    result.findings = [dataclasses.replace(f, fingerprint=fp) for f, fp in zip(findings, fingerprints(findings), strict=True)]
    return result


WORKBOOK_FINDING = Finding("PC003", "missing-field", "input", "error", "Measure LAA-E1.1 has no title",
                           "LAA", ("LAA-E1.1",), Source("plans/luton.xlsx", sheet="measures", cell="D7"))


# -- golden files ---------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", sorted(regenerate.FILES))
def test_golden_files_match(sample, fmt):
    expected = (GOLDEN / regenerate.FILES[fmt]).read_text(encoding="utf-8")
    got = regenerate.normalise(_render(fmt, sample))
    assert got == expected, "output changed: run tests/golden/regenerate.py and review the diff"


def test_golden_input_has_findings_of_every_kind_rendered(sample):
    # The golden files must exercise errors and warnings, not an empty report.
    assert {f.severity for f in sample.findings} >= {"error", "warning"}


# -- SARIF ------------------------------------------------------------------------------------------
def _sarif_validator():
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_sarif_is_valid_against_the_published_schema(sample):
    doc = json.loads(_render("sarif", _with_findings(sample, [WORKBOOK_FINDING])))
    errors = sorted(_sarif_validator().iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, errors[0].message


def test_sarif_schema_rejects_a_broken_log():
    # The validator is live: a result without a message is not SARIF.
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "PC1"}]}]}
    assert list(_sarif_validator().iter_errors(bad))


def test_sarif_rules_and_results_as_github_wants(sample):
    doc = json.loads(_render("sarif", _with_findings(sample, [WORKBOOK_FINDING])))
    run_ = doc["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(c.code for c in sample.checks)
    for r in rules:
        assert r["name"] and r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
    by_code = {r["ruleId"]: r for r in run_["results"]}
    bad_year = by_code["PC005"]
    assert bad_year["level"] == "error"
    assert rules[bad_year["ruleIndex"]]["id"] == "PC005"
    loc = bad_year["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "tests/golden/extra/partnership-plan.yaml"
    assert loc["region"]["startLine"] == 8
    assert by_code["PC002"]["level"] == "warning"
    book = by_code["PC003"]
    assert book["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "plans/luton.xlsx"
    assert "region" not in book["locations"][0]["physicalLocation"]
    assert "sheet measures, cell D7" in book["message"]["text"]


def _fingerprints(result) -> dict:
    doc = json.loads(_render("sarif", result))
    return {(r["ruleId"], r["message"]["text"]): r["partialFingerprints"] for r in doc["runs"][0]["results"]}


def test_sarif_fingerprints_survive_unrelated_edits(tmp_path):
    folder = write_framework(tmp_path / "fw", {"csp.yaml": PLAN})
    before = run([str(folder)], Settings())
    # An unrelated edit: a comment block at the top moves every line down.
    text = (folder / "csp.yaml").read_text()
    (folder / "csp.yaml").write_text("# reviewed by the partnership board\n# March 2009\n\n" + text)
    after = run([str(folder)], Settings())
    assert [f.source.line + 3 for f in before.findings] == [f.source.line for f in after.findings]
    assert _fingerprints(before) == _fingerprints(after)
    values = [fp for fps in _fingerprints(before).values() for fp in fps.values()]
    assert len(values) == len(set(values)) == len(before.findings)


def test_sarif_fingerprint_keys_on_objects_not_lines():
    base = Finding("PC201", "conflicting-targets", "target-conflict", "error", "m", "LAA",
                   ("LAA-E1.1", "L2011-4.2"), Source("laa.yaml", 21))
    moved = Finding("PC201", "conflicting-targets", "target-conflict", "error", "m", "LAA",
                    ("LAA-E1.1", "L2011-4.2"), Source("laa.yaml", 40))
    other = Finding("PC201", "conflicting-targets", "target-conflict", "error", "m", "LAA",
                    ("LAA-E2.1", "L2011-4.2"), Source("laa.yaml", 21))
    from plancheck.findings import fingerprints

    a, b, c = fingerprints([base]), fingerprints([moved]), fingerprints([other])
    assert a == b and a != c


# -- JUnit -------------------------------------------------------------------------------------------
def _junit_schema():
    return xmlschema.XMLSchema(str(SCHEMAS / "jenkins-junit.xsd"))


def _without_file_line(text: str) -> str:
    """Jenkins' XSD does not list the testcase ``file``/``line`` attributes that Jenkins,
    GitLab and pytest's own JUnit files use; everything else must follow it."""
    import re

    return re.sub(r' (file|line)="[^"]*"', "", text)


def test_junit_is_valid_against_the_jenkins_schema(sample):
    text = _render("junit", sample)
    assert ' file="plans/luton/' in text  # the stripped attributes were really there
    _junit_schema().validate(_without_file_line(text))


# Severities of the checks the golden input triggers, as the README's table of checks gives them.
README_SEVERITY = {"PC002": "warning", "PC005": "error", "PC008": "warning", "PC101": "error",
                   "PC106": "warning", "PC107": "warning", "PC108": "info", "PC109": "info", "PC201": "error",
                   "PC301": "warning", "PC302": "warning", "PC303": "warning", "PC304": "warning",
                   "PC305": "warning", "PC307": "warning", "PC401": "warning", "PC402": "warning",
                   "PC403": "info", "PC601": "warning", "PC602": "warning", "PC603": "warning",
                   "PC604": "warning", "PC605": "info"}
FAILS_AT = {"error": {"error"}, "warning": {"error", "warning"}, "info": {"error", "warning", "info"},
            "never": set()}


def test_junit_failing_cases_are_the_planted_errors(sample):
    """Default --fail-on error: the failing cases are the broken link, the three planted
    conflicts (tests/data/luton_planted.yaml) and the bad year of the extra plan."""
    import xml.etree.ElementTree as ET

    planted = yaml.safe_load((ROOT / "tests" / "data" / "luton_planted.yaml").read_text("utf-8"))
    root = ET.fromstring(_render("junit", sample))
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == len(sample.findings)
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    expected = ([("PC101 unknown-supports-id", {child}) for child in planted["broken_links"]]
                + [("PC201 conflicting-targets", set(c["measures"])) for c in planted["conflicts"]]
                + [("PC005 bad-year", set())])
    assert len(failed) == len(expected) == 5
    for head, objects in expected:
        match = [n for n in failed if n.startswith(head) and objects <= set(re.findall(r"[A-Z0-9]+-[A-Z0-9.]+", n))]
        assert len(match) == 1, (head, objects, failed)
    assert sum(int(s.get("failures")) for s in root.findall("./testsuite")) == 5


@pytest.mark.parametrize("fail_on", ["warning", "info", "never"])
def test_junit_failures_follow_fail_on(monkeypatch, fail_on):
    import xml.etree.ElementTree as ET

    monkeypatch.chdir(ROOT)
    result = run(regenerate.INPUTS, Settings(name="Luton strategic plan framework"), fail_on=fail_on)
    root = ET.fromstring(_render("junit", result))
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == len(result.findings)
    for case in cases:
        code = case.get("name").split(" ", 1)[0]
        should_fail = README_SEVERITY[code] in FAILS_AT[fail_on]
        assert (case.find("failure") is not None) == should_fail, (fail_on, case.get("name"))
    assert result.exit_code == (0 if fail_on == "never" else 1)


def test_junit_clean_run_has_one_passing_case(tmp_path):
    folder = write_framework(tmp_path / "fw", {"csp.yaml": PLAN.replace("2010/13", "2010/11")
                                               .replace("  colour: blue\n", "").replace("downwards", "decrease")})
    result = run([str(folder)], Settings(), select=["PC0"])  # reading checks only: none fires
    assert result.findings == []
    text = _render("junit", result)
    _junit_schema().validate(_without_file_line(text))
    import xml.etree.ElementTree as ET

    cases = ET.fromstring(text).findall("./testsuite/testcase")
    assert len(cases) == 1 and cases[0].find("failure") is None


def test_junit_schema_rejects_misordered_elements():
    bad = '<testsuites><testsuite name="x" tests="1"><testcase name="a"><system-out>o</system-out>' \
          '<failure message="m"/></testcase></testsuite></testsuites>'
    assert not _junit_schema().is_valid(bad)


# -- GitHub annotations ------------------------------------------------------------------------------
def test_github_escaping():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a: b, c%") == "a%3A b%2C c%25"


def test_github_annotations_one_line_per_finding(sample):
    lines = _render("github", _with_findings(sample, [WORKBOOK_FINDING])).splitlines()
    assert lines[0].startswith("::notice title=plancheck::")  # more than 10 warnings: GitHub hides some
    lines = lines[1:]
    assert len(lines) == len(sample.findings)
    by_code = {ln.split("title=")[1].split(" ")[0]: ln for ln in lines}
    assert by_code["PC005"].startswith("::error file=tests/golden/extra/partnership-plan.yaml,line=8,title=PC005 ")
    assert by_code["PC002"].startswith("::warning ")
    assert by_code["PC003"].startswith("::error file=plans/luton.xlsx,title=PC003 ")
    assert by_code["PC003"].endswith("(sheet measures, cell D7)")


def test_github_message_with_newline_and_percent_stays_on_one_line(sample):
    odd = Finding("PC002", "unknown-field", "input", "info", "50% done\nsecond line", None, (),
                  Source("a,b:c.yaml", 3))
    text = _render("github", _with_findings(sample, [odd]))
    line = [ln for ln in text.splitlines() if "50%25" in ln]
    assert line == ["::notice file=a%2Cb%3Ac.yaml,line=3,title=PC002 unknown-field::50%25 done%0Asecond line"]


def test_github_step_summary_appended(sample, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _render("github", sample)
    text = summary.read_text()
    assert text.startswith("earlier step\n## plancheck: Luton strategic plan framework")
    assert text.count("\n| error |") == sum(f.severity == "error" for f in sample.findings)


# -- GitLab Code Quality ------------------------------------------------------------------------------
def test_gitlab_required_fields(sample):
    issues = json.loads(_render("gitlab", _with_findings(sample, [WORKBOOK_FINDING])))
    assert len(issues) == len(sample.findings)
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["path"], str) and not issue["location"]["path"].startswith("/")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    sev = {i["check_name"].split()[0]: i["severity"] for i in issues}
    assert sev["PC005"] == "major" and sev["PC002"] == "minor"


def test_formats_listed_in_cli(sample):
    from plancheck.report import FORMATS

    assert {"xlsx", "sarif", "junit", "github", "gitlab"} <= set(FORMATS)
    assert FORMATS["xlsx"][1] is True


def test_a_finding_with_its_fingerprint_keeps_every_other_field():
    # Built field by field for speed: a field added to Finding must be carried over.
    from dataclasses import fields, replace

    import plancheck
    from plancheck.findings import Accepted

    found = plancheck.check(ROOT / "plans" / "luton").findings
    assert any(f.details for f in found)
    findings = [*found, *(replace(f, accepted=Accepted("Agreed by Cabinet", "2011/12")) for f in found[:5])]
    for f in findings:
        given = f.with_fingerprint("0123abcd")
        wanted = replace(f, fingerprint="0123abcd")
        assert [getattr(given, x.name) for x in fields(f)] == [getattr(wanted, x.name) for x in fields(f)]
