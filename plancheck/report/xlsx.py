"""The partner workbook: a report a partnership officer can filter, sort and act on.

Sheets: Summary (counts and the worst problems), Findings (one row per finding, a
filterable table coloured by severity), Traceability (which objective supports which,
per plan pair), Targets (each indicator across plans, year by year) and Checks (what
every check that ran looks for). When a check family adds an ``indicators`` summary
table it is copied to an Indicators sheet as it is; the Targets sheet itself is built
from the framework, so it needs nothing from other modules but the model.

Every text cell is written as text (``plancheck.sheets.put``), so a plan title such as
``=1+1`` can never become a formula in a partner's spreadsheet.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import re
import zipfile
from pathlib import Path

from ..catalogue import normalise_code
from ..files import FileError, read_regular
from ..findings import worst_first
from ..sheets import clean_text, put
from ..version import __version__
from ._common import place_for

SEVERITY_LABEL = {"error": "Error", "warning": "Warning", "info": "Information"}
# Light row tint and strong text colour per severity.
ROW_FILL = {"error": "FDE2E1", "warning": "FFF2CC", "info": "E4EEF8"}
TEXT_COLOUR = {"error": "B00020", "warning": "8A5A00", "info": "1F4E79"}
HEADER_FILL = "1F4E79"
FLAG_FILL = "F8CBAD"  # a row that needs attention (unlinked, conflicting)
SOFT_FILL = "FCE4D6"
CATEGORY_LABEL = {
    "input": "Plan data that could not be read",
    "broken-link": "Links to something that does not exist",
    "missing-link": "Missing links between plans",
    "suggested-link": "Links that seem to be missing",
    "target-conflict": "Conflicting targets",
    "missing-baseline": "Missing baselines",
    "missing-target": "Missing targets",
    "no-outcome-measure": "Objectives without an outcome measure",
    "accountability": "No one named as lead",
}
WORST_SHOWN = 10


def _styles():
    from openpyxl.styles import (  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
        Alignment,
        Border,
        Font,
        PatternFill,
        Side,
    )

    thin = Side(style="thin", color="BFBFBF")
    return {
        "Alignment": Alignment, "Font": Font, "PatternFill": PatternFill,
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "top": Alignment(vertical="top"),
        "header_font": Font(bold=True, color="FFFFFF"),
        "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
        "bold": Font(bold=True),
        "title": Font(bold=True, size=16, color=HEADER_FILL),
        "subtitle": Font(bold=True, size=12, color=HEADER_FILL),
        "border": Border(bottom=thin),
        "group_top": Border(top=Side(style="thin", color="808080")),
        "centre": Alignment(horizontal="center", vertical="top"),
    }


def _fill(colour: str):
    from openpyxl.styles import (
        PatternFill,  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
    )

    return PatternFill("solid", fgColor=colour)


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs at a column width (characters), counting newlines."""
    chars = max(8.0, width * 1.15)
    return sum(max(1, math.ceil(len(part) / chars)) for part in str(text).split("\n"))


def _fit_row(ws, row: int, texts_widths: list[tuple[str, float]]) -> None:
    """Set a row's height for its longest wrapped cell (Excel does not fit rows itself)."""
    lines = max((_lines(t, w) for t, w in texts_widths if t), default=1)
    if lines > 1:
        ws.row_dimensions[row].height = 15 * lines + 3


def _page_setup(ws, *, title_rows: str | None = "1:1", landscape: bool = True) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "&A, page &P of &N"


def _header(ws, row: int, columns: list[tuple[str, float]], st) -> None:
    from openpyxl.utils import (
        get_column_letter,  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
    )

    for i, (name, width) in enumerate(columns, 1):
        put(ws, row, i, name, font=st["header_font"], fill=st["header_fill"], alignment=st["wrap"])
        ws.column_dimensions[get_column_letter(i)].width = width
    _fit_row(ws, row, [(name, width - 1) for name, width in columns])


def _add_table(ws, name: str, n_cols: int, last_row: int, first_row: int = 1) -> None:
    from openpyxl.utils import (
        get_column_letter,  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
    )
    from openpyxl.worksheet.table import (  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
        Table,
        TableStyleInfo,
    )

    table = Table(displayName=name, ref=f"A{first_row}:{get_column_letter(n_cols)}{max(last_row, first_row + 1)}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(table)


def _fix_advice(check) -> str:
    """The "Fix:" paragraph of a check's documentation, when it has one."""
    body = check.body if check is not None else ""
    m = re.search(r"(?:^|\n)\s*Fix:\s*(.+?)(?:\n\s*\n|$)", body, re.DOTALL)
    text = re.sub(r"``(.+?)``", r"\1", " ".join(m.group(1).split())) if m else ""
    return text[:1].upper() + text[1:]


# -- Summary -------------------------------------------------------------------------------
def _results(result) -> list:
    """One run result per framework (contract section 1a); one for a single framework."""
    return list(getattr(result, "results", [result]))


def _several(result) -> bool:
    return len(_results(result)) > 1


def _summary_sheet(wb, result, st, when: _dt.datetime) -> None:
    ws = wb.active
    ws.title = "Summary"
    widths = {"A": 44, "B": 12, "C": 12, "D": 12, "E": 12, "F": 40}
    for col, w in widths.items():
        ws.column_dimensions[col].width = w
    counts = result.counts()
    put(ws, 1, 1, "Plan consistency report", font=st["title"])
    put(ws, 2, 1, result.name or "Framework", font=st["subtitle"])
    verdict = ("Does not pass: there are problems to fix (see the Findings sheet)" if result.exit_code
               else "Passes: no problem serious enough to fail the check")
    facts = [
        ("Checked on", when.strftime("%d %B %Y")),
        ("Plans checked", counts["plans"]),
        ("Objectives", counts["objectives"]),
        ("Measures", counts["measures"]),
        ("Errors (must fix)", counts["error"]),
        ("Warnings (should fix)", counts["warning"]),
        ("Information (worth a look)", counts["info"]),
        ("Accepted (agreed differences, not counted)", counts["accepted"]),
        ("Result", verdict),
        ("Made by", f"plancheck {__version__}"),
    ]
    row = 4
    for label, value in facts:
        put(ws, row, 1, label, font=st["bold"])
        cell = put(ws, row, 2, value, alignment=st["Alignment"](horizontal="left"))
        if label == "Result":
            cell.font = st["Font"](bold=True, color=TEXT_COLOUR["error"] if result.exit_code else "2E7D32")
        row += 1
    row += 1
    put(ws, row, 1, "How to use this workbook", font=st["subtitle"])
    row += 1
    for line in (
        "Findings: every problem, one per row, worst first. Use the arrows in the header row "
        "to filter by plan, severity or kind of problem.",
        "Traceability: which objective supports which, plan by plan. Orange rows have no link.",
        "A problem that involves several plans (a conflict between two plans' targets) has a row "
        "for each of them, so filtering by your plan shows everything your plan is part of.",
        "Status, Owner, Due date and Comment (on the right of Findings) are for your answers. "
        "Re-run plancheck with --responses and this file to carry them into the next report.",
        "Traceability: which objective supports which, plan by plan. Orange rows have no link.",
        "Targets: every measure of an indicator used in more than one place, year by year. "
        "Orange rows have conflicting targets.",
        "Indicators: which measures plancheck treated as one indicator, and why.",
        "Checks: what each check looks for and how to fix what it finds.",
    ):
        put(ws, row, 1, line, alignment=st["wrap"])
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        _fit_row(ws, row, [(line, 125)])
        row += 1
    row += 1
    row = _count_table(ws, row, "Problems by plan", _by_plan(result), st)
    note = "A problem that involves several plans is counted under each of them."
    put(ws, row, 1, note, font=st["Font"](italic=True, color="595959"))
    row += 2
    row = _count_table(ws, row, "Problems by kind", _by_category(result), st)
    row += 1
    put(ws, row, 1, f"The {WORST_SHOWN} most serious problems" if len(result.findings) > WORST_SHOWN
        else "The most serious problems", font=st["subtitle"])
    row += 1
    if not result.findings:
        put(ws, row, 1, "No problems were found.")
    else:
        for col, name in ((1, "Plan"), (2, "Severity"), (3, "Problem")):
            put(ws, row, col, name, font=st["header_font"], fill=st["header_fill"])
        for col in range(4, 7):
            ws.cell(row=row, column=col).fill = st["header_fill"]
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=6)
        row += 1
        plans = {(r.name, p.id): p for r in _results(result) for p in r.framework.plans}
        several = _several(result)
        for f in [f for f in worst_first(result.findings) if f.accepted is None][:WORST_SHOWN]:
            plan = plans.get((f.framework if several else result.name, f.plan))
            also = [p for p in plans_of(f) if p != f.plan]
            label = f"{plan.title} ({plan.id})" if plan else (f.plan or "Whole framework")
            put(ws, row, 1, label + (f", also {', '.join(also)}" if also else ""), alignment=st["wrap"])
            put(ws, row, 2, SEVERITY_LABEL[f.severity], alignment=st["top"],
                font=st["Font"](bold=True, color=TEXT_COLOUR[f.severity]))
            put(ws, row, 3, f.message, alignment=st["wrap"])
            ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=6)
            for col in range(1, 7):
                ws.cell(row=row, column=col).fill = _fill(ROW_FILL[f.severity])
            _fit_row(ws, row, [(f.message, 76), (ws.cell(row=row, column=1).value, 44)])
            row += 1
    _page_setup(ws, title_rows=None, landscape=False)


def plans_of(finding) -> tuple[str, ...]:
    """Every plan a finding involves, its own plan first (contract v2 ``plans``)."""
    return tuple(finding.plans) or ((finding.plan,) if finding.plan else ())


def _by_plan(result) -> list[tuple[str, list]]:
    """Findings per plan: a finding is counted under every plan it involves."""
    rows = []
    several = _several(result)
    for r in _results(result):  # per framework: plan ids repeat from area to area
        prefix = f"{r.name}: " if several else ""
        for p in r.framework.plans:
            rows.append((prefix + (f"{p.title} ({p.id})" if p.title else p.id),
                         [f for f in r.findings if p.id in plans_of(f)]))
        ids = {p.id for p in r.framework.plans}
        rest = [f for f in r.findings if not ids & set(plans_of(f))]
        if rest:
            rows.append((prefix + "Files and the framework as a whole", rest))
    return rows


def _by_category(result) -> list[tuple[str, list]]:
    rows = []
    for category, label in CATEGORY_LABEL.items():
        found = [f for f in result.findings if f.category == category]
        if found:
            rows.append((label, found))
    return rows


def _count_table(ws, row: int, title: str, groups, st) -> int:
    put(ws, row, 1, title, font=st["subtitle"])
    row += 1
    for col, name in enumerate(("", "Errors", "Warnings", "Information", "Total"), 1):
        put(ws, row, col, name, font=st["header_font"], fill=st["header_fill"],
            alignment=st["Alignment"](horizontal="center" if col > 1 else "left"))
    row += 1
    if not groups:
        put(ws, row, 1, "None")
        return row + 1
    for label, found in groups:
        put(ws, row, 1, label, alignment=st["wrap"])
        for col, sev in enumerate(("error", "warning", "info"), 2):
            n = sum(1 for f in found if f.severity == sev and f.accepted is None)
            cell = put(ws, row, col, n, alignment=st["centre"])
            if n:
                cell.font = st["Font"](bold=True, color=TEXT_COLOUR[sev])
        put(ws, row, 5, sum(1 for f in found if f.accepted is None), font=st["bold"], alignment=st["centre"])
        for col in range(1, 6):
            ws.cell(row=row, column=col).border = st["border"]
        _fit_row(ws, row, [(label, 44)])
        row += 1
    return row


# -- Findings ------------------------------------------------------------------------------
FINDING_COLUMNS = [
    ("Severity", 11), ("Code", 8), ("Check", 18), ("Kind of problem", 18), ("Plan", 9),
    ("Also involves", 11), ("Plan items", 16), ("Problem", 52), ("Where to fix it", 26), ("How to fix it", 42),
    ("Accepted because", 30),
]
RESPONSE_COLUMNS = [("Status", 16), ("Owner", 16), ("Due date", 12), ("Comment", 34), ("Reference (keep)", 12)]
STATUSES = ("Not started", "In progress", "Fixed in the plan", "Agreed difference", "Disagree")
RESPONSE_FILL = "F2F2F2"


def finding_rows(result) -> list[tuple[object, str]]:
    """(finding, plan) for every row of the Findings sheet: worst first, and one row for
    each plan a finding involves, so a partner filtering by their plan sees all of them."""
    out = []
    for f in worst_first(result.findings):
        for plan in plans_of(f) or ("",):
            out.append((f, plan))
    return out


def fix_text(finding, check) -> str:
    """What to do: the finding's own advice when the check gives it, else the check's."""
    details = finding.details if isinstance(finding.details, dict) else {}
    own = details.get("fix")
    return own if isinstance(own, str) and own else _fix_advice(check)


def where_to_fix(source) -> str:
    """The place in the form the plan is kept in: sheet and row of a workbook, file and
    row of a CSV file, file and line of a YAML file."""
    if source is None:
        return ""
    name = source.file.replace("\\", "/").rsplit("/", 1)[-1]
    if source.sheet is not None:
        row = "".join(ch for ch in (source.cell or "") if ch.isdigit())
        return f"{name}: sheet {source.sheet}" + (f", row {row}" if row else "")
    if name.lower().endswith(".csv"):
        return f"{name}: row {source.line}" if source.line else name
    return f"{name}: line {source.line}" if source.line else name


def object_sources(framework) -> dict[str, tuple[str, object]]:
    """Every objective and measure id: (its plan, where it is written)."""
    out: dict[str, tuple[str, object]] = {}
    for o in framework.objectives():
        out.setdefault(o.id, (o.plan_id, o.source))
        for m in o.measures:
            out.setdefault(m.id, (m.plan_id, m.source))
    return out



def _findings_sheet(wb, result, st, answers: dict | None = None) -> None:
    from openpyxl.worksheet.datavalidation import (
        DataValidation,  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
    )

    ws = wb.create_sheet("Findings")
    several = _several(result)
    # With several frameworks, the framework of each row comes last (after the answers).
    columns = FINDING_COLUMNS + RESPONSE_COLUMNS + ([("Framework", 30)] if several else [])
    _header(ws, 1, columns, st)
    first_response = len(FINDING_COLUMNS) + 1
    for col in range(first_response, first_response + len(RESPONSE_COLUMNS)):
        ws.cell(row=1, column=col).fill = _fill("2E75B6")
    checks = {c.code: c for c in result.checks}
    answers = answers or {}
    sources = {r.name: object_sources(r.framework) for r in _results(result)} if several else {
        "": object_sources(result.framework)}
    row = 2
    for f, plan in finding_rows(result):
        others = [p for p in plans_of(f) if p != plan]
        source, obj = place_for(f, plan, sources.get(f.framework if several else "", {}))
        where = where_to_fix(source) + (f" ({obj})" if obj else "")
        values = [SEVERITY_LABEL[f.severity], f.code, f.check.replace("-", " "),
                  CATEGORY_LABEL.get(f.category, f.category), plan, ", ".join(others), ", ".join(f.objects),
                  f.message, where, fix_text(f, checks.get(f.code)), _accepted(f)]
        fill = _fill(ROW_FILL[f.severity])
        for col, value in enumerate(values, 1):
            cell = put(ws, row, col, value, alignment=st["wrap"], fill=fill)
            if col == 1:
                cell.font = st["Font"](bold=True, color=TEXT_COLOUR[f.severity])
        key = (f.fingerprint, plan or None)
        given = answers[key] if key in answers else answers.get((f.fingerprint, None)) or {}
        _response_cells(ws, row, first_response, given, f.fingerprint, st)
        if several:
            put(ws, row, len(columns), f.framework, alignment=st["wrap"], fill=fill)
        _fit_row(ws, row, [(v, w) for v, (_, w) in zip(values, FINDING_COLUMNS, strict=True)]
                 + [(str(given.get("Comment") or ""), 34)])
        row += 1
    if not result.findings:
        put(ws, 2, 8, "No problems were found.")
        row = 3
    status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="Status",
                            error="Choose a status from the list.")
    status.add(f"{_letter(first_response)}2:{_letter(first_response)}{max(row - 1, 2) + 200}")
    due = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                         showErrorMessage=True, errorTitle="Due date", error="Type a date, e.g. 31/03/2010.")
    due.add(f"{_letter(first_response + 2)}2:{_letter(first_response + 2)}{max(row - 1, 2) + 200}")
    ws.add_data_validation(status)
    ws.add_data_validation(due)
    _add_table(ws, "Findings", len(columns), row - 1)
    ws.freeze_panes = "C2"
    _page_setup(ws)


def _accepted(f) -> str:
    """The reason a finding was accepted (it then does not count), else empty."""
    a = f.accepted
    if a is None:
        return ""
    extra = ", ".join(x for x in (f"by {a.by}" if a.by else "", f"until {a.until}" if a.until else "") if x)
    return a.reason + (f" ({extra})" if extra else "")


def _letter(col: int) -> str:
    from openpyxl.utils import (
        get_column_letter,  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
    )

    return get_column_letter(col)


def _response_cells(ws, row: int, first: int, given: dict, fingerprint: str, st) -> None:
    for offset, (name, _width) in enumerate(RESPONSE_COLUMNS[:-1]):
        value = given.get(name)
        cell = put(ws, row, first + offset, value if value not in (None, "") else None, alignment=st["wrap"],
                   fill=_fill(RESPONSE_FILL))
        if name == "Due date":
            cell.number_format = "DD/MM/YYYY"
    put(ws, row, first + len(RESPONSE_COLUMNS) - 1, fingerprint, alignment=st["top"],
        font=st["Font"](color="808080", size=8))


# -- Responses from an earlier workbook ------------------------------------------------------
MAX_RESPONSE_BYTES = 50 * 1024 * 1024  # a findings workbook is well under a megabyte
MAX_RESPONSE_UNPACKED = 200 * 1024 * 1024
MAX_RESPONSE_ROWS = 100_000


def read_responses(path) -> dict:
    """The answers typed into an earlier findings workbook: (fingerprint, plan) -> values.

    The file is only read, never written; it is refused (ValueError) when it is not a
    workbook of a sensible size or has no Findings sheet with a Reference column. Every
    earlier row is kept, answered or not, so each plan's owner keeps their own answer to
    a shared finding; the first answer to a finding is also kept under (fingerprint,
    None), for a row whose plan had no row of that finding before.
    """
    from openpyxl import (
        load_workbook,  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
    )

    try:  # a regular file within the limit only: a FIFO or /dev/zero is refused, not read
        file = io.BytesIO(read_regular(Path(path), MAX_RESPONSE_BYTES))
    except FileError as exc:
        raise ValueError(f"--responses {path}: {exc}") from None
    try:
        with zipfile.ZipFile(file) as z:
            if sum(i.file_size for i in z.infolist()) > MAX_RESPONSE_UNPACKED:
                raise ValueError(f"--responses {path}: the workbook unpacks to too much data")
        wb = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, NotImplementedError, EOFError) as exc:
        raise ValueError(f"--responses {path}: not a workbook plancheck can read ({exc})") from None
    try:
        if "Findings" not in wb.sheetnames:
            raise ValueError(f"--responses {path}: no Findings sheet; give a workbook plancheck wrote")
        rows = wb["Findings"].iter_rows(values_only=True)
        header = [str(v).strip() if v is not None else "" for v in next(rows, ())]
        if "Reference (keep)" not in header:
            raise ValueError(f"--responses {path}: the Findings sheet has no 'Reference (keep)' column")
        ref = header.index("Reference (keep)")
        plan_col = header.index("Plan") if "Plan" in header else None
        wanted = {name: header.index(name) for name, _ in RESPONSE_COLUMNS[:-1] if name in header}
        out: dict = {}
        for n, values in enumerate(rows):
            if n >= MAX_RESPONSE_ROWS:
                break
            if ref >= len(values) or not values[ref]:
                continue
            given = {name: values[i] for name, i in wanted.items() if i < len(values) and values[i] not in (None, "")}
            given = {k: v if isinstance(v, (_dt.date, int, float)) else str(v)[:5000] for k, v in given.items()}
            plan = values[plan_col] if plan_col is not None and plan_col < len(values) else None
            out[(str(values[ref]), str(plan) if plan else None)] = given
            if given:
                out.setdefault((str(values[ref]), None), given)
        return out
    finally:
        wb.close()


# -- Traceability --------------------------------------------------------------------------
TRACE_COLUMNS = [
    ("Plan", 12), ("Objective", 12), ("Objective title", 44), ("Supports (plan)", 14),
    ("Supported objective", 14), ("Supported objective title", 44), ("Link", 34),
]


def trace_rows(framework) -> list[tuple[list, str]]:
    """Rows of the Traceability sheet with a flag: ``ok``, ``local``, ``missing``, ``broken``, ``undelivered``.

    One block per pair of plans (a plan and each plan it derives from or links into):
    every objective of the plan with the parent objectives it supports, then the parent
    objectives nothing in the plan supports.
    """
    plans = {p.id: p for p in framework.plans}
    owner = {o.id: o for o in framework.objectives()}
    out: list[tuple[list, str]] = []
    for plan in framework.plans:
        parents = list(dict.fromkeys(
            [d for d in plan.derives_from if d in plans]
            + [owner[s].plan_id for o in plan.objectives for s in o.supports
               if s in owner and owner[s].plan_id != plan.id]))
        broken_done: set[str] = set()
        for parent_id in parents:
            parent = plans[parent_id]
            required = parent_id in plan.derives_from
            delivered: set[str] = set()
            for o in plan.objectives:
                links = [owner[s] for s in o.supports if s in owner and owner[s].plan_id == parent_id]
                for target in links:
                    delivered.add(target.id)
                    out.append(([plan.id, o.id, o.title, parent_id, target.id, target.title, "Linked"], "ok"))
                missing = [s for s in o.supports if s not in owner]
                if missing and o.id not in broken_done:
                    broken_done.add(o.id)
                    out.append(([plan.id, o.id, o.title, "", ", ".join(missing), "",
                                 f"Links to {', '.join(missing)}, which does not exist"], "broken"))
                if links or not required:
                    continue
                if o.local:
                    out.append(([plan.id, o.id, o.title, parent_id, "", "", "Local objective: no link needed"],
                                "local"))
                elif not any(s in owner and owner[s].plan_id == parent_id for s in o.supports):
                    out.append(([plan.id, o.id, o.title, parent_id, "", "",
                                 f"No link to {parent.title or parent_id}"], "missing"))
            if required:
                for po in parent.objectives:
                    if po.id not in delivered:
                        out.append(([plan.id, "", "", parent_id, po.id, po.title,
                                     f"Nothing in {plan.title or plan.id} supports this"], "undelivered"))
    return out


def _traceability_sheet(wb, result, st) -> None:
    ws = wb.create_sheet("Traceability")
    several = _several(result)
    columns = ([("Framework", 26)] if several else []) + TRACE_COLUMNS
    _header(ws, 1, columns, st)
    rows = [(([r.name] if several else []) + values, flag)
            for r in _results(result) for values, flag in trace_rows(r.framework)]
    link_col = len(columns)
    fills = {"missing": _fill(FLAG_FILL), "broken": _fill(ROW_FILL["error"]), "undelivered": _fill(SOFT_FILL)}
    row = 2
    for values, flag in rows:
        for col, value in enumerate(values, 1):
            cell = put(ws, row, col, value, alignment=st["wrap"])
            if flag in fills:
                cell.fill = fills[flag]
            if col == link_col and flag in fills:
                cell.font = st["bold"]
        _fit_row(ws, row, [(v, w) for v, (_, w) in zip(values, columns, strict=True)])
        row += 1
    if not rows:
        put(ws, 2, 3, "No plan names a parent plan (derives_from) and no objective supports another.")
        row = 3
    _add_table(ws, "Traceability", len(columns), row - 1)
    ws.freeze_panes = "A2"
    _page_setup(ws)


# -- Targets -------------------------------------------------------------------------------
def _indicator_key(code: str):
    m = re.match(r"^([A-Z ]*?)\s*(\d{1,18})(.*)$", code) if len(code) <= 40 else None  # codes are short
    return (m.group(1), int(m.group(2)), m.group(3)) if m else (code, 0, "")


def indicator_groups(framework) -> dict[str, list]:
    """Measures grouped by normalised indicator code (``NI151`` and ``NI 151`` together)."""
    groups: dict[str, list] = {}
    for m in framework.measures():
        if m.indicator:
            groups.setdefault(normalise_code(m.indicator), []).append(m)
    return dict(sorted(groups.items(), key=lambda kv: _indicator_key(kv[0])))


def target_groups(result) -> list[tuple[str, list]]:
    """The Targets sheet's groups: first every indicator the checks found in more than one
    place (the ``indicators`` summary: by code or by title), then the other measures that
    name an indicator code, one group per code."""
    measures = {m.id: m for m in result.framework.measures()}
    out: list[tuple[str, list]] = []
    placed: set[str] = set()
    table = (result.summaries or {}).get("indicators")
    columns = [str(c) for c in getattr(table, "columns", [])]
    if table is not None and "measures" in columns and "indicator" in columns:
        ind, mcol = columns.index("indicator"), columns.index("measures")
        for row in table.rows:
            ids = [i.strip() for i in str(row[mcol] or "").split(",") if i.strip() in measures]
            if ids:
                out.append((str(row[ind]).strip("'"), [measures[i] for i in ids]))
                placed.update(ids)
    for code, ms in indicator_groups(result.framework).items():
        rest = [m for m in ms if m.id not in placed]
        if rest:
            out.append((code, rest))
            placed.update(m.id for m in rest)
    return out


def chronological(years: dict) -> list[str]:
    """Year labels in the order the periods start: 2008/09 (April 2008), 2009/10, 2010
    (January 2010), 2010/11."""
    return sorted(years, key=lambda label: (years[label].start, 4 if years[label].financial else 1))


def _value_cell(value):
    if value is None or value.status == "blank":
        return ""
    if value.status == "number" and value.number is not None:
        return value.number
    return value.raw


def _targets_sheet(wb, result, st) -> None:
    ws = wb.create_sheet("Targets")
    several = _several(result)
    # Per framework (plan and measure ids repeat from area to area), the framework named.
    framed = [(r.name, label, ms) for r in _results(result) for label, ms in target_groups(r)]
    groups = [(label, ms) for _, label, ms in framed]
    years = {}
    for _, measures in groups:
        for m in measures:
            for t in m.targets:
                if t.year is not None:
                    years[t.year.label] = t.year
    year_labels = chronological(years)
    conflicting = {(f.framework if several else "", obj) for f in result.findings
                   if f.category == "target-conflict" for obj in f.objects}
    offset = 1 if several else 0
    columns = [("Indicator", 26)] + ([("Framework", 26)] if several else []) + [("Plan", 8), ("Measure", 12), ("Measure title", 40), ("Unit", 9),
               ("Direction", 10), ("Baseline", 10), ("Baseline year", 10)]
    columns += [(f"Target {y}", 10) for y in year_labels]
    columns += [("Conflict", 16)]
    _header(ws, 1, columns, st)
    row = 2
    for name, label, measures in framed:
        for m in measures:
            by_year: dict[str, list] = {}
            for t in m.targets:
                if t.year is not None:
                    by_year.setdefault(t.year.label, []).append(_value_cell(t.value))
            base = m.baseline
            values = [label] + ([name] if several else []) + [m.plan_id, m.id, m.title, m.unit or "", m.direction or "",
                      _value_cell(base.value) if base else "", (base.year.label if base and base.year else
                                                               base.year_raw if base else "")]
            for y in year_labels:
                got = by_year.get(y, [])
                values.append(got[0] if len(got) == 1 else "; ".join(str(v) for v in got))
            flagged = (name if several else "", m.id) in conflicting
            values.append("Yes: see Findings" if flagged else "")
            for col, value in enumerate(values, 1):
                align = (st["wrap"] if col in (1, 4 + offset, len(values)) else st["centre"] if col >= 7 + offset
                         else st["top"])
                cell = put(ws, row, col, value, alignment=align)
                if flagged:
                    cell.fill = _fill(FLAG_FILL)
                if m is measures[0]:
                    cell.border = st["group_top"]
            _fit_row(ws, row, [(m.title, 40), (label, 26)])
            row += 1
    if not groups:
        put(ws, 2, 4, "No indicator is measured in more than one place and no measure names an indicator code.")
        row = 3
    _add_table(ws, "Targets", len(columns), row - 1)
    ws.freeze_panes = "F2" if several else "E2"
    _page_setup(ws)


# -- Indicators ------------------------------------------------------------------------------
INDICATOR_WIDTHS = {"indicator": 30, "measures": 18, "plans": 12, "why grouped": 50, "baselines": 28,
                    "targets": 34, "conflicts": 12}


def _indicators_sheet(wb, table, st) -> None:
    """The ``indicators`` summary (which measures are one indicator, and why), formatted
    like the other sheets: headers, widths, wrapped text, a filterable table."""
    ws = wb.create_sheet("Indicators")
    columns = [(str(c)[:1].upper() + str(c)[1:], INDICATOR_WIDTHS.get(str(c), 16)) for c in table.columns]
    _header(ws, 1, columns, st)
    row = 2
    for values in table.rows:
        values = [v if isinstance(v, (int, float, str)) or v is None else str(v) for v in values]
        for col, value in enumerate(values, 1):
            put(ws, row, col, value, alignment=st["wrap"])
        _fit_row(ws, row, [(v, w) for v, (_, w) in zip(values, columns, strict=False) if isinstance(v, str)])
        row += 1
    if not table.rows:
        put(ws, 2, 1, "No indicator is measured in more than one place.")
        row = 3
    _add_table(ws, "Indicators", len(columns), row - 1)
    if table.note:
        put(ws, row + 1, 1, table.note, alignment=st["wrap"])
        ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=min(4, len(columns)))
        _fit_row(ws, row + 1, [(table.note, sum(w for _, w in columns[:4]))])
    ws.freeze_panes = "B2"
    _page_setup(ws)


# -- Checks --------------------------------------------------------------------------------
def _checks_sheet(wb, result, st) -> None:
    ws = wb.create_sheet("Checks")
    columns = [("Code", 9), ("Check", 24), ("Kind of problem", 24), ("Severity", 12), ("What it finds", 44),
               ("What it means and how to fix it", 70), ("Found in this run", 11)]
    _header(ws, 1, columns, st)
    found: dict[str, int] = {}
    for f in result.findings:
        found[f.code] = found.get(f.code, 0) + 1
    row = 2
    for c in sorted(result.checks, key=lambda c: c.code):
        body = re.sub(r"``(.+?)``", r"\1", c.body)
        body = re.sub(r"(?<!\n)\n(?!\n)", " ", body)  # unwrap paragraphs, keep blank lines
        values = [c.code, c.name.replace("-", " "), CATEGORY_LABEL.get(c.category, c.category),
                  SEVERITY_LABEL[c.severity], re.sub(r"``(.+?)``", r"\1", c.summary), body, found.get(c.code, 0)]
        for col, value in enumerate(values, 1):
            put(ws, row, col, value, alignment=st["wrap"])
        _fit_row(ws, row, [(v, w) for v, (_, w) in zip(values, columns, strict=True) if isinstance(v, str)])
        row += 1
    _add_table(ws, "Checks", len(columns), row - 1)
    ws.freeze_panes = "A2"
    _page_setup(ws)


# -- Frameworks ------------------------------------------------------------------------------
FRAMEWORK_COLUMNS = [("Framework", 40), ("Result", 14), ("Plans", 9), ("Objectives", 11), ("Measures", 10),
                     ("Errors", 9), ("Warnings", 10), ("Information", 12), ("Files", 60)]


def _frameworks_sheet(wb, result, st) -> None:
    """Contract section 1a: one row per framework checked, worst first."""
    ws = wb.create_sheet("Frameworks")
    _header(ws, 1, FRAMEWORK_COLUMNS, st)
    ranked = sorted(_results(result), key=lambda r: (-r.exit_code, -r.counts()["error"], -r.counts()["warning"],
                                                     -r.counts()["info"], r.name.lower()))
    row = 2
    for r in ranked:
        c = r.counts()
        values = [r.name, "Does not pass" if r.exit_code else "Passes", c["plans"], c["objectives"], c["measures"],
                  c["error"], c["warning"], c["info"], ", ".join(r.files)]
        for col, value in enumerate(values, 1):
            cell = put(ws, row, col, value, alignment=st["wrap"] if col in (1, 9) else st["top"])
            if col == 2:
                cell.font = st["Font"](bold=True, color=TEXT_COLOUR["error"] if r.exit_code else "2E7D32")
        row += 1
    _add_table(ws, "Frameworks", len(FRAMEWORK_COLUMNS), row - 1)
    ws.freeze_panes = "B2"
    _page_setup(ws)


def _generic_sheet(wb, name: str, table, st) -> None:
    """A summary ``Table`` written as it is (the cross-area view)."""
    ws = wb.create_sheet(name)
    columns = [(str(c), max(10, min(40, len(str(c)) + 4))) for c in table.columns]
    _header(ws, 1, columns, st)
    for r, values in enumerate(table.rows, 2):
        for col, value in enumerate(values, 1):
            put(ws, r, col, value if isinstance(value, (int, float, str)) or value is None else str(value),
                alignment=st["top"])
    if table.note:
        put(ws, len(table.rows) + 3, 1, table.note)
    ws.freeze_panes = "A2"
    _page_setup(ws)


def build(result, when: _dt.datetime | None = None, answers: dict | None = None):
    """The partner workbook as an openpyxl Workbook; ``answers`` from :func:`read_responses`."""
    from openpyxl import (
        Workbook,  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
    )

    when = when or _dt.datetime.now()
    st = _styles()
    wb = Workbook()
    _summary_sheet(wb, result, st, when)
    if _several(result):
        _frameworks_sheet(wb, result, st)
    _findings_sheet(wb, result, st, answers)
    _traceability_sheet(wb, result, st)
    _targets_sheet(wb, result, st)
    indicators = result.summaries.get("indicators") if result.summaries else None
    if indicators is not None and hasattr(indicators, "columns") and hasattr(indicators, "rows"):
        _indicators_sheet(wb, indicators, st)
    cross = result.summaries.get("cross_area") if result.summaries else None
    if cross is not None and hasattr(cross, "rows"):
        _generic_sheet(wb, "Across areas", cross, st)
    progress_sheet(wb, result.summaries.get("progress") if result.summaries else None, st)
    _checks_sheet(wb, result, st)
    props = wb.properties
    props.title = clean_text(f"Plan consistency report: {result.name}")[:255]
    props.subject = "Consistency of strategic plans: links, targets, baselines and outcome measures"
    props.creator = f"plancheck {__version__}"
    props.keywords = "plancheck; strategic plans; consistency"
    props.description = (f"{result.counts()['error']} errors, {result.counts()['warning']} warnings, "
                         f"{result.counts()['info']} information findings")
    props.created = props.modified = when.replace(microsecond=0)
    return wb


def render(result, options) -> bytes:
    buffer = io.BytesIO()
    responses = getattr(options, "responses", None)
    build(result, answers=read_responses(responses) if responses else None).save(buffer)
    return buffer.getvalue()


# -- Progress ------------------------------------------------------------------------------------
PROGRESS_FILL = {"met": "C6EFCE", "on-track": "C6EFCE", "missed": "FFC7CE", "off-track": "FFC7CE",
                 "near-miss": "FFEB9C", "no-actual": "FFEB9C", "too-few": "EDEDED", "not-judged": "EDEDED"}


def _year_key(label: str):
    return (int(label[:4]) + (1 if "/" in label else 0), "/" in label)


def progress_sheet(wb, progress, st) -> None:
    """One row per target of every measure with figures achieved: baseline, the actuals by
    year, the target and its status in colour and in words; a filterable table."""
    charts = getattr(progress, "charts", None) or []
    if not charts:
        return
    ws = wb.create_sheet("Progress")
    years = sorted({y for c in charts for m in c["measures"].values() for y in m["actuals"]}, key=_year_key)
    columns = ([("Indicator", 36), ("Plan", 9), ("Measure", 14), ("Baseline", 10), ("Baseline year", 10)]
               + [(f"Actual {y}", 10) for y in years]
               + [("Target", 10), ("Target year", 10), ("Status", 24), ("How judged", 48)])
    _header(ws, 1, columns, st)
    row = 2
    for c in charts:
        for t in c["targets"]:
            m = c["measures"][t["measure"]]
            values = [c["label"], t["plan"], t["measure"], m["baseline"], m["baseline_year"]]
            values += [m["actuals"].get(y) for y in years]
            values += [t["value"], t["year"], t["word"], t["note"]]
            for col, value in enumerate(values, 1):
                put(ws, row, col, value, alignment=st["wrap"] if col in (1, len(values)) else st["top"])
            _fit_row(ws, row, [(c["label"], 35), (t["note"], 47)])
            status_cell = ws.cell(row=row, column=len(columns) - 1)
            status_cell.fill = _fill(PROGRESS_FILL.get(t["status"], "FFFFFF"))
            row += 1
    _add_table(ws, "Progress", len(columns), row - 1)
    put(ws, row + 1, 1, f"As of {getattr(progress, 'as_of', '')}. {progress.note}", alignment=st["wrap"])
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=len(columns))
    ws.row_dimensions[row + 1].height = 48
    ws.freeze_panes = "D2"
    _page_setup(ws)
