"""One run: load the framework, build the graph once, apply the selected checks.

The result holds everything a reporter needs (findings, the checks that ran, summaries
and counts), so reporters never reach back into loaders or the registry.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import accepting
from .baseline import Baseline
from .checks import all_checks
from .checks.context import SUMMARIES, SUMMARY_FAMILY, Context
from .config import Settings, SettingsError
from .findings import Finding, Hit, at_or_above, fingerprints
from .graph import FrameworkGraph
from .load import load_framework
from .model import Framework, Year, pack_outline, unpack_outline
from .registry import Check, lookup


@dataclass
class RunResult:
    framework: Framework
    findings: list[Finding]
    checks: list[Check]  # the checks that were selected for this run
    settings: Settings
    files: list[str]
    fail_on: str
    summaries: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)
    # Set when ``framework`` is an outline (plans without objectives) that a worker sent
    # back instead of the whole model: the counts of the model it was made from.
    model_counts: dict[str, int] | None = None

    # Checks that run by default but did not run here (left out by --select/--ignore or
    # settings, or turned off), and checks whose severity the settings changed: code -> severity.
    not_run: list[str] = field(default_factory=list)
    severity_changed: dict[str, str] = field(default_factory=dict)
    as_of: Year | None = None  # the year acceptances' ``until`` is judged against
    # Findings left out of the report and exit code because a baseline file records them.
    left_out: list[Finding] = field(default_factory=list)
    label: str = ""  # the framework's name as its findings carry it (contract section 1a)
    # Parts of a report rendered in the worker process that checked this framework (with
    # several frameworks), by a key the reporter chose: see report.render_ahead.
    prepared: dict[str, str] = field(default_factory=dict)
    # A worker's outline of the framework (model.pack_outline), not yet built into objects:
    # ``framework`` is then built from it the first time it is read.
    packed_outline: tuple | None = None

    def __getattr__(self, name: str):
        # Only called for an attribute not set: ``framework`` while the outline is packed.
        packed = self.__dict__.get("packed_outline")
        if name == "framework" and packed is not None:
            self.__dict__["framework"] = built = unpack_outline(packed)
            self.__dict__["packed_outline"] = None
            return built
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def pack_outline(self) -> None:
        """Keep only an outline of the model, packed until read (what a worker sends back)."""
        self.model_counts = self.framework.counts()
        self.packed_outline = pack_outline(self.framework)
        del self.framework

    @property
    def baselined(self) -> int:
        return len(self.left_out)

    @property
    def results(self) -> list[RunResult]:
        """The per-framework results (contract section 1a): this one alone."""
        return [self]

    def counts(self) -> dict[str, int]:
        """Plans, objectives, measures; findings by severity, accepted ones counted apart."""
        out = dict(self.model_counts or self.framework.counts())
        for sev in ("error", "warning", "info"):
            out[sev] = sum(1 for f in self.findings if f.severity == sev and f.accepted is None)
        out["accepted"] = sum(1 for f in self.findings if f.accepted is not None)
        return out

    @property
    def exit_code(self) -> int:
        """Accepted findings never count (contract section 7)."""
        return 1 if any(at_or_above(f.severity, self.fail_on) for f in self.findings
                        if f.accepted is None) else 0

    @property
    def framework_names(self) -> list[str]:
        """The frameworks of this run, as findings name them (contract section 1a)."""
        if self.findings and self.findings[0].framework:
            return [self.findings[0].framework]  # as the findings name it, should it be renamed
        return [self.label or framework_name(self.settings, self.paths)]

    @property
    def name(self) -> str:
        packed = self.__dict__.get("packed_outline")
        framework_name = packed[0] if packed is not None else self.framework.name
        return self.settings.name or framework_name or ", ".join(self.paths)


def select_checks(settings: Settings, select: list[str] | None, ignore: list[str] | None) -> list[Check]:
    """Checks to apply: ``select`` (CLI, else settings, else all) minus every ``ignore``."""
    chosen_tokens = list(select or settings.select or [])
    if chosen_tokens:
        chosen: dict[str, Check] = {}
        for token in chosen_tokens:
            matches = lookup(token)
            if not matches:
                raise SettingsError(f"--select {token}: no check has that code, name or category "
                                    "(see 'plancheck rules')")
            for c in matches:
                chosen[c.code] = c
    else:
        chosen = {c.code: c for c in all_checks() if c.enabled_by_default}
    for token in list(settings.ignore) + list(ignore or []):
        matches = lookup(token)
        if not matches:
            raise SettingsError(f"--ignore {token}: no check has that code, name or category "
                                "(see 'plancheck rules')")
        for c in matches:
            chosen.pop(c.code, None)
    for key in settings.severity:
        if not lookup(key):
            raise SettingsError(f"severity: no check has the code or name '{key}'")
    return [chosen[c] for c in sorted(chosen)]


def _severity_for(check: Check, settings: Settings) -> str | None:
    """The configured severity (most specific key wins), or None when turned off."""
    best, best_len = check.severity, -1
    for key, value in settings.severity.items():
        hit = key == check.name or (key.upper().startswith("PC") and check.code.startswith(key.upper()))
        if hit and len(key) > best_len:
            best, best_len = value, len(key)
    return None if best == "off" else best


def _stamp(check: Check, hit: Hit, severity: str, plan_id_of: Callable[[str], str | None],
           framework: str) -> Finding:
    plans = [hit.plan] if hit.plan else []
    for plan_id in (*hit.plans, *(plan_id_of(o) for o in hit.objects)):
        if plan_id and plan_id not in plans:
            plans.append(plan_id)
    return Finding(code=check.code, check=check.name, category=check.category, severity=severity,
                   message=hit.message, plan=plans[0] if plans else None, objects=tuple(hit.objects),
                   source=hit.source, details=hit.details, plans=tuple(plans), framework=framework)


def framework_name(settings: Settings, paths: list[str]) -> str:
    """The name findings carry (contract section 1a): the settings' ``name``, else the
    folder's name (a workbook's name without its extension)."""
    if settings.name:
        return settings.name
    if not paths:
        return ""
    p = Path(paths[0])
    return (p.resolve().name if p.is_dir() else p.stem) or str(p)


def run(paths: list[str], settings: Settings, *, select: list[str] | None = None,
        ignore: list[str] | None = None, fail_on: str | None = None,
        progress: Callable[[str], None] | None = None, name: str | None = None,
        as_of: Year | None = None, baseline: Baseline | None = None) -> RunResult:
    """Check the framework under ``paths``. Raises SettingsError for unusable settings.

    ``name`` is the framework's name when its settings give none (default: the folder's).
    ``as_of`` is the year acceptances are judged against (default: see ``accepting``);
    findings a ``baseline`` records are left out (``RunResult.left_out``).
    """
    # The model is millions of small objects without reference cycles; with the cyclic
    # collector on, its repeated full scans took 60% of a 25,000-measure run.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _run(paths, settings, select, ignore, fail_on, progress, name, as_of, baseline)
    finally:
        if paused:
            gc.enable()


def _run(paths, settings, select, ignore, fail_on, progress, given_name=None, as_of=None,
         baseline=None) -> RunResult:
    checks = select_checks(settings, select, ignore)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    note = progress or (lambda _stage: None)
    note("reading plans")
    advance = getattr(progress, "advance", None)
    name = settings.name or given_name or framework_name(settings, list(paths))
    loaded = load_framework(paths, settings.name or given_name or "", on_file=advance)
    timings["load"] = time.perf_counter() - t0
    note("building the framework graph")
    t = time.perf_counter()
    graph = FrameworkGraph(loaded.framework)
    timings["graph"] = time.perf_counter() - t
    ctx = Context(graph, settings)
    findings: list[Finding] = []
    selected = {c.code: c for c in checks}
    fw_name = name  # ``name`` is reused by the summaries loop below

    def stamp_input(hits) -> None:
        for hit in hits:
            check = selected.get(hit.code or "")
            if check is not None:
                sev = _severity_for(check, settings)
                if sev:
                    findings.append(_stamp(check, hit, sev, graph.plan_id_of, fw_name))

    stamp_input(loaded.hits)
    to_run = [c for c in checks if not c.runs_at_load and _severity_for(c, settings) is not None]
    for done, check in enumerate(to_run):
        sev = _severity_for(check, settings)
        note(f"checking {check.code} {check.name}")
        if advance is not None:
            advance(done, len(to_run))
        t = time.perf_counter()
        for hit in check.func(ctx) or ():
            findings.append(_stamp(check, hit, sev, graph.plan_id_of, fw_name))
        spent = time.perf_counter() - t
        family = f"check:{check.code[:3]}"
        timings[family] = timings.get(family, 0.0) + spent
        timings[f"code:{check.code}"] = spent  # per check, for the JUnit report's times
    summaries = {}
    if SUMMARIES:
        note("summarising")
    for name, build in SUMMARIES.items():
        if not any(c.code.startswith(SUMMARY_FAMILY[name]) for c in checks):
            continue
        t = time.perf_counter()
        summaries[name] = build(ctx)
        timings[f"summary:{name}"] = time.perf_counter() - t
    judged_as_of = accepting.as_of_year(loaded.framework, as_of, settings.get("progress").get("as_of", ""))
    ran = {c.code for c in checks if _severity_for(c, settings) is not None}
    findings, accept_hits = accepting.apply(findings, loaded.framework, judged_as_of, ran)
    stamp_input(accept_hits)
    findings.sort(key=Finding.sort_key)
    findings = [f.with_fingerprint(fp) for f, fp in zip(findings, fingerprints(findings), strict=True)]
    left_out: list[Finding] = []
    if baseline is not None:
        findings, left_out = baseline.split(findings)
    timings["total"] = time.perf_counter() - t0
    not_run = [c.code for c in all_checks() if c.enabled_by_default and c.code not in ran]
    changed = {c.code: _severity_for(c, settings) for c in checks
               if c.code in ran and _severity_for(c, settings) != c.severity}
    return RunResult(framework=loaded.framework, findings=findings, checks=checks, settings=settings,
                     files=loaded.files, fail_on=fail_on or settings.fail_on, summaries=summaries,
                     timings=timings, paths=list(paths), not_run=not_run, severity_changed=changed,
                     as_of=judged_as_of, left_out=left_out, label=fw_name)
