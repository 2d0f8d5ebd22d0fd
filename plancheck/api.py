"""The public Python API: what the command line does, for scripts and notebooks.

    import plancheck
    result = plancheck.check(["plans/luton"])
    result.exit_code              # 1: the sample has errors on purpose
    result.findings[0].as_dict()  # the contract's JSON form of one finding
    result.to_pandas()            # one row per finding, the JSON fields as columns

The command line calls these functions and nothing below them, so both behave alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from . import baseline as baselines
from .areas import AreasResult, check_frameworks
from .baseline import Baseline, BaselineError
from .config import (
    Settings,
    SettingsError,
    find_settings_file,
    load_settings,
    settings_from_dict,
    with_as_of,
)
from .findings import Finding
from .load import load_framework
from .load.areas import find_frameworks
from .model import Framework
from .report import ReportOptions, render
from .report import render_ahead as report_ahead  # the name render_ahead is check()'s argument
from .report.json_report import document
from .run import RunResult, run, select_checks
from .version import __version__

__all__ = ["BaselineError", "Result", "SettingsError", "check", "load", "settings_for"]

Paths = str | PathLike | Iterable[str | PathLike]


def _as_list(paths: Paths) -> list[str]:
    if isinstance(paths, (str, PathLike)):
        return [str(paths)]
    return [str(p) for p in paths]


def settings_for(paths: Paths, config: str | PathLike | Mapping | Settings | None = None) -> Settings:
    """The settings a run uses: ``config`` as a file path, a dict or Settings, else the
    ``plancheck.yaml`` beside the first path named, else the defaults.

    Raises :class:`SettingsError` for settings that cannot be used.
    """
    if isinstance(config, Settings):
        return config
    if isinstance(config, Mapping):
        return settings_from_dict(dict(config))
    if config is not None:
        return load_settings(Path(config))
    return load_settings(find_settings_file(_as_list(paths)))


@dataclass(frozen=True)
class Result:
    """What one check found, of one framework or several (contract section 1a).

    ``run`` holds everything reporters use: a RunResult for one framework, an AreasResult
    (the same names: findings of all frameworks, counts summed, exit code over all) for
    several. ``frameworks`` gives one Result per framework.
    """

    run: RunResult | AreasResult

    @property
    def frameworks(self) -> tuple[Result, ...]:
        """One Result per framework checked, in the order found."""
        return tuple(Result(r) for r in self.run.results)

    @property
    def name(self) -> str:
        return self.run.name

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, immutable, in report order (by plan, file and place)."""
        return tuple(self.run.findings)

    @property
    def summaries(self) -> dict[str, Any]:
        """The family summary tables (traceability, measurability, indicators), by name."""
        return dict(self.run.summaries)

    @property
    def framework(self) -> Framework:
        return self.run.framework

    @property
    def exit_code(self) -> int:
        """0, or 1 when a finding that is neither accepted nor in the baseline is at or
        above the failure threshold (contract section 5)."""
        return self.run.exit_code

    @property
    def baselined(self) -> int:
        """How many findings were left out because the baseline records them."""
        return self.run.baselined

    @property
    def as_of(self) -> str | None:
        """The year acceptances' ``until`` was judged against (``--as-of``, else the latest
        baseline year in the framework), or None when the framework records no year."""
        return self.run.as_of.label if self.run.as_of else None

    def baseline(self) -> str:
        """A baseline file's JSON text recording this run's findings (those a baseline left
        out included; accepted ones excluded), for ``check(..., baseline=...)`` later."""
        return baselines.dumps([*self.run.findings, *self.run.left_out], __version__)

    def counts(self) -> dict[str, int]:
        """Plans, objectives and measures read, and findings by severity."""
        return self.run.counts()

    def as_dict(self) -> dict:
        """The contract's JSON document (section 4) as Python data."""
        return document(self.run)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.as_dict(), indent=indent, ensure_ascii=False)

    def render(self, fmt: str = "console", *, color: bool = False, width: int = 100,
               verbose: bool = False, tables: bool = False, responses: str | PathLike | None = None,
               base_dir: str | PathLike | None = None, notes: list[str] | None = None) -> str | bytes:
        """The report in one of the output formats (``console``, ``json``, ``xlsx`` ...).

        ``verbose``: the console report gives every finding's full text and advice;
        ``tables``: it also prints the summary tables. ``responses``: a workbook written
        before, whose Status, Owner, Due date and Comment answers the new workbook keeps.
        ``base_dir`` is the folder SARIF paths are relative to (default: the git
        repository holding the first path checked, else the current folder). Reporters
        add to ``notes`` what the user should know about the report itself (e.g. results
        left out to stay within GitHub's limits).
        """
        options = _report_options(self.run.paths, color=color, width=width, verbose=verbose, tables=tables,
                                  responses=responses, base_dir=base_dir, notes=notes)
        return render(fmt, self.run, options)

    def to_pandas(self):
        """One row per finding, the JSON fields as columns (``location`` spread into
        ``file``, ``line``, ``sheet`` and ``cell``). Needs pandas, imported only here."""
        import pandas as pd  # imported here only: a plain check never loads pandas

        rows = []
        for f in self.run.findings:
            row = f.as_dict()
            location = row.pop("location")
            row.update(location)
            rows.append(row)
        columns = list(rows[0]) if rows else list(_EMPTY_COLUMNS)
        return pd.DataFrame(rows, columns=columns)

    def progress_to_pandas(self):
        """Progress against targets as a time series for analysis: one row per figure
        (``kind`` baseline, actual or target) of every measure with actuals, with the
        indicator, plan, measure, year label, ``point`` (the calendar year a financial
        year ends in), value, and for targets their status. Empty when progress was not
        judged (no actual, or the PC6 checks not selected). pandas is imported only here."""
        import pandas as pd  # imported here only: a plain check never loads pandas

        columns = ["indicator", "kind", "plan", "measure", "year", "point", "value", "status"]
        rows = []
        progress = self.run.summaries.get("progress")
        for chart in getattr(progress, "charts", None) or []:
            for b in chart["baselines"]:
                rows.append([chart["label"], "baseline", b["plan"], b["measure"], b["year"], b["x"], b["value"], None])
            for mid, m in chart["measures"].items():
                for year, value in m["actuals"].items():
                    rows.append([chart["label"], "actual", m["plan"], mid, year, None, value, None])
            for t in chart["targets"]:
                rows.append([chart["label"], "target", t["plan"], t["measure"], t["year"], t["x"], t["value"],
                             t["status"]])
        df = pd.DataFrame(rows, columns=columns).drop_duplicates(subset=["kind", "measure", "year"])
        points = {a["year"]: a["x"] for chart in getattr(progress, "charts", None) or [] for a in chart["actuals"]}
        df.loc[df.kind == "actual", "point"] = df.loc[df.kind == "actual", "year"].map(points)
        df["point"] = df["point"].astype("Int64")
        order = df["kind"].map({"baseline": 0, "actual": 1, "target": 2})
        return (df.assign(_order=order).sort_values(["indicator", "measure", "point", "_order"], kind="stable")
                .drop(columns="_order").reset_index(drop=True))


def _report_options(paths, *, color: bool = False, width: int = 100, verbose: bool = False,
                    tables: bool = False, responses=None, base_dir=None, notes=None) -> ReportOptions:
    root = Path(base_dir).resolve() if base_dir is not None else repository_root(paths)
    return ReportOptions(color=color, width=width, verbose=verbose, tables=tables,
                         responses=str(responses) if responses is not None else None,
                         base_dir=str(root), notes=notes if notes is not None else [])


_EMPTY_COLUMNS = ("code", "check", "category", "severity", "message", "plan", "objects",
                  "file", "line", "sheet", "cell")


def check(paths: Paths, *, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
          config: str | PathLike | Mapping | Settings | None = None, fail_on: str | None = None,
          progress: Callable[[str], None] | None = None, jobs: int | None = None,
          keep_models: bool = True, cross_area: bool = False,
          baseline: str | PathLike | Mapping | Baseline | None = None,
          as_of: str | None = None, render_ahead: tuple[str, Mapping[str, Any]] | None = None) -> Result:
    """Check the frameworks under ``paths`` (folders, plan files, a workbook).

    Every folder holding a ``plancheck.yaml`` is a framework of its own, found at any
    depth, checked with its own settings; plan files named directly (or in a named folder
    with no ``plancheck.yaml``) form one framework together. ``select`` and ``ignore``
    take codes, code prefixes, names or categories, as on the command line; ``config`` is
    a settings file, a dict of settings or a Settings, used instead of every framework's
    own ``plancheck.yaml``. Several frameworks are checked ``jobs`` at a time in worker
    processes (default: one per core); ``keep_models=False`` keeps only an outline of each
    framework's plans (enough for every report but the workbook and HTML), which saves
    time and memory on many areas. ``cross_area`` adds an informational table of the
    targets different areas set for the same indicator code. ``as_of`` (``2011``,
    ``2010/11``) is the year progress is judged as of in every framework (contract
    section 9); by default ``progress.as_of`` in its settings, else its latest actual's year.

    The same year judges acceptances' ``until`` (contract section 7; with no actual, the
    latest baseline year). ``baseline`` is a baseline file (or its parsed JSON): the
    findings it records are left out (``Result.baselined`` says how many).

    ``render_ahead``: the report you will ask ``Result.render`` for, as ``(format,
    {its keyword arguments})``. With several frameworks, each framework's part of it is
    then rendered in the worker process that checked the framework, in parallel.

    Raises :class:`SettingsError` for unusable selections, ``config`` or ``as_of``, and,
    when only one framework is checked, for its unusable settings (with several, that
    framework is reported as not checked and the others are checked);
    :class:`BaselineError` for a baseline that cannot be used.
    """
    names = _as_list(paths)
    for name in names:
        if not Path(name).exists():
            raise FileNotFoundError(name)
    recorded = _baseline(baseline)
    discovery = find_frameworks(names)
    specs = discovery.frameworks
    if len(specs) == 1 and not discovery.notices:
        spec = specs[0]
        if config is None and spec.settings_file is not None:
            settings = load_settings(spec.settings_file)
        else:
            settings = settings_for(spec.paths, config)
        settings = with_as_of(settings, as_of)
        return Result(run(spec.paths, settings, select=list(select or []), ignore=list(ignore or []),
                          fail_on=fail_on, progress=progress, baseline=recorded))
    select_checks(Settings(), list(select or []), list(ignore or []))  # a bad --select stops the run
    with_as_of(Settings(), as_of)  # a bad --as-of stops the run
    if config is not None and not isinstance(config, Settings):
        config = settings_for(names, config)  # read once, used for every framework
    prepare = None
    if render_ahead is not None:
        fmt, kwargs = render_ahead
        prepare = report_ahead(fmt, _report_options(names, **dict(kwargs)))
    return Result(check_frameworks(discovery, names, config=config, select=list(select or []),
                                   ignore=list(ignore or []), fail_on=fail_on, jobs=jobs,
                                   keep_models=keep_models, cross_area=cross_area, progress=progress,
                                   as_of=as_of, baseline=recorded, prepare=prepare))


def _baseline(value) -> Baseline | None:
    if value is None or isinstance(value, Baseline):
        return value
    if isinstance(value, Mapping):
        return baselines.from_data(value)
    return baselines.read(value)


def repository_root(paths: Iterable[str]) -> Path:
    """The top folder of the git repository holding the first path (a folder with
    ``.git`` in it, found by walking up; no git command is run), else the current folder."""
    cwd = Path.cwd()
    first = next(iter(paths), None)
    start = (cwd / first).resolve() if first else cwd
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return cwd


def load(paths: Paths) -> Framework:
    """Read the plans under ``paths`` into the model, without checking them.

    Problems met while reading are not returned here; ``check`` reports them. The plans
    of the folders and files named are read into one model; folders below them that are
    frameworks of their own (they hold a ``plancheck.yaml``) are not read into it.
    """
    return load_framework(_as_list(paths)).framework
