"""F1 帮助: every key and what each rule R1-R16 of the county notice means."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from village_tui.domain.findings import CLAUSES, RULE_TITLES
from village_tui.screens.areas import ACTIONS, AREAS
from village_tui.widgets.chinese_keys import key_name
from village_tui.widgets.cjk_text import CjkText
from village_tui.widgets.inert_text import Text


def _keys_table(rows: list[tuple[str, str]]) -> Table:
    """Keys in one column and what they do in the next, so long lines wrap inside their column."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(overflow="fold")
    for key, what in rows:
        table.add_row(Text(key), CjkText(what))  # no line of it starts with 、 or ）
    return table


def screen_keys(screen: Screen) -> list[tuple[str, str]]:
    """Every key of a screen and of the village's own widgets on it, shown in the footer or not."""
    seen: dict[str, str] = {}
    classes = [type(screen), *(type(w) for w in screen.query("*") if type(w).__module__.startswith("village_tui"))]
    for cls in dict.fromkeys(classes):
        for base in cls.__mro__:
            # A class's own keys only: a village widget built on a Textual one inherits English descriptions.
            for binding in vars(base).get("BINDINGS", ()) if base.__module__.startswith("village_tui") else ():
                if isinstance(binding, Binding) and binding.description and binding.key not in seen:
                    seen[binding.key] = binding.description
    return [(key_name(key), what) for key, what in seen.items()]


def help_text(here: list[tuple[str, str]] | None = None, where: str = "") -> Group:
    """The help as plain text (no markup: names are shown as written).

    Args:
        here: The keys of the screen the help was opened from (the footer shows only some of them).
        where: That screen's name.
    """
    keys = []
    for area in AREAS:
        # Spaces between the rules: a line may break there, never inside one (「（R14、R1」 / 「5）」 at 80 columns).
        rules = f" （{' '.join(area.rules)}）" if area.rules else ""
        keys.append((key_name(area.key), f"{area.name}：{area.description}{rules}"))
    keys += [("Esc", "返回上一屏"), ("Ctrl+P", "命令面板：输入中文名、全拼或拼音首字母（如 xznh 或 xinzeng 找到新增农户，qj 找到请假）"),
             ("Ctrl+S", "在表单中保存"), ("Tab", "下一个输入项"), ("Ctrl+Q", "退出"),
             ("上下键", "在列表中移动，回车打开；各屏可用的键见最下一行")]
    parts: list[RenderableType] = []
    if here:
        parts += [Text(f"本屏按键{f'（{where}）' if where else ''}：最下一行放不下的也在这里", style="bold"),
                  _keys_table(here), Text("")]
    parts += [Text("按键", style="bold"), _keys_table(keys)]
    if ACTIONS:
        parts += [Text("\n常用操作（命令面板可找到）", style="bold"), CjkText("  " + "、".join(a.name for a in ACTIONS))]
    parts.append(Text("\n制度规则（田委组综〔2014〕31号）", style="bold"))
    parts.append(_keys_table([(rule, f"{title}（通知 {CLAUSES.get(rule, '')}）") for rule, title in RULE_TITLES.items()]))
    return Group(*parts)


class HelpScreen(Screen):
    """The help; Esc closes it."""

    def compose(self) -> ComposeResult:
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        here = screen_keys(below) if below is not None and below is not self else []
        where = next((a.name for a in AREAS if a.screen.endswith(":" + type(below).__name__)), "") if below else ""
        with VerticalScroll(classes="form-box"):
            yield Static(help_text(here, where))

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
