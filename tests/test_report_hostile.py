"""Every report format stays valid whatever the plans say.

Plan text reaches reports verbatim: markup, spreadsheet formulas, CI command syntax,
line breaks, terminal control sequences, characters XML cannot hold, very long text.
Each format is checked against its schema or its own rules, and all of them must agree
on the counts and the exit code. A bounded hypothesis run does the same for generated text.
"""

from __future__ import annotations

import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import openpyxl
import pytest
import xmlschema
import yaml
from conftest import check_paths
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancheck.report import FORMATS, ReportOptions, render

SCHEMAS = Path(__file__).resolve().parent / "schemas"
FINDINGS_SCHEMA = json.loads((SCHEMAS / "findings.schema.json").read_text(encoding="utf-8"))
SARIF = jsonschema.Draft4Validator(json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
JUNIT = xmlschema.XMLSchema(str(SCHEMAS / "jenkins-junit.xsd"))
# What a terminal acts on or what reorders the text shown (line feeds separate report lines).
TERMINAL_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

HOSTILE = [
    "Strategy <script>alert('x')</script> & </script><!--",
    '=HYPERLINK("http://example.com/x","Click")',
    "@SUM(A1) +1 -1",
    "100% done %0A %25 ::error file=x.yaml,line=1::pwned",
    "first line\nsecond line\r\nthird",
    "\x1b]0;retitled\x07 \x1b[31mred\x1b[0m",
    "odd \ufffe\uffff characters \x01\x0b",
    "\u202eevil reversed\u202c text",
    "Café – £2,737 😀 ﬁ",
    "long " * 800,
]


def hostile_framework(folder: Path, texts: list[str], unreadable: bool = True) -> Path:
    """Two related plans whose text fields are ``texts``, and an unreadable file beside them."""
    t = (texts * 8)[:8]
    parent = {"plan": {"id": "SP", "title": t[0], "kind": "sustainable-community-strategy",
                       "owner": t[1], "period": {"start": "2008/09", "end": "2025/26"}},
              "objectives": [{"id": "SP-1", "title": t[2], "theme": t[3], "measures": [
                  {"indicator": "NI 151", "title": t[6], "unit": "percent", "direction": "increase",
                   "baseline": {"value": 67.8, "year": "2007/08"},
                   "targets": [{"year": "2010/11", "value": 74}]}]}]}
    child = {"plan": {"id": "LAA", "title": t[4], "kind": "local-area-agreement", "derives_from": ["SP"]},
             "objectives": [
                 {"id": "LAA-1", "title": t[5], "supports": ["SP-9"], "measures": [
                     {"indicator": "NI 151", "title": t[6], "unit": "percent", "direction": "increase",
                      "baseline": {"value": t[7], "year": "2007/08"},
                      "targets": [{"year": "2010/11", "value": 70}]}]},
                 {"id": "LAA-2", "title": t[1]}]}
    folder.mkdir(parents=True, exist_ok=True)
    for name, doc in (("sp.yaml", parent), ("laa.yaml", child)):
        (folder / name).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if unreadable:
        (folder / "broken <plan>.yaml").write_bytes(b"\xff\xfeplan: [")
    return folder


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.data_json: list[str] = []
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_data = tag == "script" and ("id", "plancheck-data") in attrs

    def handle_endtag(self, tag):
        self._in_data = False

    def handle_data(self, data):
        if self._in_data:
            self.data_json.append(data)


def _html_tags(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser


CLEAN_TAGS: set[str] = set()
# Contract section 5: a finding at or above --fail-on fails the run ("never": none does).
FAILS_AT = {"error": {"error"}, "warning": {"error", "warning"}, "info": {"error", "warning", "info"},
            "never": set()}


def _without_file_line(text: str) -> str:
    """Jenkins' XSD does not list testcase ``file``/``line`` (which Jenkins and GitLab read)."""
    return re.sub(r' (file|line)="[^"]*"', "", text)


def assert_every_format_valid(result) -> None:
    counts = result.counts()
    n = len(result.findings)
    failing = sum(f.severity in FAILS_AT[result.fail_on] for f in result.findings)
    out = {fmt: render(fmt, result, ReportOptions()) for fmt in FORMATS}
    assert set(out) == {"console", "json", "xlsx", "sarif", "junit", "github", "gitlab", "html"}

    console = out["console"]
    assert not TERMINAL_CONTROL.search(console)
    last = console.rstrip("\n").splitlines()[-1]
    if n:
        assert f"{counts['error']} error" in last and f"{counts['warning']} warning" in last
        assert ("FAILS" in last) == bool(result.exit_code)
    else:
        assert last.startswith("No problems found")

    doc = json.loads(out["json"])
    jsonschema.validate(doc, FINDINGS_SCHEMA)
    assert {k: doc["summary"][k] for k in ("error", "warning", "info")} == \
        {k: counts[k] for k in ("error", "warning", "info")}

    sarif = json.loads(out["sarif"])
    assert list(SARIF.iter_errors(sarif)) == []
    assert len(sarif["runs"][0]["results"]) == n

    JUNIT.validate(io.StringIO(_without_file_line(out["junit"])))
    assert re.search(r'<testsuites [^>]*failures="(\d+)"', out["junit"]).group(1) == str(failing)

    lines = [ln for ln in out["github"].splitlines() if not ln.startswith("::notice title=plancheck::")]
    assert len(lines) == n and all(re.match(r"::(error|warning|notice) [^\n]*::", line) for line in lines)

    assert len(json.loads(out["gitlab"])) == n

    tags = _html_tags(out["html"])
    assert set(tags.tags) <= CLEAN_TAGS, set(tags.tags) - CLEAN_TAGS
    data = json.loads("".join(tags.data_json))
    assert len(data["findings"]) == n

    book = openpyxl.load_workbook(io.BytesIO(out["xlsx"]))
    assert not [c.coordinate for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]
    findings_rows = book["Findings"].max_row - 1
    # one row for every plan a finding involves (a finding about no plan still has one)
    rows_expected = sum(max(1, len(f.plans or ((f.plan,) if f.plan else ()))) for f in result.findings)
    assert findings_rows == rows_expected or (n == 0 and findings_rows <= 1)
    assert result.exit_code == (1 if failing else 0)


@pytest.fixture(scope="module", autouse=True)
def clean_tags(tmp_path_factory):
    """The tags of an ordinary report: a hostile one may not add any."""
    folder = hostile_framework(tmp_path_factory.mktemp("clean"), ["Luton Forum"])
    CLEAN_TAGS.update(_html_tags(render("html", check_paths([folder]), ReportOptions())).tags)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_every_format_is_valid_with_hostile_plan_text(tmp_path, text):
    result = check_paths([hostile_framework(tmp_path / "fw", [text])])
    assert {f.code for f in result.findings} >= {"PC001", "PC101", "PC201"}
    assert_every_format_valid(result)


def test_every_format_is_valid_with_every_hostile_text_at_once(tmp_path):
    result = check_paths([hostile_framework(tmp_path / "fw", HOSTILE)])
    assert_every_format_valid(result)


def test_console_keeps_hostile_plan_text_on_its_line(tmp_path):
    """A plan title with a line break or a terminal escape stays one visible heading."""
    result = check_paths([hostile_framework(tmp_path / "fw", ["first line\n\x1b]0;retitled\x07second"])])
    console = render("console", result, ReportOptions())
    heading = next(line for line in console.splitlines() if "sp.yaml  (" in line)
    assert "first line" in heading and "second" in heading and "\x1b" not in console


def test_xml_formats_drop_characters_xml_cannot_hold(tmp_path):
    result = check_paths([hostile_framework(tmp_path / "fw", ["odd \ufffe\uffff text"], unreadable=False)])
    JUNIT.validate(io.StringIO(_without_file_line(render("junit", result, ReportOptions()))))
    book = openpyxl.load_workbook(io.BytesIO(render("xlsx", result, ReportOptions())))
    assert "odd  text" in str(book.properties.title) or any(
        "odd  text" in str(c.value) for ws in book for row in ws.iter_rows() for c in row)


def test_every_format_is_valid_with_no_findings(tmp_path):
    result = check_paths([hostile_framework(tmp_path / "fw", ["Luton Forum"], unreadable=False)], select=["PC0"])
    assert result.findings == []
    assert_every_format_valid(result)


def test_every_format_is_valid_with_only_an_unreadable_file(tmp_path):
    folder = tmp_path / "fw"
    folder.mkdir()
    (folder / "plan.yaml").write_bytes(b"\xff\xfe\x00")
    result = check_paths([folder])
    assert {f.category for f in result.findings} == {"input"}
    assert_every_format_valid(result)


FUZZ_EXAMPLES = int(os.environ.get("PLANCHECK_FUZZ_EXAMPLES", "10"))  # CI budget; long run: README
texts = st.one_of(st.sampled_from(HOSTILE),
                  st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80))


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=not os.environ.get("PLANCHECK_FUZZ_EXAMPLES"),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=8), st.sampled_from(["error", "warning", "info", "never"]))
def test_fuzz_every_format_with_generated_plan_text(tmp_path_factory, values, fail_on):
    folder = hostile_framework(tmp_path_factory.mktemp("fuzz"), values)
    assert_every_format_valid(check_paths([folder], fail_on=fail_on))


def test_console_counts_read_as_english_for_one_plan(tmp_path):
    folder = tmp_path / "fw"
    folder.mkdir()
    (folder / "sp.yaml").write_text("plan: {id: SP, title: Strategy, kind: other}\n"
                                    "objectives:\n  - {id: SP-1, title: Cleaner streets}\n", encoding="utf-8")
    lines = render("console", check_paths([folder]), ReportOptions()).splitlines()
    assert lines[1].startswith("1 plan, 1 objective, 0 measures read from 1 file")
    assert lines[-1].startswith("0 errors, 1 warning, 0 info in 1 plan:")


@pytest.mark.parametrize("breaker", ["\x1e", "\x1c", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"])
def test_github_annotations_stay_one_line_per_finding(breaker):
    """Found by the long fuzz run: a title holding U+001E split an annotation in two."""
    from plancheck.report.github import escape_data, escape_property

    for escaped in (escape_data(f"LAA-1 0{breaker}0"), escape_property(f"a{breaker}b")):
        assert len(f"::notice::{escaped}".splitlines()) == 1


def test_junit_stays_xml_when_a_plan_id_holds_a_control_character(tmp_path):
    """Found by the fuzz invariants: a plan id of ESC went into the JUnit classname raw."""
    import xml.etree.ElementTree as ET

    (tmp_path / "plans.csv").write_text("Luton Forum plans\r\nid\r\n\x1b\r\n", encoding="utf-8")
    result = check_paths([tmp_path])
    assert result.findings
    root = ET.fromstring(render("junit", result, ReportOptions()))
    assert len(root.findall("./testsuite/testcase")) == len(result.findings)
