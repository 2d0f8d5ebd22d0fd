"""The command line: click commands that wire loaders, checks and reporters together.

Exit codes (contract section 5): 0 no finding at or above ``--fail-on``; 1 at least one;
2 the command could not run (bad option or settings, a path that does not exist).
"""

from __future__ import annotations

import difflib
import gc
import os
import re
import shutil
import sys
from pathlib import Path

import click

from . import api
from .checks import all_checks
from .config import FAIL_ON, SettingsError
from .convert import template_xlsx, write_conversion
from .docs import rules_json, rules_markdown
from .findings import CATEGORIES
from .load import load_framework
from .output import OutputError, files_read, write_output
from .progress import StageProgress
from .registry import lookup
from .report import FORMATS, is_binary, needs_model
from .report.console import count_phrase, counted
from .version import __version__

EXIT_USAGE = 2


def _split(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(t.strip() for t in v.split(",") if t.strip())
    return out


def _use_color(flag: bool | None, stream) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _fail(message: str) -> None:
    click.echo(f"plancheck: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="plancheck")
def cli() -> None:
    """Check that a council's strategic plans agree with each other.

    plancheck reads every plan of a framework (YAML files, a workbook or CSV files),
    and reports missing or broken links between plans, conflicting targets for the same
    indicator, and objectives without baselines or outcome measures.
    """


def _formats() -> list[str]:
    return list(FORMATS)


@cli.command(short_help="Check a framework's plans and report the problems found.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "-f", "fmt", type=click.Choice(_formats()), default="console", show_default=True,
              help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of the screen.")
@click.option("--force", is_flag=True, help="Accepted for compatibility: --output always replaces an earlier report "
              "(never a plan file, the settings file or a file behind a symbolic link).")
@click.option("--select", multiple=True, metavar="CODES",
              help="Only these checks: code prefixes, names or categories, comma-separated (e.g. PC2,missing-baseline).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Leave out these checks (same forms as --select).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding is at least this severe [default: error, or fail_on in plancheck.yaml].")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Settings file for every framework, instead of each framework's own plancheck.yaml.")
@click.option("--color/--no-color", default=None, help="Colour the console report (default: on a terminal, unless NO_COLOR is set).")
@click.option("--quiet", "-q", is_flag=True, help="No progress messages on the terminal.")
@click.option("--verbose", "-v", is_flag=True, help="Console: every finding in full, with its advice, and the tables.")
@click.option("--tables", is_flag=True, help="Console: also print the traceability, measurability and indicator tables.")
@click.option("--responses", type=click.Path(exists=True, dir_okay=False), metavar="WORKBOOK",
              help="xlsx: a findings workbook written before; its Status, Owner, Due date and Comment "
                   "answers are kept on the same findings.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Check this many frameworks at once [default: one per core; 1 for a small run].")
@click.option("--as-of", "as_of", metavar="YEAR",
              help="Judge progress against targets, and accepted findings' 'until', as of this year "
                   "(2011 or 2010/11) [default: the latest year with an actual, else with a baseline; "
                   "never the clock].")
@click.option("--cross-area", is_flag=True,
              help="Add a table of the targets different frameworks set for the same indicator code "
                   "(for information; never a finding).")
@click.option("--baseline", "baseline_path", metavar="FILE",
              help="Leave out the findings this baseline file records (see --write-baseline); only new "
                   "findings are reported and decide the exit code.")
@click.option("--write-baseline", "write_baseline", metavar="FILE", type=click.Path(dir_okay=False),
              help="Record today's findings in FILE (to commit, then use with --baseline) and exit 0.")
@click.option("--base-dir", "base_dir", type=click.Path(exists=True, file_okay=False),
              help="SARIF file paths are relative to this folder (default: the top of the git "
                   "repository holding the plans, else the current folder).")
def check(paths, fmt, output, force, select, ignore, fail_on, config_path, color, quiet, verbose, tables,
          responses, jobs, as_of, cross_area, baseline_path, write_baseline, base_dir) -> None:
    """Check the plans under PATHS (folders, plan files or workbooks).

    Every folder holding a plancheck.yaml, at any depth under PATHS, is a framework of its
    own, checked with its own settings and never against the others. Plan files named
    directly, or in a named folder without a plancheck.yaml, form one framework together.
    """
    _pause_collector()
    if is_binary(fmt) and not output:
        _fail(f"--format {fmt} writes a file: give --output FILE")
    if responses and fmt != "xlsx":
        _fail("--responses is for --format xlsx: it carries answers from one findings workbook to the next")
    progress = None
    if not quiet and sys.stderr.isatty():
        progress = StageProgress(sys.stderr)
    stream = sys.stdout
    use_color = _use_color(color, stream) if not output and fmt == "console" else False
    width = shutil.get_terminal_size((100, 24)).columns if not output else 100
    looks = {"color": use_color, "width": width, "verbose": verbose, "tables": tables}
    try:
        result = api.check(list(paths), select=_split(select), ignore=_split(ignore), config=config_path,
                           fail_on=fail_on, progress=progress, jobs=jobs, keep_models=needs_model(fmt),
                           cross_area=cross_area, as_of=as_of, baseline=baseline_path,
                           render_ahead=None if write_baseline else (fmt, looks))
    except (SettingsError, api.BaselineError) as exc:
        _fail(str(exc))
    finally:
        if progress is not None:
            progress.close()
    if write_baseline:
        try:
            write_output(Path(write_baseline), result.baseline(), inputs=result.run.files, force=True)
        except OutputError as exc:
            _fail(str(exc))
        recorded = sum(1 for f in (*result.findings, *result.run.left_out) if f.accepted is None)
        click.echo(f"plancheck: wrote baseline {write_baseline} ({counted(recorded, 'finding')} recorded); "
                   f"commit it and run with --baseline {write_baseline} to report only new findings",
                   err=True)
        sys.exit(0)
    if result.baselined and not quiet:
        click.echo(f"plancheck: {counted(result.baselined, 'finding')} recorded in {baseline_path} "
                   "left out of the report", err=True)
    notes: list[str] = []
    try:
        content = result.render(fmt, responses=responses, base_dir=base_dir, notes=notes, **looks)
    except ValueError as exc:  # a --responses workbook that cannot be read as one
        _fail(str(exc))
    for note in notes:
        click.echo(f"plancheck: {note}", err=True)
    if output:
        try:
            # A report is a build artefact: an existing one is replaced (--force is accepted
            # for compatibility), but never an input, the settings read, or through a link.
            write_output(Path(output), content, inputs=result.run.files,
                         protect=files_read(result.run), force=True)
        except OutputError as exc:
            _fail(str(exc))
        if not quiet:
            click.echo(f"plancheck: wrote {output} ({_count_line(result)})", err=True)
    else:
        click.echo(content, nl=False, color=use_color)
    code = result.exit_code
    # Freed here, while the collector is still paused: once it is back (when the command
    # ends), a result still held would be scanned whole (0.07 s at 150 areas).
    del result
    sys.exit(code)


def _pause_collector() -> None:
    """No cyclic garbage collection until the command ends. A check makes millions of small
    objects and no cycles; once the API turns the collector back on, its scans of every
    result held (0.1 s each at 150 areas) were most of the calling process's own work."""
    if gc.isenabled():
        gc.disable()
        click.get_current_context().call_on_close(gc.enable)


def _count_line(result) -> str:
    c = result.counts()
    return count_phrase(c)


@cli.command(short_help="List every check: code, name, category, severity.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
def rules(fmt) -> None:
    """List every check with its code, name, category and default severity."""
    checks = all_checks()
    if fmt == "markdown":
        click.echo(rules_markdown(checks), nl=False)
    elif fmt == "json":
        click.echo(rules_json(checks))
    else:
        current = None
        for c in checks:
            if c.family != current:
                current = c.family
                click.echo(f"\n{current}")
            click.echo(f"  {c.code}  {c.name:<32} {c.severity:<8} {plain_doc(c.summary)}")


def plain_doc(text: str) -> str:
    """Documentation as an officer reads it: ``kind`` (reST literal) becomes kind."""
    return re.sub(r"``(.+?)``", r"\1", text, flags=re.DOTALL)


@cli.command(short_help="Explain a check or a category, and how to fix what it finds.")
@click.argument("code")
def explain(code) -> None:
    """Explain one check (by code or name), or list the checks of a category
    (e.g. missing-baseline), with what passes and fails and how to fix it."""
    checks = all_checks()
    matches = lookup(code)
    if not matches:
        names = [c.code for c in checks] + [c.name for c in checks] + sorted({c.category for c in checks})
        close = difflib.get_close_matches(code.lower() if not code.upper().startswith("PC") else code.upper(),
                                          names, n=3, cutoff=0.6)
        hint = f" Did you mean {' or '.join(repr(n) for n in close)}?" if close else ""
        _fail(f"no check or category called {code!r}.{hint} 'plancheck rules' lists them all.")
    if len(matches) > 1:
        category = matches[0].category if all(c.category == matches[0].category for c in matches) else None
        if category and code.lower() == category:
            click.echo(f"{category}: {len(matches)} checks find {CATEGORIES.get(category, category)}.\n")
        else:
            click.echo(f"{code}: {len(matches)} checks.\n")
        for c in matches:
            click.echo(f"  {c.code}  {c.name:<28} {c.severity:<8} {plain_doc(c.summary)}")
        click.echo(f"\nFor one of them: plancheck explain {matches[0].code}")
        return
    c = matches[0]
    click.echo(f"{c.code} {c.name}  ({c.category}, {c.severity} by default)\n")
    click.echo(plain_doc(c.summary))
    if c.body:
        click.echo("\n" + plain_doc(c.body))


@cli.command(short_help="Convert a framework between YAML, workbook and CSV forms.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True), metavar="SRC...")
@click.option("--to", "form", type=click.Choice(["yaml", "xlsx", "csv"]), required=True,
              help="yaml: a folder of plan files; xlsx: one workbook; csv: a folder of the four CSV files.")
@click.option("--output", "-o", required=True, type=click.Path(), help="The workbook, or the folder to write into "
              "(created when missing).")
@click.option("--force", is_flag=True, help="Replace an existing workbook, or write into a folder that holds plan files.")
def convert(paths, form, output, force) -> None:
    """Write the framework under SRC in another of the contract's forms (nothing is lost)."""
    loaded = load_framework(list(paths))
    if not loaded.framework.plans:
        _fail(f"no plan was found in {', '.join(paths)}")
    if loaded.hits:
        click.echo(f"plancheck: {len(loaded.hits)} problem(s) while reading; the converted framework holds what "
                   f"was read (run 'plancheck check {' '.join(paths)}' for details)", err=True)
    try:
        written = write_conversion(loaded.framework, form, Path(output), loaded.files, force)
    except OutputError as exc:
        _fail(str(exc))
    click.echo(f"plancheck: wrote {counted(len(loaded.framework.plans), 'plan')} to {output}"
               + (f" ({counted(len(written), 'file')})" if form != "xlsx" else ""), err=True)


@cli.command(short_help="Create an empty workbook to keep plans in.")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False), help="The .xlsx file to create.")
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
def template(output, force) -> None:
    """Create an empty input workbook (sheets, column names, drop-down lists, instructions)."""
    try:
        write_output(Path(output), template_xlsx(), force=force)
    except OutputError as exc:
        _fail(str(exc))
    click.echo(f"plancheck: wrote {output}", err=True)


def main() -> None:
    try:
        cli.main(prog_name="plancheck", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except click.exceptions.Abort:
        click.echo("plancheck: stopped", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(0)
