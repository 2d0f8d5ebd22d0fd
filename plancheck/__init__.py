"""plancheck: checks that a council's strategic plans agree with each other."""

__version__ = "1.0.0"
