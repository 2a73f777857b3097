"""The township desk's corrections: a 延期 checked on its field, and reopening a wrongly ended item.

Kept apart from :mod:`village_tui.service.township` (receiving and replying): a 延期 to a day
that has already passed is refused on its field, and a wrongly answered, closed, returned or
forwarded item is reopened with a reason (audited).
"""

from __future__ import annotations

import dataclasses
from datetime import date

from village_tui.domain import township as T
from village_tui.domain.errors import DomainError, ValidationError
from village_tui.domain.models import TownshipItem
from village_tui.domain.validation import validate_required
from village_tui.service.township import TEXT_MAX, TownshipDesk

REOPEN = "重新打开"


def extend_item(desk: TownshipDesk, village: str, number: str, until: date, reason: str) -> TownshipItem:
    """延期 with the new due day checked on its field: not before today, and after the current due day.

    Raises:
        ValidationError: On ``until`` (a day gone or not later) or ``reason`` (empty).
        NotFoundError: No such item.
        DomainError: The item is answered or forwarded already.
    """
    reason = validate_required(reason, "reason", "延期原因", TEXT_MAX, True)
    item = desk.item(village, number)
    due = T.reply_due(item, desk.settings().reply_due_days)
    if until < desk.today:
        raise ValidationError("until", f"新的答复期限 {until.isoformat()} 已经过去，不能早于今天 {desk.today.isoformat()}")
    if until <= due:
        raise ValidationError("until", f"新的答复期限应晚于现在的期限 {due.isoformat()}")
    return desk.extend(village, number, until, reason)


def reopen_item(desk: TownshipDesk, village: str, number: str, reason: str) -> TownshipItem:
    """Undo a wrong 答复, 办结, 退回 or 上报县: the item waits at the desk again; audited with the reason.

    An answer given after the county returned the item is undone back to that return (the item
    waits at the desk, its clock running from the return day); the forwarding is not undone.

    The answer it had stays in the audit log (before and after). An answer not yet sent is not
    sent; one already sent is followed by the next answer in the village's next package.

    Raises:
        ValidationError: No reason.
        NotFoundError: No such item.
        DomainError: The item is waiting already.
    """
    reason = validate_required(reason, "reason", "重新打开的原因", TEXT_MAX, True)
    item = desk.item(village, number)
    if item.status == T.WAITING or T.returned_waiting(item):
        raise DomainError("该事项正在等待答复，不需要重新打开")
    if T.county_returned_on(item) is not None:
        # An answer given after the county's 退回: undone, the item waits at the desk again as the county
        # left it (forwarded and returned); the forwarding itself is the county's record and stays.
        changed = dataclasses.replace(item, status=T.FORWARDED, reply="", reply_day=None, signer="", unsent=False)
    else:
        changed = dataclasses.replace(item, status=T.WAITING, reply="", reply_day=None, signer="", forwarded=None,
                                      forward_note="", unsent=False)
    with desk.records.transaction():
        return desk.records.update(changed, desk.operator_name, reason, REOPEN)
