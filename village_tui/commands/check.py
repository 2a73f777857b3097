"""``village-tui check``: judge the rules for a month or a year, for scripts and the township.

Exit code 0 when nothing is missed (findings ``met`` or ``open``), 1 when
something is definitively missed, 2 on an error (a bad month or year, a
missing folder).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from village_tui.domain.errors import DomainError
from village_tui.domain.findings import CLAUSES, MISSED, RULE_TITLES, Finding
from village_tui.domain.frozen import findings_json
from village_tui.domain.safe_text import inert
from village_tui.commands.levels import village_only
from village_tui.cli_text import error_text, no_village_message
from village_tui.domain.tally import tally
from village_tui.commands.period import parse_period

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui check``."""
    parser.add_argument("--data", default="data", help="数据文件夹（默认 ./data）")
    period = parser.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", help="检查一个月，如 2026-10")
    period.add_argument("--year", help="检查一年，如 2026")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--assess", action="store_true", help="与 --year 一起：输出每位干部的年度考核")


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_ERROR


def render_text(period: str, findings: list[Finding], rules: frozenset[str] | None = None,
                labels: dict[int, str] | None = None) -> str:
    """A plain Chinese report: a line per rule judged, then every finding that is missed.

    Args:
        period: The period's name.
        findings: The findings.
        rules: The rules judged (a rule without findings says so).
        labels: Cadre labels by id, telling two cadres of one name apart.
    """
    lines = [f"检查期间：{period}"]
    for rule in sorted(set(rules or ()) | {f.rule for f in findings}, key=lambda r: int(r[1:])):
        mine = [f for f in findings if f.rule == rule]
        if not mine:
            lines.append(f"{rule}（{CLAUSES[rule]}）{RULE_TITLES[rule]}：本期没有需要检查的项")
            continue
        counts = tally(mine)
        judged = f"（已判定 {counts.judged} 项，符合 {counts.met} 项）" if counts.judged and counts.total != counts.met else ""
        lines.append(f"{rule}（{CLAUSES[rule]}）{RULE_TITLES[rule]}：共 {counts.total} 项，{counts.verdict()}{judged}")
    problems = [f for f in findings if f.status == MISSED]
    if problems:
        lines.append("")
        lines.append("不符合的项：")
        for f in problems:
            cadre = ((labels or {}).get(f.cadre_id, f.cadre) if f.cadre_id is not None else f.cadre) if f.cadre else None
            subject = " ".join(x for x in (f.rule, f.date.isoformat() if f.date else None, cadre, f.household,
                                           f.item) if x)
            lines.append(f"  {subject}：{f.detail}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run the check and print the findings."""
    from village_tui.service import VillageService

    if args.assess and args.year is None:
        return _fail("--assess 只能与 --year 一起使用")
    try:
        year, month = parse_period(args.month, args.year)
        period = f"{year:04d}-{month:02d}" if month else f"{year:04d}"
        if not Path(args.data).is_dir():
            return _fail(no_village_message(args.data))
        service = VillageService.open(args.data, readonly=True)
    except (DomainError, OSError) as error:
        return _fail(error_text(error))
    try:
        broken = service.folder.broken_message()
        if broken:
            return _fail(broken)
        if not service.is_set_up():
            return _fail(no_village_message(args.data))
        other_level = village_only(service, args.data, "check")
        if other_level:
            return _fail(other_level)
        findings = service.month_findings(year, month) if month else service.year_findings(year)
        frozen = service.frozen_comparison(year, month, findings) if month else None
        assessment = service.yearly_assessment(year) if args.assess else None
        coverage = service.assessment_coverage(year)
        problems = service.office_problems(year, month)
        from village_tui.domain.scorecard import cadre_labels

        labels = cadre_labels(service.cadres(include_archived=True))
    except DomainError as error:
        return _fail(error_text(error))
    finally:
        service.close()
    if args.json:
        body: dict = {"period": period, "findings": findings_json(findings)}
        if frozen is not None and frozen.differs:
            body["frozen"] = frozen.to_json()  # the reported results beside today's, with the reasons
        if assessment is not None:
            body["assessment"] = [a.to_json() for a in assessment]
            body["coverage"] = coverage
        if problems:
            body["problems"] = [p.to_json() for p in problems]  # work out of office: counted for no rule
        print(json.dumps(body, ensure_ascii=False, indent=1))
    else:
        from village_tui.service.checks import MONTH_RULES, YEAR_RULES

        print(render_text(period, findings, MONTH_RULES if month else YEAR_RULES, labels))
        if problems:
            print()
            print(f"数据问题：{len(problems)} 条记录不在干部任期内，不计入任何规则，请核对后更正或作废：")
            print("\n".join(f"  {inert(p.line())}" for p in problems))
        if frozen is not None:
            print()
            print("\n".join(inert(line) for line in frozen.lines()))
        if assessment is not None:
            from village_tui.domain.assessment import render_assessment

            print()
            print(render_assessment(year, assessment, coverage))
    return EXIT_FINDINGS if any(f.status == MISSED for f in findings) else EXIT_OK
