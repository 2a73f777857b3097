"""The 干部 of each row of a report's 不符合项 sheet: who answers for the finding.

A finding about a cadre names them; a finding about a ledger item, a service
request or a five-step matter names only the item. The clerk reading the sheet
needs a person to follow up with, so the item's handler is filled in (the
ledger item's 承办人, the request's 承办人, the matter's 责任干部), and a finding
about no one in particular (a day nobody was on duty) reads 全村. The 户编号 of a
finding about a ledger item or a service request is its household's, when it has one.
"""

from __future__ import annotations

from village_tui.domain.matters import find_step
from village_tui.exchange.report_xlsx import SheetData

VILLAGE_WIDE = "全村"
MATTER_PREFIX = "五事-"
_ALL = 1_000_000
_COLUMNS = ("规则", "干部", "编号")
HOUSEHOLD = "户编号"


def item_handlers(service, years: range) -> tuple[dict[str, int | None], dict[str, int | None], dict[str, int | None]]:
    """Handler ids by number: ledger items, service requests and matters (``"五事-3"``)."""
    ledger = {i.id: i.handler_id for y in years for i in service.ledger_items(y, limit=_ALL) if i.id}
    requests = {r.id: r.handler_id for y in years for r in service.requests(y, limit=_ALL) if r.id}
    matters: dict[str, int | None] = {}
    for matter in service.matters(include_cancelled=True):
        promise = find_step(matter, "承诺干事")
        matters[f"{MATTER_PREFIX}{matter.id}"] = promise.responsible_id if promise else None
    return ledger, requests, matters


def item_households(service, years: range) -> dict[str, str]:
    """户编号 by number of the ledger items and service requests that name a household."""
    codes = {h.id: h.code for h in service.households(include_archived=True)}
    found: dict[str, str] = {}
    for y in years:
        for record in [*service.ledger_items(y, limit=_ALL), *service.requests(y, limit=_ALL)]:
            if record.id and record.household_id in codes:
                found.setdefault(record.id, codes[record.household_id])
    return found


def fill_problem_households(problems: SheetData, service, years: range) -> None:
    """Fill the empty 户编号 cells of a 不符合项 sheet from the ledger item or request each finding names."""
    if not problems.rows or HOUSEHOLD not in problems.headers or "编号" not in problems.headers:
        return
    code_at, item_at = problems.headers.index(HOUSEHOLD), problems.headers.index("编号")
    households = item_households(service, years)
    for row in problems.rows:
        if not row[code_at] and row[item_at]:
            row[code_at] = households.get(str(row[item_at]), "")


def fill_problem_cadres(problems: SheetData, service, years: range) -> SheetData:
    """Fill the empty 干部 cells of a 不符合项 sheet from the item each finding names (or 全村),
    and its empty 户编号 cells from the item's household."""
    fill_problem_households(problems, service, years)
    if not problems.rows or any(c not in problems.headers for c in _COLUMNS):
        return problems
    rule_at, cadre_at, item_at = (problems.headers.index(c) for c in _COLUMNS)
    ledger, requests, matters = item_handlers(service, years)
    names = service.cadre_names()
    for row in problems.rows:
        if row[cadre_at]:
            continue
        item = str(row[item_at] or "")
        if not item:
            row[cadre_at] = VILLAGE_WIDE
            continue
        if item.startswith(MATTER_PREFIX):
            handler = matters.get(item)
        elif row[rule_at] == "R13":
            handler = requests.get(item)
        else:
            handler = ledger.get(item, requests.get(item))
        row[cadre_at] = names.get(handler, "") if handler is not None else ""
        row[cadre_at] = row[cadre_at] or "（未指定承办人）"
    return problems
