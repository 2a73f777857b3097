"""The yearly assessment of each cadre (R16, clause 三、(三)), built from the year's findings and records."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date

from village_tui.domain.findings import Finding
from village_tui.domain.models import Cadre, DutyDay, LedgerItem, Visit


@dataclass
class RuleScore:
    """How many of a rule's findings about one cadre held."""

    ok: int = 0
    total: int = 0

    @property
    def percent(self) -> int | None:
        """Share that held, 0–100, or None when the rule did not apply."""
        return round(100 * self.ok / self.total) if self.total else None

    def text(self) -> str:
        """``"11/12"`` or ``"不适用"``."""
        return f"{self.ok}/{self.total}" if self.total else "不适用"


@dataclass
class CadreAssessment:
    """One cadre's year.

    Attributes:
        duty_days: Days the cadre signed in for duty.
        visits: Visits made (cancelled ones excluded).
        households_visited: Distinct households visited.
        rules: Scores per rule id (R1–R3 days are village-wide and not here; R5, R6, R7, R11, R12 are).
        items_handled: Ledger items the cadre handled that were closed in the year.
        satisfaction: Counts of 满意 / 基本满意 / 不满意 on those items.
    """

    cadre: str
    role: str
    duty_days: int = 0
    visits: int = 0
    households_visited: int = 0
    rules: dict[str, RuleScore] = field(default_factory=dict)
    items_handled: int = 0
    satisfaction: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The assessment as ``check --assess --json`` prints it."""
        body = asdict(self)
        body["rules"] = {rule: {"ok": s.ok, "total": s.total} for rule, s in self.rules.items()}
        return body


def assess_cadre(cadre: Cadre, year: int, findings: list[Finding], duty: list[DutyDay], visits: list[Visit],
                 ledger: list[LedgerItem]) -> CadreAssessment:
    """Summarise one cadre's year.

    Args:
        cadre: The cadre.
        year: The calendar year.
        findings: Every finding of the year (month checks of each month and the year check).
        duty: The year's duty days.
        visits: The year's visits.
        ledger: The year's ledger items.
    """
    result = CadreAssessment(cadre=cadre.name, role=cadre.role)
    result.duty_days = sum(1 for d in duty if d.day.year == year and cadre.id in d.signed_in())
    mine = [v for v in visits if v.cadre_id == cadre.id and not v.cancelled and v.day.year == year]
    result.visits = len(mine)
    result.households_visited = len({v.household_id for v in mine})
    for rule in ("R5", "R6", "R7", "R11", "R12"):
        score = RuleScore()
        for f in findings:
            if f.rule == rule and f.cadre == cadre.name:
                score.total += 1
                score.ok += f.ok
        result.rules[rule] = score
    closed = [i for i in ledger if i.handler_id == cadre.id and i.status == "已办结" and not i.cancelled
              and i.closed_day is not None and i.closed_day.year == year]
    result.items_handled = len(closed)
    counts = Counter(i.satisfaction for i in closed if i.satisfaction)
    result.satisfaction = {k: counts.get(k, 0) for k in ("满意", "基本满意", "不满意")}
    return result


def render_assessment(year: int, rows: list[CadreAssessment]) -> str:
    """The assessment as plain Chinese text, one block per cadre."""
    lines = [f"{year} 年度村干部联系服务群众工作考核（R16，三、(三)）"]
    for row in rows:
        rules = "，".join(f"{rule} {score.text()}" for rule, score in row.rules.items())
        sat = "、".join(f"{k}{v}" for k, v in row.satisfaction.items())
        lines.append(f"{row.cadre}（{row.role}）：坐班 {row.duty_days} 天，走访 {row.visits} 次（{row.households_visited} 户），"
                     f"{rules}；办结民情 {row.items_handled} 件（{sat}）")
    return "\n".join(lines)


def year_months(year: int, today: date) -> list[int]:
    """Months of ``year`` that have begun by ``today``."""
    if year < today.year:
        return list(range(1, 13))
    if year > today.year:
        return []
    return list(range(1, today.month + 1))
