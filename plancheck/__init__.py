"""plancheck: checks that a council's strategic plans agree with each other.

The public API is :func:`check`, :func:`load` and :class:`Result` (see ``plancheck.api``).
"""

from .api import BaselineError, Result, SettingsError, check, load
from .version import __version__

__all__ = ["BaselineError", "Result", "SettingsError", "__version__", "check", "load"]
