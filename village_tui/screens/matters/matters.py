"""F8 五事: matters going through 干群议事 → 集体定事 → 承诺干事 → 村民监事 → 考评亮事 (R14, R15)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from village_tui.domain.dates import format_cn
from village_tui.domain.matters import next_step, promised_date, promised_overdue, step_summary
from village_tui.domain.models import MATTER_STEPS, Matter
from village_tui.screens.matters.matter_forms import MatterForm, MatterStepForm
from village_tui.widgets.dialogs.reason import ReasonDialog
from village_tui.widgets.inert_text import Text
from village_tui.widgets.lists.fitted_table import Col, FittedTable
from village_tui.widgets.lists.paged_list import PagedListScreen
from village_tui.widgets.step_bar import StepBar
from village_tui.screens.base import RefreshOnChange, ServiceAccess

COLUMNS = (Col("编号"), Col("事项", flex=True, min_width=10), Col("类别", drop=1), Col("进度"), Col("下一步"),
           Col("承诺完成"), Col("提醒"))


class MattersScreen(RefreshOnChange, ServiceAccess, PagedListScreen):
    """The list of matters with a step bar; forms for a new matter and for its next step."""

    CSS_PATH = "matters.tcss"

    BINDINGS = [
        Binding("n", "new_matter", "新增五事"),
        Binding("s", "record_step", "记录下一步"),
        Binding("x", "cancel_matter", "作废"),
        Binding("u", "restore_matter", "恢复作废", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="count", classes="status-line")
        yield FittedTable(COLUMNS, cursor_type="row", zebra_stripes=True, id="matters")
        yield StepBar(MATTER_STEPS, id="bar")
        yield Static("", id="detail", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one("#matters", DataTable)
        self.reload()
        table.focus()

    # -- the list ----------------------------------------------------------

    UNIT = "件"
    SHOWS = ("matters",)

    def refresh_shown(self) -> None:
        current = self.current
        self.reload(keep_id=current.id if current is not None else None)

    def reload(self, keep_id: int | None = None) -> None:
        """Read the matters again and redraw the table, the cursor on matter ``keep_id`` when given."""
        self.mark_shown()
        service = self.service
        matters = service.matters()
        ids = [m.id for m in matters]
        self.show_record(ids.index(keep_id) if keep_id in ids else 0)
        late = sum(promised_overdue(m, service.today) for m in matters)
        note = f"，其中{late}件已过承诺期未考评" if late else ""
        self.query_one("#count", Static).update(f"{self.page_text()}{note}。n 新增  s 记录下一步  x 作废  u 恢复")
        self._show_current()

    def fetch(self, offset: int, limit: int) -> tuple[list[Matter], int]:
        matters = self.service.matters()
        return matters[offset:offset + limit], len(matters)

    def row(self, matter: Matter) -> tuple:
        promised = promised_date(matter)
        overdue = promised_overdue(matter, self.service.today)
        return (str(matter.id), Text(matter.title), Text(matter.category), f"{len(matter.steps)}/{len(MATTER_STEPS)}",
                next_step(matter) or "已完成", format_cn(promised) if promised else "",
                Text("已过承诺期", style="bold red") if overdue else "")

    def row_key(self, matter: Matter) -> str:
        return str(matter.id)

    def page_shown(self) -> None:
        self._show_current()

    def _show_current(self) -> None:
        matter = self.current
        bar = self.query_one("#bar", StepBar)
        detail = self.query_one("#detail", Static)
        if matter is None:
            bar.set_done(0)
            detail.update("还没有事项。按 n 新增。")
            return
        today = self.service.today
        bar.set_done(len(matter.steps), late=promised_overdue(matter, today))
        names = self.service.cadre_names()
        lines = [f"{s.step}：{step_summary(s, names)}" for s in matter.steps] or ["尚未记录任何步骤。按 s 记录干群议事。"]
        detail.update(Text("\n".join(lines)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_current()

    # -- actions -------------------------------------------------------------

    def action_new_matter(self) -> None:
        """Open the form for a new matter."""
        self.app.push_screen(MatterForm(), self._saved)

    def action_record_step(self) -> None:
        """Open the form for the next step of the matter under the cursor."""
        matter = self.current
        if matter is None:
            self.notify("请先选择一件事项", severity="warning")
            return
        if next_step(matter) is None:
            self.notify("五个步骤都已记录完毕", severity="information")
            return
        self.app.push_screen(MatterStepForm(matter), self._saved)

    def _saved(self, matter: Matter | None) -> None:
        if matter is not None:
            self.notify(f"已保存：{matter.title}")
            self.reload(keep_id=matter.id)
        self.query_one("#matters", DataTable).focus()

    def action_restore_matter(self) -> None:
        """Choose a voided matter and restore it, as a 更正 with a reason."""
        from village_tui.widgets.dialogs.restore import Ended, ask_restore

        service = self.service
        ended = [Ended(str(m.id), f"{m.id}  {m.title}  {m.cancel_reason}", f"恢复五事事项：{m.title}（更正）",
                       [f"编号：{m.id}", f"事项：{m.title}", f"类别：{m.category}", f"作废原因：{m.cancel_reason}"])
                 for m in service.matters(include_cancelled=True) if m.cancelled]

        def done(record) -> None:
            self.reload(keep_id=int(record.key))
            self.notify(f"已恢复五事事项 {record.key}（更正已记入操作记录）")

        ask_restore(self, "恢复哪一件已作废的五事事项？", ended,
                    lambda key, reason: service.restore_matter(int(key), reason), done, empty="（没有已作废的事项）")

    def action_cancel_matter(self) -> None:
        """Cancel the matter under the cursor, with a reason."""
        matter = self.current
        if matter is None:
            return
        service = self.service
        self.app.push_screen(ReasonDialog(f"作废五事事项：{matter.title}",
                                          lambda reason: service.cancel_matter(matter.id, reason),
                                          placeholder="如 并入其他项目", ask="作废原因", facts=[
                                              f"编号：{matter.id}", f"事项：{matter.title}", f"类别：{matter.category}",
                                              f"已记录：{len(matter.steps)} 步"]),
                             lambda ok: self.reload() if ok else None)
