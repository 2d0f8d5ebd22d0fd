"""Several frameworks in one run (contract section 1a): each checked on its own, in
parallel, and merged into one result that reporters read like a single run's.

Each framework runs in ``run.run`` exactly as if it had been named alone, in a worker
process of a pool (``jobs``) or in this process (``jobs=1``). What crosses back from a
worker is the framework's :class:`~plancheck.run.RunResult`, with the plan model cut
down to an outline (ids, titles and places; no targets or baselines) unless the caller
keeps models for a report that draws them (workbook, HTML): pickling a whole model costs
about as much as reading it. The outline travels as plain tuples and is built into model
objects only if something reads it (a console report rendered in the worker never does).
A framework whose settings cannot be used, or whose check fails, becomes a
finding in its own row and never stops the others.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .catalogue import builtin, normalise_code
from .checks.context import Table
from .config import (
    Settings,
    SettingsError,
    find_settings_file,
    load_settings,
    settings_from_dict,
    with_as_of,
)
from .findings import Finding, fingerprints
from .input_codes import SKIPPED, UNREADABLE_FILE
from .load.areas import Discovery, FrameworkSpec
from .model import Framework, Source, format_number
from .run import RunResult, run

CROSS_AREA = "cross_area"


@dataclass
class AreasResult:
    """The result of checking several frameworks: reads like one RunResult.

    ``findings`` are every framework's, framework by framework in a stable order (the
    order found); ``counts()`` are summed and ``exit_code`` is over all. ``results`` holds
    one RunResult per framework for per-framework views.
    """

    results: list[RunResult]
    paths: list[str] = field(default_factory=list)
    summaries: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    fail_on_given: str | None = None
    jobs: int = 1

    def __post_init__(self) -> None:
        self.findings: list[Finding] = [f for r in self.results for f in r.findings]

    @property
    def frameworks(self) -> list[RunResult]:
        return self.results

    @property
    def framework(self) -> Framework:
        """Every framework's plans together (plan ids may repeat across frameworks)."""
        return Framework(plans=tuple(p for r in self.results for p in r.framework.plans), name=self.name)

    @property
    def checks(self) -> list:
        seen: dict[str, Any] = {}
        for r in self.results:
            for c in r.checks:
                seen.setdefault(c.code, c)
        return [seen[k] for k in sorted(seen)]

    @property
    def settings(self) -> Settings:
        return Settings(name=self.name, fail_on=self.fail_on)

    @property
    def files(self) -> list[str]:
        return [f for r in self.results for f in r.files]

    @property
    def fail_on(self) -> str:
        if self.fail_on_given:
            return self.fail_on_given
        values = {r.fail_on for r in self.results}
        return values.pop() if len(values) == 1 else "error"

    @property
    def name(self) -> str:
        return f"{len(self.results)} frameworks in {', '.join(self.paths)}"

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.results:
            for k, v in r.counts().items():
                out[k] = out.get(k, 0) + v
        for k in ("plans", "objectives", "measures", "error", "warning", "info"):
            out.setdefault(k, 0)
        return out

    @property
    def exit_code(self) -> int:
        return max((r.exit_code for r in self.results), default=0)

    @property
    def left_out(self) -> list[Finding]:
        """Findings a baseline file records, left out of every framework's report."""
        return [f for r in self.results for f in getattr(r, "left_out", [])]

    @property
    def baselined(self) -> int:
        return len(self.left_out)

    @property
    def as_of(self):
        """The year acceptances were judged against, when every framework used the same."""
        years = {getattr(r, "as_of", None) for r in self.results}
        return years.pop() if len(years) == 1 else None


def framework_rows(result) -> list[dict]:
    """One row per framework, worst first: failing before passing, then by errors,
    warnings and info, then by name. Reporters use it for the first table."""
    rows = []
    for position, r in enumerate(getattr(result, "results", [result])):
        c = r.counts()
        rows.append({"name": r.name, "paths": list(r.paths), "plans": c["plans"], "objectives": c["objectives"],
                     "measures": c["measures"], "error": c["error"], "warning": c["warning"], "info": c["info"],
                     "fail_on": r.fail_on, "exit_code": r.exit_code, "passes": r.exit_code == 0,
                     "position": position})
    rows.sort(key=lambda d: (-d["exit_code"], -d["error"], -d["warning"], -d["info"], d["name"].lower()))
    return rows


# --- settings and one framework ------------------------------------------------------------

def _settings(spec: FrameworkSpec, config, several: bool) -> Settings:
    if config is None:
        if spec.settings_file is not None:
            return load_settings(spec.settings_file)
        return load_settings(find_settings_file(spec.paths))
    if isinstance(config, Settings):
        settings = config
    elif isinstance(config, Mapping):
        settings = settings_from_dict(dict(config))
    else:
        settings = load_settings(Path(config))
    # One settings file for every framework: each keeps its own name (its folder's).
    return replace(settings, name="") if several else settings


def _not_checked(spec: FrameworkSpec, why: str, fail_on: str | None) -> RunResult:
    """A framework that could not be checked, as a row with one finding saying why."""
    where = str(spec.settings_file) if spec.settings_file is not None else (spec.paths[0] if spec.paths else "")
    shown = _display(where)
    finding = Finding(code=UNREADABLE_FILE.code, check=UNREADABLE_FILE.name, category=UNREADABLE_FILE.category,
                      severity="error", message=f"This framework was not checked: {why}",
                      plan=None, objects=(), source=Source(shown), framework=spec.name)
    finding = replace(finding, fingerprint=fingerprints([finding])[0])
    return RunResult(framework=Framework(plans=(), name=spec.name), findings=[finding], checks=[],
                     settings=Settings(name=spec.name), files=[shown] if shown else [],
                     fail_on=fail_on or "error", paths=list(spec.paths),
                     model_counts={"plans": 0, "objectives": 0, "measures": 0})


def _display(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return Path(rel if not rel.startswith("..") else path).as_posix()


@dataclass(frozen=True)
class _Job:
    spec: FrameworkSpec
    config: Any
    several: bool
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: str | None
    keep_model: bool
    cross_area: bool
    as_of: str | None = None
    baseline: Any = None  # Baseline whose findings are left out
    prepare: Callable[[RunResult], None] | None = None  # e.g. render this framework's report part


def check_one(job: _Job) -> tuple[RunResult, list]:
    """Check one framework (in a worker process): its result and its cross-area rows."""
    spec = job.spec
    try:
        settings = with_as_of(_settings(spec, job.config, job.several), job.as_of)
        result = run(spec.paths, settings, select=list(job.select), ignore=list(job.ignore),
                     fail_on=job.fail_on, name=spec.name, baseline=job.baseline)
    except SettingsError as exc:
        return _not_checked(spec, f"its settings cannot be used ({exc}). Correct them and check again.",
                            job.fail_on), []
    except Exception as exc:  # noqa: BLE001 - one framework's failure must not stop the others
        return _not_checked(spec, f"plancheck met an internal error ({type(exc).__name__}: {exc}). "
                            "Please report it with this framework's files.", job.fail_on), []
    extract = _catalogue_targets(result) if job.cross_area else []
    if job.prepare is not None:
        try:
            job.prepare(result)
        except Exception:  # noqa: BLE001, S110 - an optimisation only: the parent renders it instead
            result.prepared.clear()
    if not job.keep_model:
        result.pack_outline()
    return result, extract


# --- many frameworks ----------------------------------------------------------------------

def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# Below this many bytes of plan files in all, starting worker processes (about half a
# second each to import plancheck) costs more than it saves: check in this process.
SMALL_RUN_BYTES = 2_000_000


def _plan_bytes(specs: list[FrameworkSpec], limit: int) -> int:
    total = 0
    for spec in specs:
        for raw in spec.paths:
            try:
                if os.path.isdir(raw):
                    with os.scandir(raw) as entries:
                        total += sum(e.stat().st_size for e in entries if e.is_file())
                else:
                    total += os.path.getsize(raw)
            except OSError:
                continue
            if total > limit:
                return total
    return total


def _pool_context():
    import multiprocessing  # startup: only a run of several frameworks starts processes
    import threading

    methods = multiprocessing.get_all_start_methods()
    # fork: workers start with plancheck already imported (a forkserver imports it again,
    # about 0.4 s before any framework is checked). Only on Linux (fork is unsafe on macOS)
    # and only while this process runs no other thread, which a fork could leave holding a lock.
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["plancheck.areas"])
        return ctx
    return multiprocessing.get_context("spawn")


def check_frameworks(discovery: Discovery, paths: list[str], *, config=None, select=(), ignore=(),
                     fail_on: str | None = None, jobs: int | None = None, keep_models: bool = True,
                     cross_area: bool = False, progress: Callable[[str], None] | None = None,
                     as_of: str | None = None, baseline=None,
                     prepare: Callable[[RunResult], None] | None = None) -> AreasResult:
    """Check every framework found, each on its own, ``jobs`` at a time. ``prepare`` (a
    function that can be pickled) is called on each framework's result where it was
    checked, so that work on one framework (its part of a report) is done in parallel."""
    t0 = time.perf_counter()
    specs = discovery.frameworks
    several = len(specs) > 1
    todo = [_Job(s, config, several, tuple(select), tuple(ignore), fail_on, keep_models, cross_area, as_of,
                 baseline, prepare) for s in specs]
    if jobs is None:
        jobs = default_jobs() if _plan_bytes(specs, SMALL_RUN_BYTES) > SMALL_RUN_BYTES else 1
    jobs = max(1, min(jobs, len(todo)))
    note = progress or (lambda _stage: None)
    advance = getattr(progress, "advance", None)
    note(f"checking {len(todo)} frameworks")
    out: list[tuple[RunResult, list] | None] = [None] * len(todo)
    # Results arrive as millions of small objects without cycles: see run.run.
    paused = gc.isenabled()
    gc.disable()
    try:
        if jobs == 1:
            for i, job in enumerate(todo):
                out[i] = check_one(job)
                if advance is not None:
                    advance(i + 1, len(todo))
        else:
            # startup: only a run of several frameworks starts processes
            from concurrent.futures import ProcessPoolExecutor, as_completed

            # gc.enable: a forked worker would inherit the collector paused above.
            with ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context(), initializer=gc.enable) as pool:
                futures = {pool.submit(check_one, job): i for i, job in enumerate(todo)}
                for done, future in enumerate(as_completed(futures), 1):
                    i = futures[future]
                    try:
                        out[i] = future.result()
                    except Exception as exc:  # noqa: BLE001 - a worker that died: report, go on
                        out[i] = (_not_checked(todo[i].spec, f"the process checking it stopped ({type(exc).__name__}: "
                                               f"{exc}). Check this framework on its own." + _pool_hint(exc),
                                               fail_on), [])
                    if advance is not None:
                        advance(done, len(todo))
    finally:
        if paused:
            gc.enable()
    results = _unique_names([r for r, _ in out])
    if discovery.notices:
        results.append(_outside(discovery, paths, fail_on))
    summaries = combined_summaries(results)
    if cross_area:
        summaries[CROSS_AREA] = cross_area_table([(r.name, rows) for r, rows in out])
    timings = {"total": time.perf_counter() - t0}
    return AreasResult(results, paths=list(paths), summaries=summaries, timings=timings,
                       fail_on_given=fail_on, jobs=jobs)


def _pool_hint(exc: Exception) -> str:
    # Every worker stops at once when the calling script cannot be imported again in it
    # (no ``if __name__ == "__main__":`` guard, or code typed on standard input).
    from concurrent.futures.process import BrokenProcessPool  # loaded with the pool already

    if not isinstance(exc, BrokenProcessPool):
        return ""
    return (" If plancheck.check() was called from a Python script with jobs above 1, call it under "
            "'if __name__ == \"__main__\":' or pass jobs=1.")


def _unique_names(results: list[RunResult]) -> list[RunResult]:
    """Two frameworks with one name (the same settings name, or folders of the same name in
    different places) are told apart by their folder, on the findings too."""
    seen: dict[str, int] = {}
    for r in results:
        seen[r.name] = seen.get(r.name, 0) + 1
    for r in results:
        if seen[r.name] < 2:
            continue
        name = f"{r.name} ({', '.join(_display(p) for p in r.paths)})"
        findings = [replace(f, framework=name) for f in r.findings]
        r.findings = [replace(f, fingerprint=fp) for f, fp in zip(findings, fingerprints(findings), strict=True)]
        r.settings = replace(r.settings, name=name)
        r.framework = replace(r.framework, name=name)
    return results


def _outside(discovery: Discovery, paths: list[str], fail_on: str | None) -> RunResult:
    """A row for what lies in no framework (folders and files that were not read)."""
    name = "outside any framework"
    by_code = {c.code: c for c in (SKIPPED, UNREADABLE_FILE)}
    findings = []
    for hit in discovery.notices:
        c = by_code[hit.code]
        findings.append(Finding(code=c.code, check=c.name, category=c.category, severity=c.severity,
                                message=hit.message, plan=None, objects=(), source=hit.source, framework=name))
    findings = [replace(f, fingerprint=fp) for f, fp in zip(findings, fingerprints(findings), strict=True)]
    return RunResult(framework=Framework(plans=(), name=name), findings=findings, checks=[],
                     settings=Settings(name=name), files=[], fail_on=fail_on or "error", paths=list(paths),
                     model_counts={"plans": 0, "objectives": 0, "measures": 0})


def combined_summaries(results: list[RunResult]) -> dict[str, Any]:
    """Each family table of every framework in one table, with the framework first."""
    out: dict[str, Any] = {}
    for r in results:
        for key, table in r.summaries.items():
            data = table.as_dict() if hasattr(table, "as_dict") else table
            if not isinstance(data, dict) or "rows" not in data:
                continue
            merged = out.get(key)
            if merged is None:
                merged = out[key] = Table(str(data.get("title") or key), ["framework", *data.get("columns", [])],
                                          [], str(data.get("note") or ""))
            merged.rows.extend([r.name, *row] for row in data.get("rows") or [])
    return out


# --- the cross-area view (informational, never a finding) ---------------------------------

def _catalogue_targets(result: RunResult) -> list[tuple]:
    """``(code, unit, year, value, title)`` for each numeric target of a measure with an
    indicator code (computed in the worker, where the model is)."""
    rows = []
    for m in result.framework.measures():
        if not m.indicator:
            continue
        code = normalise_code(m.indicator)
        for t in m.targets:
            if t.year is not None and t.value.is_number and t.value.number is not None:
                rows.append((code, (m.unit or "").strip().lower(), t.year.label, t.value.number, m.title))
    return rows


def cross_area_table(per_framework: list[tuple[str, list[tuple]]]) -> Table:
    """Each area's targets for an indicator code, side by side, and their spread.

    Only codes that two or more frameworks target for the same year (and unit) are shown.
    This is for reading, not a finding: areas rightly set different targets.
    """
    cat = builtin()
    groups: dict[tuple[str, str, str], dict[str, list[float]]] = {}
    titles: dict[str, str] = {}
    for name, rows in per_framework:
        for code, unit, year, value, title in rows:
            groups.setdefault((code, year, unit), {}).setdefault(name, []).append(value)
            titles.setdefault(code, title)
    table_rows = []
    for (code, year, unit), by_area in sorted(groups.items(), key=lambda kv: (_code_key(kv[0][0]), kv[0][1],
                                                                              kv[0][2])):
        if len(by_area) < 2:
            continue
        values = [v for vs in by_area.values() for v in vs]
        known = cat.get(code)
        listing = "; ".join(f"{area}: {' / '.join(format_number(v) for v in sorted(set(vs)))}"
                            for area, vs in sorted(by_area.items()))
        table_rows.append([code, known.title if known and known.title else titles.get(code, ""), year, unit or "-",
                           len(by_area), format_number(min(values)), format_number(max(values)),
                           format_number(max(values) - min(values)), listing])
    return Table("Targets for the same indicator in different areas (for information; areas may rightly differ)",
                 ["indicator", "title", "year", "unit", "areas", "lowest", "highest", "spread", "targets by area"],
                 table_rows,
                 "Only indicators with a code that two or more areas target for the same year are listed. "
                 "This is not a finding: plans of different areas are never checked against each other.")


def _code_key(code: str) -> tuple:
    head, _, tail = code.partition(" ")
    digits = "".join(ch for ch in tail if ch.isdigit())
    return (head, int(digits) if digits else 0, tail)

