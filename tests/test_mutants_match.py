"""plancheck/match.py at its edges: what a mutation run showed no test pinned down
(tests/MUTATION.md). Written from the module's documented API: ``words``, ``normalise``,
``tokens``, ``IdIndex`` ("did you mean" for ids) and ``TextIndex`` (blocked fuzzy search).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from plancheck.match import IdIndex, TextIndex, normalise, tokens, words


def test_words_drop_the_possessive_and_read_ampersand_as_and():
    assert words("Children's services & schools") == ["children", "services", "and", "schools"]
    assert words("Children\u2019s centres&nurseries") == ["children", "centres", "and", "nurseries"]


def test_extra_stop_words_are_removed_like_plan_stop_words():
    assert normalise("Kingsmere parks", ["kingsmere"]) == "park"
    assert normalise("Kingsmere parks") == "kingsmer park"
    assert tokens("Kingsmere parks and gardens", ["kingsmere"]) == {"park", "garden"}
    # a plan stop word stays a stop word when extra ones are given
    assert normalise("Improve Kingsmere parks", ["kingsmere"]) == "park"


def test_two_letter_words_are_kept_and_single_letters_dropped():
    assert normalise("GP appointments") == "gp appoint"
    assert normalise("A & E attendances") == "attendanc"


def test_an_id_at_exactly_the_cutoff_similarity_is_suggested():
    # "abcdx" vs "abcde": similarity 80, the default cutoff ("at least cutoff")
    assert IdIndex(["ABCDE"]).closest("abcdx") == "ABCDE"
    assert IdIndex(["ABCDE"]).closest("abxdy") is None


def test_id_similarity_ignores_case_and_is_edit_distance():
    assert IdIndex(["SCS-W12"]).closest("scs-w13") == "SCS-W12"
    assert IdIndex(["SCS-W12345"]).closest("SCS-W1") is None   # a long id is not "close" to a short one


def test_nothing_is_suggested_for_nothing():
    assert IdIndex(["---", "A1"]).closest("") is None
    assert IdIndex([]).closest("A1") is None


def test_ids_with_the_same_leading_letters_are_searched_first():
    # "LA-E21" is more similar to "LAA-E21" (92) than "LAA-E12" is (86), but slips rarely
    # change a plan's prefix: the id with the same leading letters wins.
    assert IdIndex(["LAA-E12", "LA-E21"]).closest("LAA-E21") == "LAA-E12"
    assert IdIndex(["LA-E21", "LAA-E12"]).closest("LAA-E21") == "LAA-E12"


def test_a_tie_goes_to_the_longest_shared_beginning_then_to_difflib():
    # two ids equally similar: the one sharing the longer beginning wins even where
    # difflib alone would pick the other
    assert IdIndex(["1a122b", "ba1212"]).closest("b22bb1", cutoff=0) == "ba1212"
    # equally similar and the same shared beginning: difflib decides (not order, not sort)
    assert IdIndex(["22b11a", "2aba1a", "2a12a2", "2a2aab"]).closest("21a22a", cutoff=60) == "2a2aab"


def _index(n_items: int, n_with_token: int, **kwargs) -> TextIndex:
    items = [(i, f"subject{i} " + ("parks" if i < n_with_token else "")) for i in range(n_items)]
    return TextIndex(items, **kwargs)


def test_a_token_in_more_than_half_the_items_is_not_used_for_blocking():
    assert _index(20, 10).candidates("parks") == list(range(10))   # exactly half: used
    assert _index(20, 11).candidates("parks") == []                 # more than half: not
    assert _index(20, 11).candidates("subject3 parks") == [3]


def test_a_token_in_at_most_min_df_cap_items_is_always_used():
    assert _index(10, 8).candidates("parks") == list(range(8))
    assert _index(10, 9).candidates("parks") == []


def test_extra_stop_words_neither_block_nor_score():
    index = TextIndex([("a", "Kingsmere parks"), ("b", "Kingsmere jobs")], extra_stop=["kingsmere"])
    assert index.candidates("Kingsmere crime") == []
    assert index.candidates("Kingsmere parks") == [0]
    assert index.search("Kingsmere parks", scorer=fuzz.ratio) == [("a", 100.0)]


def test_search_scores_with_token_set_ratio_by_default():
    assert TextIndex([("a", "parks and jobs")]).search("jobs and parks") == [("a", 100.0)]


def test_search_keeps_a_candidate_found_by_code_alone():
    index = TextIndex([("a", "Overall employment rate")], codes={"a": {"NI 151"}})
    assert index.search("Reduce the rate", codes=["NI 151"]) == [("a", 0.0)]


def test_search_honours_allowed_and_limit():
    index = TextIndex([(k, f"parks {k}") for k in "abcdefg"], min_df_cap=10)
    assert {k for k, _ in index.search("parks", allowed={"b", "c"})} == {"b", "c"}
    assert index.search("parks", allowed=set()) == []
    assert len(index.search("parks", limit=7)) == 7
    assert len(index.search("parks", limit=2)) == 2


def test_many_equally_close_ids_still_go_to_the_longest_shared_beginning():
    # Six ids tie; the one sharing the longest beginning must win whatever its place in the
    # list (matching used to keep only the first five of a tie, so this answered ABCDXF).
    tied = ["XBCDEF", "AXCDEF", "ABXDEF", "ABCXEF", "ABCDXF", "ABCDEX"]
    assert IdIndex(tied).closest("ABCDEF") == "ABCDEX"
    assert IdIndex(list(reversed(tied))).closest("ABCDEF") == "ABCDEX"
