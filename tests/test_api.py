"""The public Python API (issue 12): plancheck.check, plancheck.load, Result."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import plancheck
from plancheck.model import Framework

ROOT = Path(__file__).resolve().parent.parent
LUTON = ROOT / "plans" / "luton"
PLANTED = yaml.safe_load((ROOT / "tests" / "data" / "luton_planted.yaml").read_text())
SCHEMA = json.loads((ROOT / "tests" / "schemas" / "findings.schema.json").read_text())


@pytest.fixture(scope="module")
def result():
    return plancheck.check([LUTON])


def test_check_finds_the_planted_conflicts(result):
    assert result.exit_code == 1  # the sample has errors on purpose
    conflicts = [f for f in result.findings if f.code == "PC201"]
    for planted in PLANTED["conflicts"]:
        assert any(set(planted["measures"]) <= set(f.objects) for f in conflicts), planted["what"]
    assert len(conflicts) == len(PLANTED["conflicts"])


def test_counts_match_the_manifest(result):
    counts = result.counts()
    assert counts["plans"] == len(PLANTED["plans"])
    assert counts["objectives"] == PLANTED["objective_count"]
    assert counts["measures"] == PLANTED["measure_count"]


def test_findings_are_immutable(result):
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.findings[0].code = "PC999"
    assert isinstance(result.findings, tuple)


def test_to_pandas_gives_one_row_per_finding_with_the_json_fields(result):
    df = result.to_pandas()
    assert len(df) == len(result.findings)
    for column in ("code", "check", "category", "severity", "message", "plan", "objects",
                   "file", "line", "sheet", "cell"):
        assert column in df.columns
    assert list(df["code"]) == [f.code for f in result.findings]
    employment = df[(df["code"] == "PC201") & df["objects"].map(lambda o: "LAA-E1.1" in o)]
    assert len(employment) == 1
    assert employment.iloc[0]["file"].endswith(".yaml")


def test_to_json_is_the_contract_document(result):
    doc = json.loads(result.to_json())
    jsonschema.validate(doc, SCHEMA)
    assert [f["code"] for f in doc["findings"]] == [f.code for f in result.findings]
    assert doc == result.as_dict()


def test_select_ignore_and_settings_as_a_dict():
    only = plancheck.check(LUTON, select=["PC2"], ignore=["PC204"], config={"fail_on": "never"})
    codes = {f.code for f in only.findings}
    assert codes and all(c.startswith("PC2") and c != "PC204" for c in codes)
    assert only.exit_code == 0  # fail_on: never, from the settings given as a dict


def test_unknown_selection_is_a_settings_error():
    with pytest.raises(plancheck.SettingsError):
        plancheck.check(LUTON, select=["PC999"])


def test_missing_path_raises():
    with pytest.raises(FileNotFoundError):
        plancheck.check([ROOT / "plans" / "nowhere"])


def test_load_returns_the_model():
    framework = plancheck.load(LUTON)
    assert isinstance(framework, Framework)
    assert sorted(p.id for p in framework.plans) == sorted(PLANTED["plans"])
    assert {p.id: len(p.objectives) for p in framework.plans} == PLANTED["plans"]


def test_empty_result_to_pandas_has_the_columns(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "plan: {id: P, title: A plan, kind: other}\n"
        "objectives:\n  - id: P-1\n    title: Fewer people out of work\n    local: true\n"
        "    measures:\n      - title: Employment rate\n        unit: percent\n        direction: increase\n"
        "        kind: outcome\n        baseline: {value: 70, year: 2008}\n        targets: [{year: 2010, value: 72}]\n"
    )
    res = plancheck.check(tmp_path, ignore=["PC208"])
    df = res.to_pandas()
    assert len(df) == len(res.findings)
    assert "code" in df.columns
