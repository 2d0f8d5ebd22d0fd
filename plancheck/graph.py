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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .catalogue import normalise_code
from .model import Framework, Measure, Objective, Plan

if TYPE_CHECKING:
    import networkx as nx

PLAN, OBJECTIVE, MEASURE, TARGET = "plan", "objective", "measure", "target"


@dataclass(frozen=True)
class Dangling:
    """A ``supports`` or ``derives_from`` that names an id that does not exist."""

    rel: str  # supports | derives_from
    source_id: str  # the objective or plan that holds the reference
    missing: str


class FrameworkGraph:
    """Indexes over the framework; the networkx graph is built only when asked for.

    Queries use plain dicts: building a networkx node per measure and target took a
    sixth of a 25,000-measure run and importing networkx a half of a small one.
    """

    def __init__(self, framework: Framework):
        self.framework = framework
        self.plans: dict[str, Plan] = {}
        self.objectives: dict[str, Objective] = {}
        self.measures: dict[str, Measure] = {}
        self.dangling: list[Dangling] = []
        self._parents: dict[str, list[str]] = {}  # objective -> objectives it supports (that exist)
        self._children: dict[str, list[str]] = defaultdict(list)
        self._parent_plans: dict[str, list[str]] = {}
        self._child_plans: dict[str, list[str]] = defaultdict(list)
        self._by_indicator: dict[str, list[Measure]] | None = None
        self._g: nx.DiGraph | None = None
        self._build()

    # -- building -----------------------------------------------------------------
    def _build(self) -> None:
        plans, objectives, measures = self.plans, self.objectives, self.measures
        for plan in self.framework.plans:
            plans[plan.id] = plan
            for objective in plan.objectives:
                objectives[objective.id] = objective
                for measure in objective.measures:
                    measures[measure.id] = measure
        for plan in self.framework.plans:
            found = []
            for parent in plan.derives_from:
                if parent in plans:
                    if parent not in found:
                        found.append(parent)
                        self._child_plans[parent].append(plan.id)
                else:
                    self.dangling.append(Dangling("derives_from", plan.id, parent))
            self._parent_plans[plan.id] = found
            for objective in plan.objectives:
                found = []
                for parent in objective.supports:
                    if parent in objectives:
                        if parent not in found:
                            found.append(parent)
                            self._children[parent].append(objective.id)
                    else:
                        self.dangling.append(Dangling("supports", objective.id, parent))
                self._parents[objective.id] = found

    @property
    def g(self) -> nx.DiGraph:
        """The whole framework as a networkx graph (nodes and edges as described above)."""
        if self._g is None:
            import networkx as nx  # startup: networkx costs ~0.1 s to import; only when the graph view is needed

            g = nx.DiGraph()
            for plan in self.framework.plans:
                g.add_node((PLAN, plan.id), obj=plan)
                for objective in plan.objectives:
                    g.add_node((OBJECTIVE, objective.id), obj=objective)
                    g.add_edge((PLAN, plan.id), (OBJECTIVE, objective.id), rel="contains")
                    for measure in objective.measures:
                        node = (MEASURE, measure.id)
                        g.add_node(node, obj=measure)
                        g.add_edge((OBJECTIVE, objective.id), node, rel="contains")
                        for n, target in enumerate(measure.targets):
                            g.add_node((TARGET, measure.id, n), obj=target)
                            g.add_edge(node, (TARGET, measure.id, n), rel="contains")
            g.add_edges_from(self._link_edges(), rel="supports")
            g.add_edges_from(self._plan_edges(), rel="derives_from")
            self._g = g
        return self._g

    def _link_edges(self):
        for child, parents in self._parents.items():
            for parent in parents:
                yield (OBJECTIVE, child), (OBJECTIVE, parent)

    def _plan_edges(self):
        for child, parents in self._parent_plans.items():
            for parent in parents:
                yield (PLAN, child), (PLAN, parent)

    # -- queries --------------------------------------------------------------------
    def plan_of(self, objective_id: str) -> Plan:
        return self.plans[self.objectives[objective_id].plan_id]

    def objectives_of(self, plan_id: str) -> tuple[Objective, ...]:
        return self.plans[plan_id].objectives

    def parents(self, objective_id: str) -> list[Objective]:
        """Objectives this one supports (that exist)."""
        return [self.objectives[o] for o in self._parents.get(objective_id, ())]

    def children(self, objective_id: str) -> list[Objective]:
        """Objectives that support this one."""
        return [self.objectives[o] for o in self._children.get(objective_id, ())]

    def parent_plans(self, plan_id: str) -> list[Plan]:
        """Plans this plan derives from (that exist)."""
        return [self.plans[p] for p in self._parent_plans.get(plan_id, ())]

    def child_plans(self, plan_id: str) -> list[Plan]:
        """Plans that derive from this plan."""
        return [self.plans[p] for p in self._child_plans.get(plan_id, ())]

    def has_support_cycle(self) -> bool:
        return has_cycle(self._link_edges())

    def has_derivation_cycle(self) -> bool:
        return has_cycle(self._plan_edges())

    def support_graph(self) -> nx.DiGraph:
        """Objectives and their supports edges only (for cycle finding)."""
        import networkx as nx  # startup: networkx costs ~0.1 s to import; only when the graph view is needed

        g = nx.DiGraph()
        g.add_edges_from(self._link_edges(), rel="supports")
        return g

    def derivation_graph(self) -> nx.DiGraph:
        import networkx as nx  # startup: networkx costs ~0.1 s to import; only when the graph view is needed

        g = nx.DiGraph()
        g.add_edges_from(self._plan_edges(), rel="derives_from")
        return g

    def measures_of_indicator(self, code: str) -> list[Measure]:
        """Measures whose indicator code is ``code`` once normalised (``NI 151`` = ``ni-151``)."""
        if self._by_indicator is None:
            index: dict[str, list[Measure]] = defaultdict(list)
            for m in self.measures.values():
                if m.indicator:
                    index[normalise_code(m.indicator)].append(m)
            self._by_indicator = dict(index)
        return list(self._by_indicator.get(normalise_code(code), []))

    def objective_of(self, measure_id: str) -> Objective:
        return self.objectives[self.measures[measure_id].objective_id]

    def plan_of_measure(self, measure_id: str) -> Plan:
        return self.plans[self.measures[measure_id].plan_id]

    def plan_id_of(self, element_id: str) -> str | None:
        """The plan a plan, objective or measure id belongs to; None for an unknown id."""
        if element_id in self.plans:
            return element_id
        element = self.objectives.get(element_id) or self.measures.get(element_id)
        return element.plan_id if element is not None else None


def has_cycle(edges) -> bool:
    """Whether directed ``(a, b)`` edges contain a cycle (Kahn's algorithm, linear).

    Lets the cycle checks skip building a networkx graph in the usual case of none.
    """
    out: dict = defaultdict(list)
    indegree: dict = defaultdict(int)
    for a, b in edges:
        out[a].append(b)
        indegree[b] += 1
        indegree.setdefault(a, 0)
    ready = [n for n, d in indegree.items() if d == 0]
    seen = 0
    while ready:
        n = ready.pop()
        seen += 1
        for m in out.get(n, ()):
            indegree[m] -= 1
            if indegree[m] == 0:
                ready.append(m)
    return seen < len(indegree)
