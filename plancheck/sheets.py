"""Writing workbook cells safely, for the partner report and for converted frameworks.

A plan title like ``=HYPERLINK(...)`` or ``@SUM(A1)`` must reach the spreadsheet as text:
openpyxl turns any str starting with ``=`` into a formula, so every text cell is forced
back to a string after assignment. Characters XML cannot hold are dropped (openpyxl
would refuse the whole workbook otherwise).
"""

from __future__ import annotations

import re

_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
# Cells whose first character makes a spreadsheet read them as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str) -> str:
    return _ILLEGAL.sub("", text)


def put(ws, row: int, col: int, value, **style):
    """Write one cell; text is always stored as text, never as a formula."""
    if isinstance(value, str):
        value = clean_text(value)
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    for key, val in style.items():
        setattr(cell, key, val)
    return cell
