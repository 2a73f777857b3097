"""When a village's obligations start: the day it was set up in the program, or its earliest record.

A village set up on 6 December is not judged for 1–5 December (RULEBOOK, "Nothing before it could
happen"). The set-up stores the day (``VillageSettings.started_on``); history imported from before
moves it to the earliest imported record; a folder from before the day was kept takes its
earliest dated record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from village_tui.domain.models import Cadre


def record_day(obj: Any) -> date | None:
    """The day a record dates from: a cadre's first term start, a pairing's or a special period's
    start, else its ``day`` (duty day, visit, ledger item, meeting, service request)."""
    if isinstance(obj, Cadre):
        return min((start for start, _ in obj.terms()), default=None)
    start = getattr(obj, "start", None)
    return start if isinstance(start, date) else getattr(obj, "day", None)


def earliest_day(records: Iterable[Any]) -> date | None:
    """The earliest :func:`record_day` of ``records`` (cancelled ones left out), or None."""
    days = [record_day(r) for r in records if not getattr(r, "cancelled", False)]
    return min((d for d in days if d is not None), default=None)


def in_office_from(cadre: Cadre, start: date) -> Cadre:
    """The cadre as judged in a village whose obligations start on ``start``: office taken to begin no
    earlier, so the monthly and yearly targets of R6, R7 and R12 are pro rata for the days judged.

    The first-year window of R5 keeps the real term start; it is not judged through this copy.
    """
    if all(begin >= start for begin, _ in cadre.terms()):
        return cadre
    past = [replace(term, start=max(term.start, start)) for term in cadre.past_terms if term.end >= start]
    return replace(cadre, term_start=max(cadre.term_start, start), past_terms=past)
