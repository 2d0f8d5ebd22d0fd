"""The framework graph: queries the checks rely on."""

import pytest
from conftest import PLANS

from plancheck.graph import FrameworkGraph, has_cycle
from plancheck.load import load_framework


@pytest.mark.parametrize("edges, cyclic", [
    ([], False),
    ([("LAA-E1", "SCS-W2"), ("SCS-W2", "CP-W1")], False),
    ([("A", "B"), ("B", "C"), ("C", "A")], True),
    ([("A", "A")], True),
    ([("X", "Y"), ("A", "B"), ("B", "A")], True),
    ([("A", "C"), ("B", "C"), ("C", "D")], False),
])
def test_has_cycle(edges, cyclic):
    assert has_cycle(edges) is cyclic


def test_queries_on_the_sample():
    g = FrameworkGraph(load_framework([str(PLANS / "luton")]).framework)
    assert [p.id for p in g.parent_plans("LAA")] == ["SCS"]
    assert {p.id for p in g.child_plans("CP")} == {"SCS", "L2011"}
    assert [o.id for o in g.parents("LAA-E1")] == ["SCS-W2"]
    assert "LAA-E1" in {o.id for o in g.children("SCS-W2")}
    assert g.plan_of("LAA-E1").id == "LAA"
    assert {m.id for m in g.measures_of_indicator("ni151")} >= {"LAA-E1.1"}
    assert [(d.source_id, d.missing) for d in g.dangling] == [("LAA-E2", "SCS-W02")]
    assert not g.has_support_cycle() and not g.has_derivation_cycle()
    # the networkx view has every plan, objective, measure and target as a node
    kinds = {n[0] for n in g.g.nodes}
    assert kinds == {"plan", "objective", "measure", "target"}
