"""SECURITY.md states the limits with the numbers the code uses: change one, change both."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

TEXT = (Path(__file__).resolve().parent.parent / "SECURITY.md").read_text(encoding="utf-8")


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024):,} MB"


# (module, constant, how SECURITY.md writes it)
LIMITS = [
    ("plancheck.load.yaml_plans", "MAX_YAML_BYTES", _mb),
    ("plancheck.load.yaml_plans", "MAX_DEPTH", "nesting {:,} levels".format),
    ("plancheck.load.yaml_plans", "MAX_NODES", "{:,} values".format),
    ("plancheck.load.yaml_plans", "MAX_ALIAS_NODES", "{:,} values repeated".format),
    ("plancheck.load.yaml_tree", "MAX_NUMBER_CHARS", "longer than {} characters".format),
    ("plancheck.load.csv_tables", "MAX_CSV_BYTES", _mb),
    ("plancheck.load.workbook", "MAX_WORKBOOK_BYTES", _mb),
    ("plancheck.load.workbook", "MAX_UNCOMPRESSED", _mb),
    ("plancheck.load.workbook", "MAX_MEMBERS", "{:,} parts".format),
    ("plancheck.load.workbook", "MAX_RATIO", "{}:1 compression".format),
    ("plancheck.load.workbook", "MAX_CELLS", "{:,} cells written".format),
    ("plancheck.load.workbook", "MAX_MERGED_CELLS", "{:,} merged cells".format),
    ("plancheck.load.workbook", "MAX_SHEETS", "{} sheets".format),
    ("plancheck.load.records", "MAX_TEXT", "{:,} characters".format),
    ("plancheck.catalogue", "MAX_CATALOGUE_BYTES", _mb),
    ("plancheck.config", "MAX_SETTINGS_BYTES", _mb),
    ("plancheck.config", "MAX_SETTINGS_DEPTH", "nesting {} levels".format),
    ("plancheck.config", "MAX_SETTING_CHARS", "{:,} characters".format),
    ("plancheck.values", "MAX_NUMBER_TEXT", "at most {} characters".format),
    ("plancheck.catalogue", "MAX_CODE", "at most {} characters".format),
    ("plancheck.load.tables", "MAX_HEADER", "first {} characters".format),
    ("plancheck.classify", "MAX_TITLE", "first {} characters".format),
    ("plancheck.load.tables", "MAX_REPORTED", "first {} rows".format),
]


@pytest.mark.parametrize(("module", "name", "written"), LIMITS, ids=[f"{m}.{n}" for m, n, _ in LIMITS])
def test_security_md_states_the_limit_the_code_uses(module, name, written):
    value = getattr(importlib.import_module(module), name)
    assert written(value) in TEXT
    assert f"`{name}`" in TEXT or f".{name}`" in TEXT
