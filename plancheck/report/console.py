"""The console report, written for a policy officer.

Findings are grouped by plan, worst first within each place in the file; every line
says where to look in plain words; summary tables follow; the last line says whether
the framework passes. Colour is added only when the caller says the output is a terminal.
"""

from __future__ import annotations

import os.path
import re
import textwrap
from dataclasses import replace

from ..findings import worst_first
from ..version import __version__
from ._common import place_for

_STYLE = {"error": ("red", True), "warning": ("yellow", True), "info": ("cyan", False)}
_NUMERIC = re.compile(r"^[\d\s/().,%-]*(?:of[\d\s/().,%-]*)?$")
_PLURAL = {"error": "errors", "warning": "warnings", "info": "info"}
# Line breaks, tabs and terminal control characters (ESC starts sequences that can retitle or
# recolour the terminal), and bidi overrides that reorder what is shown: plan text gets a space.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _plain(text: str) -> str:
    """Text from the plans on one line, with nothing a terminal would act on."""
    if text.isascii() and text.isprintable():  # most messages: nothing to replace (and quicker to know)
        return text
    return _CONTROL.sub(" ", text)


def _style(text: str, options, fg: str | None = None, bold: bool = False) -> str:
    if not options.color:
        return text
    import click  # startup: click only styles when colour is on

    return click.style(text, fg=fg, bold=bold)


def _where(source, plan_file: str | None) -> str:
    """Where to look: the line or cell in the plan's own file, else the file's name too."""
    if source is None:
        return ""
    if source.file != plan_file:
        source = replace(source, file=os.path.basename(source.file))
    if source.sheet is not None:
        if source.file == plan_file:
            return f"sheet {source.sheet}" + (f", cell {source.cell}" if source.cell else "")
        return source.describe()
    if source.file == plan_file:
        return f"line {source.line}" if source.line else ""
    return source.describe()


def counted(n: int, word: str) -> str:
    """``1 plan``, ``2 plans``, ``0 measures``."""
    return f"{n} {word}" + ("" if n == 1 else "s")


def count_phrase(counts: dict) -> str:
    parts = []
    for sev in ("error", "warning", "info"):
        n = counts[sev]
        word = sev if n == 1 or sev == "info" else _PLURAL[sev]
        parts.append(f"{n} {word}")
    phrase = ", ".join(parts)
    if counts.get("accepted"):
        phrase += f" (and {counts['accepted']} accepted)"
    return phrase


def render(result, options) -> str:
    """One framework's report; for several (contract section 1a), a first table of the
    frameworks, worst first, then each framework's report, then a verdict over all."""
    results = list(getattr(result, "results", [result]))
    if len(results) == 1 and results[0] is result:
        return _render_one(result, options)
    width = max(60, options.width)
    out = _frameworks_lines(result, results, options, width)
    for r in results:
        out.append("")
        out.append(_style("=" * min(width, 72), options))
        part = r.prepared.get(part_key(r, options))
        out.append((part if part is not None else _render_one(r, options)).rstrip("\n"))
    cross = (result.summaries or {}).get("cross_area")
    if cross is not None and getattr(cross, "rows", None):
        out.append("")
        out.extend(_table_lines(cross, options, width))
    out.append("")
    counts = result.counts()
    failing = sum(1 for r in results if r.exit_code)
    n = counted(len(results), "framework")
    threshold = " (--fail-on never)" if result.fail_on == "never" else f" (fails on {result.fail_on}s)"
    if not result.findings:
        line = f"No problems found in {counted(counts['plans'], 'plan')}: all {n} pass."
    else:
        verdict = f"{failing} of {n} fail" if failing else f"all {n} pass"
        line = f"{count_phrase(counts)} in {counted(counts['plans'], 'plan')}: {verdict}{threshold}."
    out.append(_style(line, options, fg="red" if result.exit_code else "green", bold=True))
    return "\n".join(out) + "\n"


def part_key(result, options) -> str:
    """What a framework's part of the report depends on besides the framework itself
    (its name may change after it was rendered, when two frameworks share one)."""
    return f"console|{result.name}|{options.color}|{options.width}|{options.verbose}|{options.tables}"


def render_part(result, options) -> str:
    """One framework's part of a report on several (see report.render_ahead)."""
    return _render_one(result, options)


def _frameworks_lines(result, results, options, width) -> list[str]:
    """The first table of a run over several frameworks: each with its counts and
    whether it passes, worst first."""
    counts = result.counts()
    out = [_style(f"plancheck {__version__}: {counted(len(results), 'framework')} in "
                  f"{_plain(', '.join(result.paths))}", options, bold=True),
           f"{counted(counts['plans'], 'plan')}, {counted(counts['objectives'], 'objective')}, "
           f"{counted(counts['measures'], 'measure')} read from {counted(len(result.files), 'file')}", ""]
    ranked = sorted(results, key=lambda r: (-r.exit_code, -r.counts()["error"], -r.counts()["warning"],
                                            -r.counts()["info"], r.name.lower()))
    table = _Rows("Frameworks, worst first", ["framework", "plans", "measures", "errors", "warnings", "info",
                                              "result"], [])
    for r in ranked:
        c = r.counts()
        table.rows.append([r.name, c["plans"], c["measures"], c["error"], c["warning"], c["info"],
                           "FAILS" if r.exit_code else "passes"])
    out.extend(_table_lines(table, options, width))
    return out


class _Rows:
    def __init__(self, title, columns, rows, note=""):
        self.title, self.columns, self.rows, self.note = title, columns, rows, note


def _render_one(result, options) -> str:
    width = max(60, options.width)
    verbose = getattr(options, "verbose", False)
    out: list[str] = []
    counts = result.counts()
    title = f"plancheck {__version__}: {_plain(result.name)}"
    out.append(_style(title, options, bold=True))
    out.append(f"{counted(counts['plans'], 'plan')}, {counted(counts['objectives'], 'objective')}, "
               f"{counted(counts['measures'], 'measure')} read from {counted(len(result.files), 'file')}")
    plans = {p.id: p for p in result.framework.plans}
    sources = _object_sources(result.framework)
    for key, findings in plan_groups(result):
        out.append("")
        out.extend(_plan_heading(key, plans, findings, options))
        plan_file = plans[key].source.file if key in plans else None
        for leader, related in merge_related(findings):
            out.extend(_finding_lines(leader, key, plan_file, options, width, verbose, sources))
            out.extend(_related_lines(related, options, width, verbose, key, plan_file))
    out.extend(_tables_part(result, options, width))
    out.append("")
    if result.findings and not verbose:
        out.append(f"Full text and advice: add --verbose, or run 'plancheck explain CODE' (e.g. "
                   f"plancheck explain {worst_first(result.findings)[0].code}).")
    for line in _narrowed_lines(result, width):
        out.append(line)
    out.append(_style(_verdict(result, counts), options, fg="red" if result.exit_code else "green", bold=True))
    if getattr(result, "baselined", 0):
        out.append(f"{counted(result.baselined, 'finding')} recorded in the baseline file "
                   f"{'was' if result.baselined == 1 else 'were'} left out; only new findings are reported.")
    return "\n".join(out) + "\n"


def plan_groups(result) -> list[tuple[str | None, list]]:
    """Findings per plan, worst first: a finding appears under every plan in its ``plans``
    (a conflict between CP and L2011 is shown to both owners); findings about no plan of
    the framework come last, under ``None``."""
    ids = [p.id for p in result.framework.plans]
    groups: dict[str | None, list] = {}
    for f in result.findings:
        involved = [p for p in (f.plans or ((f.plan,) if f.plan else ())) if p in ids]
        for key in involved or [None]:
            groups.setdefault(key, []).append(f)
    order = [p for p in ids if p in groups] + ([None] if None in groups else [])
    return [(key, worst_first(groups[key])) for key in order]


def merge_related(findings) -> list[tuple[object, list]]:
    """Pair each finding with the later (no more serious) findings about the same object.

    A finding whose first object is one the leader names (PC108 suggesting a parent for
    an objective PC106 reports unlinked; PC301 on a milestone measure PC402 already lists)
    is shown as a one-line "also" under the leader instead of on its own.
    """
    out: list[tuple[object, list]] = []
    owner_of: dict[str, int] = {}
    for f in findings:
        first = f.objects[0] if f.objects else None
        lead = out[owner_of[first]][0] if first in owner_of else None
        # Link findings merge only with link findings: their fixes are about other objects.
        if lead is not None and lead.code.startswith("PC1") == f.code.startswith("PC1"):
            out[owner_of[first]][1].append(f)
            continue
        out.append((f, []))
        for obj in f.objects:
            owner_of.setdefault(obj, len(out) - 1)
    return out


def _plan_heading(key, plans, findings, options) -> list[str]:
    n = {s: sum(1 for f in findings if f.severity == s and f.accepted is None) for s in ("error", "warning", "info")}
    if key is None:
        return [_style("Files and the framework as a whole", options, bold=True) + f"  ({count_phrase(n)})"]
    plan = plans[key]
    head = _plain(f"{plan.title or plan.id} ({plan.id})")
    return [_style(head, options, bold=True) + f"  {_plain(plan.source.file)}  ({count_phrase(n)})"]


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s]


_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z'“])")


def _leading_sentences(text: str, limit: int) -> list[str]:
    """``_sentences(text)`` as far as the first one ending after ``limit`` characters, then
    the rest of the text as one piece: enough for a summary that ``limit`` characters hold."""
    out, start = [], 0
    for m in _SENTENCE.finditer(text, 0, limit + 2):  # + 2: the space and the letter after it
        if m.start() > start:
            out.append(text[start:m.start()])
        start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out


def _short(message: str, width: int, first_width: int) -> list[str]:
    """As many whole sentences of ``message`` as fit in two lines (at least the first,
    shortened with an ellipsis when it alone is longer)."""
    text = ""
    indent = "x" * (width - first_width)
    plain = _plain(message)
    simple = _is_simple(plain)
    # Words between single spaces, none longer than a line: two lines hold at most
    # first_width + 1 + width characters, so most trials need no wrapping to decide, and
    # nothing after that many characters can be shown (a long PC201 message lists every plan).
    limit = first_width + 1 + width
    bounded = False
    if simple:
        end = plain.find(" ", limit)
        head = plain if end == -1 else plain[:end]  # whole words only
        bounded = max(map(len, head.split(" ")), default=0) <= min(width, first_width)
    for sentence in (_leading_sentences(plain, limit) if bounded else _sentences(plain)):
        trial = f"{text} {sentence}".strip()
        if text:
            if bounded and len(trial) <= first_width:
                fits = True
            elif bounded and len(trial) > limit:
                fits = False
            else:
                lines = _simple_wrap(trial, width, first_width, simple=simple or None)
                fits = (len(lines) if lines is not None else
                        len(textwrap.wrap(trial, width=width, initial_indent=indent, break_long_words=False,
                                          break_on_hyphens=False))) <= 2
            if not fits:
                break
        text = trial
    wrapped = _simple_wrap(text, width, first_width, cut=True, simple=simple or None)
    if wrapped is not None:
        return wrapped
    wrapped = textwrap.wrap(text, width=width, initial_indent=indent, break_long_words=False,
                            break_on_hyphens=False, max_lines=2, placeholder=" ...")
    if wrapped:
        wrapped[0] = wrapped[0][width - first_width:]
    return wrapped


_OTHER_SPACE = re.compile(r"[^\S ]")  # e.g. a no-break space, which textwrap drops at a line's end


def _is_simple(text: str) -> bool:
    """Words between single spaces: where textwrap (never breaking at hyphens) breaks only at a space."""
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        return False
    # printable ASCII has no whitespace but the space: no need to look for others
    return (text.isascii() and text.isprintable()) or not _OTHER_SPACE.search(text)


def _simple_wrap(text: str, width: int, first_width: int, cut: bool = False,
                 stop: int | None = 2, simple: bool | None = None) -> list[str] | None:
    """What ``textwrap.wrap`` gives (long words kept whole; the first line ``first_width``
    wide, the others ``width``), for text of words between single spaces, which messages
    are; None for any other text, which textwrap itself then wraps. It stops after
    ``stop`` + 1 lines (a caller that only asks whether two lines hold the text); with ``cut``,
    a second line that does not hold the rest ends in " ..." as with ``max_lines=2``.
    A report of 20,000 findings spent most of its time in textwrap."""
    if not (simple if simple is not None else _is_simple(text)):
        return None
    words = text.split(" ") if text else []
    lines: list[str] = []
    line: list[str] = []
    used, room = 0, first_width
    for word in words:
        if not line:
            line, used = [word], len(word)  # a word longer than the line is kept whole
        elif used + 1 + len(word) <= room:
            line.append(word)
            used += 1 + len(word)
        elif cut and lines:
            return _cut(lines, line, width, first_width)
        else:
            lines.append(" ".join(line))
            if stop is not None and len(lines) > stop:
                return lines
            line, used, room = [word], len(word), width
    if line:
        if cut and lines and used > room:  # a second line of one word too long for it
            return _cut(lines, line, width, first_width)
        lines.append(" ".join(line))
    return lines


def _cut(lines: list[str], line: list[str], width: int, first_width: int) -> list[str]:
    """textwrap's ``max_lines`` ending on the second line: as many of its words as leave
    room for " ...", or else " ..." after the first line (or "..." on its own)."""
    used = len(" ".join(line))
    while line:
        if used + 4 <= width:
            return [*lines, " ".join(line) + " ..."]
        used -= len(line.pop()) + (1 if line else 0)
    if len(lines[-1]) + 4 <= first_width:
        return [lines[-1] + " ..."]
    return [*lines, "..."]


def _object_sources(framework) -> dict:
    """Every objective and measure id: (its plan, where it is written)."""
    out: dict = {}
    for o in framework.objectives():
        out.setdefault(o.id, (o.plan_id, o.source))
        for m in o.measures:
            out.setdefault(m.id, (m.plan_id, m.source))
    return out



def _finding_lines(f, key, plan_file, options, width, verbose, sources=None) -> list[str]:
    fg, bold = _STYLE[f.severity]
    source, obj = place_for(f, key, sources or {})
    where = _plain(_where(source, plan_file))
    sev = _style(f"{f.severity:<7}", options, fg=fg, bold=bold)
    code = _style(f.code, options, bold=True) + (" accepted" if f.accepted is not None else "")
    others = [p for p in f.plans if p != key]
    notes = ([_plain(obj)] if obj else []) + ([f"shared with {', '.join(others)}"] if others and len(f.plans) > 1 else [])
    about = f" ({'; '.join(notes)})" if notes else ""
    head = f"  {sev} {code} {where}{about}:" if where or about else f"  {sev} {code}:"
    accepted = (" accepted" if f.accepted is not None else "")
    visible = len(f"  {f.severity:<7} {f.code}{accepted} {where}{about}:") + 1  # without colour codes
    reason = []
    if f.accepted is not None:  # contract section 7: still shown, with why it does not count
        reason = textwrap.wrap(_plain(accepted_text(f.accepted)), width=width - 4, break_long_words=False,
                               break_on_hyphens=False, initial_indent="    ", subsequent_indent="    ")
    if verbose:
        lines = [f"{head} {f.check.replace('-', ' ')}"]
        lines.extend(textwrap.wrap(_plain(f.message), width=width - 4, break_long_words=False,
                                   break_on_hyphens=False, initial_indent="    ", subsequent_indent="    "))
        return lines + reason
    if visible > width // 2:  # a long place (a file in another folder): the message on its own lines
        body = _short(f.message, width - 4, width - 4)
        return [head] + ["    " + b for b in body] + reason
    body = _short(f.message, width, width - visible)
    return ([f"{head} {body[0]}"] + ["    " + b for b in body[1:]] if body else [head]) + reason


def _related_lines(related, options, width, verbose, key, plan_file) -> list[str]:
    if not related:
        return []
    if verbose:
        lines = []
        for f in related:
            lines.extend(_finding_lines(f, key, plan_file, options, width, True))
        return lines
    by_code: dict[str, list] = {}
    for f in related:
        by_code.setdefault(f.code, []).append(f)
    lines = []
    for code, fs in by_code.items():
        objs = ", ".join(dict.fromkeys(f.objects[0] for f in fs))
        text = f"also {code} {fs[0].check.replace('-', ' ')} ({fs[0].severity}): {objs}"
        text = _plain(text)
        fast = _simple_wrap(text, width - 10, width - 8, stop=None)
        lines.extend(["    " + fast[0], *("      " + rest for rest in fast[1:])] if fast else
                     textwrap.wrap(text, width=width - 4, initial_indent="    ", subsequent_indent="      ",
                                   break_long_words=False, break_on_hyphens=False))
    return lines


def _tables_part(result, options, width) -> list[str]:
    tables = [t for t in result.summaries.values()
              if t is not None and hasattr(t, "rows") and t.rows]
    out: list[str] = []
    # Progress against targets is always shown when there is any: it is the report of
    # what was achieved that the other tables only summarise (the inspection's finding).
    for table in [t for t in tables if getattr(t, "charts", None)]:
        out.append("")
        out.extend(progress_lines(table, options, width))
    tables = [t for t in tables if not getattr(t, "charts", None)]
    if not tables:
        return out
    if getattr(options, "tables", False) or getattr(options, "verbose", False):
        for table in tables:
            out.append("")
            out.extend(_table_lines(table, options, width))
        return out
    names = "; ".join(f"{_plain(t.title).lower()} ({counted(len(t.rows), 'row')})" for t in tables)
    out.append("")
    out.extend(textwrap.wrap(f"Tables: {names}. Show them with --tables.", width=width,
                             break_long_words=False))
    return out


def _code_ranges(codes: list[str], universe: list[str]) -> str:
    """``PC201-PC208, PC301`` for runs of consecutive codes in ``universe``."""
    index = {c: i for i, c in enumerate(universe)}
    codes = sorted(codes, key=lambda c: index.get(c, 10**6))
    parts: list[list[str]] = []
    for c in codes:
        if parts and index.get(c, -5) == index.get(parts[-1][-1], -9) + 1:
            parts[-1].append(c)
        else:
            parts.append([c])
    return ", ".join(p[0] if len(p) == 1 else f"{p[0]}-{p[-1]}" for p in parts)


def _narrowed_lines(result, width) -> list[str]:
    """A line saying which checks ran, when not all of them did, and which run at another severity."""
    not_run = list(getattr(result, "not_run", []) or [])
    changed = dict(getattr(result, "severity_changed", {}) or {})
    if not not_run and not changed:
        return []
    ran = [c.code for c in result.checks if c.code not in not_run]
    universe = sorted(set(ran) | set(not_run))
    parts = []
    if not_run:
        parts.append(f"Only {len(ran)} of {len(universe)} checks ran: {_code_ranges(ran, universe) or 'none'} "
                     f"(not run: {_code_ranges(not_run, universe)}; see --select/--ignore and the settings' "
                     "select, ignore and severity).")
    if changed:
        parts.append("Severity changed by the settings: "
                     + ", ".join(f"{code} {sev}" for code, sev in sorted(changed.items())) + ".")
    return textwrap.wrap(" ".join(parts), width=width, break_long_words=False)


def _verdict(result, counts) -> str:
    verdict = "FAILS" if result.exit_code else "passes"
    threshold = "" if result.fail_on == "never" else f" (fails on {result.fail_on}s)"
    if result.fail_on == "never":
        threshold = " (--fail-on never)"
    plans_phrase = counted(counts["plans"], "plan")
    partial = " the checks that ran" if getattr(result, "not_run", None) else ""
    if not result.findings:
        return f"No problems found in {plans_phrase}: the framework passes{partial}."
    return f"{count_phrase(counts)} in {plans_phrase}: the framework {verdict}{partial}{threshold}."


def accepted_text(accepted) -> str:
    """``Accepted (does not count): <reason> (by Cabinet, until 2011/12)``."""
    extra = ", ".join(x for x in (f"by {accepted.by}" if accepted.by else "",
                                  f"until {accepted.until}" if accepted.until else "") if x)
    return f"Accepted (does not count): {accepted.reason}" + (f" ({extra})" if extra else "")


_STATUS_STYLE = {"met": "green", "on-track": "green", "missed": "red", "off-track": "red",
                 "near-miss": "yellow", "no-actual": "yellow"}


def progress_lines(table, options, width) -> list[str]:
    """The progress table, one block per indicator: its baseline(s) and actuals once, then
    each plan's targets side by side with their status."""
    lines = [_style(_plain(table.title), options, bold=True)]
    for chart in table.charts:
        lines.append("  " + _style(_plain(chart["label"]), options, bold=True))
        bases = "; ".join(f"{b['measure']} {_cell(b['value'])} ({b['year']})" for b in chart["baselines"])
        acts = "; ".join(f"{a['year']}: {_cell(a['value'])}" for a in chart["actuals"])
        for text in (f"baseline: {bases}" if bases else "", f"actuals: {acts}" if acts else ""):
            if text:
                lines.extend(textwrap.wrap(_plain(text), width=width - 4, initial_indent="    ",
                                           subsequent_indent="      ", break_on_hyphens=False))
        tw = max((len(f"{t['plan']} {t['measure']}") for t in chart["targets"]), default=0)
        for t in chart["targets"]:
            head = f"{t['plan']} {t['measure']}".ljust(tw)
            target = f"{_cell(t['value'])} by {t['year']}".ljust(16)
            word = _style(t["word"], options, fg=_STATUS_STYLE.get(t["status"]))
            lines.append(f"    {_plain(head)}  {target} {word}")
    if table.note:
        lines.extend("  " + w for w in textwrap.wrap(table.note, width=width - 2))
    return lines


def _table_lines(table, options, width) -> list[str]:
    cells = [[str(c) for c in table.columns]] + [[_cell(v) for v in row] for row in table.rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(table.columns))]
    lines = [_style(_plain(table.title), options, bold=True)]

    if sum(widths) + 2 * len(widths) > width:
        return lines + _records(table, cells, width)
    numeric = [i > 0 and all(_NUMERIC.match(r[i]) for r in cells[1:]) for i in range(len(widths))]

    def fmt(row):
        parts = [v.rjust(widths[i]) if numeric[i] else v.ljust(widths[i]) for i, v in enumerate(row)]
        return "  " + "  ".join(parts).rstrip()

    lines.append(fmt(cells[0]))
    lines.append("  " + "  ".join("-" * w for w in widths))
    lines.extend(fmt(r) for r in cells[1:])
    if table.note:
        lines.extend("  " + w for w in textwrap.wrap(table.note, width=width - 2))
    return lines


def _records(table, cells, width) -> list[str]:
    """A table too wide for the screen, one block per row: the first column as its
    heading, the others as 'column: value' lines."""
    out = []
    names = cells[0]
    for row in cells[1:]:
        out.append("  " + row[0])
        for name, value in zip(names[1:], row[1:], strict=False):
            if value in ("", "-"):
                continue
            out.extend(textwrap.wrap(f"{name}: {value}", width=width - 4, initial_indent="    ",
                                     subsequent_indent="      ", break_on_hyphens=False))
    if table.note:
        out.extend("  " + w for w in textwrap.wrap(table.note, width=width - 2))
    return out


def _cell(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    return _plain(str(value))
