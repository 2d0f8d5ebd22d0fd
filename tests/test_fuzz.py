"""Property-based fuzzing of the three plan forms (YAML, workbook, CSV).

For random and mutated files, through ``run`` and through the CLI: no exception, every
input finding has a file, exit code 0 or 1, input files unchanged. CI runs a bounded
number of cases; ``PLANCHECK_FUZZ_EXAMPLES=5000`` runs a longer campaign.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import tempfile
import zipfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancheck.cli import cli
from plancheck.config import Settings
from plancheck.load.yaml_plans import FieldReader, _Loader, _Walker
from plancheck.run import run

_spec = importlib.util.spec_from_file_location("make_corpus", Path(__file__).parent / "corpus" / "make_corpus.py")
make_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_corpus)

EXAMPLES = int(os.environ.get("PLANCHECK_FUZZ_EXAMPLES", "400"))
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


def _text(v) -> str:
    return "" if v is None else str(v)


def csv_files(tabs, encoding: str) -> dict[str, bytes]:
    import csv

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


def assert_safe(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "fw"
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        before = _digest(folder)
        result = run([str(folder)], Settings())
        assert result.exit_code in (0, 1)
        for f in result.findings:
            if f.category == "input":
                assert f.source is not None and f.source.file, f
            assert f.message and "Traceback" not in f.message
        cli_result = CliRunner().invoke(cli, ["check", str(folder), "--format", "json"])
        assert cli_result.exception is None or isinstance(cli_result.exception, SystemExit), cli_result.exc_info
        assert cli_result.exit_code in (0, 1), cli_result.output
        assert _digest(folder) == before, "an input file was changed"


@FUZZ
@given(yaml_bytes)
def test_fuzz_yaml(data):
    assert_safe({"plan.yaml": data})


@FUZZ
@given(tables(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
def test_fuzz_csv(tabs, encoding):
    assert_safe(csv_files(tabs, encoding))


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
    if data.draw(st.booleans()):
        raw = data.draw(mutated_workbook(raw))
    assert_safe({"framework.xlsx": raw})


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
