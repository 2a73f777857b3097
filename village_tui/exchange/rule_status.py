"""Rule results as the workbooks colour them: met (green), missed (red), open (grey).

A cell sums up the findings of one rule for one cadre (or one village): missed
when any finding was missed, otherwise open while any can still be met,
otherwise met. Its text starts with the status word, which the sheets'
conditional formatting colours, followed by the one count of
:mod:`village_tui.domain.tally` (met over judged, open apart).
"""

from __future__ import annotations

from collections.abc import Iterable

from village_tui.domain.findings import RULE_TITLES, Finding
from village_tui.domain.safe_text import formula_safe
from village_tui.domain.tally import status_of, tally, tally_by_rule
from village_tui.exchange.report_xlsx import SheetData

MET, MISSED, OPEN = "met", "missed", "open"
STATUS_WORDS = {MET: "符合", MISSED: "不符合", OPEN: "进行中"}
NOT_CHECKED = "不涉及"  # not "-": a leading minus is made inert text ('-) in cells
VILLAGE_ROW = "全村（不分干部）"
RULES = sorted(RULE_TITLES, key=lambda r: int(r[1:]))


def finding_status(finding: Finding) -> str:
    """``met``, ``missed`` or ``open``: the finding's own status where findings carry one, else from ``ok``."""
    return status_of(finding)


def overall_status(findings: Iterable[Finding]) -> str | None:
    """Missed if any is missed, open if any is open, met otherwise; None for no findings (or only noted ones)."""
    return tally(findings).state


def status_cell(findings: list[Finding]) -> str:
    """The status word and the counts of :func:`tally`: ``"符合 3/3"``, ``"不符合 2/3"``,
    ``"进行中 6/6，进行中24"``, ``"进行中24"`` when nothing is judged yet, ``"不适用"`` for periods
    only noted, or ``"不涉及"`` without findings."""
    counts = tally(findings)
    if counts.state is None or not counts.judged:  # "进行中24" already starts with its status word
        return counts.cell(NOT_CHECKED)
    return f"{STATUS_WORDS[counts.state]} {counts.cell(NOT_CHECKED)}"


def rules_in(findings: Iterable[Finding]) -> list[str]:
    """The rules that have findings, in rule order."""
    present = {f.rule for f in findings}
    return [r for r in RULES if r in present]


def cadre_matrix(findings: list[Finding], cadres: list[str], title: str, heading: str) -> SheetData:
    """Cadres × rules: one row per cadre (then one for findings about no cadre), one column per rule checked.

    Args:
        findings: The period's findings.
        cadres: Cadre names, in the village's order; cadres named only by findings are added after them.
        title: The sheet's name.
        heading: The printed page header.
    """
    rules = rules_in(findings)
    names = list(dict.fromkeys([*cadres, *(f.cadre for f in findings if f.cadre)]))
    sheet = SheetData(title, ["干部", *(f"{r} {RULE_TITLES[r]}" for r in rules)], heading=heading)
    for name in [*names, None]:
        mine = [f for f in findings if (f.cadre or None) == name]
        if name is None and not mine:
            continue
        sheet.rows.append([formula_safe(name or VILLAGE_ROW),
                           *(status_cell([f for f in mine if f.rule == r]) for r in rules)])
    return sheet


def compliance_counts(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    """Per rule: how many findings were met, missed and open (periods only noted are left out)."""
    return {rule: {MET: t.met, MISSED: t.missed, OPEN: t.open} for rule, t in tally_by_rule(findings).items()}


def compliance_sheet(findings: Iterable[Finding], title: str, heading: str) -> SheetData:
    """One row per rule: met, missed, open and the rate met of those judged (the compliance chart's data)."""
    sheet = SheetData(title, ["规则", "内容", "符合", "不符合", "进行中", "符合率(%)"], heading=heading)
    for rule, row in tally_by_rule(findings).items():
        sheet.rows.append([rule, RULE_TITLES[rule], row.met, row.missed, row.open, row.percent])
    return sheet
