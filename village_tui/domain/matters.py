"""The five steps of a village matter (五事, R14, clause 二、2) and its publication (R15).

A matter goes 干群议事 → 集体定事 → 承诺干事 → 村民监事 → 考评亮事, one step
after the other. Pure functions: no storage, no screens.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from village_tui.domain.dates import format_cn
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import MATTER_STEPS, SATISFACTION, Matter, MatterStep
from village_tui.domain.normalize import clean_text
from village_tui.domain.validation import validate_required, validate_text

TEXT_MAX = 500
NAMES_MAX = 30
NAME_MAX = 20  # one person's name in a list of participants or supervisors


def step_index(step: str) -> int:
    """The position of a step name in :data:`MATTER_STEPS` (0–4).

    Raises:
        ValidationError: Not one of the five steps.
    """
    if step not in MATTER_STEPS:
        raise ValidationError("step", f"没有这个步骤：{step}")
    return MATTER_STEPS.index(step)


def done_steps(matter: Matter) -> list[str]:
    """Names of the steps recorded so far, in order."""
    return [s.step for s in matter.steps]


def next_step(matter: Matter) -> str | None:
    """The step to record next, or None when all five are done."""
    count = len(matter.steps)
    return MATTER_STEPS[count] if count < len(MATTER_STEPS) else None


def find_step(matter: Matter, step: str) -> MatterStep | None:
    """The recorded step of that name, or None."""
    for recorded in matter.steps:
        if recorded.step == step:
            return recorded
    return None


def promised_date(matter: Matter) -> date | None:
    """The date promised at 承诺干事, or None before that step."""
    promise = find_step(matter, "承诺干事")
    return promise.promised if promise else None


def evaluated_by(matter: Matter, day: date) -> bool:
    """Whether 考评亮事 was recorded on or before ``day``."""
    evaluation = find_step(matter, "考评亮事")
    return evaluation is not None and evaluation.day <= day


def promised_overdue(matter: Matter, today: date) -> bool:
    """Whether the promised date has passed and the matter has not been evaluated (考评亮事) yet."""
    promised = promised_date(matter)
    if matter.cancelled or promised is None:
        return False
    return promised < today and not evaluated_by(matter, today)


def _names(values: list[str], field: str, label: str, required: bool) -> list[str]:
    names = [clean_text(v) for v in values if clean_text(v)]
    names = list(dict.fromkeys(names))
    if required and not names:
        raise ValidationError(field, f"请填写{label}")
    if len(names) > NAMES_MAX:
        raise ValidationError(field, f"{label}最多{NAMES_MAX}人")
    if any(len(name) > NAME_MAX for name in names):
        raise ValidationError(field, f"{label}每人姓名不超过{NAME_MAX}个字，多人用顿号隔开")
    return names


def _require_number(value: int | None, field: str, label: str) -> int:
    if value is None:
        raise ValidationError(field, f"{label}不能为空")
    if value < 0:
        raise ValidationError(field, f"{label}不能小于0")
    return value


def validate_step(matter: Matter, step: MatterStep, today: date | None = None) -> MatterStep:
    """Check a step about to be recorded on ``matter`` and return it cleaned.

    Args:
        matter: The matter as saved so far.
        step: The new step.
        today: When given, the step's date may not be after it.

    Returns:
        A cleaned copy of the step.

    Raises:
        ValidationError: Out of order, dated before the previous step, or missing what the step records.
    """
    if matter.cancelled:
        raise ValidationError("step", "该事项已作废，不能再记录步骤")
    index = step_index(step.step)
    expected = next_step(matter)
    if expected is None:
        raise ValidationError("step", "五个步骤都已记录完毕")
    if index < len(matter.steps):
        raise ValidationError("step", f"「{step.step}」已经记录过了，下一步是「{expected}」")
    if step.step != expected:
        raise ValidationError("step", f"不能跳过步骤：要先记录「{expected}」，才能记录「{step.step}」")
    if step.day is None:
        raise ValidationError("day", "请填写日期")
    if matter.steps and step.day < matter.steps[-1].day:
        previous = matter.steps[-1]
        raise ValidationError("day", f"日期不能早于上一步「{previous.step}」的日期（{format_cn(previous.day)}）")
    if today is not None and step.day > today:
        raise ValidationError("day", "日期不能晚于今天")
    clean = dataclasses.replace(
        step,
        participants=_names(step.participants, "participants", "参加人员", required=False),
        villagers=_require_number(step.villagers or 0, "villagers", "参加村民人数"),
        content=validate_required(step.content, "content", "内容", TEXT_MAX, multiline=True),
        outcome=validate_text(step.outcome, "outcome", "结果", TEXT_MAX, multiline=True),
    )
    _check_step_fields(clean)
    return clean


def _check_step_fields(step: MatterStep) -> None:
    """The content each step must carry (changes ``step`` in place)."""
    if step.step == "集体定事":
        step.votes_for = _require_number(step.votes_for, "votes_for", "赞成票数")
        step.votes_against = _require_number(step.votes_against, "votes_against", "反对票数")
    elif step.step == "承诺干事":
        if step.responsible_id is None:
            raise ValidationError("responsible_id", "请选择责任干部")
        if step.promised is None:
            raise ValidationError("promised", "请填写承诺完成日期")
        if step.promised < step.day:
            raise ValidationError("promised", "承诺完成日期不能早于承诺的日期")
    elif step.step == "村民监事":
        step.supervisors = _names(step.supervisors, "supervisors", "监督人", required=True)
        step.findings = validate_required(step.findings, "findings", "监督情况", TEXT_MAX, multiline=True)
    elif step.step == "考评亮事":
        step.evaluation = validate_required(step.evaluation, "evaluation", "考评结果", TEXT_MAX, multiline=True)
        if step.satisfaction not in SATISFACTION:
            raise ValidationError("satisfaction", "请选择群众满意度：满意、基本满意或不满意")
        if step.posted_from is None or step.posted_to is None:
            raise ValidationError("posted_from", "请填写公示的起止日期")
        if step.posted_to < step.posted_from:
            raise ValidationError("posted_to", "公示结束日期不能早于开始日期")
        if step.posted_from < step.day:
            raise ValidationError("posted_from", "公示开始日期不能早于考评日期")


def step_summary(step: MatterStep, cadre_names: dict[int, str] | None = None) -> str:
    """One Chinese line describing what a recorded step holds."""
    parts = [format_cn(step.day), step.content]
    if step.villagers:
        parts.append(f"村民{step.villagers}人")
    if step.step == "集体定事":
        parts.append(f"赞成{step.votes_for}票，反对{step.votes_against}票")
    elif step.step == "承诺干事":
        who = (cadre_names or {}).get(step.responsible_id, "") if step.responsible_id is not None else ""
        parts.append(f"责任人{who}，承诺{format_cn(step.promised)}前完成" if step.promised else who)
    elif step.step == "村民监事":
        parts.append(f"监督人{'、'.join(step.supervisors)}：{step.findings}")
    elif step.step == "考评亮事":
        parts.append(f"{step.evaluation}，{step.satisfaction}")
        if step.posted_from and step.posted_to:
            parts.append(f"公示{format_cn(step.posted_from)}至{format_cn(step.posted_to)}")
    if step.outcome:
        parts.append(step.outcome)
    return "；".join(p for p in parts if p)
