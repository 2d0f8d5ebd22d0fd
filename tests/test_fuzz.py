"""Property-based fuzzing of the three plan forms (YAML, workbook, CSV).

For random and mutated files, through ``run`` and through the CLI: no exception, exit code
0 or 1 (the same from both), input files unchanged, and invariants (``assert_safe``):
findings sorted, every finding located in a file given, every machine format well formed
with one entry per finding, and for intact tables rows in = rows accounted for. CI runs a
bounded number of cases; ``PLANCHECK_FUZZ_EXAMPLES=5000`` runs a longer campaign.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plancheck.cli import cli
from plancheck.config import Settings
from plancheck.load.yaml_plans import FieldReader, _Loader, _Walker
from plancheck.report import ReportOptions, render
from plancheck.run import run

_spec = importlib.util.spec_from_file_location("make_corpus", Path(__file__).parent / "corpus" / "make_corpus.py")
make_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_corpus)

# CI budget: 40 cases per property (the whole suite stays under 2 minutes on 2 cores);
# the long campaign is PLANCHECK_FUZZ_EXAMPLES=5000 (README, developer section).
EXAMPLES = int(os.environ.get("PLANCHECK_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("PLANCHECK_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# -- generators -------------------------------------------------------------------------
KEYS = ["plan", "objectives", "id", "title", "kind", "owner", "period", "start", "end", "derives_from",
        "supports", "local", "lead", "measures", "indicator", "unit", "direction", "baseline", "value",
        "year", "targets", "theme", "<<", "targte", ""]
NASTY = ["2010/11", "2011", "2010/12", "70.0%", "2,737", "TBC", "=1+1", "@SUM(A1)", "-", "+", "\t",
         ".inf", ".nan", "1e400", "9" * 400, "0x" + "f" * 80, "~", "null", "yes", "2010-04-01",
         "\u202e", "\ufeff", "é", "😀", "\x85", "'", '"', "[", "{", "*a", "&a", "!!python/object:os.system",
         "LAA", "LAA-E1", "LAA-E1.1", "local-area-agreement", "increase", "outcome", "percent",
         # YAML 1.1 forms plancheck keeps as written or reports (issue 13)
         "010", "on", "NO", "0x1F", "1.10", "0x7DA", "33:30", "2_010", "0b11111011010", "1:30", "0o17",
         "1:0:0:0:0:0:0:0:0", "-" + " " * 2_000 + "x", "NI" + " " * 2_000 + "151", "7" * 5_000,
         "(" * 2_000, "number of " * 300]
scalars = st.one_of(st.sampled_from(NASTY), st.text(max_size=30), st.integers(), st.floats(),
                    st.booleans(), st.none())
values = st.recursive(scalars, lambda kids: st.one_of(
    st.lists(kids, max_size=4), st.dictionaries(st.sampled_from(KEYS), kids, max_size=5)), max_leaves=30)


@st.composite
def plan_documents(draw):
    """A plan-shaped structure with random gaps, types and extra keys."""
    def obj():
        measure = draw(st.fixed_dictionaries({}, optional={
            "id": scalars, "title": scalars, "unit": scalars, "direction": scalars, "kind": scalars,
            "baseline": st.one_of(values, st.fixed_dictionaries({"value": scalars, "year": scalars})),
            "targets": st.one_of(values, st.lists(st.fixed_dictionaries({"year": scalars, "value": scalars}),
                                                  max_size=3))}))
        return {**draw(st.dictionaries(st.sampled_from(KEYS), values, max_size=2)),
                "id": draw(scalars), "title": draw(scalars), "supports": draw(values),
                "measures": draw(st.one_of(st.just([measure]), values))}
    doc = {"plan": draw(st.one_of(values, st.fixed_dictionaries(
        {"id": scalars, "title": scalars, "kind": scalars},
        optional={"period": values, "derives_from": values, "owner": scalars})))}
    if draw(st.booleans()):
        doc["objectives"] = [obj() for _ in range(draw(st.integers(0, 3)))]
    doc.update(draw(st.dictionaries(st.sampled_from(KEYS), values, max_size=2)))
    return doc


def dump(doc) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=draw_flow(doc))


def draw_flow(doc) -> bool | None:
    return None if len(str(doc)) % 2 else False


@st.composite
def mutated(draw, data: bytes):
    """Bytes with a few random insertions, deletions, overwrites or truncation."""
    data = bytearray(data)
    for _ in range(draw(st.integers(0, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["set", "insert", "delete", "cut", "dup"]))
        chunk = draw(st.binary(min_size=1, max_size=8))
        if op == "set":
            data[at:at + len(chunk)] = chunk
        elif op == "insert":
            data[at:at] = chunk
        elif op == "delete":
            del data[at:at + len(chunk)]
        elif op == "cut":
            del data[at:]
        else:
            data[at:at] = data[at:at + 64]
    return bytes(data)


yaml_bytes = plan_documents().map(lambda d: dump(d).encode("utf-8")).flatmap(
    lambda b: st.one_of(st.just(b), mutated(b)))

TABLE_COLUMNS = {
    "plans": ["id", "title", "kind", "owner", "period_start", "period_end", "derives_from"],
    "objectives": ["id", "plan", "title", "theme", "supports", "local", "lead"],
    "measures": ["id", "objective", "indicator", "title", "unit", "direction", "kind", "baseline_value",
                 "baseline_year", "lead"],
    "targets": ["measure", "year", "value"],
}
cells = st.one_of(st.sampled_from(NASTY), st.text(max_size=20), st.integers(-10**6, 10**6),
                  st.floats(allow_nan=False, allow_infinity=False), st.none())


@st.composite
def tables(draw):
    out = {}
    for name, columns in TABLE_COLUMNS.items():
        if draw(st.integers(0, 5)) == 0:
            continue
        header = list(draw(st.permutations(columns)))[:draw(st.integers(1, len(columns)))]
        if draw(st.booleans()):
            header.append(draw(st.sampled_from(["Baseline", "", "Id ", "TARGETS"])))
        rows = draw(st.lists(st.lists(cells, min_size=0, max_size=len(header) + 2), max_size=5))
        top = [["Luton Forum plans"]] if draw(st.integers(0, 4)) == 0 else []
        out[name] = top + [header] + rows
    return out


def _cell_value(v):
    """A value as the workbook holds it (characters a sheet cannot hold are dropped)."""
    import openpyxl

    return openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v


def _text(v) -> str:
    return "" if v is None else str(v)


def csv_files(tabs, encoding: str) -> dict[str, bytes]:
    files = {}
    for name, rows in tabs.items():
        buf = io.StringIO()
        csv.writer(buf).writerows([[_text(v) for v in row] for row in rows])
        files[f"{name}.csv"] = buf.getvalue().encode(encoding, errors="replace")
    return files


def workbook_bytes(tabs, hidden: bool) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in tabs.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v
                       for v in row])
        if hidden and len(wb.worksheets) > 1:
            ws.sheet_state = "hidden"  # never the first: Excel needs one visible sheet
    if not tabs:
        wb.create_sheet("Sheet1")
    buf = io.BytesIO()
    wb.save(buf)
    return make_corpus.rezip(buf.getvalue())  # fixed dates: the same draw gives the same bytes


@st.composite
def mutated_workbook(draw, data: bytes):
    """Mutate the bytes inside one zip member (so the container stays readable), or the zip."""
    if draw(st.integers(0, 4)) == 0:
        return draw(mutated(data))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        target = draw(st.sampled_from(names))
        for name in names:
            body = src.read(name)
            if name == target:
                body = draw(mutated(body))
            dst.writestr(name, body)
    return out.getvalue()


# -- the properties ---------------------------------------------------------------------
def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def assert_safe(files: dict[str, bytes], tabs: dict | None = None) -> None:
    """No crash, exit 0 or 1, inputs unchanged, and the invariants below; ``tabs``: the
    tables the files were written from, when they reached the files unchanged."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "fw"
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        before = _digest(folder)
        result = run([str(folder)], Settings())
        assert result.exit_code in (0, 1)
        for f in result.findings:
            assert f.message and "Traceback" not in f.message
        cli_result = CliRunner().invoke(cli, ["check", str(folder), "--format", "json"])
        assert cli_result.exception is None or isinstance(cli_result.exception, SystemExit), cli_result.exc_info
        assert cli_result.exit_code == result.exit_code, cli_result.output
        assert _digest(folder) == before, "an input file was changed"
        assert_findings_sorted(result)
        assert_every_finding_located(result, set(files))
        assert_every_object_located(result, files)
        assert_formats_well_formed(result, cli_result.output)
        if tabs is not None:
            assert_rows_accounted_for(result, files, tabs)


# -- invariants beyond "no crash" (issue 19) ----------------------------------------------
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
RANK = {"error": 2, "warning": 1, "info": 0}


def _cell(cell: str | None) -> tuple[int, int]:
    """``"AB12"`` -> (12, 28): row first, as a reader goes down a sheet."""
    m = re.fullmatch(r"([A-Z]+)(\d+)", cell or "")
    if not m:
        return (0, 0)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return (int(m.group(2)), col)


def assert_findings_sorted(result) -> None:
    """Findings come by plan, then place (file, sheet, line, cell), then the worst first."""
    def key(f):
        src = f.source
        return (f.plan or "~", src.file, src.sheet or "", src.line or 0, _cell(src.cell), -RANK[f.severity],
                f.code, f.objects, f.message)
    keys = [key(f) for f in result.findings]
    assert keys == sorted(keys)


def assert_every_finding_located(result, names: set[str]) -> None:
    """Every finding names one of the files given (never none, never another file)."""
    for f in result.findings:
        assert f.source is not None and f.source.file, f
        assert Path(f.source.file).name in names | {"fw"}, f.source  # "fw": the folder itself (PC011)


def assert_every_object_located(result, files: dict[str, bytes]) -> None:
    """Every plan, objective, measure and target read names the file it came from, and a
    line inside that file (text forms) or one of the four sheets (workbooks)."""
    fw = result.framework
    objects = [*fw.plans, *fw.objectives(), *fw.measures()]
    sources = [o.source for o in objects] + [t.source for m in fw.measures() for t in m.targets]
    for src in sources:
        name = Path(src.file).name
        assert name in files, src
        if name.endswith(".xlsx"):
            assert src.sheet in TABLE_COLUMNS, src
        else:
            data = files[name]  # any line break YAML or CSV knows (an upper bound on lines)
            lines = max(data.count(b"\n"), data.count(b"\r"), len(data.decode("utf-8", "replace").splitlines())) + 1
            assert src.line is not None and 1 <= src.line <= lines, (src, lines)


def assert_formats_well_formed(result, cli_json: str) -> None:
    """The CLI's JSON follows the contract and agrees with the run; the machine formats parse
    and hold one entry per finding."""
    n = len(result.findings)
    doc = json.loads(cli_json)
    jsonschema.validate(doc, SCHEMA)
    assert [(f["code"], tuple(f["objects"])) for f in doc["findings"]] == [(f.code, f.objects) for f in result.findings]
    assert {k: doc["summary"][k] for k in RANK} == {k: sum(f.severity == k for f in result.findings) for k in RANK}
    sarif = json.loads(render("sarif", result, ReportOptions()))
    assert len(sarif["runs"][0]["results"]) == n
    junit = ET.fromstring(render("junit", result, ReportOptions()))
    assert len(junit.findall("./testsuite/testcase")) == max(n, 1)
    # Accepted findings are left out of GitLab and GitHub (contract section 7, issue 15).
    open_findings = [f for f in result.findings if f.accepted is None]
    assert len(json.loads(render("gitlab", result, ReportOptions()))) == len(open_findings)
    lines = render("github", result, ReportOptions()).splitlines()
    annotations = [ln for ln in lines if "title=PC" in ln]
    assert len(annotations) == len(open_findings)
    # One overflow notice, first, exactly when a level has more than GitHub shows (10).
    levels = Counter(f.severity for f in open_findings)
    notices = [ln for ln in lines if ln.startswith("::notice title=plancheck::")]
    assert len(notices) == (1 if max(levels.values(), default=0) > 10 else 0)
    assert len(lines) == len(annotations) + len(notices)


def _blank(value) -> bool:
    return value is None or not str(value).strip()


def _record_lines(text: str) -> list[int]:
    """The line each CSV record starts on (a quoted cell may hold line breaks)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, start = [], 1
    for _ in reader:
        starts.append(start)
        start = reader.line_num + 1
    return starts


def assert_rows_accounted_for(result, files: dict[str, bytes], tabs: dict) -> None:
    """Rows in = rows accounted for: every non-blank row below a table's header is a model
    object (plan, objective, measure or target) or is named by a finding at its row, unless a
    finding about the whole file, sheet or header row speaks for the table."""
    workbook = any(name.endswith(".xlsx") for name in files)
    places: set[tuple[str, str | None, int | None]] = set()  # (file name, sheet, row)

    def place(src):
        row = _cell(src.cell)[0] or None if workbook else src.line
        return (Path(src.file).name, src.sheet if workbook else None, row)

    fw = result.framework
    for obj in (*fw.plans, *fw.objectives(), *fw.measures()):
        places.add(place(obj.source))
    for m in fw.measures():
        places.update(place(t.source) for t in m.targets)
    findings = [place(f.source) for f in result.findings]
    for table, rows in tabs.items():
        name = "framework.xlsx" if workbook else f"{table}.csv"
        sheet = table if workbook else None
        if workbook:
            row_numbers = list(range(1, len(rows) + 1))
        else:
            row_numbers = _record_lines(files[name].decode("utf-8-sig"))
        header_at = row_numbers[1 if rows[0] == ["Luton Forum plans"] else 0]
        whole = any(f == name and (s is None or s == sheet) and (r is None or r <= header_at)
                    for f, s, r in findings if s in (None, sheet))
        if whole:
            continue
        for row, values in zip(row_numbers, rows, strict=True):
            if row <= header_at or all(_blank(v) for v in values):
                continue
            assert (name, sheet, row) in places or (name, sheet, row) in findings, (name, sheet, row, values)


@FUZZ
@given(yaml_bytes)
def test_fuzz_yaml(data):
    assert_safe({"plan.yaml": data})


def assert_yaml_objectives_accounted_for(text: str, result) -> None:
    """Rows in = rows accounted for, in a YAML plan: once its plan is read, every item of
    ``objectives:`` is an objective of the model or is named by a finding on its lines."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return
    items = next((v.value for k, v in root.value if k.value == "objectives" and isinstance(v, yaml.SequenceNode)), [])
    spans = [(n.start_mark.line + 1, n.end_mark.line + 1) for n in items]
    if not spans:
        return
    lines = [f.source.line for f in result.findings]
    if not result.framework.plans or any(line is None for line in lines):
        return  # no plan read (its finding speaks for its objectives), or the file as a whole
    read = [o.source.line for o in result.framework.objectives()]
    for a, b in spans:
        assert any(a <= x <= b for x in read + lines), ("an objective neither read nor reported", a, b, text)


@FUZZ
@given(plan_documents())
def test_fuzz_yaml_objectives_accounted_for(doc):
    text = dump(doc)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "plan.yaml").write_text(text, encoding="utf-8")
        assert_yaml_objectives_accounted_for(text, run([tmp], Settings()))


@FUZZ
@given(tables(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
@example({"plans": [["id", "title", "kind"], ["SP", "Strategy", "other"], [None, None, None, "SP2"]]}, "utf-8")
def test_fuzz_csv(tabs, encoding):
    files = csv_files(tabs, encoding)
    assert_safe(files, tabs if encoding in ("utf-8", "utf-8-sig") else None)


@FUZZ
@given(tables().flatmap(lambda t: st.tuples(st.just(t), mutated(b"").map(lambda _: b""))), st.data())
def test_fuzz_csv_mutated(pair, data):
    files = csv_files(pair[0], "utf-8")
    files = {name: data.draw(mutated(body)) for name, body in files.items()}
    assert_safe(files)


@FUZZ
@given(tables(), st.booleans(), st.data())
def test_fuzz_workbook(tabs, hidden, data):
    raw = workbook_bytes(tabs, hidden)
    intact = not data.draw(st.booleans())
    if not intact:
        raw = data.draw(mutated_workbook(raw))
    assert_safe({"framework.xlsx": raw}, {k: [[_cell_value(v) for v in row] for row in rows]
                                          for k, rows in tabs.items()} if intact else None)


@FUZZ
@given(plan_documents())
def test_event_reader_matches_the_composed_tree(doc):
    """The event-built tree holds what composing the document with PyYAML and typing its
    scalars by plancheck's rules reads (values and keys; tests/yaml_oracle.py). Typing by
    YAML 1.1 (010 -> 8, on -> True) is what plancheck deliberately does not do."""
    from yaml_oracle import read_tree

    text = dump(doc)
    expected = read_tree(text, FieldReader([]), "plan.yaml")
    walker = _Walker(FieldReader([]), "plan.yaml")
    assert _strip(walker.build(yaml.parse(text, Loader=_Loader))) == _strip(expected)


def _strip(value):
    if isinstance(value, dict):
        return {k: _strip(v) for k, (v, _line) in value.items()}
    if isinstance(value, list):
        return [_strip(v) for v, _line in value]
    return value


# -- issue 13 classes: raw CSV text and rewritten workbook XML --------------------------------
SMALL = settings(FUZZ, max_examples=max(20, EXAMPLES // 10))
raw_cells = st.one_of(st.sampled_from(['"', '"Luton', 'a""b', "caf\u00e9", "x,y", ";", "\t"] + NASTY[:20]),
                      st.text(max_size=10))


@SMALL
@given(st.lists(st.lists(raw_cells, max_size=6), max_size=8), st.sampled_from([b"", b"\xe9", b"\x92", b"\xc3\xa9"]),
       st.sampled_from(["id,title,kind", "id,title,kind,title", "id;title;kind", "id,title"]))
def test_fuzz_csv_raw_quotes_and_bytes(rows, stray, header):
    """Rows joined by hand (unbalanced quotes, ragged rows, a stray byte in one line)."""
    lines = [header.encode()] + [",".join(r).encode("utf-8") for r in rows]
    if len(lines) > 1:
        lines[-1] += stray
    assert_safe({"plans.csv": b"\n".join(lines) + b"\n"})


def _rewrite(kind: str):
    def edit(name: str, body: bytes):
        if kind == "strict":
            return make_corpus._strict(name, body)
        if kind == "prefix" and name == make_corpus.sheet(4):
            return make_corpus._prefix_x(name, body)
        if kind == "outside":
            return make_corpus._outside(name, body)
        return body
    return edit


@SMALL
@given(st.sampled_from(["strict", "prefix", "outside", "none"]), st.data())
def test_fuzz_workbook_xml_variants(kind, data):
    raw = make_corpus.rezip(make_corpus.workbook(), _rewrite(kind))
    if data.draw(st.booleans()):
        raw = data.draw(mutated_workbook(raw))
    assert_safe({"framework.xlsx": raw})
