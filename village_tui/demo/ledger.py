"""Demo 民情台账 (R9, R10, R15): items from visits and other sources, escalations with replies,
and the monthly 民情分析会 that discusses the open items.

Every item's story is drawn whole and then cut at "today", so nothing lies in the
future. Shortfalls kept on purpose: some items never get done (overdue), one
month in the data has no meeting, and a few more months on the large village.
"""

from __future__ import annotations

from datetime import date, timedelta

from village_tui.demo.context import DemoContext, assign_ids
from village_tui.demo.texts import (COUNTY_OFFICE, COUNTY_REPLIES, CROPS, FEEDBACK, MEETING_DECISIONS, REQUESTS,
                                    RESULTS, TOWNSHIP_OFFICE, TOWNSHIP_REPLIES)
from village_tui.domain.models import Escalation, LedgerItem, Meeting, MeetingDecision, StatusChange, Visit

_WAY_SOURCE = {"入户": "走访", "电话": "电话", "来访": "来访"}
MAX_DISCUSSED = 8


class LedgerMaker:
    """Makes one year of ledger items and meetings; open items carry over to the next year."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.by_id = {h.id: h for h in ctx.households}
        self.skipped_month = ((ctx.until - timedelta(days=95)).year, (ctx.until - timedelta(days=95)).month)

    def year(self, year: int, visits: list[Visit], categories: dict[int, str]) -> tuple[list[LedgerItem], list[Meeting]]:
        """The items and meetings of ``year``; visits that raised a request get linked to their item."""
        ctx, rng = self.ctx, self.ctx.rng
        raised: list[tuple[LedgerItem, Visit | None]] = []
        for visit in visits:
            category = categories.get(id(visit))
            if category is not None:
                raised.append((self._item(visit.day, _WAY_SOURCE[visit.way], category, visit.requests,
                                          visit.household_id), visit))
        first, last = ctx.window(year)
        for _ in range(((last - first).days + 1) // 7):
            category = rng.choice(list(REQUESTS))
            household = rng.choice(ctx.households)
            content = rng.choice(REQUESTS[category]).format(crop=rng.choice(CROPS), group=household.group)
            source = rng.choice(("收集点", "电话", "来访", "分析会"))
            raised.append((self._item(ctx.random_day(first, last), source, category, content, household.id), None))
        raised.sort(key=lambda pair: pair[0].day)
        items = [item for item, _ in raised]
        assign_ids(items, year)
        for item, visit in raised:
            if visit is not None:
                item.visit_id, visit.ledger_item_id = visit.id, item.id
        meetings = self._meetings(year, items)
        year_end = date(year, 12, 31)
        self.ctx.open_items = [entry for entry in self.ctx.open_items + [
            (i.id, i.day, i.closed_day, i.handler_id, i.due) for i in items if not i.cancelled]
            if entry[2] is None or entry[2] > year_end]
        return items, meetings

    def _item(self, day: date, source: str, category: str, content: str, household_id: int) -> LedgerItem:
        ctx, rng = self.ctx, self.ctx.rng
        household = self.by_id[household_id]
        handler = ctx.area_cadre(household.group_on(day), day) or rng.choice(ctx.active(day))
        due = day + timedelta(days=ctx.settings.category_due_days.get(category, 30))
        item = LedgerItem(day=day, source=source, category=category, content=content, household_id=household_id,
                          reporter=household.head, handler_id=handler.id, due=due,
                          sensitive=category == "矛盾纠纷" or "信访重点户" in household.needs)
        events = [StatusChange(day, "受理", "登记入账")]
        roll = rng.random()
        if roll < 0.005:
            item.cancelled, item.cancel_reason = True, "重复登记，已并入同一事项"
            return item
        if roll < 0.02:
            events.append(StatusChange(day + timedelta(days=rng.randint(1, 5)), "退回", "不属于村级受理范围，已告知向有关部门反映"))
            return self._cut(item, events, None, category)
        work = day + timedelta(days=rng.randint(1, 3))
        events.append(StatusChange(work, "办理中", "责任干部开始办理"))
        ready = work
        if rng.random() < 0.15:
            ready = self._escalate(item, work)
        if roll > 0.985 and ((self.ctx.until - day).days < 240 or rng.random() < 0.05):
            closed = None  # stuck: overdue once the due date passes (mostly recent items)
        elif roll > 0.985:
            closed = max(ready, due) + timedelta(days=rng.randint(60, 180))
        elif rng.random() < 0.88:
            closed = max(ready, day) + timedelta(days=rng.randint(2, max(3, (due - day).days)))
        else:
            closed = max(ready, due) + timedelta(days=rng.randint(3, 60))
        return self._cut(item, events, closed, category)

    def _escalate(self, item: LedgerItem, day: date) -> date:
        """Send the item to the township, sometimes on to the county; returns the day of the last reply."""
        rng = self.ctx.rng
        sent = day + timedelta(days=rng.randint(2, 10))
        reply = sent + timedelta(days=rng.randint(5, 20))
        item.escalations.append(Escalation("乡镇", sent, TOWNSHIP_OFFICE, rng.choice(TOWNSHIP_REPLIES), reply))
        if rng.random() < 0.3:
            sent = reply + timedelta(days=rng.randint(3, 10))
            reply = sent + timedelta(days=rng.randint(10, 30))
            item.escalations.append(Escalation("县", sent, COUNTY_OFFICE, rng.choice(COUNTY_REPLIES), reply))
        item.due = max(item.due, reply + timedelta(days=15))
        return reply

    def _cut(self, item: LedgerItem, events: list[StatusChange], closed: date | None, category: str) -> LedgerItem:
        """Keep only what happened by "today"."""
        rng, until = self.ctx.rng, self.ctx.until
        satisfaction = rng.choices(("满意", "基本满意", "不满意"), (75, 20, 5))[0]
        if closed is not None:
            events.append(StatusChange(closed, "已办结", "办结并回访"))
        item.history = [e for e in events if e.day <= until]
        item.status = item.history[-1].status
        kept = []
        for step in item.escalations:
            if step.day > until:
                break
            if step.reply_day is not None and step.reply_day > until:
                step.reply, step.reply_day = "", None
            kept.append(step)
        item.escalations = kept
        item.level = kept[-1].level if kept else "村"
        if item.status == "已办结":
            item.closed_day = closed
            item.result = RESULTS[category]
            item.satisfaction = satisfaction
            item.feedback = FEEDBACK[3] if satisfaction == "不满意" else rng.choice(FEEDBACK[:3])
        elif item.status == "退回":
            item.closed_day = item.history[-1].day
            item.result = item.history[-1].note
        if item.closed_day is not None:
            item.handler_id = self.ctx.in_office_handler(item.handler_id, item.closed_day)
        return item

    def _meetings(self, year: int, items: list[LedgerItem]) -> list[Meeting]:
        ctx, rng = self.ctx, self.ctx.rng
        meetings = []
        for begin, end in ctx.months(year):
            day = date(year, begin.month, rng.randint(20, 28))
            if not begin <= day <= end or (year, begin.month) == self.skipped_month:
                continue
            if len(ctx.households) > 1000 and rng.random() < 0.03:
                continue
            open_now = [(i.id, i.handler_id, i.due) for i in items
                        if not i.cancelled and i.day <= day and (i.closed_day is None or i.closed_day > day)]
            open_now += [(e[0], e[3], e[4]) for e in ctx.open_items if e[2] is None or e[2] > day]
            open_now.sort(key=lambda e: e[2] or day)
            decisions = [MeetingDecision(item_id=item_id, decision=rng.choice(MEETING_DECISIONS), handler_id=handler,
                                         due=max(due, day + timedelta(days=7)) if due else None,
                                         action="下次分析会通报进展")
                         for item_id, handler, due in open_now[:MAX_DISCUSSED]]
            new = sum(begin <= i.day <= end for i in items)
            done = sum(i.closed_day is not None and begin <= i.closed_day <= end for i in items)
            attendees = [c.id for c in ctx.available(day)]
            meetings.append(Meeting(day=day, attendees=attendees, decisions=decisions,
                                    minutes=f"本月新受理民情{new}件，办结{done}件；研究未办结事项{len(decisions)}件，"
                                            "逐件明确责任人和办结时限。"))
        assign_ids(meetings, year)
        return meetings
