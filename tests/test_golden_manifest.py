"""The golden files checked against what was planted, independently of the diff.

``test_ci_formats.py`` compares each golden file with a fresh rendering: that catches a
change, but a golden regenerated from a wrong run would pass it. Here each golden file is
parsed on its own terms (SARIF results, JUnit test cases, GitHub annotations, GitLab
issues) and its findings are compared with ``tests/data/luton_planted.yaml`` and with
the problems written by hand into ``tests/golden/extra/partnership-plan.yaml``. Nothing
here calls plancheck.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
import yaml

GOLDEN = Path(__file__).resolve().parent / "golden"
PLANTED = yaml.safe_load((Path(__file__).resolve().parent / "data" / "luton_planted.yaml").read_text("utf-8"))

# Plan ids by the prefix of an object id, and each plan's file (the sample's file names).
FILES = {"CP": "plans/luton/community-plan-2005-12.yaml", "SCS": "plans/luton/scs-2008-26.yaml",
         "LAA": "plans/luton/laa-2008-11.yaml", "L2011": "plans/luton/luton-2011.yaml",
         "CSP": "tests/golden/extra/partnership-plan.yaml"}
SEVERITY = {"PC002": "warning", "PC005": "error", "PC008": "warning", "PC101": "error", "PC106": "warning",
            "PC107": "warning", "PC108": "info", "PC109": "info", "PC201": "error", "PC301": "warning",
            "PC302": "warning", "PC303": "warning", "PC304": "warning", "PC305": "warning", "PC307": "warning",
            "PC401": "warning", "PC402": "warning", "PC403": "info",
            "PC601": "warning", "PC602": "warning", "PC603": "warning"}  # README's table of checks
JUDGEMENTS = {"PC402", "PC403"}  # the manifest lists only clear cases of activity measures


def plan_of(object_id: str) -> str:
    return object_id.split("-", 1)[0]


def expected() -> list[tuple[str, frozenset, str | None]]:
    """``(code, objects, plan)`` for every finding of a fact the manifest lists completely."""
    p = PLANTED
    out = []

    def add(code, objects, plan=None):
        out.append((code, frozenset(objects), plan or plan_of(objects[0])))

    for m in p["no_baseline_measures"]:
        add("PC301", [m])
    for m in p["baseline_without_year"]:
        add("PC302", [m])
    for m in p["baseline_after_first_target"]:
        add("PC303", [m])
    for m in p["non_numeric_targets"]:
        add("PC304", [m])
    for m in p["targets_without_year"]:
        add("PC305", [m])
    for m in p["qualified_targets"]:
        add("PC307", [m])
    for o in p["objectives_without_measures"]:
        add("PC401", [o])
    for child, parent in p["unlinked_with_true_parent"].items():
        add("PC106", [child])
        add("PC108", [child, parent])
    for o in p["undelivered_parents"]:
        add("PC107", [o])
    for child in p["broken_links"]:
        add("PC101", [child])
    for child, m in p["mislinks"].items():
        add("PC109", [child, m["linked_to"], m["should_be"]])
    for c in p["conflicts"]:
        add("PC201", c["measures"], plan="*")  # the first of the plans involved
    progress = p.get("progress") or {}  # contract v2 sections 6 and 9, when the sample has actuals
    for key, code in (("missed", "PC601"), ("off_track", "PC602"), ("no_actual_for_past_target", "PC603")):
        for m in progress.get(key) or []:
            add(code, [m])
    # tests/golden/extra/partnership-plan.yaml, read by hand: an unknown key (status), a year
    # that is not a year (2010/13), a direction the format does not allow (downwards), and
    # a target of TBC. Input findings list the element they are about (contract section 4):
    # the plan for its unknown key and its period, the measure for its direction.
    out += [("PC002", frozenset({"CSP"}), "CSP"), ("PC005", frozenset({"CSP"}), "CSP"),
            ("PC008", frozenset({"CSP-1.1"}), "CSP"),
            ("PC304", frozenset({"CSP-1.1"}), "CSP")]
    return out


def assert_judgements_agree_with_manifest(found: list[tuple[str, frozenset, str]]) -> None:
    """PC402/PC403: the clear activity cases are found; no clear outcome measure is called one."""
    p = PLANTED
    outcome = set(p["outcome_measures_without_kind"]) | {m for m, k in p["explicit_kinds"].items()
                                                         if k == "outcome"}
    named = set()
    for code, objects, _plan in found:
        if code in JUDGEMENTS:
            named |= objects
            assert not objects & outcome, (code, sorted(objects & outcome))
    assert set(p["activity_measures"]) <= named
    assert {("PC402", o) for o in p["activity_only_objectives"]} <= {
        (c, o) for c, objs, _ in found for o in objs}


def assert_codes_known(codes) -> None:
    unknown = sorted(set(codes) - set(SEVERITY))
    assert not unknown, (f"golden findings with codes the manifest check does not cover: {unknown}; "
                         "plant them in tests/data/luton_planted.yaml and add them to expected() here")


def assert_matches_manifest(found: list[tuple[str, frozenset, str]]) -> None:
    assert_codes_known(code for code, _, _ in found)
    facts = [f for f in found if f[0] not in JUDGEMENTS]
    want = expected()
    exact = Counter((c, o) for c, o, _ in facts)
    assert exact == Counter((c, o) for c, o, _ in want), {
        "extra": exact - Counter((c, o) for c, o, _ in want),
        "missing": Counter((c, o) for c, o, _ in want) - exact}
    plans = {(c, o): p for c, o, p in want}
    for code, objects, plan in facts:
        allowed = {plan_of(x) for x in objects} if plans[(code, objects)] == "*" else {plans[(code, objects)]}
        assert plan in allowed, (code, sorted(objects), plan)
    assert_judgements_agree_with_manifest(found)


def assert_codes_and_files_match(found: list[tuple[str, str, int | None]]) -> None:
    """For the formats that carry no object ids: every finding's code, and its file among the
    files of the plans it is about; every Luton finding has a line."""
    assert_codes_known(code for code, _, _ in found)
    pending = list(found)
    for code, objects, plan in expected():
        files = {FILES[plan_of(x)] for x in objects} if plan == "*" else {FILES[plan]}
        hit = next((f for f in pending if f[0] == code and f[1] in files), None)
        assert hit is not None, (code, sorted(objects), files)
        pending.remove(hit)
    assert {code for code, _, _ in pending} <= JUDGEMENTS, pending
    assert all(line for _, file, line in found if file.startswith("plans/")), "a finding without a line"
    assert Counter(code for code, _, _ in pending) >= Counter(
        {"PC402": len(PLANTED["activity_only_objectives"])}), pending


# -------------------------------------------------------------------------------- parsers
def _sarif():
    doc = json.loads((GOLDEN / "luton.sarif").read_text("utf-8"))
    out = []
    for r in doc["runs"][0]["results"]:
        props = r["properties"]
        out.append((r["ruleId"], frozenset(props["objects"]), props["plan"]))
        assert r["level"] == {"error": "error", "warning": "warning", "info": "note"}[SEVERITY[r["ruleId"]]]
    return out


def _junit():
    # A normalised golden may hold placeholders such as time="<seconds>" (not XML as such).
    text = re.sub(r'"<[a-z]+>"', '"0"', (GOLDEN / "luton.junit.xml").read_text("utf-8"))
    root = ET.fromstring(text)
    out = []
    for case in root.iter("testcase"):
        name = re.sub(r" #\d+$", "", case.get("name"))  # a repeated name may be numbered
        code = name.split(" ", 1)[0]
        if not re.fullmatch(r"PC\d{3}", code):
            continue  # "no problems found" and the like
        objects = frozenset(name.split(": ", 1)[1].split(", ")) if ": " in name else frozenset()
        plan = case.get("classname").rsplit(".", 1)[-1]
        out.append((code, objects, plan))
        # JUnit fails a case for a finding at or above --fail-on (default: error).
        assert (case.find("failure") is not None) == (SEVERITY[code] == "error"), name
    return out


def _github():
    out = []
    for line in (GOLDEN / "luton.github.txt").read_text("utf-8").splitlines():
        m = re.match(r"::(error|warning|notice) (?P<props>[^:]*)::", line)
        assert m, line
        props = dict(kv.split("=", 1) for kv in m.group("props").split(",") if "=" in kv)
        code = props.get("title", "").split(" ", 1)[0]
        if not re.fullmatch(r"PC\d{3}", code):
            continue  # a notice about the run as a whole, not a finding
        assert m.group(1) == {"error": "error", "warning": "warning", "info": "notice"}[SEVERITY[code]]
        out.append((code, props["file"], int(props["line"]) if "line" in props else None))
    return out


def _gitlab():
    out = []
    for issue in json.loads((GOLDEN / "luton.gitlab.json").read_text("utf-8")):
        code = issue["check_name"].split(" ", 1)[0]
        out.append((code, issue["location"]["path"], issue["location"].get("lines", {}).get("begin")))
    return out


def test_manifest_expectations_are_complete():
    # The manifest's counts hold for the lists used here (a sanity check of the helper).
    assert len([c for c, _, _ in expected() if c == "PC301"]) == len(PLANTED["no_baseline_measures"]) == 17
    assert {c for c, _, _ in expected()} >= set(SEVERITY) - JUDGEMENTS - {"PC601", "PC602", "PC603"}


@pytest.mark.parametrize("parse", [_sarif, _junit], ids=["sarif", "junit"])
def test_golden_findings_with_objects_are_the_planted_ones(parse):
    assert_matches_manifest(parse())


@pytest.mark.parametrize("parse", [_github, _gitlab], ids=["github", "gitlab"])
def test_golden_annotations_are_the_planted_ones(parse):
    assert_codes_and_files_match(parse())


def test_all_goldens_hold_the_same_number_of_findings():
    assert len(_sarif()) == len(_junit()) == len(_github()) == len(_gitlab())
