"""Write the nasty-file corpus used by ``tests/test_corpus.py``.

Run ``python tests/corpus/make_corpus.py`` to regenerate the committed files; the bytes
are reproducible (fixed zip dates and document properties), and a test checks that the
committed files match this script. Files too big to commit (a zip bomb, hundreds of
sheets or parts) are only built by :func:`build` into a temporary folder by the tests.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATE = (2010, 4, 1, 0, 0, 0)
CORE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>plancheck corpus</dc:creator></cp:coreProperties>')


def sheet(n: int) -> str:
    return f"xl/worksheets/sheet{n}.xml"


def workbook(extra=None) -> bytes:
    """A small valid framework workbook (sheets 1-4: plans, objectives, measures, targets)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "plans"
    ws.append(["id", "title", "kind"])
    ws.append(["LAA", "Luton Local Area Agreement 2008-11", "local-area-agreement"])
    ws = wb.create_sheet("objectives")
    ws.append(["id", "plan", "title"])
    ws.append(["LAA-E1", "LAA", "More Luton residents in work"])
    ws = wb.create_sheet("measures")
    ws.append(["id", "objective", "title", "unit", "baseline_value", "baseline_year"])
    ws.append(["LAA-E1.1", "LAA-E1", "Overall employment rate (working age)", "percent", 67.8, "2007/08"])
    ws = wb.create_sheet("targets")
    ws.append(["measure", "year", "value"])
    ws.append(["LAA-E1.1", "2010/11", 70])
    if extra:
        extra(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return rezip(buf.getvalue())


def rezip(data: bytes, edit=None, add=None, method=zipfile.ZIP_DEFLATED) -> bytes:
    """Copy a zip with fixed dates, ``edit(name, bytes) -> bytes | None`` and extra parts."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as dst:
        parts = [(i.filename, src.read(i.filename)) for i in src.infolist()]
        for name, body in parts + list((add or {}).items()):
            if name == "docProps/core.xml":
                body = CORE
            if edit is not None:
                body = edit(name, body)
            if body is not None:
                dst.writestr(zipfile.ZipInfo(name, DATE), body, compress_type=method)
    return out.getvalue()


def _in(part: str, old: bytes, new: bytes):
    return lambda name, body: body.replace(old, new, 1) if name == part else body


def _merged_header(wb) -> None:
    for ws in wb.worksheets:
        ws.insert_rows(1)
        ws["A1"] = f"Luton Forum - {ws.title}"
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    ws = wb["measures"]  # the objective cell merged down over two measures
    ws.append(["LAA-E1.2", None, "Working age people on out of work benefits", "percent", 14.1, "2007/08"])
    ws.merge_cells("B3:B4")


def _hidden(wb) -> None:
    wb["targets"].sheet_state = "hidden"
    wb.create_sheet("Summary").append(["All targets met?", "=COUNTIF(targets!C:C,\">0\")"])
    wb.create_sheet("Notes").append(["For officers only"])
    wb["Summary"].sheet_state = "veryHidden"


def _totals(wb) -> None:
    ws = wb["measures"]
    ws.append([None, None, None, None, None, None])
    ws.append(["Total", None, None, None, 67.8, None])


def _empty(wb) -> None:
    for name in ("objectives", "measures", "targets"):
        del wb[name]
        wb.create_sheet(name)


def _ext_link(name: str, body: bytes):
    if name == sheet(4):
        return body.replace(b"<v>70</v>", b"<f>[1]Sheet1!A1</f><v>70</v>")
    if name == "[Content_Types].xml":
        return body.replace(b"</Types>", b'<Override PartName="/xl/externalLinks/externalLink1.xml" '
                            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                            b'externalLink+xml"/></Types>')
    return body


EXT_PARTS = {
    "xl/externalLinks/externalLink1.xml":
        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<externalBook r:id="rId1"/></externalLink>',
    "xl/externalLinks/_rels/externalLink1.xml.rels":
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/externalLinkPath" Target="file:///C:/Finance/secret.xlsx" TargetMode="External"/>'
        b'</Relationships>',
}
def _prefix_x(name: str, body: bytes):
    """The targets sheet written with an ``x:`` namespace prefix, its value replaced by a formula."""
    if name != sheet(4):
        return body
    import re

    body = body.replace(b'xmlns="http://schemas', b'xmlns:x="http://schemas', 1)
    body = re.sub(rb"<(/?)([A-Za-z]\w*)(?=[\s>/])", rb"<\1x:\2", body)
    return body.replace(b"<x:v>70</x:v>", b"<x:f>B2*10</x:f>")


def _strict(name: str, body: bytes):
    return body.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                        b"http://purl.oclc.org/ooxml/spreadsheetml/main") if name.startswith("xl/") else body


def _moved(new_part: str, merge: bool):
    """The plans sheet stored at ``new_part`` instead of xl/worksheets/ (with a whole-sheet merge)."""
    def edit(name: str, body: bytes):
        if name == sheet(1):
            return None
        if name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
            return body.replace(b"/xl/worksheets/sheet1.xml", b"/" + new_part.encode())
        return body

    def add(wb_bytes: bytes) -> dict[str, bytes]:
        body = zipfile.ZipFile(io.BytesIO(wb_bytes)).read(sheet(1))
        if merge:
            body = body.replace(b"</sheetData>", b'</sheetData><mergeCells count="1">'
                                b'<mergeCell ref="A5:XFD1048576"/></mergeCells>')
        return {new_part: body}

    return edit, add


def _outside(name: str, body: bytes):
    """The targets sheet's relationship points outside the package."""
    if name == "xl/_rels/workbook.xml.rels":
        return body.replace(b"/xl/worksheets/sheet4.xml", b"../../../outside/sheet4.xml")
    return body


def _right_of_header(wb) -> None:
    wb["plans"]["E2"] = "a note nobody reads"
    wb["targets"]["D2"] = 75


MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MACRO = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _moved_workbook(part: str, merge: bool) -> bytes:
    edit, add = _moved(part, merge)
    base = workbook()
    return rezip(base, edit, add(base))


def committed() -> dict[str, bytes]:
    """The corpus files, by name."""
    deep = "plan: " + "[" * 60_000 + "]" * 60_000 + "\n"
    laughs = ["plan: {id: LAA, title: Luton LAA, kind: local-area-agreement}",
              'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    laughs += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return {
        # YAML
        "alias-bomb.yaml": ("\n".join(laughs) + "\n").encode(),
        "deep-nesting.yaml": deep.encode(),
        "python-tag.yaml": b"plan:\n  id: LAA\n  title: !!python/object/apply:os.system ['echo owned > owned.txt']\n"
                           b"  kind: local-area-agreement\n",
        "latin1.yaml": "plan:\n  id: LAA\n  title: Caf\xe9 culture strategy\n  kind: other\n".encode("latin-1"),
        "nul-byte.yaml": b"plan:\n  id: LAA\n  title: Luton\x00 LAA\n  kind: other\n",
        "picture.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "utf16.yaml": "plan:\n  id: LAA\n  title: Luton LAA\n  kind: other\n".encode("utf-16"),
        "infinity.yaml": b"plan: {id: LAA, title: Luton LAA, kind: other, period: {start: .inf, end: 2011}}\n"
                         b"objectives:\n  - id: LAA-E1\n    title: More residents in work\n    measures:\n"
                         b"      - title: Employment rate\n        baseline: {value: .nan, year: 2007/08}\n"
                         b"        targets: [{year: 2010/11, value: " + b"9" * 400 + b"}]\n",
        # YAML 1.1 would retype these; plancheck keeps ids as written and reports the rest
        "yaml11-ids.yaml": b"plan: {id: 010, title: Luton LAA, kind: other}\nobjectives:\n"
                           b"  - {id: on, title: Jobs}\n  - {id: NO, title: Homes, supports: [0x1F, 1.10]}\n"
                           b"  - {id: 0x1F, title: Health}\n  - {id: 1.10, title: Crime}\n  - {id: 1.1, title: Parks}\n",
        "yaml11-years.yaml": b"plan: {id: LAA, title: Luton LAA, kind: other, period: {start: 0x7DA, end: 33:30}}\n"
                             b"objectives:\n  - id: LAA-E1\n    title: More residents in work\n    measures:\n"
                             b"      - title: Employment rate\n        baseline: {value: 0x10, year: 2_010}\n"
                             b"        targets: [{year: 0b11111011010, value: 1:30}]\n",
        "bad-tags.yaml": b"plan: {id: LAA, title: Luton LAA, kind: other, owner: !!timestamp foo}\n"
                         b"objectives:\n  - id: LAA-E1\n    title: !!int \"\"\n    local: !!bool maybe\n",
        "misspelt-objectives.yaml": b"plan: {id: LAA, title: Luton LAA, kind: other}\nobjectves:\n"
                                    b"  - id: LAA-E1\n    title: More residents in work\n",
        "digits-title.yaml": b"plan: {id: LAA, title: Luton LAA, kind: other}\nobjectives:\n  - id: LAA-E1\n"
                             b"    title: '" + b"7" * 5_000 + b"'\n    measures:\n      - {title: " + b"1" * 5_000
                             + b", indicator: NI " + b"0" * 5_000 + b"}\n",
        # Workbooks
        "strict-ooxml.xlsx": rezip(workbook(), _strict),
        "right-of-header.xlsx": workbook(_right_of_header),
        "sheet-outside-package.xlsx": rezip(workbook(), _outside),
        "x-prefix-formula.xlsx": rezip(workbook(), _prefix_x),
        "sheet-elsewhere.xlsx": _moved_workbook("xl/data/plans.xml", merge=False),
        "merge-bomb-elsewhere.xlsx": _moved_workbook("xl/data/plans.xml", merge=True),
        "merged-header.xlsx": workbook(_merged_header),
        "hidden-sheets.xlsx": workbook(_hidden),
        "totals-row.xlsx": workbook(_totals),
        "empty-sheets.xlsx": workbook(_empty),
        "external-link.xlsx": rezip(workbook(), _ext_link, EXT_PARTS),
        "macro-renamed.xlsx": rezip(workbook(), _in("[Content_Types].xml", MAIN, MACRO),
                                    {"xl/vbaProject.bin": OLE + bytes(200)}),
        "formula-no-value.xlsx": rezip(workbook(), _in(sheet(4), b"<v>70</v>", b"<f>B2*10</f>")),
        "doctype-entity.xlsx": rezip(workbook(), _in(sheet(1), b"<worksheet", b'<!DOCTYPE w [<!ENTITY a '
                                                     b'"aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><worksheet')),
        "merge-bomb.xlsx": rezip(workbook(), _in(sheet(1), b"</sheetData>", b'</sheetData><mergeCells count="1">'
                                                 b'<mergeCell ref="A5:XFD1048576"/></mergeCells>')),
        "far-cell.xlsx": rezip(workbook(), _in(sheet(3), b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" '
                                               b't="inlineStr"><is><t>stray</t></is></c></row></sheetData>')),
        "password-protected.xlsx": OLE + bytes(504) + b"\x00EncryptedPackage" + bytes(1000),
        "really-a-csv.xlsx": b"id,title,kind\nLAA,Luton Local Area Agreement,local-area-agreement\n",
        "truncated.xlsx": workbook()[:2000],
        # CSV sets (one folder each)
        "csv-utf16/plans.csv": "id,title,kind\nLAA,Luton LAA,other\n".encode("utf-16"),
        "csv-windows-1252/plans.csv": "id,title,kind\nLAA,Luton \u201cLAA\u201d \u2013 caf\xe9,other\n".encode("cp1252"),
        "csv-not-1252/plans.csv": b"id,title,kind\nLAA,Luton \x81\x8d LAA,other\n",
        "csv-late-nul/plans.csv": b"id,title,kind\n" + b"LAA,Luton LAA,other\n" * 600 + b"X,\x00,other\n",
        "csv-unclosed-quote/plans.csv": b"id,title,kind\nP1,\"Luton LAA,other\n"
                                        + b"".join(b"P%d,Plan %d,other\n" % (i, i) for i in range(2, 51)),
        "csv-duplicate-column/plans.csv": b"id,title,kind,title\nLAA,Luton LAA,other,Another title\n",
        "csv-right-of-header/plans.csv": b"id,title,kind\nLAA,Luton LAA,other,stray value,another\n"
                                         b"SCS,Luton SCS,other\n",
        "csv-stray-1252/plans.csv": "id,title,kind\nLAA,Luton caf\u00e9 LAA,other\n".encode()
                                    + b"SCS,Luton caf\xe9 SCS,other\n",
    }


def build(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def generated_only() -> dict[str, bytes]:
    """Files too large to commit; the tests build them in a temporary folder."""
    many = workbook(lambda wb: [wb.create_sheet(f"Ward {i}") for i in range(250)])
    cells = b"".join(b'<row r="%d">' % r + b"".join(b'<c r="%s%d"/>' % (c, r) for c in (b"A", b"B", b"C", b"D"))
                     + b"</row>" for r in range(3, 260_000))
    padded = b"".join(b"      - {title: Measure %d, indicator: 'NI%s151%sa'}\n" % (i, b" " * 4_000, b" " * 4_000)
                      for i in range(45))
    return {
        # hangs and memory: each must finish in seconds, well under 1 GiB (tests/test_corpus.py)
        "sexagesimal.yaml": b"plan: {id: LAA, title: Luton LAA, kind: other, owner: 1" + b":0" * 1_000_000 + b"}\n",
        "backtrack-value.yaml": b"plan: {id: LAA, title: Luton LAA, kind: other}\nobjectives:\n  - id: LAA-E1\n"
                                b"    title: Jobs\n    measures:\n      - title: Employment rate\n"
                                b"        targets: [{year: 2011, value: '-" + b" " * 40_000 + b"x'}]\n",
        "padded-codes.yaml": b"plan: {id: LAA, title: Luton LAA, kind: other}\nobjectives:\n  - id: LAA-E1\n"
                             b"    title: Jobs\n    measures:\n" + padded,
        "many-empty-cells.xlsx": rezip(workbook(), _in(sheet(2), b"</sheetData>", cells + b"</sheetData>")),
        "zip-bomb.xlsx": rezip(workbook(), add={"xl/media/image1.bin": bytes(150_000_000)}),
        "many-parts.xlsx": rezip(workbook(), add={f"customXml/item{i}.xml": b"<a/>" for i in range(2_100)}),
        "many-sheets.xlsx": many,
    }


if __name__ == "__main__":
    build(HERE, committed())
    sys.stdout.write(f"wrote {len(committed())} corpus files under {HERE}\n")
