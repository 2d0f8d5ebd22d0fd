"""GitHub Actions workflow commands: one annotation per finding, shown on the changed files.

Messages and properties are escaped as the runner expects (``%``, CR and LF in both;
``:`` and ``,`` too in properties). When ``GITHUB_STEP_SUMMARY`` names a file, a Markdown
summary of the run is appended to it (the job's summary page).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from ..output import OutputError, append_output, files_read
from ._common import sheet_cell, where_text

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


# Characters other than CR and LF that some readers treat as line breaks (Python's
# splitlines among them), and other control characters: one would split an annotation.
_BREAKERS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def escape_data(text: str) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _BREAKERS.sub(" ", text)


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding) -> str:
    props = []
    src = finding.source
    if src is not None and src.file:
        props.append(f"file={escape_property(src.file)}")
        if src.line:
            props.append(f"line={src.line}")
    props.append(f"title={escape_property(f'{finding.code} {finding.check}')}")
    text = finding.message
    place = sheet_cell(src)
    if place:
        text = f"{text} ({place})"
    return f"::{COMMAND[finding.severity]} {','.join(props)}::{escape_data(text)}"


def markdown_summary(result) -> str:
    counts = result.counts()
    verdict = "fails" if result.exit_code else "passes"
    lines = [f"## plancheck: {_md(result.name)}", "",
             f"{counts['plans']} plans, {counts['objectives']} objectives, {counts['measures']} measures: "
             f"**{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info**; "
             f"the framework {verdict} (fails on {result.fail_on}).", ""]
    if result.findings:
        lines += ["| severity | code | plan | problem | where |", "|---|---|---|---|---|"]
        for f in result.findings:
            lines.append(f"| {f.severity} | {f.code} {f.check} | {_md(f.plan or '')} | {_md(f.message)} "
                         f"| {_md(where_text(f.source))} |")
    return "\n".join(lines) + "\n"


# Every ASCII character Markdown or HTML gives a meaning to is written as a numeric
# character reference, so plan text is shown as text: no image, link, emphasis, heading,
# HTML tag or table break. "://", "www." and "@" get a zero-width space after them so
# GitHub's autolinker (which runs on the decoded text) sees no web or e-mail address.
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>~&:@\"'=$%^]")
_AUTOLINK = re.compile(r"(?i)(://|www\.|@)")


def _md(text: str) -> str:
    """Plan text safe inside a Markdown table cell: inert, on one line."""
    text = _BREAKERS.sub(" ", text.replace("\r", " ").replace("\n", " "))
    text = _AUTOLINK.sub(lambda m: m.group(1) + "\u200b", text)
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text)


def render(result, options) -> str:
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        try:  # never through a link, never onto a plan or the settings read
            append_output(Path(summary_file), markdown_summary(result), inputs=result.files,
                          protect=files_read(result))
        except OutputError as exc:
            # The annotations still go out; say why the summary did not.
            sys.stderr.write(f"plancheck: no step summary written: {exc}\n")
    return "".join(annotation(f) + "\n" for f in result.findings)
