"""The yearly assessment of each cadre (R16, clause 三、(三)), built from the year's findings and records.

Per cadre id (two cadres may share a name; they are told apart by role and
term). Only judged findings count: ``open`` ones (the period still runs) and
ones noted but not judged (R12 with fewer than 15 days, ``required`` 0) are
left out, and so is the running month. Each rule that applies to the cadre
gets a rate; the overall score is their weighted mean, with the weights the
township sets (``VillageSettings.assessment_weights``), equal by default.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from village_tui.domain.dates import format_cn
from village_tui.domain.errors import ValidationError
from village_tui.domain.findings import OPEN, Finding
from village_tui.domain.models import Cadre, DutyDay, Household, LedgerItem, Visit
from village_tui.domain.rules_visits import visit_counts
from village_tui.domain.tally import NOT_APPLICABLE, Tally, is_noted, tally

# The measures of the assessment: rule findings about the cadre, and the pairing-months of R12.
ASSESSED_RULES = ("R2", "R3", "R5", "R6", "R7", "R11", "R12")
PAIRING_MONTHS = "R12走访"
MEASURES = (*ASSESSED_RULES, PAIRING_MONTHS)


@dataclass
class RuleScore:
    """One measure of one cadre, counted by :func:`village_tui.domain.tally.tally`.

    Attributes:
        ok: Findings met.
        total: Findings judged (met plus missed).
        open: Findings still open (their period runs): shown apart, never counted as met.
        noted: Periods only noted, not judged.
    """

    ok: int = 0
    total: int = 0
    open: int = 0
    noted: int = 0

    @classmethod
    def of(cls, counts: Tally) -> RuleScore:
        """The measure from the one count of findings."""
        return cls(counts.met, counts.judged, counts.open, counts.noted)

    @property
    def counts(self) -> Tally:
        """The measure as a :class:`Tally`."""
        return Tally(self.ok, self.total - self.ok, self.open, self.noted)

    @property
    def percent(self) -> int | None:
        """Share met of those judged, 0–100, or None when nothing is judged."""
        return self.counts.percent

    @property
    def scored(self) -> bool:
        """Whether the measure enters the score: something judged and nothing still open."""
        return bool(self.total) and not self.open

    @property
    def shown(self) -> bool:
        """Whether the measure has anything to show (judged or open)."""
        return bool(self.total or self.open)

    def text(self) -> str:
        """``"11/12"``, ``"47/47，进行中50"``, ``"进行中50"`` or ``"不适用"``."""
        return self.counts.cell(NOT_APPLICABLE)


@dataclass
class CadreAssessment:
    """One cadre's year.

    Attributes:
        cadre: The cadre's name.
        role: The role at the end of the year in office.
        duty_days: Days the cadre signed in for duty.
        visits: Visits that count as 入户走访 (R6–R8: 入户, and 电话 to a household away then).
        households_visited: Distinct households of those visits.
        rules: Judged findings per rule (R2, R3, R5, R6, R7, R11; R12 is "has a pairing" each month).
        items_handled: Ledger items the cadre handled that were closed in the year, whatever year they were opened.
        satisfaction: Counts of 满意 / 基本满意 / 不满意 on those items.
        cadre_id: The cadre's id.
        term: The term(s) in office during the year, to tell cadres of one name apart.
        pairing_months: R12 pairing-months judged in the year and how many were visited.
        rates: Percent per measure that applies (``R12走访`` for the pairing-months).
        score: The weighted mean of the rates, or None when no rule applied.
        weights: The weight used for each measure that applies.
    """

    cadre: str
    role: str
    duty_days: int = 0
    visits: int = 0
    households_visited: int = 0
    rules: dict[str, RuleScore] = field(default_factory=dict)
    items_handled: int = 0
    satisfaction: dict[str, int] = field(default_factory=dict)
    cadre_id: int | None = None
    term: str = ""
    pairing_months: RuleScore = field(default_factory=RuleScore)
    rates: dict[str, int] = field(default_factory=dict)
    score: float | None = None
    weights: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The assessment as ``check --assess --json`` prints it."""
        return {
            "cadre": self.cadre, "role": self.role, "duty_days": self.duty_days, "visits": self.visits,
            "households_visited": self.households_visited,
            "rules": {rule: {"ok": s.ok, "total": s.total, "open": s.open} for rule, s in self.rules.items()},
            "items_handled": self.items_handled, "satisfaction": dict(self.satisfaction),
            "cadre_id": self.cadre_id, "term": self.term,
            "pairing_months": {"visited": self.pairing_months.ok, "total": self.pairing_months.total,
                               "open": self.pairing_months.open},
            "rates": dict(self.rates), "score": self.score, "weights": dict(self.weights),
        }


def judged(finding: Finding) -> bool:
    """Whether a finding counts in a rate: not open, and not a period only noted."""
    return finding.status != OPEN and not is_noted(finding)


def term_text(cadre: Cadre, year: int) -> str:
    """The cadre's terms that touch ``year``, e.g. ``2021年1月1日起`` or ``2021年1月1日至2026年6月30日``."""
    parts = []
    for start, end in cadre.terms():
        if start.year > year or (end is not None and end.year < year):
            continue
        parts.append(f"{format_cn(start)}起" if end is None else f"{format_cn(start)}至{format_cn(end)}")
    return "；".join(parts)


def parse_weights(text: str) -> dict[str, float]:
    """Weights typed one per line or separated by commas: ``R6 2``, ``R12走访 1.5``.

    Raises:
        ValidationError: An unknown measure or a weight that is not a number from 0 to 100.
    """
    weights: dict[str, float] = {}
    for part in text.replace("，", "\n").replace(",", "\n").replace("：", " ").replace(":", " ").splitlines():
        bits = part.split()
        if not bits:
            continue
        if len(bits) != 2 or bits[0].upper() not in {m.upper() for m in MEASURES}:
            raise ValidationError("assessment_weights", f"无法识别：{part.strip()}，应写成「R6 2」，可用：{'、'.join(MEASURES)}")
        name = next(m for m in MEASURES if m.upper() == bits[0].upper())
        try:
            value = float(bits[1])
        except ValueError:
            raise ValidationError("assessment_weights", f"{name} 的权重应为数字：{bits[1]}") from None
        if not 0 <= value <= 100:
            raise ValidationError("assessment_weights", f"{name} 的权重应在 0 到 100 之间")
        weights[name] = value
    return weights


def assess_cadre(cadre: Cadre, year: int, findings: list[Finding], duty: list[DutyDay], visits: list[Visit],
                 ledger: list[LedgerItem], households: Mapping[int, Household] | None = None,
                 weights: Mapping[str, float] | None = None, until: date | None = None) -> CadreAssessment:
    """Summarise one cadre's year.

    Args:
        cadre: The cadre.
        year: The calendar year.
        findings: The findings of the year (month checks of each ended month and the year check).
        duty: The year's duty days.
        visits: The year's visits.
        ledger: Ledger items that may have been closed in the year (earlier years' open ones included).
        households: Households by id, to count only visits R6–R8 count.
        weights: Weight per measure; a measure not named weighs 1 (equal weights by default).
        until: The last day counted (the day before the running month); None: the whole year.
    """
    until = until or date(year, 12, 31)
    last = min(date(year, 12, 31), max((e or date(year, 12, 31) for _, e in cadre.terms()), default=date(year, 12, 31)))
    result = CadreAssessment(cadre=cadre.name, role=cadre.role_on(last), cadre_id=cadre.id,
                             term=term_text(cadre, year))
    result.duty_days = sum(1 for d in duty if d.day.year == year and d.day <= until and cadre.id in d.signed_in())
    homes = households or {}
    mine = [v for v in visits if v.cadre_id == cadre.id and v.day.year == year and v.day <= until
            and visit_counts(v, homes.get(v.household_id))]
    result.visits = len(mine)
    result.households_visited = len({v.household_id for v in mine})
    groups: dict[str, list[Finding]] = {measure: [] for measure in MEASURES}
    for f in findings:
        if f.cadre_id != cadre.id or f.rule not in ASSESSED_RULES:
            continue
        groups[PAIRING_MONTHS if f.rule == "R12" and f.household is not None else f.rule].append(f)
    result.rules = {rule: RuleScore.of(tally(groups[rule])) for rule in ASSESSED_RULES}
    result.pairing_months = RuleScore.of(tally(groups[PAIRING_MONTHS]))
    closed = [i for i in ledger if i.handler_id == cadre.id and i.status == "已办结" and not i.cancelled
              and i.closed_day is not None and i.closed_day.year == year and i.closed_day <= until]
    result.items_handled = len({i.id for i in closed})
    counts = Counter(i.satisfaction for i in {i.id: i for i in closed}.values() if i.satisfaction)
    result.satisfaction = {k: counts.get(k, 0) for k in ("满意", "基本满意", "不满意")}
    _score(result, weights or {})
    return result


def _score(result: CadreAssessment, weights: Mapping[str, float]) -> None:
    measures = {**result.rules, PAIRING_MONTHS: result.pairing_months}
    total_weight = weighted = 0.0
    for name, score in measures.items():
        if not score.scored:  # nothing judged, or still running (a year or an R5 window not ended)
            continue
        rate = 100 * score.ok / score.total
        result.rates[name] = round(rate)
        weight = float(weights.get(name, 1.0))
        result.weights[name] = weight
        total_weight += weight
        weighted += weight * rate
    result.score = round(weighted / total_weight, 1) if total_weight else None


def coverage_text(year: int, today: date, start: date | None = None) -> str:
    """Which months the assessment of ``year`` covers, e.g. 「统计至2026年11月；12月尚未结束，不计入」.

    Args:
        year: The year assessed.
        today: Today.
        start: The day the village's obligations start; days before it are not judged.
    """
    since = f"自{format_cn(start)}（本村开始使用本系统）起；" if start is not None and start.year == year else ""
    if year > today.year or (start is not None and start.year > year):
        return f"{year}年没有可统计的月份"
    if year < today.year:
        return f"{since}统计{year}年全年（至12月）" if since else f"统计{year}年全年（1月至12月）"
    running = f"{today.month}月尚未结束，不计入"
    ended = ended_months(year, today)
    if not ended or (start is not None and (start.year, start.month) > (year, ended[-1])):
        return f"{since}{year}年还没有结束的月份；{running}"
    return f"{since}统计至{year}年{ended[-1]}月；{running}"


RUNNING_NOTE = "「进行中」的项（年度或任期首年尚未结束）只列出，不计入得分"


def render_assessment(year: int, rows: list[CadreAssessment], coverage: str = "") -> str:
    """The assessment as plain Chinese text: the months covered, then one block per cadre."""
    lines = [f"{year} 年度村干部联系服务群众工作考核（R16，三、(三)）"]
    if coverage:
        lines.append(f"{coverage}；{RUNNING_NOTE}")
    for row in rows:
        rules = "，".join(f"{rule} {score.text()}" for rule, score in row.rules.items() if score.shown)
        sat = "、".join(f"{k}{v}" for k, v in row.satisfaction.items())
        score = "不适用" if row.score is None else f"{row.score:g}"
        pairing = f"，结对户月走访 {row.pairing_months.text()}" if row.pairing_months.shown else ""
        lines.append(f"{row.cadre}（{row.role}，{row.term}）：坐班 {row.duty_days} 天，"
                     f"走访 {row.visits} 次（{row.households_visited} 户），{rules or '没有已考核的规则'}{pairing}；"
                     f"办结民情 {row.items_handled} 件（{sat}）；综合得分 {score}")
    return "\n".join(lines)


def year_months(year: int, today: date) -> list[int]:
    """Months of ``year`` that have begun by ``today``."""
    if year < today.year:
        return list(range(1, 13))
    if year > today.year:
        return []
    return list(range(1, today.month + 1))


def ended_months(year: int, today: date) -> list[int]:
    """Months of ``year`` that ended before ``today`` (the assessment leaves the running month out)."""
    return [m for m in year_months(year, today) if (year, m) < (today.year, today.month)]
