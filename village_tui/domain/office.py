"""Office bounds: work is a cadre's only while in office (RULEBOOK, "Office bounds").

A visit (pairing visits included), a duty sign-in, or the closing of a ledger item
or a service-desk request dated before the cadre's term began, between two terms,
after the last day in office or on or after the archive day is not that cadre's.
Entry and import refuse it (:func:`office_refusal`); records already stored count
for no rule (the services read them through :func:`visits_in_office` and
:func:`duty_in_office`) and ``check`` lists them (:func:`stray_work`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from village_tui.domain.dates import format_cn
from village_tui.domain.models import Cadre, DutyDay, LedgerItem, ServiceRequest, Visit
from village_tui.domain.rules_duty import in_office  # the check duty sign-ins always had

__all__ = [
    "StrayWork",
    "in_office",
    "office_refusal",
    "terms_text",
    "visits_in_office",
    "duty_in_office",
    "handled_in_office",
    "stray_work",
]


def terms_text(cadre: Cadre) -> str:
    """The cadre's terms in Chinese: ``自2024年3月1日起`` or ``2018年1月1日至2020年12月31日、自2021年1月1日起``."""
    parts = [f"{format_cn(t.start)}至{format_cn(t.end)}" for t in sorted(cadre.past_terms, key=lambda t: t.start)]
    if cadre.term_end is None:
        parts.append(f"自{format_cn(cadre.term_start)}起")
    else:
        parts.append(f"{format_cn(cadre.term_start)}至{format_cn(cadre.term_end)}")
    return "、".join(parts)


def office_refusal(cadre: Cadre, day: date, what: str = "工作") -> str | None:
    """Why work dated ``day`` cannot be the cadre's, or None when the cadre was in office then.

    Args:
        cadre: The cadre the work is put down to.
        day: The day of the work.
        what: What the work is (``走访``, ``值班签到``, ``办结``), named in the message.

    Returns:
        A Chinese sentence naming the terms and the archive day, e.g.
        ``刘雪的任期自2024年3月1日起，2026年11月20日已离任；2026年11月25日的走访不能记在刘雪名下``.
    """
    if in_office(cadre, day):
        return None
    name = cadre.name
    if cadre.gone:
        return f"{name}已离任（归档）；{format_cn(day)}的{what}不能记在{name}名下"
    left = f"，{format_cn(cadre.archived_on)}已离任" if cadre.archived_on is not None else ""
    if cadre.archived_on is not None and day >= cadre.archived_on:
        why = ""
    elif day < min([cadre.term_start, *(t.start for t in cadre.past_terms)]):
        why = "（尚未上任）"
    else:
        why = "（不在任期内）"
    terms = terms_text(cadre)
    terms = terms if terms.startswith("自") else f"为{terms}"
    return f"{name}的任期{terms}{left}；{format_cn(day)}{why}的{what}不能记在{name}名下"


def _worked(cadres: Mapping[int, Cadre], cadre_id: int | None, day: date) -> bool:
    cadre = cadres.get(cadre_id) if cadre_id is not None else None
    return cadre is None or in_office(cadre, day)  # an unknown cadre is another data problem


def _by_id(cadres: Iterable[Cadre] | Mapping[int, Cadre]) -> Mapping[int, Cadre]:
    return cadres if isinstance(cadres, Mapping) else {c.id: c for c in cadres if c.id is not None}


def visits_in_office(visits: Iterable[Visit], cadres: Iterable[Cadre] | Mapping[int, Cadre]) -> list[Visit]:
    """The visits made while their cadre was in office (the only ones any rule counts)."""
    by_id = _by_id(cadres)
    return [v for v in visits if _worked(by_id, v.cadre_id, v.day)]


def duty_in_office(duty: Mapping[date, DutyDay], cadres: Iterable[Cadre] | Mapping[int, Cadre]) -> dict[date, DutyDay]:
    """Duty days with the sign-ins of cadres out of office that day left out (the stored days are not changed)."""
    by_id = _by_id(cadres)
    kept = {}
    for day, record in duty.items():
        signins = [s for s in record.signins if _worked(by_id, s.cadre_id, record.day)]
        kept[day] = record if len(signins) == len(record.signins) else dataclasses.replace(record, signins=signins)
    return kept


def handled_in_office(handler_id: int | None, closed: date | None,
                      cadres: Iterable[Cadre] | Mapping[int, Cadre]) -> bool:
    """Whether a ledger item or request closed on ``closed`` was closed by its handler in office."""
    return closed is None or _worked(_by_id(cadres), handler_id, closed)


@dataclass(frozen=True, slots=True)
class StrayWork:
    """A stored record dated outside its cadre's office: a data problem, counted for no rule.

    Attributes:
        kind: ``走访``, ``值班签到``, ``民情台账办结`` or ``办事申请办结``.
        day: The day of the work.
        cadre: The cadre's name.
        cadre_id: The cadre's id.
        record: The record's id (the visit, the duty day's date, the ledger or receipt number).
        detail: The Chinese explanation (:func:`office_refusal`).
    """

    kind: str
    day: date
    cadre: str
    cadre_id: int
    record: str
    detail: str

    def to_json(self) -> dict:
        """The problem as JSON (``check --json``'s ``problems``)."""
        return {"kind": self.kind, "date": self.day.isoformat(), "cadre": self.cadre, "cadre_id": self.cadre_id,
                "record": self.record, "detail": self.detail}

    def line(self) -> str:
        """One line for ``check``'s text."""
        return f"{self.kind} {self.day.isoformat()} {self.record}：{self.detail}"


def stray_work(cadres: Iterable[Cadre], visits: Iterable[Visit] = (), duty: Iterable[DutyDay] = (),
               ledger: Iterable[LedgerItem] = (), requests: Iterable[ServiceRequest] = ()) -> list[StrayWork]:
    """Every stored record put down to a cadre on a day that cadre was out of office, by day.

    Cancelled visits, ledger items and requests are left out: they count for nothing anyway.
    """
    by_id = {c.id: c for c in cadres}
    found: list[StrayWork] = []

    def add(kind: str, cadre_id: int | None, day: date, record: str, what: str) -> None:
        cadre = by_id.get(cadre_id) if cadre_id is not None else None
        if cadre is None or cadre_id is None:
            return  # an unknown cadre is another data problem
        message = office_refusal(cadre, day, what)
        if message:
            found.append(StrayWork(kind, day, cadre.name, cadre_id, record, message))

    for visit in visits:
        if not visit.cancelled:
            add("走访", visit.cadre_id, visit.day, str(visit.id or ""), "走访")
    for record in duty:
        for signin in record.signins:
            add("值班签到", signin.cadre_id, record.day, record.day.isoformat(), "值班签到")
    for item in ledger:
        if not item.cancelled and item.closed_day is not None:
            add("民情台账办结", item.handler_id, item.closed_day, str(item.id or ""), "办结")
    for request in requests:
        if not request.cancelled and request.done_day is not None:
            add("办事申请办结", request.handler_id, request.done_day, str(request.id or ""), "办结")
    return sorted(found, key=lambda p: (p.day, p.kind, p.record))
