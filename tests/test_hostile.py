"""Hostile inputs that once crashed, hung or silently lost data, and safe writing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from plancheck.config import Settings
from plancheck.output import OutputError, write_output
from plancheck.run import run
from plancheck.values import parse_value, parse_year


def _input(result):
    return [(f.code, Path(f.source.file).name, f.source.line) for f in result.findings if f.category == "input"]


def test_deep_nesting_is_a_finding_not_a_segfault(tmp_path):
    # yaml.compose's C code recursed per level and killed the process (exit 139).
    plan = tmp_path / "plan.yaml"
    plan.write_text("plan: " + "[" * 200_000 + "]" * 200_000 + "\n")
    done = subprocess.run([sys.executable, "-m", "plancheck", "check", str(plan), "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert '"code": "PC001"' in done.stdout


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["plan: {id: LAA, title: Luton LAA, kind: other}", "a0: &a0 [lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    (tmp_path / "laughs.yaml").write_text("\n".join(lines) + "\n")
    result = run([str(tmp_path)], Settings())  # expanded, it would be 9**11 items: never returns
    assert ("PC001", "laughs.yaml", None) in _input(result)


def test_aliases_within_limits_are_read_as_copies(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "plan: {id: LAA, title: Luton LAA, kind: other}\n"
        "objectives:\n"
        "  - id: LAA-1\n    title: More residents in work\n    measures:\n"
        "      - title: Employment rate\n        targets: &t [{year: 2010/11, value: 70}]\n"
        "  - id: LAA-2\n    title: Fewer people on benefits\n    measures:\n"
        "      - title: Out of work benefits\n        targets: *t\n")
    result = run([str(tmp_path)], Settings())
    assert [len(m.targets) for m in result.framework.measures()] == [1, 1]


def test_object_tags_never_construct(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.yaml").write_text(
        "plan:\n  id: !!python/object/apply:os.system ['echo owned > owned.txt']\n"
        "  title: !!python/str Luton LAA\n  owner: !!python/name:os.system\n  kind: other\n")
    result = run([str(tmp_path / "p.yaml")], Settings())
    assert not (tmp_path / "owned.txt").exists()
    assert result.framework.plans[0].title == "Luton LAA"  # the text, never an object
    assert ("PC008", "p.yaml", 2) in _input(result)


@pytest.mark.parametrize("raw", [float("inf"), float("nan"), 10**400, "9" * 400, "c. " + "9" * 400])
def test_values_that_are_not_finite_numbers_stay_text(raw):
    value = parse_value(raw)
    assert value.number is None or value.number == value.number and abs(value.number) < float("inf")
    assert value.status in ("text", "qualified")


@pytest.mark.parametrize("raw", [float("inf"), float("-inf"), float("nan")])
def test_non_finite_years_are_bad_years(raw):
    with pytest.raises(ValueError):
        parse_year(raw)


def test_huge_integer_keeps_its_text(tmp_path):
    (tmp_path / "p.yaml").write_text("plan: {id: 0x" + "f" * 2000 + ", title: t, kind: other}\n")
    result = run([str(tmp_path)], Settings())
    assert result.framework.plans[0].id == "0x" + "f" * 2000


def test_wide_csv_is_cut_with_one_finding(tmp_path):
    (tmp_path / "plans.csv").write_text("id,title,kind" + ",x" * 5000 + "\nLAA,Luton LAA,other\n")
    result = run([str(tmp_path)], Settings())
    found = _input(result)
    assert found.count(("PC001", "plans.csv", 1)) == 1
    assert len(found) < 250  # not one finding per column
    assert result.framework.plans[0].id == "LAA"


# -- safe writing ------------------------------------------------------------------------
def test_output_never_replaces_an_input(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text("plan: {id: LAA, title: t, kind: other}\n")
    with pytest.raises(OutputError):
        write_output(plan, "report", inputs=[str(plan)], force=True)
    assert plan.read_text() == "plan: {id: LAA, title: t, kind: other}\n"


def test_output_replaced_only_with_force(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old")
    with pytest.raises(OutputError):
        write_output(out, "new")
    assert out.read_text() == "old"
    write_output(out, "new", force=True)
    assert out.read_text() == "new"


def test_failed_write_leaves_old_output_and_no_temporary_file(tmp_path, monkeypatch):
    out = tmp_path / "report.json"
    out.write_text("old")

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OutputError):
        write_output(out, "new", force=True)
    assert out.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_cli_output_over_input_is_exit_2_and_input_intact(tmp_path):
    from click.testing import CliRunner

    from plancheck.cli import cli

    plan = tmp_path / "p.yaml"
    text = "plan: {id: LAA, title: Luton LAA, kind: other}\n"
    plan.write_text(text)
    result = CliRunner().invoke(cli, ["check", str(plan), "--format", "json", "-o", str(plan), "--force"])
    assert result.exit_code == 2
    assert plan.read_text() == text
