"""Documentation that must not drift from the code."""

from conftest import ROOT

from plancheck.checks import all_checks
from plancheck.docs import END, START, readme_block


def test_readme_lists_every_check_as_the_registry_does():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = START + text.split(START, 1)[1].split(END, 1)[0] + END
    assert block == readme_block(all_checks()), "run: python -m plancheck.docs README.md"


def test_docs_copy_of_the_contract_matches_shared_spec():
    shared = ROOT.parent / "shared" / "spec" / "plan-format.md"
    ours = ROOT / "docs" / "plan-format.md"
    assert ours.is_file()
    if shared.is_file():  # shared/ sits beside the checkout in development and CI
        assert ours.read_text(encoding="utf-8") == shared.read_text(encoding="utf-8")
