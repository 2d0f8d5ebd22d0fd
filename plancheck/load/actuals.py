"""Actuals (contract section 6): which figures achieved belong to which measure.

A measure's own actuals come from its ``actuals:`` list (YAML) or from rows of the
``actuals`` sheet or file that name it. Rows keyed by an indicator code apply to every
measure of that code whose unit is compatible. Rules, decided here where the contract is
silent (README, "Actuals"):

- Codes are matched as the catalogue matches them: ``NI 151`` = ``NI151`` = ``ni-151``.
- Units: a row has no unit, so it applies to the measures of its code that use the unit
  most of them use (``%``, ``per cent`` and ``percent`` are one unit), and to those that
  state none. A measure of the code in another unit does not get the figure.
- Two figures for one measure and one year (written the same way: ``2009/10`` twice)
  that are different numbers are reported (PC013) and neither is used for that year.
  The same number twice (a measure's own figure repeated at indicator level) is used once.
- A figure over 100 for a measure in percent is reported (PC006) and not used.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from .. import input_codes as codes
from ..model import Actual
from .records import FieldReader, MeasureRec

_CODE = re.compile(r"^\s*([A-Za-z]+)[\s\-_.]*0*(\d+)\s*([A-Za-z]?)\s*$")
_PERCENT = {"%", "percent", "per cent", "percentage", "pct"}


def code_key(code: str) -> str:
    """The same normal form as ``catalogue.normalise_code`` (this layer may not import it)."""
    m = _CODE.match(code)
    if m:
        return f"{m.group(1).upper()} {int(m.group(2))}{m.group(3).lower()}"
    return re.sub(r"\s+", " ", code.strip()).upper()


def unit_key(unit: str | None) -> str | None:
    if not unit or not unit.strip():
        return None
    u = re.sub(r"\s+", " ", unit.strip().lower())
    return "percent" if u in _PERCENT else u


def _over_100(m: MeasureRec, a: Actual) -> bool:
    return unit_key(m.unit) == "percent" and a.value.number is not None and a.value.number > 100


def resolve(measures: list[MeasureRec], by_indicator: list[tuple[str, Actual]],
            reader: FieldReader) -> tuple[dict[str, list[Actual]], list[Actual]]:
    """Each measure's actuals (own, then indicator-level), keyed by measure id, and the
    framework-level actuals as read. Reports codes that match no measure, conflicts and
    percentages over 100 through ``reader``."""
    by_code: dict[str, list[MeasureRec]] = defaultdict(list)
    for m in measures:
        if m.indicator and m.indicator.strip():
            by_code[code_key(m.indicator)].append(m)
    framework_level: list[Actual] = []
    rows_for: dict[str, list[Actual]] = defaultdict(list)
    for raw_code, a in by_indicator:
        key = code_key(raw_code)
        framework_level.append(a)
        if key not in by_code:
            known = sorted({code_key(m.indicator) for ms in by_code.values() for m in ms})
            hint = f" (codes used: {', '.join(known[:8])}{'...' if len(known) > 8 else ''})" if known else ""
            reader.report(codes.ORPHAN_ROW,
                          f"An actual for {a.year} names indicator '{raw_code}', which no measure in the "
                          f"framework uses{hint}; it was not used", a.source)
            continue
        rows_for[key].append(a)
    # Indicator rows: two different figures for one code and year are a conflict.
    for key, rows in rows_for.items():
        rows_for[key] = _without_conflicts(rows, f"indicator {key}", (), reader)
    out: dict[str, list[Actual]] = {}
    for m in measures:
        own = [a for a in m.actuals if not _reported_over_100(m, a, reader)]
        own = _without_conflicts(own, f"Measure {m.id}", (m.id,), reader) if len(own) > 1 else own
        out[m.id] = own
    for key, rows in rows_for.items():
        if not rows:
            continue
        ms = by_code[key]
        units = Counter(unit_key(m.unit) for m in ms if unit_key(m.unit) is not None)
        main = units.most_common(1)[0][0] if units else None
        for m in ms:
            if unit_key(m.unit) not in (None, main):
                continue
            own = out[m.id]
            own_years = {a.year: a for a in m.actuals}
            merged = list(own)
            for a in rows:
                if _over_100(m, a):
                    reader.report(codes.BAD_VALUE,
                                  f"The actual for {a.year} of indicator {key} ({a.value.raw}) is over 100 "
                                  f"but measure {m.id} is a percentage; it was not used for {m.id}",
                                  a.source, None, (m.id,))
                    continue
                mine = own_years.get(a.year)
                if mine is not None:
                    if mine.value.number != a.value.number:
                        reader.report(codes.CONFLICTING_ACTUALS,
                                      f"Measure {m.id} records {mine.value.display()} for {a.year} "
                                      f"({mine.source.describe()}) but the actual for its indicator {key} "
                                      f"is {a.value.display()}; neither was used",
                                      a.source, None, (m.id,))
                        merged = [x for x in merged if x.year != a.year]
                    continue
                merged.append(Actual(year=a.year, value=a.value, source=a.source, year_raw=a.year_raw,
                                     cite=a.cite, indicator=key))
            out[m.id] = merged
    for m_id, acts in out.items():
        acts.sort(key=lambda a: (a.year.point, a.year.financial))
        out[m_id] = acts
    return out, framework_level


def _reported_over_100(m: MeasureRec, a: Actual, reader: FieldReader) -> bool:
    if _over_100(m, a):
        reader.report(codes.BAD_VALUE,
                      f"Measure {m.id}, actual for {a.year}: {a.value.raw} is over 100 but the measure is "
                      "a percentage; it was not used", a.source, None, (m.id,))
        return True
    return False


def _without_conflicts(rows: list[Actual], what: str, objects: tuple[str, ...],
                       reader: FieldReader) -> list[Actual]:
    """Rows minus every year that has two different figures (each such pair reported)."""
    first: dict = {}
    bad: set = set()
    kept: list[Actual] = []
    for a in rows:
        prev = first.get(a.year)
        if prev is None:
            first[a.year] = a
            kept.append(a)
            continue
        if prev.value.number != a.value.number:
            reader.report(codes.CONFLICTING_ACTUALS,
                          f"{what} has two different actuals for {a.year}: {prev.value.display()} "
                          f"({prev.source.describe()}) and {a.value.display()}; neither was used",
                          a.source, None, objects)
            bad.add(a.year)
    return [a for a in kept if a.year not in bad]
