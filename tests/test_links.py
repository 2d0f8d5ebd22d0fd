"""Links between plans (PC101-PC109), the traceability summary and plancheck.match.

Each check has a failing and a passing case on realistic plan text; the sample framework
is checked against what its authors planted (tests/data/luton_planted.yaml).
"""

from __future__ import annotations

import pytest
import yaml
from conftest import DATA, PLANS, check_paths, project

from plancheck import match

SCS = """
plan:
  id: SCS
  title: Luton Sustainable Community Strategy 2008-2026
  kind: sustainable-community-strategy
objectives:
  - id: SCS-S1
    title: Reduce crime, including serious acquisitive and violent crime, and anti-social behaviour
    theme: A safe and secure Luton
    measures:
      - indicator: NI 15
        title: Serious violent crime rate (per 1,000 population)
  - id: SCS-S3
    title: Reduce the harm caused by drugs and alcohol
    theme: A safe and secure Luton
    measures:
      - indicator: NI 40
        title: Drug users in effective treatment
  - id: SCS-L2
    title: Improve the skills of working-age adults
    theme: A learning and skilled Luton
    measures:
      - indicator: NI 163
        title: Working age population qualified to at least Level 2
  - id: SCS-W2
    title: More local people in work, especially in the most deprived neighbourhoods
    theme: A working and prosperous Luton
    measures:
      - indicator: NI 151
        title: Overall employment rate
"""

LAA_HEAD = """
plan:
  id: LAA
  title: Luton Local Area Agreement 2008-11
  kind: local-area-agreement
  derives_from: [SCS]
objectives:
"""

# Every SCS objective delivered, every LAA objective linked correctly.
LAA_GOOD = LAA_HEAD + """
  - id: LAA-S2
    title: Reduce serious violent crime and assaults with injury
    theme: A safe and secure Luton
    supports: [SCS-S1]
    measures:
      - indicator: NI 15
        title: Serious violent crime rate
  - id: LAA-S5
    title: More drug users in effective treatment
    theme: A safe and secure Luton
    supports: [SCS-S3]
    measures:
      - indicator: NI 40
        title: Drug users in effective treatment
  - id: LAA-E4
    title: Improve the skills of the working-age population
    theme: A learning and skilled Luton
    supports: [SCS-L2]
    measures:
      - indicator: NI 163
        title: Working age population qualified to at least Level 2
  - id: LAA-E1
    title: More Luton residents in work
    theme: A working and prosperous Luton
    supports: [SCS-W2]
    measures:
      - indicator: NI 151
        title: Overall employment rate (working age)
  - id: LAA-S6
    title: Fewer fires and fire casualties in Luton homes
    theme: A safe and secure Luton
    local: true
    measures:
      - indicator: NI 49
        title: Number of primary fires and related fatalities and non-fatal casualties
"""


def run_fw(framework, laa: str, scs: str = SCS, settings=None, **extra):
    files = {"scs.yaml": scs, "laa.yaml": laa, **extra}
    return framework(files, settings)


def line_of(text: str, needle: str, after: str | None = None) -> int:
    """1-based line of ``needle`` (after the line holding ``after``) once dedented."""
    import textwrap

    lines = textwrap.dedent(text).lstrip("\n").splitlines()
    start = 0
    if after is not None:
        start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i, line in enumerate(lines) if i >= start and needle in line) + 1


def links_only(result) -> list[tuple]:
    return project(result, code_prefix="PC1")


def test_correctly_linked_framework_has_no_link_finding(framework):
    assert links_only(run_fw(framework, LAA_GOOD)) == []


# --------------------------------------------------------------------------- PC101
def test_pc101_unknown_supports_id_suggests_close_id(framework):
    laa = LAA_GOOD.replace("supports: [SCS-W2]", "supports: [SCS-W02]")
    result = run_fw(framework, laa)
    hits = [f for f in result.findings if f.code == "PC101"]
    assert [(f.objects, f.source.line) for f in hits] == [
        (("LAA-E1",), line_of(laa, "supports: [SCS-W02]"))]
    assert hits[0].severity == "error" and hits[0].details["did_you_mean"] == "SCS-W2"
    assert "SCS-W02" in hits[0].message and "SCS-W2" in hits[0].message
    # The broken link is reported once: no "not linked" warning or suggestion on top.
    assert [c for c, objs, _, _ in links_only(result) if "LAA-E1" in objs] == ["PC101"]


def test_pc101_without_a_close_id_gives_no_guess(framework):
    laa = LAA_GOOD.replace("supports: [SCS-W2]", "supports: [HOUSING-7]")
    hits = [f for f in run_fw(framework, laa).findings if f.code == "PC101"]
    assert [f.objects for f in hits] == [("LAA-E1",)] and hits[0].details["did_you_mean"] is None


# --------------------------------------------------------------------------- PC102
def test_pc102_unknown_derives_from_plan(framework):
    laa = LAA_GOOD.replace("derives_from: [SCS]", "derives_from: [SCS, CP]")
    result = run_fw(framework, laa)
    assert [(c, o, f, ln) for c, o, f, ln in links_only(result) if c == "PC102"] == [
        ("PC102", ("LAA",), "laa.yaml", line_of(laa, "derives_from"))]


def test_pc102_setting_names_unknown_plan(framework):
    result = run_fw(framework, LAA_GOOD, settings={"links": {"required": {"LAA": ["SCZ"]}}})
    hits = [f for f in result.findings if f.code == "PC102"]
    assert [f.objects for f in hits] == [("SCZ",)] and hits[0].details["did_you_mean"] == "SCS"


def test_pc102_pass_when_parent_plan_present(framework):
    assert "PC102" not in [c for c, *_ in links_only(run_fw(framework, LAA_GOOD))]


# --------------------------------------------------------------------------- PC103
def test_pc103_derivation_cycle(framework):
    scs = SCS.replace("kind: sustainable-community-strategy",
                      "kind: sustainable-community-strategy\n  derives_from: [LAA]")
    result = run_fw(framework, LAA_GOOD, scs=scs)
    assert [(c, o, f) for c, o, f, _ in links_only(result) if c == "PC103"] == [
        ("PC103", ("LAA", "SCS"), "laa.yaml")]


def test_pc103_chain_is_not_a_cycle(framework):
    cp = """
    plan: {id: CP, title: Luton Community Plan 2005-2012, kind: community-plan}
    objectives:
      - id: CP-W1
        title: More local people in work
    """
    scs = SCS.replace("kind: sustainable-community-strategy",
                      "kind: sustainable-community-strategy\n  derives_from: [CP]")
    result = run_fw(framework, LAA_GOOD, scs=scs, **{"cp.yaml": cp})
    assert "PC103" not in [c for c, *_ in links_only(result)]


# --------------------------------------------------------------------------- PC104
def test_pc104_support_cycle_between_plans(framework):
    scs = SCS.replace("theme: A working and prosperous Luton",
                      "theme: A working and prosperous Luton\n    supports: [LAA-E1]")
    result = run_fw(framework, LAA_GOOD, scs=scs)
    hits = [f for f in result.findings if f.code == "PC104"]
    assert [(f.objects, f.source.file.endswith("laa.yaml")) for f in hits] == [(("LAA-E1", "SCS-W2"), True)]


def test_pc104_objective_supporting_itself(framework):
    laa = LAA_GOOD.replace("supports: [SCS-W2]", "supports: [SCS-W2, LAA-E1]")
    hits = [f for f in run_fw(framework, laa).findings if f.code == "PC104"]
    assert [f.objects for f in hits] == [("LAA-E1",)]


# --------------------------------------------------------------------------- PC105
SAME_PLAN = LAA_GOOD.replace("supports: [SCS-L2]", "supports: [LAA-E1]")


def test_pc105_support_within_plan_forbidden_by_default(framework):
    result = run_fw(framework, SAME_PLAN)
    found = links_only(result)
    assert ("PC105", ("LAA-E4", "LAA-E1"), "laa.yaml", line_of(SAME_PLAN, "supports: [LAA-E1]")) in found
    # It does not count as tracing upward, and SCS-L2 is left undelivered.
    assert ("PC106", ("LAA-E4",)) in [(c, o) for c, o, *_ in found]
    assert ("PC107", ("SCS-L2",)) in [(c, o) for c, o, *_ in found]


def test_pc105_allowed_by_setting_and_traces_through_the_chain(framework):
    result = run_fw(framework, SAME_PLAN, settings={"links": {"allow_same_plan": True}})
    codes = [(c, o) for c, o, *_ in links_only(result)]
    assert not any(c in ("PC105", "PC106") for c, _ in codes)
    assert ("PC107", ("SCS-L2",)) in codes  # still nothing in the LAA supports SCS-L2 directly


def test_a_link_within_the_plan_adds_to_the_parents_an_objective_names_itself(framework):
    # LAA-E4 supports SCS-L2 directly and LAA-E1 of its own plan, which supports nothing
    # (reported unlinked): with allow_same_plan, LAA-E4 still traces up through SCS-L2.
    laa = LAA_GOOD.replace("supports: [SCS-L2]", "supports: [SCS-L2, LAA-E1]").replace(
        "    supports: [SCS-W2]\n", "")
    assert laa.count("supports:") == LAA_GOOD.count("supports:") - 1
    codes = [(c, o) for c, o, *_ in links_only(run_fw(framework, laa, settings={"links": {"allow_same_plan": True}}))]
    assert ("PC106", ("LAA-E1",)) in codes and ("PC106", ("LAA-E4",)) not in codes
    assert not any(c == "PC105" for c, _ in codes)


# --------------------------------------------------------------------------- PC106 / PC108
UNLINKED = LAA_GOOD.replace("    supports: [SCS-S1]\n", "")


def test_pc106_and_pc108_for_unlinked_objective(framework):
    result = run_fw(framework, UNLINKED)
    found = links_only(result)
    line = line_of(UNLINKED, "- id: LAA-S2")
    assert ("PC106", ("LAA-S2",), "laa.yaml", line) in found
    assert ("PC108", ("LAA-S2", "SCS-S1"), "laa.yaml", line) in found
    hit = next(f for f in result.findings if f.code == "PC108")
    assert hit.severity == "info" and hit.details["score"] >= 65
    assert any("NI 15" in r for r in hit.details["reasons"])
    warn = next(f for f in result.findings if f.code == "PC106")
    assert warn.severity == "warning" and "SCS-S1" in warn.message and "local: true" in warn.message


def test_pc106_supporting_a_plan_not_derived_from(framework):
    cp = """
    plan: {id: CP, title: Luton Community Plan 2005-2012, kind: community-plan}
    objectives:
      - id: CP-S1
        title: Reduce crime and the fear of crime
    """
    laa = LAA_GOOD.replace("supports: [SCS-S1]", "supports: [CP-S1]")
    result = run_fw(framework, laa, **{"cp.yaml": cp})
    hit = next(f for f in result.findings if f.code == "PC106")
    assert hit.objects == ("LAA-S2",) and hit.details["supports_elsewhere"] == ["CP-S1"]


def test_pc106_pc108_not_for_local_objective(framework):
    # LAA-S6 (fires, local: true) supports nothing and is left alone.
    objects = [o for _, o, *_ in links_only(run_fw(framework, LAA_GOOD))]
    assert not any("LAA-S6" in o for o in objects)


def test_pc108_no_suggestion_when_nothing_is_similar(framework):
    laa = LAA_HEAD + """
  - id: LAA-X1
    title: Increase the take-up of free school meals
    theme: Children and young people
    measures:
      - title: Pupils eligible for free school meals who take them up
    """
    result = run_fw(framework, laa)
    codes = [(c, o) for c, o, *_ in links_only(result)]
    assert ("PC106", ("LAA-X1",)) in codes
    assert not any(c == "PC108" for c, _ in codes)


def test_pc108_none_for_plan_without_derives_from_unless_set(framework):
    laa = UNLINKED.replace("  derives_from: [SCS]\n", "")
    assert "PC108" not in [c for c, *_ in links_only(run_fw(framework, laa))]
    result = run_fw(framework, laa, settings={"links": {"suggest_from": {"LAA": ["SCS"]}}})
    assert ("PC108", ("LAA-S2", "SCS-S1")) in [(c, o) for c, o, *_ in links_only(result)]


def test_pc108_threshold_setting(framework):
    result = run_fw(framework, UNLINKED, settings={"links": {"suggest_min_score": 101}})
    assert "PC108" not in [c for c, *_ in links_only(result)]


# --------------------------------------------------------------------------- PC107
def test_pc107_ambition_nothing_delivers(framework):
    laa = LAA_GOOD.replace("    supports: [SCS-S3]\n", "    local: true\n")
    result = run_fw(framework, laa)
    found = links_only(result)
    assert [x for x in found if x[0] == "PC107"] == [
        ("PC107", ("SCS-S3",), "scs.yaml", line_of(SCS, "- id: SCS-S3"))]


def test_pc107_required_child_plan_must_cover_parent(framework):
    l2011 = """
    plan:
      id: L2011
      title: Luton 2011
      kind: corporate-plan
      derives_from: [SCS]
    objectives:
      - id: L2011-ER1
        title: Increase the number of Luton people in employment
        supports: [SCS-W2]
    """
    laa = LAA_GOOD.replace("supports: [SCS-W2]", "local: true")
    files = {"l2011.yaml": l2011}
    # Without settings, L2011 delivering SCS-W2 is enough.
    assert "PC107" not in [c for c, *_ in links_only(run_fw(framework, laa, **files))]
    result = run_fw(framework, laa, settings={"links": {"required": {"LAA": ["SCS"]}}}, **files)
    hits = [f for f in result.findings if f.code == "PC107"]
    assert [f.objects for f in hits] == [("SCS-W2",)] and hits[0].details["child_plans"] == ["LAA"]


# --------------------------------------------------------------------------- PC109
def test_pc109_link_looks_wrong(framework):
    laa = LAA_GOOD.replace("supports: [SCS-S3]", "supports: [SCS-L2]")
    result = run_fw(framework, laa)
    hits = [f for f in result.findings if f.code == "PC109"]
    assert [(f.objects, f.source.line) for f in hits] == [
        (("LAA-S5", "SCS-L2", "SCS-S3"), line_of(laa, "supports: [SCS-L2]"))]
    assert hits[0].severity == "info" and hits[0].details["suggested"] == "SCS-S3"


def test_pc109_not_for_reasonable_link(framework):
    # Alcohol harm linked to drugs and alcohol: a fair link, nothing to say.
    laa = LAA_HEAD + """
  - id: LAA-S4
    title: Reduce the harm caused by alcohol
    theme: A safe and secure Luton
    supports: [SCS-S3]
    measures:
      - indicator: NI 39
        title: Alcohol-harm related hospital admission rates
    """
    assert "PC109" not in [c for c, *_ in links_only(run_fw(framework, laa))]


# ------------------------------------------------------------------------- summary
def test_traceability_summary(framework):
    laa = LAA_GOOD.replace("    supports: [SCS-S1]\n", "")
    table = run_fw(framework, laa).summaries["traceability"]
    rows = {r[0]: dict(zip(table.columns, r, strict=True)) for r in table.rows}
    assert rows["LAA"]["trace upward"] == "3/5"
    assert rows["LAA"]["local"] == 1 and rows["LAA"]["unlinked"] == 1
    assert rows["SCS"]["objectives delivered"] == "3/4"  # SCS-S1 lost its supporter
    assert rows["SCS"]["trace upward"] == "-"


# ---------------------------------------------------------------- the sample framework
@pytest.fixture(scope="module")
def luton():
    planted = yaml.safe_load((DATA / "luton_planted.yaml").read_text(encoding="utf-8"))
    return check_paths([PLANS / "luton"]), planted


def _objects(result, code):
    return sorted(f.objects for f in result.findings if f.code == code)


def test_luton_unlinked_objectives_found(luton):
    result, planted = luton
    assert _objects(result, "PC106") == sorted((k,) for k in planted["unlinked_with_true_parent"])


def test_luton_suggestions_name_the_true_parent(luton):
    result, planted = luton
    assert _objects(result, "PC108") == sorted(planted["unlinked_with_true_parent"].items())


def test_luton_undelivered_parents_found(luton):
    result, planted = luton
    assert _objects(result, "PC107") == sorted((p,) for p in planted["undelivered_parents"])


def test_luton_broken_link_found_with_correction(luton):
    result, planted = luton
    hits = [f for f in result.findings if f.code == "PC101"]
    assert sorted((f.objects[0], f.details["missing"]) for f in hits) == sorted(planted["broken_links"].items())
    assert all(f.details["did_you_mean"] for f in hits)


def test_luton_mislink_found(luton):
    result, planted = luton
    expected = sorted((c, m["linked_to"], m["should_be"]) for c, m in planted["mislinks"].items())
    assert _objects(result, "PC109") == expected


def test_luton_no_finding_on_correct_or_local_objectives(luton):
    result, planted = luton
    flagged = {f.objects[0] for f in result.findings if f.code.startswith("PC1")}
    planted_ids = (set(planted["unlinked_with_true_parent"]) | set(planted["undelivered_parents"])
                   | set(planted["broken_links"]) | set(planted["mislinks"]))
    assert flagged == planted_ids
    assert not flagged & set(planted["local_objectives"])
    assert not [f for f in result.findings if f.code in ("PC102", "PC103", "PC104", "PC105")]


# ------------------------------------------------------------------------------ match
def test_normalise_drops_plan_words_and_stems():
    assert match.normalise("Reduce the harm caused by drugs & alcohol") == "harm caus drug alcohol"
    assert match.tokens("Increase recycling of household waste") == match.tokens("household waste recycled")
    assert match.tokens("Improve outcomes for Luton residents") == frozenset({"outcom"})
    assert match.normalise("") == "" and match.tokens(None) == frozenset()


@pytest.mark.parametrize("wanted, expected", [
    ("SCS-W02", {"SCS-W2"}), ("scs w2", {"SCS-W2"}), ("SCS-S2", {"SCS-S1", "SCS-S3"}), ("LAA-E9", {None}),
])
def test_closest_id(wanted, expected):
    assert match.closest_id(wanted, ["SCS-W1", "SCS-W2", "SCS-S1", "SCS-S3"]) in expected


def test_text_index_blocks_on_informative_words_and_codes():
    index = match.TextIndex([("a", "Serious violent crime"), ("b", "Household waste recycled"),
                             ("c", "Adults qualified to Level 2")], codes={"c": {"NI 163"}})
    assert index.candidates("Reduce violent crime") == [0]
    assert [k for k, _ in index.search("Recycling more household waste")] == ["b"]
    assert [k for k, _ in index.search("Skills", codes={"NI 163"})] == ["c"]
    assert index.search("Free school meals") == []


def test_suggestions_scale_near_linearly(tmp_path):
    """500 unlinked objectives against 500 parents: the blocked search finds a parent
    (how it scales is measured in benchmarks/)."""
    subjects = ["recycling", "crime", "employment", "obesity", "housing", "transport", "skills",
                "volunteering", "libraries", "carbon", "parks", "cycling", "tourism", "literacy"]
    parent, child = ["plan: {id: P, title: Parent strategy, kind: other}", "objectives:"], [
        "plan: {id: C, title: Child plan, kind: other, derives_from: [P]}", "objectives:"]
    for i in range(500):
        s, t = subjects[i % len(subjects)], subjects[(i * 7) % len(subjects)]
        parent.append(f"  - {{id: P-{i}, title: 'Better {s} and {t} in ward {i} zone{i}'}}")
        child.append(f"  - {{id: C-{i}, title: 'More {s} for ward zone{i}'}}")
    (tmp_path / "p.yaml").write_text("\n".join(parent) + "\n")
    (tmp_path / "c.yaml").write_text("\n".join(child) + "\n")
    result = check_paths([tmp_path], select=["PC106", "PC108"])  # speed: benchmarks/run.py
    suggested = {f.objects for f in result.findings if f.code == "PC108"}
    assert ("C-5", "P-5") in suggested


def test_settings_file_with_plan_lists_written_as_text(tmp_path):
    """``required: {LAA: SCS}`` in plancheck.yaml is read as a list, in a fresh process."""
    import subprocess
    import sys

    from conftest import write_framework

    folder = write_framework(tmp_path / "fw", {"scs.yaml": SCS, "laa.yaml": LAA_GOOD.replace(
        "supports: [SCS-W2]", "local: true"), "plancheck.yaml": "links:\n  required: {LAA: SCS}\n"})
    out = subprocess.run([sys.executable, "-m", "plancheck", "check", str(folder), "--select", "PC107",
                          "--format", "json"], capture_output=True, text=True)
    import json

    found = [f["objects"] for f in json.loads(out.stdout)["findings"]]
    assert found == [["SCS-W2"]]
