"""The residents' concern ledger (民情台账), escalation and the monthly meeting (R9, R10, R15).

Open items across years: the overdue list and the meeting agenda need every
open item, however old. The current year is read from memory; an earlier year
is read only when the store's open index (:mod:`village_tui.store.open_index`)
lists one of its items as still open in the year asked about, so a village whose
old items are all closed reads none of its old years. Such a year is scanned once
per session with ``records.scan`` keeping only the items that were still open at
that year's end, and that small list is memoised and kept up to date by this
area's own saves. Items of earlier years written behind the service's back (a
bulk import) need :meth:`LedgerService.forget_ledger_memo`.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from datetime import date

from village_tui.domain import ledger as L
from village_tui.domain import ledger_agenda as A
from village_tui.domain.ledger_deadline import ABOVE, is_village_overdue, village_deadline
from village_tui.domain import ledger_categories as C
from village_tui.domain.dates import month_bounds
from village_tui.domain.errors import DomainError, DuplicateError, ValidationError, ValidationErrors
from village_tui.domain.findings import Finding
from village_tui.domain.models import LEDGER_SOURCES, LedgerItem, Meeting, MeetingDecision, VillageSettings, Visit
from village_tui.domain.office import office_refusal
from village_tui.domain.rules_ledger import check_day, r9_month, r10_month, r15_ledger
from village_tui.domain.validation import validate_required, validate_text
from village_tui.service.core import Area, ServiceContext, one_transaction
from village_tui.service.visits import VisitService
from village_tui.store.open_index import OPEN_NOW

CONTENT_MAX = 500
NAME_MAX = 20
OFFICE_MAX = 40
_copy = copy.deepcopy


def _stored(item: LedgerItem) -> LedgerItem:
    """The stored item itself, for code that only reads it."""
    return item

MEETING_ACTIONS = ("", "指定承办人", "改期限", "上报乡镇", "上报县", "办结")


def _carried(doc: dict, year: int) -> bool:
    """A stored item of ``year`` that was still open at the year's end."""
    if doc.get("cancelled"):
        return False
    if doc.get("status") in L.OPEN_STATUSES:
        return True
    later = [doc.get("closed_day") or ""] + [h.get("day", "") for h in doc.get("history") or []]
    return any(d[:4] > str(year) for d in later)


def _carried_item(item: LedgerItem, year: int) -> bool:
    """Like :func:`_carried`, for an item in memory."""
    if item.cancelled:
        return False
    later = [item.closed_day] + [h.day for h in item.history]
    return item.status in L.OPEN_STATUSES or any(d is not None and d.year > year for d in later)


class LedgerService(Area):
    """Ledger items, escalation, the meeting and the month's R9/R10/R15 findings.

    Args:
        context: The opened folder's shared state.
        visits: The visits area: an item made from a visit is linked back to it.
    """

    def __init__(self, context: ServiceContext, visits: VisitService) -> None:
        super().__init__(context)
        self._visits = visits
        self._ledger_memo: dict[int, dict[str | None, LedgerItem]] = {}  # year → its items open at its end

    # -- reading ----------------------------------------------------------

    def ledger_item(self, item_id: str) -> LedgerItem:
        """One ledger item by number (``"2026-0042"``)."""
        return self.records.get("ledger", item_id)

    def ledger_years(self) -> list[int]:
        """The years that have ledger items."""
        return self.records.years("ledger")

    def ledger_items(self, year: int, month: int | None = None, status: str | None = None,
                     category: str | None = None, offset: int = 0, limit: int = 200) -> list[LedgerItem]:
        """Items of a year (or month), newest first, filtered by status and category."""
        found = self._filtered(year, month, status, category)
        return [_copy(i) for i in found[offset:offset + limit]]

    def ledger_item_count(self, year: int, month: int | None = None, status: str | None = None,
                          category: str | None = None) -> int:
        """How many items :meth:`ledger_items` would page through."""
        return len(self._filtered(year, month, status, category))

    def _filtered(self, year, month, status, category) -> list[LedgerItem]:
        found = [i for i in self.records.peek("ledger", year) if not i.cancelled
                 and (month is None or i.day.month == month) and (not status or i.status == status)
                 and (not category or i.category == category)]
        return sorted(found, key=lambda i: (i.day, str(i.id)), reverse=True)

    def _carried_over(self, year: int) -> dict[str | None, LedgerItem]:
        memo = self._ledger_memo
        if year not in memo:
            memo[year] = {i.id: i for i in self.records.scan("ledger", year, lambda d: _carried(d, year))}
        return memo[year]

    def forget_ledger_memo(self) -> None:
        """Forget the memoised open items of earlier years (after an import)."""
        self._ledger_memo = {}

    def judged_items(self, upto: int) -> list[LedgerItem]:
        """Items of year ``upto`` plus those of earlier years still open at their year's end."""
        found = list(self.records.peek("ledger", upto))
        for year in self.records.open_years("ledger", upto):
            found.extend(self._carried_over(year).values())
        return found

    def open_items(self) -> list[LedgerItem]:
        """Every open item of every year, oldest first (copies, free to edit)."""
        return [_copy(i) for i in self._stored_open_items()]

    def escalated_open_items(self) -> list[LedgerItem]:
        """The open items reported upward (not cancelled, with escalations), oldest first (copies).

        What :meth:`open_items` gives filtered the same way, copying only these few.
        """
        return [_copy(i) for i in self._stored_open_items() if not i.cancelled and i.escalations]

    def _stored_open_items(self) -> list[LedgerItem]:
        """Every open item of every year, oldest first: the stored (shared, never to be changed) records."""
        last = max([self._ctx.today.year, *self.records.years("ledger")])
        found = [i for y in range(self._ctx.today.year, last + 1) for i in self.records.peek("ledger", y)]
        found += [i for y in self.records.open_years("ledger", OPEN_NOW) if y < self._ctx.today.year
                  for i in self._carried_over(y).values()]
        return sorted((i for i in found if i.is_open), key=lambda i: (i.day, str(i.id)))

    def overdue_items(self, on_day: date | None = None) -> list[LedgerItem]:
        """The village's overdue items on ``on_day`` (today by default) across all years, most overdue first.

        As R10 reads them (:func:`~village_tui.domain.ledger_deadline.is_village_overdue`): an item
        escalated by its due day and waiting at 乡镇/县 is the level's, not among them.
        """
        day = on_day or self._ctx.today
        found = [i for i in self._stored_open_items() if is_village_overdue(i, day)]
        return [_copy(i) for i in sorted(found, key=lambda i: (i.due, str(i.id)))]

    def waiting_above_items(self, on_day: date | None = None) -> list[LedgerItem]:
        """Open items waiting at 乡镇/县 on ``on_day`` that are not among the village's overdue items (the
        waiting is the level's), oldest first."""
        day = on_day or self._ctx.today
        return [_copy(i) for i in self._stored_open_items()
                if i.escalations and village_deadline(i, day).state == ABOVE]

    def ledger_group_of(self, item: LedgerItem) -> str:
        """The village group of the item's household on the item's day, or ``未关联农户``."""
        if item.household_id is None:
            return L.NO_GROUP
        # one household read (a month's agenda asks this of each item; the village's thousands are not built)
        household = self.records.peek_ids("households", [item.household_id]).get(item.household_id)
        return L.NO_GROUP if household is None else household.group_on(item.day)

    # -- saving -----------------------------------------------------------

    def _save_item(self, item: LedgerItem, reason: str = "", action: str | None = None) -> LedgerItem:
        saved = self._ctx.update(item, reason, action) if item.id is not None else self._ctx.insert(item, reason)
        memo = self._ledger_memo
        year = saved.day.year
        if year in memo:
            memo[year].pop(saved.id, None)
            if _carried_item(saved, year):
                memo[year][saved.id] = _copy(saved)
        return _copy(saved)

    def save_ledger_item(self, item: LedgerItem, reason: str = "") -> LedgerItem:
        """Validate and save a new or edited item (status, escalations and history are kept as stored).

        Raises:
            ValidationErrors: A field is wrong.
        """
        settings, errors = self._ctx.settings(), []

        def check(func, *args):
            try:
                return func(*args)
            except ValidationError as error:
                errors.append(error)
                return ""

        content = check(validate_required, item.content, "content", "反映内容", CONTENT_MAX, True)
        reporter = check(validate_text, item.reporter, "reporter", "反映人", NAME_MAX)
        if item.source not in LEDGER_SOURCES:
            errors.append(ValidationError("source", f"来源应为：{'、'.join(LEDGER_SOURCES)}"))
        if item.category not in settings.ledger_categories:
            errors.append(ValidationError("category", f"类别应为：{'、'.join(settings.ledger_categories)}"))
        if item.household_id is None and not reporter:
            errors.append(ValidationError("household_id", "请选择农户或填写反映人"))
        for kind, ref, field in (("households", item.household_id, "household_id"),
                                 ("cadres", item.handler_id, "handler_id")):
            if ref is not None:
                try:
                    self.records.get(kind, ref)
                except DomainError as error:
                    errors.append(ValidationError(field, str(error)))
        if item.day > self._ctx.today:
            errors.append(ValidationError("day", "登记日期不能晚于今天"))
        due = item.due or L.default_due(item.day, item.category, settings.category_due_days)
        if due < item.day:
            errors.append(ValidationError("due", "办理期限不能早于登记日期"))
        if errors:
            raise ValidationErrors(errors)
        fields = dict(day=item.day, source=item.source, category=item.category, content=content,
                      household_id=item.household_id, reporter=reporter, handler_id=item.handler_id, due=due,
                      sensitive=item.sensitive, visit_id=item.visit_id)
        if item.id is None:
            history = [L.StatusChange(item.day, "受理")]
            new = LedgerItem(**fields, status="受理", level="村", history=history)
            return self._save_item(new, reason)
        stored = self.ledger_item(item.id)
        return self._save_item(dataclasses.replace(stored, **fields), reason)

    def set_ledger_status(self, item_id: str, status: str, note: str = "", day: date | None = None) -> LedgerItem:
        """Move an item to 办理中 or 退回 (closing: :meth:`close_item`; reopening: :meth:`reopen_item`)."""
        stored = self.ledger_item(item_id)
        if status == "退回":  # returning an item closes it: the handler's work, so only while in office
            self._handler_in_office(stored.handler_id, day or self._ctx.today, "退回")
        item = L.set_status(stored, status, day or self._ctx.today, validate_text(
            note, "note", "说明", CONTENT_MAX))
        return self._save_item(item, action=status)

    def set_status(self, item_id: str, status: str, note: str = "", day: date | None = None) -> LedgerItem:
        """Alias of :meth:`set_ledger_status`."""
        return self.set_ledger_status(item_id, status, note, day)

    def escalate(self, item_id: str, level: str, day: date | None = None, office: str = "") -> LedgerItem:
        """Escalate an item one level up (乡镇民情处理站, then 县民情处理中心)."""
        office = validate_text(office, "office", "接收单位", OFFICE_MAX)
        if not office and level in L.OFFICE_SUFFIX:
            settings = self._ctx.settings()
            office = L.office_for(level, settings.township, settings.county)
        item = L.escalate(self.ledger_item(item_id), level, day or self._ctx.today, office)
        return self._save_item(item, action=f"上报{level}")

    def record_reply(self, item_id: str, reply: str, day: date | None = None) -> LedgerItem:
        """Record the reply of the office the item was last escalated to."""
        reply = validate_required(reply, "reply", "答复内容", CONTENT_MAX, True)
        return self._save_item(L.record_reply(self.ledger_item(item_id), reply, day or self._ctx.today), action="答复")

    def record_upper_reply(self, item_id: str, level: str, reply: str, day: date, signer: str,
                           forward: bool = False, reason: str = "", returned: bool = False,
                           forwarded: date | None = None) -> LedgerItem | None:
        """Record a reply that came from the township (or county) in a reply package.

        The reply lands on the item's escalation to ``level`` with its day and signer; a
        forwarded item is also escalated to the county; an item the county ``returned`` (退回)
        waits at the township again from the reply's day (:func:`~village_tui.domain.ledger.back_to_township`).
        A county's answer to an item the village does not know was forwarded (the package that said
        so was never imported) is recorded on an escalation to 县 made on ``forwarded``, the day the
        township forwarded it. Saved under the signed-in operator, with ``reason`` (a locked month's
        item is corrected with it).

        Returns:
            The saved item, or None when the package brings nothing new for it.
        """
        reply = validate_required(reply, "reply", "答复内容", CONTENT_MAX, True)
        stored = item = self.ledger_item(item_id)
        if level == "县" and forwarded is not None and item.is_open and item.level == "乡镇" \
                and not any(step.level == "县" for step in item.escalations):
            settings = self._ctx.settings()
            item = L.escalate(item, "县", forwarded, L.office_for("县", settings.township, settings.county))
        item = L.upper_reply(item, level, reply, day, signer)
        if forward and item.is_open and item.level == level and L.next_level(item) == "县":
            settings = self._ctx.settings()
            item = L.escalate(item, "县", day, L.office_for("县", settings.township, settings.county))
        if returned and level == "县":
            item = L.back_to_township(item, day)
        if item == stored:
            return None
        return self._save_item(item, reason, action=f"{level}答复")

    def close_item(self, item_id: str, result: str, feedback: str, satisfaction: str,
                   day: date | None = None) -> LedgerItem:
        """Close an item with its result and the resident's feedback and satisfaction (R15)."""
        result = validate_required(result, "result", "办理结果", CONTENT_MAX, True)
        feedback = validate_text(feedback, "feedback", "群众意见", CONTENT_MAX, True)
        stored = self.ledger_item(item_id)
        self._handler_in_office(stored.handler_id, day or self._ctx.today)
        item = L.close_item(stored, day or self._ctx.today, result, feedback, satisfaction)
        return self._save_item(item, action="办结")

    def _handler_in_office(self, handler_id: int | None, day: date, what: str = "办结") -> None:
        """Refuse a closing dated outside the handler's office (RULEBOOK, "Office bounds")."""
        if handler_id is None:
            return
        try:
            handler = self.records.get("cadres", handler_id)
        except DomainError:
            return
        refusal = office_refusal(handler, day, what)
        if refusal:
            raise ValidationError("handler_id", refusal + "，请先改由在任的干部经办")

    def reopen_item(self, item_id: str, reason: str, day: date | None = None) -> LedgerItem:
        """Reopen a closed or returned item (back to 办理中)."""
        reason = validate_required(reason, "note", "重新打开原因", CONTENT_MAX)
        return self._save_item(L.reopen(self.ledger_item(item_id), day or self._ctx.today, reason), action=L.REOPEN)

    def reopen(self, item_id: str, reason: str, day: date | None = None) -> LedgerItem:
        """Alias of :meth:`reopen_item`."""
        return self.reopen_item(item_id, reason, day)

    @one_transaction
    def ledger_item_from_visit(self, visit_id: str, category: str = "", content: str = "",
                               handler_id: int | None = None, due: date | None = None,
                               sensitive: bool = False) -> LedgerItem:
        """Create a 走访 item from a visit's request and link both ways.

        Args:
            visit_id: The visit.
            category: The category; by default 矛盾纠纷 for a visit that mediated a dispute, else 其他.
            content: The concern; by default the visit's request (诉求).
            handler_id: The handler; by default the visiting cadre.
            due: The due date; by default the category's.
            sensitive: Hide the content in lists and exports.

        Raises:
            DuplicateError: The visit already has a ledger item.
        """
        visit = self.records.get("visits", visit_id)
        if visit.ledger_item_id:
            raise DuplicateError(f"这次走访已登记为民情事项 {visit.ledger_item_id}")
        category = category or ("矛盾纠纷" if visit.dispute else "其他")
        item = self.save_ledger_item(LedgerItem(
            day=visit.day, source="走访", category=category, content=content or visit.requests,
            household_id=visit.household_id, handler_id=handler_id if handler_id is not None else visit.cadre_id,
            due=due, sensitive=sensitive, visit_id=visit.id))
        self._visits.link_visit_to_ledger(visit.key, item.key)
        return item

    @one_transaction
    def save_visit_to_ledger(self, visit: Visit, reason: str = "") -> Visit:
        """Save a visit and turn its request into a 走访 ledger item, as one transaction (诉求转民情台账).

        Either both land, linked both ways, or neither does: a refused item leaves no visit behind.

        Returns:
            The saved visit, with ``ledger_item_id`` set.

        Raises:
            ValidationErrors: The visit is wrong.
            DomainError: The item cannot be made (the visit already has one, a bad category).
        """
        saved = self._visits.save_visit(visit, reason)
        item = self.ledger_item_from_visit(saved.key)
        return dataclasses.replace(saved, ledger_item_id=item.id)

    def save_ledger_categories(self, text: str) -> VillageSettings:
        """Save the editable categories and their default days from the editor's text (民情类别设置).

        One category per line, optionally followed by its days (``饮水 10`` or ``饮水：10天``);
        a line without days uses the built-in default. Existing items keep their category text.

        Raises:
            ValidationError: No category, a bad line, or a removed category that open items still use.
            ReadOnlyError: The data folder is read-only.
        """
        self._ctx.require_writable()
        names, days = C.parse_categories(text)
        settings = self._ctx.settings()
        C.check_removal(settings.ledger_categories, names, self.open_items())
        settings.ledger_categories, settings.category_due_days = names, days
        self._ctx.save_settings(settings)
        return settings

    # -- the monthly meeting ----------------------------------------------

    def meeting_for_month(self, year: int, month: int) -> Meeting | None:
        """The month's 民情分析会, or None when none is recorded."""
        for meeting in self.records.peek("meetings", year):
            if meeting.day.month == month:
                return _copy(meeting)
        return None

    def save_meeting(self, meeting: Meeting) -> Meeting:
        """Save the month's meeting: attendees, decisions and minutes.

        Raises:
            DuplicateError: The month already has another meeting.
            ValidationError: No attendees, or a day in the future.
        """
        if meeting.day > self._ctx.today:
            raise ValidationError("day", "会议日期不能晚于今天")
        other = self.meeting_for_month(meeting.day.year, meeting.day.month)
        if other is not None and other.id != meeting.id:
            raise DuplicateError(f"{meeting.day.year}年{meeting.day.month}月已有民情分析会记录")
        if meeting.id is not None and meeting.day.month != self.records.get("meetings", meeting.id).day.month:
            raise ValidationError("day", "不能把分析会改到另一个月")
        meeting.minutes = validate_text(meeting.minutes, "minutes", "会议记录", 4000, True)
        meeting.attendees = list(dict.fromkeys(meeting.attendees))
        saved = self._ctx.update(meeting) if meeting.id is not None else self._ctx.insert(meeting)
        return _copy(saved)

    def meeting_agenda(self, year: int, month: int) -> A.MeetingAgenda:
        """The agenda of a month's meeting with counts by category and group (its items are copies)."""
        return self._agenda(year, month, _copy)

    def _agenda(self, year: int, month: int, take: Callable[[LedgerItem], LedgerItem]) -> A.MeetingAgenda:
        """The month's agenda over ``take`` of each item: a copy, or (for the rules, which only count) the stored item."""
        first, last = month_bounds(year, month)
        month_items = [i for i in self.records.peek("ledger", year) if first <= i.day <= last]
        return A.meeting_agenda(year, month, [take(i) for i in month_items],
                                [take(i) for i in self._stored_open_items()],
                                check_day(year, month, self._ctx.today), self.ledger_group_of)

    def decide(self, meeting: Meeting, item_id: str, decision: str = "", handler_id: int | None = None,
               due: date | None = None, action: str = "", result: str = "", feedback: str = "",
               satisfaction: str = "", office: str = "") -> Meeting:
        """Record the meeting's decision on an item, apply its action and save the meeting.

        One transaction: the item's change and the meeting land together, or (when anything fails)
        neither does and ``meeting`` is left as it was, without the decision or an id never saved.

        Args:
            meeting: The month's meeting (saved here when new).
            item_id: The item discussed.
            decision: What was decided, in words.
            handler_id: The handler (指定承办人).
            due: The new due date (改期限).
            action: One of ``MEETING_ACTIONS``.
            result: The result when closing (defaults to the decision).
            feedback: The resident's feedback when closing.
            satisfaction: The resident's satisfaction when closing (R15).
            office: The receiving office when escalating (default from the settings).

        Returns:
            The saved meeting.
        """
        kept = meeting.id, meeting.decisions
        try:
            return self._decide(meeting, item_id, decision, handler_id, due, action, result, feedback, satisfaction,
                                office)
        except BaseException:
            meeting.id, meeting.decisions = kept
            raise

    @one_transaction
    def _decide(self, meeting: Meeting, item_id: str, decision: str = "", handler_id: int | None = None,
                due: date | None = None, action: str = "", result: str = "", feedback: str = "",
                satisfaction: str = "", office: str = "") -> Meeting:
        """:meth:`decide` inside its transaction."""
        if action not in MEETING_ACTIONS:
            raise ValidationError("action", f"处理方式应为：{'、'.join(a for a in MEETING_ACTIONS if a)}")
        decision = validate_text(decision, "decision", "议定意见", CONTENT_MAX, True)
        if action != "办结" and (feedback.strip() or satisfaction):
            # Typed but not used: say so rather than drop what the cadre wrote.
            raise ValidationError("feedback" if feedback.strip() else "satisfaction",
                                  "群众意见和满意度只在办结时填写；不办结请清空，或处理方式选「办结」")
        item, day = self.ledger_item(item_id), meeting.day
        if action == "指定承办人":
            if handler_id is None:
                raise ValidationError("handler_id", "请选择承办人")
            item.handler_id = handler_id
            item = self.save_ledger_item(item)
            if item.status == "受理":
                item = self.set_ledger_status(item_id, "办理中", "分析会指定承办人", day)
        elif action == "改期限":
            if due is None or due < item.day:
                raise ValidationError("due", "请填写不早于登记日期的新期限")
            item.due = due
            self.save_ledger_item(item)
        elif action.startswith("上报"):
            self.escalate(item_id, action[2:], day, office)
        elif action == "办结":
            self.close_item(item_id, result or decision, feedback, satisfaction, day)
        entry = MeetingDecision(item_id, decision, handler_id, due, action)
        meeting.decisions = [d for d in meeting.decisions if d.item_id != item_id] + [entry]
        saved = self.save_meeting(meeting)
        meeting.id = saved.id
        return saved

    @one_transaction
    def escalate_after_meeting(self, meeting: Meeting, item_ids: list[str], decision: str = "") -> Meeting:
        """Escalate several items still open after the meeting one level each, in one step.

        One transaction: every item is escalated and the meeting saved with its decisions, or (when one
        fails) none is, and the meeting given is left as it was.

        Returns:
            The saved meeting.
        """
        meeting = _copy(meeting)
        for item_id in item_ids:
            item = self.ledger_item(item_id)
            target = L.next_level(item)
            if not item.is_open or target is None:
                continue
            meeting = self.decide(meeting, item_id, decision or f"村级难以解决，报送{target}", action=f"上报{target}")
        return meeting

    # -- rules ------------------------------------------------------------

    def ledger_month_findings(self, year: int, month: int) -> list[Finding]:
        """R9 (the month's meeting) and R10 (items overdue at the month's end) for a month."""
        agenda = self._agenda(year, month, _stored)  # only its number of items is used: nothing copied
        findings = [r9_month(year, month, self.meeting_for_month(year, month), len(agenda.items), self._ctx.today)]
        findings += r10_month(year, month, self.judged_items(year), self._ctx.today)
        return findings

    def ledger_satisfaction_findings(self, year: int, month: int) -> list[Finding]:
        """R15 (ledger part): items closed in the month record the resident's satisfaction."""
        first, last = month_bounds(year, month)
        return r15_ledger(self.judged_items(year), first, last)

