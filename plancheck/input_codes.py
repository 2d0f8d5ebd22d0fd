"""Input codes (PC0xx): what the loaders report while reading plan files.

Declared here, below the loaders, so that loaders report them without importing checks.

These have no graph function: loaders emit them with their code as they read, so a
broken file becomes located findings and the rest of the framework is still checked.
"""

from .registry import declare

UNREADABLE_FILE = declare(
    "PC001", "unreadable-file", "input", "error",
    """A plan file could not be read at all.

    The file is not valid YAML, not a real Excel workbook, not a CSV file in a known
    text encoding, or it is too large or too complex to read safely. Nothing in the file
    is checked; every other file still is.

    Fix: open the file in the program that made it and save it again as the contract's
    form (YAML, .xlsx or UTF-8 CSV). The message names the line or part that failed.
    """,
)

UNKNOWN_FIELD = declare(
    "PC002", "unknown-field", "input", "warning",
    """A key, column or sheet that the plan format does not define.

    Would FAIL: ``target:`` instead of ``targets:``; a column ``Baseline`` instead of
    ``baseline_value``. What is under an unknown key is not read, so a misspelt key
    means data plancheck did not see.

    Fix: correct the spelling (the message suggests the closest known name) or remove it.
    """,
)

MISSING_FIELD = declare(
    "PC003", "missing-field", "input", "error",
    """A required field is missing or empty.

    Plans need ``id``, ``title`` and ``kind``; objectives need ``id`` and ``title``;
    measures need a ``title``; rows in a workbook or CSV need the id of what they belong
    to (the objective's ``plan``, the measure's ``objective``, the target's ``measure``).

    Fix: fill in the field named in the message.
    """,
)

DUPLICATE_ID = declare(
    "PC004", "duplicate-id", "input", "error",
    """The same id is used twice in the framework.

    Ids of plans, objectives and measures must be unique across every plan checked
    together, otherwise a link could point at either. The first one read is kept; the
    later one is reported and left out of the checks.

    Fix: give one of them a new id, and update any ``supports`` that name it.
    """,
)

BAD_YEAR = declare(
    "PC005", "bad-year", "input", "error",
    """A year that is neither a calendar year nor a financial year.

    Would PASS: ``2011``, ``2010/11``, ``2010-11``, ``2010/2011``.
    Would FAIL: ``2010/12`` (not consecutive), ``March 2011``, a plan period that ends
    before it starts.

    Fix: write a calendar year (2011) or a financial year (2010/11, April to March).
    """,
)

BAD_VALUE = declare(
    "PC006", "bad-value", "input", "error",
    """A baseline or target value that is neither a number nor text.

    Would FAIL: a list or a set of keys where a value belongs, or a date in a value cell.
    (Text such as ``TBC`` is allowed and reported by the target checks instead.)

    Fix: write a single number, e.g. ``70.5``, ``2,737`` or ``31.9%``.
    """,
)

UNKNOWN_PLAN_KIND = declare(
    "PC007", "unknown-plan-kind", "input", "warning",
    """A plan ``kind`` that the format does not define; the plan is treated as ``other``.

    Kinds: community-plan, sustainable-community-strategy, local-area-agreement,
    corporate-plan, partnership-plan, service-plan, other.

    Fix: use one of the kinds listed, or ``other``.
    """,
)

BAD_FIELD_VALUE = declare(
    "PC008", "bad-field-value", "input", "warning",
    """A field whose value is not one the format allows.

    Would FAIL: ``direction: up`` (use increase, decrease or maintain), ``kind: result``
    (use outcome, output or process), ``local: perhaps``, an id with spaces, a title
    that is a list. The value is ignored (or read as text) and checking goes on.

    Fix: use one of the values named in the message.
    """,
)

SKIPPED = declare(
    "PC009", "skipped-file", "input", "info",
    """A file, folder or sheet that is not part of the plan format and was not read.

    A framework folder holds YAML plan files, .xlsx workbooks, one set of plans.csv /
    objectives.csv / measures.csv / targets.csv, and plancheck.yaml. Anything else is
    listed so that nothing is silently ignored.

    Fix: nothing, if the file is not a plan; otherwise convert it to one of the forms.
    """,
)

ORPHAN_ROW = declare(
    "PC010", "orphan-row", "input", "error",
    """A row that names a plan, objective or measure that does not exist.

    In a workbook or CSV folder, an objective row names its plan, a measure row its
    objective and a target row its measure. When that id is not found the row cannot be
    placed in the framework and is left out of the checks.

    Fix: correct the id (the message suggests the closest one) or add the missing row.
    """,
)

EMPTY_FRAMEWORK = declare(
    "PC011", "no-plans", "input", "error",
    """No plan was found in the paths given.

    Fix: name the folder that holds the plan files, a plan file, or a workbook.
    """,
)

FORMULA_WITHOUT_VALUE = declare(
    "PC012", "formula-without-value", "input", "warning",
    """A workbook cell holds a formula with no saved result.

    plancheck never calculates formulas; it reads the value Excel or LibreOffice saved
    with the file. A workbook written by another program may have no saved values.

    Fix: open the workbook in Excel or LibreOffice and save it, or type the value.
    """,
)

CONFLICTING_ACTUALS = declare(
    "PC013", "conflicting-actuals", "input", "error",
    """Two different figures achieved for the same measure and the same year.

    Would FAIL: ``actuals: [{year: 2009/10, value: 67.1}, {year: 2009/10, value: 66.0}]``;
    a measure's own actual for 2009/10 and a row of ``actuals.csv`` for its indicator
    code and 2009/10 with another figure. plancheck never chooses one silently: neither
    figure is used to judge progress for that year. Figures within the tolerance of the
    conflict checks (``indicators.tolerance_absolute`` / ``tolerance_relative``) agree.

    Fix: keep the figure that was published for that year and remove the other, or
    correct its year.
    """,
)

BAD_ACCEPTANCE = declare(
    "PC014", "bad-acceptance", "input", "error",
    """An acceptance (``accept:``) that cannot be applied.

    An acceptance records a finding its owners have looked at and agreed to keep, with
    the reason (see the plan format, section 7). It is not applied, and the finding it
    was meant for still counts, when it has no reason, names no check (``check`` must be
    a code such as ``PC201`` or a check name such as ``conflicting-targets``), or, in an
    ``accept`` sheet or CSV file, names an id that is not a plan, objective or measure.

    Would PASS: ``accept: [{check: PC201, reason: "Stretch target agreed by Cabinet", until: 2011/12}]``.
    Would FAIL: ``accept: [{check: PC201}]`` (no reason); ``check: PC2`` (not one check).

    Fix: write the reason the difference was agreed (and who agreed it in ``by``), and
    the check's code or name; in a sheet, the id of the plan, objective or measure.
    """,
)

STALE_ACCEPTANCE = declare(
    "PC015", "stale-acceptance", "input", "warning",
    """An acceptance that no longer matches any finding.

    The check it names found nothing on that plan, objective or measure in this run: the
    difference was resolved, or the acceptance was written on the wrong element. Left in
    place it would silently accept a new problem of the same kind later. Only checks
    that ran are judged (``--select PC3`` never makes a PC201 acceptance stale).

    Fix: remove the acceptance, or move it to the plan, objective or measure the finding
    is about (the finding's ``objects``).
    """,
)

EXPIRED_ACCEPTANCE = declare(
    "PC016", "expired-acceptance", "input", "warning",
    """An acceptance whose ``until`` year has passed; the finding counts again.

    plancheck never reads the clock: ``until`` is compared with the year the framework
    is judged as of: ``--as-of YEAR`` (or ``progress.as_of``) when given, else the latest
    year of any actual recorded in the framework, else of any baseline figure. An acceptance ``until: 2011/12`` still
    applies as of 2011/12 (and as of 2012, the same point) and no longer as of 2012/13.

    Fix: look at the finding again: resolve it, or agree a new ``until`` and reason.
    """,
)
