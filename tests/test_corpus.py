"""The nasty-file corpus: each file gives the expected input findings at the expected
places, never a traceback, and is left exactly as it was."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest

from plancheck.config import Settings
from plancheck.run import run

CORPUS = Path(__file__).resolve().parent / "corpus"
_spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
make_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_corpus)

WHOLE = (None, None, None)  # the file as a whole: no line, sheet or cell
# Any line, or none: plancheck guarantees the code and the file. Which line the parser
# names depends on its release (libyaml 0.2.5 in PyYAML 6.0.3+ stops deep nesting itself).
ANY_LINE = "any line"
# name -> expected input findings as {(code, line, sheet, cell)}; PC011 (no plans) is left out.
EXPECTED = {
    "alias-bomb.yaml": {("PC001", *WHOLE)},
    "deep-nesting.yaml": {("PC001", ANY_LINE, None, None)},
    "python-tag.yaml": {("PC008", 3, None, None), ("PC003", 3, None, None)},
    "latin1.yaml": {("PC001", 3, None, None)},  # the line of the first byte that is not UTF-8
    "nul-byte.yaml": {("PC001", *WHOLE)},
    "picture.yaml": {("PC001", *WHOLE)},
    "utf16.yaml": {("PC001", *WHOLE)},
    "infinity.yaml": {("PC005", 1, None, None)},
    "merged-header.xlsx": {("PC009", None, s, "A2") for s in ("plans", "objectives", "measures", "targets")},
    "hidden-sheets.xlsx": {("PC009", None, "targets", None), ("PC009", None, "Summary", None),
                           ("PC009", None, "Notes", None)},
    "totals-row.xlsx": {("PC003", None, "measures", "A4")},
    "empty-sheets.xlsx": set(),
    "external-link.xlsx": set(),
    "macro-renamed.xlsx": set(),
    "formula-no-value.xlsx": {("PC012", None, "targets", "C2")},
    "doctype-entity.xlsx": {("PC001", *WHOLE)},
    "merge-bomb.xlsx": {("PC001", *WHOLE)},
    "far-cell.xlsx": {("PC001", None, "measures", None)},
    "password-protected.xlsx": {("PC001", *WHOLE)},
    "really-a-csv.xlsx": {("PC001", *WHOLE)},
    "truncated.xlsx": {("PC001", *WHOLE)},
    "csv-utf16": {("PC001", *WHOLE)},
    "csv-windows-1252": set(),
    "csv-not-1252": {("PC001", *WHOLE)},
    "csv-late-nul": {("PC001", *WHOLE)},
    # issue 13: silent loss, retyping and tracebacks
    "yaml11-ids.yaml": set(),
    "yaml11-years.yaml": {("PC005", 1, None, None), ("PC005", 7, None, None), ("PC006", 7, None, None),
                          ("PC005", 8, None, None), ("PC006", 8, None, None)},
    "bad-tags.yaml": {("PC003", 4, None, None), ("PC008", 5, None, None)},
    "misspelt-objectives.yaml": {("PC003", 2, None, None), ("PC002", 2, None, None)},
    "digits-title.yaml": set(),
    "strict-ooxml.xlsx": {("PC001", *WHOLE)},
    "right-of-header.xlsx": {("PC002", None, "plans", "E2"), ("PC002", None, "targets", "D2")},
    "sheet-outside-package.xlsx": {("PC001", None, "targets", None)},
    "x-prefix-formula.xlsx": {("PC012", None, "targets", "C2")},
    "sheet-elsewhere.xlsx": set(),
    "merge-bomb-elsewhere.xlsx": {("PC001", *WHOLE)},
    "csv-unclosed-quote": {("PC001", 2, None, None), ("PC003", 2, None, None)},
    "csv-duplicate-column": {("PC002", 1, None, None)},
    "csv-right-of-header": {("PC002", 2, None, None)},
    "csv-stray-1252": {("PC001", 3, None, None)},
}
# Files the tests build (too big to commit) -> expected input findings. Each is also run
# in a separate process with a time and memory limit (test_hostile_file_in_bounded_process).
GENERATED = {
    "zip-bomb.xlsx": {("PC001", *WHOLE)},
    "many-parts.xlsx": {("PC001", *WHOLE)},
    "many-sheets.xlsx": {("PC001", *WHOLE)},
    "many-empty-cells.xlsx": {("PC001", *WHOLE)},
    "sexagesimal.yaml": {("PC008", 1, None, None)},  # 2 MB owner: kept as text, cut to 10,000 characters
    "backtrack-value.yaml": set(),
    "padded-codes.yaml": set(),
}


def _digest(path: Path) -> dict[str, str]:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def _check(path: Path):
    before = _digest(path)
    result = run([str(path)], Settings())
    assert _digest(path) == before, "an input file was changed"
    assert result.exit_code in (0, 1)
    for f in result.findings:
        if f.category == "input":
            assert f.source is not None and f.source.file, f
    return result


def _located(result, expected=frozenset()) -> set[tuple]:
    found = {(f.code, f.source.line, f.source.sheet, f.source.cell)
             for f in result.findings if f.category == "input" and f.code != "PC011"}
    loose = {(e[0], e[2], e[3]): e for e in expected if e[1] == ANY_LINE}
    return {loose.get((code, sheet, cell), (code, line, sheet, cell)) for code, line, sheet, cell in found}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a constructed object tag would write owned.txt here
    result = _check(CORPUS / name)
    assert _located(result, EXPECTED[name]) == EXPECTED[name]
    assert not (tmp_path / "owned.txt").exists()
    files = {Path(f.source.file).name for f in result.findings if f.code == "PC001"}
    assert files <= {name, "plans.csv"}


def test_every_corpus_file_has_an_expectation():
    names = {p.name for p in CORPUS.iterdir() if p.name not in ("make_corpus.py", "__pycache__")}
    assert names == set(EXPECTED)


def test_corpus_matches_its_script():
    for name, data in make_corpus.committed().items():
        assert (CORPUS / name).read_bytes() == data, f"{name}: run tests/corpus/make_corpus.py"


def test_nothing_lost_from_awkward_but_valid_files():
    merged = run([str(CORPUS / "merged-header.xlsx")], Settings()).framework
    measures = {m.id: m for m in merged.measures()}
    # B3:B4 merged: the second measure takes the objective written once above it.
    assert measures["LAA-E1.2"].objective_id == "LAA-E1"
    assert measures["LAA-E1.2"].baseline.value.number == 14.1
    linked = run([str(CORPUS / "external-link.xlsx")], Settings()).framework
    (m,) = linked.measures()
    assert [t.value.number for t in m.targets] == [70]  # the saved value, never the link
    hidden = run([str(CORPUS / "hidden-sheets.xlsx")], Settings()).framework
    assert [t.value.number for m in hidden.measures() for t in m.targets] == [70]
    cp1252 = run([str(CORPUS / "csv-windows-1252")], Settings()).framework
    assert cp1252.plans[0].title == "Luton \u201cLAA\u201d \u2013 caf\xe9"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    make_corpus.build(folder, make_corpus.generated_only())
    return folder


def test_every_generated_file_has_an_expectation():
    assert set(make_corpus.generated_only()) == set(GENERATED)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_too_big_to_commit(name, generated):
    result = _check(generated / name)
    assert _located(result) == GENERATED[name]


def _limited():  # runs in the child before plancheck starts
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB of address space


@pytest.mark.parametrize("name", sorted(set(GENERATED) | {"alias-bomb.yaml", "deep-nesting.yaml", "merge-bomb.xlsx",
                                                         "merge-bomb-elsewhere.xlsx", "digits-title.yaml"}))
def test_hostile_file_in_bounded_process(name, generated):
    """Each hostile file is checked by the command line in a process limited to 1 GiB that
    must end within the timeout (a hang or a blow-up fails here, not by a slow CI job)."""
    import json
    import subprocess
    import sys

    path = generated / name if name in GENERATED else CORPUS / name
    before = _digest(path)
    proc = subprocess.run([sys.executable, "-m", "plancheck", "check", str(path), "--format", "json"],
                          capture_output=True, timeout=120, preexec_fn=_limited)
    assert proc.returncode in (0, 1), proc.stderr.decode()[-2000:]
    assert b"Traceback" not in proc.stderr
    codes = {f["code"] for f in json.loads(proc.stdout)["findings"] if f["category"] == "input"}
    expected = GENERATED[name] if name in GENERATED else EXPECTED[name]
    assert {e[0] for e in expected} <= codes
    assert _digest(path) == before


def test_ids_are_kept_as_written_and_numbers_are_not_reinterpreted():
    fw = run([str(CORPUS / "yaml11-ids.yaml")], Settings()).framework
    (plan,) = fw.plans
    assert plan.id == "010"
    assert [o.id for o in plan.objectives] == ["on", "NO", "0x1F", "1.10", "1.1"]
    assert plan.objectives[1].supports == ("0x1F", "1.10")
    years = run([str(CORPUS / "yaml11-years.yaml")], Settings()).framework
    (m,) = years.measures()
    assert m.baseline.value.number is None and m.baseline.value.raw == "0x10" and m.baseline.year is None
    assert [(t.year, t.value.number, t.value.raw) for t in m.targets] == [(None, None, "1:30")]
    assert years.plans[0].period_start is None and years.plans[0].period_end is None


def test_misspelt_objectives_key_fails_the_run_even_with_select_input():
    result = run([str(CORPUS / "misspelt-objectives.yaml")], Settings(select=["input"]))
    assert result.exit_code == 1
    (f,) = [f for f in result.findings if f.code == "PC003"]
    assert f.severity == "error" and f.plan == "LAA" and f.objects == ("LAA",)


def test_rows_are_not_lost_to_quotes_columns_or_encodings():
    quoted = run([str(CORPUS / "csv-unclosed-quote")], Settings())
    assert [p.id for p in quoted.framework.plans] == ["P1"]  # the 49 swallowed rows are named in PC001
    assert quoted.exit_code == 1
    dup = run([str(CORPUS / "csv-duplicate-column")], Settings()).framework
    assert dup.plans[0].title == "Luton LAA"  # the first 'title' column, not the last
    mixed = run([str(CORPUS / "csv-stray-1252")], Settings()).framework
    assert [p.title for p in mixed.plans] == ["Luton caf\u00e9 LAA", "Luton caf\u00e9 SCS"]
    elsewhere = run([str(CORPUS / "sheet-elsewhere.xlsx")], Settings()).framework
    assert [p.id for p in elsewhere.plans] == ["LAA"] and len(list(elsewhere.measures())) == 1
