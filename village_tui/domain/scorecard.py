"""The home screen's scorecard: a month's findings summed per rule and cadre, with a plain-character bar."""

from __future__ import annotations

from dataclasses import dataclass, field

from village_tui.domain.findings import Finding

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
        count: What was done (days, households, findings that hold).
        goal: What the rule asks for; 0 when there was nothing to judge.
        ok: Whether every finding of the row holds.
        findings: The findings behind the row, to explain it.
    """

    rule: str
    cadre: str | None
    count: int = 0
    goal: int = 0
    ok: bool = True
    findings: list[Finding] = field(default_factory=list)

    @property
    def subject(self) -> str:
        """The cadre's name or ``全村``."""
        return self.cadre or VILLAGE

    @property
    def percent(self) -> int:
        """Share of the goal reached, 0–100 (100 when there was nothing to judge)."""
        if not self.goal:
            return 100
        return min(100, round(100 * self.count / self.goal))

    @property
    def failing(self) -> int:
        """How many findings of the row do not hold."""
        return sum(not f.ok for f in self.findings)

    @property
    def running(self) -> int:
        """How many findings of the row are still open (the period runs)."""
        return sum(f.is_open for f in self.findings)

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
        row.ok = all(f.ok for f in row.findings)
        single = row.findings[0] if len(row.findings) == 1 else None
        if row.rule in COUNTED and single is not None and single.required is not None:
            row.count, row.goal = single.actual or 0, single.required
        else:
            row.count, row.goal = sum(f.ok for f in row.findings), len(row.findings)
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
