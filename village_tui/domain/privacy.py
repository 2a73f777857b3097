"""Masking of personal data shown in lists and exports."""

from __future__ import annotations


def mask_id_number(id_number: str) -> str:
    """``110105194912310021`` → ``110105********0021`` (first 6 and last 4)."""
    if len(id_number) <= 10:
        return id_number
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


def mask_phone(phone: str) -> str:
    """``13812345678`` → ``138****5678`` (first 3 and last 4); landlines keep the area code."""
    digits = phone.replace("-", "")
    if len(digits) <= 7:
        return phone
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
