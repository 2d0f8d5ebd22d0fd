"""Check families: one module per family, each check a documented function with a code.

Importing this package imports every family, so the registry is complete. A new family
is a module here plus one line below.
"""

from .. import input_codes  # noqa: F401  (PC0xx, reported by the loaders)
from ..registry import Check, registered
from . import links, measures, progress, targets  # noqa: F401


def all_checks() -> list[Check]:
    """Every check, by code."""
    return registered()
