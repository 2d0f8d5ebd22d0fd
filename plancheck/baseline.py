"""Baseline files: adopting plancheck on a repository whose plans already have findings.

``plancheck check --write-baseline FILE`` records the findings of today's run; a later
``--baseline FILE`` leaves those findings out of the report and the exit code, so CI
fails only on what is new. A finding is recorded by its fingerprint (contract section 8:
code, framework and object ids, never line numbers, so edits elsewhere in a file keep
it) and by a digest of the figures in its message (line, cell and row numbers taken out
first), so a finding that changes, about a new object or with new figures (a target
moved from 74% to 76%), is new and is reported.

The file is JSON, meant to be committed and reviewed::

    {"plancheck_baseline": 1, "tool_version": "1.1.0",
     "findings": [{"fingerprint": "...", "figures": "...", "code": "PC201",
                   "framework": "...", "objects": ["CP-W1.1", "LAA-E1.1"], "message": "..."}]}

Only ``fingerprint`` and ``figures`` decide; the other keys are there for the reader.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding, without_places

FORMAT_VERSION = 1
MAX_BYTES = 100 * 1024 * 1024
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")


class BaselineError(Exception):
    """A baseline file that cannot be used (the message says why, for the command line)."""


def figures(message: str) -> str:
    """A digest of the figures (numbers, years) in a message, without line or cell numbers."""
    numbers = _NUMBER.findall(without_places(message))
    return hashlib.sha256("|".join(numbers).encode()).hexdigest()[:16]


def _key(f: Finding) -> tuple[str, str]:
    return f.fingerprint, figures(f.message)


def document(findings: Iterable[Finding], version: str) -> dict:
    """The baseline of ``findings`` (accepted ones are left out: they already do not count)."""
    rows = [{"fingerprint": f.fingerprint, "figures": figures(f.message), "code": f.code,
             "framework": f.framework, "objects": list(f.objects), "message": f.message}
            for f in findings if f.accepted is None]
    return {"plancheck_baseline": FORMAT_VERSION, "tool_version": version, "findings": rows}


def dumps(findings: Iterable[Finding], version: str) -> str:
    return json.dumps(document(findings, version), indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Baseline:
    """The findings a baseline file records: how many times each (fingerprint, figures) key."""

    keys: Counter
    source: str = ""

    def __len__(self) -> int:
        return sum(self.keys.values())

    def split(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """``(new, left out)``: each recorded key leaves out one finding."""
        left = Counter(self.keys)
        new, known = [], []
        for f in findings:
            k = _key(f)
            if left[k] > 0:
                left[k] -= 1
                known.append(f)
            else:
                new.append(f)
        return new, known


def from_data(data, source: str = "baseline") -> Baseline:
    """A Baseline from parsed JSON. Raises BaselineError naming what is wrong."""
    if not isinstance(data, Mapping) or "plancheck_baseline" not in data:
        raise BaselineError(f"{source} is not a plancheck baseline file (no 'plancheck_baseline' key); "
                            "write one with --write-baseline")
    if data["plancheck_baseline"] != FORMAT_VERSION:
        raise BaselineError(f"{source} is baseline format {data['plancheck_baseline']!r}; this plancheck "
                            f"reads format {FORMAT_VERSION}: write it again with --write-baseline")
    rows = data.get("findings")
    if not isinstance(rows, list):
        raise BaselineError(f"{source}: 'findings' should be a list")
    keys: Counter = Counter()
    for n, row in enumerate(rows, 1):
        if not (isinstance(row, Mapping) and isinstance(row.get("fingerprint"), str)
                and isinstance(row.get("figures"), str)):
            raise BaselineError(f"{source}: finding {n} has no 'fingerprint' and 'figures' text; "
                                "write the file again with --write-baseline")
        keys[(row["fingerprint"], row["figures"])] += 1
    return Baseline(keys, source)


def read(path: str | Path) -> Baseline:
    """Read a baseline file. Raises BaselineError with a message for the user."""
    p = Path(path)
    try:
        if p.exists() and not p.is_file():
            raise BaselineError(f"{p} is not a regular file, so not a plancheck baseline")
        if p.stat().st_size > MAX_BYTES:
            raise BaselineError(f"{p} is larger than {MAX_BYTES // 1_000_000} MB; is it a baseline file?")
        text = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise BaselineError(f"baseline file {p} does not exist (write it with --write-baseline)") from None
    except IsADirectoryError:
        raise BaselineError(f"{p} is a folder, not a baseline file") from None
    except UnicodeDecodeError:
        raise BaselineError(f"{p} is not a UTF-8 text file, so not a plancheck baseline") from None
    except OSError as exc:
        raise BaselineError(f"baseline file {p} could not be read ({exc.strerror or exc})") from None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise BaselineError(f"{p} is not valid JSON{where}; write it again with --write-baseline") from None
    return from_data(data, str(p))
