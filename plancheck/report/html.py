"""One self-contained HTML report: summary, findings, target comparison and a map of the plans.

This module only turns the run result into plain data and hands it to the template in
``data/html/``; the page's style and script live there, and the map is laid out in the
browser by dagre (``data/vendor/``), all inlined so the file opens with no network.
Every piece of plan text reaches the page through Jinja's autoescaping or as JSON with
``<``, ``>`` and ``&`` escaped, so a title like ``<script>`` shows as text.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from importlib import resources

from ..catalogue import builtin, normalise_code
from ..findings import CATEGORIES, SEVERITY_RANK
from ..model import PLAN_KINDS
from ..version import __version__

# Categories that mark a box on the map, with the words shown on it.
_LINK = "missing-link"
_CONFLICT = "target-conflict"
_BROKEN = "broken-link"


def _asset(name: str) -> str:
    return resources.files("plancheck").joinpath(f"data/{name}").read_text("utf-8")


def _script_text(text: str) -> str:
    """Text safe inside a <script> element: no ``</script>`` or ``<!--`` can appear."""
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _json_for_script(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def plan_columns(framework) -> list:
    """Plans in map order: parents left of the plans derived from them.

    Columns follow the ``derives_from`` generations; within one generation, higher-level
    kinds (community plan before service plan) and then file order. A cycle falls back to
    kind and file order, so a broken framework still draws.
    """
    import networkx as nx  # startup: networkx costs ~0.1 s to import; only when the graph view is needed

    plans = list(framework.plans)
    ids = {p.id for p in plans}
    g = nx.DiGraph()
    g.add_nodes_from(p.id for p in plans)
    for p in plans:
        for parent in p.derives_from:
            if parent in ids and parent != p.id:
                g.add_edge(parent, p.id)
    position = {p.id: i for i, p in enumerate(plans)}
    kind_rank = {p.id: PLAN_KINDS.index(p.kind) if p.kind in PLAN_KINDS else len(PLAN_KINDS) for p in plans}
    try:
        generation = {pid: n for n, gen in enumerate(nx.topological_generations(g)) for pid in gen}
    except nx.NetworkXUnfeasible:
        generation = dict.fromkeys(ids, 0)
    by_id = {p.id: p for p in plans}
    order = sorted(ids, key=lambda pid: (generation[pid], kind_rank[pid], position[pid]))
    return [by_id[pid] for pid in order]


def _value(v) -> str:
    return v.display() if v is not None else ""


def _measure_data(m) -> dict:
    base = None
    if m.baseline is not None:
        base = {"value": _value(m.baseline.value), "year": m.baseline.year.label if m.baseline.year
                else (m.baseline.year_raw or "")}
    return {
        "id": m.id,
        "title": m.title,
        "indicator": m.indicator or "",
        "unit": m.unit or "",
        "direction": m.direction or "",
        "kind": m.kind or "",
        "baseline": base,
        "targets": [{"year": t.year.label if t.year else (t.year_raw or "no year"), "value": _value(t.value)}
                    for t in m.targets],
    }


def _where(source) -> str:
    return source.describe() if source is not None else ""


def _marks(framework, findings) -> dict[str, dict]:
    """For each objective: its findings (by index) and the map marks they imply.

    A missing-link finding naming an objective marks it *unlinked* when it supports
    nothing and *undelivered* when nothing supports it; a target-conflict finding naming
    the objective or one of its measures marks it *in conflict*. This reads only the
    findings' categories and objects, so it works with whatever checks ran.
    """
    owner: dict[str, str] = {}
    supported: set[str] = set()
    for o in framework.objectives():
        owner[o.id] = o.id
        for m in o.measures:
            owner.setdefault(m.id, o.id)
        supported.update(o.supports)
    has_parent = {p.id for p in framework.plans if p.derives_from}
    has_child = {parent for p in framework.plans for parent in p.derives_from}
    objectives = {o.id: o for o in framework.objectives()}
    out = {oid: {"findings": [], "marks": []} for oid in objectives}
    for i, f in enumerate(findings):
        named = list(dict.fromkeys(owner[obj] for obj in f.objects if obj in owner))
        for oid in named:
            entry, o = out[oid], objectives[oid]
            entry["findings"].append(i)
            marks = entry["marks"]
            if f.category == _LINK:
                new = []
                if not o.supports and not o.local and o.plan_id in has_parent:
                    new.append("unlinked")
                if oid not in supported and o.plan_id in has_child:
                    new.append("undelivered")
                marks.extend(m for m in new or ["link"] if m not in marks)
            elif f.category == _CONFLICT and "conflict" not in marks:
                marks.append("conflict")
            elif f.category == _BROKEN and "broken" not in marks:
                marks.append("broken")
    for entry in out.values():
        if "link" in entry["marks"] and ({"unlinked", "undelivered"} & set(entry["marks"])):
            entry["marks"].remove("link")
    for entry in out.values():
        sevs = [findings[i].severity for i in entry["findings"]]
        entry["worst"] = max(sevs, key=SEVERITY_RANK.__getitem__) if sevs else ""
    return out


def _plans_of(f) -> tuple[str, ...]:
    """Every plan a finding involves, its own first (contract v2 ``plans``)."""
    return tuple(f.plans) or ((f.plan,) if f.plan else ())


def _finding_data(i: int, f, plan_titles: dict[str, str]) -> dict:
    return {
        "i": i,
        "code": f.code,
        "check": f.check.replace("-", " "),
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "plan": f.plan or "",
        "plans": list(_plans_of(f)),
        "plan_title": plan_titles.get(f.plan or "", ""),
        "objects": list(f.objects),
        "where": _where(f.source),
        "accepted": f.accepted.as_dict() if f.accepted is not None else None,
        "where_for": {},
    }


def _table_data(table) -> dict | None:
    if table is None:
        return None
    if hasattr(table, "as_dict"):
        table = table.as_dict()
    if not isinstance(table, dict) or "rows" not in table:
        return None
    return {
        "title": str(table.get("title") or ""),
        "columns": [str(c) for c in table.get("columns") or []],
        "rows": [["" if v is None else (f"{v:g}" if isinstance(v, float) else str(v)) for v in row]
                 for row in table.get("rows") or []],
        "note": str(table.get("note") or ""),
    }


def _comparison(ms, conflicted: set[str]) -> tuple[list[str], list[dict]]:
    """Years (columns) and one row per measure: baseline and the target for each year."""
    years = sorted({t.year.label for m in ms for t in m.targets if t.year},
                   key=lambda label: (int(label[:4]), "/" in label))
    rows = []
    for m in ms:
        by_year: dict[str, str] = {}
        for t in m.targets:
            if t.year:
                label = t.year.label
                by_year[label] = (by_year[label] + "; " if label in by_year else "") + _value(t.value)
        base = ""
        if m.baseline is not None:
            year = m.baseline.year.label if m.baseline.year else "no year"
            base = f"{_value(m.baseline.value)} ({year})"
        rows.append({"plan": m.plan_id, "objective": m.objective_id, "measure": m.id, "title": m.title,
                     "unit": m.unit or "", "baseline": base, "targets": [by_year.get(y, "") for y in years],
                     "undated": ", ".join(_value(t.value) for t in m.targets if not t.year),
                     "conflict": m.id in conflicted})
    return years, rows


def _indicator_groups(framework, findings, catalogue) -> list[dict]:
    """The target comparison: first each set of measures a target-conflict finding names,
    then measures grouped by normalised indicator code (shared indicators first)."""
    measures = {m.id: m for m in framework.measures()}
    conflicted: set[str] = set()
    out, seen = [], set()

    def group(code: str, title: str, ms: list, conflict_message: str = "") -> dict:
        years, rows = _comparison(ms, conflicted)
        return {"code": code, "title": title, "years": years, "rows": rows, "message": conflict_message,
                "plans": len({m.plan_id for m in ms}), "conflict": any(r["conflict"] for r in rows)}

    def title_of(code: str, ms: list) -> str:
        entry = catalogue.get(code) if (catalogue is not None and code) else None
        return entry.title if entry else ms[0].title

    conflict_sets = []
    for f in findings:
        if f.category == _CONFLICT:
            ids = tuple(dict.fromkeys(o for o in f.objects if o in measures))
            conflicted.update(ids)
            if ids and frozenset(ids) not in seen:
                seen.add(frozenset(ids))
                conflict_sets.append((ids, f.message))
    for ids, message in conflict_sets:
        ms = [measures[i] for i in ids]
        codes = sorted({normalise_code(m.indicator) for m in ms if m.indicator and m.indicator.strip()})
        out.append(group(", ".join(codes), title_of(codes[0] if len(codes) == 1 else "", ms), ms, message))

    by_code: dict[str, list] = {}
    for m in measures.values():
        if m.indicator and m.indicator.strip():
            by_code.setdefault(normalise_code(m.indicator), []).append(m)
    rest = []
    for code in sorted(by_code, key=_code_key):
        ms = by_code[code]
        if frozenset(m.id for m in ms) in seen:
            continue
        rest.append(group(code, title_of(code, ms), ms))
    rest.sort(key=lambda g: (not g["conflict"], g["plans"] < 2))
    return out + rest


def _code_key(code: str):
    parts = code.split(" ", 1)
    digits = "".join(c for c in parts[-1] if c.isdigit())
    return (parts[0], int(digits) if digits else 0, code)


def document(result) -> dict:
    """Everything the template shows, as plain data (also embedded in the page as JSON)."""
    framework = result.framework
    findings = list(result.findings)
    columns = plan_columns(framework)
    plan_titles = {p.id: p.title or p.id for p in framework.plans}
    marks = _marks(framework, findings)
    counts = result.counts()

    plans = []
    for col, p in enumerate(columns):
        objectives = []
        for o in p.objectives:
            mk = marks[o.id]
            objectives.append({
                "id": o.id, "title": o.title, "theme": o.theme or "", "lead": o.lead or "",
                "supports": list(o.supports), "local": o.local, "where": _where(o.source),
                "measures": [_measure_data(m) for m in o.measures],
                "findings": mk["findings"], "marks": mk["marks"], "worst": mk["worst"],
            })
        # A finding counts for every plan it involves (a conflict between CP and L2011 is both's);
        # an accepted one counts for none (contract section 7).
        sev = {s: sum(1 for f in findings if p.id in _plans_of(f) and f.severity == s and f.accepted is None)
               for s in SEVERITY_RANK}
        plans.append({
            "id": p.id, "title": p.title or p.id, "kind": p.kind.replace("-", " "), "owner": p.owner or "",
            "period": p.period_label, "derives_from": list(p.derives_from), "column": col,
            "file": p.source.file, "objectives": objectives,
            "measures": sum(len(o.measures) for o in p.objectives), "counts": sev,
        })

    # Findings grouped by plan (in map order, then framework-wide) and category; a finding
    # that involves several plans is listed under each of them.
    finding_rows = [_finding_data(i, f, plan_titles) for i, f in enumerate(findings)]
    # Where each other plan's owner looks: the first object of the finding their plan holds.
    holder = {}
    for o in framework.objectives():
        holder.setdefault(o.id, (o.plan_id, o.source))
        for m in o.measures:
            holder.setdefault(m.id, (m.plan_id, m.source))
    for r, f in zip(finding_rows, findings, strict=True):
        for pid in r["plans"][1:]:
            own = next(((obj, src) for obj in f.objects for owner, src in [holder.get(obj, (None, None))]
                        if owner == pid and src is not None), None)
            if own:
                r["where_for"][pid] = f"{_where(own[1])} ({own[0]})"
    group_order = [p.id for p in columns] + [""]
    groups = []
    for pid in group_order:
        rows = [r for r in finding_rows
                if pid in r["plans"] or (pid == "" and not set(r["plans"]) & set(plan_titles))]
        if not rows:
            continue
        cats: dict[str, list] = {}
        for r in sorted(rows, key=lambda r: -SEVERITY_RANK[r["severity"]]):
            cats.setdefault(r["category"], []).append(r)
        groups.append({
            "plan": pid, "title": plan_titles.get(pid, "The framework as a whole"),
            "counts": {s: sum(1 for r in rows if r["severity"] == s and not r["accepted"]) for s in SEVERITY_RANK},
            "categories": [{"name": c, "about": CATEGORIES.get(c, ""), "rows": rs} for c, rs in cats.items()],
        })

    tables = {name: _table_data(t) for name, t in (result.summaries or {}).items()}
    tables = {k: v for k, v in tables.items() if v is not None}
    indicators_table = tables.pop("indicators", None)
    progress = (result.summaries or {}).get("progress")
    progress_charts = [progress_chart(c) for c in getattr(progress, "charts", None) or []]
    tables.pop("progress", None)  # its own section (charts), or nothing when no actual is recorded
    catalogue = None
    if indicators_table is None:
        try:
            catalogue = builtin()
        except (OSError, ValueError):
            catalogue = None

    mark_counts = {k: sum(1 for m in marks.values() if k in m["marks"])
                   for k in ("unlinked", "undelivered", "conflict", "broken", "link")}
    return {
        "name": result.name or "plan framework",
        "version": __version__,
        "generated": _today(),
        "counts": counts,
        "exit_code": result.exit_code,
        "fail_on": result.fail_on,
        "files": list(result.files),
        "plans": plans,
        "findings": finding_rows,
        "groups": groups,
        "categories": sorted({f.category for f in findings}),
        "severities": [s for s in ("error", "warning", "info") if any(f.severity == s for f in findings)],
        "mark_counts": mark_counts,
        "indicators_table": indicators_table,
        "progress": {"title": progress.title, "note": progress.note, "charts": progress_charts}
        if progress_charts else None,
        "indicator_groups": [] if indicators_table else _indicator_groups(framework, findings, catalogue),
        "tables": list(tables.values()),
        "checks": [{"code": c.code, "name": c.name.replace("-", " "), "category": c.category}
                   for c in result.checks],
    }


def _today() -> str:
    d = _dt.date.today()
    return f"{d.day} {d:%B %Y}"


def render(result, options) -> str:
    results = list(getattr(result, "results", [result]))
    if len(results) > 1:
        return _picker_page(result, results, options)
    return _page(result, options)


def _page(result, options) -> str:
    from jinja2 import Environment, select_autoescape  # startup: only for the HTML report

    doc = document(result)
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(_asset("html/report.html.j2"))
    # The map only needs plans, objectives and findings; the rest is already in the HTML.
    map_data = {"plans": doc["plans"], "findings": doc["findings"]}
    return template.render(
        doc=doc,
        css=_asset("html/report.css"),
        script=_script_text(_asset("html/report.js")),
        vendor=_script_text(_strip_source_map(_asset("vendor/dagre.min.js"))),
        data_json=_json_for_script(map_data),
    )


def _strip_source_map(js: str) -> str:
    return "\n".join(line for line in js.splitlines() if not line.startswith("//# sourceMappingURL="))


# -- Several frameworks (contract section 1a): one page with a framework picker --------------
_SHARED = ("@@plancheck-css@@", "@@plancheck-script@@", "@@plancheck-vendor@@")


def _picker_page(result, results, options) -> str:
    """A table of the frameworks (worst first) and a picker showing one framework's report
    at a time, in a sandboxed frame. Each framework's page is the single-framework report;
    the style and scripts they share are stored once and put back when one is shown."""
    from html import escape

    shared = (_asset("html/report.css"), _script_text(_asset("html/report.js")),
              _script_text(_strip_source_map(_asset("vendor/dagre.min.js"))))
    pages = []
    for r in results:
        page = _page(r, options)
        for token, text in zip(_SHARED, shared, strict=True):
            page = page.replace(text, token)
        pages.append(page)
    ranked = sorted(range(len(results)), key=lambda i: (-results[i].exit_code, -results[i].counts()["error"],
                                                         -results[i].counts()["warning"],
                                                         -results[i].counts()["info"], results[i].name.lower()))
    counts = result.counts()
    rows = []
    for i in ranked:
        r, c = results[i], results[i].counts()
        verdict = "does not pass" if r.exit_code else "passes"
        rows.append(f'<tr class="{"fails" if r.exit_code else "passes"}"><td><a href="#" data-framework="{i}">'
                    f'{escape(r.name)}</a></td><td>{c["plans"]}</td><td>{c["measures"]}</td><td>{c["error"]}</td>'
                    f'<td>{c["warning"]}</td><td>{c["info"]}</td><td>{verdict}</td></tr>')
    options_html = "".join(f'<option value="{i}">{escape(results[i].name)}</option>' for i in ranked)
    failing = sum(1 for r in results if r.exit_code)
    summary = (f"{failing} of {len(results)} frameworks do not pass" if failing
               else f"All {len(results)} frameworks pass")
    data = _json_for_script({"pages": pages, "shared": dict(zip(_SHARED, shared, strict=True))})
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Plan consistency report: {escape(result.name)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1rem 2rem; color: #1b1b1b; }}
table {{ border-collapse: collapse; margin: .5rem 0 1rem; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .3rem .8rem; text-align: left; }}
td:nth-child(n+2), th:nth-child(n+2) {{ text-align: right; }}
tr.fails td:last-child {{ color: #b71c1c; font-weight: bold; }}
tr.passes td:last-child {{ color: #2e7d32; font-weight: bold; }}
#framework-view {{ width: 100%; height: 85vh; border: 1px solid #ccc; }}
label {{ font-weight: bold; }}
</style>
</head>
<body>
<h1>Plan consistency report</h1>
<p>{escape(summary)}: {counts["error"]} errors, {counts["warning"]} warnings and {counts["info"]} information
findings in {counts["plans"]} plans. Each framework is checked on its own: plans of different frameworks are never
compared. Made by plancheck {escape(__version__)} on {escape(_today())}.</p>
<h2>Frameworks, worst first</h2>
<table id="frameworks">
<thead><tr><th>Framework</th><th>Plans</th><th>Measures</th><th>Errors</th><th>Warnings</th><th>Information</th>
<th>Result</th></tr></thead>
<tbody>
{"".join(rows)}
</tbody>
</table>
<p><label for="framework-picker">Show the report of</label>
<select id="framework-picker">{options_html}</select></p>
<noscript><p>The report of each framework needs JavaScript to show.</p></noscript>
<iframe id="framework-view" title="The report of the chosen framework" sandbox="allow-scripts"></iframe>
<script type="application/json" id="plancheck-frameworks">{data}</script>
<script>
(function () {{
  var data = JSON.parse(document.getElementById("plancheck-frameworks").textContent);
  var picker = document.getElementById("framework-picker");
  var view = document.getElementById("framework-view");
  function show(i) {{
    var page = data.pages[i];
    Object.keys(data.shared).forEach(function (token) {{ page = page.split(token).join(data.shared[token]); }});
    view.srcdoc = page;
    picker.value = String(i);
  }}
  picker.addEventListener("change", function () {{ show(Number(picker.value)); }});
  document.querySelectorAll("#frameworks a[data-framework]").forEach(function (a) {{
    a.addEventListener("click", function (e) {{ e.preventDefault(); show(Number(a.dataset.framework)); }});
  }});
  show(Number(picker.value));
}})();
</script>
</body>
</html>
"""


# -- progress charts -----------------------------------------------------------------------------
CHART_W, CHART_H = 560, 220
_PAD = {"left": 56, "right": 48, "top": 16, "bottom": 30}
STATUS_CLASS = {"met": "good", "on-track": "good", "missed": "bad", "off-track": "bad",
                "near-miss": "warn", "no-actual": "warn", "too-few": "none", "not-judged": "none"}


def _nice(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".") if x != int(x) else f"{int(x):,}"


def progress_chart(chart: dict) -> dict:
    """Coordinates for one small inline SVG: baseline(s), actuals (a line), each plan's
    targets (marked by status) and the trend; plus the same figures as table rows."""
    xs = [b["x"] for b in chart["baselines"]] + [a["x"] for a in chart["actuals"]] + \
         [t["x"] for t in chart["targets"]]
    ys = [b["value"] for b in chart["baselines"]] + [a["value"] for a in chart["actuals"]] + \
         [t["value"] for t in chart["targets"] if t["value"] is not None]
    for tr in chart["trends"]:
        xs += [tr["x0"], tr["x1"]]
        ys += [tr["y0"], tr["y1"]]
    x0, x1 = (min(xs), max(xs)) if xs else (0, 1)
    y0, y1 = (min(ys), max(ys)) if ys else (0, 1)
    if x1 == x0:
        x0, x1 = x0 - 1, x1 + 1
    span = (y1 - y0) or abs(y1) or 1.0
    raw_step = span / 4
    magnitude = 10 ** math.floor(math.log10(raw_step))
    ystep = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    y0, y1 = math.floor(y0 / ystep) * ystep, math.ceil(y1 / ystep) * ystep
    if y1 == y0:
        y1 = y0 + ystep
    iw = CHART_W - _PAD["left"] - _PAD["right"]
    ih = CHART_H - _PAD["top"] - _PAD["bottom"]

    def px(x):
        return round(_PAD["left"] + (x - x0) / (x1 - x0) * iw, 1)

    def py(y):
        return round(_PAD["top"] + (y1 - y) / (y1 - y0) * ih, 1)

    step = max(1, round((x1 - x0) / 8))
    xticks = [{"x": px(x), "label": str(x)} for x in range(x0, x1 + 1, step)]
    yticks = [{"y": py(y0 + k * ystep), "label": _nice(round(y0 + k * ystep, 6))}
              for k in range(int(round((y1 - y0) / ystep)) + 1)]
    actual_pts = [{"x": px(a["x"]), "y": py(a["value"]), "label": f"{a['year']}: {_nice(a['value'])}"}
                  for a in chart["actuals"]]
    rows = [{"what": "Baseline", "plan": b["plan"], "measure": b["measure"], "year": b["year"],
             "value": _nice(b["value"]), "status": ""} for b in chart["baselines"]]
    rows += [{"what": "Actual", "plan": "", "measure": "", "year": a["year"], "value": _nice(a["value"]),
              "status": a.get("source", "")} for a in chart["actuals"]]
    rows += [{"what": "Target", "plan": t["plan"], "measure": t["measure"], "year": t["year"],
              "value": _nice(t["value"]), "status": t["word"], "cls": STATUS_CLASS.get(t["status"], "none")}
             for t in chart["targets"]]
    return {
        "label": chart["label"], "unit": chart.get("unit", ""), "w": CHART_W, "h": CHART_H,
        "left": _PAD["left"], "right": CHART_W - _PAD["right"], "top": _PAD["top"],
        "bottom": CHART_H - _PAD["bottom"], "xticks": xticks, "yticks": yticks,
        "baselines": [{"x": px(b["x"]), "y": py(b["value"]), "label": f"baseline {b['plan']} {b['year']}: "
                       f"{_nice(b['value'])}"} for b in chart["baselines"]],
        "actual_line": " ".join(f"{p['x']},{p['y']}" for p in actual_pts),
        "actuals": actual_pts,
        "targets": [{"x": px(t["x"]), "y": py(t["value"]), "cls": STATUS_CLASS.get(t["status"], "none"),
                     "label": f"{t['plan']} target {_nice(t['value'])} by {t['year']}: {t['word']}",
                     "plan": t["plan"]} for t in chart["targets"]],
        "trends": [{"x1": px(tr["x0"]), "y1": py(tr["y0"]), "x2": px(tr["x1"]), "y2": py(tr["y1"])}
                   for tr in chart["trends"]],
        "rows": rows,
    }
