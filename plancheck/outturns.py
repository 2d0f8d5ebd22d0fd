"""Progress against targets, judged as of a year (contract sections 6 and 9).

Pure functions of the figures: a check gives each measure its series of points (its
baseline and the actuals it is judged against) and the tolerance, and gets back one
:class:`Judgement` per numeric target. Never reads the clock.

The rules (also in README, "Progress against targets"):

- **As of**: ``as_of`` is a year; a target is *due* when its year's point in time (the
  calendar year a financial year ends in: 2010/11 -> 2011) is no later than as-of's.
  Only figures for years no later than as-of are used.
- **Due target**: judged against the actual for the target's year: written the same way
  if there is one, else for the same point in time (2010/11 and 2011). Met when the
  actual is at or better than the target in the measure's direction; *near miss* when
  worse but within the tolerance the conflict checks use; missed otherwise. No actual for
  that year: *no actual*.
- **Target ahead**: a least-squares straight line through every (point, value) of the
  baseline and the actuals up to as-of, projected to the target's point. On track when the
  projection is at or better than the target (or within the tolerance); off track
  otherwise. Fewer than two different years: *too few figures to judge*. For a measure
  in percent the projection is held within 0 to 100.
- **Direction**: the measure's own; with none, the way the target lies from the baseline
  (above: increase, below: decrease); with neither, or a target equal to the baseline,
  not judged. ``maintain``: met / on track when the figure agrees with the target within
  the tolerance.
- Targets written as text, qualified or with no year are not judged (other checks
  report them).

The trend is plain least squares (sums of x, y, xy, x²), in pure Python: faster than a
pandas groupby at every size measured, and the sample run stays free of pandas. pandas
serves the analysts instead: ``Result.progress_to_pandas()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .model import Framework, Measure, Target, Year, format_number

STATUS_WORDS = {
    "met": "met",
    "near-miss": "missed, within tolerance",
    "missed": "missed",
    "on-track": "on track",
    "off-track": "off track",
    "no-actual": "no actual recorded",
    "too-few": "too few figures to judge",
    "not-judged": "not judged",
}


@dataclass(frozen=True, slots=True)
class Point:
    """One figure in a measure's series: its baseline or an actual."""

    year: Year
    value: float
    kind: str  # "baseline" | "actual"
    cite: str | None = None
    borrowed_from: str | None = None  # a measure id, when the figure is another measure's


@dataclass(frozen=True, slots=True)
class Trend:
    slope: float  # per year
    intercept: float  # value at x = 0, x being the year point minus ORIGIN
    points: int

    def at(self, point: int) -> float:
        return self.intercept + self.slope * (point - ORIGIN)


ORIGIN = 2000  # x is centred near the data so the sums stay well conditioned


@dataclass(frozen=True, slots=True)
class Judgement:
    measure: Measure
    target: Target
    status: str
    direction: str | None
    actual: Point | None = None
    projected: float | None = None
    note: str = ""
    trend: Trend | None = field(default=None, compare=False)

    @property
    def word(self) -> str:
        return STATUS_WORDS[self.status]


def latest_year(framework: Framework) -> Year | None:
    """The default as-of year: the latest year for which the framework records an actual."""
    best: Year | None = None
    for m in framework.measures():
        for a in m.actuals:
            if best is None or (a.year.point, a.year.financial) > (best.point, best.financial):
                best = a.year
    return best


def direction_for(measure: Measure, target_value: float, agree: Callable[[float, float], bool]) -> str | None:
    if measure.direction:
        return measure.direction
    b = measure.baseline
    if b is None or not b.value.is_number or b.value.number is None:
        return None
    if agree(target_value, b.value.number):
        return None
    return "increase" if target_value > b.value.number else "decrease"


def fit_trends(series: dict[str, list[Point]]) -> dict[str, Trend]:
    """Least-squares line per measure through its points (two different years at least).

    Plain sums, not pandas: measured on 100,000 generated series of 1 to 6 points, a
    pandas groupby took 6-8 s against 3-5 s here (a loaded 2-core machine), and importing
    pandas would break the sample run's start-up target (benchmarks/README.md).
    """
    out: dict[str, Trend] = {}
    for mid, pts in series.items():
        if len(pts) < 2 or len({p.year.point for p in pts}) < 2:
            continue
        n = len(pts)
        sx = sy = sxy = sxx = 0.0
        for p in pts:
            x = p.year.point - ORIGIN
            sx += x
            sy += p.value
            sxy += x * p.value
            sxx += x * x
        slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
        out[mid] = Trend(slope, (sy - slope * sx) / n, n)
    return out


def _better_or_equal(value: float, target: float, direction: str, agree) -> bool:
    if direction == "increase":
        return value >= target
    if direction == "decrease":
        return value <= target
    return agree(value, target)  # maintain


def _actual_for(year: Year, points: list[Point]) -> Point | None:
    actuals = [p for p in points if p.kind == "actual"]
    for p in actuals:
        if p.year == year:
            return p
    for p in actuals:
        if p.year.point == year.point:
            return p
    return None


def _is_percent(measure: Measure) -> bool:
    unit = (measure.unit or "").strip().lower()
    return unit.startswith(("%", "percent", "per cent"))


def judge(measure: Measure, points: list[Point], trend: Trend | None, as_of: Year,
          agree: Callable[[float, float], bool]) -> list[Judgement]:
    """One judgement per target of ``measure`` that has a number and a year."""
    out = []
    for t in measure.targets:
        if t.year is None or not t.value.is_number or t.value.number is None:
            continue
        value = t.value.number
        direction = direction_for(measure, value, agree)
        due = t.year.point <= as_of.point
        actual = _actual_for(t.year, points) if due else None
        if due and actual is None:  # whatever the direction: the figure is missing
            out.append(Judgement(measure, t, "no-actual", direction, note=f"no actual for {t.year}"))
            continue
        if direction is None:
            out.append(Judgement(measure, t, "not-judged", None,
                                 note="no direction, and no baseline different from the target to show one"))
            continue
        if due:
            if _better_or_equal(actual.value, value, direction, agree):
                status = "met"
            elif agree(actual.value, value):
                status = "near-miss"
            else:
                status = "missed"
            out.append(Judgement(measure, t, status, direction, actual=actual,
                                 note=f"{actual.year}: {format_number(actual.value)}"))
            continue
        if trend is None:
            known = len({p.year.point for p in points})
            out.append(Judgement(measure, t, "too-few", direction,
                                 note=f"{known} year(s) of figures up to {as_of}; a trend needs two"))
            continue
        projected = trend.at(t.year.point)
        if _is_percent(measure):  # a straight line may run past 0% or 100%; a share cannot
            projected = min(100.0, max(0.0, projected))
        ok = _better_or_equal(projected, value, direction, agree) or agree(projected, value)
        out.append(Judgement(measure, t, "on-track" if ok else "off-track", direction, projected=projected,
                             note=f"trend through {trend.points} figures projects "
                                  f"{format_number(round(projected, 2))} for {t.year}",
                             trend=trend))
    return out
