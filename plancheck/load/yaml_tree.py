"""The tree both YAML readers build, and plancheck's rules for typing plain scalars.

A YAML plan file becomes ``YMap``/``YList`` values of ``(value, line)`` pairs, whether
it was read from the C parser's events (:mod:`.yaml_plans`) or line by line
(:mod:`.yaml_plain`); both type a scalar with the rules here, so they agree exactly.
"""

from __future__ import annotations

import math
import re

# Plain (unquoted) scalars are typed by these rules only, not by YAML 1.1's: ``010``,
# ``0x1F``, ``1_000``, ``1:30``, ``on`` and ``NO`` stay the text the officer wrote (a year
# or value written so is then reported by the field reader, never reinterpreted), and
# no resolver or constructor ever runs on hostile text (sexagesimal ``1:0:0:...`` with a
# million parts hangs PyYAML's). Each pattern is linear and only tried on short text.
NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")  # exactly the text str(int) gives back
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")  # a dot, as YAML 1.1 wants
MAX_NUMBER_CHARS = 60  # a longer plain scalar is text (str() of huge ints fails; 60 digits > any figure)
# Keys whose values are ids or codes: kept as written even when they look like numbers
# (``id: 1.10`` must not become 1.1 and collide with ``id: 1.1``).
TEXT_KEYS = frozenset(("id", "supports", "derives_from", "indicator", "plan", "objective", "measure"))


class YMap(dict):
    """A YAML mapping: ``{key: (value, line)}`` plus its own line."""

    line: int = 0


class YList(list):
    """A YAML sequence of ``(value, line)``."""

    line: int = 0


# A plain scalar starting with anything else is text, unless it is a null or boolean word.
_NUMBER_START = frozenset("+-.0123456789")


def plain_scalar(text: str):
    """An unquoted scalar: null, ``true``/``false``, a plain decimal integer or number, else text."""
    if text[:1] not in _NUMBER_START and text not in NULLS and text not in _BOOLS:
        return text
    if text in NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if len(text) <= MAX_NUMBER_CHARS:
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            number = float(text)
            return number if math.isfinite(number) else text  # 1.0e400 stays the text written
    return text
