"""Behaviours at the edges that one-line changes to plancheck/ once survived (issue 19).

Each test is written from the input and the contract (docs/plan-format.md) or the
documented behaviour, and each was checked to fail with its mutant applied (see
tests/MUTATION.md). Assertions are on codes, objects, exit codes and ids, never on text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLANS, write_framework

import plancheck

# --------------------------------------------------------------------------- helpers


def _plan(pid: str, kind: str, objective: str, measure: str) -> str:
    return (f"plan: {{id: {pid}, title: {pid} plan, kind: {kind}, period: {{start: 2006/07, end: 2012/13}}}}\n"
            f"objectives:\n  - id: {pid}-1\n    title: {objective}\n    measures:\n{measure}")


def _measure(title: str, *, indicator: str | None = None, unit: str = "number", direction: str = "increase",
             baseline: tuple | None = None, targets: tuple = ()) -> str:
    lines = [f"      - title: {title}", f"        unit: {unit}", f"        direction: {direction}"]
    if indicator:
        lines.append(f"        indicator: {indicator}")
    if baseline:
        lines.append(f"        baseline: {{value: {baseline[0]}, year: '{baseline[1]}'}}")
    if targets:
        lines.append("        targets:")
        lines += [f"          - {{year: '{y}', value: {v}}}" for y, v in targets]
    return "\n".join(lines) + "\n"


def _found(result, code: str) -> list[tuple]:
    return sorted(tuple(sorted(f.objects)) for f in result.findings if f.code == code)


def _two_plans_targets(tmp_path, a: float, b: float, settings: str | None = None):
    """Two plans, one coded indicator, one target each for 2010/11: does PC201 fire?"""
    files = {
        "cp.yaml": _plan("CP", "community-plan", "More local businesses",
                         _measure("New business registrations", indicator="NI 171", targets=[("2010/11", a)])),
        "laa.yaml": _plan("LAA", "local-area-agreement", "A thriving local economy",
                          _measure("New business registrations", indicator="NI 171", targets=[("2010/11", b)])),
    }
    if settings is not None:
        files["plancheck.yaml"] = settings
    folder = write_framework(tmp_path / f"fw-{a}-{b}", files)
    return plancheck.check([str(folder)], select=["PC201"])


# ------------------------------------------------------- 1. relative tolerance of the larger
# Defaults (README, settings): tolerance_absolute 0.05, tolerance_relative 0.005 "of the larger".
# 100 and 100.502 differ by 0.502: more than 0.05 and more than 0.5% of the smaller (0.5),
# but within 0.5% of the larger (0.50251). They agree. 100 and 100.51 do not (0.51 > 0.50255).
@pytest.mark.parametrize("a, b", [(100, 100.502), (100.502, 100)])
def test_relative_tolerance_is_a_share_of_the_larger_value(tmp_path, a, b):
    assert _found(_two_plans_targets(tmp_path, a, b), "PC201") == []


@pytest.mark.parametrize("a, b", [(100, 100.51), (100.51, 100)])
def test_just_beyond_the_relative_tolerance_is_a_conflict(tmp_path, a, b):
    assert _found(_two_plans_targets(tmp_path, a, b), "PC201") == [("CP-1.1", "LAA-1.1")]


def test_relative_tolerance_applies_to_negative_figures_by_size(tmp_path):
    # -100 and -100.502: the larger in size is 100.502, so they agree as their positives do.
    assert _found(_two_plans_targets(tmp_path, -100, -100.502), "PC201") == []


def test_tolerance_settings_are_used(tmp_path):
    # 100 and 100.502 with no relative tolerance: only the absolute one (0.05) applies.
    loose = _two_plans_targets(tmp_path, 100, 100.502, "indicators: {tolerance_relative: 0}\n")
    assert _found(loose, "PC201") == [("CP-1.1", "LAA-1.1")]
    # 100 and 100.6 agree with an absolute tolerance of 0.6.
    wide = _two_plans_targets(tmp_path, 100, 100.6, "indicators: {tolerance_absolute: 0.6}\n")
    assert _found(wide, "PC201") == []


# --------------------------------------------------- 2. PC204 only after the baseline's point
def _pc204(tmp_path, base_year: str, target_year: str, name: str):
    measure = _measure("Adults taking part in sport", unit="percent", direction="increase",
                       baseline=(25, base_year), targets=[(target_year, 20)])
    folder = write_framework(tmp_path / name, {"cp.yaml": _plan("CP", "community-plan", "A healthier town",
                                                                measure)})
    return plancheck.check([str(folder)], select=["PC204"])


def test_pc204_ignores_a_target_at_the_baselines_own_point(tmp_path):
    # "a target after the baseline year is below the baseline": a target for the baseline's
    # own year is not after it, whether written the same way or as the same point (2010/11, 2011).
    assert _found(_pc204(tmp_path, "2007/08", "2007/08", "same"), "PC204") == []
    assert _found(_pc204(tmp_path, "2010/11", "2011", "same-point"), "PC204") == []


def test_pc204_reports_a_target_after_the_baseline(tmp_path):
    assert _found(_pc204(tmp_path, "2007/08", "2008/09", "after"), "PC204") == [("CP-1.1",)]
    # 2010 is a different point from 2010/11 (contract section 2): after it.
    assert _found(_pc204(tmp_path, "2010", "2010/11", "fy-after-cy"), "PC204") == [("CP-1.1",)]


# ------------------------------------------------------ 3. exit 2 from the real entry point
GOOD = _plan("SCS", "sustainable-community-strategy", "More local people in work",
             _measure("Overall employment rate", indicator="NI 151", unit="percent",
                      baseline=(67.8, "2007/08"), targets=[("2010/11", 70.0)]))


def _console_script() -> Path:
    exe = Path(sys.executable).parent / ("plancheck.exe" if os.name == "nt" else "plancheck")
    assert exe.is_file(), f"the console script is not installed beside {sys.executable} (pip install -e .)"
    return exe


ENTRY_POINTS = {"module": [sys.executable, "-m", "plancheck"], "script": None}


def _entry(kind: str) -> list[str]:
    return [str(_console_script())] if kind == "script" else ENTRY_POINTS[kind]


USAGE_ERRORS = {
    "bad-format": ["check", "{fw}", "--format", "pdf"],            # a bad option value
    "unknown-option": ["check", "{fw}", "--no-such-option"],        # an unknown option
    "missing-path": ["check", "{missing}"],                         # a path that does not exist
    "unknown-check": ["check", "{fw}", "--select", "PC999"],        # no such check
    "settings-key": ["check", "{fw}", "--config", "{badconfig}"],   # settings with an unknown key
    "settings-type": ["check", "{fw}", "--config", "{badtype}"],    # settings with a wrong type
    "folder-settings": ["check", "{badfw}"],                        # plancheck.yaml beside the plans
    "explain-unknown": ["explain", "PC999"],
    "unknown-command": ["no-such-command"],
}
# Every case through ``python -m plancheck``; the contract's three kinds (bad option, missing
# path, bad settings) and click's own usage error also through the installed console script.
CASES = [("module", k) for k in USAGE_ERRORS] + [
    ("script", k) for k in ("bad-format", "missing-path", "folder-settings", "unknown-command")]


@pytest.mark.parametrize("kind, case", CASES, ids=[f"{k}-{c}" for k, c in CASES])
def test_usage_errors_exit_2_from_the_installed_entry_points(tmp_path, kind, case):
    folder = write_framework(tmp_path / "fw", {"scs.yaml": GOOD})
    (tmp_path / "bad.yaml").write_text("ignor: [PC002]\n", encoding="utf-8")
    (tmp_path / "badtype.yaml").write_text("fail_on: [error]\n", encoding="utf-8")
    bad_folder = write_framework(tmp_path / "badfw", {"scs.yaml": GOOD, "plancheck.yaml": "fail_on: sometimes\n"})
    subs = {"{fw}": str(folder), "{badfw}": str(bad_folder), "{missing}": str(tmp_path / "no" / "such"),
            "{badconfig}": str(tmp_path / "bad.yaml"),
            "{badtype}": str(tmp_path / "badtype.yaml")}
    argv = [subs.get(a, a) for a in USAGE_ERRORS[case]]
    proc = subprocess.run(_entry(kind) + argv, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-500:])
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("kind", sorted(ENTRY_POINTS))
def test_entry_points_exit_0_clean_and_1_for_luton(tmp_path, kind):
    folder = write_framework(tmp_path / "fw", {"scs.yaml": GOOD})
    clean = subprocess.run(_entry(kind) + ["check", str(folder), "-q"], capture_output=True, text=True, timeout=120)
    assert clean.returncode == 0, clean.stderr[-500:]
    luton = subprocess.run(_entry(kind) + ["check", str(PLANS / "luton"), "--format", "json"],
                           capture_output=True, text=True, timeout=120)
    assert luton.returncode == 1  # the sample has errors on purpose (README)
    assert json.loads(luton.stdout)["summary"]["plans"] == 4


# ---------------------------------------------------------------- 4. "did you mean" for ids
def _broken_link(tmp_path, written: str, parents: list[str]):
    objectives = "".join(f"  - {{id: {p}, title: Parent objective {i}}}\n" for i, p in enumerate(parents))
    scs = "plan: {id: SCS, title: Strategy, kind: sustainable-community-strategy}\nobjectives:\n" + objectives
    laa = ("plan: {id: LAA, title: Agreement, kind: local-area-agreement, derives_from: [SCS]}\n"
           f"objectives:\n  - {{id: LAA-E2, title: Fewer people on out of work benefits, supports: ['{written}']}}\n")
    folder = write_framework(tmp_path / "fw", {"scs.yaml": scs, "laa.yaml": laa})
    result = plancheck.check([str(folder)], select=["PC101"])
    (hit,) = [f for f in result.findings if f.code == "PC101"]
    assert hit.objects == ("LAA-E2",)
    return hit.details["did_you_mean"]


@pytest.mark.parametrize("written", ["SCS-W002", "scs-w2", "SCS_W02", "scs w 002", "SCS.W2"])
def test_did_you_mean_prefers_the_id_equal_but_for_case_separators_and_leading_zeros(tmp_path, written):
    # SCS-W00 and SCS-W20 are closer by edit distance to some of these; SCS-W2 is the same id.
    assert _broken_link(tmp_path, written, ["SCS-W00", "SCS-W2", "SCS-W20", "SCS-W200"]) == "SCS-W2"


def test_did_you_mean_falls_back_to_the_closest_id(tmp_path):
    assert _broken_link(tmp_path, "SCS-W2x", ["SCS-W2", "SCS-H4"]) == "SCS-W2"
    assert _broken_link(tmp_path, "HOUSING-7", ["SCS-W2", "SCS-H4"]) is None


# --------------------------------------------------- 5. titles differing only in spelling
# Module doc of plancheck/indicators.py and the README: titles name one indicator when they
# differ only by spelling variants (programme/program). These pairs differ in a spelt word
# and in nothing else, so they do not become the same words by lower-casing or stemming.
SPELLING_PAIRS = [
    ("Voluntary organisations supported by the council", "Voluntary organizations supported by the council"),
    ("Youth offending programme places", "Youth offending program places"),
]


@pytest.mark.parametrize("title_a, title_b", SPELLING_PAIRS)
def test_titles_differing_only_in_spelling_are_one_indicator(tmp_path, title_a, title_b):
    files = {
        "cp.yaml": _plan("CP", "community-plan", "A stronger voluntary sector",
                         _measure(title_a, baseline=(120, "2007/08"), targets=[("2010/11", 150)])),
        "laa.yaml": _plan("LAA", "local-area-agreement", "Stronger communities",
                          _measure(title_b, baseline=(120, "2007/08"), targets=[("2010/11", 180)])),
    }
    result = plancheck.check([str(write_framework(tmp_path / "fw", files))], select=["PC201"])
    assert _found(result, "PC201") == [("CP-1.1", "LAA-1.1")]


def test_a_different_word_is_not_a_spelling_variant(tmp_path):
    files = {
        "cp.yaml": _plan("CP", "community-plan", "A stronger voluntary sector",
                         _measure("Voluntary organisations supported by the council", baseline=(120, "2007/08"),
                                  targets=[("2010/11", 150)])),
        "laa.yaml": _plan("LAA", "local-area-agreement", "Stronger communities",
                          _measure("Voluntary organisations inspected by the council", baseline=(120, "2007/08"),
                                   targets=[("2010/11", 180)])),
    }
    result = plancheck.check([str(write_framework(tmp_path / "fw", files))], select=["PC201"])
    assert _found(result, "PC201") == []


# --------------------------------------------------- 6. the most specific severity key wins
def _severity_run(tmp_path, settings_yaml: str):
    # One conflict (PC201) and one target against its direction (PC204) in a two-plan framework.
    files = {
        "cp.yaml": _plan("CP", "community-plan", "More local businesses",
                         _measure("New business registrations", indicator="NI 171", baseline=(50, "2007/08"),
                                  targets=[("2010/11", 60)])),
        "laa.yaml": _plan("LAA", "local-area-agreement", "A thriving local economy",
                          _measure("New business registrations", indicator="NI 171", baseline=(50, "2007/08"),
                                   targets=[("2010/11", 40)])),
        "plancheck.yaml": settings_yaml,
    }
    folder = write_framework(tmp_path / "fw", files)
    result = plancheck.check([str(folder)], select=["PC201", "PC204"])
    return {(f.code, f.severity) for f in result.findings}


def test_default_severities_of_the_two_findings(tmp_path):
    assert _severity_run(tmp_path, "{}\n") == {("PC201", "error"), ("PC204", "warning")}


@pytest.mark.parametrize("settings_yaml", [
    "severity:\n  PC2: warning\n  PC201: 'off'\n",
    "severity:\n  PC201: 'off'\n  PC2: warning\n",
    "severity: {PC2: warning, PC201: off}\n",
    "severity: {PC201: off, PC2: warning}\n",
    "severity: {PC2: warning, conflicting-targets: off}\n",
])
def test_most_specific_severity_key_wins_whatever_its_order(tmp_path, settings_yaml):
    # PC201 is off; PC204 takes the family's setting (warning, its default anyway).
    assert _severity_run(tmp_path, settings_yaml) == {("PC204", "warning")}


@pytest.mark.parametrize("settings_yaml", [
    "severity: {PC2: 'off', PC201: error}\n",
    "severity: {PC201: error, PC2: 'off'}\n",
])
def test_a_specific_key_turns_one_check_back_on(tmp_path, settings_yaml):
    assert _severity_run(tmp_path, settings_yaml) == {("PC201", "error")}


def test_three_levels_of_keys(tmp_path):
    # PC204 is under PC20 (info) and PC2 (off): PC20 is the more specific.
    got = _severity_run(tmp_path, "severity: {PC20: info, PC2: 'off', PC201: error}\n")
    assert got == {("PC201", "error"), ("PC204", "info")}


@pytest.mark.parametrize("settings_yaml", [
    "severity: {PC2: info, PC20: warning}\n",
    "severity: {PC20: warning, PC2: info}\n",
])
def test_longer_prefix_beats_shorter_prefix(tmp_path, settings_yaml):
    assert _severity_run(tmp_path, settings_yaml) == {("PC201", "warning"), ("PC204", "warning")}


# ------------------------------------------- rows in = rows accounted for (found by fuzzing)
def test_a_csv_value_beyond_the_header_is_reported_not_dropped(tmp_path):
    """Contract section 2: nothing is silently dropped. A CSV row longer than its header
    row holds a value in a column with no header: an input finding at that row."""
    (tmp_path / "plans.csv").write_text("id,title,kind\r\nSP,Strategy,other\r\n,,,SP2\r\n", encoding="utf-8")
    result = plancheck.check([str(tmp_path)])
    assert [p.id for p in result.framework.plans] == ["SP"]
    assert [(f.code, Path(f.source.file).name, f.source.line) for f in result.findings
            if f.category == "input"] == [("PC002", "plans.csv", 3)]
