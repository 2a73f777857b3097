"""导入表格: choose a spreadsheet, see what it would add and change and its problems, then confirm.

The same screen applies a township's (or county's) reply package from the stick, as
``village-tui import PACKAGE`` does: a preview of each reply it will record, then Ctrl+S.

The file is read and checked in a worker thread (a workbook of thousands of rows
takes a moment); nothing is written until the user confirms, and then only when
every row is good or bad rows are to be skipped.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Select, Static

from village_tui.domain.error_words import error_words
from village_tui.domain.errors import DomainError
from village_tui.domain.os_errors import error_text
from village_tui.widgets.inert_text import Text
from village_tui.widgets.lists.fitted_table import Col, FittedTable
from village_tui.screens.base import ServiceAccess
from village_tui.screens.exchange.reply_preview import ReplyPreview, is_reply_package, preview_package

ALL_OR_NOTHING, SKIP_BAD = "all", "skip"
MODE_CHOICES = [("全部无误才导入", ALL_OR_NOTHING), ("跳过有问题的行，其余导入", SKIP_BAD)]
PROBLEM_COLUMNS = (Col("表"), Col("行"), Col("列", flex=True, min_width=4), Col("问题", flex=True, min_width=16))
REPLY_COLUMNS = (Col("编号"), Col("类别", drop=2), Col("来自"), Col("答复", flex=True, min_width=12),
                 Col("日期", drop=1), Col("签发人"))
KIND_CHOICES = [(k, k) for k in ("干部", "农户", "特殊时期", "值班", "走访", "帮扶", "民情", "分析会")]


def count_line(plan) -> str:
    """What the plan adds and changes per kind, in one paragraph (one line per kind would not fit 80x24)."""
    parts = []
    for kind in plan.kinds.values():
        counts = [f"新增{kind.adds}条"]
        counts += [f"更新{len(kind.update)}条"] if kind.update else []
        counts += [f"不变{kind.unchanged}条"] if kind.unchanged else []
        counts += [f"有问题{len(kind.bad_rows)}行"] if kind.bad_rows else []
        parts.append(f"{kind.name}：{'，'.join(counts)}")
    return "；".join(parts)


class ImportScreen(ServiceAccess, Screen[bool]):
    """Import a .xlsx workbook or a .csv file into the open village; dismisses True after an import.

    Args:
        village: ``(村名, 乡镇, 县)`` for a folder with no village yet (typed in the first-run
            setup); without it such a folder needs a sheet named 村 in the workbook.
    """

    CSS_PATH = "import_screen.tcss"
    # Its own Esc: opened from the first-run setup there is no operator yet, and the app's Esc waits for one.
    BINDINGS = [Binding("ctrl+s", "confirm", "确认导入", priority=True), Binding("escape", "close", "返回")]

    def __init__(self, village: tuple[str, str, str] | None = None) -> None:
        super().__init__()
        self.plan = None
        self.preview: ReplyPreview | None = None
        self._path: Path | None = None
        self._village = village

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box"):
            yield Static("导入表格（.xlsx 工作簿或 .csv 文件；可先用 village-tui template 生成模板）"
                         "或乡镇的回复包文件夹",
                         classes="form-title")
            with Horizontal(classes="import-row"):
                yield Static("文件", classes="import-label")
                yield Input(placeholder="文件位置，如 /media/usb/台账.xlsx，回车检查", id="import-path")
            with Horizontal(classes="import-row"):
                yield Static("CSV种类", classes="import-label")
                yield Select(KIND_CHOICES, prompt="按文件名判断", id="import-kind")
                yield Select(MODE_CHOICES, value=ALL_OR_NOTHING, allow_blank=False, id="import-mode")
            yield Static("输入文件位置后按回车，先检查全部行，不会写入。", id="import-summary")
            yield FittedTable(PROBLEM_COLUMNS, cursor_type="row", zebra_stripes=True, id="import-problems")
            yield FittedTable(REPLY_COLUMNS, cursor_type="row", zebra_stripes=True, id="import-replies")
            with Horizontal(classes="buttons"):
                yield Button("检查", id="import-check")
                yield Button("确认导入 Ctrl+S", id="import-confirm", variant="primary", disabled=True)

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()
        if self._village is None and not self.service.is_set_up():
            self._show_summary("本村还没有设置：工作簿里要有一张名为「村」的表（列：村名、乡镇、县，第二行填写），"
                               "或按 Esc 回到首次设置，先填写村名、乡镇、县再导入。")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_check()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()  # no button of this screen reaches the screen below

    @on(Button.Pressed, "#import-check")
    def _check_pressed(self) -> None:
        self.action_check()

    @on(Button.Pressed, "#import-confirm")
    def _confirm_pressed(self) -> None:
        self.action_confirm()

    @on(Select.Changed, "#import-mode")
    def _mode_changed(self) -> None:
        self._update_confirm()

    def action_check(self) -> None:
        """Read and check the file in a worker thread."""
        text = self.query_one("#import-path", Input).value.strip().strip("\"'")
        if not text:
            self._show_summary("请填写要导入的文件位置")
            return
        kind = self.query_one("#import-kind", Select).value
        self.plan, self.preview, self._path = None, None, Path(text).expanduser()
        self._update_confirm()
        self._show_summary("正在读取和检查……")
        if is_reply_package(self._path):
            self._check_package(self._path)
        else:
            self._check(self._path, kind if isinstance(kind, str) else None)

    @work(thread=True, exclusive=True, group="import-check")
    def _check_package(self, path: Path) -> None:
        try:
            preview = preview_package(self.service, path)
        except (DomainError, OSError) as error:
            self.app.call_from_thread(self._failed, error_text(error))
            return
        self.app.call_from_thread(self._show_preview, preview)

    def _show_preview(self, preview: ReplyPreview) -> None:
        self.preview = preview
        self._show_replies(True)
        table = self.query_one("#import-replies", FittedTable)
        table.clear()
        for row in ([] if preview.refused else preview.rows):
            table.add_row(*(Text(cell) for cell in row))
        if preview.refused:
            self._show_summary(f"不能导入这个回复包：{preview.refused}。没有写入任何数据。")
        else:
            self._show_summary("\n".join(preview.lines))
        self._update_confirm()

    @work(thread=True, exclusive=True, group="import-check")
    def _check(self, path: Path, kind: str | None) -> None:
        from village_tui.imports import plan_file

        try:
            plan = plan_file(self.service, path, kind, self._village)
        except DomainError as error:
            self.app.call_from_thread(self._failed, error_words(error))
            return
        self.app.call_from_thread(self._show_plan, plan)

    def _show_replies(self, package: bool) -> None:
        """The replies' table for a reply package, the problems' table for a spreadsheet."""
        self.query_one("#import-replies").display = package
        self.query_one("#import-problems").display = not package

    def _failed(self, message: str) -> None:
        self._show_replies(False)
        self.query_one("#import-problems", DataTable).clear()
        self._show_summary(f"不能读取：{message}")

    def _show_plan(self, plan) -> None:
        self.plan = plan
        lines = [count_line(plan) or "文件里没有可导入的行"]
        lines += [f"说明：{n}" for n in plan.notes[:3]]
        if len(plan.notes) > 3:
            lines.append(f"说明：还有 {len(plan.notes) - 3} 条")
        if plan.problems:
            lines.append(f"发现 {len(plan.problems)} 处问题（见下表）；改正后重新检查，或选择跳过有问题的行。")
        elif plan.empty:
            lines.append("没有需要新增或更新的记录（可能已经导入过）。")
        else:
            lines.append("全部行无误，按 Ctrl+S 确认导入。")
        self._show_summary("\n".join(lines))
        self._show_replies(False)
        table = self.query_one("#import-problems", DataTable)
        table.clear()
        for problem in plan.problems:
            table.add_row(Text(problem.sheet), str(problem.row or ""), Text(problem.column), Text(problem.message))
        self._update_confirm()

    def _show_summary(self, text: str) -> None:
        self.query_one("#import-summary", Static).update(Text(text))

    def _skip_bad(self) -> bool:
        return self.query_one("#import-mode", Select).value == SKIP_BAD

    def _ready(self) -> bool:
        if self.preview is not None:
            return self.preview.ready and not self.preview.refused
        plan = self.plan
        if plan is None or plan.empty or any(p.row == 0 for p in plan.problems):
            return False
        return plan.ok or self._skip_bad()

    def _update_confirm(self) -> None:
        self.query_one("#import-confirm", Button).disabled = not self._ready()

    def action_confirm(self) -> None:
        """Write the checked plan (all rows, or the good ones when skipping)."""
        service = self.service
        if self.preview is not None:
            self._apply_package(self.preview)
            return
        plan, path = self.plan, self._path
        if not self._ready() or plan is None or path is None:
            self.notify("请先检查文件；有问题时改正，或选择跳过有问题的行", severity="warning")
            return
        if service.readonly:
            self.notify(f"只读：{service.readonly_reason}。不能导入。", severity="error")
            return
        from village_tui.imports import apply_plan

        try:
            result = apply_plan(service, plan, skip_bad=self._skip_bad(), source=path,
                                note=f"表格导入 {path.name}")
        except (DomainError, OSError) as error:
            self.notify(f"导入失败：{error_text(error)}", severity="error", timeout=20)
            return
        lines = [f"已导入：{result.summary()}"]
        lines += [f"有问题的行已另存到：{p}" for p in result.bad_rows_files]
        self.notify("\n".join(lines), timeout=10)
        self.dismiss(True)

    def _apply_package(self, preview: ReplyPreview) -> None:
        """Record the previewed package's replies, audited under the signed-in cadre (all or nothing)."""
        service = self.service
        if not self._ready():
            self.notify("这个回复包没有可登记的答复", severity="warning")
            return
        if service.readonly:
            self.notify(f"只读：{service.readonly_reason}。不能导入。", severity="error")
            return
        from village_tui.exchange.township.apply import apply_package

        try:
            result = apply_package(service, preview.package, service.operator_name)
        except (DomainError, OSError) as error:
            self.preview = None
            self._update_confirm()
            self._show_summary(f"没有导入：{error_text(error)}")
            self.notify(f"没有导入：{error_text(error)}", severity="error", timeout=20)
            return
        self.notify("\n".join(result.lines()), timeout=10)
        self.dismiss(True)

    def action_close(self) -> None:
        """Go back without importing."""
        self.dismiss(False)
