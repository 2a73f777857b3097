"""F11 上报与导入: export the data folder to a USB stick for the township, with a progress bar.

The export runs in a worker thread (a slow stick must not freeze the screen);
the copy is read back and verified, and the result is shown in plain Chinese.
After a verified export the months before this one are locked.

The screen is built from sections (:meth:`compose_sections`): the export, the
Excel reports, and the spreadsheet import (which opens :class:`ImportScreen`).
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, ProgressBar, Select, Static

from village_tui.domain import dates
from village_tui.domain.error_words import error_words, os_reason
from village_tui.domain.errors import DomainError
from village_tui.domain.os_errors import error_text
from village_tui.widgets.cjk_static import CjkStatic
from village_tui.widgets.forms.field import FormField
from village_tui.widgets.inert_text import Text
from village_tui.screens.base import ServiceAccess

MASKED, UNMASKED = "masked", "unmasked"
MASK_CHOICES = [("遮盖个人信息（推荐）", MASKED), ("不遮盖：完整身份证号和电话", UNMASKED)]
WRITE_ADVICE = "请检查U盘是否插好、是否已满或被写保护；换一个U盘或重新插好后再导出。"


def is_folder(path: Path) -> bool:
    """True for an existing folder; False also when the system refuses the name (too long, bad characters)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


class ExchangeScreen(ServiceAccess, Screen):
    """Export to a USB stick, Excel reports, and import from spreadsheets."""

    CSS_PATH = "exchange.tcss"
    # priority: the destination Input would take Ctrl+E as "cursor to the end"
    BINDINGS = [Binding("ctrl+e", "export", "导出", priority=True), Binding("ctrl+r", "report", "报表"),
                Binding("ctrl+o", "import_sheet", "导入表格"),
                # Not in the footer (cut at 80 columns): its button 「打印公示 Ctrl+G」 names the key.
                Binding("ctrl+g", "print_notice", "打印公示", show=False)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box"):
            yield Static("上报与导入", classes="form-title")
            yield from self.compose_sections()

    def compose_sections(self) -> ComposeResult:
        """The screen's sections, top to bottom (extend this to add one)."""
        yield from self.compose_export()
        yield from self.compose_report()
        yield from self.compose_import()

    def compose_export(self) -> ComposeResult:
        """The export section: where to, masked or not, the button, the progress and the result."""
        with Vertical(id="export-section", classes="exchange-section"):
            yield Static("导出U盘上报乡镇", classes="section-title")
            yield Static("", id="export-info", classes="hint")
            yield FormField("导出到", Input(placeholder="U盘所在位置，如 E:\\ 或 /media/usb", id="export-dest"),
                            "dest")
            yield FormField("个人信息", Select(MASK_CHOICES, value=MASKED, allow_blank=False, id="export-mask"),
                            "mask")
            with Horizontal(classes="buttons"):
                yield Button("导出并校验 Ctrl+E", id="export-start", variant="primary")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static("", id="export-step", classes="status-line")
            yield Static("", id="export-result")

    def compose_report(self) -> ComposeResult:
        """The report section: the monthly report or the yearly assessment as an Excel file."""
        with Vertical(id="report-section", classes="exchange-section"):
            yield Static("Excel报表", classes="section-title")
            yield FormField("期间", Input(placeholder="月报如 2026-10，年度考核如 2026", id="report-period"), "period")
            yield FormField("保存为", Input(placeholder="如 D:\\报表\\10月月报.xlsx", id="report-file"), "file")
            with Horizontal(classes="buttons"):
                yield Button("生成报表 Ctrl+R", id="report-start")
                yield Button("打印公示 Ctrl+G", id="notice-start")
            yield Static("", id="report-result")

    def compose_import(self) -> ComposeResult:
        """The import section: a button to the import screen (preview, problems, confirm)."""
        with Vertical(id="import-section", classes="exchange-section"):
            yield Static("从表格导入", classes="section-title")
            yield CjkStatic("导入干部、农户、值班、走访、帮扶、民情等表格（Excel/WPS 的 .xlsx 或 CSV）。\n"
                         "乡镇发回的回复包（回复-乡镇-村-日期-时间 文件夹）也在这里导入，答复登记到对应事项。\n"
                         "先检查全部行并预览，确认后才写入。", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("导入表格 Ctrl+O", id="import-open")

    def on_mount(self) -> None:
        self._show_info()

    def _show_info(self) -> None:
        service = self.service
        settings = service.settings()
        lines = [f"村：{settings.name}    数据文件夹：{service.folder.display_path()}",
                 "导出全部数据文件、清单（含校验码）和今年的Excel台账，并自动读回校验。"]
        if settings.locked_before is not None:
            lines.append(f"已上报锁定：{dates.format_cn(settings.locked_before)}以前的记录（更正需填写原因）")
        if service.readonly:
            lines.append(f"注意：{service.readonly_reason}。仍可导出，但清单会注明导出时未锁定数据文件夹。")
        self.query_one("#export-info", Static).update(Text("\n".join(lines)))

    def _say(self, line_id: str, text) -> Static:
        """Show ``text`` on the status line ``#line_id``; an empty line takes no room on the screen."""
        line = self.query_one(f"#{line_id}", Static)
        line.update(text)
        line.display = bool(str(text))
        return line

    @on(Button.Pressed, "#export-start")
    @on(Input.Submitted, "#export-dest")
    def _export_asked(self, event: Button.Pressed | Input.Submitted) -> None:
        event.stop()
        self.action_export()

    @on(Button.Pressed, "#report-start")
    @on(Input.Submitted, "#report-period, #report-file")
    def _report_asked(self, event: Button.Pressed | Input.Submitted) -> None:
        event.stop()
        self.action_report()

    @on(Button.Pressed, "#notice-start")
    def _notice_asked(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_print_notice()

    @on(Button.Pressed, "#import-open")
    def _import_asked(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_import_sheet()

    def action_export(self) -> None:
        """Check the destination and start the export in a worker."""
        field = next(f for f in self.query(FormField) if f.name == "dest")
        dest_text = self.query_one("#export-dest", Input).value.strip()
        if not dest_text:
            field.set_error("请填写导出到哪里（U盘所在位置）", focus=True)
            return
        if self.query_one("#export-start", Button).disabled:
            return  # an export is running
        dest = Path(dest_text)
        if not is_folder(dest):
            field.set_error(f"找不到这个位置：{dest_text}。{WRITE_ADVICE}", focus=True)
            return
        field.set_error(None)
        masked = self.query_one("#export-mask", Select).value != UNMASKED
        self.query_one("#export-start", Button).disabled = True
        self._say("export-result", "")
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.add_class("-running")
        self.run_export(dest, masked)

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, dest: Path, masked: bool) -> None:
        """Copy, mask, write the workbook and the manifest, verify (in a thread)."""
        from village_tui.exchange.export import export_village

        service = self.service

        def progress(done: int, total: int, label: str) -> None:
            self.app.call_from_thread(self._progress, done, total, label)

        try:
            result = export_village(service, dest, masked=masked, progress=progress)
        except OSError as error:
            self.app.call_from_thread(self._failed, f"写入U盘失败（{os_reason(error)}）。{WRITE_ADVICE}")
        except (DomainError, ValueError) as error:
            self.app.call_from_thread(self._failed, f"导出失败：{error_words(error)}")
        else:
            self.app.call_from_thread(self._finished, result)

    def _progress(self, done: int, total: int, label: str) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=total, progress=done)
        self._say("export-step", Text(label))

    def _failed(self, message: str) -> None:
        self.query_one("#export-start", Button).disabled = False
        self._say("export-result", Text(message, style="bold red"))

    def _finished(self, result) -> None:
        """Show the verification; lock the months before this one when the copy is good."""
        from village_tui.exchange.export import lock_period

        service = self.service
        lines = result.lines()
        if result.verify.ok:
            try:
                locked = lock_period(service, service.today)
            except (DomainError, OSError) as error:
                lines.append(f"注意：未能锁定已上报的月份：{error_text(error)}")
            else:
                if locked is not None:
                    lines.append(f"已锁定{dates.format_cn(locked)}以前的记录；以后更正需要填写原因。")
        style = "" if result.verify.ok else "bold red"
        shown = self._say("export-result", Text("\n".join(lines), style=style))
        self.call_after_refresh(shown.scroll_visible)
        self.query_one("#export-start", Button).disabled = False
        self._show_info()
        self.notify("导出完成，校验通过" if result.verify.ok else "导出的副本校验失败，请重新导出",
                    severity="information" if result.verify.ok else "error")

    def action_import_sheet(self) -> None:
        """Open the spreadsheet import (导入表格); each area reads the imported records when shown."""
        from village_tui.screens.exchange.import_screen import ImportScreen

        self.app.push_screen(ImportScreen())

    # -- reports -------------------------------------------------------------

    def action_report(self) -> None:
        """Check the period and the file name, then write the report in a worker."""
        fields = {f.name: f for f in self.query(FormField)}
        period = self.query_one("#report-period", Input).value.strip()
        target = self.query_one("#report-file", Input).value.strip()
        try:
            if period.isdigit() and len(period) == 4:
                year, month = int(period), None
            else:
                year, month = dates.parse_month(period, "period")
        except DomainError:
            fields["period"].set_error("请写成 2026-10（月报）或 2026（年度考核）", focus=True)
            return
        fields["period"].set_error(None)
        if not target:
            fields["file"].set_error("请填写报表保存到哪个文件", focus=True)
            return
        if any(ord(c) < 32 for c in target):
            fields["file"].set_error("文件名里有不能用的控制字符，请重新输入", focus=True)
            return
        path = Path(target if target.lower().endswith(".xlsx") else target + ".xlsx")
        if not is_folder(path.parent):
            fields["file"].set_error(f"找不到文件夹：{path.parent}", focus=True)
            return
        fields["file"].set_error(None)
        self.query_one("#report-start", Button).disabled = True
        self._say("report-result", "正在生成……")
        self.write_report(year, month, path)

    def action_print_notice(self) -> None:
        """打印公示: the 村务公示 of the period typed (last month when empty) as a page opened to print."""
        field = next(f for f in self.query(FormField) if f.name == "period")
        period = self.query_one("#report-period", Input).value.strip()
        if not period:
            today = self.service.today
            year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
            period = f"{year}-{month:02d}"
        month_or_none: int | None = None
        try:
            if period.isdigit() and len(period) == 4:
                year = int(period)
            else:
                year, month_or_none = dates.parse_month(period, "period")
        except DomainError:
            field.set_error("请写成 2026-10（月度公示）或 2026（年度公示）；空着为上个月", focus=True)
            return
        field.set_error(None)
        self.query_one("#notice-start", Button).disabled = True
        self._say("report-result", "正在生成公示……")
        self.build_notice(year, month_or_none)

    @work(thread=True, exclusive=True, group="notice")
    def build_notice(self, year: int, month: int | None) -> None:
        """Build the notice's page in a thread (it reads the whole period), then write and open it."""
        from village_tui.exchange.notice_html import notice_html
        from village_tui.exchange.workbooks import village_notice

        kind = f"{year}年{month}月" if month else f"{year}年度"
        try:
            html = notice_html(village_notice(self.service, year, month))
        except DomainError as error:
            self.app.call_from_thread(self._notice_done, kind, None, Text(str(error), style="bold red"))
            return
        self.app.call_from_thread(self._notice_done, kind, html, None)

    def _notice_done(self, kind: str, html: str | None, problem: Text | None) -> None:
        from village_tui.screens.printing import print_page

        self.query_one("#notice-start", Button).disabled = False
        if html is None:
            self._say("report-result", problem or "")
            return
        path = print_page(self, f"村务公示-{kind}.html", html, f"{kind}村务公示")
        if path is not None:
            self._say("report-result", Text(f"已生成{kind}村务公示（A4，可用浏览器打印）：{path}"))

    @work(thread=True, exclusive=True, group="report")
    def write_report(self, year: int, month: int | None, path: Path) -> None:
        """Build the workbook with its charts and save it (in a thread: openpyxl is slow on old machines)."""
        from village_tui.exchange.workbooks import write_report

        service = self.service
        try:
            write_report(service, year, month, path)
        except OSError as error:
            message = Text(f"不能写入 {path}（{os_reason(error)}）；如果文件正在 Excel/WPS 中打开，请先关闭",
                           style="bold red")
        except DomainError as error:
            message = Text(str(error), style="bold red")
        else:
            kind = f"{year}年{month}月月报" if month else f"{year}年度考核"
            message = Text(f"已生成{kind}：{path}")
        self.app.call_from_thread(self._report_done, message)

    def _report_done(self, message: Text) -> None:
        self.query_one("#report-start", Button).disabled = False
        shown = self._say("report-result", message)
        self.call_after_refresh(shown.scroll_visible)
