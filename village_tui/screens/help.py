"""F1 帮助: every key and what each rule R1-R16 of the county notice means."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from village_tui.domain.findings import CLAUSES, RULE_TITLES
from village_tui.screens.areas import ACTIONS, AREAS


def help_text() -> Text:
    """The help as plain text (no markup: names are shown as written)."""
    text = Text()
    text.append("按键\n", style="bold")
    for area in AREAS:
        rules = f"（{'、'.join(area.rules)}）" if area.rules else ""
        text.append(f"  {area.key.upper():<4} {area.name}：{area.description}{rules}\n")
    text.append("  Esc  返回上一屏\n  Ctrl+P  命令面板：输入中文名或拼音首字母（如 xzh 新增农户）\n")
    text.append("  Ctrl+S  在表单中保存\n  Tab  下一个输入项    Ctrl+Q  退出\n")
    text.append("  列表中：上下键移动，回车打开，各屏可用的键见最下一行\n")
    if ACTIONS:
        text.append("\n常用操作（命令面板可找到）\n", style="bold")
        text.append("  " + "、".join(a.name for a in ACTIONS) + "\n")
    text.append("\n制度规则（田委组综〔2014〕31号）\n", style="bold")
    for rule, title in RULE_TITLES.items():
        text.append(f"  {rule:<4} {title}（通知 {CLAUSES.get(rule, '')}）\n")
    return text


class HelpScreen(Screen):
    """The help; Esc closes it."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box"):
            yield Static(help_text())

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
