"""One item's detail: what the village sent (its own history of the item) and the township's answers so far."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from village_tui.domain import township as T
from village_tui.domain.models import TownshipItem
from village_tui.domain.safe_text import inert
from village_tui.domain.township_band import BAND_WORDS, deadline_band
from village_tui.screens.township.actions import ACTION_BINDINGS, DeskActions
from village_tui.screens.township.desk_header import DeskHeader
from village_tui.screens.township.naming import item_name
from village_tui.service.township_board import desk_steps
from village_tui.widgets.inert_text import Text
from village_tui.widgets.steady_footer import SteadyFooter


def village_record(item: TownshipItem) -> list[str]:
    """村里的记录: the village's history of the item and its escalations (with their replies), by day."""
    dated = [(c.day, f"{c.day.isoformat()}  {inert(c.status)}" + (f"：{inert(c.note)}" if c.note else ""))
             for c in item.history]
    for step in item.escalations:
        dated.append((step.day, f"{step.day.isoformat()}  上报{inert(step.level)}" +
                      (f"（{inert(step.office)}）" if step.office else "")))
        if step.reply:
            day = step.reply_day or step.day
            dated.append((day, f"{day.isoformat()}  收到{inert(step.level)}答复：{inert(step.reply)}" +
                          (f"（{inert(step.signer)}）" if step.signer else "")))
    return [line for _, line in sorted(dated, key=lambda pair: pair[0])]


class ItemDetailScreen(DeskActions):
    """The detail of one item; the action keys work here as in the list; Esc goes back.

    Args:
        item: The item shown.
    """

    CSS_PATH = "township.tcss"
    BINDINGS = ACTION_BINDINGS

    def __init__(self, item: TownshipItem) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        yield DeskHeader(id="desk-header")
        yield Static("", id="detail-title", classes="desk-title")
        body = VerticalScroll(id="detail-body")
        with body:
            yield Static("", id="detail-facts")
            yield Static("村里的记录", classes="desk-section")
            yield Static("", id="detail-village")
            yield Static("乡镇的办理", classes="desk-section")
            yield Static("", id="detail-desk")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#detail-body").focus()

    def show(self) -> None:
        """Draw the item as it is now."""
        item, desk = self.item, self.desk
        due_days = desk.settings().reply_due_days
        due = T.reply_due(item, due_days)
        band = deadline_band(item, due_days, desk.today)
        state = T.desk_state(item)
        self.query_one("#detail-title", Static).update(Text(f"事项详情：{item_name(item)}"))
        extended = f"（延期：{inert(item.extend_reason)}）" if item.extended_to else ""
        days = T.waiting_days(item, desk.today)
        if state.stopped is None:
            waited = f"已等待：{days} 天    {BAND_WORDS[band]}"
        else:
            late = (state.stopped - due).days
            waited = f"在乡镇等待了：{days} 天" + (f"（超过答复期限 {late} 天）" if late > 0 else "") + \
                f"    {BAND_WORDS[band]}"
        facts = [
            f"村：{inert(item.village)}    编号：{inert(item.item)}    类别：{inert(item.category)}",
            f"内容：{inert(item.content)}",
            f"村里登记：{item.village_day.isoformat()}    上报乡镇：{item.escalated_on.isoformat()}"
            f"    报送：{inert(item.office) or '（未写）'}",
            f"答复期限：{due.isoformat()}{extended}    {waited}",
            f"乡镇状态：{state.status}" + (f"（{state.forwarded.isoformat()} 转县" if state.forwarded else "") +
            (f"，{state.returned.isoformat()} 县退回乡镇办理，乡镇的期限从退回之日起算）" if state.returned
             else "）" if state.forwarded else "") +
            f"    村里状态：{inert(item.village_status) or '（未写）'}"
            f"    收到导出：{inert(item.export_time) or '（未写）'}",
        ]
        if state.reply and state.answered is not None:
            facts.append(f"乡镇的答复：{state.answered.isoformat()}  {inert(state.reply)}（来源：{state.source}）")
        self.query_one("#detail-facts", Static).update(Text("\n".join(facts)))
        self.query_one("#detail-village", Static).update(Text("\n".join(village_record(item))
                                                              or "（导出中没有该事项的记录）"))
        steps = [f"{s.time}  {inert(s.action)}（{inert(s.operator)}）" + (f"：{inert(s.text)}" if s.text else "")
                 for s in desk_steps(desk, item)]
        sent = "未发送，下次发送回复包时发给村里" if item.unsent else "已发回村里"
        if T.returned_waiting(item):
            steps.append(f"县退回后乡镇还没有答复（县里的退回{sent}）")
        elif item.reply:
            steps.append(f"现在的答复：{inert(item.reply)}（{sent}）")
        if item.forwarded:
            steps.append(f"{item.forwarded.isoformat()} 上报县：{inert(item.forward_note)}")
        self.query_one("#detail-desk", Static).update(Text("\n".join(steps) or "（还没有办理）"))

    def current_item(self) -> TownshipItem | None:
        return self.item

    def items_changed(self, saved: TownshipItem) -> None:
        self.item = saved
        self.show()
