"""Moving a framework between the contract's forms (YAML files, one workbook, CSV files),
and the empty input workbook an officer starts a framework from.

Writers take the loaded model and keep what an officer wrote: values as written
(``2,737``, ``TBC``, ``55.7 (for 2009)``), year labels as written, every id (measure ids
included, so defaults become explicit), ``kind`` and ``local``. Reading the output back
gives the same model apart from source locations (:func:`model_key` is that comparison).
Comments in YAML files and anything the loader reported as unreadable are not carried
over: the converter writes what plancheck read.

Spreadsheet safety: in a workbook every text cell is stored as text, never a formula.
In CSV a text cell that Excel would run as a formula (starting ``=``, ``+``, ``-``, ``@``,
tab or CR, possibly after quotes) gets one leading ``'``, which plancheck's CSV reader
removes again; plain numbers such as ``-3.5`` are left alone.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
from pathlib import Path

import yaml

from .model import (
    DIRECTIONS,
    KNOWN_UNITS,
    MEASURE_KINDS,
    PLAN_KINDS,
    Framework,
    Measure,
    Objective,
    Plan,
    Value,
)
from .output import OutputError, check_destination, write_output
from .sheets import clean_text, put

FORMS = ("yaml", "xlsx", "csv")
TABLE_COLUMNS = {
    "plans": ("id", "title", "kind", "owner", "period_start", "period_end", "derives_from"),
    "objectives": ("id", "plan", "title", "theme", "supports", "local", "lead"),
    "measures": ("id", "objective", "indicator", "title", "unit", "direction", "kind",
                 "baseline_value", "baseline_year", "lead"),
    "targets": ("measure", "year", "value"),
    # Contract section 6: measure-level actuals and framework-level ones keyed by indicator.
    "actuals": ("measure", "indicator", "year", "value", "source"),
    "accept": ("id", "check", "reason", "until", "by"),  # written only when there are acceptances
}
_RISKY_CSV = re.compile(r"^'*[=+\-@\t\r]")


# -- comparing frameworks ---------------------------------------------------------------------
def model_key(framework: Framework):
    """The framework as plain data without any source location, for comparing two readings.

    Plans are keyed by id (their order follows file names, which a conversion may change);
    objectives, measures and targets keep their order.
    """

    def plain(obj):
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return tuple((f.name, plain(getattr(obj, f.name))) for f in dataclasses.fields(obj)
                         if f.name not in ("source", "fields"))
        if isinstance(obj, tuple):
            return tuple(plain(x) for x in obj)
        return obj

    out = {p.id: plain(p) for p in framework.plans}
    if framework.actuals:  # indicator-keyed actuals (no plan id has spaces or brackets)
        out["(framework actuals)"] = plain(framework.actuals)
    return out


# -- values as written -------------------------------------------------------------------------
def _plain_number(x: float) -> str:
    return str(int(x)) if x == int(x) and abs(x) < 1e15 else repr(x)


def value_out(value: Value | None):
    """A value for a typed form (YAML, xlsx): a number when the text was a plain number, else the text."""
    if value is None or value.status == "blank":
        return None
    if value.status == "number" and value.number is not None and value.raw == _plain_number(value.number):
        return int(value.number) if value.number == int(value.number) and abs(value.number) < 1e15 else value.number
    return value.raw


def year_out(year, raw: str):
    """A year as written: ``2011`` as a number, ``2010/11`` as text; a period year by its label."""
    text = raw or (year.label if year is not None else "")
    if text.isdigit() and str(int(text)) == text:
        return int(text)
    return text or None


# -- YAML ----------------------------------------------------------------------------------------
class _Flow(dict):
    """A mapping written on one line: ``{year: 2010/11, value: 70}``."""


class _FlowList(list):
    """A list of ids written on one line: ``[SCS-W1, SCS-W2]``."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data.items(),
                                                                    flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data,
                                                                         flow_style=True))
_Dumper.add_representer(dict, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data.items()))


def _drop_none(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if v is not None and v != [] and v != ""}


def _accept_yaml(accept) -> list:
    return [_Flow(_drop_none({"check": a.check, "reason": a.reason, "until": year_out(None, a.until_raw),
                              "by": a.by})) for a in accept]


def _measure_yaml(m: Measure) -> dict:
    out = _drop_none({"id": m.id, "indicator": m.indicator, "title": m.title, "unit": m.unit,
                      "direction": m.direction, "kind": m.kind, "lead": m.lead})
    if m.baseline is not None:
        base = _Flow(_drop_none({"value": value_out(m.baseline.value),
                                 "year": year_out(None, m.baseline.year_raw)}))
        if base:
            out["baseline"] = base
    if m.targets:
        out["targets"] = [_Flow(_drop_none({"year": year_out(None, t.year_raw), "value": value_out(t.value)}))
                          for t in m.targets]
    if m.accept:
        out["accept"] = _accept_yaml(m.accept)
    own = [a for a in m.actuals if a.indicator is None]
    if own:
        out["actuals"] = [_Flow(_drop_none({"year": year_out(None, a.year_raw), "value": value_out(a.value),
                                            "source": a.cite})) for a in own]
    return out


def _objective_yaml(o: Objective) -> dict:
    out = _drop_none({"id": o.id, "title": o.title, "theme": o.theme, "supports": _FlowList(o.supports) or None,
                      "local": True if o.local else None, "lead": o.lead})
    if o.accept:
        out["accept"] = _accept_yaml(o.accept)
    if o.measures:
        out["measures"] = [_measure_yaml(m) for m in o.measures]
    return out


def plan_yaml(plan: Plan) -> str:
    """One plan file's text."""
    head = _drop_none({"id": plan.id, "title": plan.title, "kind": plan.kind, "owner": plan.owner})
    period = _Flow(_drop_none({"start": plan.period_start.label if plan.period_start else None,
                               "end": plan.period_end.label if plan.period_end else None}))
    if period:
        head["period"] = period
    if plan.derives_from:
        head["derives_from"] = _FlowList(plan.derives_from)
    if plan.accept:
        head["accept"] = _accept_yaml(plan.accept)
    doc = {"plan": head}
    if plan.objectives:
        doc["objectives"] = [_objective_yaml(o) for o in plan.objectives]
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


def _file_stem(plan: Plan, used: set[str]) -> str:
    src = Path(plan.source.file)
    stem = src.stem if src.suffix.lower() in (".yaml", ".yml") else ""
    stem = stem or re.sub(r"[^A-Za-z0-9._-]+", "-", plan.id).strip("-.").lower() or "plan"
    base, n = stem, 2
    while stem.lower() in used:
        stem, n = f"{base}-{n}", n + 1
    used.add(stem.lower())
    return stem


def to_yaml_files(framework: Framework) -> dict[str, str]:
    """``{file name: text}``: one YAML file per plan, named after its source file or its id.
    Measure-level actuals go into the plan files; framework-level actuals (keyed by
    indicator code) have no place in a plan file: :func:`destination_files` writes them as
    ``actuals.csv`` beside them (contract section 6)."""
    used: set[str] = set()
    return {f"{_file_stem(p, used)}.yaml": plan_yaml(p) for p in framework.plans}


def _actual_rows(framework: Framework) -> list[list]:
    rows = []
    for m in framework.measures():
        for a in m.actuals:
            if a.indicator is None:
                rows.append([m.id, None, year_out(None, a.year_raw), value_out(a.value), a.cite])
    for a in framework.actuals:
        rows.append([None, a.indicator, year_out(None, a.year_raw), value_out(a.value), a.cite])
    return rows


# -- tables (workbook and CSV) ---------------------------------------------------------------------
def to_tables(framework: Framework) -> dict[str, list[list]]:
    """The contract tables as rows of typed cells (header row first); ``actuals`` only when
    the framework records any."""
    tables = {name: [list(cols)] for name, cols in TABLE_COLUMNS.items()}
    accept = tables["accept"]

    def accepted(element) -> None:
        for a in element.accept:
            accept.append([a.on, a.check, a.reason, year_out(None, a.until_raw), a.by])

    for p in framework.plans:
        accepted(p)
        tables["plans"].append([p.id, p.title, p.kind, p.owner,
                                p.period_start.label if p.period_start else None,
                                p.period_end.label if p.period_end else None,
                                "; ".join(p.derives_from) or None])
        for o in p.objectives:
            tables["objectives"].append([o.id, p.id, o.title, o.theme, "; ".join(o.supports) or None,
                                         o.local, o.lead])
            accepted(o)
            for m in o.measures:
                base = m.baseline
                tables["measures"].append([m.id, o.id, m.indicator, m.title, m.unit, m.direction, m.kind,
                                           value_out(base.value) if base else None,
                                           year_out(None, base.year_raw) if base else None, m.lead])
                for t in m.targets:
                    tables["targets"].append([m.id, year_out(None, t.year_raw), value_out(t.value)])
                accepted(m)
    tables["actuals"] += _actual_rows(framework)
    if len(tables["actuals"]) == 1:
        del tables["actuals"]
    if len(accept) == 1:
        del tables["accept"]  # no acceptances: the tables as before
    return tables


def csv_cell(value) -> str:
    """One CSV cell: text Excel would read as a formula gets a leading ``'``; numbers never do."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _plain_number(float(value)) if isinstance(value, float) else str(value)
    # Characters a CSV (or XML) reader cannot take back are dropped, as in workbooks:
    # a NUL would make plancheck refuse the file it wrote as binary.
    text = clean_text(str(value))
    if _RISKY_CSV.match(text) and not re.fullmatch(r"[-+]?\d[\d,]*(?:\.\d+)?%?", text):
        return "'" + text
    return text


def to_csv_files(framework: Framework) -> dict[str, bytes]:
    """``{file name: bytes}``: the four contract tables as UTF-8 CSV (with a BOM, so Excel reads accents)."""
    out = {}
    for name, rows in to_tables(framework).items():
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        for row in rows:
            writer.writerow([csv_cell(v) for v in row])
        out[f"{name}.csv"] = buffer.getvalue().encode("utf-8-sig")
    return out


def _header_style():
    from openpyxl.styles import (  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
        Font,
        PatternFill,
    )

    return Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F4E79")


WIDTHS = {"id": 14, "plan": 10, "objective": 14, "measure": 14, "title": 50, "theme": 30, "kind": 26,
          "owner": 26, "lead": 26, "supports": 20, "derives_from": 16, "indicator": 12, "unit": 11,
          "direction": 12, "baseline_value": 15, "baseline_year": 14, "year": 10, "value": 12,
          "period_start": 13, "period_end": 13, "local": 8, "source": 40, "check": 12, "reason": 50, "until": 10,
          "by": 20}


def _table_sheet(wb, name: str, rows: list[list]):
    from openpyxl.utils import (
        get_column_letter,  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
    )

    ws = wb.create_sheet(name)
    font, fill = _header_style()
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is None:
                continue
            cell = put(ws, r, c, value)
            if r == 1:
                cell.font, cell.fill = font, fill
    for c, col in enumerate(rows[0], 1):
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS.get(col, 14)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(rows[0]))}{max(1, len(rows))}"
    _print_setup(ws, landscape=True)
    ws.print_title_rows = "1:1"
    return ws


def _print_setup(ws, landscape: bool) -> None:
    """Print (and PDF) every column of a sheet on the page's width, never cut across pages."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "&A, page &P of &N"


def to_xlsx(framework: Framework) -> bytes:
    """The framework as one workbook with the four contract sheets."""
    from openpyxl import (
        Workbook,  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
    )

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in to_tables(framework).items():
        _table_sheet(wb, name, rows)
    wb.properties.title = framework.name or "Plan framework"
    wb.properties.creator = "plancheck"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# -- the input template -----------------------------------------------------------------------------
INSTRUCTIONS = [
    ("How to fill in this workbook", None),
    ("Each sheet is one list. Keep the first row (the column names) as it is and add one row per item.",
     None),
    ("plans", "One row per plan: a short id (e.g. LAA), its title, its kind (choose from the list), who "
              "owns it, the first and last year it covers (2008/09 or 2011), and derives_from: the ids of "
              "the plans it must deliver, separated by ';'."),
    ("objectives", "One row per objective: its id (unique across all plans, e.g. LAA-E1), the id of its "
                   "plan, its title, a theme if you use them, supports: the ids of the objectives in "
                   "other plans it helps to deliver (separated by ';'), local: true if it is a local "
                   "priority that needs no link, and the lead partner."),
    ("measures", "One row per measure: an id (optional), the id of its objective, the national indicator "
                 "code if there is one (e.g. NI 151), its title, its unit, whether it should go up or "
                 "down (direction), its kind (outcome, output or process), the baseline value and year, "
                 "and the lead partner."),
    ("targets", "One row per target: the id of the measure, the year (2010/11 for a financial year, 2011 "
                "for a calendar year) and the value. Write 'TBC' when a target is not yet agreed."),
    ("actuals", "One row per figure achieved (an outturn): either the id of the measure or, for figures "
                "from a national data set, the indicator code (e.g. NI 151: the figure then applies to every "
                "measure with that code), the year, the value achieved, and where the figure comes from "
                "(source). Fill measure or indicator, not both."),
    ("accept", "Optional. One row per finding that the partners have looked at and agreed to keep (e.g. a "
               "stretch target above the LAA figure): the id of the plan, objective or measure it is about, "
               "the check (its code, e.g. PC201, or name), the reason (required), until: the last year it "
               "applies (optional), and by: who agreed it. An accepted finding is still reported but does "
               "not fail the check."),
    ("Years", "A financial year is written 2010/11 and runs from April 2010 to March 2011."),
    ("Values", "Numbers as you would write them: 2,737 or 31.9%. Words are kept and reported, not compared."),
    ("Check it", "Run: plancheck check this-workbook.xlsx"),
]


def template_xlsx() -> bytes:
    """An empty input workbook: the four contract sheets, drop-down lists, and instructions."""
    from openpyxl import (
        Workbook,  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
    )
    from openpyxl.styles import (  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
        Alignment,
        Font,
    )
    from openpyxl.worksheet.datavalidation import (
        DataValidation,  # startup: openpyxl costs ~0.2 s to import; only when a workbook is made
    )


    wb = Workbook()
    ws = wb.active
    ws.title = "instructions"
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    for r, (head, text) in enumerate(INSTRUCTIONS, 1):
        put(ws, r, 1, head, font=Font(bold=True, size=14 if r == 1 else 11),
            alignment=Alignment(wrap_text=True, vertical="top"))
        if text:
            put(ws, r, 2, text, alignment=Alignment(wrap_text=True, vertical="top"))
            # Row height for the wrapped text (a spreadsheet does not fit rows itself).
            lines = sum(max(1, -(-len(part) // 105)) for part in text.split("\n"))
            ws.row_dimensions[r].height = max(16, 15 * lines + 3)
        else:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
            ws.row_dimensions[r].height = 24 if r == 1 else 18
    _print_setup(ws, landscape=False)
    for name, cols in TABLE_COLUMNS.items():
        _table_sheet(wb, name, [list(cols)])  # actuals included: the template offers every sheet
    lists = wb.create_sheet("lists")
    choices = {"kind": PLAN_KINDS, "unit": KNOWN_UNITS, "direction": DIRECTIONS, "measure kind": MEASURE_KINDS,
               "local": ("true", "false")}
    refs = {}
    for c, (head, values) in enumerate(choices.items(), 1):
        put(lists, 1, c, head, font=Font(bold=True))
        for r, v in enumerate(values, 2):
            put(lists, r, c, v)
        letter = "ABCDE"[c - 1]
        refs[head] = f"lists!${letter}$2:${letter}${len(values) + 1}"
    lists.sheet_state = "hidden"

    def dropdown(sheet, column: str, ref: str, strict: bool, prompt: str):
        dv = DataValidation(type="list", formula1=ref, allow_blank=True, showErrorMessage=True,
                            errorStyle="stop" if strict else "warning", showInputMessage=True)
        dv.prompt, dv.promptTitle = prompt, column
        dv.error = f"Choose a {column} from the list." + ("" if strict else " You may keep your own unit.")
        dv.errorTitle = f"Unknown {column}"
        letter = "ABCDEFGHIJ"[TABLE_COLUMNS[sheet].index(column)]
        dv.add(f"{letter}2:{letter}5000")
        wb[sheet].add_data_validation(dv)

    dropdown("plans", "kind", refs["kind"], True, "The kind of plan")
    dropdown("measures", "unit", refs["unit"], False, "percent, number, rate ... or your own unit")
    dropdown("measures", "direction", refs["direction"], True, "Should the measure go up, down or stay?")
    dropdown("measures", "kind", refs["measure kind"], True, "outcome: a result for people; output or "
                                                             "process: an activity")
    dropdown("objectives", "local", refs["local"], True, "true: a local priority that needs no link")
    wb.properties.title = "Plan framework (plancheck input template)"
    wb.properties.creator = "plancheck"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# -- writing a conversion --------------------------------------------------------------------------------
def destination_files(framework: Framework, form: str) -> dict[str, str | bytes]:
    """The files a conversion writes: ``{relative name: content}`` (one name for xlsx: ``""``)."""
    if form == "yaml":
        files: dict[str, str | bytes] = dict(to_yaml_files(framework))
        if framework.actuals:  # indicator-keyed actuals: the framework folder's actuals.csv
            only = dataclasses.replace(framework, plans=())
            files["actuals.csv"] = to_csv_files(only)["actuals.csv"]
        return files
    if form == "csv":
        return dict(to_csv_files(framework))
    if form == "xlsx":
        return {"": to_xlsx(framework)}
    raise ValueError(f"unknown form {form!r}; choose one of {', '.join(FORMS)}")


def write_conversion(framework: Framework, form: str, dest: Path, inputs: list[str], force: bool) -> list[Path]:
    """Write the framework to ``dest`` in ``form``; returns the files written.

    For ``xlsx`` ``dest`` is the workbook. For ``yaml`` and ``csv`` it is a folder, created
    when missing; one that already holds plan files (YAML, the four CSV files or a
    workbook) is refused unless ``force``. An input file is never overwritten.
    Raises :class:`~plancheck.output.OutputError`.
    """
    files = destination_files(framework, form)
    if form == "xlsx":
        write_output(dest, files[""], inputs=inputs, force=force)
        return [dest]
    if dest.exists() and not dest.is_dir():
        raise OutputError(f"{dest} is a file; for --to {form} give a folder")
    if dest.is_dir() and not force:
        existing = sorted(p.name for p in dest.iterdir()
                          if p.suffix.lower() in (".yaml", ".yml", ".xlsx", ".csv")
                          and p.name.lower() not in ("plancheck.yaml", "plancheck.yml"))
        if existing:
            raise OutputError(f"folder {dest} already holds plan files ({', '.join(existing[:4])}"
                              f"{'...' if len(existing) > 4 else ''}); add --force to write into it")
    if os.path.islink(dest):
        raise OutputError(f"{dest} is a symbolic link; plancheck never writes through one")
    if dest.is_dir():  # every file checked before the first is written: all or nothing refused
        for name in files:
            check_destination(dest / name, inputs=inputs, force=True)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"could not create folder {dest} ({exc.strerror or exc})") from exc
    written = []
    for name, content in files.items():
        write_output(dest / name, content, inputs=inputs, force=True)
        written.append(dest / name)
    return written
