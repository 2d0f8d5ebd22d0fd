"""Reading one plan, objective or measure from named fields, whatever the file form.

YAML, workbook and CSV loaders turn their input into ``{field: Cell}`` with the contract's
table column names (``period_start``, ``baseline_value`` ...), so validation and
messages are the same for every form and the three forms give the same findings.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any

from .. import input_codes as codes
from ..findings import Hit
from ..match import did_you_mean
from ..model import (
    DIRECTIONS,
    MEASURE_KINDS,
    PLAN_KINDS,
    Acceptance,
    Actual,
    Baseline,
    Source,
    Target,
    Value,
    Year,
    quick_frozen,
)
from ..values import YearError, parse_value, parse_year


@functools.lru_cache(maxsize=4096)
def _cached_year(raw: str | int) -> Year:
    return parse_year(raw)


def _year(raw: object) -> Year:
    """parse_year, remembered for the few year texts a framework repeats thousands of times."""
    if type(raw) is str or type(raw) is int:  # not bool (1 == True) or float (hash-equal to an int)
        return _cached_year(raw)
    return parse_year(raw)

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
MAX_TEXT = 10_000  # characters in one cell before plancheck refuses it

PLAN_FIELDS = ("id", "title", "kind", "owner", "period_start", "period_end", "derives_from")
OBJECTIVE_FIELDS = ("id", "plan", "title", "theme", "supports", "local", "lead")
MEASURE_FIELDS = (
    "id", "objective", "indicator", "title", "unit", "direction", "kind",
    "baseline_value", "baseline_year", "lead",
)
TARGET_FIELDS = ("measure", "year", "value")
ACCEPT_FIELDS = ("id", "check", "reason", "until", "by")  # contract section 7
# Contract section 6: one of measure or indicator per row; source is free text.
ACTUAL_FIELDS = ("measure", "indicator", "year", "value", "source")

_TRUE = {"true", "yes", "y", "1", "local", "on"}
_FALSE = {"false", "no", "n", "0", "", "off"}
# Numbers written in a programmer's notation, not as officers write them: hexadecimal,
# octal or binary (0x1F, 0o17, 0b101), digits grouped with '_' (2_010) or hours:minutes
# (1:30, 33:30). YAML 1.1 and some tools read these as numbers; plancheck reports them.
# Tried only on text of at most 40 characters; linear.
_CODED_NUMBER = re.compile(r"[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9]+(?:_[0-9]+)+(?:\.[0-9_]*)?"
                           r"|[0-9]+(?::[0-9]+)+(?:\.[0-9]*)?)")


@dataclass(frozen=True, slots=True)
class Cell:
    """A raw value and where it was read."""

    value: Any
    source: Source


quick_frozen(Cell)

@dataclass
class PlanRec:
    id: str
    title: str
    kind: str
    source: Source
    owner: str | None = None
    period_start: Year | None = None
    period_end: Year | None = None
    derives_from: tuple[str, ...] = ()
    fields: dict[str, Source] = field(default_factory=dict)
    accept: list[Acceptance] = field(default_factory=list)


@dataclass
class ObjectiveRec:
    id: str
    plan_id: str
    title: str
    source: Source
    theme: str | None = None
    supports: tuple[str, ...] = ()
    local: bool = False
    lead: str | None = None
    fields: dict[str, Source] = field(default_factory=dict)
    accept: list[Acceptance] = field(default_factory=list)
    owner: PlanRec | None = None  # set when read nested under its plan (YAML)


@dataclass
class MeasureRec:
    id: str | None
    objective_id: str
    title: str
    source: Source
    indicator: str | None = None
    unit: str | None = None
    direction: str | None = None
    kind: str | None = None
    baseline: Baseline | None = None
    lead: str | None = None
    targets: list[Target] = field(default_factory=list)
    fields: dict[str, Source] = field(default_factory=dict)
    accept: list[Acceptance] = field(default_factory=list)
    owner: ObjectiveRec | None = None  # set when read nested under its objective (YAML)
    actuals: list[Actual] = field(default_factory=list)


@dataclass
class AcceptRec:
    """A row of an ``accept`` sheet or CSV file: an acceptance for the element ``id``."""

    acceptance: Acceptance


@dataclass
class TargetRec:
    measure_id: str
    target: Target


@dataclass
class ActualRec:
    """A row of an ``actuals`` sheet or file: keyed by a measure id or an indicator code."""

    measure_id: str | None
    indicator: str | None
    actual: Actual


def _about_record(method):
    """Read one record with ``about`` set by the method; clear it afterwards."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        self.about = ()
        try:
            return method(self, *args, **kwargs)
        finally:
            self.about = ()

    return wrapper


class FieldReader:
    """Validates field values and collects input findings with their locations."""

    def __init__(self, hits: list[Hit]):
        self.hits = hits
        # The id of the plan, objective or measure being read: an input finding about one of
        # its fields lists it in ``objects`` (contract section 4: the element concerned).
        self.about: tuple[str, ...] = ()

    def report(self, check, message: str, source: Source, plan: str | None = None,
               objects: tuple[str, ...] | None = None) -> None:
        if objects is None:
            objects = self.about
        self.hits.append(Hit(message, source, plan, tuple(objects), code=check.code))

    # -- scalar fields -------------------------------------------------------------
    def text(self, cells: dict[str, Cell], key: str, what: str) -> str | None:
        cell = cells.get(key)
        if cell is None or cell.value is None:
            return None
        value = cell.value
        if isinstance(value, (dict, list)):
            self.report(codes.BAD_FIELD_VALUE,
                        f"{what}: '{key}' should be a single piece of text, not a "
                        f"{'list' if isinstance(value, list) else 'set of keys'}; it was not read",
                        cell.source)
            return None
        text = _as_text(value).strip()
        if len(text) > MAX_TEXT:
            self.report(codes.BAD_FIELD_VALUE,
                        f"{what}: '{key}' is {len(text):,} characters long; plancheck read "
                        f"the first {MAX_TEXT:,}", cell.source)
            text = text[:MAX_TEXT]
        return text or None

    def ident(self, cells: dict[str, Cell], key: str, what: str) -> str | None:
        value = self.text(cells, key, what)
        if value is None:
            return None
        if not ID_RE.match(value):
            self.report(codes.BAD_FIELD_VALUE,
                        f"{what}: id '{value}' should use only letters, digits, '-', '_' and '.'",
                        cells[key].source)
        return value

    def id_list(self, cells: dict[str, Cell], key: str, what: str) -> tuple[str, ...]:
        cell = cells.get(key)
        if cell is None or cell.value is None:
            return ()
        value = cell.value
        items: list[Any]
        if isinstance(value, list):
            items = value
        elif isinstance(value, dict):
            self.report(codes.BAD_FIELD_VALUE,
                        f"{what}: '{key}' should be a list of ids, not a set of keys; it was not read",
                        cell.source)
            return ()
        else:
            items = re.split(r"[;,\n]", _as_text(value))
        out = []
        for item in items:
            if isinstance(item, (dict, list)):
                self.report(codes.BAD_FIELD_VALUE,
                            f"{what}: each entry of '{key}' should be an id", cell.source)
                continue
            text = _as_text(item).strip()
            if text and text not in out:
                out.append(text)
        return tuple(out)

    def year(self, cells: dict[str, Cell], key: str, what: str) -> tuple[Year | None, str]:
        cell = cells.get(key)
        if cell is None or cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
            return None, ""
        raw = cell.value
        if isinstance(raw, (dict, list)):
            self.report(codes.BAD_YEAR, f"{what}: '{key}' should be a year, e.g. 2011 or 2010/11",
                        cell.source)
            return None, ""
        try:
            return _year(raw), _as_text(raw).strip()
        except YearError as exc:
            self.report(codes.BAD_YEAR, f"{what}: {exc}", cell.source)
            return None, _as_text(raw).strip()

    def flag(self, cells: dict[str, Cell], key: str, what: str) -> bool:
        cell = cells.get(key)
        if cell is None or cell.value is None:
            return False
        if isinstance(cell.value, bool):
            return cell.value
        text = _as_text(cell.value).strip().lower()
        if text in _TRUE:
            return True
        if text not in _FALSE:
            self.report(codes.BAD_FIELD_VALUE,
                        f"{what}: '{key}' should be true or false, not '{cell.value}'; read as false",
                        cell.source)
        return False

    def choice(self, cells: dict[str, Cell], key: str, what: str, options) -> str | None:
        value = self.text(cells, key, what)
        if value is None:
            return None
        low = value.lower()
        if low in options:
            return low
        self.report(codes.BAD_FIELD_VALUE,
                    f"{what}: {key} '{value}' is not one of {', '.join(options)}"
                    f"{did_you_mean(low, options)}; it was ignored", cells[key].source)
        return None

    def value(self, cells: dict[str, Cell], key: str, what: str):
        cell = cells.get(key)
        raw = None if cell is None else cell.value
        if isinstance(raw, (dict, list)) or hasattr(raw, "isoformat"):
            kind = "a date" if hasattr(raw, "isoformat") else "a list" if isinstance(raw, list) else "a set of keys"
            self.report(codes.BAD_VALUE, f"{what}: {key.replace('_', ' ')} is {kind}, not a number",
                        cell.source)
            raw = None
        value = parse_value(raw)
        if _coded(value):
            self.report(codes.BAD_VALUE,
                        f"{what}: {key.replace('_', ' ')} '{value.raw}' is not a number as plans write them "
                        "(digits, ',' between thousands, '.', '%'); it was read as text. Write the number "
                        "in ordinary digits, e.g. 16 or 90", cell.source)
            return Value(raw=value.raw, number=None, status="text")
        return value

    def required(self, value, cells: dict[str, Cell], key: str, what: str, source: Source,
                 plan: str | None = None) -> None:
        if value is None or value == "":
            where = cells[key].source if key in cells else source
            self.report(codes.MISSING_FIELD, f"{what} has no {key}", where, plan)

    # -- whole records --------------------------------------------------------------
    @_about_record
    def plan(self, cells: dict[str, Cell], source: Source, fallback_id: str) -> PlanRec:
        what = "Plan"
        pid = self.ident(cells, "id", what)
        title = self.text(cells, "title", what) or ""
        if pid is None:
            self.report(codes.MISSING_FIELD,
                        f"Plan '{title or fallback_id}' has no id; plancheck used '{fallback_id}' for this run",
                        cells["id"].source if "id" in cells else source)
            pid = fallback_id
        what = f"Plan {pid}"
        self.about = (pid,)
        self.required(title, cells, "title", what, source, pid)
        kind_text = self.text(cells, "kind", what)
        if kind_text is None:
            self.report(codes.MISSING_FIELD, f"{what} has no kind; read as 'other'",
                        cells["kind"].source if "kind" in cells else source, pid)
            kind = "other"
        elif kind_text.lower() in PLAN_KINDS:
            kind = kind_text.lower()
        else:
            self.report(codes.UNKNOWN_PLAN_KIND,
                        f"{what}: kind '{kind_text}' is not a plan kind{did_you_mean(kind_text.lower(), PLAN_KINDS)}; "
                        "read as 'other'", cells["kind"].source, pid)
            kind = "other"
        start, _ = self.year(cells, "period_start", what)
        end, _ = self.year(cells, "period_end", what)
        if start and end and end.point < start.point:
            self.report(codes.BAD_YEAR, f"{what}: the period ends ({end}) before it starts ({start})",
                        cells["period_end"].source, pid)
        return PlanRec(
            id=pid, title=title, kind=kind, source=source,
            owner=self.text(cells, "owner", what),
            period_start=start, period_end=end,
            derives_from=self.id_list(cells, "derives_from", what),
            fields=_sources(cells),
        )

    @_about_record
    def objective(self, cells: dict[str, Cell], source: Source, plan_id: str | None,
                  fallback_id: str) -> ObjectiveRec:
        oid = self.ident(cells, "id", "Objective")
        title = self.text(cells, "title", "Objective") or ""
        if plan_id is None:
            plan_id = self.text(cells, "plan", "Objective") or ""
        if oid is None:
            label = f"'{title[:60]}'" if title else "without a title"
            self.report(codes.MISSING_FIELD,
                        f"Objective {label} has no id; plancheck used '{fallback_id}' for this run",
                        cells["id"].source if "id" in cells else source, plan_id or None)
            oid = fallback_id
        what = f"Objective {oid}"
        self.about = (oid,)
        self.required(title, cells, "title", what, source, plan_id or None)
        return ObjectiveRec(
            id=oid, plan_id=plan_id, title=title, source=source,
            theme=self.text(cells, "theme", what),
            supports=self.id_list(cells, "supports", what),
            local=self.flag(cells, "local", what),
            lead=self.text(cells, "lead", what),
            fields=_sources(cells),
        )

    @_about_record
    def measure(self, cells: dict[str, Cell], source: Source, objective_id: str | None,
                default_id: str | None = None) -> MeasureRec:
        mid = self.ident(cells, "id", "Measure") or default_id
        if objective_id is None:
            objective_id = self.text(cells, "objective", "Measure") or ""
        what = f"Measure {mid}" if mid else f"A measure of {objective_id or 'an unnamed objective'}"
        self.about = (mid,) if mid else ()
        title = self.text(cells, "title", what) or ""
        self.required(title, cells, "title", what, source)
        unit = self.text(cells, "unit", what)
        baseline = None
        has_value = cells.get("baseline_value") is not None and cells["baseline_value"].value is not None
        has_year = cells.get("baseline_year") is not None and cells["baseline_year"].value is not None
        if has_value or has_year:
            value = self.value(cells, "baseline_value", what)
            year, year_raw = self.year(cells, "baseline_year", what)
            where = cells["baseline_value"].source if has_value else cells["baseline_year"].source
            baseline = Baseline(year=year, value=value, source=where, year_raw=year_raw)
        return MeasureRec(
            id=mid, objective_id=objective_id, title=title, source=source,
            indicator=self.text(cells, "indicator", what),
            unit=unit.lower() if unit else None,
            direction=self.choice(cells, "direction", what, DIRECTIONS),
            kind=self.choice(cells, "kind", what, MEASURE_KINDS),
            baseline=baseline,
            lead=self.text(cells, "lead", what),
            fields=_sources(cells),
        )

    @_about_record
    def target(self, cells: dict[str, Cell], source: Source, what: str,
               measure_id: str | None = None) -> Target:
        what = f"{what}, target"
        self.about = (measure_id,) if measure_id else ()
        year, year_raw = self.year(cells, "year", what)
        value = self.value(cells, "value", what)
        return Target(year=year, value=value, source=source, year_raw=year_raw)

    @staticmethod
    def clean_target(year: object, value: object, source: Source) -> Target | None:
        """The target ``target()`` reads from a year written as text or a whole number and a
        value that is a number or text, with nothing to report; None for anything else (then
        call ``target()``). Most targets are such pairs: this skips building their cells."""
        if not (type(year) is str or type(year) is int):
            return None
        if type(value) is int or type(value) is float:
            number = parse_value(value)
            if number.status != "number":
                return None
        elif type(value) is str:
            number = parse_value(value)
            if _coded(number):
                return None
        else:
            return None
        try:
            read = _year(year)
        except YearError:
            return None
        return Target(year=read, value=number, source=source, year_raw=_as_text(year).strip())

    def acceptance(self, cells: dict[str, Cell], source: Source, on: str | None, what: str) -> Acceptance | None:
        """One acceptance (contract section 7), or None when it cannot apply (reported)."""
        if on is None:
            on = self.text(cells, "id", "Acceptance") or ""
            if not on:
                self.report(codes.BAD_ACCEPTANCE, f"{what} names no id: say which plan, objective or "
                            "measure the accepted finding is about", source)
                return None
            what = f"{what} for {on}"
        check = self.text(cells, "check", what)
        reason = self.text(cells, "reason", what)
        until, until_raw = self.year(cells, "until", what)
        if not check:
            self.report(codes.BAD_ACCEPTANCE, f"{what} names no check: write the code (e.g. PC201) or the "
                        "name of the check whose finding was accepted", cells.get("check", Cell(None, source)).source)
            return None
        if not reason:
            self.report(codes.BAD_ACCEPTANCE, f"{what} of {check} has no reason, so it was not applied: "
                        "write why the difference was agreed (and who agreed it, in 'by')",
                        cells.get("reason", Cell(None, source)).source, objects=(on,))
            return None
        if until is None and until_raw:
            return None  # the bad year is reported (PC005); an acceptance with no clear end is not applied
        return Acceptance(on=on, check=check, reason=reason, source=source, until=until,
                          until_raw=until_raw, by=self.text(cells, "by", what))
    def actual(self, cells: dict[str, Cell], source: Source, what: str) -> Actual | None:
        """One figure achieved; None (reported) when its year or value cannot be used."""
        what = f"{what}, actual"
        year, year_raw = self.year(cells, "year", what)
        value = self.value(cells, "value", what)
        cite = self.text(cells, "source", what)
        if year is None:
            if not year_raw:
                self.report(codes.MISSING_FIELD, f"{what} has no year; it was not used",
                            cells["year"].source if "year" in cells else source)
            return None
        where = cells["value"].source if "value" in cells else source
        if value.status == "blank":
            raw = cells["value"].value if "value" in cells else None
            if raw is None or (isinstance(raw, str) and not raw.strip()):  # else reported as PC006 above
                self.report(codes.MISSING_FIELD, f"{what} for {year} has no value; it was not used", where)
            return None
        if not value.is_number:
            self.report(codes.BAD_VALUE,
                        f"{what} for {year}: '{value.raw}' is not a number; an actual must be the "
                        "figure achieved, e.g. 67.1; it was not used", where)
            return None
        if value.percent_sign and value.number is not None and value.number > 100:
            self.report(codes.BAD_VALUE, f"{what} for {year}: {value.raw} is a percentage over 100; "
                        "it was not used", where)
            return None
        return Actual(year=year, value=value, source=source, year_raw=year_raw, cite=cite)

    def unknown(self, key: str, known, source: Source, what: str, kind: str = "key",
                objects: tuple[str, ...] | None = None) -> None:
        self.report(codes.UNKNOWN_FIELD,
                    f"{what}: unknown {kind} '{key}'{did_you_mean(str(key).lower(), known)}; "
                    "what it holds was not read", source, None, objects)


def _coded(value: Value) -> bool:
    """A value written as a programmer writes numbers (reported, read as text)."""
    return value.status in ("text", "qualified") and len(value.raw) <= 40 and bool(_CODED_NUMBER.fullmatch(value.raw))


def _as_text(value: Any) -> str:
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return str(int(value))
    return str(value)


def _sources(cells: dict[str, Cell]) -> dict[str, Source]:
    return {k: c.source for k, c in cells.items()}
