"""Every plan's owner sees every finding that involves their plan, in every report, for the
sample framework kept in each of its three forms (YAML files, the workbook, CSV files).

The Luton inspection's three conflicting targets are between the Community Plan and Luton
2011 (and the LAA for NI 151): the owner of Luton 2011 must see all three, although each
finding is filed under the Community Plan.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from html.parser import HTMLParser

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import PLANS, check_paths

from plancheck.cli import cli
from plancheck.report import ReportOptions, render

FORMS = ["yaml", "xlsx", "csv"]
# Known from the sample (tests/data/luton_planted.yaml and the inspection): the conflicts
# Luton 2011 is part of, by the measures they name.
L2011_CONFLICTS = {frozenset({"CP-H1.1", "L2011-HS1.1"}), frozenset({"CP-H1.2", "L2011-HS1.2"}),
                   frozenset({"CP-W1.1", "LAA-E1.1", "L2011-ER1.1"})}


@pytest.fixture(scope="module")
def csv_folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("csv") / "luton-csv"
    res = CliRunner().invoke(cli, ["convert", str(PLANS / "luton"), "--to", "csv", "--output", str(out)])
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture(scope="module", params=FORMS)
def result(request, csv_folder):
    path = {"yaml": PLANS / "luton", "xlsx": PLANS / "luton.xlsx", "csv": csv_folder}[request.param]
    from plancheck.api import settings_for

    return check_paths([path], settings_for([str(path)]))


def _expected(result) -> Counter:
    """(plan, code) once for every plan each finding involves."""
    return Counter((p, f.code) for f in result.findings for p in f.plans)


def test_the_sample_has_shared_findings(result):
    pc201 = [f for f in result.findings if f.code == "PC201"]
    assert {frozenset(f.objects) for f in pc201} >= L2011_CONFLICTS
    for f in pc201:
        if frozenset(f.objects) in L2011_CONFLICTS:
            assert f.plan == "CP" and "L2011" in f.plans


# -- console ----------------------------------------------------------------------------------
_HEADING = re.compile(r"^\S.*\((?P<plan>[A-Za-z0-9_-]+)\)  \S.*  \(\d+ errors?, \d+ warnings?, \d+ info\)$")
_FINDING = re.compile(r"^  (?:error|warning|info)\s+(?P<code>PC\d{3})\b")
_ALSO = re.compile(r"^    also (?P<code>PC\d{3}) [^:]*: (?P<objects>.*)$")


def console_sections(text: str) -> Counter:
    """(plan, code) for every finding the console shows, under the plan heading it is in;
    an "also" line counts once per object it lists."""
    seen: Counter = Counter()
    plan = None
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        if m:
            plan = m.group("plan")
            continue
        if not line.strip():
            plan = None if not (i + 1 < len(lines) and _HEADING.match(lines[i + 1])) else plan
            continue
        m = _FINDING.match(line)
        if m and plan:
            seen[(plan, m.group("code"))] += 1
            continue
        m = _ALSO.match(line)
        if m and plan:
            # wrapped "also" lines carry on the list of objects
            listed = m.group("objects")
            j = i + 1
            while j < len(lines) and lines[j].startswith("      "):
                listed += " " + lines[j].strip()
                j += 1
            seen[(plan, m.group("code"))] += len([o for o in listed.split(",") if o.strip()])
    return seen


def test_console_shows_each_finding_under_every_plan_involved(result):
    text = render("console", result, ReportOptions(width=100))
    assert console_sections(text) == _expected(result)
    assert console_sections(text)[("L2011", "PC201")] == 3


def test_console_verbose_keeps_every_message_in_full(result):
    text = render("console", result, ReportOptions(width=100, verbose=True))
    flat = " ".join(text.split())
    for f in result.findings:
        assert " ".join(f.message.split()) in flat, f.code


# -- workbook -----------------------------------------------------------------------------------
def test_workbook_has_a_row_for_every_plan_involved(result):
    wb = openpyxl.load_workbook(io.BytesIO(render("xlsx", result, ReportOptions())))
    rows = list(wb["Findings"].iter_rows(values_only=True))
    header = list(rows[0])
    plan, code = header.index("Plan"), header.index("Code")
    assert Counter((r[plan], r[code]) for r in rows[1:]) == _expected(result)
    summary = list(wb["Summary"].iter_rows(values_only=True))
    l2011 = next(r for r in summary if r[0] == "Luton 2011 (L2011)")
    assert l2011[1] == 3  # errors: the three conflicts Luton 2011 is part of


# -- HTML -----------------------------------------------------------------------------------------
class _Findings(HTMLParser):
    """(plan of the list it is in, code) for every finding item of the HTML report."""

    def __init__(self):
        super().__init__()
        self.items: Counter = Counter()
        self.plan_rows: dict[str, list[str]] = {}
        self._li_plan = None
        self._in_code = False
        self._row: list[str] | None = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "li" and "finding" in (a.get("class") or ""):
            self._li_plan = a.get("data-plan")
        elif tag == "code" and self._li_plan is not None:
            self._in_code = True
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "li":
            self._li_plan = None
        elif tag in ("th", "td") and self._row is not None and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row:
            m = re.search(r"\b([A-Z][A-Z0-9]*)$", self._row[0])
            if m:
                self.plan_rows.setdefault(m.group(1), self._row)  # the plan table comes first
            self._row = None

    def handle_data(self, data):
        if self._in_code and self._li_plan is not None:
            self.items[(self._li_plan, data.strip())] += 1
            self._in_code = False
        if self._cell is not None:
            self._cell += data


def test_html_lists_each_finding_under_every_plan_and_counts_it(result):
    parser = _Findings()
    parser.feed(render("html", result, ReportOptions()))
    assert parser.items == _expected(result)
    # The plan table: Luton 2011 has 3 errors (its columns: ... Errors, Warnings, Info).
    assert parser.plan_rows["L2011"][-3] == "3"
