"""The Luton sample's real run, and the map marks its planted problems must give.

The HTML tests use only findings plancheck really reports on the sample frameworks; the
marks they expect are worked out from ``tests/data/luton_planted.yaml`` (what the authors
planted), never from the report itself.
"""

from __future__ import annotations

import json
import re

import yaml
from conftest import DATA, PLANS, check_paths

from plancheck.config import find_settings_file, load_settings


def planted() -> dict:
    return yaml.safe_load((DATA / "luton_planted.yaml").read_text("utf-8"))


def luton_result():
    """The Luton sample checked with its own settings, as ``plancheck check plans/luton`` does."""
    folder = PLANS / "luton"
    return check_paths([folder], load_settings(find_settings_file([str(folder)])))


def _objective_of(measure_id: str) -> str:
    return measure_id.rsplit(".", 1)[0]  # default measure ids: <objective id>.<position>


def expected_marks(manifest: dict | None = None) -> dict[str, set[str]]:
    """Objective id -> the marks the map must show, from the manifest alone.

    unlinked: an objective of a derived plan that supports nothing (not a local one);
    undelivered: a parent objective nothing supports; broken: a supports id that does not
    exist; conflict: an objective one of whose measures has a conflicting target.
    Every other objective has no mark.
    """
    p = manifest or planted()
    marks: dict[str, set[str]] = {}
    for oid in p["unlinked_with_true_parent"]:
        marks.setdefault(oid, set()).add("unlinked")
    for oid in p["undelivered_parents"]:
        marks.setdefault(oid, set()).add("undelivered")
    for oid in p["broken_links"]:
        marks.setdefault(oid, set()).add("broken")
    for conflict in p["conflicts"]:
        for mid in conflict["measures"]:
            marks.setdefault(_objective_of(mid), set()).add("conflict")
    return marks


def embedded_data(page: str) -> dict:
    """The JSON the page embeds for its script (``<script id="plancheck-data">``)."""
    m = re.search(r'<script[^>]*id="plancheck-data"[^>]*>(.*?)</script>', page, re.S)
    assert m, "the page embeds no plancheck-data block"
    return json.loads(m.group(1))
