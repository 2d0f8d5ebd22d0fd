"""Measure how well plancheck suggests parent objectives (PC108) and spots mislinks (PC109).

Run from the repository root: ``python evaluation/eval_links.py``; it prints Markdown
tables (those in evaluation/README.md).

- plans/luton (the tuning set): the authors' ``supports`` links are the truth, corrected
  by tests/data/luton_planted.yaml (planted unlinked objectives get their true parent, the
  planted mislink its right parent; the objective with a broken id is left out, since the
  manifest does not say in data which id was meant). The links are hidden by stripping
  ``supports`` from a copy of the model, never from the files, so every objective is
  ranked as if unlinked.
- plans/kingsmere and plans/fenwick (held out, never tuned on): truth is ``true_links`` in
  tests/data/heldout/*_truth.yaml.

Every non-local objective of a plan with ``derives_from`` is a child to rank; one with no
true parent counts against precision whenever something is suggested for it. A suggested
pair is right when it is a true link; precision = right pairs / suggested pairs, recall =
right pairs / true pairs.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plancheck.checks import links  # noqa: E402
from plancheck.checks.context import Context  # noqa: E402
from plancheck.config import Settings, find_settings_file, load_settings  # noqa: E402
from plancheck.graph import FrameworkGraph  # noqa: E402
from plancheck.load import load_framework  # noqa: E402

THRESHOLDS = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]
KS = [1, 2, 3]
MARGINS = [5, 10, 15, 20, 25, 30, 40]


def _context(framework, folder: Path) -> Context:
    return Context(FrameworkGraph(framework), load_settings(find_settings_file([str(folder)])))


def strip_supports(framework):
    """A copy of the framework with every ``supports`` removed (the files are not touched)."""
    plans = []
    for p in framework.plans:
        objs = tuple(dataclasses.replace(o, supports=()) for o in p.objectives)
        plans.append(dataclasses.replace(p, objectives=objs))
    return dataclasses.replace(framework, plans=tuple(plans))


def luton_truth(framework) -> tuple[dict[str, set[str]], set[str]]:
    planted = yaml.safe_load((ROOT / "tests/data/luton_planted.yaml").read_text())
    ids = {o.id for o in framework.objectives()}
    truth: dict[str, set[str]] = {}
    for o in framework.objectives():
        truth[o.id] = {s for s in o.supports if s in ids}
    for child, parent in planted["unlinked_with_true_parent"].items():
        truth[child] = {parent}
    for child, fix in planted["mislinks"].items():
        truth[child] = (truth[child] - {fix["linked_to"]}) | {fix["should_be"]}
    excluded = set(planted["broken_links"])
    return truth, excluded


def heldout_truth(name: str) -> tuple[dict[str, set[str]], set[str]]:
    data = yaml.safe_load((ROOT / f"tests/data/heldout/{name}_truth.yaml").read_text())
    return {k: set(v) for k, v in data["true_links"].items()}, set()


def children(ctx, excluded: set[str]) -> list:
    g = ctx.graph
    out = []
    for pid, plan in g.plans.items():
        if not g.parent_plans(pid):
            continue
        out.extend(o for o in plan.objectives if not o.local and o.id not in excluded)
    return out


def evaluate(folder: Path, truth: dict[str, set[str]], excluded: set[str]) -> dict:
    loaded = load_framework([str(folder)])
    ctx = _context(strip_supports(loaded.framework), folder)
    kids = children(ctx, excluded)
    true_pairs = {(o.id, p) for o in kids for p in truth.get(o.id, ())}
    reachable = {(c, p) for c, p in true_pairs
                 if ctx.graph.objectives.get(p) is not None
                 and ctx.graph.objectives[p].plan_id in links.search_plans(ctx, ctx.graph.objectives[c].plan_id)}
    rows = []
    for k in KS:
        for t in THRESHOLDS:
            pred = {(o.id, p) for o in kids for p, _, _ in links.suggestions(ctx, o, min_score=t, max_n=k)}
            right = len(pred & true_pairs)
            rows.append({"k": k, "threshold": t, "suggested": len(pred), "right": right,
                         "precision": right / len(pred) if pred else 1.0,
                         "recall": right / len(true_pairs) if true_pairs else 1.0})
    # PC109 on the framework as written: which linked objectives look mislinked?
    ctx_full = _context(loaded.framework, folder)
    flagged = {h.objects[0] for h in links.link_looks_wrong(ctx_full)}
    by_margin = {}
    for margin in MARGINS:
        ctx_m = _context(loaded.framework, folder)
        ctx_m.settings.sections.setdefault("links", {})["mislink_margin"] = float(margin)
        by_margin[margin] = sorted({h.objects[0] for h in links.link_looks_wrong(ctx_m)})
    written_wrong = set()
    for o in children(ctx_full, excluded):
        if o.id in truth:
            written = {s for s in o.supports if s in ctx_full.graph.objectives}
            if written and not written <= truth[o.id]:
                written_wrong.add(o.id)
    return {"framework": folder.name, "children": len(kids), "true_pairs": len(true_pairs),
            "reachable": len(reachable), "rows": rows, "mislinks_true": sorted(written_wrong),
            "mislinks_flagged": sorted(flagged), "by_margin": by_margin}


def f_beta(p: float, r: float, beta: float = 0.5) -> float:
    return 0.0 if p + r == 0 else (1 + beta**2) * p * r / (beta**2 * p + r)


def main(argv=None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    runs = [
        ("luton (tuning)", evaluate(ROOT / "plans/luton", *luton_truth(load_framework([str(ROOT / "plans/luton")]).framework))),
        ("kingsmere (held out)", evaluate(ROOT / "plans/kingsmere", *heldout_truth("kingsmere"))),
        ("fenwick (held out)", evaluate(ROOT / "plans/fenwick", *heldout_truth("fenwick"))),
    ]
    defaults = Settings().get("links")
    for label, res in runs:
        print(f"\n## {label}: {res['children']} objectives ranked, {res['true_pairs']} true links "
              f"({res['reachable']} within the plans searched)")
        print("| top-k | threshold | suggested | right | precision | recall | F0.5 |")
        print("|---|---|---|---|---|---|---|")
        for row in res["rows"]:
            mark = " *" if row["k"] == defaults["suggest_max"] and row["threshold"] == defaults["suggest_min_score"] else ""
            print(f"| {row['k']} | {row['threshold']}{mark} | {row['suggested']} | {row['right']} | "
                  f"{row['precision']:.3f} | {row['recall']:.3f} | "
                  f"{f_beta(row['precision'], row['recall']):.3f} |")
        print(f"\nPC109 link-looks-wrong: written links not in the truth: "
              f"{', '.join(res['mislinks_true']) or 'none'}; flagged: "
              f"{', '.join(res['mislinks_flagged']) or 'none'}")
        for margin, found in res["by_margin"].items():
            print(f"- margin {margin}: flagged {', '.join(found) or 'none'}")
    print(f"\n(* = the defaults: suggest_max {defaults['suggest_max']}, "
          f"suggest_min_score {defaults['suggest_min_score']:g})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
