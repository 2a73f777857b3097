"""Masking of personal data shown in lists and exports."""

from __future__ import annotations


def mask_id_number(id_number: str) -> str:
    """``110105194912310021`` → ``110105********0021`` (first 6 and last 4)."""
    if len(id_number) <= 10:
        return id_number
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


def mask_phone(phone: str) -> str:
    """``13812345678`` → ``138****5678`` (first 3 and last 4); ``0598-7233678`` → ``0598-***3678``."""
    if "-" in phone:
        area, _, local = phone.partition("-")
        return f"{area}-{'*' * max(len(local) - 4, 0)}{local[-4:]}"
    if len(phone) <= 7:
        return "*" * max(len(phone) - 4, 0) + phone[-4:]
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
