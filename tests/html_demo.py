"""Findings constructed from the Luton manifest, so the HTML report can be tested and
looked at with every kind of mark before the link and target checks exist on this branch.

They are built from ``tests/data/luton_planted.yaml`` (what the authors planted), with
messages written the way those checks are meant to write them; the map marks come from
their categories and objects only.
"""

from __future__ import annotations

import dataclasses

import yaml
from conftest import DATA, PLANS, check_paths

from plancheck.config import find_settings_file, load_settings
from plancheck.findings import Finding


def _src(obj):
    return obj.source


def luton_findings(framework) -> list[Finding]:
    planted = yaml.safe_load((DATA / "luton_planted.yaml").read_text("utf-8"))
    objectives = {o.id: o for o in framework.objectives()}
    measures = {m.id: m for m in framework.measures()}
    titles = {p.id: p.title for p in framework.plans}
    out: list[Finding] = []

    def add(code, check, category, severity, message, plan, objects, source):
        out.append(Finding(code, check, category, severity, message, plan, tuple(objects), source))

    for child, parent in planted["unlinked_with_true_parent"].items():
        o = objectives[child]
        add("PC101", "objective-not-linked", "missing-link", "warning",
            f"{child} '{o.title}' in {titles[o.plan_id]} does not say which objective of "
            f"{titles[objectives[parent].plan_id]} it supports; "
            f"it reads like {parent}. Add 'supports: [{parent}]' or mark it 'local: true'.",
            o.plan_id, [child], _src(o))
    for oid in planted["undelivered_parents"]:
        o = objectives[oid]
        add("PC102", "ambition-not-delivered", "missing-link", "warning",
            f"No objective of the Local Area Agreement supports {oid} '{o.title}'; "
            "nothing in the plans derived from the strategy delivers it.", o.plan_id, [oid], _src(o))
    for child, wrong in planted["broken_links"].items():
        o = objectives[child]
        add("PC001", "supports-unknown-objective", "broken-link", "error",
            f"{child} supports '{wrong}', which is not an objective in any plan; did you mean SCS-W2?",
            o.plan_id, [child], o.where("supports"))
    for c in planted["conflicts"]:
        ms = [measures[m] for m in c["measures"]]
        parts = "; ".join(
            f"{titles[m.plan_id]} targets {m.targets[-1].value.display()} for {m.targets[-1].year}" for m in ms)
        for m in ms:
            add("PC201", "conflicting-targets", "target-conflict", "error",
                f"{c['what'].split(' (')[0].capitalize()}: {parts}. Agree one target.",
                m.plan_id, [x.id for x in ms], m.where("targets"))
    for mid in planted["no_baseline_measures"]:
        m = measures[mid]
        add("PC301", "no-baseline", "missing-baseline", "warning",
            f"Measure {mid} '{m.title}' has no baseline, so progress towards its target cannot be shown.",
            m.plan_id, [mid], m.source)
    for mid in planted["non_numeric_targets"]:
        m = measures[mid]
        add("PC311", "target-not-a-number", "missing-target", "warning",
            f"Measure {mid} '{m.title}' has a target of '{m.targets[0].value.raw}' for "
            f"{m.targets[0].year}; set a number.", m.plan_id, [mid], m.targets[0].source)
    for oid in planted["objectives_without_measures"]:
        o = objectives[oid]
        add("PC401", "no-measure", "no-outcome-measure", "info",
            f"{oid} '{o.title}' has no measure: how will the partnership know it is achieved?",
            o.plan_id, [oid], _src(o))
    out.sort(key=Finding.sort_key)
    return out


def luton_result():
    """The Luton sample run, with the constructed findings in place of the real ones."""
    folder = PLANS / "luton"
    result = check_paths([folder], load_settings(find_settings_file([str(folder)])))
    return dataclasses.replace(result, findings=result.findings + luton_findings(result.framework))
