"""Framework settings from ``plancheck.yaml``.

Settings are strict: an unknown key or a wrong type stops the run with exit 2, because a
misspelt ``ignore`` that silently did nothing would mislead CI. Check families declare
Every section and its defaults is declared here as data, so reading settings never
imports check code.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .files import FileError, read_regular
from .match import did_you_mean
from .values import YearError, parse_year

SETTINGS_FILE = "plancheck.yaml"
FAIL_ON = ("error", "warning", "info", "never")

# Top-level keys and their defaults.
_TOP: dict[str, Any] = {
    "name": "",
    "select": [],
    "ignore": [],
    "severity": {},
    "fail_on": "error",
}
# Sections read by check families, with their defaults. A default of ``None`` accepts any
# value; otherwise the value's type must match (an int is accepted where a float is).
_SECTIONS: dict[str, dict[str, Any]] = {
    "links": {
        "allow_same_plan": False,
        "required": {},
        "suggest_from": {},
        "suggest_min_score": 65.0,  # chosen on plans/luton: see evaluation/README.md
        "suggest_max": 1,
        "mislink_margin": 30.0,  # chosen on plans/luton: see evaluation/README.md
    },
    "indicators": {
        # CSV files (code,title[,unit,higher_is_better]) relative to plancheck.yaml.
        "catalogues": [],
        # Two values agree when they differ by at most this much in the measure's unit ...
        "tolerance_absolute": 0.05,
        # ... or by at most this fraction of the larger value (0.005 = 0.5%).
        "tolerance_relative": 0.005,
        # Annual rates of change (from a common baseline) may differ by up to this factor.
        "trajectory_tolerance": 3.0,
        # rapidfuzz token-set score (0-100) two title cores need before they are compared.
        "title_threshold": 90.0,
        # false: group by codes only.
        "match_titles": True,
    },
    "progress": {
        # The year progress is judged as of (2011 or 2010/11); empty: the latest year with an
        # actual in the framework. Never the clock (contract section 9).
        "as_of": "",
    },
    "accountability": {
        # true: every objective must name a lead (PC501)
        "leads_required": False,
        # true: every measure must name its own lead, not only its objective's (PC502)
        "measure_leads_required": False,
    },
}


MAX_SETTINGS_BYTES = 1024 * 1024
MAX_SETTINGS_DEPTH = 10
MAX_SETTING_CHARS = 1_000  # unquoted values; longer ones must be quoted (then never typed)
try:  # the C parser is faster; fall back so plancheck still runs without libyaml
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


class SettingsError(ValueError):
    """Settings that cannot be used; the CLI turns it into exit code 2."""


@dataclass
class Settings:
    name: str = ""
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: str | None = None  # the file the settings came from
    base_dir: str = "."  # relative paths in settings are read from here

    def get(self, section_name: str) -> dict[str, Any]:
        """A section's values, with defaults for anything the file did not set."""
        merged = copy.deepcopy(_SECTIONS.get(section_name, {}))
        merged.update(self.sections.get(section_name, {}))
        return merged

    def resolve(self, relative: str) -> Path:
        p = Path(relative)
        return p if p.is_absolute() else Path(self.base_dir) / p

    def files_read(self) -> list[str]:
        """The settings file and the catalogues it names: files an output must never replace."""
        out = [self.path] if self.path else []
        for raw in (self.get("indicators").get("catalogues") or []):
            if isinstance(raw, str) and raw.strip():
                out.append(str(self.resolve(raw.strip())))
        return out


def find_settings_file(paths: list[str]) -> Path | None:
    """The ``plancheck.yaml`` of the first folder named (or beside the first file)."""
    for raw in paths:
        p = Path(raw)
        folder = p if p.is_dir() else p.parent
        candidate = folder / SETTINGS_FILE
        if os.path.lexists(candidate) and not candidate.is_dir():  # a FIFO or broken link is refused when read
            return candidate
    return None


def load_settings(path: Path | None) -> Settings:
    if path is None:
        return Settings()
    try:
        text = read_regular(path, MAX_SETTINGS_BYTES).decode("utf-8-sig")
        _check_shape(text, path)
        data = yaml.load(text, Loader=_Loader) if text.strip() else {}
    except FileError as exc:
        raise SettingsError(f"{path}: the settings file was not read: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{path}: the settings file is not UTF-8 text") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise SettingsError(f"{path}{where}: the settings file is not valid YAML") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: settings must be a set of 'key: value' lines")
    return settings_from_dict(data, str(path))


def _check_shape(text: str, path: Path) -> None:
    """Refuse settings nested deeper than MAX_SETTINGS_DEPTH or with very long plain values
    before building them (deep nesting exhausts the recursion limit; a sexagesimal number
    ``1:0:0:...`` of a million parts takes PyYAML minutes)."""
    depth = 0
    for ev in yaml.parse(text, Loader=_Loader):
        if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_SETTINGS_DEPTH:
                raise SettingsError(f"{path} line {ev.start_mark.line + 1}: the settings are nested more than "
                                    f"{MAX_SETTINGS_DEPTH} levels deep")
        elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        elif isinstance(ev, yaml.ScalarEvent) and ev.implicit[0] and len(ev.value) > MAX_SETTING_CHARS:
            raise SettingsError(f"{path} line {ev.start_mark.line + 1}: a value is {len(ev.value):,} characters "
                                f"long; settings values are at most {MAX_SETTING_CHARS:,} (quote longer text)")
        elif isinstance(ev, yaml.AliasEvent):
            raise SettingsError(f"{path} line {ev.start_mark.line + 1}: aliases (*name) are not used in settings")


def settings_from_dict(data: dict, path: str | None = None) -> Settings:
    where = path or "settings"
    known = list(_TOP) + list(_SECTIONS)
    out = Settings(path=path, base_dir=str(Path(path).parent) if path else ".")
    for key, value in data.items():
        key = str(key)
        if key in _TOP:
            setattr(out, key, _typed(where, key, value, _TOP[key]))
        elif key in _SECTIONS:
            if value is None:
                value = {}
            if not isinstance(value, dict):
                raise SettingsError(f"{where}: '{key}' must be a set of 'key: value' lines")
            defaults = _SECTIONS[key]
            for sub, subval in value.items():
                if sub not in defaults:
                    raise SettingsError(
                        f"{where}: unknown setting '{key}.{sub}'{did_you_mean(str(sub), list(defaults))}"
                    )
                out.sections.setdefault(key, {})[sub] = _typed(
                    where, f"{key}.{sub}", subval, defaults[sub]
                )
        else:
            raise SettingsError(f"{where}: unknown setting '{key}'{did_you_mean(key, known)}")
    if out.fail_on not in FAIL_ON:
        raise SettingsError(f"{where}: fail_on must be one of {', '.join(FAIL_ON)}")
    # YAML 1.1 reads an unquoted 'off' as false: that is what the officer meant.
    out.severity = {k: ("off" if v is False else v) for k, v in out.severity.items()}
    for k, v in out.severity.items():
        if v not in ("error", "warning", "info", "off"):
            raise SettingsError(f"{where}: severity of {k} must be error, warning, info or off")
    return out


def _typed(where: str, key: str, value: Any, default: Any) -> Any:
    if default is None:
        return value
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise SettingsError(f"{where}: '{key}' must be true or false")
        return value
    if isinstance(default, (int, float)) and not isinstance(default, bool):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SettingsError(f"{where}: '{key}' must be a number")
        return float(value) if isinstance(default, float) else value
    if isinstance(default, list):
        if isinstance(value, str):
            value = [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]
        if not isinstance(value, list):
            raise SettingsError(f"{where}: '{key}' must be a list")
        if any(not isinstance(v, str) for v in value):
            raise SettingsError(f"{where}: each entry of '{key}' must be text, e.g. [PC201, missing-baseline]; "
                                "quote numbers")
        return value
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise SettingsError(f"{where}: '{key}' must be a set of 'key: value' lines")
        return {str(k): v for k, v in value.items()}
    if isinstance(default, str):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise SettingsError(f"{where}: '{key}' must be text")
        return str(value)
    return value


def with_as_of(settings: Settings, as_of: str | None) -> Settings:
    """The settings with ``progress.as_of`` set (a copy); a year that cannot be read is a
    SettingsError (exit 2), never a guess."""
    if as_of is None or not str(as_of).strip():
        return settings
    try:
        parse_year(str(as_of).strip())
    except YearError as exc:
        raise SettingsError(f"--as-of: {exc}") from exc
    sections = copy.deepcopy(settings.sections)
    sections.setdefault("progress", {})["as_of"] = str(as_of).strip()
    return replace(settings, sections=sections)
