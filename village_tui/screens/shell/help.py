"""F1 帮助: every key and what each rule R1-R16 of the county notice means."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from village_tui.domain.findings import CLAUSES, RULE_TITLES
from village_tui.screens.areas import ACTIONS, AREAS
from village_tui.widgets.inert_text import Text


def _keys_table(rows: list[tuple[str, str]]) -> Table:
    """Keys in one column and what they do in the next, so long lines wrap inside their column."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(overflow="fold")
    for key, what in rows:
        table.add_row(Text(key), Text(what))
    return table


def help_text() -> Group:
    """The help as plain text (no markup: names are shown as written)."""
    keys = []
    for area in AREAS:
        rules = f"（{'、'.join(area.rules)}）" if area.rules else ""
        keys.append((area.key.upper(), f"{area.name}：{area.description}{rules}"))
    keys += [("Esc", "返回上一屏"), ("Ctrl+P", "命令面板：输入中文名、全拼或拼音首字母（如 xznh 或 xinzeng 找到新增农户，qj 找到请假）"),
             ("Ctrl+S", "在表单中保存"), ("Tab", "下一个输入项"), ("Ctrl+Q", "退出"),
             ("上下键", "在列表中移动，回车打开；各屏可用的键见最下一行")]
    parts = [Text("按键", style="bold"), _keys_table(keys)]
    if ACTIONS:
        parts += [Text("\n常用操作（命令面板可找到）", style="bold"), Text("  " + "、".join(a.name for a in ACTIONS))]
    parts.append(Text("\n制度规则（田委组综〔2014〕31号）", style="bold"))
    parts.append(_keys_table([(rule, f"{title}（通知 {CLAUSES.get(rule, '')}）") for rule, title in RULE_TITLES.items()]))
    return Group(*parts)


class HelpScreen(Screen):
    """The help; Esc closes it."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box"):
            yield Static(help_text())

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
