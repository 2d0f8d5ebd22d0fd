"""Indicator grouping (plancheck.indicators), from its module documentation, the
docstrings of its public helpers and the contract (docs/plan-format.md: units,
``title_threshold`` in README.md). Written to kill the mutants that survived the partial
mutation run of session 4 (tests/MUTATION.md); every assertion is on groups, codes,
members, units or booleans, never on the wording of a reason.
"""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from plancheck.catalogue import Catalogue, Indicator, builtin
from plancheck.indicators import (
    CatalogueTitles,
    _in_sentence_uncached,
    _UnionFind,
    build_groups,
    cores_match,
    match_cores,
    title_core,
    unit_family,
    units_clash,
    units_compatible,
)
from plancheck.model import Measure, Source, Target, Value

SRC = Source("plan.yaml", 1)


def measure(mid: str, title: str, *, unit: str | None = None, indicator: str | None = None,
            plan: str = "P", targets: tuple = ()) -> Measure:
    return Measure(id=mid, objective_id=f"{plan}-1", plan_id=plan, title=title, source=SRC,
                   indicator=indicator, unit=unit, targets=targets)


def partition(grouping) -> set[frozenset[str]]:
    """The groups as sets of measure ids (which measures are one indicator)."""
    return {frozenset(g.ids) for g in grouping.groups}


def catalogue(*entries: tuple) -> Catalogue:
    """A small local catalogue: (code, title) or (code, title, unit)."""
    out = {}
    for e in entries:
        code, title, unit = (*e, None) if len(e) == 2 else e
        out[code] = Indicator(code, title, unit=unit)
    return Catalogue(out)


# ------------------------------------------------------------------------ unit families

@pytest.mark.parametrize("unit, family", [
    ("per  cent", "percent"),             # spaces run together, then a known unit
    ("Per cent of adults", "percent"),
    ("% of pupils", "percent"),
    ("percent of households", "percent"),
    ("£ per head", "currency"),
    ("GBP millions", "currency"),
    ("rate per 1,000 population", "rate"),
    ("per 10,000 households", "rate"),
    ("number of visits", "number"),
    ("Number", "number"),
    ("kg per household", "kg per household"),  # a free unit stays as written (lower case)
])
def test_a_free_unit_is_read_into_its_family(unit, family):
    assert unit_family(measure("M1", "Anything", unit=unit)) == family


def test_a_measure_with_no_unit_is_percent_when_a_value_has_a_percent_sign():
    pct = Target(None, Value("55%", 55.0, "number", percent_sign=True), SRC)
    plain = Target(None, Value("55", 55.0, "number"), SRC)
    assert unit_family(measure("M1", "Anything", targets=(pct,))) == "percent"
    assert unit_family(measure("M2", "Anything", targets=(plain,))) is None


@pytest.mark.parametrize("a, b, compatible", [
    (None, None, True), (None, "percent", True), ("percent", None, True),
    ("percent", "percent", True), ("percent", "number", False), ("number", "rate", False),
])
def test_units_compatible_means_the_same_unit_or_one_not_stated(a, b, compatible):
    assert units_compatible(a, b) is compatible


@pytest.mark.parametrize("a, b, clash", [
    (None, "percent", False), ("percent", None, False), ("number", "number", False),
    ("percent", "rate", False), ("rate", "ratio", False),  # may describe the same figure
    ("percent", "number", True), ("currency", "number", True),
    ("percent", "kg", True), ("kg", "percent", True),      # a percentage against a free unit
    ("number", "kg", False), ("kg", "tonnes", False),      # a free unit clashes only with percent
])
def test_units_clash(a, b, clash):
    assert units_clash(a, b) is clash


# -------------------------------------------------------------------- cores and matching

def core(title: str) -> frozenset[str]:
    return title_core(title)[0]


def test_a_title_that_only_adds_a_word_is_a_different_indicator():
    sport = core("Participation in sport")
    both = core("Participation in sport and volunteering")
    assert not cores_match(sport, both)
    assert not cores_match(both, sport)


def test_sex_keeps_titles_apart():
    assert not cores_match(core("Life expectancy (males)"), core("Life expectancy (females)"))
    assert not cores_match(core("Life expectancy (females)"), core("Life expectancy (males)"))


def test_a_five_letter_word_and_its_six_letter_spelling_variant_match_in_either_order():
    british, american = core("Labour market participation"), core("Labor market participation")
    assert cores_match(british, american)
    assert cores_match(american, british)


def test_spelling_variants_match_at_a_ratio_of_88_and_not_below():
    # accommodation / accomadation (a common misspelling): ratio exactly 88
    assert fuzz.ratio("accommodation", "accomadation") == pytest.approx(88.0)
    assert cores_match(frozenset({"temporary", "accommodation"}), frozenset({"temporary", "accomadation"}))
    assert cores_match(frozenset({"temporary", "accomadation"}), frozenset({"temporary", "accommodation"}))
    assert fuzz.ratio("accommodation", "acomadation") < 88
    assert not cores_match(frozenset({"temporary", "accommodation"}), frozenset({"temporary", "acomadation"}))


def _expected_pairs(cores: dict[str, frozenset[str]], threshold: float) -> dict[frozenset, float]:
    """match_cores' documented result: every pair of distinct keys whose cores match and
    whose token-set score reaches the threshold, with that score."""
    keys = list(cores)
    out = {}
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            score = fuzz.token_set_ratio(a, b)
            if score >= threshold and cores_match(cores[a], cores[b]):
                out[frozenset((a, b))] = score
    return out


def _pairs(found) -> dict[frozenset, float]:
    out = {}
    for a, b, score in found:
        assert a != b
        out[frozenset((a, b))] = score
    return out


def test_match_cores_returns_every_matching_pair_with_its_token_set_score():
    variants = ["accommodation", "accomodation", "acommodation", "accomadation", "accommodaton",
                "accommadation", "accomodations", "accommodatoin"]
    cores = {"household waste": frozenset({"household", "waste"})}  # a block of its own, first
    for v in variants:
        c = frozenset({"temporary", v})
        cores[" ".join(sorted(c))] = c
    # a spelling pair whose token-set score differs from other rapidfuzz scorers
    cores["color colorectal"] = frozenset({"color", "colorectal"})
    cores["colorectal colour"] = frozenset({"colorectal", "colour"})
    expected = _expected_pairs(cores, 90.0)
    assert len(expected) > 10 and frozenset(("color colorectal", "colorectal colour")) in expected
    found = _pairs(match_cores(cores, 90.0))
    assert found.keys() == expected.keys()
    for pair, score in expected.items():
        assert found[pair] == pytest.approx(score)
    # the default threshold is the documented title_threshold, 90
    assert _pairs(match_cores(cores)).keys() == expected.keys()


def test_match_cores_leaves_out_matching_cores_scoring_below_the_threshold():
    cores = {"accommodation temporary": frozenset({"temporary", "accommodation"}),
             "accomadation temporary": frozenset({"temporary", "accomadation"})}
    score = fuzz.token_set_ratio(*cores)
    assert cores_match(*cores.values())
    # (just under the score: rapidfuzz's cutoff is not exact to the last digit)
    assert _pairs(match_cores(cores, score - 0.01)).keys() == {frozenset(cores)}
    assert match_cores(cores, score + 0.5) == []


def test_match_cores_finds_a_pair_in_a_block_after_an_unmatched_core():
    cores = {"organic waste": frozenset({"organic", "waste"}),          # same blocking key as below
             "organisation waste": frozenset({"organisation", "waste"}),
             "organization waste": frozenset({"organization", "waste"})}
    assert _pairs(match_cores(cores, 90.0)).keys() == {frozenset(("organisation waste", "organization waste"))}


def test_labour_and_labor_are_one_indicator_at_the_default_threshold():
    # a one-word core and its variant score 90.9: over the documented default of 90
    a, b = measure("A.1", "Overall labour rate", plan="PA"), measure("B.1", "Overall labor rate", plan="PB")
    assert fuzz.token_set_ratio("labour", "labor") < 91
    assert partition(build_groups([a, b], Catalogue())) == {frozenset({"A.1", "B.1"})}
    assert _pairs(match_cores({"labour": frozenset({"labour"}), "labor": frozenset({"labor"})})).keys() \
        == {frozenset(("labour", "labor"))}


def test_title_threshold_is_the_token_set_score_of_the_two_cores():
    a = measure("A.1", "Labour market (%)", plan="PA")
    b = measure("B.1", "Labor market (%)", plan="PB")
    score = fuzz.token_set_ratio(" ".join(sorted(core(a.title))), " ".join(sorted(core(b.title))))
    together = {frozenset({"A.1", "B.1"})}
    assert partition(build_groups([a, b], Catalogue(), threshold=score - 0.01)) == together
    assert partition(build_groups([a, b], Catalogue(), threshold=score + 0.5)) == {frozenset({"A.1"}), frozenset({"B.1"})}


def test_titles_of_general_words_only_are_never_one_indicator():
    ms = [measure("A.1", "Number of people"), measure("B.1", "Percentage of residents"),
          measure("C.1", "Total number")]
    assert partition(build_groups(ms, Catalogue())) == {frozenset({"A.1"}), frozenset({"B.1"}), frozenset({"C.1"})}


# -------------------------------------------------------------------------- union-find

def test_union_find_joins_chains_and_keeps_other_sets_apart():
    uf = _UnionFind()
    uf.union("b", "c")
    uf.union("a", "b")          # c -> b -> a: a chain of two steps
    uf.union("y", "z")
    assert uf.find("c") == uf.find("b") == uf.find("a")
    assert uf.find("c") == uf.find("a")   # again, after the path was shortened
    assert uf.find("z") == uf.find("y") != uf.find("a")
    assert uf.find("lone") == "lone"


def test_three_titles_linked_by_spelling_are_one_indicator():
    titles = ["Voluntary organisations supported", "Voluntary organizations supported",
              "Voluntary organizatons supported", "Voluntary organisatons supported"]
    ms = [measure(f"M{i}", t, plan=f"P{i}") for i, t in enumerate(titles)]
    assert partition(build_groups(ms, Catalogue())) == {frozenset(m.id for m in ms)}


# ------------------------------------------------------------------- units split groups

def test_a_measure_with_no_unit_joins_the_single_stated_unit():
    ms = [measure("A.1", "Household waste recycled", unit="percent", plan="PA"),
          measure("B.1", "Household waste recycled", plan="PB")]
    assert partition(build_groups(ms, Catalogue())) == {frozenset({"A.1", "B.1"})}


def test_a_denominator_stated_once_does_not_split_the_same_unit():
    ms = [measure("A.1", "Serious acquisitive crime rate per 1,000 population", unit="rate", plan="PA"),
          measure("B.1", "Serious acquisitive crime rate", unit="rate", plan="PB")]
    assert partition(build_groups(ms, Catalogue())) == {frozenset({"A.1", "B.1"})}


def test_different_denominators_are_different_indicators():
    ms = [measure("A.1", "Serious acquisitive crime rate per 1,000 population", unit="rate", plan="PA"),
          measure("B.1", "Serious acquisitive crime rate per 10,000 population", unit="rate", plan="PB")]
    assert partition(build_groups(ms, Catalogue())) == {frozenset({"A.1"}), frozenset({"B.1"})}


def test_clashing_units_split_and_a_measure_without_unit_stays_apart_from_several():
    title = "Young people in employment"
    two = [measure("A.1", title, unit="percent", plan="PA"), measure("B.1", title, unit="number", plan="PB")]
    assert partition(build_groups(two, Catalogue())) == {frozenset({"A.1"}), frozenset({"B.1"})}
    three = [*two, measure("C.1", title, plan="PC")]
    grouping = build_groups(three, Catalogue())
    assert partition(grouping) == {frozenset({"A.1"}), frozenset({"B.1"}), frozenset({"C.1"})}
    assert set(grouping.group_of) == {"A.1", "B.1", "C.1"}


# ------------------------------------------------------- attaching to a code's group

def test_an_uncoded_measure_joins_a_code_only_in_a_unit_the_group_uses():
    coded = measure("A.1", "Household waste recycled", unit="percent", indicator="LI 7", plan="PA")
    same = measure("B.1", "Household waste recycled", unit="percent", plan="PB")
    other = measure("C.1", "Household waste recycled", unit="number", plan="PC")
    grouping = build_groups([coded, same, other], Catalogue())
    assert partition(grouping) == {frozenset({"A.1", "B.1"}), frozenset({"C.1"})}
    assert grouping.group_of["B.1"].code == "LI 7" and grouping.group_of["C.1"].code is None


def test_an_uncoded_measure_joins_a_code_only_with_the_same_denominator():
    coded = measure("A.1", "Serious acquisitive crime rate per 1,000 population", unit="rate",
                    indicator="LI 3", plan="PA")
    same = measure("B.1", "Serious acquisitive crime rate per 1,000 population", unit="rate", plan="PB")
    other = measure("C.1", "Serious acquisitive crime rate per 10,000 population", unit="rate", plan="PC")
    grouping = build_groups([coded, same, other], Catalogue())
    assert partition(grouping) == {frozenset({"A.1", "B.1"}), frozenset({"C.1"})}
    alone = build_groups([coded, other], Catalogue())
    assert partition(alone) == {frozenset({"A.1"}), frozenset({"C.1"})}


@pytest.mark.parametrize("entry_unit, measure_unit", [("%", "percent"), ("per cent", "%"),
                                                       ("tonnes", "tonnes")])
def test_the_catalogue_entrys_unit_decides_whether_a_title_joins_it(entry_unit, measure_unit):
    cat = catalogue(("LI 20", "Residual household waste collected", entry_unit))
    fits = measure("A.1", "Residual household waste collected", unit=measure_unit, plan="PA")
    clashes = measure("B.1", "Residual household waste collected", unit="number", plan="PB")
    grouping = build_groups([fits, clashes], cat)
    assert grouping.group_of["A.1"].code == "LI 20"
    assert grouping.group_of["B.1"].code is None
    assert partition(grouping) == {frozenset({"A.1"}), frozenset({"B.1"})}


def test_a_spelling_variant_of_a_catalogue_title_joins_its_code_unless_units_clash():
    cat = catalogue(("LI 5", "Voluntary organisations supported", "%"))
    fits = measure("A.1", "Voluntary organizations supported", unit="percent", plan="PA")
    assert build_groups([fits], cat).group_of["A.1"].code == "LI 5"
    clashes = measure("B.1", "Voluntary organizations supported", unit="number", plan="PB")
    grouping = build_groups([clashes], cat)
    assert grouping.group_of["B.1"].code is None and partition(grouping) == {frozenset({"B.1"})}


def test_a_title_linked_to_a_coded_measure_through_a_split_off_variant_still_joins_it():
    # C's title matches B's (a typo), B's matches the coded A's; B's unit clashes, so B stays
    # apart while C, in A's unit, joins A's code.
    a = measure("A.1", "Voluntary organisations supported", unit="percent", indicator="LI 9", plan="PA")
    b = measure("B.1", "Voluntary organizations supported", unit="number", plan="PB")
    c = measure("C.1", "Voluntary organizatons supported", unit="percent", plan="PC")
    assert not cores_match(core(a.title), core(c.title)) and cores_match(core(b.title), core(c.title))
    grouping = build_groups([a, b, c], Catalogue())
    assert partition(grouping) == {frozenset({"A.1", "C.1"}), frozenset({"B.1"})}
    assert grouping.group_of["C.1"].code == "LI 9"


def test_a_title_linked_to_a_catalogue_title_through_a_split_off_variant_still_joins_it():
    # as above, with the catalogue title in place of a coded measure
    cat = catalogue(("LI 9", "Voluntary organisations supported", "%"))
    b = measure("B.1", "Voluntary organizations supported", unit="number", plan="PB")
    c = measure("C.1", "Voluntary organizatons supported", unit="percent", plan="PC")
    grouping = build_groups([b, c], cat)
    assert partition(grouping) == {frozenset({"C.1"}), frozenset({"B.1"})}
    assert grouping.group_of["C.1"].code == "LI 9" and grouping.group_of["B.1"].code is None


# ----------------------------------------------------------- naming a catalogue indicator

def test_a_title_writing_a_known_code_names_it_whatever_its_words():
    index = CatalogueTitles(builtin())
    title = "NI 40 Number of drug users helped"   # not the words of NI 40's title
    assert index.named(title) == "NI 40"
    assert index.named("Number of drug users helped") is None
    grouping = build_groups([measure("A.1", title)], builtin())
    assert grouping.group_of["A.1"].code == "NI 40"


def test_a_title_writing_a_numbered_code_without_a_title_names_it():
    cat = builtin()
    assert cat.status("NI 2")[0] == "numbered"
    title = "NI 2 Residents who feel they belong to their neighbourhood"
    assert CatalogueTitles(cat).named(title) == "NI 2"
    grouping = build_groups([measure("A.1", title)], cat)
    assert grouping.group_of["A.1"].code == "NI 2"
    # with a coded measure of that code already in the plans, the title joins its group
    coded = measure("B.1", "Sense of belonging", indicator="NI 2", plan="PB")
    grouping = build_groups([coded, measure("A.1", title)], cat)
    assert partition(grouping) == {frozenset({"A.1", "B.1"})}
    assert grouping.group_of["A.1"].code == "NI 2"


def test_an_indicator_is_labelled_alike_whether_named_in_a_title_or_given_by_code():
    cat = builtin()
    named = build_groups([measure("A.1", "NI 40 Number of drug users helped")], cat).group_of["A.1"]
    coded = build_groups([measure("B.1", "Drug treatment", indicator="NI 40")], cat).group_of["B.1"]
    assert named.code == coded.code == "NI 40"
    assert named.label == coded.label


def test_of_nested_catalogue_titles_the_widest_named_wins():
    # "problem" may be added to a catalogue title, so "Problem drug users in treatment"
    # names both entries; the one whose words hold the other's wins. It has the lower code
    # here, so the choice cannot come from the order of the codes.
    cat = catalogue(("LI 1", "Problem drug users in treatment"), ("LI 2", "Drug users in treatment"))
    index = CatalogueTitles(cat)
    assert index.named("Problem drug users in treatment") == "LI 1"
    assert index.named("Drug users in treatment") == "LI 2"
    # the docstring's example: a sub-group word is no harmless addition
    cat = catalogue(("LI 1", "Children killed or seriously injured"), ("LI 2", "Killed or seriously injured"))
    index = CatalogueTitles(cat)
    assert index.named("Children killed or seriously injured (survey)") == "LI 1"
    assert index.named("Killed or seriously injured - headline") == "LI 2"


def test_a_title_naming_two_entries_neither_holding_the_other_names_none():
    cat = catalogue(("LI 1", "Problem drug users in treatment"), ("LI 2", "Drug users in treatment survey data"))
    index = CatalogueTitles(cat)
    assert index.named("Problem drug users in treatment") == "LI 1"
    assert index.named("Drug users in treatment survey data") == "LI 2"
    assert index.named("Problem drug users in treatment survey data") is None


def test_a_spelling_variant_of_a_catalogue_title_names_it():
    cat = catalogue(("LI 5", "Voluntary organisations supported"), ("LI 6", "Household waste recycled"))
    index = CatalogueTitles(cat)
    assert index.named("Voluntary organizations supported") == "LI 5"
    assert index.named("Voluntary organizations supported (council data)") == "LI 5"


# ------------------------------------------------------------------------ in a sentence

def test_a_title_in_a_sentence_keeps_its_acronyms():
    assert _in_sentence_uncached("Children Looked After by the LA") == "children looked after by the LA"
    assert _in_sentence_uncached("NEET Young People") == "NEET young people"
    assert _in_sentence_uncached("CO2 Emissions") == "CO2 emissions"
