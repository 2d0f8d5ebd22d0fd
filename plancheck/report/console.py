"""The console report, written for a policy officer.

Findings are grouped by plan, worst first within each place in the file; every line
says where to look in plain words; summary tables follow; the last line says whether
the framework passes. Colour is added only when the caller says the output is a terminal.
"""

from __future__ import annotations

import re
import textwrap

from ..version import __version__

_STYLE = {"error": ("red", True), "warning": ("yellow", True), "info": ("cyan", False)}
_NUMERIC = re.compile(r"^[\d\s/().,%-]*(?:of[\d\s/().,%-]*)?$")
_PLURAL = {"error": "errors", "warning": "warnings", "info": "info"}
# Line breaks, tabs and terminal control characters (ESC starts sequences that can retitle or
# recolour the terminal), and bidi overrides that reorder what is shown: plan text gets a space.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _plain(text: str) -> str:
    """Text from the plans on one line, with nothing a terminal would act on."""
    return _CONTROL.sub(" ", text)


def _style(text: str, options, fg: str | None = None, bold: bool = False) -> str:
    if not options.color:
        return text
    import click  # startup: click only styles when colour is on

    return click.style(text, fg=fg, bold=bold)


def _where(source, plan_file: str | None) -> str:
    if source is None:
        return ""
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
    width = max(60, options.width)
    out: list[str] = []
    counts = result.counts()
    title = f"plancheck {__version__}: {_plain(result.name)}"
    out.append(_style(title, options, bold=True))
    out.append(f"{counted(counts['plans'], 'plan')}, {counted(counts['objectives'], 'objective')}, "
               f"{counted(counts['measures'], 'measure')} read from {counted(len(result.files), 'file')}")
    plans = {p.id: p for p in result.framework.plans}
    groups: dict[str | None, list] = {}
    for f in result.findings:
        key = f.plan if f.plan in plans else None
        groups.setdefault(key, []).append(f)
    order = [p.id for p in result.framework.plans if p.id in groups]
    if None in groups:
        order.append(None)
    for key in order:
        out.append("")
        if key is None:
            out.append(_style("Files and the framework as a whole", options, bold=True))
            plan_file = None
        else:
            plan = plans[key]
            plan_file = plan.source.file
            head = _plain(f"{plan.title or plan.id} ({plan.id})")
            out.append(_style(head, options, bold=True) + f"  {_plain(plan_file)}")
        for f in groups[key]:
            out.extend(_finding_lines(f, plan_file, options, width))
    for table in result.summaries.values():
        if table is None or not hasattr(table, "rows") or not table.rows:
            continue
        out.append("")
        out.extend(_table_lines(table, options, width))
    out.append("")
    verdict = "FAILS" if result.exit_code else "passes"
    threshold = "" if result.fail_on == "never" else f" (fails on {result.fail_on}s)"
    if result.fail_on == "never":
        threshold = " (--fail-on never)"
    plans_phrase = counted(counts["plans"], "plan")
    line = f"{count_phrase(counts)} in {plans_phrase}: the framework {verdict}{threshold}."
    if not result.findings:
        line = f"No problems found in {plans_phrase}: the framework passes."
    colour = "red" if result.exit_code else "green"
    out.append(_style(line, options, fg=colour, bold=True))
    if result.baselined:
        out.append(f"{counted(result.baselined, 'finding')} recorded in the baseline file "
                   f"{'was' if result.baselined == 1 else 'were'} left out; only new findings are reported.")
    return "\n".join(out) + "\n"


def _finding_lines(f, plan_file, options, width) -> list[str]:
    fg, bold = _STYLE[f.severity]
    where = _plain(_where(f.source, plan_file))
    sev = _style(f"{f.severity:<7}", options, fg=fg, bold=bold)
    head = f"  {sev} {where}" if where else f"  {sev}"
    label = f"{f.check.replace('-', ' ')} [{f.code}]"
    if f.accepted is not None:
        label += " accepted"
    lines = [f"{head}  {_style(label, options, bold=True)}"]
    wrapped = textwrap.wrap(_plain(f.message), width=width - 4, break_long_words=False, break_on_hyphens=False)
    lines.extend("    " + w for w in wrapped)
    if f.accepted is not None:
        lines.extend("    " + w for w in textwrap.wrap(_plain(accepted_text(f.accepted)), width=width - 4,
                                                         break_long_words=False, break_on_hyphens=False))
    return lines


def accepted_text(accepted) -> str:
    """``Accepted (does not count): <reason> (by Cabinet, until 2011/12)``."""
    extra = ", ".join(x for x in (f"by {accepted.by}" if accepted.by else "",
                                  f"until {accepted.until}" if accepted.until else "") if x)
    return f"Accepted (does not count): {accepted.reason}" + (f" ({extra})" if extra else "")


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
