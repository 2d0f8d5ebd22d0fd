"""Documentation that must not drift from the code."""

import os
from pathlib import Path

import pytest
from conftest import ROOT

from plancheck.checks import all_checks
from plancheck.docs import END, START, readme_block


def test_readme_lists_every_check_as_the_registry_does():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = START + text.split(START, 1)[1].split(END, 1)[0] + END
    assert block == readme_block(all_checks()), "run: python -m plancheck.docs README.md"


def _shared_contract():
    """The shared contract: ``../shared/spec/plan-format.md`` beside the clone, as in CI
    (``PLANCHECK_SHARED`` may name the shared folder elsewhere)."""
    base = os.environ.get("PLANCHECK_SHARED")
    return (Path(base) if base else ROOT.parent / "shared") / "spec" / "plan-format.md"


def test_docs_copy_of_the_contract_matches_shared_spec():
    shared = _shared_contract()
    ours = ROOT / "docs" / "plan-format.md"
    assert ours.is_file()
    if not shared.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the shared contract {shared} is missing: docs/plan-format.md "
                        "cannot be compared with it")
        pytest.skip(f"the shared contract {shared} is not beside this checkout "
                    "(set PLANCHECK_SHARED to the shared folder to compare)")
    assert ours.read_text(encoding="utf-8") == shared.read_text(encoding="utf-8")
