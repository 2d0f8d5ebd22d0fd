"""Loading a framework: find the plan files under the paths given, read each with the
reader for its form, and assemble one :class:`~plancheck.model.Framework`.

Problems become input Hits with locations; nothing here raises for bad content.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import input_codes as codes
from ..findings import Hit
from ..match import did_you_mean
from ..model import Framework, Measure, Objective, Plan, Source
from .actuals import resolve as resolve_actuals
from .areas import holds_framework
from .csv_tables import read_csv_table
from .records import AcceptRec, ActualRec, FieldReader, MeasureRec, ObjectiveRec, PlanRec, TargetRec
from .tables import TABLES, read_actual_rows, read_tables
from .workbook import read_workbook_tables
from .yaml_plans import MAX_YAML_BYTES, read_yaml_plan

YAML_SUFFIXES = (".yaml", ".yml")
CSV_NAMES = {f"{t}.csv": t for t in TABLES}
SETTINGS_NAMES = {"plancheck.yaml", "plancheck.yml"}
__all__ = ["MAX_YAML_BYTES", "LoadResult", "assemble", "discover", "display_path", "load_framework"]


@dataclass
class LoadResult:
    framework: Framework
    hits: list[Hit]
    files: list[str] = field(default_factory=list)


def display_path(path: Path) -> str:
    """The path as a user would write it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        rel = str(path)
    return Path(rel if not rel.startswith("..") else path).as_posix()


def discover(paths: list[str], hits: list[Hit]) -> list[tuple[str, Path]]:
    """``(form, path)`` for every file to read: form is yaml, xlsx or csv:<table>."""
    found: list[tuple[str, Path]] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if _is_dir(p):
            try:
                children = sorted(p.iterdir(), key=lambda c: c.name.lower())
            except OSError as exc:
                display = display_path(p)
                hits.append(Hit(f"Folder {display} could not be read ({exc.strerror or exc})", Source(display),
                                code=codes.UNREADABLE_FILE.code))
                continue
            for child in children:
                if child.name.startswith(".") or child.name.startswith("~$"):
                    continue  # hidden files and Office lock files are never plans
                _classify(child, found, seen, hits, from_folder=True)
        else:
            _classify(p, found, seen, hits, from_folder=False)
    return found


def _is_dir(p: Path) -> bool:
    try:
        return p.is_dir()
    except OSError:  # a symlink loop, a name too long: not a folder; reading it reports why
        return False


def _classify(p: Path, found, seen, hits, from_folder: bool) -> None:
    try:
        key = p.resolve()
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
        key = p.absolute()
    if key in seen:
        return
    seen.add(key)
    name = p.name.lower()
    display = display_path(p)
    if _is_dir(p):
        if holds_framework(p):
            return  # a framework of its own (contract section 1a), checked on its own
        hits.append(Hit(f"Folder {display} was not read: plancheck reads the files directly in the "
                        "folders it is given (name the subfolder to check it)",
                        Source(display), code=codes.SKIPPED.code))
    elif name in SETTINGS_NAMES:
        if not from_folder:
            hits.append(Hit(f"{display} holds settings, not a plan", Source(display), code=codes.SKIPPED.code))
    elif p.suffix.lower() in YAML_SUFFIXES:
        found.append(("yaml", p))
    elif p.suffix.lower() == ".xlsx":
        found.append(("xlsx", p))
    elif name in CSV_NAMES:
        found.append((f"csv:{CSV_NAMES[name]}", p))
    else:
        hint = ""
        if p.suffix.lower() in (".xls", ".xlsm", ".ods"):
            hint = "; save it as an .xlsx workbook to check it"
        elif p.suffix.lower() == ".csv":
            hint = ("; CSV files must be named plans.csv, objectives.csv, measures.csv, targets.csv, "
                    "actuals.csv or accept.csv")
        hits.append(Hit(f"{display} is not a plan file and was not read{hint}", Source(display),
                        code=codes.SKIPPED.code))


def load_framework(paths: list[str], name: str = "", on_file=None) -> LoadResult:
    """Read every plan under ``paths`` into one framework.

    ``on_file(done, total)`` is called after each file (for a progress bar).
    """
    hits: list[Hit] = []
    plans: list[PlanRec] = []
    objectives: list[ObjectiveRec] = []
    measures: list[MeasureRec] = []
    targets: list[TargetRec] = []
    accepts: list[AcceptRec] = []
    actuals: list[ActualRec] = []
    files: list[str] = []
    csv_sets: dict[Path, dict[str, list]] = {}
    found = discover(paths, hits)
    for done, (form, path) in enumerate(found):
        if on_file is not None:
            on_file(done, len(found))
        display = display_path(path)
        files.append(display)
        if form == "yaml":
            plan, objs, meas = read_yaml_plan(path, display, hits)
            if plan is not None:
                plans.append(plan)
            objectives += objs
            measures += meas
        elif form == "xlsx":
            tables = read_workbook_tables(path, display, hits)
            if tables is not None:
                p, o, m, t = read_tables(tables, hits, display, accepts)
                plans += p
                objectives += o
                measures += m
                targets += t
                actuals += read_actual_rows(tables.get("actuals", []), hits)
        else:
            table = form.split(":", 1)[1]
            csv_sets.setdefault(path.parent, {})[table] = read_csv_table(table, path, display, hits)
    for folder, tables in csv_sets.items():
        p, o, m, t = read_tables(tables, hits, display_path(folder), accepts)
        plans += p
        objectives += o
        measures += m
        targets += t
        actuals += read_actual_rows(tables.get("actuals", []), hits)
    framework = assemble(plans, objectives, measures, targets, hits, name, actuals=actuals, accepts=accepts)
    hits = _attach_plans(hits, framework)
    if not framework.plans:
        shown = ", ".join(paths)
        hits.append(Hit(f"No plan was found in {shown}", Source(shown), code=codes.EMPTY_FRAMEWORK.code))
    return LoadResult(framework, hits, files)


def assemble(plans: list[PlanRec], objectives: list[ObjectiveRec], measures: list[MeasureRec],
             targets: list[TargetRec], hits: list[Hit], name: str = "", *,
             actuals: list[ActualRec] | None = None, accepts: list[AcceptRec] = ()) -> Framework:
    """Resolve parent ids across every file, report duplicates and orphans, build the model.

    ``accepts`` are the rows of ``accept`` sheets and CSV files, attached here by id.
    """
    reader = FieldReader(hits)
    plan_by_id: dict[str, PlanRec] = {}
    rejected: set[int] = set()  # records left out; what is nested under them goes with them
    # Rows of a workbook or CSV folder name their parent by id: (kind, table set, id) of a
    # record left out, so the rows under it in the same set go with it too.
    left_out: set[tuple[str, str, str]] = set()
    for p in plans:
        if p.id in plan_by_id:
            first = plan_by_id[p.id]
            reader.report(codes.DUPLICATE_ID,
                          f"Plan id {p.id} is used again (first for '{first.title}'); "
                          "this one and its objectives were not checked", p.source, p.id, (p.id,))
            rejected.add(id(p))
            left_out.add(("plan", _table_set(p.source), p.id))
            continue
        plan_by_id[p.id] = p
    obj_by_id: dict[str, ObjectiveRec] = {}
    obj_children: dict[str, list[ObjectiveRec]] = {pid: [] for pid in plan_by_id}
    for o in objectives:
        if o.owner is not None and id(o.owner) in rejected:
            rejected.add(id(o))
            continue
        if _goes_with(left_out, "plan", o.source, o.plan_id, plan_by_id, o.owner):
            rejected.add(id(o))
            left_out.add(("objective", _table_set(o.source), o.id))
            continue
        if o.id in obj_by_id:
            first = obj_by_id[o.id]
            reader.report(codes.DUPLICATE_ID,
                          f"Objective id {o.id} is used again (first in plan {first.plan_id}: "
                          f"'{first.title}'); this one and its measures were not checked",
                          o.source, o.plan_id, (o.id,))
            rejected.add(id(o))
            left_out.add(("objective", _table_set(o.source), o.id))
            continue
        if o.plan_id not in plan_by_id:
            if o.plan_id:
                reader.report(codes.ORPHAN_ROW,
                              f"Objective {o.id} names plan '{o.plan_id}', which does not exist"
                              f"{did_you_mean(o.plan_id, plan_by_id)}; it and its measures were not checked",
                              o.fields.get("plan", o.source),
                              None, (o.id,))
            rejected.add(id(o))
            left_out.add(("objective", _table_set(o.source), o.id))
            continue
        obj_by_id[o.id] = o
        obj_children[o.plan_id].append(o)
    measure_by_id: dict[str, MeasureRec] = {}
    measure_children: dict[str, list[MeasureRec]] = {oid: [] for oid in obj_by_id}
    position: dict[str, int] = {}
    for m in measures:
        if m.owner is not None and id(m.owner) in rejected:
            continue
        if _goes_with(left_out, "objective", m.source, m.objective_id, obj_by_id, m.owner):
            if m.id is not None:
                left_out.add(("measure", _table_set(m.source), m.id))
            continue
        position[m.objective_id] = position.get(m.objective_id, 0) + 1
        if m.id is None:
            m.id = f"{m.objective_id}.{position[m.objective_id]}"
        if m.id in measure_by_id:
            first = measure_by_id[m.id]
            reader.report(codes.DUPLICATE_ID,
                          f"Measure id {m.id} is used again (first for '{first.title}'); "
                          "this one and its targets were not checked", m.source, _plan_of(m, obj_by_id), (m.id,))
            left_out.add(("measure", _table_set(m.source), m.id))
            continue
        if m.objective_id not in obj_by_id:
            if m.objective_id:
                reader.report(codes.ORPHAN_ROW,
                              f"Measure {m.id} names objective '{m.objective_id}', which does not exist"
                              f"{did_you_mean(m.objective_id, obj_by_id)}; it and its targets were not checked",
                              m.fields.get("objective", m.source), None, (m.id,))
            left_out.add(("measure", _table_set(m.source), m.id))
            continue
        measure_by_id[m.id] = m
        measure_children[m.objective_id].append(m)
    for t in targets:
        if _goes_with(left_out, "measure", t.target.source, t.measure_id, measure_by_id, None):
            continue
        m = measure_by_id.get(t.measure_id)
        if m is None:
            reader.report(codes.ORPHAN_ROW,
                          f"A target for {t.target.year_raw or 'no year'} names measure '{t.measure_id}', "
                          f"which does not exist{did_you_mean(t.measure_id, measure_by_id)}; it was not checked",
                          t.target.source)
            continue
        m.targets.append(t.target)
    for row in accepts:
        a = row.acceptance
        owner = measure_by_id.get(a.on) or obj_by_id.get(a.on) or plan_by_id.get(a.on)
        if owner is None:
            known = {**plan_by_id, **obj_by_id, **measure_by_id}
            reader.report(codes.BAD_ACCEPTANCE,
                          f"An acceptance of {a.check} names '{a.on}', which is not a plan, objective or "
                          f"measure{did_you_mean(a.on, known)}; it was not applied", a.source)
            continue
        owner.accept.append(a)
    by_indicator = []
    for r in actuals or ():
        if r.indicator:
            by_indicator.append((r.indicator, r.actual))
            continue
        if _goes_with(left_out, "measure", r.actual.source, r.measure_id, measure_by_id, None):
            continue
        m = measure_by_id.get(r.measure_id or "")
        if m is None:
            reader.report(codes.ORPHAN_ROW,
                          f"An actual for {r.actual.year} names measure '{r.measure_id}', which does not "
                          f"exist{did_you_mean(r.measure_id or '', measure_by_id)}; it was not used",
                          r.actual.source)
            continue
        m.actuals.append(r.actual)
    resolved, framework_actuals = resolve_actuals(list(measure_by_id.values()), by_indicator, reader)
    built = []
    for p in plan_by_id.values():
        objs = []
        for o in obj_children[p.id]:
            ms = tuple(
                Measure(id=m.id, objective_id=o.id, plan_id=p.id, title=m.title, source=m.source,
                        indicator=m.indicator, unit=m.unit, direction=m.direction, kind=m.kind,
                        baseline=m.baseline, targets=tuple(m.targets), lead=m.lead, fields=m.fields,
                        actuals=tuple(resolved.get(m.id, ())), accept=tuple(m.accept))
                for m in measure_children[o.id]
            )
            objs.append(Objective(id=o.id, plan_id=p.id, title=o.title, source=o.source, theme=o.theme,
                                  supports=o.supports, local=o.local, lead=o.lead, measures=ms,
                                  fields=o.fields, accept=tuple(o.accept)))
        built.append(Plan(id=p.id, title=p.title, kind=p.kind, source=p.source, owner=p.owner,
                          period_start=p.period_start, period_end=p.period_end,
                          derives_from=p.derives_from, objectives=tuple(objs), fields=p.fields,
                          accept=tuple(p.accept)))
    return Framework(plans=tuple(built), name=name, actuals=tuple(framework_actuals))


def _table_set(src: Source) -> str:
    """The workbook, or the CSV folder, a row was read from (a YAML file for YAML records)."""
    if src.sheet is not None or src.file.endswith(YAML_SUFFIXES):
        return src.file
    return os.path.dirname(src.file)


def _goes_with(left_out: set, kind: str, src: Source, parent_id: str | None, kept: dict, owner) -> bool:
    """Whether a row names a parent that was left out from its own workbook or CSV folder.

    Rows of a record kept from another file stay with it only when the kept one is not in
    the row's own set (a duplicate id inside one set is ambiguous; the first one keeps them).
    """
    if owner is not None or not parent_id:
        return False
    here = _table_set(src)
    if (kind, here, parent_id) not in left_out:
        return False
    parent = kept.get(parent_id)
    return parent is None or _table_set(parent.source) != here


def _row_key(src: Source):
    if src.sheet is not None:
        digits = "".join(c for c in (src.cell or "") if c.isdigit())
        return (src.file, src.sheet, int(digits) if digits else None)
    return (src.file, None, src.line)


def _attach_plans(hits: list[Hit], framework: Framework) -> list[Hit]:
    """Give an input finding the plan it belongs to, so reports can group it there.

    A YAML file holds one plan; in a workbook or CSV, the row's record tells the plan.
    """
    by_file: dict[str, str] = {}
    by_row: dict[tuple, str] = {}
    for plan in framework.plans:
        if plan.source.sheet is None and plan.source.file.endswith(YAML_SUFFIXES):
            by_file[plan.source.file] = plan.id
        by_row[_row_key(plan.source)] = plan.id
        for o in plan.objectives:
            by_row[_row_key(o.source)] = plan.id
            for m in o.measures:
                by_row[_row_key(m.source)] = plan.id
                for t in m.targets:
                    by_row[_row_key(t.source)] = plan.id
    out = []
    for h in hits:
        if h.plan is None and h.source is not None:
            pid = by_file.get(h.source.file) or by_row.get(_row_key(h.source))
            if pid:
                h = replace(h, plan=pid)
        out.append(h)
    return out


def _plan_of(m: MeasureRec, obj_by_id: dict[str, ObjectiveRec]) -> str | None:
    o = obj_by_id.get(m.objective_id)
    return o.plan_id if o else None
