"""The 公示 sheet: five-step matters (五事) whose decision, promise or result is due for publication.

R14 asks that a matter's promise be kept and its result evaluated and made
public (考评亮事); R15 that villagers know and supervise. A matter is on the
notice of a period when a publication window it records (the promise's or the
result's 公示起止) overlaps the period, when its promised completion date falls
in the period (the result is due), or when its result was evaluated in it.

The sheet is meant to be printed and posted: ID and phone numbers typed in
free text are masked, and matters touching a sensitive (petition) ledger item
or of a dispute category are left out; a closing row says how many.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from village_tui.domain.dates import format_cn
from village_tui.domain.matters import find_step
from village_tui.domain.models import Matter
from village_tui.domain.safe_text import formula_safe
from village_tui.exchange.masking import mask_text
from village_tui.exchange.report_xlsx import SheetData

if TYPE_CHECKING:
    from village_tui.service import VillageService

NOTICE_TITLE = "公示"
NOTICE_HEADERS = ["村", "事项", "类别", "集体决定", "承诺", "责任干部", "监督人", "定事日期", "承诺完成日期",
                  "考评结果", "群众满意度", "公示期间", "公示内容"]
SENSITIVE_CATEGORIES = frozenset({"矛盾纠纷", "信访"})
_ALL = 1_000_000


def _overlaps(start: date | None, end: date | None, first: date, last: date) -> bool:
    return start is not None and start <= last and (end or start) >= first


def due_for_publication(matter: Matter, first: date, last: date) -> str | None:
    """What of ``matter`` is due for publication between ``first`` and ``last``, in Chinese, or None."""
    if matter.cancelled or find_step(matter, "集体定事") is None:
        return None
    promise = find_step(matter, "承诺干事")
    result = find_step(matter, "考评亮事")
    if result is not None and (first <= result.day <= last or
                               _overlaps(result.posted_from, result.posted_to, first, last)):
        return "考评结果"
    if promise is not None and promise.promised is not None and first <= promise.promised <= last:
        return "承诺到期，应公示办理结果"
    if promise is not None and _overlaps(promise.posted_from, promise.posted_to, first, last):
        return "集体决定和承诺"
    return None


def is_sensitive(matter: Matter, sensitive_items: set[str]) -> bool:
    """A dispute or petition matter, or one whose steps name a sensitive ledger item."""
    if matter.category in SENSITIVE_CATEGORIES:
        return True
    texts = [matter.title] + [t for s in matter.steps for t in (s.content, s.outcome, s.findings, s.evaluation)]
    return any(item in text for item in sensitive_items for text in texts if text)


def _text(*parts: str) -> str:
    return formula_safe(mask_text("；".join(p for p in parts if p)))


def notice_row(village: str, matter: Matter, due: str, cadres: dict[int, str]) -> list:
    """One matter's row of the 公示 sheet."""
    decision = find_step(matter, "集体定事")
    promise = find_step(matter, "承诺干事")
    supervision = find_step(matter, "村民监事")
    result = find_step(matter, "考评亮事")
    votes = (f"赞成{decision.votes_for}票，反对{decision.votes_against}票"
             if decision and decision.votes_for is not None else "")
    window = result if result is not None and result.posted_from else promise
    period = (f"{format_cn(window.posted_from)}至{format_cn(window.posted_to)}"
              if window is not None and window.posted_from and window.posted_to else "")
    return [formula_safe(village), _text(matter.title), formula_safe(matter.category),
            _text(decision.content, decision.outcome, votes) if decision else "",
            _text(promise.content, promise.outcome) if promise else "",
            formula_safe(cadres.get(promise.responsible_id, "")) if promise and promise.responsible_id else "",
            _text("、".join(supervision.supervisors)) if supervision else "",
            decision.day if decision else None, promise.promised if promise else None,
            _text(result.evaluation) if result else "", result.satisfaction if result else "", period, due]


def notice_rows(service: VillageService, village: str, first: date, last: date) -> tuple[list[list], int]:
    """The 公示 rows of one village for a period, and how many matters were left out as sensitive."""
    sensitive_items = {i.id for year in range(first.year - 1, last.year + 1)
                       for i in service.ledger_items(year, limit=_ALL) if i.sensitive and i.id}
    cadres = service.cadre_names()
    rows, left_out = [], 0
    for matter in sorted(service.matters(), key=lambda m: m.id or 0):
        due = due_for_publication(matter, first, last)
        if due is None:
            continue
        if is_sensitive(matter, sensitive_items):
            left_out += 1
            continue
        rows.append(notice_row(village, matter, due, cadres))
    return rows, left_out


def notice_sheet(rows: list[list], left_out: int, heading: str) -> SheetData:
    """The 公示 sheet of one or many villages."""
    sheet = SheetData(NOTICE_TITLE, list(NOTICE_HEADERS), rows=list(rows), heading=heading)
    if not rows:
        sheet.rows.append(["", "本期没有需要公示的五事事项"] + [""] * (len(NOTICE_HEADERS) - 2))
    if left_out:
        sheet.rows.append(["", f"另有 {left_out} 件涉及敏感事项，不列入公示"] + [""] * (len(NOTICE_HEADERS) - 2))
    return sheet
