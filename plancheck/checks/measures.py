"""Measurability checks: baselines and targets (PC3xx), outcome measures (PC4xx), leads (PC5xx).

The Luton inspection found ambitions "not consistently underpinned by measurable
outcomes": objectives without baseline data, targets about activities rather than
outcomes, and progress nobody could measure. These checks find each of those, one measure
or objective at a time, so they run in time linear in the size of the framework.

Severities: everything here is a *warning* (the plan can be monitored only in part, but
it does not contradict itself) except where noted. Leads (PC5xx) are *errors* because they
only run when the framework's own ``plancheck.yaml`` says leads are required.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..classify import ACTIVITY_KINDS, OUTCOME, classify_measure
from ..findings import Hit
from ..indicators import catalogue_titles
from ..model import Measure, Objective, Plan, Target, Year, format_number
from ..registry import check
from . import advice
from .context import Table, summary

# check(...)(f) and summary(...)(f) follow each function: mutmut mutates undecorated ones only.

# -- shared helpers ---------------------------------------------------------------------

def _fix(problem: str, fix: str, source, plan: str, objects: tuple, details: dict | None = None) -> Hit:
    """A hit whose message ends with advice in the form the plan is kept in; the advice
    is also kept in ``details["fix"]`` for the partner workbook's "How to fix it"."""
    return Hit(f"{problem} {fix}", source, plan, objects, {**(details or {}), "fix": fix})


@dataclass(frozen=True, slots=True)
class KindOf:
    kind: str
    stated: bool  # written as kind: in the plan
    reason: str


def kinds(ctx) -> dict[str, KindOf]:
    """Every measure's kind, stated or inferred, computed once per run."""

    def build():
        out = {}
        named = catalogue_titles(ctx.catalogue)
        for m in ctx.graph.measures.values():
            if m.kind:
                out[m.id] = KindOf(m.kind, True, "written as kind: in the plan")
                continue
            entry = _catalogue_entry(ctx, m, named)
            if entry is not None and entry.kind:
                article = "a" if entry.kind == "process" else "an"
                out[m.id] = KindOf(entry.kind, False, f"{entry.code} is counted as {article} "
                                   f"{entry.kind} in the indicator catalogue")
            else:
                guess = classify_measure(m)
                out[m.id] = KindOf(guess.kind, False, guess.reason)
        return out

    return ctx.cached("measures:kinds", build)


def _catalogue_entry(ctx, m: Measure, named):
    """The catalogue entry of a measure's code, or of the indicator its title names."""
    if m.indicator and m.indicator.strip():
        return ctx.catalogue.status(m.indicator)[1]
    if named is None:
        return None
    code = named.named(m.title)
    return ctx.catalogue.get(code) if code else None


def _months(year: Year) -> tuple[int, int]:
    """First and last month a year covers (financial years run April to March)."""
    if year.financial:
        return year.start * 12 + 3, (year.start + 1) * 12 + 2
    return year.start * 12, year.start * 12 + 11


def in_period(year: Year, plan: Plan) -> bool:
    """True when ``year`` overlaps the plan's period (or the plan gives no period)."""
    if plan.period_start is None or plan.period_end is None:
        return True
    first, last = _months(year)
    return last >= _months(plan.period_start)[0] and first <= _months(plan.period_end)[1]


def _name(m: Measure | Objective) -> str:
    title = m.title if len(m.title) <= 70 else m.title[:67].rstrip() + "..."
    return f"{m.id} '{title}'"


def _plans(ctx):
    return ctx.graph.framework.plans


def _measures(ctx):
    for plan in _plans(ctx):
        for objective in plan.objectives:
            for m in objective.measures:
                yield plan, objective, m


def _target_year(t: Target) -> str:
    return f" for {t.year}" if t.year else ""


def _value_text(m: Measure, number: float) -> str:
    unit = (m.unit or "").lower()
    text = format_number(number)
    return f"{text}%" if unit in ("percent", "%") else text


# -- PC3xx: baselines and targets ---------------------------------------------------------

def no_baseline(ctx):
    """A measure with no baseline value.

    Without a starting point nobody can tell whether the target is ambitious or whether
    progress is being made: the inspection found "some objectives still do not have
    baseline data". A baseline written as text (``n/a``, ``new indicator``) counts as no
    baseline.

    Would PASS: ``baseline: {value: "2,737", year: 2004/05}``.
    Would FAIL: no ``baseline:``; ``baseline: {year: 2007/08}`` with no value;
    ``baseline: {value: TBC, year: 2008/09}``.

    Fix: add the latest known figure and the year it was measured (in a workbook or CSV
    file, the columns ``baseline_value`` and ``baseline_year``). A milestone ("Produce a
    strategy") has no figure to start from: measure the change it should bring instead.
    """
    known = kinds(ctx)
    for plan, _objective, m in _measures(ctx):
        b = m.baseline
        if b is None:
            if known[m.id].kind == "process":
                yield _fix(f"{plan.id} measure {_name(m)} has no baseline: it reads as a milestone "
                           "(done or not done), which has no figure to measure progress from.",
                           "Measure the change it is meant to bring about instead, with a baseline "
                           "(see PC402 on its objective).", m.source, plan.id, (m.id,))
                continue
            fix = advice.type_in(m.source, "measures",
                                 [("baseline_value", "the latest figure"),
                                  ("baseline_year", "the year it was measured")],
                                 "Add the latest figure and the year it was measured "
                                 "(baseline: {value: ..., year: ...}).")
            yield _fix(f"{plan.id} measure {_name(m)} has no baseline, so progress towards its "
                       "targets cannot be judged.", fix, m.source, plan.id, (m.id,))
        elif b.value.number is None:
            said = f"'{b.value.raw}'" if b.value.raw else "blank"
            fix = advice.type_in(b.source, "measures", [("baseline_value", "the figure measured, as a number")],
                                 "Write the figure measured, as a number, in the baseline's value:.")
            yield _fix(f"{plan.id} measure {_name(m)} has a baseline{' for ' + str(b.year) if b.year else ''} "
                       f"but its value is {said}, not a number.", fix, b.source, plan.id, (m.id,),
                       {"baseline": b.value.raw})
check("PC301", "no-baseline", "missing-baseline", "warning")(no_baseline)


def baseline_without_year(ctx):
    """A baseline value with no year.

    A figure without the year it was measured cannot be compared with targets or with
    the same indicator in other plans ("unemployment 3.1%" - in which year?).

    Would PASS: ``baseline: {value: 3.1, year: 2006/07}``.
    Would FAIL: ``baseline: {value: 3.1}``.

    Fix: add the year the baseline figure was measured (calendar 2007 or financial 2007/08).
    """
    for plan, _objective, m in _measures(ctx):
        b = m.baseline
        if b is None or b.year is not None or b.year_raw or b.value.number is None:
            continue  # no baseline (PC301), or a year that could not be read (PC005)
        fix = advice.type_in(b.source, "measures",
                             [("baseline_year", f"the year it was measured ({advice.year_hint()})")],
                             f"Add the year it was measured (year: in the baseline; {advice.year_hint()}).")
        yield _fix(f"{plan.id} measure {_name(m)} has a baseline of {b.value.raw or b.value.display()} "
                   "but no year.", fix, b.source, plan.id, (m.id,), {"baseline": b.value.raw})
check("PC302", "baseline-without-year", "missing-baseline", "warning")(baseline_without_year)


def baseline_after_target(ctx):
    """A baseline dated after the measure's first target.

    A baseline is where progress is measured from, so it must come before the targets.
    A later baseline usually means the figure was added from a later survey, and the
    earlier target was set without one.

    Would PASS: baseline 2007/08, targets 2008/09 and 2010/11.
    Would FAIL: baseline 2008/09, first target 2007/08.

    Fix: use a baseline from before the first target, or remove targets that fall before
    the baseline.
    """
    for plan, _objective, m in _measures(ctx):
        b = m.baseline
        years = [t.year for t in m.targets if t.year is not None]
        if b is None or b.year is None or not years:
            continue
        first = min(years)
        if b.year.point > first.point:
            where = advice.place(b.source, "measures")
            fix = (f"Use a baseline from before {first}" + (f" ({where}, columns baseline_value and "
                                                            "baseline_year)" if where else "")
                   + ", or drop the earlier target.")
            yield _fix(f"{plan.id} measure {_name(m)} has its baseline in {b.year} but a target for "
                       f"{first}, before the baseline.", fix, b.source, plan.id, (m.id,),
                       {"baseline_year": str(b.year), "first_target_year": str(first)})
check("PC303", "baseline-after-target", "missing-baseline", "warning")(baseline_after_target)


def no_numeric_target(ctx):
    """A measure with no targets, or a target written as text or left blank.

    A target of ``TBC`` or ``tba`` cannot be monitored or compared with other plans; it
    is kept as written and reported here. ``2,737``, ``61.00%`` and ``31.9%`` are numbers
    and pass. (A number with words around it is PC307.)

    Would PASS: ``{year: 2010/11, value: "2,000"}``, ``{year: 2010/11, value: 61.00%}``.
    Would FAIL: ``{year: 2010/11, value: TBC}``, ``{year: 2010/11, value: tba}``, an empty
    value, a measure with no ``targets:``.

    Fix: agree the figure and write it as a number; if it cannot be agreed yet, record
    when it will be.
    """
    for plan, _objective, m in _measures(ctx):
        if not m.targets:
            fix = advice.new_row(m.source, "targets", [("measure", m.id), ("year", "the year"),
                                                       ("value", "the figure to reach")],
                                 "Add a target under the measure's targets: key, with a year: and a "
                                 "value: (the figure to reach, as a number).")
            yield _fix(f"{plan.id} measure {_name(m)} has no targets.", fix, m.source, plan.id, (m.id,))
            continue
        for t in m.targets:
            if t.value.status in ("text", "blank"):
                said = f"written as '{t.value.raw}'" if t.value.raw else "left blank"
                fix = advice.type_in(t.source, "targets", [("value", "the agreed figure (a number)")],
                                     "Write the agreed figure as a number in the target's value:.")
                yield _fix(f"{plan.id} measure {_name(m)}: the target{_target_year(t)} is {said}, "
                           "not a number, so progress against it cannot be measured.", fix,
                           t.source, plan.id, (m.id,),
                           {"year": str(t.year) if t.year else None, "value": t.value.raw})
check("PC304", "no-numeric-target", "missing-target", "warning")(no_numeric_target)


def target_without_year(ctx):
    """A target with no year.

    A target must say when it is to be met; without a year it cannot be monitored or
    compared with the same indicator in other plans.

    Would PASS: ``{year: 2010/11, value: 300}``.
    Would FAIL: ``{value: 300}``.

    Fix: add the year the target is for (calendar 2011 or financial 2010/11).
    """
    for plan, _objective, m in _measures(ctx):
        for t in m.targets:
            if t.year is None and not t.year_raw:  # an unreadable year is PC005
                fix = advice.type_in(t.source, "targets",
                                     [("year", f"the year it is to be met ({advice.year_hint()})")],
                                     f"Add the year it is to be met (year: in the target; {advice.year_hint()}).")
                yield _fix(f"{plan.id} measure {_name(m)} has a target of {t.value.raw or 'nothing'} "
                           "with no year.", fix, t.source, plan.id, (m.id,), {"value": t.value.raw})
check("PC305", "target-without-year", "missing-target", "warning")(target_without_year)


def target_outside_period(ctx):
    """A target for a year outside its plan's period.

    A plan for 2008/09 to 2010/11 that sets a target for 2015/16 commits to something it
    will not be around to monitor; a target before the plan starts is probably a slip.
    Calendar and financial years count as inside when they overlap the period (2011
    overlaps a plan ending 2010/11).

    Would PASS: plan 2008/09 to 2010/11, target for 2010/11 or 2011.
    Would FAIL: plan 2008/09 to 2010/11, target for 2012/13 or 2006/07.

    Fix: correct the year, or move the target to the plan that covers that year.
    """
    for plan, _objective, m in _measures(ctx):
        for t in m.targets:
            if t.year is not None and not in_period(t.year, plan):
                where = advice.place(t.source, "targets")
                fix = ("Correct the year" + (f" ({where}, column year)" if where else "")
                       + " or move the target to the plan that covers it.")
                yield _fix(f"{plan.id} measure {_name(m)} has a target for {t.year}, outside the "
                           f"plan's period ({plan.period_label}).", fix, t.source, plan.id, (m.id,),
                           {"year": str(t.year), "period": plan.period_label})
check("PC306", "target-outside-period", "missing-target", "warning")(target_outside_period)


def qualified_target(ctx):
    """A target written as a number with words around it, e.g. ``55.7 (for 2009)``.

    The words may change what the number means (a different year, "at least", "about"),
    so plancheck shows the number it could read but does not use it as a plain target or
    compare it with other plans.

    Would PASS: ``{year: 2009, value: 55.7}``.
    Would FAIL: ``{year: 2010/11, value: "55.7 (for 2009)"}``, ``value: "c. 70%"``.

    Fix: write the plain number, and put what the words say in the year (or a comment).
    """
    for plan, _objective, m in _measures(ctx):
        for t in m.targets:
            if t.value.status != "qualified":
                continue
            number = t.value.number
            read = _value_text(m, number) if number is not None else "no number"
            words = t.value.raw
            fix = advice.type_in(t.source, "targets", [("value", "the number alone"),
                                                       ("year", "the year it applies to")],
                                 "Write the number alone as the target's value:, and the year it "
                                 "applies to as its year:.")
            yield _fix(f"{plan.id} measure {_name(m)}: the target{_target_year(t)} is written "
                       f"'{words}'. plancheck reads the number {read} but the words qualify it, so "
                       "it is not used as a plain target.", fix, t.source, plan.id, (m.id,),
                       {"year": str(t.year) if t.year else None, "written": words, "number_read": number})
check("PC307", "qualified-target", "missing-target", "warning")(qualified_target)


# -- PC4xx: outcome measures --------------------------------------------------------------

def objective_without_measures(ctx):
    """An objective with no measure at all.

    Nobody can tell how well an objective is being delivered when nothing measures it;
    the inspection found progress against plan objectives was not measured or reported.

    Would PASS: an objective with a ``measures:`` list holding at least one measure.
    Would FAIL: an objective with no ``measures:``, or an empty list.

    Fix: add at least one outcome measure: a change for residents or the place, with a
    baseline and a target.
    """
    for plan in _plans(ctx):
        for o in plan.objectives:
            if not o.measures:
                fix = advice.new_row(o.source, "measures", [("objective", o.id), ("title", "what is measured"),
                                                            ("baseline_value", "its baseline")],
                                     "Add an outcome measure with a baseline and a target.")
                if advice.form(o.source) == advice.WORKBOOK:
                    fix = fix[:-1] + "; then its targets to sheet targets."
                elif advice.form(o.source) == advice.CSV:
                    fix = fix[:-1] + "; then its targets to targets.csv."
                yield _fix(f"{plan.id} objective {_name(o)} has no measures, so progress on it cannot "
                           "be measured.", fix, o.source, plan.id, (o.id,))
check("PC401", "objective-without-measures", "no-outcome-measure", "warning")(objective_without_measures)


def no_outcome_measure(ctx):
    """An objective whose measures are all activities, processes or outputs.

    "Produce a cultural strategy", "hold 12 festival events" and "number of sessions
    delivered" show work done, not whether residents are better off: the inspection found
    targets "focused on activities or processes rather than outcomes". A measure's kind is
    taken from ``kind:`` when the plan gives it; otherwise from the indicator catalogue
    when its indicator (by code, or by a title that names it) has a known kind, e.g.
    NI 154 net additional homes provided counts homes delivered (output); otherwise
    plancheck infers it from the wording. The finding shows the reason for each measure.

    Would PASS: an objective with "Percentage of adults who have attended an arts event"
    beside "Number of arts sessions delivered".
    Would FAIL: an objective whose only measures are "Produce a cultural strategy" and
    "Hold 12 festival events each year".

    Fix: add an outcome measure (a change for residents, e.g. engagement in the arts). If
    plancheck has misread a measure that is an outcome, write ``kind: outcome`` on it.
    """
    known = kinds(ctx)
    for plan in _plans(ctx):
        for o in plan.objectives:
            if not o.measures or any(known[m.id].kind == OUTCOME for m in o.measures):
                continue
            parts, listed = [], []
            for m in o.measures:
                k = known[m.id]
                how = "stated" if k.stated else f"inferred: {k.reason}"
                parts.append(f"{_name(m)} ({k.kind}, {how})")
                listed.append({"measure": m.id, "kind": k.kind, "stated": k.stated,
                               **({} if k.stated else {"reason": k.reason})})
            rows = [advice.row(m.source) for m in o.measures]
            if advice.form(o.source) == advice.YAML:
                mark = "write kind: outcome on a measure that is one"
            else:
                where = f"sheet measures, row{'s' if len(rows) > 1 else ''} {', '.join(rows)}" \
                    if advice.form(o.source) == advice.WORKBOOK else \
                    f"measures.csv, row{'s' if len(rows) > 1 else ''} {', '.join(rows)}"
                mark = f"type outcome in column kind of a measure that is one ({where})"
            fix = f"Add an outcome measure (a change for residents or the place), or {mark}."
            yield _fix(f"{plan.id} objective {_name(o)} has only activity measures: "
                       f"{'; '.join(parts)}.", fix, o.source, plan.id, (o.id, *(m.id for m in o.measures)),
                       {"measures": listed})
check("PC402", "no-outcome-measure", "no-outcome-measure", "warning")(no_outcome_measure)


def activity_measure(ctx):
    """A measure that reads as an activity, beside outcome measures of the same objective.

    Not a fault on its own (the objective has an outcome measure), but the inspection
    criticised targets about activities; this lists them so an officer can confirm each.
    Only *inferred* kinds are reported: a measure with ``kind: output`` or
    ``kind: process`` has already been judged by its authors. Objectives with only
    activity measures are reported by PC402 instead.

    Would PASS: "Percentage of adults who have attended an arts event"; any measure with
    a ``kind:``.
    Would FAIL (info): "Number of arts development sessions delivered" without ``kind:``.

    Fix: nothing, if it is meant as an activity (write ``kind: output`` to say so and
    silence this); write ``kind: outcome`` if plancheck has misread it.
    """
    known = kinds(ctx)
    for plan in _plans(ctx):
        for o in plan.objectives:
            if not any(known[m.id].kind == OUTCOME for m in o.measures):
                continue
            for m in o.measures:
                k = known[m.id]
                if not k.stated and k.kind in ACTIVITY_KINDS:
                    fix = advice.type_in(m.source, "measures",
                                         [("kind", f"{k.kind} to confirm it (or outcome if it measures a "
                                                   "change for residents)")],
                                         f"Write kind: {k.kind} to confirm it, or kind: outcome if it "
                                         "measures a change for residents.")
                    yield _fix(f"{plan.id} measure {_name(m)} reads as an activity ({k.kind}): "
                               f"{k.reason}.", fix, m.source, plan.id, (m.id,),
                               {"inferred_kind": k.kind, "reason": k.reason})
check("PC403", "activity-measure", "no-outcome-measure", "info")(activity_measure)


# -- PC5xx: accountability ----------------------------------------------------------------

def objective_without_lead(ctx):
    """An objective with no lead, when the framework requires one.

    Off unless ``plancheck.yaml`` says ``accountability: {leads_required: true}``. The
    inspection found partners could not tell who was delivering what.

    Would PASS: ``lead: Luton Borough Council`` on the objective.
    Would FAIL (when required): an objective with no ``lead:``.

    Fix: name the partner accountable for the objective in ``lead:``.
    """
    if not ctx.section("accountability").get("leads_required"):
        return
    for plan in _plans(ctx):
        for o in plan.objectives:
            if not (o.lead or "").strip():
                fix = advice.type_in(o.source, "objectives", [("lead", "the accountable partner")],
                                     "Name the accountable partner in lead:.")
                yield _fix(f"{plan.id} objective {_name(o)} has no lead, and this framework requires one.",
                           fix, o.source, plan.id, (o.id,))
check("PC501", "objective-without-lead", "accountability", "error")(objective_without_lead)


def measure_without_lead(ctx):
    """A measure with no lead of its own, when the framework requires one.

    Off unless ``plancheck.yaml`` says
    ``accountability: {measure_leads_required: true}``. A measure of an objective that has
    a lead still needs its own: the partner reporting the figure may differ.

    Would PASS: ``lead: Jobcentre Plus`` on the measure.
    Would FAIL (when required): a measure with no ``lead:``.

    Fix: name the partner responsible for the measure and its figures in ``lead:``.
    """
    if not ctx.section("accountability").get("measure_leads_required"):
        return
    for plan, objective, m in _measures(ctx):
        if not (m.lead or "").strip():
            hint = f" (its objective's lead is {objective.lead})" if objective.lead else ""
            fix = advice.type_in(m.source, "measures", [("lead", "the partner responsible for it")],
                                 "Name the partner responsible for it in lead:.")
            yield _fix(f"{plan.id} measure {_name(m)} has no lead{hint}, and this framework requires "
                       "one for every measure.", fix, m.source, plan.id, (m.id,))
check("PC502", "measure-without-lead", "accountability", "error")(measure_without_lead)


# -- summary ------------------------------------------------------------------------------

def _share(n: int, total: int) -> str:
    return f"{n} of {total} ({round(100 * n / total)}%)" if total else "0 of 0"


def _has_baseline(m: Measure) -> bool:
    return m.baseline is not None and m.baseline.value.number is not None and m.baseline.year is not None


def _numeric_target_in_period(m: Measure, plan: Plan) -> bool:
    return any(t.value.is_number and t.year is not None and in_period(t.year, plan) for t in m.targets)


def measurability(ctx):
    known = kinds(ctx)
    rows = []
    for plan in _plans(ctx):
        objs = plan.objectives
        outcome = sum(any(known[m.id].kind == OUTCOME for m in o.measures) for o in objs)
        base = sum(any(_has_baseline(m) for m in o.measures) for o in objs)
        target = sum(any(_numeric_target_in_period(m, plan) for m in o.measures) for o in objs)
        n = len(objs)
        rows.append([plan.id, n, _share(outcome, n), _share(base, n), _share(target, n)])
    return Table(
        title="Measurability of objectives",
        columns=["plan", "objectives", "with an outcome measure", "with a baseline",
                 "with a numeric target in the plan period"],
        rows=rows,
        note="An objective counts when at least one of its measures qualifies. Outcome: stated "
             "kind: outcome, or inferred from the wording. Baseline: a number and a year.",
    )
summary("measurability", ("PC3", "PC4"))(measurability)
