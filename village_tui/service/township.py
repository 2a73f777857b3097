"""The township's data folder and its desk: receive exports, list, reply, mark replies sent.

A township's folder is a data folder like a village's (the same store, journal, audit,
lock and backups) whose settings say ``level="乡镇"``; its records are
:class:`~village_tui.domain.models.TownshipItem`, one per (village, item number).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from village_tui.domain import township as T
from village_tui.domain.errors import DomainError, NotFoundError
from village_tui.domain.models import TownshipItem, VillageSettings
from village_tui.domain.validation import validate_required, validate_text
from village_tui.service.signing import SigningService

if TYPE_CHECKING:  # the exchange reads the exports; the service only takes what it read
    from village_tui.exchange.township.exports import ReadExport
    from village_tui.exchange.township.trust import FirstKey

TEXT_MAX = 500
# What the village's export decides about an item (the rest is the desk's own).
VILLAGE_FIELDS = ("category", "content", "village_day", "escalated_on", "office", "level", "village_status",
                  "village_due", "history", "escalations")
DEFAULT_OPERATOR = "乡镇民情处理站"


@dataclass
class ReceivePlan:
    """What receiving some exports would do.

    Attributes:
        new: Items not yet at the desk.
        updated: Items the desk has, changed by a later export (the incoming version).
        unchanged: Items the desk has as the export has them.
        conflicting: Items of an export older than the one the desk last took, that differ from it
            (not taken: the later export wins).
        refused: Exports refused, with their reasons.
        taken: Exports read and taken.
    """

    new: list[TownshipItem] = field(default_factory=list)
    updated: list[TownshipItem] = field(default_factory=list)
    unchanged: list[TownshipItem] = field(default_factory=list)
    conflicting: list[TownshipItem] = field(default_factory=list)
    refused: list["ReadExport"] = field(default_factory=list)
    taken: list["ReadExport"] = field(default_factory=list)

    def counts_line(self) -> str:
        """``新增 2 条，更新 1 条，未变 0 条，冲突 0 条``."""
        return (f"新增 {len(self.new)} 条，更新 {len(self.updated)} 条，未变 {len(self.unchanged)} 条，"
                f"冲突 {len(self.conflicting)} 条")


def _village_side(item: TownshipItem, fields: tuple[str, ...] = VILLAGE_FIELDS) -> tuple:
    return tuple(getattr(item, name) for name in fields)


def _key(item: TownshipItem) -> tuple[str, str, str]:
    """An item's key at a desk: its township (at a county's desk; "" at a township's), village and number."""
    return item.township, item.village, item.item


class TownshipDesk(SigningService):
    """The township 民情处理站's desk over its own data folder.

    Args:
        folder: The opened data folder.
        today: Fixed "today" for tests; None means today in China.
    """

    desk_operator: str = ""
    # What the unit below decides about an item (replaced by each later export or package).
    UPSTREAM_FIELDS: tuple[str, ...] = VILLAGE_FIELDS
    ACTIONS: dict[str, str] = T.ACTIONS
    BELOW_WORD = "村里"

    @property
    def operator_name(self) -> str:
        """Who the audit log names: the operator given, the settings' desk operator, or the office."""
        return self.desk_operator or self.settings().desk_operator or DEFAULT_OPERATOR

    # -- set-up -----------------------------------------------------------

    def check_is_desk(self) -> None:
        """Refuse a folder that holds a village, not a township.

        Raises:
            DomainError: The folder is set up as another level.
        """
        settings = self.records.settings()
        if settings is not None and settings.level != "乡镇":
            raise DomainError(f"{self.folder.path} 是{settings.name or '一个村'}的数据文件夹，不是乡镇的")

    def set_up_township(self, township: str, county: str, operator: str = "") -> VillageSettings:
        """The settings of a new township folder (saved by the first receive).

        Args:
            township: The township's name.
            county: Its county.
            operator: Who works the desk when no operator is named (kept in the settings).
        """
        township = validate_required(township, "township", "乡镇", 40)
        county = validate_text(county, "county", "县", 40)
        operator = validate_text(operator, "operator", "经办人", 20)
        settings = VillageSettings(name=township, township=township, county=county, level="乡镇", groups=[],
                                   started_on=self.today, desk_operator=operator)
        self.key_for_set_up(settings)
        return settings

    # -- reading ----------------------------------------------------------

    def items(self) -> list[TownshipItem]:
        """Every item at the desk."""
        return self.records.all("township_items")

    def item(self, village: str, number: str, township: str = "") -> TownshipItem:
        """One item by its village and number.

        Raises:
            NotFoundError: The desk has no such item.
        """
        for found in self.records.peek("township_items"):
            if found.village == village and found.item == number and found.township == township:
                return self.copy(found)
        raise NotFoundError(f"没有{village}的第 {number} 号事项")

    def rows(self) -> list[dict]:
        """Each item as ``township list`` shows it, the longest waiting first."""
        due_days, today = self.settings().reply_due_days, self.today
        rows = []
        for i in self.items():
            state = T.desk_state(i)
            rows.append({
                "village": i.village, "item": i.item, "category": i.category, "content": i.content,
                "escalated_on": i.escalated_on.isoformat(), "due": T.reply_due(i, due_days).isoformat(),
                "waiting_days": T.waiting_days(i, today), "status": state.status, "reply": state.reply,
                "forwarded": state.forwarded.isoformat() if state.forwarded else None,
                "overdue": T.is_overdue(i, due_days, today),
                "returned": state.returned.isoformat() if state.returned else None, **self.level_columns(i),
            })
        return sorted(rows, key=lambda r: (-r["waiting_days"], r["village"], r["item"]))

    # -- receiving --------------------------------------------------------

    def plan_receive(self, reads: list["ReadExport"]) -> ReceivePlan:
        """Sort the exports' items into new, updated, unchanged and conflicting (nothing is written)."""
        plan = ReceivePlan()
        current = {_key(i): i for i in self.records.peek("township_items")}
        for read in reads:
            if read.refusal:
                plan.refused.append(read)
                continue
            plan.taken.append(read)
            for incoming in read.items:
                key = _key(incoming)
                stored = current.get(key)
                if stored is None:
                    plan.new.append(incoming)
                elif _village_side(stored, self.UPSTREAM_FIELDS) == _village_side(incoming, self.UPSTREAM_FIELDS):
                    plan.unchanged.append(incoming)
                    continue
                elif incoming.export_time < stored.export_time:
                    plan.conflicting.append(incoming)
                    continue
                else:
                    plan.updated.append(incoming)
                current[key] = incoming if stored is None else self._merged(stored, incoming)
        return plan

    @classmethod
    def _merged(cls, stored: TownshipItem, incoming: TownshipItem) -> TownshipItem:
        changes = {name: getattr(incoming, name) for name in (*cls.UPSTREAM_FIELDS, "export_time", "received_on")}
        return dataclasses.replace(stored, **changes)

    def receive(self, plan: ReceivePlan, settings: VillageSettings | None = None,
                keys: Sequence[FirstKey] = ()) -> None:
        """Write a receive plan in one journal transaction (and the set-up of a new folder, and the
        villages' keys seen for the first time on the trust list)."""
        self._require_writable()
        stored = {_key(i): i for i in self.records.peek("township_items")}
        with self.records.transaction():
            if settings is not None:
                self.save_settings(settings)
            for first in keys:
                self.trust(first.level, first.name, first.public_key, first.reason)
            for incoming in plan.new:
                key = _key(incoming)
                if key in stored:  # the same item twice in one receive (two exports of one village)
                    stored[key] = self.records.update(self._merged(stored[key], incoming), self.operator_name,
                                                      action="接收")
                else:
                    stored[key] = self.records.insert(self.copy(incoming), self.operator_name)
            for incoming in plan.updated:
                key = _key(incoming)
                stored[key] = self.records.update(self._merged(stored[key], incoming), self.operator_name,
                                                  action="接收")

    # -- replying ---------------------------------------------------------

    def reply(self, village: str, number: str, action: str, text: str, note: str = "",
              day: date | None = None, township: str = "") -> TownshipItem:
        """Reply to, close, return or forward an item; audited under the desk's operator.

        Args:
            village: The village's name.
            number: The item's number in the village.
            action: 答复, 办结, 退回 (text is the reason) or 上报县 (with a note for the county).
            text: The reply, or the reason of a return.
            note: The note sent to the county with a forwarded item.
            day: The day (default today).
            township: At a county's desk, the township that sent the item up.

        Raises:
            NotFoundError: No such item.
            ValidationError: Empty or too long text.
        """
        if action not in self.ACTIONS:
            raise DomainError(f"不认识的操作：{action}")
        text = validate_required(text, "text", "答复内容", TEXT_MAX, True)
        note = validate_text(note, "note", "说明", TEXT_MAX, True)
        item = self.item(village, number, township)
        day = day or self.today
        if day < item.escalated_on:
            raise DomainError(f"答复日期不能早于{self.BELOW_WORD}上报的日期")
        back = T.county_returned_on(item)
        if back is not None and day < back:
            raise DomainError(f"答复日期不能早于县退回的日期 {back.isoformat()}")
        if action == "上报县" and back is not None:
            raise DomainError(f"该事项县里已于 {back.isoformat()} 退回乡镇办理，不能再上报县；请答复、办结或退回村里")
        if action == "上报县" and item.forwarded is not None:
            raise DomainError(f"该事项已于 {item.forwarded.isoformat()} 上报县")
        changed = dataclasses.replace(item, status=T.ACTIONS[action], reply=text, reply_day=day,
                                      signer=self.operator_name, unsent=True)
        if action == "上报县":
            changed = dataclasses.replace(changed, forwarded=day, forward_note=note or text, forward_unsent=True)
        with self.records.transaction():
            return self.records.update(changed, self.operator_name, note, action)

    def extend(self, village: str, number: str, until: date, reason: str, township: str = "") -> TownshipItem:
        """延期: move an item's reply due day, with the reason; audited under the desk's operator.

        Raises:
            NotFoundError: No such item.
            ValidationError: No reason.
            DomainError: A day not after the current due day, or an item already answered.
        """
        reason = validate_required(reason, "reason", "延期原因", TEXT_MAX, True)
        item = self.item(village, number, township)
        due = T.reply_due(item, self.settings().reply_due_days)
        if T.clock_stopped_on(item) is not None:
            raise DomainError("该事项已答复或已上报县，不需要延期")
        if until <= due:
            raise DomainError(f"延期后的答复期限应晚于现在的期限 {due.isoformat()}")
        changed = dataclasses.replace(item, extended_to=until, extend_reason=reason)
        with self.records.transaction():
            return self.records.update(changed, self.operator_name, reason, "延期")

    def set_desk(self, due_days: dict[str, int], operator: str | None = None) -> VillageSettings:
        """Change the reply due days of some categories, and the desk's operator when given."""
        settings = self.settings()
        settings.reply_due_days = {**settings.reply_due_days, **due_days}
        if operator is not None:
            settings.desk_operator = validate_text(operator, "operator", "经办人", 20)
        self.save_settings(settings)
        return settings

    def unsent_by_village(self) -> dict[str, list[TownshipItem]]:
        """Per village with something new to send: all its answered items (a package is complete)."""
        answered: dict[str, list[TownshipItem]] = {}
        fresh = set()
        for item in self.items():
            if item.reply or item.county_reply:
                answered.setdefault(self.unit_below(item), []).append(item)
            if item.unsent:
                fresh.add(self.unit_below(item))
        return {village: answered[village] for village in sorted(fresh)}

    @staticmethod
    def unit_below(item: TownshipItem) -> str:
        """The unit an item's answers go down to: its village (at a county's desk, its township)."""
        return item.village

    def reserve_sequence(self, village: str) -> int:
        """Take the next package number for a village before its package is written.

        A number is never given to two packages: a send cut short after this leaves the number
        unused, and the next package (holding every answer to date) takes the one after.
        """
        settings = self.settings()
        sequence = settings.reply_sequences.get(village, 0) + 1
        settings.reply_sequences = {**settings.reply_sequences, village: sequence}
        self.save_settings(settings)
        return sequence

    def mark_sent(self, items: list[TownshipItem]) -> None:
        """After a package was written: its items' answers are sent (one transaction)."""
        with self.records.transaction():
            for item in items:
                if item.unsent:
                    self.records.update(dataclasses.replace(item, unsent=False), self.operator_name,
                                        action="发送回复")

    # -- the county above ---------------------------------------------------

    def level_columns(self, item: TownshipItem) -> dict:
        """``township list``'s view of the county's part: who holds the item, and the county's waiting.

        Keys: ``holder`` (乡镇 or 县), ``county_status``, ``county_reply``, ``county_due``,
        ``county_waiting_days`` and ``county_overdue`` (None when the item was not forwarded).
        """
        wait = T.county_wait(item, self.today)
        holder = "县" if wait is not None and wait.until is None else "乡镇"
        return {"holder": holder, "county_status": item.county_status or ("待答复" if wait else ""),
                "county_reply": item.county_reply, "county_due": wait.due.isoformat() if wait else None,
                "county_waiting_days": wait.days if wait else None, "county_overdue": wait.overdue if wait else None}

    def forwarded_to_send(self) -> list[TownshipItem]:
        """Every item forwarded to the county, when one of them is not yet sent up (a package is complete)."""
        forwarded = [item for item in self.items() if item.forwarded is not None]
        return forwarded if any(item.forward_unsent for item in forwarded) else []

    def mark_forward_sent(self, items: list[TownshipItem]) -> None:
        """After the forwarding package was written: its items are sent up (one transaction)."""
        with self.records.transaction():
            for item in items:
                if item.forward_unsent:
                    self.records.update(dataclasses.replace(item, forward_unsent=False), self.operator_name,
                                        action="上报县")

    def take_county_replies(self, county: str, sequence: int, replies: list, note: str,
                            keys: Sequence[FirstKey] = ()) -> tuple[list[str], bool]:
        """Record the county's answers from its reply package, to pass on to the villages in the next send.

        A 退回 makes the item the township's again (see :func:`~village_tui.domain.township.desk_state`):
        it waits at the desk with the township's clock running from the return day.

        One transaction: the answers, the package's number and a county key seen for the first time.

        Args:
            county: The county that answered.
            sequence: The package's number (one not above the last taken changes nothing).
            replies: Its answers (:class:`~village_tui.exchange.township.package.Reply`).
            note: The audit log's reason (which package, who took it).
            keys: The county's key seen for the first time.

        Returns:
            The items (``村 编号``) whose answer changed, and whether the package was taken before.

        Raises:
            NotFoundError: An answer names an item this desk never forwarded; nothing was written.
        """
        self._require_writable()
        settings = self.settings()
        seen = f"县:{county}"
        if sequence <= settings.reply_sequences.get(seen, 0):
            return [], True
        changed = []
        items = []
        for reply in replies:
            item = self.item(reply.village, reply.item)
            if item.forwarded is None:
                raise NotFoundError(f"{reply.village}第 {reply.item} 号事项没有上报县，县里的答复不能登记")
            status = T.COUNTY_ACTIONS.get(reply.action)
            if status is None:
                raise DomainError(f"县里的答复中有不认识的操作：{reply.action}")
            answered = dataclasses.replace(item, county_status=status, county_reply=reply.text,
                                           county_reply_day=reply.day, county_signer=reply.signer)
            if status == T.RETURNED and item.county_status != T.RETURNED:
                # Back at the township: its clock runs again from the return, against a new due day, so a
                # 延期 of its first turn no longer applies (the audit log keeps it).
                answered = dataclasses.replace(answered, extended_to=None, extend_reason="")
            items.append(answered)
        with self.records.transaction():
            for first in keys:
                self.trust(first.level, first.name, first.public_key, first.reason)
            for item in items:
                stored = self.item(item.village, item.item)
                if (stored.county_status, stored.county_reply, stored.county_reply_day) != (
                        item.county_status, item.county_reply, item.county_reply_day):
                    self.records.update(dataclasses.replace(item, unsent=True), self.operator_name, note, "县答复")
                    changed.append(f"{item.village} {item.item}")
            settings = self.settings()
            settings.reply_sequences = {**settings.reply_sequences, seen: sequence}
            self.save_settings(settings)
        return changed, False
