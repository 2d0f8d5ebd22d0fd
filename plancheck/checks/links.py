"""Links between plans (PC1xx): broken, missing and suggested links, and traceability.

The inspection asked for "robust and consistent links between the Sustainable Community
Strategy, the Local Area Agreement, and the Council's Corporate Plan". A plan's
``derives_from`` says which plans its objectives must trace to; an objective's
``supports`` names the parent objectives it serves.

Severities: a reference to something that does not exist, or a cycle, is an **error**
(the plan says something that cannot be true); a missing link is a **warning** (the
plan may still be right, but nobody can show it); a suggestion is **info** (advice that
never changes which links count).

Decision on links inside one plan (PC105): by default an objective may not support an
objective of its own plan, because the framework's links are there to show how one plan
delivers another; a link inside a plan shows nothing of that and would hide a missing
upward link. ``links.allow_same_plan: true`` allows them, and then an objective traces
upward through a chain of objectives of its own plan.

Settings (``plancheck.yaml``)::

    links:
      allow_same_plan: false    # may an objective support one in its own plan?
      required: {LAA: [SCS]}    # child plan -> parent plans it must cover on its own
      suggest_from: {}          # plan -> plans to look in for parents when it has no derives_from
      suggest_min_score: 65     # lowest score (0-100) for a suggested parent
      suggest_max: 1            # most parents suggested per objective
      mislink_margin: 30        # PC109: how much better another parent must fit
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from .. import match
from ..catalogue import normalise_code
from ..findings import Hit
from ..model import Objective, Plan, Source
from ..registry import check
from . import advice
from .context import Table, summary

# check(...)(f) and summary(...)(f) follow each function: mutmut mutates undecorated ones only.

if TYPE_CHECKING:
    import networkx as nx


# How far below the best suggestion a second one may be and still be shown.
SECOND_WITHIN = 10.0
# A shared indicator code is strong evidence: the pair scores at least this.
SHARED_INDICATOR_SCORE = 85.0
# Ranking keeps this many candidates per objective (more than any sensible suggest_max).
KEEP = 5


# ----------------------------------------------------------------------------- shared work
@dataclass
class Links:
    """Who derives from whom and which objectives trace upward, computed once per run."""

    parent_plans: dict[str, list[str]]  # plan -> existing plans it derives from
    child_plans: dict[str, list[str]]
    upward: dict[str, set[str]]  # objective -> parent-plan objectives it reaches
    broken: set[str]  # objectives holding a supports id that does not exist
    guessed: set[str] = field(default_factory=set)  # ... for which "did you mean" found an id


def _settings(ctx) -> dict:
    return ctx.section("links")


def _links(ctx) -> Links:
    return ctx.cached("links", lambda: _build_links(ctx))


def _build_links(ctx) -> Links:
    g = ctx.graph
    allow_same = bool(_settings(ctx)["allow_same_plan"])
    parent_plans = {pid: [p.id for p in g.parent_plans(pid)] for pid in g.plans}
    child_plans = {pid: [p.id for p in g.child_plans(pid)] for pid in g.plans}
    broken = {d.source_id for d in g.dangling if d.rel == "supports"}
    guessed = {d.source_id for d in g.dangling
               if d.rel == "supports" and _did_you_mean_id(ctx, d.missing)}
    upward: dict[str, set[str]] = {}
    for pid, plan in g.plans.items():
        allowed = set(parent_plans[pid])
        direct = {o.id: {p.id for p in g.parents(o.id) if p.plan_id in allowed}
                  for o in plan.objectives}
        if allow_same:
            # Reach a parent plan through objectives of the same plan (a small fixpoint).
            same = {o.id: [p.id for p in g.parents(o.id) if p.plan_id == pid and p.id != o.id]
                    for o in plan.objectives}
            for node in _topo_or_any(same):
                for via in same[node]:
                    direct[node] |= direct.get(via, set())
        upward.update(direct)
    return Links(parent_plans, child_plans, upward, broken, guessed)


def _topo_or_any(edges: dict[str, list[str]]) -> list[str]:
    """Objectives ordered so that those supported come first (cycles are PC104's business)."""
    import networkx as nx  # only when objectives link within their own plan

    dg = nx.DiGraph()
    dg.add_nodes_from(edges)
    dg.add_edges_from((a, b) for a, bs in edges.items() for b in bs)
    cond = nx.condensation(dg)
    order = []
    for comp in reversed(list(nx.topological_sort(cond))):
        order.extend(sorted(cond.nodes[comp]["members"]))
    return order


def _did_you_mean_id(ctx, missing: str) -> str | None:
    index = ctx.cached("links:objective-ids", lambda: match.IdIndex(sorted(ctx.graph.objectives)))
    return index.closest(missing)


def _as_list(value) -> list[str]:
    """A plan list from settings: ``[SCS, CP]``, ``SCS`` or ``"SCS; CP"``."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).replace(";", ",").split(",")
    return [str(v).strip() for v in items if str(v).strip()]


def _name(o: Objective) -> str:
    return f"{o.id} \u201c{o.title}\u201d"


def _plan_name(plan: Plan) -> str:
    return f"{plan.title} ({plan.id})"


def _plans_list(ctx, ids) -> str:
    names = [_plan_name(ctx.graph.plans[i]) for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


# --------------------------------------------------------------------------- text ranking
@dataclass(frozen=True)
class Text:
    """An objective's text as the matcher sees it."""

    title: str
    full: str  # title and measure titles
    theme: str
    codes: frozenset[str]
    words: dict  # stem -> a word as the plan wrote it, for readable reasons
    full_words: frozenset[str]  # the words of ``full``, split once per objective


def _extra_stop(ctx) -> frozenset[str]:
    """Words in the titles of at least half the plans (place names: "Kingsmere", "Luton")."""

    def build():
        plans = list(ctx.graph.plans.values())
        if len(plans) < 2:
            return frozenset()
        counts = Counter(w for p in plans for w in set(match.words(p.title)))
        return frozenset(w for w, n in counts.items() if n * 2 >= len(plans) and not w.isdigit())

    return ctx.cached("links:extra-stop", build)


def _text(ctx, o: Objective) -> Text:
    cache = ctx.cached("links:texts", dict)
    if o.id not in cache:
        stop = _extra_stop(ctx)
        full_raw = " ".join([o.title] + [m.title for m in o.measures])
        stop_all = match.STOP_WORDS | stop
        readable = {}
        for w in match.words(full_raw):
            if w not in stop_all and not w.isdigit():
                readable.setdefault(match.stem(w), w)
        full = match.normalise(full_raw, stop)
        cache[o.id] = Text(
            title=match.normalise(o.title, stop),
            full=full,
            theme=match.normalise(o.theme, stop),
            codes=frozenset(normalise_code(m.indicator) for m in o.measures if m.indicator),
            words=readable,
            full_words=frozenset(full.split()),
        )
    return cache[o.id]


def _plan_index(ctx, plan_id: str) -> match.TextIndex:
    """Blocking index over one plan's objectives (title and measure titles, indicator codes)."""

    def build():
        objs = ctx.graph.plans[plan_id].objectives
        texts = {o.id: _text(ctx, o) for o in objs}
        return match.TextIndex(((o.id, " ".join([o.title] + [m.title for m in o.measures]))
                                for o in objs),
                               codes={k: t.codes for k, t in texts.items()},
                               extra_stop=_extra_stop(ctx))

    return ctx.cached(f"links:index:{plan_id}", build)


def pair_score(c: Text, p: Text) -> tuple[float, list[str]]:
    """How likely ``p`` is a parent of ``c`` (0-100), and why, in plain words.

    The score is the better of two rapidfuzz token-set ratios, titles alone and titles
    with measure titles, lowered when the two share only one word; a shared indicator
    code raises it to at least 85 and adds 10, and the same theme adds 5. Scores above
    100 only rank candidates; they are shown as 100 (:func:`shown`).
    """
    title = fuzz.token_set_ratio(c.title, p.title) if c.title and p.title else 0.0
    full = fuzz.token_set_ratio(c.full, p.full) if c.full and p.full else 0.0
    shared = sorted(c.full_words & p.full_words)
    score = max(title, full)
    if len(shared) <= 1:
        # One word in common ("homes", "crime") says less than the ratio suggests.
        score *= 0.8
    reasons = []
    codes = sorted(c.codes & p.codes)
    if codes:
        # Added on top, so that a shared code also decides between two equal wordings.
        score = max(score, SHARED_INDICATOR_SCORE) + 10 * len(codes)
        reasons.append("shared indicator " + ", ".join(codes))
    if c.theme and c.theme == p.theme:
        score += 5
        reasons.append("same theme")
    if shared:
        reasons.append("share the words: " + ", ".join(c.words.get(s, s) for s in shared[:6]))
    return round(score, 1), reasons


def shown(score: float) -> float:
    """A score as an officer sees it: 0 to 100."""
    return min(100.0, score)


def search_plans(ctx, plan_id: str) -> list[str]:
    """Plans whose objectives are candidate parents for objectives of ``plan_id``."""
    own = _links(ctx).parent_plans.get(plan_id, [])
    extra = [p for p in _as_list(_settings(ctx)["suggest_from"].get(plan_id))
             if p in ctx.graph.plans and p != plan_id]
    return list(dict.fromkeys(own + extra))


def rank_parents(ctx, o: Objective, plans: list[str] | None = None) -> list[tuple[str, float, list]]:
    """Candidate parents of ``o`` among the objectives of its parent plans, best first.

    Each plan's index yields a block of objectives sharing a word or an indicator code
    with ``o``; rapidfuzz scores the block, and the best few are scored in full.
    """
    cache = ctx.cached("links:rank", dict)
    key = (o.id, tuple(plans) if plans is not None else None)
    if key in cache:
        return cache[key]
    c = _text(ctx, o)
    out = []
    for pid in plans if plans is not None else search_plans(ctx, o.plan_id):
        index = _plan_index(ctx, pid)
        block = index.search(" ".join([o.title] + [m.title for m in o.measures]),
                             codes=c.codes, limit=4 * KEEP)
        seen = set()
        for pid_obj, _ in block:
            seen.add(pid_obj)
            score, reasons = pair_score(c, _text(ctx, ctx.graph.objectives[pid_obj]))
            out.append((pid_obj, score, reasons))
        # Candidates sharing only a code may fall outside a word block's top scores.
        for code in c.codes:
            for pos in index._codes.get(code, ()):
                k = index.keys[pos]
                if k not in seen:
                    seen.add(k)
                    score, reasons = pair_score(c, _text(ctx, ctx.graph.objectives[k]))
                    out.append((k, score, reasons))
    out.sort(key=lambda t: (-t[1], t[0]))
    cache[key] = out[:KEEP]
    return cache[key]


def suggestions(ctx, o: Objective, min_score: float | None = None,
                max_n: int | None = None) -> list[tuple[str, float, list]]:
    """The parents to suggest for ``o``: at least ``min_score``, at most ``max_n``, and
    none more than a few points below the best."""
    s = _settings(ctx)
    min_score = s["suggest_min_score"] if min_score is None else min_score
    max_n = s["suggest_max"] if max_n is None else max_n
    ranked = [r for r in rank_parents(ctx, o) if r[1] >= min_score]
    if not ranked:
        return []
    best = ranked[0][1]
    return [r for r in ranked if r[1] >= best - SECOND_WITHIN][: max(0, int(max_n))]


# ------------------------------------------------------------------------------- checks
def unknown_supports_id(ctx):
    """An objective ``supports`` an objective id that does not exist in the framework.

    The link cannot count, so the objective does not trace to its parent. When an id
    differs only slightly (case, a dash, a leading zero, a typing slip) from a real one,
    the message asks "did you mean ...?".

    Would PASS: ``supports: [SCS-W2]`` where SCS-W2 is an objective of the SCS.
    Would FAIL: ``supports: [SCS-W02]`` (no such objective; did you mean SCS-W2?).

    Fix: correct the id in ``supports``, or add the objective it should name.
    """
    g = ctx.graph
    for d in g.dangling:
        if d.rel != "supports":
            continue
        o = g.objectives[d.source_id]
        plan = g.plans[o.plan_id]
        guess = _did_you_mean_id(ctx, d.missing)
        if guess:
            target = g.objectives[guess]
            where = advice.place(o.source, "objectives")
            column = f" ({where}, column supports)" if where else ""
            hint = (f" Did you mean {_name(target)} in the {_plan_name(g.plans[target.plan_id])}? "
                    f"If so, write {guess} in its supports{column} instead of {d.missing}.")
        else:
            where = advice.place(o.source, "objectives")
            hint = (" No objective has a similar id; check the parent plan and correct the id"
                    + (f" ({where}, column supports)." if where else "."))
        yield Hit(f"{_name(o)} in the {_plan_name(plan)} supports {d.missing}, but no objective has "
                  f"that id, so the link does not count.{hint}",
                  o.where("supports"), plan.id, (o.id,),
                  {"missing": d.missing, "did_you_mean": guess, "fix": hint.strip()})
check("PC101", "unknown-supports-id", "broken-link", "error")(unknown_supports_id)


def unknown_derives_from_plan(ctx):
    """A plan ``derives_from`` a plan id that is not in the framework.

    Also reported: a plan id named in the ``links.required`` or ``links.suggest_from``
    settings that no plan has. The plan's objectives cannot be checked against a plan
    plancheck was not given.

    Would PASS: ``derives_from: [SCS]`` with the SCS file in the same folder.
    Would FAIL: ``derives_from: [SCS2008]`` when the strategy's id is ``SCS``.

    Fix: correct the plan id, or include the parent plan's file in the run.
    """
    g = ctx.graph
    plan_ids = sorted(g.plans)
    for d in g.dangling:
        if d.rel != "derives_from":
            continue
        plan = g.plans[d.source_id]
        guess = match.closest_id(d.missing, plan_ids, cutoff=60)
        hint = f" Did you mean {_plan_name(g.plans[guess])}?" if guess else (
            " Include that plan's file in the run, or correct the id.")
        yield Hit(f"The {_plan_name(plan)} derives from {d.missing}, but no plan in the framework has "
                  f"that id, so its objectives cannot be traced to it.{hint}",
                  plan.where("derives_from"), plan.id, (plan.id,),
                  {"missing": d.missing, "did_you_mean": guess})
    s = _settings(ctx)
    where = None
    if ctx.settings.path:
        where = Source(ctx.settings.path)
    for key in ("required", "suggest_from"):
        for child, parents in sorted(s[key].items()):
            named = [child] + _as_list(parents)
            for pid in named:
                if str(pid) not in g.plans:
                    guess = match.closest_id(str(pid), plan_ids, cutoff=60)
                    hint = f" Did you mean {guess}?" if guess else ""
                    yield Hit(f"The setting links.{key} names the plan {pid}, but no plan in the "
                              f"framework has that id, so that part of the setting does nothing.{hint}",
                              where, None, (str(pid),), {"missing": str(pid), "did_you_mean": guess})
check("PC102", "unknown-derives-from-plan", "broken-link", "error")(unknown_derives_from_plan)


def _cycles(dg: nx.DiGraph) -> list[list]:
    """One cycle per strongly connected group of nodes (never an exponential enumeration)."""
    import networkx as nx  # only once a cycle is known to exist

    out = []
    for comp in nx.strongly_connected_components(dg):
        if len(comp) == 1:
            (n,) = comp
            if dg.has_edge(n, n):
                out.append([n])
            continue
        sub = dg.subgraph(comp)
        start = min(comp)
        edges = nx.find_cycle(sub, source=start)
        cycle = [u for u, _ in edges]
        i = cycle.index(min(cycle))
        out.append(cycle[i:] + cycle[:i])
    return sorted(out)


def derivation_cycle(ctx):
    """Plans derive from one another in a circle.

    ``derives_from`` runs from a more detailed plan to the plan it delivers; a circle
    (the LAA derives from the SCS and the SCS from the LAA) means neither is the parent,
    and every objective would have to trace to both.

    Would PASS: LAA derives from SCS; SCS derives from CP.
    Would FAIL: SCS derives from LAA and LAA derives from SCS.

    Fix: remove ``derives_from`` from the plan that is the higher-level one.
    """
    g = ctx.graph
    for cycle in _cycles(g.derivation_graph()) if g.has_derivation_cycle() else ():
        ids = [n[1] for n in cycle]
        plan = g.plans[ids[0]]
        path = " \u2192 ".join(ids + [ids[0]])
        yield Hit(f"Plans derive from one another in a circle: {path}. A plan cannot be both parent "
                  f"and child; remove derives_from from the higher-level plan.",
                  plan.where("derives_from"), plan.id, tuple(ids))
check("PC103", "derivation-cycle", "broken-link", "error")(derivation_cycle)


def support_cycle(ctx):
    """Objectives support one another in a circle (or an objective supports itself).

    ``supports`` runs from the objective that does the work to the ambition it serves; a
    circle means no objective in it traces to anything beyond the circle.

    Would PASS: LAA-E1 supports SCS-W2; SCS-W2 supports CP-W1.
    Would FAIL: SCS-W2 supports LAA-E1 while LAA-E1 supports SCS-W2.

    Fix: keep the link that runs from the more detailed plan to the higher-level one.
    """
    g = ctx.graph
    for cycle in _cycles(g.support_graph()) if g.has_support_cycle() else ():
        ids = [n[1] for n in cycle]
        o = g.objectives[ids[0]]
        if len(ids) == 1:
            text = f"{_name(o)} supports itself; the link says nothing and should be removed."
        else:
            path = " \u2192 ".join(ids + [ids[0]])
            text = (f"Objectives support one another in a circle: {path}. Keep the link from the "
                    f"more detailed plan to the higher-level one and remove the other.")
        yield Hit(text, o.where("supports"), o.plan_id, tuple(ids))
check("PC104", "support-cycle", "broken-link", "error")(support_cycle)


def support_within_plan(ctx):
    """An objective supports another objective of its own plan.

    The framework's links show how one plan delivers another, so by default a link
    inside a plan does not count as tracing upward (set ``links.allow_same_plan: true``
    to allow such links; they then count through the chain).

    Would PASS: LAA-E1 supports SCS-W2 (another plan).
    Would FAIL: LAA-E4 supports LAA-E1 (both in the LAA).

    Fix: point ``supports`` at the objective of the parent plan that the work serves.
    """
    if _settings(ctx)["allow_same_plan"]:
        return
    g = ctx.graph
    for o in g.objectives.values():
        for p in g.parents(o.id):
            if p.plan_id == o.plan_id and p.id != o.id:
                plan = g.plans[o.plan_id]
                yield Hit(f"{_name(o)} supports {_name(p)}, which is in the same plan "
                          f"({_plan_name(plan)}). Links inside a plan do not show how it delivers "
                          f"another; name the parent plan's objective instead.",
                          o.where("supports"), plan.id, (o.id, p.id))
check("PC105", "support-within-plan", "broken-link", "warning")(support_within_plan)


def objective_not_linked(ctx):
    """An objective of a plan that derives from other plans supports nothing in them.

    Every objective of the LAA must serve an ambition of the Sustainable Community
    Strategy it derives from, unless it is a local priority (``local: true``). An
    objective whose only ``supports`` id does not exist is reported by PC101 instead.

    Would PASS: LAA-E1 "More Luton residents in work", ``supports: [SCS-W2]``; or
    LAA-S6 "Fewer fires in Luton homes", ``local: true``.
    Would FAIL: LAA-S2 "Reduce serious violent crime" with no ``supports``; or one that
    supports only an objective of a plan its plan does not derive from.

    Fix: add the parent objective to ``supports`` (PC108 suggests likely ones), or mark
    the objective ``local: true`` if it is a local priority by design.
    """
    g = ctx.graph
    lk = _links(ctx)
    for pid, plan in g.plans.items():
        parents = lk.parent_plans[pid]
        if not parents:
            continue
        for o in plan.objectives:
            if o.local or lk.upward.get(o.id) or o.id in lk.broken:
                continue
            elsewhere = [p for p in g.parents(o.id) if p.plan_id not in parents]
            best = suggestions(ctx, o, max_n=1)
            to_add = (f"add {best[0][0]} (or another objective of that plan) to its supports"
                      if best else "add the parent objective it serves to its supports")
            where = advice.place(o.source, "objectives")
            if where:
                fix = (f"To fix: {where}, {to_add} (column supports; separate ids with ;), or type yes "
                       "in column local if it is a local priority.")
            else:
                fix = f"To fix: {to_add}, or mark it local: true if it is a local priority."
            if elsewhere:
                names = ", ".join(p.id for p in elsewhere)
                lead = (f"{_name(o)} in the {_plan_name(plan)} supports {names}, which is not in a "
                        f"plan the {plan.id} derives from ({_plans_list(ctx, parents)}).")
            else:
                lead = (f"{_name(o)} in the {_plan_name(plan)} supports no objective of "
                        f"{_plans_list(ctx, parents)}, which it derives from.")
            yield Hit(f"{lead} {fix}", o.source, pid, (o.id,),
                      {"parent_plans": parents, "supports_elsewhere": [p.id for p in elsewhere], "fix": fix})
check("PC106", "objective-not-linked", "missing-link", "warning")(objective_not_linked)


def _covering(ctx) -> dict[str, list[list[str]]]:
    """Parent plan -> groups of child plans; each group must deliver every objective.

    With no ``links.required`` for a parent plan, one group of all its child plans (any
    may deliver); otherwise one group per required child plan.
    """
    g = ctx.graph
    lk = _links(ctx)
    required = defaultdict(list)
    for child, parents in _settings(ctx)["required"].items():
        if child not in g.plans:
            continue
        for parent in _as_list(parents):
            if parent in g.plans:
                required[parent].append(child)
    out = {}
    for pid in g.plans:
        if required.get(pid):
            out[pid] = [[c] for c in required[pid]]
        elif lk.child_plans[pid]:
            out[pid] = [list(lk.child_plans[pid])]
    return out


def ambition_not_delivered(ctx):
    """An objective of a parent plan that no objective of the plans derived from it supports.

    An ambition of the Sustainable Community Strategy that nothing in the LAA (or any
    other plan that derives from it) delivers is an ambition without a delivery plan.
    ``links.required`` may say that a given child plan must cover a parent plan on its
    own, e.g. ``required: {LAA: [SCS]}``: then every SCS objective needs an LAA objective
    supporting it, whatever other plans do.

    Would PASS: SCS-W2 "More local people in work", supported by LAA-E1.
    Would FAIL: SCS-EN3 "Better transport links", which no LAA objective supports.

    Fix: add the objective to the ``supports`` of the child plan's objective that
    delivers it, or add an objective to the child plan; or agree that the ambition is
    delivered elsewhere and record that decision.
    """
    g = ctx.graph
    for pid, groups in sorted(_covering(ctx).items()):
        plan = g.plans[pid]
        for o in plan.objectives:
            supporters = {c.plan_id for c in g.children(o.id)}
            for group in groups:
                if supporters & set(group):
                    continue
                fix = (f"Add {o.id} to the supports of the {'/'.join(group)} objective that delivers it, "
                       "or add one.")
                yield Hit(f"{_name(o)} in the {_plan_name(plan)} is supported by no objective of "
                          f"{_plans_list(ctx, group)}, so nothing delivers it. {fix}",
                          o.source, pid, (o.id,), {"child_plans": group, "fix": fix})
check("PC107", "ambition-not-delivered", "missing-link", "warning")(ambition_not_delivered)


def suggested_parent(ctx):
    """A likely parent objective for an objective that traces to nothing.

    For each objective of a derived plan that supports no objective of its parent plans
    (and is not ``local``), plancheck compares its title and measure titles with every
    objective of the parent plans, ignoring words every plan uses ("improve",
    "increase", "Luton", "residents"). A shared indicator code counts as strong
    evidence. Each suggestion gives a score (0-100) and the reasons; it never changes
    which links count.

    Would PASS: LAA-E1 already supports SCS-W2 (no suggestion needed).
    Would FAIL: LAA-S2 "Reduce serious violent crime", no supports, while SCS-S1
    "Reduce crime, including ... violent crime" measures the same NI 15.

    Fix: if the suggestion is right, add the parent's id to ``supports``; if not, add
    the right one, or mark the objective ``local: true``.
    """
    g = ctx.graph
    lk = _links(ctx)
    for pid, plan in g.plans.items():
        if not search_plans(ctx, pid):
            continue
        for o in plan.objectives:
            if o.local or lk.upward.get(o.id) or o.id in lk.guessed:
                continue
            for parent_id, score, reasons in suggestions(ctx, o):
                p = g.objectives[parent_id]
                why = "; ".join(reasons) if reasons else "similar wording"
                where = advice.place(o.source, "objectives")
                fix = f"If so, add {p.id} to the supports of {o.id}" + (
                    f" ({where}, column supports)." if where else ".")
                yield Hit(f"{_name(o)} in the {_plan_name(plan)} may serve {_name(p)} in the "
                          f"{_plan_name(g.plans[p.plan_id])} (score {shown(score):g}: {why}). {fix}",
                          o.source, pid, (o.id, p.id), {"score": shown(score), "reasons": reasons, "fix": fix})
check("PC108", "suggested-parent", "suggested-link", "info")(suggested_parent)


def link_looks_wrong(ctx):
    """A linked objective whose text fits another parent objective much better.

    The objective supports a parent, but its title, measures and indicator codes match a
    different objective of the parent plans far more closely than any parent it names
    (by at least ``links.mislink_margin`` points, and at least ``suggest_min_score``).
    Often a copy-and-paste slip: a drug treatment objective linked to adult skills.

    Would PASS: LAA-S1 "Reduce serious acquisitive crime" supports SCS-S1 "Reduce crime".
    Would FAIL: LAA-S5 "More drug users in effective treatment" supports SCS-L2 "Improve
    the skills of working-age adults", while SCS-S3 "Reduce the harm caused by drugs and
    alcohol" shares its indicator NI 40.

    Fix: check the link; if it is wrong, replace it with the suggested parent.
    """
    g = ctx.graph
    lk = _links(ctx)
    s = _settings(ctx)
    for pid, plan in g.plans.items():
        parents = lk.parent_plans[pid]
        if not parents:
            continue
        for o in plan.objectives:
            linked = sorted(lk.upward.get(o.id, ()))
            if not linked:
                continue
            ranked = rank_parents(ctx, o)
            if not ranked or ranked[0][0] in linked:
                continue
            best_id, best, reasons = ranked[0]
            c = _text(ctx, o)
            linked_best = max(pair_score(c, _text(ctx, g.objectives[x]))[0] for x in linked)
            if best < s["suggest_min_score"] or best - linked_best < s["mislink_margin"]:
                continue
            p = g.objectives[best_id]
            now = ", ".join(_name(g.objectives[x]) for x in linked)
            why = "; ".join(reasons) if reasons else "similar wording"
            where = advice.place(o.source, "objectives")
            fix = f"Check the link; if it is wrong, replace it with {p.id}" + (
                f" ({where}, column supports)." if where else ".")
            yield Hit(f"{_name(o)} in the {_plan_name(plan)} supports {now} (score "
                      f"{shown(linked_best):g}), but its text fits {_name(p)} much better (score {shown(best):g}: "
                      f"{why}). {fix}",
                      o.where("supports"), pid, (o.id, *linked, p.id),
                      {"score": shown(best), "linked_score": shown(linked_best), "reasons": reasons,
                       "suggested": p.id, "fix": fix})
check("PC109", "link-looks-wrong", "suggested-link", "info")(link_looks_wrong)


# ------------------------------------------------------------------------------ summary
def traceability(ctx) -> Table:
    """Per plan: objectives tracing upward, local, unlinked; parent objectives delivered."""
    g = ctx.graph
    lk = _links(ctx)
    covering = _covering(ctx)
    rows = []
    for pid, plan in g.plans.items():
        objs = plan.objectives
        has_parents = bool(lk.parent_plans[pid])
        traced = sum(1 for o in objs if lk.upward.get(o.id))
        local = sum(1 for o in objs if o.local)
        unlinked = sum(1 for o in objs if not o.local and not lk.upward.get(o.id)) if has_parents else None
        delivered = None
        if pid in covering:
            groups = [set(gp) for gp in covering[pid]]
            delivered = sum(1 for o in objs
                            if all({c.plan_id for c in g.children(o.id)} & gp for gp in groups))
        rows.append([
            pid, plan.title, len(objs),
            ", ".join(lk.parent_plans[pid]) or "-",
            f"{traced}/{len(objs)}" if has_parents else "-",
            local if has_parents else "-",
            unlinked if unlinked is not None else "-",
            ", ".join(sorted({c for gp in covering.get(pid, []) for c in gp})) or "-",
            f"{delivered}/{len(objs)}" if delivered is not None else "-",
        ])
    return Table("Traceability between plans",
                 ["plan", "title", "objectives", "derives from", "trace upward", "local",
                  "unlinked", "delivered by", "objectives delivered"],
                 rows,
                 "trace upward: objectives supporting an objective of a plan this plan derives from; "
                 "unlinked: neither tracing upward nor local (an objective whose only link names an "
                 "id that does not exist counts here too); objectives delivered: this plan's "
                 "objectives supported by the plans that derive from it.")
summary("traceability", "PC1")(traceability)
