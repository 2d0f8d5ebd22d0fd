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
    "latin1.yaml": {("PC001", *WHOLE)},
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


@pytest.mark.parametrize("name", sorted(make_corpus.generated_only()))
def test_too_big_to_commit(name, tmp_path):
    data = make_corpus.generated_only()[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = _check(path)
    assert _located(result) == {("PC001", *WHOLE)}
