"""The home screen's scorecard: a month's findings summed per rule and cadre, with a plain-character bar.

Every count comes from :func:`village_tui.domain.tally.tally`: a row's ``count/goal`` is met over
judged, open findings are shown apart, and a row with nothing judged has no percentage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from village_tui.domain.findings import Finding
from village_tui.domain.tally import Tally, tally

# Rules the scorecard shows a row per cadre for; the others are one row for the whole village.
PER_CADRE = frozenset({"R2", "R3", "R6", "R12"})
# Rules whose single finding per cadre carries a count against a goal (days on duty, households visited).
COUNTED = frozenset({"R3", "R6"})
UNITS = {"R1": "天", "R2": "天", "R3": "天", "R6": "户", "R9": "次", "R10": "件", "R12": "项", "R13": "件",
         "R14": "项"}
VILLAGE = "全村"
BAR_WIDTH = 10


@dataclass
class ScoreRow:
    """One line of the scorecard.

    Attributes:
        rule: The rule id.
        cadre: The cadre's name (told apart by role or term when two share it), or None for a village-wide rule.
        count: What was done (days, households, findings met).
        goal: What the rule asks for (R3, R6), else the findings judged (met plus missed);
            0 when nothing is judged yet.
        ok: Whether every finding of the row holds.
        findings: The findings behind the row, to explain it.
        counts: The row's findings counted by status (:class:`Tally`).
    """

    rule: str
    cadre: str | None
    count: int = 0
    goal: int = 0
    ok: bool = True
    findings: list[Finding] = field(default_factory=list)
    counts: Tally = field(default_factory=Tally)

    @property
    def subject(self) -> str:
        """The cadre's name or ``全村``."""
        return self.cadre or VILLAGE

    @property
    def counted(self) -> bool:
        """Whether the row counts days or households against a goal (one R3/R6 finding) rather than findings."""
        return self.rule in COUNTED and len(self.findings) == 1 and self.findings[0].required is not None

    @property
    def percent(self) -> int | None:
        """Share of the goal reached, 0–100; None when nothing is judged yet (never 100 for nothing)."""
        if self.counted:
            return min(100, round(100 * self.count / self.goal)) if self.goal else None
        return self.counts.percent

    def progress_text(self) -> str:
        """``85%``, or ``进行中`` / ``不适用`` when nothing is judged yet, ``-`` without findings."""
        percent = self.percent
        if percent is not None:
            return f"{percent}%"
        return self.counts.cell()

    @property
    def failing(self) -> int:
        """How many findings of the row are missed."""
        return self.counts.missed

    @property
    def running(self) -> int:
        """How many findings of the row are still open (the period runs)."""
        return self.counts.open

    def state(self, month_running: bool) -> str:
        """``"bad"`` when a finding is missed, ``"progress"`` when one is still open, else ``"ok"``."""
        if not self.ok:
            return "bad"
        return "progress" if self.running else "ok"


def bar(percent: int, width: int = BAR_WIDTH) -> str:
    """A bar of ``#`` filled to ``percent`` and ``-`` for the rest (single-width ASCII)."""
    filled = max(0, min(width, round(width * percent / 100)))
    return "#" * filled + "-" * (width - filled)


def build_scorecard(findings: list[Finding], rules: list[str], labels: dict[int, str] | None = None) -> list[ScoreRow]:
    """Sum a month's findings into rows: one per village-wide rule, one per (rule, cadre id) otherwise.

    Args:
        findings: The month's findings (``CheckService.month_findings``).
        rules: The rules to show, in order; a rule without findings gets one
            empty village row (nothing to judge this month).
        labels: Cadre labels by id (:func:`cadre_labels`), so two cadres of one
            name get two rows told apart.
    """
    rows: dict[tuple[str, object], ScoreRow] = {}
    for finding in findings:
        per_cadre = finding.rule in PER_CADRE
        key = (finding.cadre_id if finding.cadre_id is not None else finding.cadre) if per_cadre else None
        label = None
        if per_cadre:
            label = finding.cadre if finding.cadre_id is None else (labels or {}).get(finding.cadre_id, finding.cadre)
        row = rows.setdefault((finding.rule, key), ScoreRow(finding.rule, label))
        row.findings.append(finding)
    for row in rows.values():
        row.counts = tally(row.findings)
        row.ok = not row.counts.missed
        if row.counted:
            row.count, row.goal = row.findings[0].actual or 0, row.findings[0].required or 0
        else:
            row.count, row.goal = row.counts.met, row.counts.judged
    ordered: list[ScoreRow] = []
    for rule in rules:
        mine = [row for (r, _), row in rows.items() if r == rule]
        ordered.extend(sorted(mine, key=lambda row: row.cadre or "") or [ScoreRow(rule, None)])
    return ordered


def cadre_labels(cadres) -> dict[int, str]:
    """A label per cadre id: the name, with the role (and the term start) when another cadre has the same name."""
    cadres = list(cadres)
    labels = {}
    for cadre in cadres:
        same = [c for c in cadres if c.name == cadre.name]
        if len(same) == 1:
            labels[cadre.id] = cadre.name
        elif sum(c.role == cadre.role for c in same) == 1:
            labels[cadre.id] = f"{cadre.name}（{cadre.role}）"
        else:
            labels[cadre.id] = f"{cadre.name}（{cadre.role}，{cadre.term_start.year}年起）"
    return labels
