"""Reporters turn a run result into output: one module per format.

Each module has ``render(result, options) -> str | bytes``. Modules are imported only
when their format is asked for, so a console run never loads openpyxl.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field

# format name -> (module, binary?, what it is for)
FORMATS: dict[str, tuple[str, bool, str]] = {
    "console": ("console", False, "plain-English report for policy officers"),
    "json": ("json_report", False, "the contract's JSON findings, for tools"),
    "xlsx": ("xlsx", True, "a workbook for partner organisations (needs --output)"),
    "sarif": ("sarif", False, "SARIF 2.1.0 for GitHub code scanning"),
    "junit": ("junit", False, "JUnit XML for Jenkins and other CI test reports"),
    "github": ("github", False, "GitHub Actions annotations (and a job summary)"),
    "gitlab": ("gitlab", False, "GitLab Code Quality JSON"),
    "html": ("html", False, "a self-contained HTML report: a one-screen summary, a map of the plans, the findings"),
}

# Formats that draw the plans themselves (targets, baselines). With several frameworks,
# the others receive each framework as an outline only (plans, objectives and measures
# with ids, titles and places, but no targets, baselines or field places), because
# sending whole models back from the worker processes costs about as much as reading
# them. A reporter that needs more than outlines and counts must be listed here.
MODEL_FORMATS = frozenset({"xlsx", "html"})


def needs_model(fmt: str) -> bool:
    return fmt in MODEL_FORMATS


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    width: int = 100
    verbose: bool = False
    tables: bool = False
    responses: str | None = None  # xlsx: a workbook written before, whose answers to keep
    base_dir: str | None = None  # SARIF: artifact paths are relative to this folder (absolute)
    # What a reporter wants the user to know about the report itself (the command line
    # prints each on stderr), e.g. results left out to stay within GitHub's limits.
    notes: list[str] = field(default_factory=list)


def render_ahead(fmt: str, options: ReportOptions):
    """A function that renders, where a framework was checked (a worker process), the part
    of a ``fmt`` report that depends on that framework alone, for ``render`` to use; None
    when the format has no such part. Several frameworks' reports are then mostly
    rendered in parallel instead of one after another at the end."""
    module_name, _, _ = FORMATS[fmt]
    module = importlib.import_module(f"{__name__}.{module_name}")
    if not hasattr(module, "render_part"):
        return None
    return functools.partial(_render_part, fmt, options)


def _render_part(fmt: str, options: ReportOptions, result) -> None:
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt][0]}")
    result.prepared[module.part_key(result, options)] = module.render_part(result, options)


def render(fmt: str, result, options: ReportOptions) -> str | bytes:
    module_name, _, _ = FORMATS[fmt]
    module = importlib.import_module(f"{__name__}.{module_name}")
    return module.render(result, options)


def is_binary(fmt: str) -> bool:
    return FORMATS[fmt][1]
