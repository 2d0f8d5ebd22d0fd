"""The command line: exit codes (contract section 5), JSON per the contract, rules/explain."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import PLANS, ROOT, write_framework

from plancheck import __version__
from plancheck.checks import all_checks
from plancheck.cli import cli

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "findings.schema.json").read_text())

GOOD = """
plan: {id: SCS, title: Luton Sustainable Community Strategy 2008-2026, kind: sustainable-community-strategy,
       period: {start: 2008/09, end: 2025/26}}
objectives:
  - id: SCS-W2
    title: More local people in good jobs
    lead: Luton Forum
    measures:
      - indicator: NI 151
        title: Overall employment rate
        unit: percent
        direction: increase
        kind: outcome
        baseline: {value: 67.8, year: 2007/08}
        targets: [{year: 2010/11, value: 70.0}]
"""


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_json_follows_the_contract_on_the_sample():
    res = invoke("check", str(PLANS / "luton"), "--format", "json")
    doc = json.loads(res.output)
    jsonschema.validate(doc, SCHEMA)
    assert doc["tool"] == {"name": "plancheck", "version": __version__}
    assert doc["summary"]["plans"] == 4
    assert res.exit_code == 1  # the sample has errors on purpose (README)
    assert doc["summary"]["error"] > 0


def test_clean_framework_exits_0_and_warning_threshold(tmp_path):
    folder = write_framework(tmp_path / "fw", {"scs.yaml": GOOD})
    assert invoke("check", str(folder)).exit_code == 0
    warn = GOOD.replace("    lead: Luton Forum\n", "    lead: Luton Forum\n    colour: green\n")
    folder = write_framework(tmp_path / "fw2", {"scs.yaml": warn})
    assert invoke("check", str(folder)).exit_code == 0  # a warning does not fail by default
    assert invoke("check", str(folder), "--fail-on", "warning").exit_code == 1
    assert invoke("check", str(folder), "--fail-on", "never").exit_code == 0
    assert invoke("check", str(folder), "--ignore", "PC002", "--fail-on", "warning").exit_code == 0


def test_unparseable_file_is_exit_1_not_2(tmp_path):
    folder = write_framework(tmp_path / "fw", {"scs.yaml": GOOD, "bad.yaml": "plan: [\n"})
    res = invoke("check", str(folder), "--format", "json")
    assert res.exit_code == 1
    codes = [(f["code"], f["location"]["file"].rsplit("/", 1)[-1]) for f in json.loads(res.output)["findings"]]
    assert ("PC001", "bad.yaml") in codes


@pytest.mark.parametrize("args", [
    ["check", "no/such/folder"],
    ["check", "{fw}", "--format", "pdf"],
    ["check", "{fw}", "--select", "PC999"],
    ["check", "{fw}", "--ignore", "no-such-check"],
    ["check", "{fw}", "--fail-on", "sometimes"],
    ["explain", "PC999"],
])
def test_cannot_run_is_exit_2(tmp_path, args):
    folder = write_framework(tmp_path / "fw", {"scs.yaml": GOOD})
    res = CliRunner().invoke(cli, [a.replace("{fw}", str(folder)) for a in args])
    assert res.exit_code == 2


def test_bad_settings_file_is_exit_2(tmp_path):
    folder = write_framework(tmp_path / "fw", {"scs.yaml": GOOD, "plancheck.yaml": "ignor: [PC002]\n"})
    res = CliRunner().invoke(cli, ["check", str(folder)])
    assert res.exit_code == 2 and "ignore" in res.output


def test_settings_select_ignore_and_severity(tmp_path):
    warn = GOOD.replace("    lead: Luton Forum\n", "    lead: Luton Forum\n    colour: green\n")
    folder = write_framework(tmp_path / "fw", {"scs.yaml": warn, "plancheck.yaml": "severity: {PC002: error}\n"})
    res = invoke("check", str(folder), "--format", "json")
    assert [(f["code"], f["severity"]) for f in json.loads(res.output)["findings"]] == [("PC002", "error")]
    assert res.exit_code == 1
    (folder / "plancheck.yaml").write_text("severity: {unknown-field: 'off'}\n")
    assert json.loads(invoke("check", str(folder), "--format", "json").output)["findings"] == []


def test_output_report_is_replaced_like_a_build_artefact(tmp_path):
    folder = write_framework(tmp_path / "fw", {"scs.yaml": GOOD})
    out = tmp_path / "report.json"
    out.write_text("an old report\n")
    assert invoke("check", str(folder), "-f", "json", "-o", str(out)).exit_code == 0
    jsonschema.validate(json.loads(out.read_text()), SCHEMA)
    # --force is still accepted, and does the same
    assert invoke("check", str(folder), "-f", "json", "-o", str(out), "--force").exit_code == 0
    jsonschema.validate(json.loads(out.read_text()), SCHEMA)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_never_writes_over_an_input_file(tmp_path):
    folder = write_framework(tmp_path / "fw", {"scs.yaml": GOOD})
    before = (folder / "scs.yaml").read_bytes()
    res = CliRunner().invoke(cli, ["check", str(folder), "-f", "json", "-o", str(folder / "scs.yaml"), "--force"])
    assert res.exit_code == 2
    assert (folder / "scs.yaml").read_bytes() == before


def test_console_has_no_colour_when_not_a_terminal_and_respects_no_color(tmp_path):
    folder = write_framework(tmp_path / "fw", {"scs.yaml": "plan: [\n"})
    res = invoke("check", str(folder))
    assert "\x1b[" not in res.output
    res = CliRunner(env={"NO_COLOR": "1"}).invoke(cli, ["check", str(folder), "--color"])
    assert "\x1b[" in res.output  # an explicit --color wins over NO_COLOR
    res = CliRunner(env={"NO_COLOR": "1"}).invoke(cli, ["check", str(folder)])
    assert "\x1b[" not in res.output


def test_rules_and_explain_cover_every_check():
    res = invoke("rules", "--format", "json")
    listed = json.loads(res.output)
    assert [r["code"] for r in listed] == [c.code for c in all_checks()]
    for c in all_checks():
        out = invoke("explain", c.code).output
        assert c.code in out and c.name in out
        assert invoke("explain", c.name).exit_code == 0


def test_every_check_is_documented_with_a_fix():
    for c in all_checks():
        assert c.summary and c.body, c.code
        assert "Fix:" in c.body, f"{c.code} does not tell the officer how to fix it"


def test_each_check_and_summary_is_registered_with_its_own_function_and_docstring():
    # Checks are registered by check(...)(func), not decorated, so that mutmut mutates
    # their bodies; under mutmut each is its trampoline, which must keep the docstring.
    import ast
    import importlib
    import inspect

    from plancheck.checks.context import SUMMARIES

    graph_checks = [c for c in all_checks() if c.func is not None]
    assert len(graph_checks) >= 30
    for c in graph_checks:
        module = importlib.import_module(c.func.__module__)
        assert getattr(module, c.func.__name__) is c.func, c.code
        tree = ast.parse(inspect.getsource(module))
        defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        assert c.doc == ast.get_docstring(defs[c.func.__name__], clean=False), c.code
        assert c.summary and c.code not in c.summary
    assert set(SUMMARIES) == {"traceability", "indicators", "measurability", "progress"}
    for name, func in SUMMARIES.items():
        assert getattr(importlib.import_module(func.__module__), func.__name__) is func, name


def test_version_and_module_entry_point():
    assert invoke("--version").output.strip().endswith(__version__)
    proc = subprocess.run([sys.executable, "-m", "plancheck", "check", str(PLANS / "luton"), "-f", "json"],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and json.loads(proc.stdout)["summary"]["plans"] == 4


def test_report_file_gets_ordinary_permissions(tmp_path):
    import os
    import stat

    folder = write_framework(tmp_path / "fw", {"scs.yaml": GOOD})
    out = tmp_path / "report.json"
    invoke("check", str(folder), "-f", "json", "-o", str(out))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_unquoted_off_in_settings_turns_a_check_off(tmp_path):
    warn = GOOD.replace("    lead: Luton Forum\n", "    lead: Luton Forum\n    colour: green\n")
    folder = write_framework(tmp_path / "fw", {"scs.yaml": warn, "plancheck.yaml": "severity: {PC002: off}\n"})
    assert json.loads(invoke("check", str(folder), "--format", "json").output)["findings"] == []


def test_summaries_follow_the_selected_checks():
    doc = json.loads(invoke("check", str(PLANS / "luton"), "-f", "json", "--select", "PC2").output)
    assert set(doc["summaries"]) == {"indicators"}
    doc = json.loads(invoke("check", str(PLANS / "luton"), "-f", "json", "--ignore", "PC2").output)
    assert set(doc["summaries"]) == {"traceability", "measurability", "progress"}
    doc = json.loads(invoke("check", str(PLANS / "luton"), "-f", "json", "--select", "PC4").output)
    assert set(doc["summaries"]) == {"measurability"}


def test_check_pauses_the_cyclic_collector_only_while_it_runs(monkeypatch):
    """The command turns the collector off for its run (its scans of the results were
    most of the calling process's work) and on again after, even when it exits 1."""
    import gc

    from plancheck import api

    seen = []
    real = api.check

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "check", spy)
    assert gc.isenabled()
    outcome = CliRunner().invoke(cli, ["check", str(PLANS / "luton")])
    assert outcome.exit_code == 1 and seen == [False]
    assert gc.isenabled()


def test_check_releases_its_result_before_the_collector_comes_back(monkeypatch):
    """A result still held when the collector is turned on again is scanned whole, after
    the work is done (0.07 s at 150 areas): it is released first."""
    import gc
    import weakref

    from plancheck import api

    refs = []
    real_check, real_enable = api.check, gc.enable
    alive_at_enable = []

    def spy(*args, **kwargs):
        result = real_check(*args, **kwargs)
        refs.append(weakref.ref(result))
        return result

    def enable():
        alive_at_enable.append(refs[0]() is not None if refs else None)
        real_enable()

    monkeypatch.setattr(api, "check", spy)
    monkeypatch.setattr(gc, "enable", enable)
    outcome = CliRunner().invoke(cli, ["check", str(PLANS / "luton")])
    assert outcome.exit_code == 1
    assert alive_at_enable == [False]
