"""Progress against targets (PC6xx): given the actuals, what was met, missed or is off track.

Judged as of a year (contract section 9): ``--as-of YEAR`` or ``progress.as_of`` in the
settings, else the latest year for which the framework records any actual. With neither
(no actual anywhere and no as-of given) these checks say nothing. The rules for met,
missed, on track and off track are in :mod:`plancheck.outturns`.

One actual against every plan: measures that are one indicator (the grouping the
conflict checks use) are judged against the same figures. A measure with no actuals of
its own takes those of the other measures of its indicator whose units are compatible
and which count the same kind of thing (a level, or a change); so the LAA's 70% and
Luton 2011's 74% employment targets are both judged against the employment rate
achieved, and each finding shows every plan's target side by side.

Met and on-track targets are not findings; they appear in the progress table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..findings import Hit
from ..indicators import is_change_measure, unit_family, units_clash
from ..model import Measure, Year, format_number
from ..outturns import STATUS_WORDS, Judgement, Point, fit_trends, judge, latest_year
from ..registry import check
from ..values import YearError, parse_year
from .context import Table, summary
from .targets import grouping

# check(...)(f) and summary(...)(f) follow each function: mutmut mutates undecorated ones only.


@dataclass
class ProgressTable(Table):
    """The progress table, plus per indicator the figures a chart needs."""

    charts: list[dict[str, Any]] = field(default_factory=list)
    as_of: str = ""

    def as_dict(self) -> dict:
        out = super().as_dict()
        out["as_of"] = self.as_of
        out["charts"] = self.charts
        return out


@dataclass
class Analysis:
    as_of: Year | None
    series: dict[str, list[Point]]
    judgements: list[Judgement]
    by_measure: dict[str, list[Judgement]]
    baseline_diffs: list[tuple[Measure, Point]]


def as_of_year(ctx) -> Year | None:
    """The year progress is judged as of; a bad setting is a SettingsError (exit 2)."""
    raw = ctx.section("progress").get("as_of")
    if raw not in (None, ""):
        try:
            return parse_year(raw)
        except YearError as exc:
            from ..config import SettingsError  # settings errors stop the run (exit 2)

            raise SettingsError(f"as_of: {exc}") from exc
    return latest_year(ctx.framework)


def _agree(ctx):
    s = ctx.section("indicators")
    absolute, relative = float(s["tolerance_absolute"]), float(s["tolerance_relative"])

    def agree(a: float, b: float) -> bool:  # the conflict checks' rule (checks/targets.py)
        diff = abs(a - b)
        return diff <= absolute + 1e-9 or diff <= relative * max(abs(a), abs(b)) + 1e-12

    return agree


def _own_points(m: Measure, as_of: Year) -> list[Point]:
    pts = []
    b = m.baseline
    if b is not None and b.year is not None and b.value.is_number and b.value.number is not None \
            and b.year.point <= as_of.point:
        pts.append(Point(b.year, b.value.number, "baseline"))
    for a in m.actuals:
        if a.year.point <= as_of.point and a.value.number is not None:
            pts.append(Point(a.year, a.value.number, "actual", a.cite))
    return pts


def _borrowed(ctx, agree) -> dict[str, list[Point]]:
    """For a measure with no actuals, the actuals of the other measures of its indicator
    group that may be compared with it (compatible units, same framing); a year on which
    those measures record different figures is left out."""
    out: dict[str, list[Point]] = {}
    for group in grouping(ctx).groups:
        ms = group.measures
        if len(ms) < 2 or not any(m.actuals for m in ms):
            continue
        for m in ms:
            if m.actuals:
                continue
            unit, change = unit_family(m), is_change_measure(m.title)
            by_year: dict[Year, list[tuple[float, str, str | None]]] = defaultdict(list)
            for donor in ms:
                if not donor.actuals or units_clash(unit, unit_family(donor)) \
                        or is_change_measure(donor.title) != change:
                    continue
                for a in donor.actuals:
                    if a.value.number is not None:
                        by_year[a.year].append((a.value.number, donor.id, a.cite))
            pts = []
            for year, vals in by_year.items():
                if all(agree(v, vals[0][0]) for v, _, _ in vals):
                    pts.append(Point(year, vals[0][0], "actual", vals[0][2], borrowed_from=vals[0][1]))
            if pts:
                out[m.id] = pts
    return out


def analysis(ctx) -> Analysis:
    """Every judgement of this run (computed once, shared by the checks and the table)."""

    def build() -> Analysis:
        as_of = as_of_year(ctx)
        if as_of is None:
            return Analysis(None, {}, [], {}, [])
        agree = _agree(ctx)
        measures = list(ctx.graph.measures.values())
        borrowed = _borrowed(ctx, agree) if ctx.framework.actuals or any(m.actuals for m in measures) else {}
        series: dict[str, list[Point]] = {}
        for m in measures:
            pts = _own_points(m, as_of)
            pts += [p for p in borrowed.get(m.id, ()) if p.year.point <= as_of.point]
            series[m.id] = pts
        # Only series with an actual need a trend: a baseline alone is one point.
        trends = fit_trends({k: v for k, v in series.items() if any(p.kind == "actual" for p in v)})
        judgements: list[Judgement] = []
        by_measure: dict[str, list[Judgement]] = {}
        diffs: list[tuple[Measure, Point]] = []
        for m in measures:
            js = judge(m, series[m.id], trends.get(m.id), as_of, agree)
            if js:
                by_measure[m.id] = js
                judgements += js
            b = m.baseline
            if b is not None and b.year is not None and b.value.is_number and b.value.number is not None:
                for a in m.actuals:
                    if a.year == b.year and a.value.number is not None \
                            and not agree(a.value.number, b.value.number):
                        diffs.append((m, Point(a.year, a.value.number, "actual", a.cite)))
        return Analysis(as_of, series, judgements, by_measure, diffs)

    return ctx.cached("progress:analysis", build)


def _figure(value: float, m: Measure) -> str:
    text = format_number(round(value, 2))
    return f"{text}%" if (m.unit or "").strip().lower().startswith(("%", "percent", "per cent")) else text


SIDE_BY_SIDE_MAX = 8  # targets listed in one message; the progress table lists them all


def side_by_side(ctx, m: Measure) -> str:
    """``2009/10: 67.1%. LAA 70% by 2010/11: off track. L2011 74% by 2011: off track``."""
    group = grouping(ctx).group_of.get(m.id)
    if group is None or len(group.plans) < 2:
        return ""
    a = analysis(ctx)
    texts = ctx.cached("progress:side-by-side", dict)
    if group.key not in texts:  # once per indicator: a group may span hundreds of plans
        parts = [f"{other.plan_id} {_figure(j.target.value.number, other)} by {j.target.year}: {j.word}"
                 for other in group.measures for j in a.by_measure.get(other.id, [])]
        if len(parts) > SIDE_BY_SIDE_MAX:
            parts = parts[:SIDE_BY_SIDE_MAX] + [f"and {len(parts) - SIDE_BY_SIDE_MAX} more targets "
                                                "(see the progress table)"]
        texts[group.key] = ". ".join(parts)
    pts = [p for p in a.series.get(m.id, []) if p.kind == "actual"]
    if not pts:
        return texts[group.key]
    last = max(pts, key=lambda p: (p.year.point, p.year.financial))
    return f"{last.year}: {_figure(last.value, m)}. {texts[group.key]}"


def _hits(ctx, status: str):
    a = analysis(ctx)
    for j in a.judgements:
        if j.status != status:
            continue
        m = j.measure
        label = f"{m.indicator + ' ' if m.indicator else ''}{m.title}"
        target = f"{_figure(j.target.value.number, m)} for {j.target.year}"
        where = f" (as of {a.as_of})"
        if status in ("missed", "near-miss"):
            head = f"{label}: target {target} {j.word}: the actual was {_figure(j.actual.value, m)}"
        elif status == "off-track":
            head = f"{label}: off track for the target of {target}{where}: the {j.note}"
        else:
            head = f"{label}: the target year {j.target.year} has passed{where} and no actual is recorded for it"
        together = side_by_side(ctx, m)
        message = f"{head}. {together}" if together and status != "no-actual" else head
        details = {"status": j.status, "as_of": str(a.as_of), "target_year": str(j.target.year),
                   "target": j.target.value.number, "direction": j.direction,
                   "actual": j.actual.value if j.actual else None,
                   "actual_year": str(j.actual.year) if j.actual else None,
                   "projected": round(j.projected, 4) if j.projected is not None else None}
        yield Hit(message, j.target.source, m.plan_id, (m.id,), details=details)


def target_missed(ctx):
    """A target whose year has passed and whose actual for that year fell short of it.

    Judged against the actual recorded for the target's year (2010/11 and 2011 are the
    same point in time), in the measure's direction (or, with none, the way the target
    lies from the baseline). An actual short of the target by no more than the conflict
    checks' tolerance is reported as PC605 instead.
    Would FAIL: ``targets: [{year: 2011/12, value: 50}]`` with ``actuals: [{year:
    2011/12, value: 48.35}]`` on an increase measure.

    Fix: nothing to fix in the plan file: the board should know. Record what will be done
    about it, or revise later targets.
    """
    return _hits(ctx, "missed")
check("PC601", "target-missed", "progress", "warning")(target_missed)


def target_off_track(ctx):
    """A target still ahead that the trend of the figures so far will not reach.

    The trend is a least-squares straight line through the baseline and every actual up
    to the as-of year, projected to the target's year. It needs figures for two different
    years; with fewer the progress table says "too few figures to judge" and nothing is
    reported.
    Would FAIL: baseline 45% in 2003/04, actual 36% in 2006/07, target 55% for 2010/11.

    Fix: nothing to fix in the plan file: report the risk to the board, or record more
    recent actuals if the trend has turned.
    """
    return _hits(ctx, "off-track")
check("PC602", "target-off-track", "progress", "warning")(target_off_track)


def no_actual_for_past_target(ctx):
    """A target whose year has passed (as of the year judged) with no actual recorded.

    Without the figure achieved the plan cannot show whether the target was met: the
    inspection's "does not monitor progress against its priority objectives".
    Would FAIL: a target for 2008/09 when the framework has actuals up to 2009/10 but
    none for that measure in 2008/09.

    Fix: add the actual for that year (``actuals:`` on the measure, or a row of the
    ``actuals`` sheet or file), or judge as of an earlier year with ``--as-of``.
    """
    return _hits(ctx, "no-actual")
check("PC603", "no-actual-for-past-target", "progress", "warning")(no_actual_for_past_target)


def baseline_differs_from_actual(ctx):
    """An actual recorded for the baseline's year that differs from the baseline.

    Both claim to be the figure for the same year (written the same way), beyond the
    conflict checks' tolerance; one of them is wrong, or the data was revised.
    Would FAIL: ``baseline: {value: 67.8, year: 2007/08}`` and ``actuals: [{year:
    2007/08, value: 66.9}]``.

    Fix: correct whichever figure is wrong; if the data was revised, update the baseline
    and say so.
    """
    for m, p in analysis(ctx).baseline_diffs:
        yield Hit(f"{m.title}: the baseline for {p.year} is {_figure(m.baseline.value.number, m)} but the "
                  f"actual recorded for {p.year} is {_figure(p.value, m)}",
                  m.baseline.source, m.plan_id, (m.id,))
check("PC604", "baseline-differs-from-actual", "progress", "warning")(baseline_differs_from_actual)


def target_narrowly_missed(ctx):
    """A target whose actual fell short of it by no more than the tolerance.

    The tolerance is the one the conflict checks use to call two figures the same
    (``indicators.tolerance_absolute`` / ``tolerance_relative``): 89.82% against 90% is
    short by 0.2%, within 0.5%. The source may call it missed (a council's Amber);
    plancheck reports it apart so a board can decide.
    Would FAIL: target 90 for 2018/19, actual 89.82 for 2018/19, increase.

    Fix: nothing to fix in the plan file; decide whether the target was meant exactly.
    """
    return _hits(ctx, "near-miss")
check("PC605", "target-narrowly-missed", "progress", "info")(target_narrowly_missed)


# ---------------------------------------------------------------------------- the table

def _label(m: Measure) -> str:
    return f"{m.indicator} {m.title}" if m.indicator else m.title


def progress_table(ctx):
    """Every target of every measure with figures achieved, judged as of the year."""
    a = analysis(ctx)
    rows: list[list[Any]] = []
    charts: list[dict[str, Any]] = []
    if a.as_of is None:
        return ProgressTable(title="Progress against targets", columns=[], rows=[],
                             note="No actual is recorded in the framework, so progress was not judged.")
    groups = grouping(ctx)
    done: set[str] = set()
    for m in ctx.graph.measures.values():
        if m.id in done:
            continue
        group = groups.group_of.get(m.id)
        members = group.measures if group is not None else [m]
        members = [x for x in members if x.id not in done]
        if not any(p.kind == "actual" for x in members for p in a.series.get(x.id, [])):
            continue
        done.update(x.id for x in members)
        for x in members:
            acts = [p for p in a.series.get(x.id, []) if p.kind == "actual"]
            base = x.baseline
            base_text = (f"{base.value.display()} ({base.year})" if base is not None and base.year is not None
                         else base.value.display() if base is not None else "")
            act_text = "; ".join(f"{p.year}: {format_number(p.value)}" for p in acts)
            for j in a.by_measure.get(x.id, []):
                rows.append([_label(x), x.plan_id, x.id, base_text, act_text,
                             f"{j.target.value.display()} by {j.target.year}", j.word, j.note])
        charts.append(_chart(a, members, group.label if group is not None and len(members) > 1 else _label(m)))
    return ProgressTable(
        title=f"Progress against targets (as of {a.as_of})",
        columns=["indicator", "plan", "measure", "baseline", "actuals", "target", "status", "how judged"],
        rows=rows, charts=charts, as_of=str(a.as_of),
        note="Due targets (year no later than the as-of year) are judged against the actual for their "
             "year; targets ahead against a least-squares line through the baseline and actuals up to "
             "the as-of year, projected to the target year. Only measures with figures achieved are "
             "listed; their missed and off-track targets are also findings (PC601-PC605).",
    )
summary("progress", "PC6")(progress_table)


def _chart(a: Analysis, members: list[Measure], label: str) -> dict[str, Any]:
    """What an HTML chart or a sheet needs: plain numbers and labels, no model objects."""
    baselines, actuals, targets, trends = [], [], [], []
    measures: dict[str, dict[str, Any]] = {}  # per measure judged: its baseline and the actuals it was judged on
    seen_actual: set[tuple] = set()
    seen_trend: set[tuple] = set()
    for x in members:
        if x.baseline is not None and x.baseline.year is not None and x.baseline.value.number is not None:
            baselines.append({"plan": x.plan_id, "measure": x.id, "year": str(x.baseline.year),
                              "x": x.baseline.year.point, "value": x.baseline.value.number})
        for p in a.series.get(x.id, []):
            key = (str(p.year), p.value)
            if p.kind == "actual" and key not in seen_actual:
                seen_actual.add(key)
                actuals.append({"year": str(p.year), "x": p.year.point, "value": p.value,
                                "source": p.cite or ""})
        base = x.baseline
        if a.by_measure.get(x.id):
            measures[x.id] = {
                "plan": x.plan_id,
                "actuals": {str(p.year): p.value for p in a.series.get(x.id, []) if p.kind == "actual"},
                "baseline": (base.value.number if base is not None and base.value.is_number
                             else base.value.display() if base is not None else ""),
                "baseline_year": str(base.year) if base is not None and base.year else ""}
        for j in a.by_measure.get(x.id, []):
            targets.append({"plan": x.plan_id, "measure": x.id, "year": str(j.target.year), "x": j.target.year.point,
                            "value": j.target.value.number, "status": j.status,
                            "word": STATUS_WORDS[j.status], "note": j.note})
            if j.trend is not None:
                xs = [p.year.point for p in a.series[x.id]]
                x0, x1 = min(xs), max(j.target.year.point, max(xs))
                line = {"plan": x.plan_id, "measure": x.id, "x0": x0, "y0": j.trend.at(x0),
                        "x1": x1, "y1": j.trend.at(x1)}
                key = (x0, round(line["y0"], 6), x1, round(line["y1"], 6))
                if key not in seen_trend:  # measures judged on the same figures share one line
                    seen_trend.add(key)
                    trends.append(line)
    actuals.sort(key=lambda d: d["x"])
    unit = members[0].unit or ""
    return {"label": label, "unit": unit, "as_of": str(a.as_of), "baselines": baselines,
            "actuals": actuals, "measures": measures, "targets": targets, "trends": trends}
