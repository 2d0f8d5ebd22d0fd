"""The benchmark generator: deterministic, readable without input findings, problems planted."""

from __future__ import annotations

import sys

from conftest import ROOT

from plancheck.config import Settings
from plancheck.run import run

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402


def _texts(folder):
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.yaml"))}


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    generate.generate(1500, tmp_path / "a", seed=5)
    generate.generate(1500, tmp_path / "b", seed=5)
    generate.generate(1500, tmp_path / "c", seed=6)
    assert _texts(tmp_path / "a") == _texts(tmp_path / "b")
    assert _texts(tmp_path / "a") != _texts(tmp_path / "c")


def test_generated_areas_read_cleanly_as_one_framework_with_prefixed_ids(tmp_path):
    meta = generate.generate(2000, tmp_path / "fw", plans=12, seed=2)
    areas = sorted(str(p) for p in (tmp_path / "fw").iterdir() if p.is_dir())
    assert len(areas) == meta["shape"]["areas"] > 1
    result = run(areas, Settings())
    counts = result.counts()
    assert counts["plans"] == meta["plans"] == 12
    assert counts["measures"] == meta["measures"]
    assert abs(counts["measures"] - 2000) < 200
    assert not [f for f in result.findings if f.category == "input"]
    assert all(o.id.startswith("A0") for o in result.framework.objectives())


def test_planted_problems_are_found(tmp_path):
    meta = generate.generate(3000, tmp_path / "fw", seed=4)
    areas = sorted(str(p) for p in (tmp_path / "fw").iterdir() if p.is_dir())
    result = run(areas, Settings())
    categories = {f.category for f in result.findings}
    assert meta["planted"]["broken_link"] > 0 and "broken-link" in categories
    assert meta["planted"]["no_baseline"] > 0 and "missing-baseline" in categories
    assert meta["planted"]["conflict"] > 0 and "target-conflict" in categories
