"""plancheck/cli.py at its edges: what a mutation run showed no test pinned down
(tests/MUTATION.md). Exit codes are contract section 5; reports go to standard output and
plancheck's own messages to standard error (README), so the stream is asserted, never the
wording.
"""

from __future__ import annotations

import json
import sys

import pytest
from click.testing import CliRunner
from conftest import PLANS

from plancheck import cli as cli_module
from plancheck.checks import all_checks
from plancheck.cli import _use_color, cli, main, plain_doc


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def run_main(monkeypatch, capsys, *args, argv0="plancheck"):
    """The real entry point in this process: its exit code, stdout and stderr."""
    monkeypatch.setattr(sys, "argv", [argv0, *args])
    with pytest.raises(SystemExit) as exc:
        main()
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_main_exits_0_after_a_command_that_returns(monkeypatch, capsys):
    code, out, _ = run_main(monkeypatch, capsys, "explain", "PC101")
    assert code == 0
    assert "PC101" in out


def test_main_exits_0_for_version(monkeypatch, capsys):
    code, out, _ = run_main(monkeypatch, capsys, "--version")
    assert code == 0
    assert out.strip()


def test_main_exits_2_for_a_usage_error_reported_on_stderr(monkeypatch, capsys):
    code, out, err = run_main(monkeypatch, capsys, "check", str(PLANS / "luton"), "--no-such-option")
    assert code == 2
    assert out == "" and err.strip()


def test_main_names_the_program_plancheck_whatever_started_it(monkeypatch, capsys):
    # python -m plancheck starts with argv[0] = .../__main__.py; help still says plancheck.
    code, out, _ = run_main(monkeypatch, capsys, "--help", argv0="/x/plancheck/__main__.py")
    assert code == 0
    assert out.startswith("Usage: plancheck ")


def test_an_interrupted_run_exits_130_and_says_so_on_stderr(monkeypatch, capsys):
    def interrupted(*a, **k):
        raise KeyboardInterrupt
    monkeypatch.setattr(cli_module.api, "check", interrupted)
    code, out, err = run_main(monkeypatch, capsys, "check", str(PLANS / "luton"))
    assert code == 130
    assert out.strip() == "" and err.strip()


def test_a_closed_pipe_ends_quietly_with_0(monkeypatch, capsys):
    def closed(*a, **k):
        raise BrokenPipeError
    monkeypatch.setattr(cli_module.api, "check", closed)
    code, _, _ = run_main(monkeypatch, capsys, "check", str(PLANS / "luton"))
    assert code == 0


def test_select_takes_comma_separated_codes():
    res = invoke("check", str(PLANS / "luton"), "--format", "json", "--select", "PC101, PC201,PC2")
    assert res.exit_code in (0, 1)
    codes = {f["code"] for f in json.loads(res.stdout)["findings"]}
    assert codes and all(c == "PC101" or c.startswith("PC2") for c in codes)


def test_a_usage_error_of_plancheck_goes_to_stderr_not_the_report():
    res = invoke("check", str(PLANS / "luton"), "--format", "xlsx")  # xlsx needs --output
    assert res.exit_code == 2
    assert res.stdout == "" and res.stderr.strip()


class _Tty:
    def isatty(self):
        return True


class _Pipe:
    def isatty(self):
        return False


def test_colour_on_a_terminal_unless_no_color_is_set(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _use_color(None, _Tty()) is True
    assert _use_color(None, _Pipe()) is False
    assert _use_color(None, object()) is False
    assert _use_color(False, _Tty()) is False and _use_color(True, _Pipe()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert _use_color(None, _Tty()) is False
    assert _use_color(True, _Tty()) is True


def test_documentation_literals_are_shown_without_backticks():
    assert plain_doc("a ``kind`` of ``outcome``") == "a kind of outcome"
    assert plain_doc("``two\nlines``") == "two\nlines"
    for c in all_checks():
        assert "``" not in plain_doc(c.summary) and "``" not in plain_doc(c.body or "")


def test_rules_and_explain_show_no_backticks():
    assert "``" not in invoke("rules").stdout
    for c in all_checks():
        assert "``" not in invoke("explain", c.code).stdout

