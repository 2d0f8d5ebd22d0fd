"""Imports every check family, so that importing this module fills the registry.

A new family is a module in this package plus one line here.
"""

from . import inputs  # noqa: F401
from . import links as _links  # noqa: F401
from . import measures as _measures  # noqa: F401
from . import targets as _targets  # noqa: F401
