"""Conflicting targets (PC2xx): the same indicator given incompatible figures.

Which measures are one indicator is decided in :mod:`plancheck.indicators` (codes first,
then titles) and shared by every check here through ``ctx.cached``. Within an indicator,
figures are compared only between measures whose units are compatible (the same unit,
or none stated) and which count the same kind of thing (a level, or a change such as
"% reduction"); only plain numbers are compared (``TBC`` or ``55.7 (for 2009)`` never are).

Two values agree when they differ by no more than ``indicators.tolerance_absolute``
(default 0.05, in the measure's own unit: rounding at one decimal place) or by no more
than ``indicators.tolerance_relative`` of the larger (default 0.5%: a percentage written
as a whole number, 70 for 70.4, or a count rounded to three significant figures). So
``40%``, ``40.0`` and ``40`` agree.

Points in time: a target for the financial year 2010/11 and one for the calendar year
2011 are for the same point (the financial year ends in March 2011); 2010 and 2010/11 are
not. Baselines are historic figures for a period, so they are compared only when the
periods are written the same way (2010/11 with 2010/11, 2011 with 2011).

Severity: figures that flatly disagree (PC201, PC202, PC203, PC207) are errors;
judgements (a target against the measure's own direction, units, trajectories) are
warnings; codes missing from the catalogue are information.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from ..catalogue import normalise_code
from ..findings import Hit
from ..indicators import (
    IndicatorGroup,
    build_groups,
    is_change_measure,
    title_core,
    unit_family,
    units_clash,
)
from ..model import Measure, Target, Year, format_number
from ..registry import check
from .context import Table, summary

# check(...)(f) and summary(...)(f) follow each function: mutmut mutates undecorated ones only.

# ------------------------------------------------------------------ shared computations


def _settings(ctx) -> dict:
    return ctx.section("indicators")


def grouping(ctx):
    """The indicator groups of this run (computed once)."""

    def build():
        s = _settings(ctx)
        return build_groups(list(ctx.graph.measures.values()), ctx.catalogue,
                            threshold=float(s["title_threshold"]), match_titles=bool(s["match_titles"]))

    return ctx.cached("indicators:grouping", build)


def _facts(ctx) -> dict[str, tuple[str | None, str | None, bool]]:
    """Per measure: unit family, rate denominator, and whether it counts a change."""

    def build():
        out = {}
        by_title: dict[str, tuple[str | None, bool]] = {}
        for m in ctx.graph.measures.values():
            if m.title not in by_title:
                by_title[m.title] = (title_core(m.title)[1], is_change_measure(m.title))
            per, change = by_title[m.title]
            out[m.id] = (unit_family(m), per, change)
        return out

    return ctx.cached("indicators:facts", build)


def _agree(a: float, b: float, s: dict) -> bool:
    diff = abs(a - b)
    return (diff <= float(s["tolerance_absolute"]) + 1e-9
            or diff <= float(s["tolerance_relative"]) * max(abs(a), abs(b)) + 1e-12)


def _all_agree(values: list[float], s: dict) -> bool:
    """True when the extremes agree, hence (for values of one sign) every pair: the
    pairwise loops run only when there may be a disagreement, which is rare."""
    return _agree(min(values), max(values), s)


def _classes(ctx, group: IndicatorGroup) -> list[list[Measure]]:
    """Members whose figures may be compared with each other: same framing (level or
    change), compatible units. Measures with no unit join the one unit stated, if only one.
    Computed once per group: five checks ask."""
    cache = ctx.cached("indicators:classes", dict)
    found = cache.get(group.key)
    if found is None:
        found = cache[group.key] = _group_classes(ctx, group)
    return found


def _group_classes(ctx, group: IndicatorGroup) -> list[list[Measure]]:
    facts = _facts(ctx)
    out: list[list[Measure]] = []
    for change in (False, True):
        ms = [m for m in group.measures if facts[m.id][2] == change]
        if not ms:
            continue
        units = {facts[m.id][0] for m in ms} - {None}
        pers = {facts[m.id][1] for m in ms} - {None}
        if len(units) <= 1 and len(pers) <= 1:
            out.append(ms)
            continue
        parts: dict[tuple, list[Measure]] = defaultdict(list)
        for m in ms:
            parts[(facts[m.id][0], facts[m.id][1])].append(m)
        out.extend(parts.values())
    return [c for c in out if c]


def _numeric_targets(m: Measure) -> list[Target]:
    return [t for t in m.targets if t.year is not None and t.value.is_number]


def _plan_name(ctx, plan_id: str) -> str:
    plan = ctx.graph.plans.get(plan_id)
    return plan.title if plan is not None and plan.title else plan_id


def _fmt(ctx, m: Measure, value: float) -> str:
    unit = _facts(ctx)[m.id][0]
    text = format_number(value)
    if unit == "percent":
        return f"{text}%"
    if unit == "currency":
        return f"£{text}"
    if unit == "years":
        return f"{text} years"
    if unit in (None, "number", "rate", "ratio", "score", "rank", "text"):
        return text
    return f"{text} {m.unit.strip()}" if m.unit else text


def _who(ctx, m: Measure) -> str:
    return f"{_plan_name(ctx, m.plan_id)} ({m.id})"


def _label(group: IndicatorGroup) -> str:
    return group.label[:1].upper() + group.label[1:] if group.code is None else group.label


def _same_point_note(labels: list[str]) -> str:
    distinct = sorted(set(labels))
    if len(distinct) > 1:
        return (f" {' and '.join(distinct)} are read as the same point in time (a financial year "
                "ends in March of the calendar year it is compared with).")
    return ""


def _details(group: IndicatorGroup, rows: list[dict], **extra) -> dict:
    out = {"indicator": group.label, "code": group.code, "grouped_because": group.why(),
           "values": rows}
    out.update(extra)
    return out


def _row(ctx, m: Measure, value: float | None, year: Year | None) -> dict:
    return {"measure": m.id, "plan": m.plan_id, "value": value,
            "year": year.label if year else None, "unit": m.unit}


def _cache(ctx, code: str, build) -> list[tuple[str, Hit]]:
    """Each check's (group key, hit) pairs, computed once so the summary can flag groups."""
    return ctx.cached(f"targets:{code}", lambda: list(build(ctx)))


# ----------------------------------------------------------------------------- PC201


def _pc201(ctx):
    s = _settings(ctx)
    for group in grouping(ctx).groups:
        if len(group.plans) < 2:
            continue
        for cls in _classes(ctx, group):
            by_point: dict[int, list[tuple[Measure, Target]]] = defaultdict(list)
            for m in cls:
                for t in _numeric_targets(m):
                    by_point[t.year.point].append((m, t))
            for point in sorted(by_point):
                entries = by_point[point]
                if len({m.plan_id for m, _ in entries}) < 2:
                    continue
                if _all_agree([t.value.number for _, t in entries], s):
                    continue
                clash = any(a[0].plan_id != b[0].plan_id
                            and not _agree(a[1].value.number, b[1].value.number, s)
                            for a, b in combinations(entries, 2))
                if not clash:
                    continue
                parts = [f"{_who(ctx, m)} targets {_fmt(ctx, m, t.value.number)} for {t.year.label}"
                         for m, t in entries]
                first_m, first_t = entries[0]
                ids = list(dict.fromkeys(m.id for m, _ in entries))
                plans = list(dict.fromkeys(_plan_name(ctx, m.plan_id) for m, _ in entries))
                msg = (f"{_label(group)}: {len(plans)} plans set different targets for the same "
                       f"year. {'; '.join(parts)}.{_same_point_note([t.year.label for _, t in entries])} "
                       f"Agree one figure with the partners and use it in every plan; if the "
                       f"difference is agreed, record why with 'accept:' on the measure "
                       f"(a row of the 'accept' sheet in a workbook).")
                yield group.key, Hit(msg, first_t.source, first_m.plan_id, tuple(ids),
                                     _details(group, [_row(ctx, m, t.value.number, t.year)
                                                      for m, t in entries], point=point))


def conflicting_targets(ctx):
    """Plans set different targets for the same indicator and the same year.

    The inspection's sharpest finding: the Community Plan and the corporate plan both
    target life expectancy and employment, but with different figures. Measures are
    the same indicator when they share a catalogue code (``NI 151``, ``NI151``) or when
    their titles name the same thing with compatible units (see the indicators summary
    for what was grouped and why). A financial year 2010/11 and the calendar year 2011
    count as the same point in time; values within the tolerance agree (``40%`` = ``40.0``).

    Would FAIL: the Community Plan targets an employment rate of 72% for 2010/11, the
    LAA 70% for 2010/11 (NI 151) and Luton 2011 74% for 2011.
    Would PASS: the LAA targets 40.0% recycling for 2010-11 and the Community Plan
    "40%" for 2010/11; or the plans target different years.

    Fix: agree one figure with the partners and write it into every plan. If the
    difference is agreed (for example a council stretch target above the LAA figure),
    record it on one of the measures so it no longer fails the check, with the reason:
    ``accept: [{check: PC201, reason: "Stretch target agreed by Cabinet", until: 2011/12}]``,
    or in a workbook a row of the ``accept`` sheet (id, check, reason, until, by).
    """
    for _key, hit in _cache(ctx, "PC201", _pc201):
        yield hit
check("PC201", "conflicting-targets", "target-conflict", "error")(conflicting_targets)


# ----------------------------------------------------------------------------- PC207


def _pc207(ctx):
    s = _settings(ctx)
    for group in grouping(ctx).groups:
        for cls in _classes(ctx, group):
            by_plan_point: dict[tuple[str, int], list[tuple[Measure, Target]]] = defaultdict(list)
            for m in cls:
                for t in _numeric_targets(m):
                    by_plan_point[(m.plan_id, t.year.point)].append((m, t))
            for (plan_id, _point), entries in sorted(by_plan_point.items(), key=lambda kv: kv[0][1]):
                if len(entries) < 2 or _all_agree([t.value.number for _, t in entries], s):
                    continue
                # Within one measure, 2010/11 and 2011 may be meant as two periods: only the
                # same year written twice counts there.
                clash = any((a[0].id != b[0].id or a[1].year == b[1].year)
                            and not _agree(a[1].value.number, b[1].value.number, s)
                            for a, b in combinations(entries, 2))
                if not clash:
                    continue
                parts = [f"{m.id} targets {_fmt(ctx, m, t.value.number)} for {t.year.label}"
                         for m, t in entries]
                ids = list(dict.fromkeys(m.id for m, _ in entries))
                msg = (f"{_label(group)}: {_plan_name(ctx, plan_id)} gives this indicator "
                       f"different targets for the same year: {'; '.join(parts)}."
                       f"{_same_point_note([t.year.label for _, t in entries])} Keep one target "
                       f"per year in the plan.")
                m0, t0 = entries[0]
                yield group.key, Hit(msg, t0.source, plan_id, tuple(ids),
                                     _details(group, [_row(ctx, m, t.value.number, t.year)
                                                      for m, t in entries]))


def duplicate_target_in_plan(ctx):
    """One plan gives the same indicator two different targets for the same year.

    Two measures of one plan that are the same indicator (same code, or titles that
    name the same thing), or one measure that lists the same year twice, with figures
    that differ beyond the tolerance. Within a single measure, 2010/11 and 2011 are not
    compared, as a plan may mean both periods.

    Would FAIL: a LAA with NI 151 under two objectives, one targeting 70% and the other
    71.5% for 2010/11.
    Would PASS: the same indicator under two objectives with the same 70% target.

    Fix: keep one target per year for the indicator, and refer to it from the other
    objective.
    """
    for _key, hit in _cache(ctx, "PC207", _pc207):
        yield hit
check("PC207", "duplicate-target-in-plan", "target-conflict", "error")(duplicate_target_in_plan)


# ----------------------------------------------------------------------------- PC202


def _pc202(ctx):
    s = _settings(ctx)
    for group in grouping(ctx).groups:
        if len(group.members) < 2:
            continue
        for cls in _classes(ctx, group):
            by_year: dict[Year, list[Measure]] = defaultdict(list)
            for m in cls:
                b = m.baseline
                if b is not None and b.year is not None and b.value.is_number:
                    by_year[b.year].append(m)
            for year in sorted(by_year):
                ms = by_year[year]
                if len(ms) < 2 or _all_agree([m.baseline.value.number for m in ms], s) or all(_agree(a.baseline.value.number, b.baseline.value.number, s)
                                      for a, b in combinations(ms, 2)):
                    continue
                parts = [f"{_who(ctx, m)} gives {_fmt(ctx, m, m.baseline.value.number)}" for m in ms]
                msg = (f"{_label(group)}: the plans give different baselines for {year.label}. "
                       f"{'; '.join(parts)}. A baseline is a measured figure, so it should be the "
                       f"same in every plan: check the source and correct the plan that is wrong.")
                yield group.key, Hit(msg, ms[0].baseline.source, ms[0].plan_id,
                                     tuple(m.id for m in ms),
                                     _details(group, [_row(ctx, m, m.baseline.value.number, year)
                                                      for m in ms]))


def conflicting_baselines(ctx):
    """The same indicator has different baseline figures for the same year.

    Baselines are compared when their years are written alike (2007/08 with 2007/08,
    2007 with 2007): a financial and a calendar year cover different months of data.

    Would FAIL: the LAA gives NI 151 a baseline of 67.8% for 2007/08 and the Sustainable
    Community Strategy 66.1% for 2007/08.
    Would PASS: both give 67.8% for 2007/08; or their baselines are for different years.

    Fix: check the published figure and correct the plan that is wrong.
    """
    for _key, hit in _cache(ctx, "PC202", _pc202):
        yield hit
check("PC202", "conflicting-baselines", "target-conflict", "error")(conflicting_baselines)


# ----------------------------------------------------------------------------- PC203


def _pc203(ctx):
    for group in grouping(ctx).groups:
        if len(group.members) < 2:
            continue
        for cls in _classes(ctx, group):
            up = [m for m in cls if m.direction == "increase"]
            down = [m for m in cls if m.direction == "decrease"]
            if not up or not down:
                continue
            ms = [m for m in cls if m in up or m in down]
            ups = "; ".join(_who(ctx, m) for m in up)
            downs = "; ".join(_who(ctx, m) for m in down)
            msg = (f"{_label(group)}: the plans want it to move in opposite directions. To "
                   f"increase: {ups}. To decrease: {downs}. Agree which way is better and "
                   f"correct the direction (and targets) of the plans that disagree.")
            yield group.key, Hit(msg, ms[0].where("direction"), ms[0].plan_id,
                                 tuple(m.id for m in ms),
                                 _details(group, [{"measure": m.id, "plan": m.plan_id,
                                                   "direction": m.direction} for m in ms]))


def opposite_directions(ctx):
    """One plan wants an indicator to go up and another wants it to go down.

    Only measures that count the same thing are compared: a "% reduction in road
    casualties" (to increase) and a "number of road casualties" (to decrease) are not in
    conflict.

    Would FAIL: NI 153 (out-of-work benefit claimants) with ``direction: decrease`` in
    the LAA and ``direction: increase`` in the Sustainable Community Strategy.
    Would PASS: both plans say ``decrease``.

    Fix: agree which way is better for the indicator and correct the plan that is wrong.
    """
    for _key, hit in _cache(ctx, "PC203", _pc203):
        yield hit
check("PC203", "opposite-directions", "target-conflict", "error")(opposite_directions)


# ----------------------------------------------------------------------------- PC204


def _pc204(ctx):
    s = _settings(ctx)
    group_of = grouping(ctx).group_of
    for m in ctx.graph.measures.values():
        b = m.baseline
        if m.direction not in ("increase", "decrease") or b is None or not b.value.is_number:
            continue
        base = b.value.number
        wrong = []
        for t in _numeric_targets(m):
            if b.year is not None and t.year.point <= b.year.point:
                continue  # a target before the baseline is reported by the baseline checks
            v = t.value.number
            if _agree(v, base, s):
                continue
            if (m.direction == "increase" and v < base) or (m.direction == "decrease" and v > base):
                wrong.append(t)
        if not wrong:
            continue
        verb = "increase" if m.direction == "increase" else "decrease"
        when = f" in {b.year.label}" if b.year else ""
        parts = ", ".join(f"{_fmt(ctx, m, t.value.number)} for {t.year.label}" for t in wrong)
        named = f"{m.id} '{m.title.strip()}'" if m.title.strip() else m.id
        msg = (f"{named} in {_plan_name(ctx, m.plan_id)} is meant to {verb}, "
               f"but its target{'s' if len(wrong) > 1 else ''} ({parts}) "
               f"{'are' if len(wrong) > 1 else 'is'} {'below' if verb == 'increase' else 'above'} "
               f"the baseline of {_fmt(ctx, m, base)}{when}. Correct the direction or the target, "
               f"or say in the plan why a worse figure is expected.")
        group = group_of.get(m.id)
        yield (group.key if group else m.id), Hit(
            msg, wrong[0].source, m.plan_id, (m.id,),
            {"measure": m.id, "direction": m.direction, "baseline": base,
             "targets": [{"year": t.year.label, "value": t.value.number} for t in wrong]})


def target_against_direction(ctx):
    """A target moves against the measure's own direction from its baseline.

    The measure says ``direction: increase`` but a target after the baseline year is
    below the baseline (or ``decrease`` and a target above it), beyond the tolerance.
    A warning: a plan may knowingly expect a worse figure (say, during a recession),
    but then it should say so.

    Would FAIL: unemployment, ``direction: decrease``, baseline 3.1% in 2007/08, target
    3.5% for 2010/11.
    Would PASS: the same measure with a target of 2.5%.

    Fix: correct the direction or the target, or explain the expected change in the plan.
    """
    for _key, hit in _cache(ctx, "PC204", _pc204):
        yield hit
check("PC204", "target-against-direction", "target-conflict", "warning")(target_against_direction)


# ----------------------------------------------------------------------------- PC205


def _pc205(ctx):
    facts = _facts(ctx)
    for group in grouping(ctx).groups:
        if len(group.members) < 2:
            continue
        units = {}
        for m in group.measures:
            u, per = facts[m.id][0], facts[m.id][1]
            units.setdefault((u, per), []).append(m)
        keys = [k for k in units if k[0] is not None]
        clash = any(units_clash(a[0], b[0]) or (a[1] and b[1] and a[1] != b[1])
                    for a, b in combinations(keys, 2))
        if not clash:
            continue
        parts = []
        ms = []
        for (u, per), members in units.items():
            if u is None:
                continue
            shown = (members[0].unit or u).strip() + (f" per {int(per):,}" if per else "")
            parts.append(f"{shown}: " + ", ".join(_who(ctx, m) for m in members))
            ms.extend(members)
        ms.sort(key=lambda m: group.ids.index(m.id))
        msg = (f"{_label(group)}: the plans use units that cannot be compared ({'; '.join(parts)}). "
               f"Their targets are not compared with each other. Use the indicator's own unit "
               f"in every plan.")
        yield group.key, Hit(msg, ms[0].where("unit"), ms[0].plan_id, tuple(m.id for m in ms),
                             _details(group, [{"measure": m.id, "plan": m.plan_id, "unit": m.unit}
                                              for m in ms]))


def incompatible_units(ctx):
    """The same indicator is measured in units that cannot be compared.

    A percentage against a number, a rate per 1,000 against a rate per 10,000, a score
    against a number of people. Units that may describe the same figure (a "rate" and a
    "percent" for an employment rate) are not reported. A warning: the figures may both
    be right, but the plans cannot be checked against each other.

    Would FAIL: NI 16 as a ``rate`` in the LAA and as a ``number`` of crimes in the
    Community Safety Plan.
    Would PASS: ``percent`` in one plan and ``%`` in another.

    Fix: express the indicator in its defined unit in every plan (keep other forms as
    extra measures with their own titles).
    """
    for _key, hit in _cache(ctx, "PC205", _pc205):
        yield hit
check("PC205", "incompatible-units", "target-conflict", "warning")(incompatible_units)


# ----------------------------------------------------------------------------- PC206


def _trajectory_problem(ctx, a: Measure, b: Measure, s: dict) -> str | None:
    """Why the targets of ``a`` and ``b`` cannot both hold, read against their common
    baseline as straight lines; ``None`` when they can."""
    base = a.baseline.value.number
    p0 = a.baseline.year.point
    ta = [t for t in _numeric_targets(a) if t.year.point > p0]
    tb = [t for t in _numeric_targets(b) if t.year.point > p0]
    ratio_limit = float(s["trajectory_tolerance"])
    for x in ta:
        for y in tb:
            if x.year.point == y.year.point:
                continue  # the same point is PC201's business
            (m1, t1), (m2, t2) = sorted([(a, x), (b, y)], key=lambda e: e[1].year.point)
            d1, d2 = t1.value.number - base, t2.value.number - base
            flat1, flat2 = _agree(t1.value.number, base, s), _agree(t2.value.number, base, s)
            if flat1 or flat2:
                continue
            start = f"From the common baseline of {_fmt(ctx, m1, base)} in {a.baseline.year.label}, "
            one = f"{_who(ctx, m1)} targets {_fmt(ctx, m1, t1.value.number)} for {t1.year.label}"
            two = f"{_who(ctx, m2)} targets {_fmt(ctx, m2, t2.value.number)} for {t2.year.label}"
            if (d1 > 0) != (d2 > 0):
                return f"{start}{one} and {two}: one wants a rise and the other a fall."
            if not _agree(t1.value.number, t2.value.number, s) and abs(d1) > abs(d2):
                return (f"{start}{one} but {two}: the figure would have to go back after "
                        f"{t1.year.label} for both to hold.")
            r1 = abs(d1) / (t1.year.point - p0)
            r2 = abs(d2) / (t2.year.point - p0)
            ratio = max(r1, r2) / min(r1, r2)
            if ratio > ratio_limit:
                return (f"{start}{one} ({format_number(round(r1, 2))} a year) and {two} "
                        f"({format_number(round(r2, 2))} a year): read as straight lines from the "
                        f"baseline, one plan expects change {format_number(round(ratio, 1))} times "
                        f"as fast as the other.")
    return None


def _pc201_members(ctx) -> dict:
    """For each indicator group, which PC201 findings each measure is in (built once).

    Two measures were already reported together when their sets meet; storing pairs
    instead would grow with the square of a finding's size.
    """

    def build():
        members: dict = defaultdict(lambda: defaultdict(set))
        for n, (key, hit) in enumerate(_cache(ctx, "PC201", _pc201)):
            for mid in hit.objects:
                members[key][mid].add(n)
        return members

    return ctx.cached("targets:pc201-members", build)


def _reported_together(members: dict, a: str, b: str) -> bool:
    return bool(members.get(a, set()) & members.get(b, set()))


def _pc206(ctx):
    s = _settings(ctx)
    for group in grouping(ctx).groups:
        if len(group.plans) < 2:
            continue
        for cls in _classes(ctx, group):
            by_base: dict[Year, list[Measure]] = defaultdict(list)
            for m in cls:
                b = m.baseline
                if b is not None and b.year is not None and b.value.is_number and _numeric_targets(m):
                    by_base[b.year].append(m)
            problems: list[tuple[Measure, Measure, str]] = []
            # Pairs already in a conflicting-targets finding are that conflict, not another one.
            reported = _pc201_members(ctx).get(group.key, {})
            for ms in by_base.values():
                # Measures with the same baseline figure and the same targets are compared
                # once (a large framework repeats them in many plans): pairs of profiles.
                profiles: dict[tuple, list[Measure]] = defaultdict(list)
                for m in ms:
                    key = (round(m.baseline.value.number, 9),
                           tuple(sorted((t.year.point, round(t.value.number, 9))
                                        for t in _numeric_targets(m))))
                    profiles[key].append(m)
                groups_ = list(profiles.values())
                for i, pa in enumerate(groups_):
                    for pb in groups_[i + 1:]:
                        pair = next(((a, b) for a in pa for b in pb if a.plan_id != b.plan_id
                                     and not _reported_together(reported, a.id, b.id)), None)
                        if pair is None:
                            continue
                        a, b = pair
                        if not _agree(a.baseline.value.number, b.baseline.value.number, s):
                            continue  # different baselines are PC202's business
                        why = _trajectory_problem(ctx, a, b, s)
                        if why:
                            problems.append((a, b, why))
            if not problems:
                continue
            ids = list(dict.fromkeys(m.id for a, b, _ in problems for m in (a, b)))
            order = group.ids
            ids.sort(key=order.index)
            first = ctx.graph.measures[ids[0]]
            shown = " ".join(w for _, _, w in problems[:3])
            more = f" ({len(problems) - 3} more pairs of plans differ in the same way.)" if len(problems) > 3 else ""
            msg = (f"{_label(group)}: the plans' targets imply paths that cannot both hold. {shown}{more} "
                   f"Check that the targets were set from the same baseline and agree a "
                   f"trajectory between the plans.")
            src = (_numeric_targets(first)[0].source if _numeric_targets(first) else first.source)
            yield group.key, Hit(msg, src, first.plan_id, tuple(ids),
                                 _details(group, [], pairs=[[a.id, b.id] for a, b, _ in problems]))


def inconsistent_trajectories(ctx):
    """Targets for different years that, from the same baseline, cannot both hold.

    Two plans measure the indicator from the same baseline (same year, same figure) but
    target different years. Each target is read as a straight line from the baseline
    (linear interpolation). They are inconsistent when one wants a rise and the other a
    fall; when the earlier target is already further from the baseline than the later
    one (the figure would have to go back); or when their yearly rates of change differ
    by more than ``indicators.trajectory_tolerance`` times (default 3). A warning:
    trajectories are a judgement, and long-term targets often assume slower change.

    Would FAIL: from 67.8% in 2007/08, the LAA targets 70% for 2010/11 and the
    Sustainable Community Strategy 69% for 2015/16.
    Would PASS: the LAA targets 70% for 2010/11 and the strategy 72% for 2015/16.

    Fix: agree one trajectory and set each plan's target on it, or explain the change
    of pace in the plan.
    """
    for _key, hit in _cache(ctx, "PC206", _pc206):
        yield hit
check("PC206", "inconsistent-trajectories", "target-conflict", "warning")(inconsistent_trajectories)


# ----------------------------------------------------------------------------- PC208


def _pc208(ctx):
    cat = ctx.catalogue
    by_code: dict[str, list[Measure]] = defaultdict(list)
    for m in ctx.graph.measures.values():
        if m.indicator and m.indicator.strip():
            by_code[normalise_code(m.indicator)].append(m)
    for code, ms in by_code.items():
        status, entry = cat.status(code)
        if status in ("known", "numbered"):
            continue
        where = "; ".join(f"{m.id} ({_plan_name(ctx, m.plan_id)})" for m in ms[:5])
        if len(ms) > 5:
            where += f" and {len(ms) - 5} more"
        if status == "retired":
            msg = (f"{code} is used by {where}, but it was dropped before the final "
                   f"{entry.catalogue or 'indicator set'} ({entry.note or entry.title}). Check which "
                   f"indicator is meant and correct the code.")
        else:
            msg = (f"{code} is used by {where}, but it is not in the indicator catalogue. "
                   f"Measures with this code are still compared with each other. If it is a local "
                   f"indicator, add it to a catalogue named in plancheck.yaml "
                   f"(indicators: catalogues:).")
        yield code, Hit(msg, ms[0].where("indicator"), ms[0].plan_id, tuple(m.id for m in ms),
                        {"code": code, "status": status})


def unknown_indicator_code(ctx):
    """An indicator code that is not in the indicator catalogue.

    The built-in catalogue is the National Indicator Set 2008 (NI 1 to NI 199, without
    NI 31, which was dropped before the final set); user catalogues are CSV files named
    in ``plancheck.yaml`` under ``indicators: catalogues:``. Measures with an unknown
    code are still grouped and compared by that code.

    Would FAIL: ``indicator: NI 31`` (dropped), ``indicator: LPI 12`` with no catalogue
    that lists it.
    Would PASS: ``indicator: NI 151``, ``NI151`` or ``ni-151``.

    Fix: correct the code, or add local indicators to a catalogue CSV (code,title and,
    when known, unit and higher_is_better).
    """
    for _key, hit in _cache(ctx, "PC208", _pc208):
        yield hit
check("PC208", "unknown-indicator-code", "input", "info")(unknown_indicator_code)


# ---------------------------------------------------------------------------- summary

_CONFLICT_CODES = ("PC201", "PC202", "PC203", "PC204", "PC205", "PC206", "PC207")
_BUILDERS = {"PC201": _pc201, "PC202": _pc202, "PC203": _pc203, "PC204": _pc204,
             "PC205": _pc205, "PC206": _pc206, "PC207": _pc207}


def _short_figures(ctx, group: IndicatorGroup) -> tuple[str, str]:
    bases, targets = [], []
    for plan_id in group.plans:
        ms = [m for m in group.measures if m.plan_id == plan_id]
        b = []
        t = []
        for m in ms:
            if m.baseline is not None and m.baseline.value.status != "blank":
                v = (_fmt(ctx, m, m.baseline.value.number) if m.baseline.value.is_number
                     else m.baseline.value.raw)
                b.append(f"{v} ({m.baseline.year.label})" if m.baseline.year else v)
            for tg in m.targets:
                v = _fmt(ctx, m, tg.value.number) if tg.value.is_number else tg.value.raw
                t.append(f"{v} ({tg.year.label})" if tg.year else v)
        if b:
            bases.append(f"{plan_id} {', '.join(b)}")
        if t:
            targets.append(f"{plan_id} {', '.join(t)}")
    return "; ".join(bases), "; ".join(targets)


def indicators_table(ctx):
    """Each indicator measured by more than one measure, what was grouped and why."""
    flags: dict[str, list[str]] = defaultdict(list)
    for code in _CONFLICT_CODES:
        for key, _hit in _cache(ctx, code, _BUILDERS[code]):
            if code not in flags[key]:
                flags[key].append(code)
    rows = []
    for group in grouping(ctx).groups:
        if len(group.members) < 2:
            continue
        bases, targets = _short_figures(ctx, group)
        rows.append([group.label, ", ".join(group.ids), ", ".join(group.plans), group.why(),
                     bases, targets, ", ".join(flags.get(group.key, [])) or "none"])
    return Table(
        title="Indicators measured in more than one place",
        columns=["indicator", "measures", "plans", "why grouped", "baselines", "targets",
                 "conflicts"],
        rows=rows,
        note="Measures are one indicator when they share a catalogue code, or when their titles "
             "name the same thing with compatible units. Conflicts lists the PC2xx findings "
             "about the indicator (whether or not those checks were selected).",
    )
summary("indicators", "PC2")(indicators_table)
