"""F1 帮助 on the township desk: what each key does, in the words of the footers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HELP_TEXT = """乡镇民情处理站工作台 帮助

F2 待办事项：各村上报到本乡镇的事项，等待最久的在前。
  绿色：期限内；黄色：剩余时间不到四分之一；红色：已超期。
  / 查找（村名、编号、类别、内容或状态），回车回到列表。
  回车 事项详情：村里的记录和乡镇的办理。
  r 答复  c 办结  b 退回村里  e 延期  u 上报县
  各填一张表，Ctrl+S 保存；办结、退回、上报县保存前再问一次。
  o 重开：办理错了，写明原因后重新打开（记入操作记录）。
F3 村情审阅：填写各村导出所在的文件夹和月份（默认上个月，
  如 2026-10 或 2026年10月），回车审阅；在表中按 [ 看上个月，
  ] 看下个月（还没有开始的月份不能审阅）；
  回车查看该村（只读），在村里按 Esc 回来。
答复用 village-tui township send 写成各村的回复包。
Esc 返回  Ctrl+Q 退出"""


class DeskHelp(ModalScreen[None]):
    """The desk's keys, in Chinese; Esc or F1 closes it."""

    BINDINGS = [Binding("escape,f1", "dismiss", "关闭")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(HELP_TEXT)
