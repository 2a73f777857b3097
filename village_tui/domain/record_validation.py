"""Validation of whole records (a cadre, a household) before they are saved."""

from __future__ import annotations

import dataclasses

from village_tui.domain.errors import ValidationError, ValidationErrors
from village_tui.domain.models import NEED_TAGS, ROLES, Cadre, Household
from village_tui.domain.normalize import clean_text
from village_tui.domain.validation import (validate_id_number, validate_name, validate_phone, validate_required,
                                           validate_text)

NAME_MAX = 20
CODE_MAX = 20
ADDRESS_MAX = 60
REASON_MAX = 200


def _collect(errors: list[ValidationError], func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except ValidationError as error:
        errors.append(error)
        return None


def validate_cadre(cadre: Cadre, groups: list[str]) -> Cadre:
    """Check and normalise a cadre.

    Args:
        cadre: The cadre as typed.
        groups: The village's groups.

    Returns:
        A normalised copy.

    Raises:
        ValidationErrors: Every field that is wrong, with a Chinese message each.
    """
    errors: list[ValidationError] = []
    name = _collect(errors, validate_name, cadre.name, "name", "姓名", NAME_MAX)
    phone = _collect(errors, validate_phone, cadre.phone, "phone")
    if cadre.role not in ROLES:
        errors.append(ValidationError("role", f"职务应为：{'、'.join(ROLES)}"))
    if cadre.term_end is not None and cadre.term_end < cadre.term_start:
        errors.append(ValidationError("term_end", "任期结束不能早于任期开始"))
    unknown = [g for g in cadre.groups if g not in groups]
    if unknown:
        errors.append(ValidationError("groups", f"没有这个组：{'、'.join(unknown)}"))
    for leave in cadre.leaves:
        if leave.end < leave.start:
            errors.append(ValidationError("leaves", "请假结束日期不能早于开始日期"))
    if errors:
        raise ValidationErrors(errors)
    ordered = sorted(dict.fromkeys(cadre.groups), key=lambda g: groups.index(g) if g in groups else len(groups))
    return dataclasses.replace(cadre, name=name, phone=phone or "", groups=ordered)


def validate_household(household: Household, groups: list[str]) -> Household:
    """Check and normalise a household.

    Args:
        household: The household as typed.
        groups: The village's groups.

    Returns:
        A normalised copy.

    Raises:
        ValidationErrors: Every field that is wrong, with a Chinese message each.
    """
    errors: list[ValidationError] = []
    code = _collect(errors, validate_required, household.code, "code", "户编号", CODE_MAX)
    head = _collect(errors, validate_name, household.head, "head", "户主", NAME_MAX)
    id_number = _collect(errors, validate_id_number, household.id_number, "id_number")
    phone = _collect(errors, validate_phone, household.phone, "phone")
    address = _collect(errors, validate_text, household.address, "address", "住址", ADDRESS_MAX)
    if household.group not in groups:
        errors.append(ValidationError("group", f"组别应为：{'、'.join(groups) or '（请先在设置中添加组）'}"))
    if not isinstance(household.members, int) or not 1 <= household.members <= 30:
        errors.append(ValidationError("members", "人口应为 1 到 30 之间的整数"))
    unknown = [t for t in household.needs if t not in NEED_TAGS]
    if unknown:
        errors.append(ValidationError("needs", f"困难类别应为：{'、'.join(NEED_TAGS)}"))
    if errors:
        raise ValidationErrors(errors)
    return dataclasses.replace(household, code=code, head=head, id_number=id_number or "", phone=phone or "",
                               address=address or "")


def validate_reason(reason: str, label: str = "原因") -> str:
    """A reason (for archiving, cancelling, correcting) is required and limited in length."""
    return validate_required(clean_text(reason), "reason", label, REASON_MAX)
