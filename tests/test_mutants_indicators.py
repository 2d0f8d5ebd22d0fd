"""Indicator grouping (plancheck.indicators), from its module documentation, the
docstrings of its public helpers and the contract (docs/plan-format.md: units,
``title_threshold`` and ``match_titles`` in README.md). Written to kill the mutants that
survived the partial mutation run of session 4 and, from "title cores" on, the run of
session 7 over the functions not run before (tests/MUTATION.md); every assertion is on
groups, codes, members, cores, units or booleans, never on the wording of a reason.
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
    catalogue_titles,
    cores_match,
    match_cores,
    qualifiers_set_aside,
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


# ---------------------------------------------- title cores (session 7: never run before)
# From the module documentation (rule 2: lower case, simple stems, synonyms, no small or
# general words, rate denominators kept apart) and title_core's docstring; the expected
# cores are the title's own words read that way.

def test_a_title_core_is_its_telling_words_in_lower_case():
    assert core("Life expectancy at birth (males)") == {"life", "expectancy", "male"}  # the docstring
    assert core("Male life expectancy at birth") == core("Life expectancy at birth (males)")
    assert core("Recycling") == {"recycl"}                                          # the module doc
    assert core("Under 18 conception rate") == {"under", "18", "conception"}
    # small words (of, the) and general words (percentage, local, people, area) are left out
    assert core("The percentage of local people in the area") == frozenset()
    assert core("Percentage of the people in the local area who recycle") == core("Recycling")
    assert core("Proportions of households recycling") == core("Households recycling")


@pytest.mark.parametrize("inflected, plain", [
    ("Libraries", "Library"), ("Ties", "Tie"), ("Flies", "Fly"), ("Jobs", "Job"),
    ("Addresses", "Address"), ("Asses", "Ass"), ("Censuses", "Census"),
    ("Housing", "House"), ("Housed", "House"), ("Speeding", "Speed"), ("Recycled", "Recycling"),
])
def test_inflected_forms_of_a_word_share_its_stem(inflected, plain):
    assert core(inflected) == core(plain)
    assert len(core(plain)) == 1


@pytest.mark.parametrize("title, word", [("Gas", "gas"), ("Tennis", "tennis"), ("Census", "census")])
def test_a_short_word_or_one_merely_ending_in_s_is_its_own_stem(title, word):
    assert core(title) == {word}


def test_synonyms_possessives_and_curly_apostrophes():
    assert core("Men's health") == core("Male health") == {"male", "health"}   # men -> male
    assert core("Women\u2019s refuges") == core("Women's refuges") == core("Female refuges")
    assert core("Youth programme") == core("Youth program")


def test_a_rate_denominator_is_returned_apart_from_the_core():
    assert title_core("Crime rate per 1,000 population") == (core("Crime rate"), "1000")
    assert title_core("Crime rate")[1] is None
    assert title_core("Under 18 conception rate (per 1,000 females aged 15-17)") == \
        (frozenset({"under", "18", "conception"}), "1000")


@pytest.mark.parametrize("unit", ["(kg)", "(tonnes)", "(%)", "(per cent)"])
def test_a_bracket_holding_only_a_unit_says_nothing_about_the_thing(unit):
    assert core(f"Residual household waste {unit}") == core("Residual household waste")


def test_per_cent_percent_and_the_percent_sign_are_one_word():
    forms = [f"Achieving level 4 in maths ({unit} of pupils)" for unit in ("per cent", "percent", "%")]
    assert core(forms[0]) == core(forms[1]) == core(forms[2])


def test_a_unit_bracket_written_against_a_word_is_still_only_a_unit():
    assert core("Children under five(%)") == core("Children under 5")


@pytest.mark.parametrize("written, same", [
    ("Create 1,000 jobs", "Create 1000 jobs"), ("Pupils achieving five GCSEs", "Pupils achieving 5 GCSEs"),
    ("Level 02 qualifications", "Level 2 qualifications"), ("Level 2.0 qualifications", "Level 2 qualifications"),
    ("Pupils scoring 12.50", "Pupils scoring 12.5"),
])
def test_one_number_written_in_two_ways_is_one_word(written, same):
    assert core(written) == core(same)


def test_different_numbers_keep_titles_apart():
    assert "0" in core("Level 0 qualifications")
    assert not cores_match(core("Create 100 jobs"), core("Create 1,000 jobs"))
    assert not cores_match(core("Level 1 qualifications"), core("Level 10 qualifications"))


@pytest.mark.parametrize("forms", [
    ["People aged 65 plus", "People aged 65+", "People aged 65 and over", "People aged over 65",
     "People aged 65 or older", "People over 65+"],
    ["Qualified to Level 2 plus", "Qualified to at least Level 2", "Qualified to Level 2 or above",
     "Qualified to Level 2+"],
    ["Pupils achieving 5 plus GCSEs", "Pupils achieving 5 or more GCSEs", "Pupils achieving 5+ GCSEs"],
])
def test_n_plus_written_in_any_form_is_one_form(forms):
    cores = {core(f) for f in forms}
    assert len(cores) == 1 and "plus" in cores.pop()
    assert core(forms[0]) != core(forms[0].replace(" plus", ""))


def test_a_code_written_in_the_title_is_not_part_of_its_core():
    assert core("NI 75 Five or more GCSEs at A*-C") == core("Five or more GCSEs at A*-C")
    assert core("NI 163 At least Level 2 (working age)") == core("At least Level 2 (working age)")
    assert core("(NI 139) Over 65 helped to live at home") == core("Over 65 helped to live at home")


@pytest.mark.parametrize("hyphenated, plain", [
    ("Anti-social behaviour", "Antisocial behaviour"), ("Re-offending rate", "Reoffending rate"),
    ("Working-age adults", "Working age adults"),
])
def test_a_hyphen_prefix_belongs_to_its_word_and_other_hyphens_part_words(hyphenated, plain):
    assert core(hyphenated) == core(plain)


def test_road_traffic_accidents_are_road_accidents():
    assert core("Killed or seriously injured in road traffic accidents") == \
        core("Killed or seriously injured in road accidents")


def test_a_sex_or_a_number_is_never_a_spelling_variant():
    # the same first four letters and a ratio over 88, as for spelling variants ...
    assert fuzz.ratio("female", "femal") >= 88 and fuzz.ratio("100000000", "100000001") >= 88
    assert cores_match(frozenset({"life", "expectancy"}), frozenset({"life", "expectancey"}))
    # ... but "never a number or a sex" (module doc, rule 2)
    assert not cores_match(frozenset({"life", "female"}), frozenset({"life", "femal"}))
    assert not cores_match(frozenset({"life", "femal"}), frozenset({"life", "female"}))
    assert not cores_match(frozenset({"job", "100000000"}), frozenset({"job", "100000001"}))


# ------------------------------------------ qualifiers and the catalogue's title index

def test_a_dash_inside_a_kept_bracket_is_no_dash_tail():
    title = "Killed or seriously injured (children - council data)"
    assert qualifiers_set_aside(title) == title


def test_a_catalogue_entry_of_general_words_only_hides_no_other_entry():
    cat = catalogue(("LI 1", "Number of people"), ("LI 2", "Household waste recycled"))
    index = CatalogueTitles(cat)
    assert index.named("Household waste recycled") == "LI 2"
    assert index.named("Number of people") is None


def test_catalogues_holding_the_same_indicators_share_one_title_index():
    first = catalogue(("LI 1", "Household waste recycled"))
    same = catalogue(("LI 1", "Household waste recycled"))
    other = catalogue(("LI 2", "Household waste recycled"))
    assert catalogue_titles(first) is catalogue_titles(same)
    assert catalogue_titles(first) is not catalogue_titles(other)
    assert catalogue_titles(first).named("Household waste recycled") == "LI 1"
    assert catalogue_titles(other).named("Household waste recycled") == "LI 2"


# ------------------------------------------------- grouping (session 7: build_groups)

def test_a_title_matching_a_coded_title_and_another_codes_catalogue_title_stays_alone():
    # rule 4: one that matches several codes stays on its own; the codes are reported
    cat = catalogue(("LI 2", "Household recycling"))
    coded = measure("A.1", "Household recycling", indicator="LI 1", plan="PA")
    uncoded = measure("B.1", "Household recycling", plan="PB")
    grouping = build_groups([coded, uncoded], cat)
    assert partition(grouping) == {frozenset({"A.1"}), frozenset({"B.1"})}
    assert grouping.group_of["A.1"].code == "LI 1" and grouping.group_of["B.1"].code is None
    assert grouping.ambiguous == [(["B.1"], ["LI 1", "LI 2"])]
    # with one code only, it joins that code's group and nothing is ambiguous
    alone = build_groups([uncoded], cat)
    assert alone.group_of["B.1"].code == "LI 2" and alone.ambiguous == []


def test_a_title_naming_a_catalogue_indicator_joins_it_only_in_a_unit_it_uses():
    # rule 3 (units) applies to rule 5 (naming); "(council data)" names a source
    title = "Residual household waste collected (council data)"
    cat = catalogue(("LI 20", "Residual household waste collected", "tonnes"))
    fits = measure("A.1", title, unit="tonnes", plan="PA")
    clashes = measure("B.1", title, unit="number", plan="PB")
    grouping = build_groups([fits, clashes], cat)
    assert grouping.group_of["A.1"].code == "LI 20" and grouping.group_of["B.1"].code is None
    assert partition(grouping) == {frozenset({"A.1"}), frozenset({"B.1"})}
    # the same when the unit comes from a coded measure of the indicator
    cat = catalogue(("LI 21", "Residual household waste collected"))
    coded = measure("C.1", "Waste collected", unit="percent", indicator="LI 21", plan="PC")
    fits = measure("D.1", title, unit="percent", plan="PD")
    clashes = measure("E.1", title, unit="number", plan="PE")
    grouping = build_groups([coded, fits, clashes], cat)
    assert partition(grouping) == {frozenset({"C.1", "D.1"}), frozenset({"E.1"})}
    assert grouping.group_of["E.1"].code is None


def test_titles_naming_two_indicators_are_two_groups():
    ms = [measure("A.1", "NI 40 Number of drug users helped", plan="PA"),
          measure("B.1", "NI 151 Jobs in the borough", plan="PB")]
    grouping = build_groups(ms, builtin())
    assert partition(grouping) == {frozenset({"A.1"}), frozenset({"B.1"})}
    assert grouping.group_of["A.1"].code == "NI 40" and grouping.group_of["B.1"].code == "NI 151"


def test_a_title_joining_a_catalogue_code_is_labelled_as_when_given_by_code():
    cat = catalogue(("LI 5", "Voluntary organisations supported"))
    by_title = build_groups([measure("A.1", "Voluntary organizations supported")], cat).group_of["A.1"]
    by_code = build_groups([measure("B.1", "Groups helped", indicator="LI 5")], cat).group_of["B.1"]
    assert by_title.code == by_code.code == "LI 5"
    assert by_title.label == by_code.label


def test_groups_and_their_members_come_in_plan_order():
    # an uncoded measure given first, a coded one of the same indicator after it
    ms = [measure("A.1", "Household waste recycled", plan="PA"),
          measure("B.1", "Street cleanliness", indicator="LI 8", plan="PB"),
          measure("C.1", "Household waste recycled", indicator="LI 7", plan="PC")]
    grouping = build_groups(ms, Catalogue())
    assert [g.ids for g in grouping.groups] == [["A.1", "C.1"], ["B.1"]]


def test_without_title_matching_a_title_naming_a_catalogue_indicator_does_not_join_it():
    # README: match_titles false treats measures as one indicator only by code
    ms = [measure("A.1", "Drug users in effective treatment", plan="PA"),
          measure("B.1", "NI 40 Drug users helped", plan="PB")]
    on = build_groups(ms, builtin())
    assert on.group_of["A.1"].code == on.group_of["B.1"].code == "NI 40"
    off = build_groups(ms, builtin(), match_titles=False)
    assert off.group_of["A.1"].code is None and off.group_of["B.1"].code is None
    assert partition(off) == {frozenset({"A.1"}), frozenset({"B.1"})}


def test_a_spelling_variant_of_a_one_word_catalogue_title_joins_its_coded_group():
    # rules 2 and 4: labour/labor are spelling variants; the catalogue title of a code in
    # use counts as that code's title even when it is a single word
    cat = catalogue(("LI 3", "Labour"))
    coded = measure("A.1", "Workforce", indicator="LI 3", plan="PA")
    variant = measure("B.1", "Labor", plan="PB")
    grouping = build_groups([coded, variant], cat)
    assert partition(grouping) == {frozenset({"A.1", "B.1"})}
    assert grouping.group_of["B.1"].code == "LI 3"


def test_over_65s_and_a_word_written_against_the_number_are_the_same_n_plus():
    # Module doc and title_core's comment: "65+", "65 and over" and "over 65" are one form,
    # so "over 65s" and "the over-65s" (people over 65) are it too; a word written against
    # the number ("at least 5GCSEs") stays that word.
    assert core("Over 65s supported to live at home") == core("People aged 65+ supported to live at home")
    assert core("The over-65s supported to live at home") == core("People aged 65 and over supported to live at home")
    assert core("Pupils with at least 5GCSEs") == core("Pupils with 5 or more GCSEs")
    ms = [measure("A.1", "Over 65s supported to live at home", plan="PA"),
          measure("B.1", "People aged 65+ supported to live at home", plan="PB")]
    assert partition(build_groups(ms, Catalogue())) == {frozenset({"A.1", "B.1"})}
