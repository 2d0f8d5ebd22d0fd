"""The framework graph, built once per run and only read by checks.

Nodes are plans, objectives, measures and targets, keyed ``("plan", id)``,
``("objective", id)``, ``("measure", id)`` and ``("target", measure id, n)`` so that a
plan and an objective may share an id without clashing. Edges carry ``rel``:

- ``contains``: plan -> objective -> measure -> target;
- ``supports``: child objective -> parent objective (the objective it serves);
- ``derives_from``: child plan -> parent plan.

References to ids that do not exist are kept in :attr:`FrameworkGraph.dangling`, for the
link checks to report, rather than becoming nodes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx

from .model import Framework, Measure, Objective, Plan

PLAN, OBJECTIVE, MEASURE, TARGET = "plan", "objective", "measure", "target"


@dataclass(frozen=True)
class Dangling:
    """A ``supports`` or ``derives_from`` that names an id that does not exist."""

    rel: str  # supports | derives_from
    source_id: str  # the objective or plan that holds the reference
    missing: str


class FrameworkGraph:
    def __init__(self, framework: Framework):
        self.framework = framework
        self.g = nx.DiGraph()
        self.plans: dict[str, Plan] = {}
        self.objectives: dict[str, Objective] = {}
        self.measures: dict[str, Measure] = {}
        self.dangling: list[Dangling] = []
        self._by_indicator: dict[str, list[Measure]] | None = None
        self._build()

    # -- building -----------------------------------------------------------------
    def _build(self) -> None:
        g = self.g
        for plan in self.framework.plans:
            self.plans[plan.id] = plan
            g.add_node((PLAN, plan.id), obj=plan)
            for objective in plan.objectives:
                self.objectives[objective.id] = objective
                g.add_node((OBJECTIVE, objective.id), obj=objective)
                g.add_edge((PLAN, plan.id), (OBJECTIVE, objective.id), rel="contains")
                for measure in objective.measures:
                    self.measures[measure.id] = measure
                    node = (MEASURE, measure.id)
                    g.add_node(node, obj=measure)
                    g.add_edge((OBJECTIVE, objective.id), node, rel="contains")
                    for n, target in enumerate(measure.targets):
                        g.add_node((TARGET, measure.id, n), obj=target)
                        g.add_edge(node, (TARGET, measure.id, n), rel="contains")
        for plan in self.framework.plans:
            for parent in plan.derives_from:
                if parent in self.plans:
                    g.add_edge((PLAN, plan.id), (PLAN, parent), rel="derives_from")
                else:
                    self.dangling.append(Dangling("derives_from", plan.id, parent))
            for objective in plan.objectives:
                for parent in objective.supports:
                    if parent in self.objectives:
                        g.add_edge((OBJECTIVE, objective.id), (OBJECTIVE, parent), rel="supports")
                    else:
                        self.dangling.append(Dangling("supports", objective.id, parent))

    # -- queries --------------------------------------------------------------------
    def _out(self, node, rel: str) -> Iterator:
        for _, target, data in self.g.out_edges(node, data=True):
            if data["rel"] == rel:
                yield target

    def _in(self, node, rel: str) -> Iterator:
        for source, _, data in self.g.in_edges(node, data=True):
            if data["rel"] == rel:
                yield source

    def plan_of(self, objective_id: str) -> Plan:
        return self.plans[self.objectives[objective_id].plan_id]

    def objectives_of(self, plan_id: str) -> tuple[Objective, ...]:
        return self.plans[plan_id].objectives

    def parents(self, objective_id: str) -> list[Objective]:
        """Objectives this one supports (that exist)."""
        return [self.objectives[n[1]] for n in self._out((OBJECTIVE, objective_id), "supports")]

    def children(self, objective_id: str) -> list[Objective]:
        """Objectives that support this one."""
        return [self.objectives[n[1]] for n in self._in((OBJECTIVE, objective_id), "supports")]

    def parent_plans(self, plan_id: str) -> list[Plan]:
        """Plans this plan derives from (that exist)."""
        return [self.plans[n[1]] for n in self._out((PLAN, plan_id), "derives_from")]

    def child_plans(self, plan_id: str) -> list[Plan]:
        """Plans that derive from this plan."""
        return [self.plans[n[1]] for n in self._in((PLAN, plan_id), "derives_from")]

    def support_graph(self) -> nx.DiGraph:
        """Objectives and their supports edges only (a view, for cycle finding)."""
        return self.g.edge_subgraph(
            (u, v) for u, v, d in self.g.edges(data=True) if d["rel"] == "supports"
        )

    def derivation_graph(self) -> nx.DiGraph:
        return self.g.edge_subgraph(
            (u, v) for u, v, d in self.g.edges(data=True) if d["rel"] == "derives_from"
        )

    def measures_of_indicator(self, code: str) -> list[Measure]:
        """Measures whose indicator code is ``code`` once normalised (``NI 151`` = ``ni-151``)."""
        if self._by_indicator is None:
            from .catalogue import normalise_code

            index: dict[str, list[Measure]] = defaultdict(list)
            for m in self.measures.values():
                if m.indicator:
                    index[normalise_code(m.indicator)].append(m)
            self._by_indicator = dict(index)
        from .catalogue import normalise_code

        return list(self._by_indicator.get(normalise_code(code), []))

    def objective_of(self, measure_id: str) -> Objective:
        return self.objectives[self.measures[measure_id].objective_id]

    def plan_of_measure(self, measure_id: str) -> Plan:
        return self.plans[self.measures[measure_id].plan_id]
