/* plancheck HTML report: draws the map of the plans with dagre, shows an objective's
   details, and filters the findings. Reads its data from the JSON block; every text is
   set with textContent, never as HTML. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("plancheck-data").textContent);
  var MARK_WORDS = { unlinked: "Unlinked", undelivered: "Undelivered", conflict: "Conflict",
                     broken: "Broken link", link: "Link" };
  var MARK_TEXT = {
    unlinked: "Not linked to any objective of a parent plan.",
    undelivered: "No objective of the plans derived from this one delivers it.",
    conflict: "Its targets disagree with another plan's for the same indicator.",
    broken: "It names a parent objective that does not exist.",
    link: "A finding about its links."
  };
  var BOX_W = 236, PAD = 8, LINE = 16, ID_H = 15, TAG_H = 20, MAX_LINES = 4, HEAD_H = 70, GAP = 3;

  var objectives = {}, measureOwner = {}, planById = {};
  data.plans.forEach(function (p) {
    planById[p.id] = p;
    p.objectives.forEach(function (o) {
      o.plan = p.id;
      o.children = [];
      objectives[o.id] = o;
      o.measures.forEach(function (m) { measureOwner[m.id] = o.id; });
    });
  });
  Object.keys(objectives).forEach(function (id) {
    objectives[id].supports.forEach(function (parent) {
      if (objectives[parent]) objectives[parent].children.push(id);
    });
  });

  function el(tag, attrs, text) {
    var node = tag.indexOf("svg:") === 0 ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // ---- text wrapping, measured with the page's own font
  var ctx = document.createElement("canvas").getContext("2d");
  function wrap(text, font, width, maxLines) {
    ctx.font = font;
    var words = String(text).split(/\s+/).filter(Boolean), lines = [], line = "";
    for (var i = 0; i < words.length; i++) {
      var trial = line ? line + " " + words[i] : words[i];
      if (ctx.measureText(trial).width <= width || !line) { line = trial; }
      else { lines.push(line); line = words[i]; }
    }
    if (line) lines.push(line);
    if (lines.length > maxLines) {
      lines = lines.slice(0, maxLines);
      var last = lines[maxLines - 1];
      while (last.length > 1 && ctx.measureText(last + "…").width > width) last = last.slice(0, -1);
      lines[maxLines - 1] = last.replace(/\s+\S*$/, "") + "…";
    }
    return lines;
  }
  var fontFamily = getComputedStyle(document.documentElement).fontFamily;

  // ---- the map
  function drawMap() {
    var host = document.getElementById("map");
    if (!host) return;
    if (typeof dagre === "undefined") { host.querySelector(".loading").textContent = "The map could not be drawn."; return; }
    var g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: "LR", ranker: "none", nodesep: 14, ranksep: 88, marginx: 16, marginy: 12 });
    g.setDefaultEdgeLabel(function () { return {}; });
    var boxes = {};
    data.plans.forEach(function (p) {
      var list = p.objectives.length ? p.objectives : [{ id: "__empty_" + p.id, title: "No objectives", empty: true, marks: [], findings: [] }];
      list.forEach(function (o) {
        var lines = wrap(o.title || o.id, "12.5px " + fontFamily, BOX_W - 2 * PAD - 4, MAX_LINES);
        var h = PAD + ID_H + lines.length * LINE + PAD;
        if (o.marks.length) h += TAG_H + 2;
        boxes[o.id] = { o: o, lines: lines, h: h, plan: p };
        g.setNode(o.id, { width: BOX_W, height: h, rank: 2 * p.column });
      });
    });
    var sameColumn = [];
    Object.keys(objectives).forEach(function (id) {
      var o = objectives[id];
      o.supports.forEach(function (parent) {
        var po = objectives[parent];
        if (!po) return;
        var a = planById[po.plan].column, b = planById[o.plan].column;
        if (a < b) g.setEdge(parent, id, { child: id, parent: parent });
        else if (a > b) g.setEdge(id, parent, { child: id, parent: parent });
        else sameColumn.push({ child: id, parent: parent });
      });
    });
    dagre.layout(g);

    // Column headings: as many lines as the longest plan title needs
    var heads = {}, headLines = 0;
    data.plans.forEach(function (p) {
      var title = wrap(p.title, "700 14px " + fontFamily, BOX_W - 4, 3);
      var sub = wrap([p.id, p.kind, p.period].filter(Boolean).join(" · "), "12px " + fontFamily, BOX_W - 4, 2);
      heads[p.id] = { title: title, sub: sub };
      headLines = Math.max(headLines, title.length * 17 + sub.length * 15);
    });
    HEAD_H = 22 + headLines + 8;
    var width = g.graph().width, height = g.graph().height + HEAD_H;
    var svg = el("svg:svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height,
                              "aria-labelledby": "map-svg-title", "class": "map-svg" });
    svg.style.width = "100%";
    svg.style.maxWidth = width + "px";
    svg.style.minWidth = Math.round(width * 0.8) + "px";
    svg.style.height = "auto";
    svg.appendChild(el("svg:title", { id: "map-svg-title" }, "Map of the plans: " + data.plans.map(function (p) { return p.title; }).join(", ")));
    // Column bands and headings
    var colX = {};
    data.plans.forEach(function (p) {
      var first = p.objectives.length ? p.objectives[0].id : "__empty_" + p.id;
      colX[p.id] = g.node(first).x;
    });
    var bands = el("svg:g", { "class": "columns" }), headsG = el("svg:g", { "class": "heads" });
    data.plans.forEach(function (p) {
      var x = colX[p.id] - BOX_W / 2 - 8;
      bands.appendChild(el("svg:rect", { "class": "col-band", x: x, y: 4, width: BOX_W + 16, height: height - 8, rx: 6, "data-plan": p.id }));
      var head = el("svg:g", { "class": "col-title", "data-plan": p.id });
      head.appendChild(el("svg:rect", { "class": "col-band", x: x, y: 4, width: BOX_W + 16, height: HEAD_H - 4, rx: 6 }));
      var y = 22;
      heads[p.id].title.forEach(function (line) { head.appendChild(el("svg:text", { "class": "col-head", x: x + 8, y: y }, line)); y += 17; });
      heads[p.id].sub.forEach(function (line) { head.appendChild(el("svg:text", { "class": "col-sub", x: x + 8, y: y - 2 }, line)); y += 15; });
      headsG.appendChild(head);
    });
    svg.appendChild(bands);
    svg.appendChild(headsG);

    var edges = el("svg:g", { "class": "edges" });
    var edgeEls = [];
    // Links are drawn by hand, not along dagre's points: a line bends only in the gutters
    // between columns and crosses a column in between (a link that skips a plan) straight,
    // through a gap between its boxes, so it never runs through a box of a plan it does not
    // belong to.
    var columnBoxes = {};
    Object.keys(boxes).forEach(function (id) {
      var col = boxes[id].plan.column, n = g.node(id);
      (columnBoxes[col] = columnBoxes[col] || []).push([n.y - n.height / 2 - GAP, n.y + n.height / 2 + GAP]);
    });
    var colCentre = {};
    data.plans.forEach(function (p) { colCentre[p.column] = colX[p.id]; });
    function freeY(col, want) {
      var spans = columnBoxes[col] || [];
      function free(y) { return spans.every(function (s) { return y < s[0] || y > s[1]; }); }
      if (free(want)) return want;
      var best = null;
      spans.forEach(function (s) {
        [s[0] - 1, s[1] + 1].forEach(function (y) {
          if (free(y) && (best === null || Math.abs(y - want) < Math.abs(best - want))) best = y;
        });
      });
      return best === null ? want : best;
    }
    function bend(x1, y1, x2, y2) {
      var mx = (x1 + x2) / 2;
      return " C" + mx + "," + y1 + " " + mx + "," + y2 + " " + x2 + "," + y2;
    }
    g.edges().forEach(function (e) {
      var info = g.edge(e), left = g.node(e.v), right = g.node(e.w);
      var lc = boxes[e.v].plan.column, rc = boxes[e.w].plan.column;
      if (lc > rc) { var t = left; left = right; right = t; t = lc; lc = rc; rc = t; }
      var x = left.x + BOX_W / 2, y = left.y + HEAD_H, endY = right.y + HEAD_H;
      var d = "M" + x + "," + y;
      for (var c = lc + 1; c < rc; c++) {
        var share = (c - lc) / (rc - lc), want = y + (endY - y) * share;
        var cy = freeY(c, want - HEAD_H) + HEAD_H, inX = colCentre[c] - BOX_W / 2 - 8, outX = colCentre[c] + BOX_W / 2 + 8;
        d += bend(x, y, inX, cy) + " L" + outX + "," + cy;
        x = outX; y = cy;
      }
      d += bend(x, y, right.x - BOX_W / 2, endY);
      var path = el("svg:path", { "class": "edge", d: d, "data-child": info.child, "data-parent": info.parent });
      edges.appendChild(path);
      edgeEls.push(path);
    });
    sameColumn.forEach(function (s) {
      var a = g.node(s.child), b = g.node(s.parent), x = a.x + BOX_W / 2;
      var d = "M" + x + "," + (a.y + HEAD_H) + " C" + (x + 40) + "," + (a.y + HEAD_H) + " " + (x + 40) + "," + (b.y + HEAD_H) + " " + x + "," + (b.y + HEAD_H);
      var path = el("svg:path", { "class": "edge same", d: d, "data-child": s.child, "data-parent": s.parent });
      edges.appendChild(path);
      edgeEls.push(path);
    });
    svg.appendChild(edges);

    var nodes = el("svg:g", { "class": "boxes" });
    var order = Object.keys(boxes).sort(function (a, b) {
      var pa = boxes[a].plan.column, pb = boxes[b].plan.column;
      return pa !== pb ? pa - pb : g.node(a).y - g.node(b).y;
    });
    order.forEach(function (id) {
      var bx = boxes[id], n = g.node(id), o = bx.o;
      var x = n.x - BOX_W / 2, y = n.y - bx.h / 2 + HEAD_H;
      if (o.empty) {
        var ge = el("svg:g", { "class": "box empty" });
        ge.appendChild(el("svg:rect", { "class": "frame", x: x, y: y, width: BOX_W, height: bx.h, rx: 5 }));
        ge.appendChild(el("svg:text", { "class": "otitle", x: x + PAD + 4, y: y + PAD + ID_H + 12 }, "No objectives"));
        nodes.appendChild(ge);
        return;
      }
      var cls = "box" + (o.worst ? " w-" + o.worst : "") + o.marks.map(function (m) { return " m-" + m; }).join("");
      var label = o.id + ": " + o.title + ". " + planById[o.plan].title + "." +
        o.marks.map(function (m) { return " " + MARK_TEXT[m]; }).join("") +
        (o.findings.length ? " " + o.findings.length + (o.findings.length === 1 ? " finding." : " findings.") : "");
      var box = el("svg:g", { "class": cls, tabindex: "0", role: "button", "aria-label": label,
                              "data-id": o.id, "data-plan": o.plan });
      box.appendChild(el("svg:title", null, o.id + ": " + o.title));
      box.appendChild(el("svg:rect", { "class": "focusring", x: x - 3, y: y - 3, width: BOX_W + 6, height: bx.h + 6, rx: 7 }));
      box.appendChild(el("svg:rect", { "class": "frame", x: x, y: y, width: BOX_W, height: bx.h, rx: 5 }));
      box.appendChild(el("svg:rect", { "class": "stripe", x: x, y: y, width: 5, height: bx.h, rx: 2 }));
      box.appendChild(el("svg:text", { "class": "oid", x: x + PAD + 4, y: y + PAD + 10 }, o.id));
      if (o.findings.length) {
        box.appendChild(el("svg:text", { "class": "nf", x: x + BOX_W - PAD, y: y + PAD + 10, "text-anchor": "end" },
          o.findings.length + (o.findings.length === 1 ? " finding" : " findings")));
      }
      bx.lines.forEach(function (line, i) {
        box.appendChild(el("svg:text", { "class": "otitle", x: x + PAD + 4, y: y + PAD + ID_H + 12 + i * LINE }, line));
      });
      var tx = x + PAD + 4, ty = y + PAD + ID_H + bx.lines.length * LINE + 4;
      o.marks.forEach(function (m) {
        var word = MARK_WORDS[m];
        ctx.font = "700 11px " + fontFamily;
        var w = ctx.measureText(word).width + 12;
        var tag = el("svg:g", { "class": "mtag t-" + m });
        tag.appendChild(el("svg:rect", { x: tx, y: ty, width: w, height: TAG_H - 4, rx: 3 }));
        tag.appendChild(el("svg:text", { x: tx + 6, y: ty + 12 }, word));
        box.appendChild(tag);
        tx += w + 5;
      });
      nodes.appendChild(box);
    });
    svg.appendChild(nodes);
    host.textContent = "";
    host.appendChild(svg);
    printStrips(svg, bands, headsG, edges, nodes, width, height, boxes, g);

    host.addEventListener("click", function (ev) {
      var box = ev.target.closest && ev.target.closest(".box[data-id]");
      if (box) select(box.getAttribute("data-id"), false);
    });
    host.addEventListener("keydown", function (ev) {
      var box = ev.target.closest && ev.target.closest(".box[data-id]");
      if (!box) return;
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(box.getAttribute("data-id"), true); }
      else if (/^Arrow/.test(ev.key)) { ev.preventDefault(); moveFocus(box, ev.key); }
    });
    drawMap.edges = edgeEls;
  }

  // For print: the map cut into page-high strips between rows of boxes, each with the
  // column headings repeated, so no box is split across pages.
  function printStrips(svg, bands, headsG, edges, nodes, width, height, boxes, g) {
    var old = document.getElementById("print-map");
    if (old) old.remove();
    var pageW = 1040, pageH = 710;  // A4 landscape less margins, in CSS pixels
    var scale = Math.min(1, pageW / width);
    var spans = Object.keys(boxes).map(function (id) {
      var n = g.node(id);
      return [n.y - boxes[id].h / 2 + HEAD_H, n.y + boxes[id].h / 2 + HEAD_H];
    }).sort(function (a, b) { return a[0] - b[0]; });
    var gaps = [], reach = HEAD_H;
    spans.forEach(function (s) { if (s[0] > reach) gaps.push((reach + s[0]) / 2); reach = Math.max(reach, s[1]); });
    var cuts = [], start = HEAD_H, first = true;
    while (start < height - 1) {
      var limit = start + (pageH - (first ? 240 : 24)) / scale - HEAD_H;
      if (limit >= height) { cuts.push([start, height]); break; }
      var cut = null;
      gaps.forEach(function (y) { if (y > start + 40 && y <= limit) cut = y; });
      if (cut === null) cut = limit;
      cuts.push([start, cut]);
      start = cut;
      first = false;
    }
    var holder = el("div", { id: "print-map", "class": "print-map", "aria-hidden": "true" });
    cuts.forEach(function (c) {
      var h = c[1] - c[0] + HEAD_H;
      var strip = el("svg:svg", { viewBox: "0 " + (c[0] - HEAD_H) + " " + width + " " + h, width: width * scale, height: h * scale });
      [bands, edges, nodes].forEach(function (part) { strip.appendChild(part.cloneNode(true)); });
      var top = el("svg:g", { transform: "translate(0," + (c[0] - HEAD_H) + ")" });
      top.appendChild(el("svg:rect", { x: 0, y: 0, width: width, height: HEAD_H, fill: "#fbfcfd" }));
      top.appendChild(headsG.cloneNode(true));
      strip.appendChild(top);
      strip.querySelectorAll("[tabindex]").forEach(function (n) { n.removeAttribute("tabindex"); n.removeAttribute("role"); });
      holder.appendChild(strip);
    });
    document.querySelector("#thread .map-scroll").after(holder);
  }

  function boxEl(id) { return document.querySelector('#map .box[data-id="' + CSS.escape(id) + '"]'); }

  function moveFocus(box, key) {
    var all = Array.prototype.slice.call(document.querySelectorAll("#map .box[data-id]"));
    var r0 = box.getBBox(), cx = r0.x + r0.width / 2, cy = r0.y + r0.height / 2, best = null, bestD = Infinity;
    all.forEach(function (b) {
      if (b === box) return;
      var r = b.getBBox(), x = r.x + r.width / 2, y = r.y + r.height / 2, dx = x - cx, dy = y - cy;
      var ok = key === "ArrowDown" ? dy > 0 && Math.abs(dx) < 5 : key === "ArrowUp" ? dy < 0 && Math.abs(dx) < 5 :
               key === "ArrowRight" ? dx > 5 : dx < -5;
      if (!ok) return;
      var dist = Math.abs(dy) + Math.abs(dx) * 2;
      if (dist < bestD) { bestD = dist; best = b; }
    });
    if (best) best.focus();
  }

  // ---- the thread: ancestors and descendants of one objective
  function thread(id) {
    var seen = {}; seen[id] = true;
    var up = [id], down = [id];
    while (up.length) {
      objectives[up.pop()].supports.forEach(function (p) { if (objectives[p] && !seen[p]) { seen[p] = true; up.push(p); } });
    }
    while (down.length) {
      objectives[down.pop()].children.forEach(function (c) { if (!seen[c]) { seen[c] = true; down.push(c); } });
    }
    return seen;
  }

  var lastFocus = null;
  function select(id, fromKeyboard) {
    var o = objectives[id];
    if (!o) return;
    var map = document.getElementById("map");
    var on = thread(id);
    map.classList.add("tracing");
    document.querySelectorAll("#map .box[data-id]").forEach(function (b) {
      var bid = b.getAttribute("data-id");
      b.classList.toggle("on-thread", !!on[bid]);
      b.classList.toggle("selected", bid === id);
      b.setAttribute("aria-pressed", bid === id ? "true" : "false");
    });
    (drawMap.edges || []).forEach(function (e) {
      e.classList.toggle("on-thread", !!(on[e.getAttribute("data-child")] && on[e.getAttribute("data-parent")]));
    });
    lastFocus = document.activeElement;
    showDetail(o);
    if (fromKeyboard) document.getElementById("detail").focus();
  }

  function clearSelection() {
    var map = document.getElementById("map");
    if (map) map.classList.remove("tracing");
    document.querySelectorAll("#map .box.selected, #map .on-thread").forEach(function (b) {
      b.classList.remove("selected"); b.classList.remove("on-thread");
    });
  }

  function objButton(id) {
    var b = el("button", { type: "button", "class": "obj", "data-obj": id }, id);
    return b;
  }

  function showDetail(o) {
    var panel = document.getElementById("detail"), body = document.getElementById("detail-body");
    body.textContent = "";
    body.appendChild(el("p", { "class": "id" }, o.id + " · " + planById[o.plan].title));
    body.appendChild(el("h2", { id: "detail-title" }, o.title));
    o.marks.forEach(function (m) {
      var p = el("p");
      p.appendChild(el("span", { "class": "tag t-" + m }, MARK_WORDS[m]));
      p.appendChild(document.createTextNode(" " + MARK_TEXT[m]));
      body.appendChild(p);
    });
    var dl = el("dl");
    function row(k, v) { if (v) { dl.appendChild(el("dt", null, k)); var dd = el("dd"); if (typeof v === "string") dd.textContent = v; else dd.appendChild(v); dl.appendChild(dd); } }
    row("Theme", o.theme);
    row("Lead", o.lead);
    function links(ids, missing) {
      if (!ids.length) return missing;
      var span = el("span");
      ids.forEach(function (id, i) {
        if (i) span.appendChild(document.createTextNode(" "));
        if (objectives[id]) span.appendChild(objButton(id)); else span.appendChild(el("span", null, id + " (does not exist)"));
      });
      return span;
    }
    row("Supports", links(o.supports, o.local ? "nothing: a local objective" : "nothing"));
    // Only plans derived from this one can deliver it; elsewhere "nothing" would read as a fault.
    var derived = data.plans.some(function (p) { return p.derives_from.indexOf(o.plan) >= 0; });
    if (derived || o.children.length) row("Delivered by", links(o.children, "nothing"));
    row("Written at", o.where);
    body.appendChild(dl);

    body.appendChild(el("h3", null, o.measures.length ? "Measures (" + o.measures.length + ")" : "Measures: none"));
    o.measures.forEach(function (m) {
      var div = el("div", { "class": "measure" });
      var head = el("p");
      head.appendChild(el("strong", null, m.title || m.id));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", { "class": "id" }, [m.id, m.indicator].filter(Boolean).join(" · ")));
      div.appendChild(head);
      var facts = [];
      if (m.unit) facts.push(m.unit);
      if (m.direction) facts.push(m.direction);
      if (m.kind) facts.push(m.kind + " measure");
      if (facts.length) div.appendChild(el("p", { "class": "about" }, facts.join(", ")));
      div.appendChild(el("p", null, "Baseline: " + (m.baseline ? m.baseline.value + (m.baseline.year ? " (" + m.baseline.year + ")" : " (no year)") : "none")));
      div.appendChild(el("p", null, "Targets: " + (m.targets.length ? m.targets.map(function (t) { return t.value + " for " + t.year; }).join("; ") : "none")));
      body.appendChild(div);
    });

    body.appendChild(el("h3", null, o.findings.length ? "Findings (" + o.findings.length + ")" : "Findings: none"));
    if (o.findings.length) {
      var ul = el("ul", { "class": "fl" });
      o.findings.forEach(function (i) {
        var f = data.findings[i];
        var li = el("li", { "class": "sev-" + f.severity });
        var p = el("p");
        p.appendChild(el("span", { "class": "sev" }, f.severity));
        p.appendChild(document.createTextNode(" "));
        p.appendChild(el("strong", null, f.check));
        p.appendChild(document.createTextNode(" "));
        p.appendChild(el("code", null, f.code));
        li.appendChild(p);
        li.appendChild(el("p", null, f.message));
        if (f.where) li.appendChild(el("p", { "class": "where" }, f.where));
        var others = f.objects.filter(function (x) { return x !== o.id && measureOwner[x] !== o.id; });
        if (others.length) {
          var about = el("p", { "class": "objs" }, "Also about: ");
          others.forEach(function (x) { about.appendChild(objButton(x)); about.appendChild(document.createTextNode(" ")); });
          li.appendChild(about);
        }
        ul.appendChild(li);
      });
      body.appendChild(ul);
      var show = el("button", { type: "button", "class": "obj", id: "detail-filter" }, "Show these in the findings list");
      show.addEventListener("click", function () {
        var s = document.getElementById("f-search");
        if (s) { s.value = o.id.toLowerCase(); applyFilter(); closeDetail(false); document.getElementById("findings").scrollIntoView(); s.focus(); }
      });
      body.appendChild(show);
    }
    panel.hidden = false;
  }

  function closeDetail(restore) {
    var panel = document.getElementById("detail");
    if (panel.hidden) return;
    panel.hidden = true;
    clearSelection();
    if (restore && lastFocus && lastFocus.focus) lastFocus.focus();
  }

  // ---- findings filter
  function applyFilter() {
    var q = (document.getElementById("f-search").value || "").trim().toLowerCase();
    var terms = q ? q.split(/\s+/) : [];
    var sev = {};
    document.querySelectorAll('.filters input[name="severity"]').forEach(function (c) { sev[c.value] = c.checked; });
    var cat = document.getElementById("f-category").value;
    var plan = document.getElementById("f-plan").value;
    // A finding shared by several plans is listed under each: count each finding once.
    var shown = {}, total = {}, nShown = 0, nTotal = 0;
    document.querySelectorAll("#findings li.finding").forEach(function (li) {
      var i = li.getAttribute("data-i");
      if (!total[i]) { total[i] = true; nTotal++; }
      var text = li.getAttribute("data-text");
      var ok = sev[li.getAttribute("data-severity")] !== false &&
        (!cat || li.getAttribute("data-category") === cat) &&
        (plan === "*" || li.getAttribute("data-plan") === plan) &&
        terms.every(function (t) { return text.indexOf(t) >= 0; });
      li.hidden = !ok;
      if (ok && !shown[i]) { shown[i] = true; nShown++; }
    });
    var narrowed = nShown !== nTotal || plan !== "*";
    document.querySelectorAll("#findings .fcat").forEach(function (s) { s.hidden = !s.querySelector("li.finding:not([hidden])"); });
    document.querySelectorAll("#findings .fgroup").forEach(function (s) {
      s.hidden = !s.querySelector("li.finding:not([hidden])");
      // The lists open on the plans a filter matches, and close again when it is cleared.
      s.open = narrowed && !s.hidden;
    });
    document.getElementById("f-shown").textContent = !narrowed ? "All " + nTotal + " findings" : "Showing " + nShown + " of " + nTotal + " findings";
    document.getElementById("f-none").hidden = nShown > 0;
  }

  function setupFilters() {
    var search = document.getElementById("f-search");
    if (!search) return;
    search.addEventListener("input", applyFilter);
    document.querySelectorAll(".filters input, .filters select").forEach(function (c) { c.addEventListener("change", applyFilter); });
    document.getElementById("f-clear").addEventListener("click", function () {
      search.value = "";
      document.querySelectorAll('.filters input[name="severity"]').forEach(function (c) { c.checked = true; });
      document.getElementById("f-category").value = "";
      document.getElementById("f-plan").value = "*";
      applyFilter();
    });
  }

  // ---- object buttons anywhere: show the objective on the map
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest && ev.target.closest("button.obj[data-obj]");
    if (!b) return;
    var id = b.getAttribute("data-obj"), oid = objectives[id] ? id : measureOwner[id];
    if (!oid) return;
    var box = boxEl(oid);
    if (box) {
      box.scrollIntoView({ block: "center", inline: "center" });
      select(oid, false);
      box.focus({ preventScroll: true });
    }
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") closeDetail(true); });
  document.getElementById("detail-close").addEventListener("click", function () { closeDetail(true); });

  // A link to a plan's findings (from the plan table) opens its list.
  function openTarget() {
    var id = decodeURIComponent((location.hash || "").slice(1));
    var t = id && document.getElementById(id);
    if (t && t.tagName === "DETAILS") { t.open = true; t.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // Printing shows everything: the closed lists open for the print and close again after.
  var closedForScreen = [];
  window.addEventListener("beforeprint", function () {
    closedForScreen = Array.prototype.filter.call(document.querySelectorAll("details.fgroup, details.section-body"),
      function (d) { return !d.open; });
    closedForScreen.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { closedForScreen.forEach(function (d) { d.open = false; }); });

  drawMap();
  setupFilters();
})();
