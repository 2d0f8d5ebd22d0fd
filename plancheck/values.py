"""Reading years and numbers as officers write them (contract section 2).

``2,737``, ``31.9%`` and `` 68.5 `` are numbers; ``TBC`` is text; ``55.7 (for 2009)`` is a
*qualified* number that is kept as text and reported, never used as plain 55.7.
"""

from __future__ import annotations

import datetime as _dt
import math
import re

from .model import Value, Year

_YEAR_MIN, _YEAR_MAX = 1900, 2100

_CAL = re.compile(r"^(?:fy\s*)?(\d{4})$", re.IGNORECASE)
_FIN = re.compile(r"^(?:fy\s*)?(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})$", re.IGNORECASE)

# A number possibly with thousands commas, a leading sign, currency symbol and trailing %.
_NUM = re.compile(
    r"^(?P<sign>[-+−–]?)\s*(?P<cur>[£$€]?)\s*(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
    r"\s*(?P<pct>%?)$"
)
# A number with words around it: "55.7 (for 2009)", "c. 70%", "at least 75%".
_QUALIFIED = re.compile(
    r"^(?:(?:c\.?|ca\.?|approx\.?|approximately|about|around|circa|at least|at most|over|under|"
    r"above|below|more than|less than|up to|[<>≤≥~])\s*)?"
    r"(?P<num>[-+−]?\d[\d,]*(?:\.\d+)?)",
    re.IGNORECASE,
)


# Text longer than this is never a number or a year, and the patterns are not tried on it:
# they are linear or near it on short text, but "-" + 40,000 spaces + "x" made _NUM
# backtrack for minutes (two optional runs of spaces around an optional sign).
MAX_NUMBER_TEXT = 100


class YearError(ValueError):
    """A year that is neither a calendar nor a financial year."""


def parse_year(raw: object) -> Year:
    """Read ``2010``, ``2010/11``, ``2010-11``, ``2010/2011`` (and ``FY2010/11``).

    Raises :class:`YearError` with a message an officer can act on.
    """
    if isinstance(raw, bool) or raw is None:
        raise YearError("no year given")
    if isinstance(raw, float):
        if not math.isfinite(raw) or raw != int(raw):
            raise YearError(f"{raw!r} is not a year")
        raw = int(raw)
    if isinstance(raw, int):
        return _calendar(raw, str(raw))
    if isinstance(raw, (_dt.date, _dt.datetime)):
        raise YearError(f"{raw.isoformat()} is a date; write the year, e.g. {raw.year} or {raw.year}/{(raw.year + 1) % 100:02d}")
    text = str(raw).strip()
    if not text:
        raise YearError("no year given")
    if len(text) > MAX_NUMBER_TEXT:
        raise YearError(f"'{text[:40]}...' ({len(text):,} characters) is not a year: write a calendar "
                        "year (2011) or a financial year (2010/11)")
    m = _CAL.match(text)
    if m:
        return _calendar(int(m.group(1)), text)
    m = _FIN.match(text)
    if m:
        start = int(m.group(1))
        end_text = m.group(2)
        end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
        if len(end_text) == 2 and end < start:  # 1999/00
            end += 100
        if end != start + 1:
            raise YearError(
                f"'{text}' is not a financial year: the second year must follow the first "
                f"(e.g. {start}/{(start + 1) % 100:02d})"
            )
        _check_range(start, text)
        return Year(point=start + 1, financial=True, start=start)
    raise YearError(f"'{text}' is not a year: write a calendar year (2011) or a financial year (2010/11)")


def _calendar(year: int, text: str) -> Year:
    _check_range(year, text)
    return Year(point=year, financial=False, start=year)


def _check_range(year: int, text: str) -> None:
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        raise YearError(f"'{text}' is outside the years plancheck accepts ({_YEAR_MIN}-{_YEAR_MAX})")


def parse_value(raw: object) -> Value:
    """Read a baseline or target value. Never raises: text is kept as text."""
    if raw is None:
        return Value(raw="", number=None, status="blank")
    if isinstance(raw, bool):
        return Value(raw=str(raw).lower(), number=None, status="text")
    if isinstance(raw, (int, float)):
        try:
            number = float(raw)
        except OverflowError:  # an int too large for a float
            number = math.inf
        if not math.isfinite(number):
            return Value(raw=_as_raw(raw), number=None, status="text")
        return Value(raw=_plain(number), number=number, status="number")
    text = str(raw).strip()
    if not text:
        return Value(raw="", number=None, status="blank")
    if len(text) > MAX_NUMBER_TEXT:
        return Value(raw=text, number=None, status="text")
    m = _NUM.match(text)
    if m:
        number = float(m.group("num").replace(",", ""))
        if m.group("sign") and m.group("sign") != "+":
            number = -number
        if not math.isfinite(number):  # hundreds of digits: keep as text, never inf
            return Value(raw=text, number=None, status="text")
        return Value(raw=text, number=number, status="number", percent_sign=bool(m.group("pct")))
    m = _QUALIFIED.match(text)
    if m:
        digits = m.group("num").replace(",", "").replace("−", "-")
        try:
            number = float(digits)
            if math.isfinite(number):
                return Value(raw=text, number=number, status="qualified", percent_sign="%" in text)
        except ValueError:
            pass
    return Value(raw=text, number=None, status="text")


def _as_raw(raw: int | float) -> str:
    text = str(raw) if isinstance(raw, float) or raw.bit_length() < 10_000 else "a number too long to show"
    return text


def _plain(x: float) -> str:
    return str(int(x)) if x == int(x) and abs(x) < 1e15 else repr(x)
