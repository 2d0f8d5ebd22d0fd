"""Years and values as officers write them (contract section 2)."""

import datetime as dt

import pytest

from plancheck.values import YearError, parse_value, parse_year


@pytest.mark.parametrize("raw, label, point, financial", [
    (2011, "2011", 2011, False),
    ("2011", "2011", 2011, False),
    (2011.0, "2011", 2011, False),  # a year typed into an Excel number cell
    ("2010/11", "2010/11", 2011, True),
    ("2010-11", "2010/11", 2011, True),
    ("2010/2011", "2010/11", 2011, True),
    (" 2010 / 11 ", "2010/11", 2011, True),
    ("FY2010/11", "2010/11", 2011, True),
    ("1999/00", "1999/00", 2000, True),
])
def test_years_read_as_written(raw, label, point, financial):
    year = parse_year(raw)
    assert (year.label, year.point, year.financial) == (label, point, financial)


def test_financial_year_meets_following_calendar_year_not_its_start():
    assert parse_year("2010/11").point == parse_year(2011).point
    assert parse_year("2010/11").point != parse_year(2010).point


@pytest.mark.parametrize("raw", ["2010/12", "March 2011", "11", "20110", "", None, True, 2010.5,
                                 "2009-2011", dt.date(2011, 3, 31), "3000"])
def test_bad_years_raise_with_a_message(raw):
    with pytest.raises(YearError) as exc:
        parse_year(raw)
    assert str(exc.value)


@pytest.mark.parametrize("raw, number, status", [
    ("2,737", 2737.0, "number"),
    ("31.9%", 31.9, "number"),
    (" 68.5 ", 68.5, "number"),
    ("61.00%", 61.0, "number"),
    ("£1,250,000", 1250000.0, "number"),
    ("-3.5", -3.5, "number"),
    (70, 70.0, "number"),
    (0.5, 0.5, "number"),
    ("TBC", None, "text"),
    ("tba", None, "text"),
    ("TBC (2009)", None, "text"),
    ("Top quartile", None, "text"),
    ("55.7 (for 2009)", 55.7, "qualified"),
    ("c. 70%", 70.0, "qualified"),
    ("at least 75%", 75.0, "qualified"),
    ("", None, "blank"),
    (None, None, "blank"),
    (True, None, "text"),
    (float("nan"), None, "text"),
])
def test_values_read_as_written(raw, number, status):
    value = parse_value(raw)
    assert (value.number, value.status) == (number, status)


def test_qualified_value_keeps_its_words():
    value = parse_value("55.7 (for 2009)")
    assert value.raw == "55.7 (for 2009)" and not value.is_number
