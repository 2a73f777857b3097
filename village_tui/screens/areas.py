"""The registry of the app's areas (one per function key) and of the main actions.

The app builds its function-key bindings, the F1 help screen and the command
palette from :data:`AREAS` and :data:`ACTIONS`. A screen module is imported only
when its area is first opened. To add an area, append one :class:`Area` line
(and its :class:`PaletteAction` lines); keep one line per entry.

An area's screen is constructed with no arguments and reads ``self.service``.
The app adds the header and footer to every full screen that lacks them.
An action is an ``action_<name>`` method on that area's screen.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    """One area of the app, opened by a function key.

    Attributes:
        key: The function key, ``"f3"``.
        name: The Chinese name, ``"农户"``.
        screen: ``"module:Class"`` of the area's base screen.
        description: One Chinese sentence for the help screen and the command palette.
        rules: Rule ids the area covers (``"R1"`` ...), shown in the help.
    """

    key: str
    name: str
    screen: str
    description: str
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class PaletteAction:
    """A main action offered by the command palette.

    Attributes:
        name: The Chinese name, ``"新增农户"``.
        area: The key of the area whose screen runs it, ``"f3"``.
        action: The action name on that screen (``new_household`` runs ``action_new_household``).
    """

    name: str
    area: str
    action: str


AREAS: list[Area] = [
    Area("f1", "帮助", "village_tui.screens.shell.help:HelpScreen", "查看所有按键和每条制度规则的含义"),
    Area("f2", "首页", "village_tui.screens.home.home:HomeScreen", "今日值班、本月考核、超期事项、趋势", ("R1", "R2", "R3", "R5", "R6", "R7", "R9", "R10", "R11", "R12", "R13", "R16")),
    Area("f3", "农户", "village_tui.screens.households.households:HouseholdsScreen", "农户名册：查找、新增、修改、归档农户，查看农户档案", ("R5", "R7", "R8")),
    Area("f4", "值班", "village_tui.screens.duty.duty:DutyScreen", "值班表：排班、签到、特殊时期", ("R1", "R2", "R3", "R4")),
    Area("f5", "走访", "village_tui.screens.visits.visits:VisitsScreen", "入户走访登记、走访记录、走访任务", ("R5", "R6", "R7", "R8")),
    Area("f6", "结对", "village_tui.screens.pairing.pairing:PairingScreen", "结对帮扶与帮带：结对名单、年度走访矩阵", ("R11", "R12")),
    Area("f7", "民情台账", "village_tui.screens.ledger.ledger:LedgerScreen", "民情台账、逐级上报、每月民情分析会", ("R9", "R10", "R15")),
    Area("f8", "五事", "village_tui.screens.matters.matters:MattersScreen", "五事：干群议事、集体定事、承诺干事、村民监事、考评亮事", ("R14", "R15")),
    Area("f9", "便民服务", "village_tui.screens.desk.service_desk:ServiceDeskScreen", "便民服务室：受理、代办、回执", ("R13",)),
    Area("f10", "干部", "village_tui.screens.cadres.cadres:CadresScreen", "村干部名册：职务、任期、责任组、帮带能力、电话", ("R3", "R11")),
    Area("f11", "上报与导入", "village_tui.screens.exchange.exchange:ExchangeScreen", "导出U盘上报、校验、报表、导入表格", ("R16",)),
    Area("f12", "设置", "village_tui.screens.settings.settings:SettingsScreen", "村庄设置：村名、乡镇、县、村民小组、坐班或轮班", ("R4",)),
]

ACTIONS: list[PaletteAction] = [
    PaletteAction("年度考核", "f2", "assessment"),
    PaletteAction("刷新首页", "f2", "refresh"),
    PaletteAction("新增农户", "f3", "new_household"),
    PaletteAction("查找农户", "f3", "find_household"),
    PaletteAction("修改农户（所选）", "f3", "edit_household"),
    PaletteAction("归档农户（所选）", "f3", "archive_household"),
    PaletteAction("恢复已归档的农户", "f3", "unarchive_household"),
    PaletteAction("查看完整电话（所选）", "f3", "show_phone"),
    PaletteAction("排班", "f4", "roster"),
    PaletteAction("自动排班", "f4", "auto_fill"),
    PaletteAction("值班签到", "f4", "sign_in_duty"),
    PaletteAction("登记来访诉求", "f4", "receive_visitor"),
    PaletteAction("换班", "f4", "swap"),
    PaletteAction("新增特殊时期", "f4", "new_special_period"),
    PaletteAction("作废或恢复特殊时期", "f4", "special_periods"),
    PaletteAction("登记走访", "f5", "new_visit"),
    PaletteAction("走访记录", "f5", "visit_list"),
    PaletteAction("走访任务", "f5", "worklist"),
    PaletteAction("新增结对", "f6", "new_pairing"),
    PaletteAction("帮扶矩阵", "f6", "pairing_matrix"),
    PaletteAction("结对走访（所选）", "f6", "record_visit"),
    PaletteAction("结束结对（所选）", "f6", "end_pairing"),
    PaletteAction("作废结对（所选）", "f6", "cancel_pairing"),
    PaletteAction("恢复已结束或作废的结对", "f6", "restore_pairing"),
    PaletteAction("登记民情", "f7", "new_ledger_item"),
    PaletteAction("超期事项", "f7", "overdue_items"),
    PaletteAction("民情分析会", "f7", "meeting"),
    PaletteAction("民情类别设置", "f7", "edit_categories"),
    PaletteAction("全年民情", "f7", "whole_year"),
    PaletteAction("新增五事", "f8", "new_matter"),
    PaletteAction("记录下一步", "f8", "record_step"),
    PaletteAction("作废五事（所选）", "f8", "cancel_matter"),
    PaletteAction("恢复已作废的五事", "f8", "restore_matter"),
    PaletteAction("受理申请", "f9", "new_request"),
    PaletteAction("打印回执（所选）", "f9", "print_receipt"),
    PaletteAction("便民事项设置", "f9", "edit_types"),
    PaletteAction("作废申请（所选）", "f9", "cancel_request"),
    PaletteAction("恢复已作废的申请", "f9", "restore_cancelled"),
    PaletteAction("恢复办理申请（所选，更正）", "f9", "reopen_request"),
    PaletteAction("新增干部", "f10", "new_cadre"),
    PaletteAction("修改干部（所选）", "f10", "edit_cadre"),
    PaletteAction("归档干部（所选）", "f10", "archive_cadre"),
    PaletteAction("恢复已归档的干部", "f10", "unarchive_cadre"),
    PaletteAction("请假", "f10", "leaves"),
    PaletteAction("导出上报", "f11", "export"),
    PaletteAction("生成报表", "f11", "report"),
    PaletteAction("导入表格", "f11", "import_sheet"),
    PaletteAction("打印村务公示（期间空着为上个月）", "f11", "print_notice"),
]


def area_by_key(key: str) -> Area | None:
    """The registered area of a function key, or None."""
    for area in AREAS:
        if area.key == key:
            return area
    return None
