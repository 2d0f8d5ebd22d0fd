"""Framework settings from ``plancheck.yaml``.

Settings are strict: an unknown key or a wrong type stops the run with exit 2, because a
misspelt ``ignore`` that silently did nothing would mislead CI. Check families declare
their own sections with :func:`section`, so this module need not know them all.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .match import did_you_mean

SETTINGS_FILE = "plancheck.yaml"
FAIL_ON = ("error", "warning", "info", "never")

# Top-level keys and their defaults; families add sections through section().
_TOP: dict[str, Any] = {
    "name": "",
    "select": [],
    "ignore": [],
    "severity": {},
    "fail_on": "error",
}
_SECTIONS: dict[str, dict[str, Any]] = {}


class SettingsError(ValueError):
    """Settings that cannot be used; the CLI turns it into exit code 2."""


def section(name: str, defaults: dict[str, Any]) -> None:
    """Declare a settings section (e.g. ``links``) and its defaults.

    A default of ``None`` accepts any value; otherwise the value's type must match
    (an int is accepted where a float is the default).
    """
    if name in _TOP:
        raise ValueError(f"settings section {name!r} clashes with a top-level key")
    _SECTIONS[name] = copy.deepcopy(defaults)


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


def find_settings_file(paths: list[str]) -> Path | None:
    """The ``plancheck.yaml`` of the first folder named (or beside the first file)."""
    for raw in paths:
        p = Path(raw)
        folder = p if p.is_dir() else p.parent
        candidate = folder / SETTINGS_FILE
        if candidate.is_file():
            return candidate
    return None


def load_settings(path: Path | None) -> Settings:
    if path is None:
        return Settings()
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = yaml.safe_load(text) if text.strip() else {}
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read the settings file ({exc})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise SettingsError(f"{path}{where}: the settings file is not valid YAML") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: settings must be a set of 'key: value' lines")
    return settings_from_dict(data, str(path))


def settings_from_dict(data: dict, path: str | None = None) -> Settings:
    from .checks.registry import load_all

    load_all()  # check families declare their sections when imported
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
