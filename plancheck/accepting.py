"""Accepted findings (contract section 7): applying the ``accept:`` entries of the plans.

An acceptance written on a plan, objective or measure applies to a finding of its check
whose objects include that element or something inside it (a plan's acceptance covers
its objectives and measures; an objective's covers its measures), or whose plans include
that plan. It applies until its ``until`` year has passed, judged against the year the
framework is checked as of, never against the clock: the same year progress is judged
as of (``--as-of`` or ``progress.as_of`` when given, else the latest year of any actual),
else the latest year of any baseline figure (the newest data the framework records).

Acceptances that cannot apply are reported as input findings, so none goes stale silently:
one naming no check (PC014), one whose ``until`` has passed (PC016), and one that matches
no finding of a check that ran (PC015).
"""

from __future__ import annotations

from dataclasses import replace

from . import input_codes as codes
from .findings import Accepted, Finding, Hit
from .model import Acceptance, Framework, Year
from .outturns import latest_year
from .registry import REGISTRY, lookup
from .values import YearError, parse_year

# Findings about acceptances are never themselves accepted.
_NOT_ACCEPTABLE = {codes.BAD_ACCEPTANCE.code, codes.STALE_ACCEPTANCE.code, codes.EXPIRED_ACCEPTANCE.code}


def as_of_year(framework: Framework, given: Year | None = None, setting: str = "") -> Year | None:
    """The year the framework is judged as of (contract section 9): ``given``, else the
    settings' ``progress.as_of`` (``--as-of``), else the latest year of any actual, else
    of any baseline figure; None when the framework records no year at all."""
    if given is not None:
        return given
    if setting and str(setting).strip():
        try:
            return parse_year(str(setting).strip())
        except YearError:
            pass  # the progress checks report an unusable as_of (exit 2)
    latest = latest_year(framework)
    if latest is not None:
        return latest
    years = [m.baseline.year for m in framework.measures() if m.baseline is not None and m.baseline.year]
    return max(years, key=lambda y: (y.point, y.financial)) if years else None


def _elements(framework: Framework):
    """``(element id, the ids it sits in, its acceptances)`` for every plan, objective, measure."""
    for plan in framework.plans:
        yield plan.id, (), plan.accept
        for o in plan.objectives:
            yield o.id, (plan.id,), o.accept
            for m in o.measures:
                yield m.id, (o.id, plan.id), m.accept


def _code_of(token: str) -> str | None:
    """The code an acceptance's ``check`` names: an exact code or an exact check name."""
    token = token.strip()
    if token.upper() in REGISTRY:
        return token.upper()
    matches = lookup(token) if not token.upper().startswith("PC") else []
    if len(matches) == 1 and matches[0].name == token.lower():
        return matches[0].code
    return None


def apply(findings: list[Finding], framework: Framework, as_of: Year | None,
          ran: set[str]) -> tuple[list[Finding], list[Hit]]:
    """Mark the findings an acceptance applies to; the Hits report acceptances that cannot.

    ``ran`` holds the codes of the checks that ran (a check left out cannot make its
    acceptances stale).
    """
    hits: list[Hit] = []
    inside: dict[str, tuple[str, ...]] = {}
    live: dict[str, list[tuple[Acceptance, str]]] = {}  # element id -> (acceptance, code)
    for element, parents, accepts in _elements(framework):
        inside.setdefault(element, parents)
        for a in accepts:
            code = _code_of(a.check)
            if code is None:
                hits.append(Hit(f"An acceptance on {a.on} names '{a.check}', which is not the code or name "
                                "of a check ('plancheck rules' lists them); it was not applied",
                                a.source, objects=(a.on,), code=codes.BAD_ACCEPTANCE.code))
                continue
            if as_of is not None and a.until is not None and as_of.point > a.until.point:
                hits.append(Hit(f"The acceptance of {code} on {a.on} ran until {a.until_raw or a.until.label}; "
                                f"the framework is checked as of {as_of.label}, so it no longer applies and "
                                f"the finding counts again. Look at it again: resolve it, or agree a new "
                                f"'until' and reason (accepted because: {a.reason})",
                                a.source, objects=(a.on,), code=codes.EXPIRED_ACCEPTANCE.code))
                continue
            live.setdefault(a.on, []).append((a, code))
    used: set[int] = set()
    out = []
    for f in findings:
        if f.code in _NOT_ACCEPTABLE or not live:
            out.append(f)
            continue
        found = _match(f, live, inside)
        if found is None:
            out.append(f)
            continue
        used.add(id(found))
        out.append(replace(f, accepted=Accepted(found.reason, found.until_raw or None, found.by, found.source)))
    for entries in live.values():
        for a, code in entries:
            if id(a) in used or code not in ran:
                continue
            hits.append(Hit(f"The acceptance of {code} on {a.on} matches no finding: {code} found nothing "
                            f"on {a.on} or inside it. Remove the acceptance if the difference was "
                            "resolved, or move it to the plan, objective or measure the finding names",
                            a.source, objects=(a.on,), code=codes.STALE_ACCEPTANCE.code))
    return out, hits


def _match(f: Finding, live, inside) -> Acceptance | None:
    candidates: list[str] = []
    for obj in f.objects:
        candidates.append(obj)
        candidates.extend(inside.get(obj, ()))
    candidates.extend(f.plans)
    for element in dict.fromkeys(candidates):
        for a, code in live.get(element, ()):
            if code == f.code:
                return a
    return None
