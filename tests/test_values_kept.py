"""Values and years at their edges: what mutation testing of plancheck/values.py showed
the suite did not pin down (tests/MUTATION.md).

Contract section 2: values are read as officers write them; a value written as text is
kept as written; a qualified number keeps its text. README: conversion keeps every value
as it was written. So the text kept (``raw``) is asserted as well as the number.
"""

from __future__ import annotations

import pytest

from plancheck.values import MAX_NUMBER_TEXT, YearError, parse_value, parse_year


@pytest.mark.parametrize("year", [1900, 2100, "1900", "2100", "2099/00"])
def test_the_first_and_last_accepted_years(year):
    assert parse_year(year).point in (1900, 2100)


@pytest.mark.parametrize("year", [1899, 2101, "1899", "2101", "1899/00"])
def test_years_just_outside_the_range_are_refused(year):
    with pytest.raises(YearError):
        parse_year(year)


@pytest.mark.parametrize("raw, kept", [
    (None, ""), ("", ""), ("   ", ""),                    # blank: nothing written
    ("TBC", "TBC"), ("  tba ", "tba"), ("Top quartile", "Top quartile"),
    ("2,737", "2,737"), ("31.9%", "31.9%"), ("55.7 (for 2009)", "55.7 (for 2009)"),
    (True, "true"), (False, "false"),                    # YAML booleans, as YAML writes them
    (70, "70"), (2737, "2737"), (0.5, "0.5"),
])
def test_the_value_is_kept_as_written(raw, kept):
    assert parse_value(raw).raw == kept


@pytest.mark.parametrize("raw, number", [("+5", 5.0), ("-5", -5.0), ("\u22125", -5.0), ("\u20133.5", -3.5),
                                         ("+ 2,000", 2000.0), ("€1,000", 1000.0), (".5", 0.5)])
def test_signs_as_officers_type_them(raw, number):
    value = parse_value(raw)
    assert (value.number, value.status) == (number, "number")


def test_too_many_digits_is_text_kept_as_written():
    digits = "9" * 400  # more than a float holds: never infinity
    value = parse_value(digits)
    assert (value.number, value.status, value.raw) == (None, "text", digits)


def test_an_integer_too_large_for_a_float_is_text():
    big = 10**400
    value = parse_value(big)
    assert (value.number, value.status, value.raw) == (None, "text", str(big))


def test_an_integer_too_long_to_print_is_text_and_does_not_raise():
    # Python refuses to turn an int of more than 4,300 digits into text.
    value = parse_value(10**5000)
    assert (value.number, value.status) == (None, "text")
    assert len(value.raw) < 100


@pytest.mark.parametrize("raw, percent", [("40%", True), ("40", False), (40, False), ("61.00 %", True),
                                          ("c. 70%", True), ("55.7 (for 2009)", False)])
def test_a_percent_sign_is_remembered(raw, percent):
    assert parse_value(raw).percent_sign is percent


@pytest.mark.parametrize("raw, number", [("at least 1,500", 1500.0), ("about \u22125", -5.0),
                                         ("up to 2,000,000", 2000000.0)])
def test_qualified_numbers_read_like_plain_ones(raw, number):
    value = parse_value(raw)
    assert (value.number, value.status, value.raw) == (number, "qualified", raw)


def test_a_year_as_long_as_the_longest_text_read_is_still_read():
    # values.py: text *longer* than MAX_NUMBER_TEXT is never a year; text of that length is read.
    text = "FY" + " " * (MAX_NUMBER_TEXT - 6) + "2010"
    assert len(text) == MAX_NUMBER_TEXT
    assert parse_year(text).label == "2010"
    with pytest.raises(YearError):
        parse_year("FY" + " " * (MAX_NUMBER_TEXT - 5) + "2010")


def test_a_value_as_long_as_the_longest_text_read_is_still_read():
    qualified = "55.7 (" + "x" * (MAX_NUMBER_TEXT - 7) + ")"
    assert len(qualified) == MAX_NUMBER_TEXT
    v = parse_value(qualified)
    assert (v.status, v.number, v.raw) == ("qualified", 55.7, qualified)
    v = parse_value("5" * MAX_NUMBER_TEXT)
    assert (v.status, v.number) == ("number", float("5" * MAX_NUMBER_TEXT))
    v = parse_value("5" * (MAX_NUMBER_TEXT + 1))   # longer: text, kept as written
    assert (v.status, v.number, v.raw) == ("text", None, "5" * (MAX_NUMBER_TEXT + 1))
