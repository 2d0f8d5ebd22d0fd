"""What every check family shares: the context a check sees, and summary tables.

This sits below the families (and above the graph), so a family never imports the
runner and the runner imports the families, not the other way round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import catalogue
from ..config import Settings
from ..graph import FrameworkGraph
from ..model import Framework


@dataclass
class Table:
    """A summary table a check family adds to the report (e.g. traceability per plan)."""

    title: str
    columns: list[str]
    rows: list[list[Any]]
    note: str = ""

    def as_dict(self) -> dict:
        return {"title": self.title, "columns": self.columns, "rows": self.rows, "note": self.note}


# Summary builders registered by check families: name -> function(ctx) -> Table | dict.
SUMMARIES: dict[str, Callable[[Context], Any]] = {}
# The code prefix of the family each summary belongs to: it is built only when a check of
# that family runs, so '--select PC2' neither computes nor shows the traceability table.
SUMMARY_FAMILY: dict[str, tuple[str, ...]] = {}


def summary(name: str, family: str | tuple[str, ...]):
    """Register a summary table builder for a family (by code prefix), as
    ``summary(...)(func)`` after the function (mutmut mutates undecorated functions only)."""

    def wrap(func):
        if name in SUMMARIES:
            raise ValueError(f"summary {name!r} registered twice")
        SUMMARIES[name] = func
        SUMMARY_FAMILY[name] = (family,) if isinstance(family, str) else tuple(family)
        return func

    return wrap


class Context:
    """What a check sees: the graph, the settings, and a cache for shared work."""

    def __init__(self, graph: FrameworkGraph, settings: Settings):
        self.graph = graph
        self.settings = settings
        self._cache: dict[str, Any] = {}

    @property
    def framework(self) -> Framework:
        return self.graph.framework

    def cached(self, key: str, build: Callable[[], Any]) -> Any:
        """Compute once per run what several checks share (e.g. indicator groups)."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def section(self, name: str) -> dict[str, Any]:
        """A settings section with its defaults, read once per run (checks only read it)."""
        return self.cached(f"settings:{name}", lambda: self.settings.get(name))

    @property
    def catalogue(self):
        """Built-in plus user catalogues; raises SettingsError when one cannot be read."""
        return self.cached("catalogue", lambda: catalogue.for_settings(self.settings))
