"""checks/links.py at its edges: what the mutation run of session 6 showed no test pinned
down (tests/MUTATION.md, "checks/links (session 6)").

Written from the module's documentation and its functions' docstrings: ``pair_score``
("the better of two rapidfuzz token-set ratios, titles alone and titles with measure
titles, lowered when the two share only one word; a shared indicator code raises it to at
least 85 and adds 10, and the same theme adds 5"; scores above 100 only rank and are
shown as 100), ``_extra_stop`` (words in the titles of at least half the plans are
ignored), ``suggestions`` (at least ``suggest_min_score``, at most ``suggest_max``, none
more than ``SECOND_WITHIN`` below the best), the checks' docstrings (PC102's
``derives_from: [SCS2008]`` example, PC104's circle, PC106 naming the plans derived from).
The tests assert codes, objects, plans, files, details, the ids and words a finding
names, and scores; never the wording around them.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from conftest import check_paths, write_framework
from rapidfuzz import fuzz

from plancheck import match
from plancheck.checks.links import SECOND_WITHIN, Text, pair_score, shown
from plancheck.config import load_settings


def _t(title: str = "", full: str | None = None, theme: str = "", codes=(), words=None) -> Text:
    """A text as the matcher sees it, written already normalised."""
    full = title if full is None else full
    fw = frozenset(full.split())
    return Text(title=title, full=full, theme=theme, codes=frozenset(codes),
                words={w: w for w in fw} if words is None else words, full_words=fw)


# ------------------------------------------------------------------------ pair_score
def test_the_score_is_the_better_of_the_titles_ratio_and_the_full_texts_ratio():
    # titles alone fit best (the measures differ)
    c = _t("recycl household wast", full="recycl household wast tonn landfil")
    p = _t("recycl household wast", full="recycl household wast compost garden bin")
    assert fuzz.token_set_ratio(c.full, p.full) < 100
    assert pair_score(c, p)[0] == 100.0
    # titles with measure titles fit best (the titles differ)
    c = _t("recycl", full="recycl household wast collect")
    p = _t("compost", full="compost household wast collect")
    title, full = fuzz.token_set_ratio(c.title, p.title), fuzz.token_set_ratio(c.full, p.full)
    assert title < full
    assert pair_score(c, p)[0] == round(full, 1)


def test_an_empty_text_scores_nothing():
    for c, p in [(_t(""), _t("crim")), (_t("crim"), _t("")), (_t("", full=""), _t("", full="crim drug"))]:
        assert pair_score(c, p) == (0.0, [])


def test_sharing_only_one_word_lowers_the_score_and_two_do_not():
    one_c, one_p = _t("crim burglar"), _t("crim drug")
    ratio = fuzz.token_set_ratio(one_c.title, one_p.title)
    score, reasons = pair_score(one_c, one_p)
    assert ratio / 2 < score < ratio
    assert [re.findall(r"[a-z]+", r.split(":")[-1]) for r in reasons] == [["crim"]]
    same_c, same_p = _t("crim"), _t("crim")
    assert 50 < pair_score(same_c, same_p)[0] < 100
    assert pair_score(_t("crim violenc"), _t("violenc crim"))[0] == 100.0


def test_a_shared_code_raises_the_score_to_85_and_adds_10_per_code():
    assert pair_score(_t("burglar", codes={"NI 16"}), _t("acquisit", codes={"NI 16"}))[0] == 95.0
    assert pair_score(_t("burglar", codes={"NI 16", "NI 15"}),
                      _t("acquisit", codes={"NI 15", "NI 16"}))[0] == 105.0
    # added on top of a text score above 85, so that a code decides between equal wordings
    assert pair_score(_t("crim violenc", codes={"NI 15"}), _t("crim violenc", codes={"NI 15"}))[0] == 110.0
    assert pair_score(_t("burglar", codes={"NI 16"}), _t("acquisit", codes={"NI 15"}))[0] < 85


def test_the_same_theme_adds_5_and_another_theme_nothing():
    c, p = _t("crim burglar"), _t("crim drug")
    base = pair_score(c, p)[0]
    assert pair_score(_t("crim burglar", theme="saf"), _t("crim drug", theme="saf"))[0] == round(base + 5, 1)
    assert pair_score(_t("crim burglar", theme="saf"), _t("crim drug", theme="green"))[0] == base
    assert pair_score(_t("crim burglar", theme="saf"), _t("crim drug"))[0] == base


def test_shared_words_are_named_as_the_plan_wrote_them():
    c = _t("recycl household", words={"recycl": "recycling", "household": "households"})
    p = _t("recycl household")
    (reason,) = pair_score(c, p)[1]
    assert re.findall(r"[a-z]+", reason.split(":")[-1]) == ["households", "recycling"]


def test_a_score_is_shown_as_at_most_100():
    assert shown(110.0) == 100.0 and shown(100.5) == 100.0 and shown(100.0) == 100.0
    assert shown(66.7) == 66.7


# -------------------------------------------------------------- suggestions in a run
KINGSMERE_SCS = """
plan: {id: SCS, title: Kingsmere Sustainable Community Strategy, kind: sustainable-community-strategy}
objectives:
  - id: SCS-E1
    title: Cleaner streets and a litter strategy for Kingsmere
    theme: A cleaner Kingsmere
    measures:
      - {title: Household waste recycled and composted}
  - id: SCS-E2
    title: Safer streets
    measures:
      - {title: Serious acquisitive crime, indicator: NI 16}
"""

KINGSMERE_LAA = """
plan: {id: LAA, title: Kingsmere Local Area Agreement, kind: local-area-agreement, derives_from: [SCS]}
objectives:
  - id: LAA-E1
    title: Kingsmere strategy for household recycling
    theme: Cleaner
    measures:
      - {title: Waste sent for recycling}
  - id: LAA-E2
    title: Fewer burglaries
    measures:
      - {title: Burglary, indicator: NI 16}
"""


def _pc108(result) -> dict:
    found = [f for f in result.findings if f.code == "PC108"]
    assert len({f.objects for f in found}) == len(found), "one suggestion per pair"
    return {f.objects: f for f in found}


def _shared_words(finding) -> list[str]:
    reason = next(r for r in finding.details["reasons"] if ":" in r)
    return re.findall(r"[a-z]+", reason.split(":", 1)[1])


def _expected(child: dict, parent: dict, stop: set[str]) -> float:
    """The score the docstrings describe, from the texts normalised as match.normalise does,
    without the words of at least half the plan titles."""

    def text(o):
        full_raw = " ".join([o["title"], *o.get("measures", [])])
        full = match.normalise(full_raw, stop)
        return Text(title=match.normalise(o["title"], stop), full=full,
                    theme=match.normalise(o.get("theme"), stop), codes=frozenset(o.get("codes", ())),
                    words={}, full_words=frozenset(full.split()))

    return shown(pair_score(text(child), text(parent))[0])


def _kingsmere(tmp_path, settings=None, **files):
    folder = write_framework(tmp_path / "fw", {"scs.yaml": KINGSMERE_SCS, "laa.yaml": KINGSMERE_LAA, **files})
    return check_paths([folder], settings)


def test_words_of_half_the_plan_titles_are_not_shared_words(tmp_path):
    # Two plans: "Kingsmere" is in both titles, "strategy" in one of two (at least half):
    # both are left out; the shared words are named as the child plan writes them.
    found = _pc108(_kingsmere(tmp_path, {"links": {"suggest_max": 3}}))
    assert sorted(found) == [("LAA-E1", "SCS-E1"), ("LAA-E2", "SCS-E2")]
    assert _shared_words(found["LAA-E1", "SCS-E1"]) == ["household", "recycling", "waste"]


def test_a_suggestions_score_is_worked_out_from_titles_measures_and_theme(tmp_path):
    stop = {"kingsmere", "sustainable", "strategy", "agreement"}
    child = {"title": "Kingsmere strategy for household recycling", "theme": "Cleaner",
             "measures": ["Waste sent for recycling"]}
    parent = {"title": "Cleaner streets and a litter strategy for Kingsmere", "theme": "A cleaner Kingsmere",
              "measures": ["Household waste recycled and composted"]}
    found = _pc108(_kingsmere(tmp_path))
    expected = _expected(child, parent, stop)
    assert found["LAA-E1", "SCS-E1"].details["score"] == expected
    # the same theme once the place name is left out: 5 more than without themes
    assert _expected({**child, "theme": ""}, {**parent, "theme": ""}, stop) == expected - 5


def test_the_score_reads_the_title_alone_when_it_fits_better(tmp_path):
    scs = KINGSMERE_SCS.replace("Household waste recycled and composted", "Tonnes of garden compost sold").replace(
        "Cleaner streets and a litter strategy for Kingsmere", "Household recycling in Kingsmere parishes")
    laa = KINGSMERE_LAA.replace("Waste sent for recycling", "Fly-tipping incidents cleared")
    found = _pc108(_kingsmere(tmp_path, **{"scs.yaml": scs, "laa.yaml": laa}))
    stop = {"kingsmere", "sustainable", "strategy", "agreement"}
    child = {"title": "Kingsmere strategy for household recycling", "theme": "Cleaner",
             "measures": ["Fly-tipping incidents cleared"]}
    parent = {"title": "Household recycling in Kingsmere parishes", "theme": "A cleaner Kingsmere",
              "measures": ["Tonnes of garden compost sold"]}
    assert found["LAA-E1", "SCS-E1"].details["score"] == _expected(child, parent, stop) == 100.0
    # (without the words of half the plan titles the titles would not be one inside the other)
    assert _expected(child, parent, set()) < 100.0


def test_a_parent_sharing_only_an_indicator_code_is_suggested(tmp_path):
    # "Fewer burglaries" and "Safer streets" share no word; NI 16 makes the pair 95.
    found = _pc108(_kingsmere(tmp_path, {"links": {"suggest_max": 3}}))
    hit = found["LAA-E2", "SCS-E2"]
    assert hit.details["score"] == 95.0 and any("NI 16" in r for r in hit.details["reasons"])


def test_a_score_over_100_is_shown_as_100(tmp_path):
    laa = KINGSMERE_LAA.replace("{title: Burglary, indicator: NI 16}",
                                "{title: Burglary, indicator: NI 16}\n      - {title: Robbery, indicator: NI 15}")
    scs = KINGSMERE_SCS.replace("{title: Serious acquisitive crime, indicator: NI 16}",
                                "{title: Serious acquisitive crime, indicator: NI 16}\n"
                                "      - {title: Serious violent crime, indicator: NI 15}")
    found = _pc108(_kingsmere(tmp_path, **{"scs.yaml": scs, "laa.yaml": laa}))
    assert found["LAA-E2", "SCS-E2"].details["score"] == 100.0  # 105 ranks, 100 is shown


THREE_PLANS_CP = """
plan: {id: CP, title: Kingsmere Corporate Plan for Parks, kind: corporate-plan}
objectives:
  - id: CP-P1
    title: Well kept parks and open spaces
"""


def test_a_word_of_a_third_of_the_plan_titles_is_still_a_shared_word(tmp_path):
    # Three plans: "Kingsmere" (3 of 3) is left out; "parks" is in one title of three
    # (less than half), so it still counts when two objectives share it.
    laa = KINGSMERE_LAA.replace("derives_from: [SCS]", "derives_from: [SCS, CP]") + (
        "  - id: LAA-P1\n"
        "    title: Cleaner parks in Kingsmere\n"
        "    measures:\n"
        "      - {title: Satisfaction with parks and open spaces}\n")
    result = _kingsmere(tmp_path, **{"laa.yaml": laa, "cp.yaml": THREE_PLANS_CP})
    found = _pc108(result)
    assert _shared_words(found["LAA-P1", "CP-P1"]) == ["open", "parks", "spaces"]


def test_suggest_min_score_is_inclusive_and_suggest_max_0_suggests_nothing(tmp_path):
    score = _pc108(_kingsmere(tmp_path / "a"))["LAA-E1", "SCS-E1"].details["score"]
    at = _pc108(_kingsmere(tmp_path / "b", {"links": {"suggest_min_score": score}}))
    assert ("LAA-E1", "SCS-E1") in at
    above = _pc108(_kingsmere(tmp_path / "c", {"links": {"suggest_min_score": score + 0.1}}))
    assert ("LAA-E1", "SCS-E1") not in above
    assert _pc108(_kingsmere(tmp_path / "d", {"links": {"suggest_max": 0}})) == {}


def test_a_second_parent_exactly_second_within_below_the_best_is_suggested(tmp_path):
    # Two codes shared with SCS-E3 (105), one with SCS-E2 (95): 10 apart, both shown.
    assert SECOND_WITHIN == 10
    scs = KINGSMERE_SCS + textwrap.indent(textwrap.dedent("""\
        - id: SCS-E3
          title: Lower reoffending
          measures:
            - {title: Repeat offenders, indicator: NI 16}
            - {title: Young offenders, indicator: NI 19}
    """), "  ")
    laa = KINGSMERE_LAA.replace("{title: Burglary, indicator: NI 16}",
                                "{title: Burglary, indicator: NI 16}\n      - {title: Youth cautions, indicator: NI 19}")
    found = _pc108(_kingsmere(tmp_path, {"links": {"suggest_max": 3}}, **{"scs.yaml": scs, "laa.yaml": laa}))
    assert [(k, f.details["score"]) for k, f in sorted(found.items()) if k[0] == "LAA-E2"] == [
        (("LAA-E2", "SCS-E2"), 95.0), (("LAA-E2", "SCS-E3"), 100.0)]


def test_a_parent_in_the_second_plan_derived_from_is_found(tmp_path):
    # LAA derives from CP, then SCS: each plan's objectives are searched in their own index.
    laa = KINGSMERE_LAA.replace("derives_from: [SCS]", "derives_from: [CP, SCS]")
    found = _pc108(_kingsmere(tmp_path, **{"laa.yaml": laa, "cp.yaml": THREE_PLANS_CP}))
    assert ("LAA-E1", "SCS-E1") in found and ("LAA-E2", "SCS-E2") in found


def test_the_last_title_word_and_the_first_measure_word_are_words_of_their_own(tmp_path):
    # The only word LAA-R1 shares with SCS-R1 is the last of its title and the first of
    # SCS-R1's measure ("allotments"): still a candidate, still a shared word.
    scs = KINGSMERE_SCS + ("  - id: SCS-R1\n    title: Growing food on allotments\n"
                           "    measures:\n      - {title: Allotments let to tenants}\n")
    laa = KINGSMERE_LAA + ("  - id: LAA-R1\n    title: Waiting lists for allotments\n"
                           "    measures:\n      - {title: Allotments plots vacant}\n")
    found = _pc108(_kingsmere(tmp_path, {"links": {"suggest_min_score": 0}}, **{"scs.yaml": scs, "laa.yaml": laa}))
    assert "allotments" in _shared_words(found["LAA-R1", "SCS-R1"])


def test_ties_go_to_the_smaller_parent_id_whatever_the_file_order(tmp_path):
    twins = ("  - id: SCS-T2\n    title: Youth clubs open at weekends\n"
             "  - id: SCS-T1\n    title: Youth clubs open at weekends\n")
    laa = KINGSMERE_LAA + "  - id: LAA-T1\n    title: Youth clubs open at weekends\n"
    first = _pc108(_kingsmere(tmp_path / "a", **{"scs.yaml": KINGSMERE_SCS + twins, "laa.yaml": laa}))
    swapped = twins.split("  - id: SCS-T1")
    twins2 = "  - id: SCS-T1" + swapped[1] + swapped[0]
    second = _pc108(_kingsmere(tmp_path / "b", **{"scs.yaml": KINGSMERE_SCS + twins2, "laa.yaml": laa}))
    assert [k for k in first if k[0] == "LAA-T1"] == [k for k in second if k[0] == "LAA-T1"] == [("LAA-T1", "SCS-T1")]


# ------------------------------------------------------------------- PC102 in full
def _pc102(result):
    return [f for f in result.findings if f.code == "PC102"]


def test_pc102_suggests_the_plan_id_of_the_docstrings_example(tmp_path):
    # "Would FAIL: derives_from: [SCS2008] when the strategy's id is SCS" (similarity 60,
    # the cutoff: close enough).
    laa = KINGSMERE_LAA.replace("derives_from: [SCS]", "derives_from: [SCS2008]")
    (hit,) = _pc102(_kingsmere(tmp_path, **{"laa.yaml": laa}))
    assert (hit.objects, hit.plan, Path(hit.source.file).name, hit.source.line) == (("LAA",), "LAA", "laa.yaml", 1)
    assert hit.details == {"missing": "SCS2008", "did_you_mean": "SCS"} and hit.message.strip()


def test_pc102_is_reported_for_a_plan_after_one_with_a_broken_supports_id(tmp_path):
    # laa.yaml is read first; its broken supports id comes before scs.yaml's derives_from.
    laa = KINGSMERE_LAA + "  - id: LAA-X1\n    title: Something\n    supports: [SCS-E9]\n"
    scs = KINGSMERE_SCS.replace("kind: sustainable-community-strategy}",
                                "kind: sustainable-community-strategy, derives_from: [NORTHWOLD]}")
    result = _kingsmere(tmp_path, **{"laa.yaml": laa, "scs.yaml": scs})
    assert [(f.objects, f.details) for f in _pc102(result)] == [
        (("SCS",), {"missing": "NORTHWOLD", "did_you_mean": None})]
    assert [f.objects for f in result.findings if f.code == "PC101"] == [("LAA-X1",)]


def test_pc102_for_a_setting_is_reported_at_the_settings_file(tmp_path):
    folder = write_framework(tmp_path / "fw", {
        "scs.yaml": KINGSMERE_SCS, "laa.yaml": KINGSMERE_LAA,
        "plancheck.yaml": "links:\n  required: {LAA: [SCS2008]}\n  suggest_from: {LAA: [XQZW]}\n"})
    found = _pc102(check_paths([folder], load_settings(folder / "plancheck.yaml")))
    assert [(f.objects, f.plan, Path(f.source.file).name, f.details) for f in found] == [
        (("SCS2008",), None, "plancheck.yaml", {"missing": "SCS2008", "did_you_mean": "SCS"}),
        (("XQZW",), None, "plancheck.yaml", {"missing": "XQZW", "did_you_mean": None})]
    assert all(f.message.strip() for f in found)


def test_pc102_for_settings_given_as_a_dict_has_no_place(tmp_path):
    (hit,) = _pc102(_kingsmere(tmp_path, {"links": {"required": {"LAA": ["SCS2008"]}}}))
    assert hit.source is None and hit.details == {"missing": "SCS2008", "did_you_mean": "SCS"}


# ----------------------------------------------------- PC106 and PC107 name the plans
def _plan(pid: str, title: str, objectives: str, derives: str = "") -> str:
    head = f"plan:\n  id: {pid}\n  title: {title}\n  kind: other\n" + (f"  derives_from: [{derives}]\n" if derives else "")
    return head + "objectives:\n" + textwrap.indent(textwrap.dedent(objectives), "  ")


def _named_plans(finding) -> set[str]:
    from conftest import problem

    return set(re.findall(r"\(([A-Z0-9]+)\)", problem(finding)))


def test_pc106_and_pc107_name_every_plan_concerned(tmp_path):
    files = {
        "scs.yaml": _plan("SCS", "Sustainable Community Strategy", "- {id: SCS-1, title: Cleaner air}\n"),
        "cp.yaml": _plan("CP", "Corporate Plan", "- {id: CP-1, title: Balanced budget}\n"),
        "np.yaml": _plan("NP", "Neighbourhood Plan", "- {id: NP-1, title: Safer parks}\n"),
        "laa.yaml": _plan("LAA", "Local Area Agreement", "- {id: LAA-1, title: Library opening hours}\n",
                          derives="SCS, CP, NP"),
        "l2.yaml": _plan("L2", "Second Agreement", "- {id: L2-1, title: Library opening hours}\n", derives="SCS, CP"),
    }
    result = check_paths([write_framework(tmp_path / "fw", files)])
    pc106 = {f.objects: f for f in result.findings if f.code == "PC106"}
    assert _named_plans(pc106["LAA-1",]) >= {"SCS", "CP", "NP"}  # three plans derived from
    assert _named_plans(pc106["L2-1",]) >= {"SCS", "CP"}  # two
    pc107 = {f.objects: f for f in result.findings if f.code == "PC107"}
    assert sorted(pc107["SCS-1",].details["child_plans"]) == ["L2", "LAA"]
    assert _named_plans(pc107["SCS-1",]) >= {"LAA", "L2"}  # two child plans
    assert _named_plans(pc107["NP-1",]) >= {"LAA"}  # one


# ---------------------------------------------------------------------- PC103, PC104
def test_pc103_is_reported_at_the_derives_from_of_the_circles_first_plan(tmp_path):
    files = {
        "b.yaml": _plan("B", "Plan B", "- {id: B-1, title: Cleaner air}\n", derives="A"),
        "a.yaml": _plan("A", "Plan A", "- {id: A-1, title: Cleaner air}\n", derives="B"),
    }
    (hit,) = [f for f in check_paths([write_framework(tmp_path / "fw", files)]).findings if f.code == "PC103"]
    assert (hit.objects, hit.plan, Path(hit.source.file).name, hit.source.line) == (("A", "B"), "A", "a.yaml", 5)
    assert hit.message.strip()


def _support_cycles(tmp_path, files) -> list:
    result = check_paths([write_framework(tmp_path, files)])
    hits = [f for f in result.findings if f.code == "PC104"]
    assert all(f.message.strip() for f in hits)
    return [(f.objects, f.plan, Path(f.source.file).name, f.source.line) for f in hits]


def test_pc104_one_circle_per_group_of_objectives(tmp_path):
    # X-1 <-> X-2 and Z-1 <-> Z-2 are two groups; X-1 also supports Z-1 (first in its list).
    files = {
        "x.yaml": _plan("X", "Plan X", "- {id: X-1, title: Air, supports: [Z-1, X-2]}\n"
                                       "- {id: X-2, title: Water, supports: [X-1]}\n"),
        "z.yaml": _plan("Z", "Plan Z", "- {id: Z-1, title: Soil, supports: [Z-2]}\n"
                                       "- {id: Z-2, title: Trees, supports: [Z-1]}\n"),
    }
    assert _support_cycles(tmp_path, files) == [(("X-1", "X-2"), "X", "x.yaml", 6), (("Z-1", "Z-2"), "Z", "z.yaml", 6)]


def test_pc104_reports_the_same_circle_whatever_the_file_order(tmp_path):
    # One group of four objectives holding two circles, X-1 <-> X-2 and Y-1 <-> Y-2; the
    # finding (its objects feed its fingerprint) must not depend on which file is read first.
    x = _plan("X", "Plan X", "- {id: X-1, title: Air, supports: [X-2, Y-1]}\n- {id: X-2, title: Water, supports: [X-1]}\n")
    y = _plan("Y", "Plan Y", "- {id: Y-1, title: Soil, supports: [Y-2, X-1]}\n- {id: Y-2, title: Trees, supports: [Y-1]}\n")
    first = _support_cycles(tmp_path / "a", {"p1.yaml": x, "p2.yaml": y})
    second = _support_cycles(tmp_path / "b", {"p1.yaml": y, "p2.yaml": x})
    assert [f[:2] for f in first] == [f[:2] for f in second] == [(("X-1", "X-2"), "X")]


def test_pc104_an_objective_supporting_itself_is_reported_at_its_supports(tmp_path):
    files = {"x.yaml": _plan("X", "Plan X", "- id: X-1\n  title: Air\n  supports: [X-1]\n")}
    assert _support_cycles(tmp_path, files) == [(("X-1",), "X", "x.yaml", 8)]


def test_pc105_and_pc107_findings_in_full(tmp_path):
    files = {
        "scs.yaml": _plan("SCS", "Sustainable Community Strategy", "- {id: SCS-1, title: Cleaner air}\n"),
        "laa.yaml": _plan("LAA", "Local Area Agreement", "- {id: LAA-1, title: Air quality, supports: [SCS-1]}\n"
                                                         "- {id: LAA-2, title: Fewer car trips, supports: [LAA-1]}\n",
                          derives="SCS"),
        "l2.yaml": _plan("L2", "Second Agreement", "- {id: L2-1, title: Parks, local: true}\n", derives="SCS"),
    }
    folder = write_framework(tmp_path / "fw", files)
    # SCS-1 must be delivered by LAA and by L2 on their own: LAA does, L2 does not.
    result = check_paths([folder], {"links": {"required": {"LAA": ["SCS"], "L2": ["SCS"]}}})
    (pc107,) = [f for f in result.findings if f.code == "PC107"]
    assert (pc107.objects, pc107.plan, pc107.details["child_plans"]) == (("SCS-1",), "SCS", ["L2"])
    fix = pc107.details["fix"]
    assert pc107.message.endswith(fix) and "SCS-1" in fix and "L2" in fix
    (pc105,) = [f for f in result.findings if f.code == "PC105"]
    assert (pc105.objects, pc105.plan, pc105.source.line) == (("LAA-2", "LAA-1"), "LAA", 8)
    assert pc105.message.strip()


# ------------------------------------------------- the ranking API, called directly
def _context(folder: Path, settings: dict | None = None):
    from plancheck.checks.context import Context
    from plancheck.config import Settings, settings_from_dict
    from plancheck.graph import FrameworkGraph
    from plancheck.load import load_framework

    graph = FrameworkGraph(load_framework([str(folder)]).framework)
    return Context(graph, settings_from_dict(settings) if settings else Settings()), graph


def test_rank_parents_searches_the_plans_it_is_given(tmp_path):
    from plancheck.checks.links import rank_parents

    laa = KINGSMERE_LAA.replace("derives_from: [SCS]", "derives_from: [SCS, CP]")
    folder = write_framework(tmp_path / "fw", {"scs.yaml": KINGSMERE_SCS, "laa.yaml": laa, "cp.yaml": THREE_PLANS_CP})
    ctx, graph = _context(folder)
    o = graph.objectives["LAA-E1"]
    everywhere = [k for k, *_ in rank_parents(ctx, o)]
    assert everywhere and all(graph.objectives[k].plan_id in ("SCS", "CP") for k in everywhere)
    assert "SCS-E1" in everywhere
    only_cp = rank_parents(ctx, o, ["CP"])
    assert only_cp == [] or all(graph.objectives[k].plan_id == "CP" for k, *_ in only_cp)
    assert [k for k, *_ in rank_parents(ctx, o, ["SCS"])] == [k for k in everywhere if k.startswith("SCS")]
    assert [k for k, *_ in rank_parents(ctx, o)] == everywhere  # the first answer, unchanged


def test_suggestions_take_their_own_min_score_and_max_n(tmp_path):
    from plancheck.checks.links import suggestions

    scs = KINGSMERE_SCS + ("  - id: SCS-E3\n    title: Lower reoffending\n    measures:\n"
                           "      - {title: Repeat offenders, indicator: NI 16}\n")
    folder = write_framework(tmp_path / "fw", {"scs.yaml": scs, "laa.yaml": KINGSMERE_LAA})
    ctx, graph = _context(folder)  # settings: suggest_min_score 65, suggest_max 1
    o = graph.objectives["LAA-E2"]
    assert [k for k, *_ in suggestions(ctx, o)] == ["SCS-E2"]
    assert [(k, s) for k, s, _ in suggestions(ctx, o, max_n=2)] == [("SCS-E2", 95.0), ("SCS-E3", 95.0)]
    assert suggestions(ctx, o, min_score=95.1) == []
    assert suggestions(ctx, o, max_n=0) == []


# ------------------------------------------------------------ big blocks of candidates
def _many(prefix: str, words: list[str], per_word: int) -> str:
    out = ""
    for w in words:
        for i in range(per_word):
            out += f"  - id: {prefix}-{w[:3].upper()}{i}\n    title: {w} plot {i}\n"
    return out


def test_a_code_shared_with_a_parent_outside_the_best_20_of_the_block_still_counts(tmp_path):
    # 21 parents share a word with LAA-G1 (7 each of three words, so none is too common
    # to block on) and come first; SCS-Z shares only two indicator codes and is ranked
    # last by the words, outside the 4 x KEEP = 20 scored: it is scored all the same
    # (105, shown as 100), and so is SCS-E2 (NI 16 only: 95, within 10 of the best).
    scs = (KINGSMERE_SCS + _many("SCS", ["Allotments", "Orchards", "Hedgerows"], 7)
           + "  - id: SCS-Z\n    title: Safer streets at night\n    measures:\n"
             "      - {title: Serious acquisitive crime, indicator: NI 16}\n"
             "      - {title: Assaults with injury, indicator: NI 20}\n")
    laa = KINGSMERE_LAA + ("  - id: LAA-G1\n    title: Allotments orchards and hedgerows\n    measures:\n"
                           "      - {title: Burglary from sheds, indicator: NI 16}\n"
                           "      - {title: Vandalism, indicator: NI 20}\n")
    found = _pc108(_kingsmere(tmp_path, {"links": {"suggest_max": 3}}, **{"scs.yaml": scs, "laa.yaml": laa}))
    assert sorted((k, f.details["score"]) for k, f in found.items() if k[0] == "LAA-G1") == [
        (("LAA-G1", "SCS-E2"), 95.0), (("LAA-G1", "SCS-Z"), 100.0)]


def test_the_best_parent_need_not_be_among_the_first_five_by_words(tmp_path):
    # Six parents with the same words; the last one also has LAA-Y1's theme (5 more):
    # the block's best 20 are scored in full, not its best 5.
    twins = "".join(f"  - id: SCS-Y{i}\n    title: Youth clubs open at weekends\n    theme: {'Young' if i == 6 else 'Other'} people\n"
                    for i in range(1, 7))
    laa = KINGSMERE_LAA + "  - id: LAA-Y1\n    title: Youth clubs open at weekends\n    theme: Young people\n"
    found = _pc108(_kingsmere(tmp_path, **{"scs.yaml": KINGSMERE_SCS + twins, "laa.yaml": laa}))
    assert [k for k in found if k[0] == "LAA-Y1"] == [("LAA-Y1", "SCS-Y6")]


# --------------------------------------------------------------------------- PC109
def _pc109(tmp_path, laa: str, settings=None) -> list:
    # the parent plan's file is read first, the derived plan's after it
    folder = write_framework(tmp_path, {"1-scs.yaml": KINGSMERE_SCS, "2-laa.yaml": laa})
    return [(f.objects, f.plan, f.details["suggested"]) for f in check_paths([folder], settings).findings
            if f.code == "PC109"]


def test_pc109_after_a_plan_without_parents_and_an_objective_without_links(tmp_path):
    # LAA-E1 (listed first) supports nothing; LAA-E2 "Fewer burglaries" (NI 16) supports
    # the recycling objective while SCS-E2 shares its indicator.
    laa = KINGSMERE_LAA.replace("title: Fewer burglaries\n", "title: Fewer burglaries\n    supports: [SCS-E1]\n")
    assert _pc109(tmp_path / "a", laa) == [(("LAA-E2", "SCS-E1", "SCS-E2"), "LAA", "SCS-E2")]
    # not when the other parent fits by less than mislink_margin, or scores under suggest_min_score
    assert _pc109(tmp_path / "b", laa, {"links": {"mislink_margin": 96}}) == []
    assert _pc109(tmp_path / "c", laa, {"links": {"suggest_min_score": 96}}) == []


def test_pc109_never_suggests_the_parent_already_linked(tmp_path):
    laa = KINGSMERE_LAA.replace("title: Fewer burglaries\n", "title: Fewer burglaries\n    supports: [SCS-E2]\n")
    assert _pc109(tmp_path, laa, {"links": {"mislink_margin": 0}}) == []


def test_pc109_thresholds_are_inclusive(tmp_path):
    # LAA-E1 (first) supports SCS-E2 while SCS-E1 fits it at 94.4; LAA-E2 supports SCS-E1
    # while SCS-E2 fits it at 95. "At least suggest_min_score": 95 keeps LAA-E2 only.
    laa = (KINGSMERE_LAA.replace("title: Fewer burglaries\n", "title: Fewer burglaries\n    supports: [SCS-E1]\n")
           .replace("theme: Cleaner\n", "theme: Cleaner\n    supports: [SCS-E2]\n"))
    assert _pc109(tmp_path / "a", laa, {"links": {"suggest_min_score": 95}}) == [
        (("LAA-E2", "SCS-E1", "SCS-E2"), "LAA", "SCS-E2")]
    # "by at least mislink_margin points": a margin equal to the difference still reports
    folder = write_framework(tmp_path / "b", {"1-scs.yaml": KINGSMERE_SCS, "2-laa.yaml": laa})
    (hit,) = [f for f in check_paths([folder], {"links": {"suggest_min_score": 95}}).findings if f.code == "PC109"]
    margin = hit.details["score"] - hit.details["linked_score"]
    assert _pc109(tmp_path / "c", laa, {"links": {"suggest_min_score": 95, "mislink_margin": margin}}) == [
        (("LAA-E2", "SCS-E1", "SCS-E2"), "LAA", "SCS-E2")]


# --------------------------------------------------- advice in the form the plan is kept in
WB_OBJECTIVES = [["id", "plan", "title", "theme", "supports"],
                 ["SCS-E1", "SCS", "Cleaner streets and a litter strategy for Kingsmere", "A cleaner Kingsmere", None],
                 ["SCS-E2", "SCS", "Safer streets", None, None],
                 ["LAA-E1", "LAA", "Kingsmere strategy for household recycling", "Cleaner", "SCS-E2"],
                 ["LAA-E2", "LAA", "Fewer burglaries", None, None],
                 ["LAA-E3", "LAA", "Library opening hours", None, "SCS-E9"],
                 ["LAA-E4", "LAA", "Museum visits", None, "HOUSING-7"]]
WB_SHEETS = {
    "plans": [["id", "title", "kind", "derives_from"],
              ["SCS", "Kingsmere Sustainable Community Strategy", "sustainable-community-strategy", None],
              ["LAA", "Kingsmere Local Area Agreement", "local-area-agreement", "SCS"]],
    "objectives": WB_OBJECTIVES,
    "measures": [["id", "objective", "indicator", "title"],
                 ["SCS-E1.1", "SCS-E1", None, "Household waste recycled and composted"],
                 ["SCS-E2.1", "SCS-E2", "NI 16", "Serious acquisitive crime"],
                 ["LAA-E1.1", "LAA-E1", None, "Waste sent for recycling"],
                 ["LAA-E2.1", "LAA-E2", "NI 16", "Burglary"]],
}
# (code, first object, row of that objective in sheet objectives)
WB_EXPECTED = [("PC101", "LAA-E3", "6"), ("PC101", "LAA-E4", "7"), ("PC106", "LAA-E2", "5"),
               ("PC108", "LAA-E2", "5"), ("PC109", "LAA-E1", "4")]


def _advice(result) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.objects[0], f.details["fix"]) for f in result.findings
                  if f.code in ("PC101", "PC106", "PC108", "PC109"))


def test_link_advice_names_the_sheet_row_and_column_of_a_workbook(tmp_path):
    from conftest import make_workbook

    found = _advice(check_paths([make_workbook(tmp_path / "kingsmere.xlsx", WB_SHEETS)]))
    assert [(c, o) for c, o, _ in found] == [(c, o) for c, o, _ in WB_EXPECTED]
    for (code, _, fix), (_, _, row) in zip(found, WB_EXPECTED, strict=True):
        assert re.findall(r"\bsheet (\w+), row (\d+)", fix) == [("objectives", row)], code
        assert re.search(r"\bcolumn supports\b", fix), code


def test_link_advice_for_yaml_names_no_sheet_row_or_column(tmp_path):
    laa = (KINGSMERE_LAA.replace("theme: Cleaner\n", "theme: Cleaner\n    supports: [SCS-E2]\n")
           + "  - {id: LAA-E3, title: Library opening hours, supports: [SCS-E9]}\n"
           + "  - {id: LAA-E4, title: Museum visits, supports: [HOUSING-7]}\n")
    found = _advice(_kingsmere(tmp_path, **{"laa.yaml": laa}))
    assert [(c, o) for c, o, _ in found] == [(c, o) for c, o, _ in WB_EXPECTED]
    for code, _, fix in found:
        assert fix and not re.search(r"\b(?:sheet|row|column)\b", fix), code


def test_pc101_after_a_plan_that_derives_from_a_missing_plan(tmp_path):
    # LAA's unknown derives_from comes before its objective's unknown supports id.
    laa = (KINGSMERE_LAA.replace("derives_from: [SCS]", "derives_from: [SCS, NORTHWOLD]")
           + "  - {id: LAA-X1, title: Library opening hours, supports: [HOUSING-7]}\n")
    result = _kingsmere(tmp_path, **{"laa.yaml": laa})
    assert sorted((f.code, f.objects, f.details["missing"], f.details["did_you_mean"]) for f in result.findings
                  if f.code in ("PC101", "PC102")) == [("PC101", ("LAA-X1",), "HOUSING-7", None),
                                                 ("PC102", ("LAA",), "NORTHWOLD", None)]


def test_pc109_details_name_the_scores_and_the_reasons(tmp_path):
    laa = KINGSMERE_LAA.replace("title: Fewer burglaries\n", "title: Fewer burglaries\n    supports: [SCS-E1]\n")
    folder = write_framework(tmp_path, {"1-scs.yaml": KINGSMERE_SCS, "2-laa.yaml": laa})
    (hit,) = [f for f in check_paths([folder]).findings if f.code == "PC109"]
    assert hit.details["score"] == 95.0 and hit.details["linked_score"] < 65
    assert [re.findall(r"NI \d+", r) for r in hit.details["reasons"]] == [["NI 16"]]
    assert hit.details["suggested"] == "SCS-E2" and hit.message.endswith(hit.details["fix"])


# ------------------------------------------------------------- the traceability table
def test_the_traceability_table_cell_by_cell(tmp_path):
    files = {
        "scs.yaml": _plan("SCS", "Sustainable Community Strategy",
                          "- {id: SCS-1, title: Cleaner air}\n- {id: SCS-2, title: Safer parks}\n"
                          "- {id: SCS-3, title: Balanced budget}\n"),
        "laa.yaml": _plan("LAA", "Local Area Agreement",
                          "- {id: LAA-1, title: Air quality, supports: [SCS-1]}\n"
                          "- {id: LAA-2, title: Park wardens, supports: [SCS-2]}\n"
                          "- {id: LAA-3, title: Fire safety, local: true}\n"
                          "- {id: LAA-4, title: Museum visits}\n"
                          "- {id: LAA-5, title: Sports centres}\n", derives="SCS"),
        "l2.yaml": _plan("L2", "Second Agreement", "- {id: L2-1, title: Clean air zones, supports: [SCS-1]}\n",
                         derives="SCS, NP"),
        "np.yaml": _plan("NP", "Neighbourhood Plan", "- {id: NP-1, title: Village hall}\n"),
    }
    folder = write_framework(tmp_path / "fw", files)
    table = check_paths([folder]).summaries["traceability"]
    assert table.columns == ["plan", "title", "objectives", "derives from", "trace upward", "local", "unlinked",
                             "delivered by", "objectives delivered"]
    assert table.title and table.note
    assert sorted(table.rows) == sorted([
        ["SCS", "Sustainable Community Strategy", 3, "-", "-", "-", "-", "L2, LAA", "2/3"],
        ["LAA", "Local Area Agreement", 5, "SCS", "2/5", 1, 2, "-", "-"],
        ["L2", "Second Agreement", 1, "SCS, NP", "1/1", 0, 0, "-", "-"],
        ["NP", "Neighbourhood Plan", 1, "-", "-", "-", "-", "L2", "0/1"],
    ])
    # each required child plan must deliver on its own: L2 delivers only SCS-1 (a
    # requirement naming a plan that does not exist is left out, PC102)
    settings = {"links": {"required": {"XQZW": "SCS", "LAA": ["SCS"], "L2": "SCS"}}}
    rows = {r[0]: r for r in check_paths([folder], settings).summaries["traceability"].rows}
    assert rows["SCS"][7:] == ["L2, LAA", "1/3"]


def test_plan_lists_in_settings_may_be_written_as_text(tmp_path):
    # ``[SCS, CP]``, ``SCS`` or ``"SCS; CP"`` (links.required and links.suggest_from)
    files = {
        "scs.yaml": _plan("SCS", "Sustainable Community Strategy", "- {id: SCS-1, title: Cleaner air}\n"),
        "np.yaml": _plan("NP", "Neighbourhood Plan", "- {id: NP-1, title: Safer parks}\n"),
        "laa.yaml": _plan("LAA", "Local Area Agreement", "- {id: LAA-1, title: Library opening hours}\n",
                          derives="SCS, NP"),
        "l2.yaml": _plan("L2", "Second Agreement", "- {id: L2-1, title: Cleaner air}\n- {id: L2-2, title: Safer parks}\n"),
    }
    folder = write_framework(tmp_path / "fw", files)
    for text in ("SCS; NP", "SCS, NP;", " SCS ,NP "):
        result = check_paths([folder], {"links": {"required": {"LAA": text}, "suggest_from": {"L2": text}}})
        assert [f.objects for f in result.findings if f.code == "PC102"] == [], text
        assert sorted((f.objects, tuple(f.details["child_plans"])) for f in result.findings if f.code == "PC107") == [
            (("NP-1",), ("LAA",)), (("SCS-1",), ("LAA",))], text
        # L2 derives from nothing: its parents are searched in the plans suggest_from names
        assert sorted(f.objects for f in result.findings if f.code == "PC108") == [
            ("L2-1", "SCS-1"), ("L2-2", "NP-1")], text


def test_pc106_details_place_and_the_ids_it_names(tmp_path):
    # LAA-E1 supports only CP-P1 (a plan LAA does not derive from); LAA-E2 supports nothing.
    laa = KINGSMERE_LAA.replace("theme: Cleaner\n", "theme: Cleaner\n    supports: [CP-P1]\n")
    result = _kingsmere(tmp_path, **{"laa.yaml": laa, "cp.yaml": THREE_PLANS_CP})
    found = {f.objects: f for f in result.findings if f.code == "PC106"}
    assert sorted(found) == [("LAA-E1",), ("LAA-E2",)]
    assert [(f.plan, Path(f.source.file).name, f.source.line, f.details["parent_plans"],
             f.details["supports_elsewhere"]) for _, f in sorted(found.items())] == [
        ("LAA", "laa.yaml", 3, ["SCS"], ["CP-P1"]), ("LAA", "laa.yaml", 9, ["SCS"], [])]
    from conftest import problem

    assert "CP-P1" in problem(found["LAA-E1",])
    # the fix names the parent PC108 suggests (SCS-E1 for LAA-E1, SCS-E2 for LAA-E2)
    assert [re.findall(r"\bSCS-E\d\b", f.details["fix"]) for _, f in sorted(found.items())] == [["SCS-E1"], ["SCS-E2"]]
    assert all(f.message.endswith(f.details["fix"]) for f in found.values())


def test_pc108_is_reported_at_the_objective_with_a_message(tmp_path):
    found = _pc108(_kingsmere(tmp_path))
    assert [(k, f.plan, Path(f.source.file).name, f.source.line) for k, f in sorted(found.items())] == [
        (("LAA-E1", "SCS-E1"), "LAA", "laa.yaml", 3), (("LAA-E2", "SCS-E2"), "LAA", "laa.yaml", 8)]
    assert all(f.message.endswith(f.details["fix"]) and f.details["fix"] != f.message for f in found.values())
