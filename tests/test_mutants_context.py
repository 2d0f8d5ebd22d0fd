"""plancheck/checks/context.py: the summary tables as the JSON report carries them
(tests/MUTATION.md). report/json_report.py documents ``summaries`` as an extra key beside
the contract's; each table is a title, its columns, rows of as many cells, and a note, and
the multi-framework view (areas.combined_summaries) reads the same keys.
"""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import PLANS

from plancheck.cli import cli


def test_each_summary_table_has_a_title_columns_rows_and_a_note():
    res = CliRunner().invoke(cli, ["check", str(PLANS / "luton"), "--format", "json"], catch_exceptions=False)
    summaries = json.loads(res.stdout)["summaries"]
    assert {"traceability", "measurability", "indicators"} <= set(summaries)
    for table in summaries.values():
        assert isinstance(table["title"], str) and table["title"]
        assert isinstance(table["note"], str)
        assert table["columns"] and table["rows"]
        assert all(len(row) == len(table["columns"]) for row in table["rows"])


def test_two_frameworks_merge_their_tables_with_a_framework_column():
    res = CliRunner().invoke(cli, ["check", str(PLANS / "luton"), str(PLANS / "fenwick"), "--format", "json",
                                   "--jobs", "1"], catch_exceptions=False)
    doc = json.loads(res.stdout)
    table = doc["summaries"]["traceability"]
    assert table["columns"][0] == "framework" and table["title"]
    assert {row[0] for row in table["rows"]} == {f["name"] for f in doc["frameworks"]}
