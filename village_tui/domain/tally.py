"""The one count of the engine's findings that every surface shows (home, review, reports, the assessment).

A finding is ``met``, ``missed`` or ``open`` (the rules engine decides). A
period only noted, not judged (R12 with fewer than 15 days in force), is not
applicable. What is *judged* is met plus missed; a cell ``a/b`` is met over
judged, and open findings are shown apart (``6/7，进行中24``). A rule with
nothing judged yet says 进行中 or 不适用: never 100 % and never 全部符合, and no
rate or bar counts an open finding as met.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from village_tui.domain.findings import MET, MISSED, OPEN, RULE_TITLES

IN_PROGRESS, NOT_APPLICABLE, ALL_MET = "进行中", "不适用", "全部符合"
# Rules whose findings with ``required`` 0 are periods noted but not judged (RULES.md, R12).
NOTED_RULES = frozenset({"R12"})
RULE_ORDER = sorted(RULE_TITLES, key=lambda r: int(r[1:]))


def _field(finding: Any, name: str) -> Any:
    return finding.get(name) if isinstance(finding, Mapping) else getattr(finding, name, None)


def status_of(finding: Any) -> str:
    """``met``, ``missed`` or ``open`` of a finding or its JSON (``ok`` when it carries no status)."""
    status = _field(finding, "status")
    if status in (MET, MISSED, OPEN):
        return status
    return MET if _field(finding, "ok") else MISSED


def is_noted(finding: Any) -> bool:
    """A period noted but not judged (R12 with fewer than 15 days: ``required`` 0 and met)."""
    return (_field(finding, "rule") in NOTED_RULES and _field(finding, "required") == 0
            and status_of(finding) == MET)


@dataclass(frozen=True)
class Tally:
    """How many findings were met, missed, still open, and only noted (not applicable).

    Attributes:
        met: Findings that hold.
        missed: Findings definitively missed.
        open: Findings whose period still runs (进行中).
        noted: Periods noted but not judged (不适用).
    """

    met: int = 0
    missed: int = 0
    open: int = 0
    noted: int = 0

    @property
    def judged(self) -> int:
        """Met plus missed: what a rate or an ``a/b`` is taken over."""
        return self.met + self.missed

    @property
    def total(self) -> int:
        """Every finding counted, whatever its status."""
        return self.judged + self.open + self.noted

    @property
    def percent(self) -> int | None:
        """Met over judged, 0–100, or None when nothing is judged yet (never 100 for nothing)."""
        return round(100 * self.met / self.judged) if self.judged else None

    @property
    def state(self) -> str | None:
        """``missed`` if any is missed, else ``open`` if any is open, else ``met`` when something is judged;
        None when nothing is judged or open (no findings, or only noted ones)."""
        if self.missed:
            return MISSED
        if self.open:
            return OPEN
        return MET if self.met else None

    def cell(self, empty: str = "-") -> str:
        """``6/7``, ``6/7，进行中24``, ``进行中24`` (nothing judged yet), ``不适用`` (only noted), or ``empty``."""
        if not self.judged:
            if self.open:
                return f"{IN_PROGRESS}{self.open}"
            return NOT_APPLICABLE if self.noted else empty
        text = f"{self.met}/{self.judged}"
        return f"{text}，{IN_PROGRESS}{self.open}" if self.open else text

    def verdict(self) -> str:
        """A Chinese sentence: ``全部符合`` only when something was judged and nothing is missed or open."""
        if not self.judged and not self.open:
            return NOT_APPLICABLE if self.noted else "本期没有需要检查的项"
        if not self.missed and not self.open:
            return ALL_MET
        parts = [f"{self.missed} 项不符合" if self.missed else "", f"{self.open} 项进行中" if self.open else ""]
        return "，".join(p for p in parts if p)

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.met + other.met, self.missed + other.missed, self.open + other.open,
                     self.noted + other.noted)


def tally(findings: Iterable[Any]) -> Tally:
    """Count findings (or their JSON) by the engine's status; a noted period counts as not applicable."""
    counts = {MET: 0, MISSED: 0, OPEN: 0}
    noted = 0
    for finding in findings:
        if is_noted(finding):
            noted += 1
        else:
            counts[status_of(finding)] += 1
    return Tally(counts[MET], counts[MISSED], counts[OPEN], noted)


def tally_by_rule(findings: Iterable[Any]) -> dict[str, Tally]:
    """One :class:`Tally` per rule that has findings, in rule order."""
    groups: dict[str, list[Any]] = {}
    for finding in findings:
        groups.setdefault(_field(finding, "rule"), []).append(finding)
    return {rule: tally(groups[rule]) for rule in RULE_ORDER if rule in groups}
