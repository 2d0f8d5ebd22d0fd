"""The package version, in a module of its own so reporters can name it without
importing the package root (which imports the public API above them)."""

__version__ = "1.1.0"
