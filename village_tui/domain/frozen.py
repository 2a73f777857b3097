"""Frozen results compared with today's: what a month's check said when it was reported, and what changed.

A finding is matched by its subject (rule, cadre, household, day, item) and
compared on its verdict and its count (``status`` or ``ok``, and ``actual``),
never on its wording, so a reworded detail is not a change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from village_tui.domain.findings import Finding

VERDICT_WORDS = {"met": "符合", "missed": "不符合", "open": "进行中"}


def findings_json(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """The findings as ``check --json`` prints them (and as a month is frozen)."""
    return [f.to_json() for f in findings]


def subject_key(doc: dict[str, Any]) -> tuple:
    """What a finding is about: rule, cadre (id, else name), household (id, else 户编号), day, item."""
    cadre = doc.get("cadre_id") if doc.get("cadre_id") is not None else doc.get("cadre")
    household = doc.get("household_id") if doc.get("household_id") is not None else doc.get("household")
    return (doc.get("rule"), cadre, household, doc.get("date"), doc.get("item"))


def verdict(doc: dict[str, Any]) -> str:
    """``met``, ``missed`` or ``open``: the finding's ``status``, or its ``ok`` when it has none."""
    status = doc.get("status")
    if status in VERDICT_WORDS:
        return status
    return "met" if doc.get("ok") else "missed"


def result_text(doc: dict[str, Any] | None) -> str:
    """``9/10 不符合``, ``符合`` or ``无此项``: a finding's count and verdict in Chinese."""
    if doc is None:
        return "无此项"
    word = VERDICT_WORDS[verdict(doc)]
    if doc.get("actual") is not None and doc.get("required") is not None:
        return f"{doc['actual']}/{doc['required']} {word}"
    if doc.get("actual") is not None:
        return f"{doc['actual']} {word}"
    return word


def subject_text(doc: dict[str, Any]) -> str:
    """``R6 张建国`` or ``R1 2026-10-03``: the rule and the names of a finding's subject."""
    parts = (doc.get("rule"), doc.get("date"), doc.get("cadre"), doc.get("household"), doc.get("item"))
    return " ".join(str(p) for p in parts if p)


@dataclass
class ResultChange:
    """One finding whose result differs between the frozen month and today.

    Attributes:
        frozen: The finding as reported (None: it was not there).
        current: The finding today (None: it is gone).
    """

    frozen: dict[str, Any] | None
    current: dict[str, Any] | None

    def text(self) -> str:
        """``R6 张建国：上报时 9/10 不符合，现在 10/10 符合``."""
        subject = subject_text(self.current or self.frozen or {})
        return f"{subject}：上报时 {result_text(self.frozen)}，现在 {result_text(self.current)}"


def compare(frozen: list[dict[str, Any]], current: list[dict[str, Any]]) -> list[ResultChange]:
    """The findings whose verdict or count differ, and those found on one side only.

    Args:
        frozen: The reported findings (documents as ``check --json`` prints them).
        current: Today's findings of the same month, in the same form.

    Returns:
        The changes, in the order of the reported findings, then the new ones.
    """
    waiting: dict[tuple, list[dict[str, Any]]] = {}
    for doc in current:
        waiting.setdefault(subject_key(doc), []).append(doc)
    changes = []
    for doc in frozen:
        matches = waiting.get(subject_key(doc))
        now = matches.pop(0) if matches else None
        if now is None or verdict(now) != verdict(doc) or now.get("actual") != doc.get("actual"):
            changes.append(ResultChange(doc, now))
    changes.extend(ResultChange(None, doc) for docs in waiting.values() for doc in docs)
    return changes


@dataclass
class Correction:
    """A change made to a record of the month after it was reported (from the audit log).

    Attributes:
        time: When, ``2026-11-20 09:30:05``.
        operator: Who.
        action: ``更正``, ``新增`` or ``作废``.
        what: The kind and number of the record (``走访 2026-0012``).
        reason: The reason given.
    """

    time: str
    operator: str
    action: str
    what: str
    reason: str

    def text(self) -> str:
        """``2026-11-20 09:30 张建国 更正 走访 2026-0012：补录漏登的走访``."""
        return f"{self.time[:16]} {self.operator} {self.action} {self.what}：{self.reason or '（未填写原因）'}"


@dataclass
class FrozenComparison:
    """A reported month's frozen findings beside today's.

    Attributes:
        period: ``YYYY-MM``.
        frozen_at: When the month was frozen (its export).
        operator: Who exported it.
        frozen: The reported findings.
        changes: The findings whose result differs today.
        corrections: Changes made to the month's records since, with their reasons.
    """

    period: str
    frozen_at: str
    operator: str
    frozen: list[dict[str, Any]]
    changes: list[ResultChange] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        """Whether today's results disagree with the reported ones."""
        return bool(self.changes)

    def lines(self) -> list[str]:
        """The comparison in plain Chinese: the changed results, then the reasons given."""
        if not self.changes:
            return [f"与上报结果一致（{self.frozen_at[:16]} 由{self.operator}导出上报）"]
        lines = [f"与上报结果不同：{self.frozen_at[:16]} 由{self.operator}导出上报后，有{len(self.changes)}项结果改变"]
        lines += [f"  {change.text()}" for change in self.changes]
        if self.corrections:
            lines.append("上报后的更正及原因：")
            lines += [f"  {c.text()}" for c in self.corrections]
        else:
            lines.append("上报后本月的记录没有更正；结果改变可能来自农户、干部或结对资料的修改")
        return lines

    def to_json(self) -> dict[str, Any]:
        """The comparison for ``check --json``: both results side by side and the reasons."""
        return {
            "frozen_at": self.frozen_at, "operator": self.operator,
            "changes": [{"frozen": c.frozen, "current": c.current} for c in self.changes],
            "corrections": [vars(c).copy() for c in self.corrections],
        }
