"""The village service desk (便民服务室 / 农事村办, R13, clause 二、8): checklists, statuses, receipts.

Pure functions: no storage, no screens.
"""

from __future__ import annotations

from datetime import date, timedelta

from village_tui.domain.dates import format_cn
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import REQUEST_STATUSES, ServiceRequest, VillageSettings
from village_tui.domain.normalize import clean_text, split_list

DEFAULT_CHECKLISTS: dict[str, list[str]] = {
    "婚育证件": ["申请书", "夫妻双方身份证", "户口簿", "结婚证", "近期免冠照片"],
    "户口迁移": ["申请书", "户口簿", "身份证", "准予迁入证明", "迁移原因证明材料"],
    "医疗保险": ["参保登记表", "身份证", "户口簿", "银行卡或存折复印件"],
    "农村低保": ["低保申请书", "户口簿", "家庭成员身份证", "家庭收入及财产情况声明", "病残等相关证明"],
    "建房审批": ["建房申请书", "户口簿", "身份证", "宅基地使用证明", "村民小组意见", "四邻签字意见"],
    "涉农补贴": ["补贴申请表", "身份证", "户口簿", "一卡通或银行卡", "土地承包经营权证或种植面积证明"],
    "党员组织关系接转": ["组织关系介绍信", "党员证明或党员档案", "身份证"],
}
GENERIC_CHECKLIST = ["申请书", "身份证", "户口簿"]

OPEN_STATUSES = ("已受理", "办理中")
CLOSED_STATUSES = ("已办结", "退回")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    # A simple request may be finished on the spot, so 已受理 may go straight to 已办结.
    "已受理": ("办理中", "已办结", "退回"),
    "办理中": ("已办结", "退回"),
    "已办结": (),
    "退回": (),
}


def checklist_for(kind: str, settings: VillageSettings | None = None) -> list[str]:
    """The documents a request type needs: the village's own list, else the default one."""
    if settings is not None and settings.request_checklists.get(kind):
        return list(settings.request_checklists[kind])
    return list(DEFAULT_CHECKLISTS.get(kind, GENERIC_CHECKLIST))


def check_transition(current: str, new: str) -> None:
    """Check a status change.

    Raises:
        ValidationError: The new status is unknown or cannot follow the current one.
    """
    if new not in REQUEST_STATUSES:
        raise ValidationError("status", f"没有这个状态：{new}")
    if new == current:
        raise ValidationError("status", f"申请已经是「{current}」")
    if new not in TRANSITIONS.get(current, ()):
        raise ValidationError("status", f"「{current}」的申请不能改为「{new}」")


def default_due(day: date, due_days: int) -> date:
    """The default due date: ``due_days`` days after the request was received."""
    return day + timedelta(days=due_days)


def is_open_on(request: ServiceRequest, day: date) -> bool:
    """Whether a request received by ``day`` was still open at the end of ``day``."""
    if request.cancelled or request.day > day:
        return False
    if request.status in CLOSED_STATUSES:
        return request.done_day is not None and request.done_day > day
    return True


def is_overdue(request: ServiceRequest, on_day: date) -> bool:
    """Whether the request is open at the end of ``on_day`` and its due date is before that day."""
    return is_open_on(request, on_day) and request.due is not None and request.due < on_day


def days_overdue(request: ServiceRequest, on_day: date) -> int:
    """How many days past its due date an open request is on ``on_day`` (0 when not overdue)."""
    return (on_day - request.due).days if is_overdue(request, on_day) and request.due else 0


def missing_documents(request: ServiceRequest) -> list[str]:
    """Documents on the checklist not yet handed in."""
    return [name for name, received in request.documents.items() if not received]


def receipt_lines(request: ServiceRequest, *, village: str = "", household: str = "", handler: str = "",
                  phone: str = "") -> list[str]:
    """The receipt (回执) the resident takes home, as plain text lines.

    Args:
        request: The saved request (with its receipt number).
        village: The village name for the title.
        household: ``"户编号 户主"`` of the household, or ``""``.
        handler: The handling cadre's name.
        phone: A number the resident can call about the request.
    """
    received = [name for name, ok in request.documents.items() if ok]
    missing = missing_documents(request)
    lines = [
        f"{village}便民服务室 受理回执",
        "",
        f"回执编号：{request.id or '未保存'}",
        f"受理日期：{format_cn(request.day)}",
        f"申请人：{request.applicant or '（未填）'}",
        f"农户：{household or '（未填）'}",
        f"办理事项：{request.kind}",
        f"已收材料：{'、'.join(received) if received else '无'}",
        f"待补材料：{'、'.join(missing) if missing else '无'}",
        f"经办干部：{handler or '（未定）'}",
        f"承诺办结日期：{format_cn(request.due) if request.due else '（未定）'}",
        f"当前状态：{request.status}",
    ]
    if request.done_day is not None and request.status in CLOSED_STATUSES:
        lines.append(f"办结日期：{format_cn(request.done_day)}")
    if request.note:
        lines.append(f"备注：{request.note}")
    if phone:
        lines.append(f"咨询电话：{phone}")
    lines += ["", "请妥善保管本回执，凭回执查询办理进度。"]
    return lines


def receipt_text(request: ServiceRequest, **kwargs: str) -> str:
    """The receipt as one text (see :func:`receipt_lines`)."""
    return "\n".join(receipt_lines(request, **kwargs))


def parse_checklists(text: str) -> dict[str, list[str]]:
    """Parse the settings editor's text: one line per type, ``类型：材料1、材料2``.

    Raises:
        ValidationError: A line has no type name before the colon.
    """
    result: dict[str, list[str]] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = clean_text(raw)
        if not line:
            continue
        kind, sep, rest = line.replace(":", "：").partition("：")
        kind = kind.strip()
        if not kind:
            raise ValidationError("request_checklists", f"第{number}行缺少事项名称，请写成「事项：材料1、材料2」")
        result[kind] = split_list(rest) if sep else []
    return result


def format_checklists(types: list[str], settings: VillageSettings) -> str:
    """The editor's text for the current types and their checklists."""
    return "\n".join(f"{kind}：{'、'.join(checklist_for(kind, settings))}" for kind in types)
