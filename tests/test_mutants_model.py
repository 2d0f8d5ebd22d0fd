"""plancheck/model.py at its edges: what a mutation run showed no test pinned down
(tests/MUTATION.md). Written from the docstrings, which document each behaviour.
"""

from __future__ import annotations

import pytest

from plancheck.model import Measure, Objective, Plan, Source, Value, format_number


@pytest.mark.parametrize("source, text", [
    (Source("laa.yaml", line=21), "laa.yaml line 21"),
    (Source("laa.yaml"), "laa.yaml"),
    (Source("luton.xlsx", sheet="measures", cell="B7"), "luton.xlsx, sheet measures, cell B7"),
    (Source("luton.xlsx", sheet="measures"), "luton.xlsx, sheet measures"),
])
def test_a_place_is_described_as_an_officer_finds_it(source, text):
    # A location, not wording: the file, then line, or sheet and cell (the docstring's forms).
    assert source.describe() == text


@pytest.mark.parametrize("value, shown", [
    (Value("2737", 2737.0, "number"), "2,737"),            # a number: thousands separated, no .0
    (Value("55.7 (for 2009)", 55.7, "qualified"), "55.7 (for 2009)"),  # a qualified number as written
    (Value("31.9%", 31.9, "qualified", percent_sign=True), "31.9%"),
    (Value("TBC", None, "text"), "TBC"),
    (Value("", None, "blank"), ""),
])
def test_a_value_is_shown_as_written_unless_it_is_a_plain_number(value, shown):
    assert value.display() == shown


@pytest.mark.parametrize("x, text", [
    (2737.0, "2,737"), (-5.0, "-5"), (2.5, "2.5"), (0.125, "0.125"),
    (1e16, "10,000,000,000,000,000"), (-1e16, "-10,000,000,000,000,000"),  # no needless "." either
])
def test_numbers_are_written_without_a_needless_decimal_part(x, text):
    assert format_number(x) == text


def test_a_field_without_its_own_place_is_found_at_its_owner():
    here, field = Source("p.yaml", line=3), Source("p.yaml", line=9)
    m = Measure("M1", "O1", "P", "Employment rate", here, fields={"unit": field})
    o = Objective("O1", "P", "Jobs", here, fields={"supports": field})
    p = Plan("P", "Plan", "corporate-plan", here, fields={"derives_from": field})
    for obj, known in ((m, "unit"), (o, "supports"), (p, "derives_from")):
        assert obj.where(known) is field
        assert obj.where("direction") is here
