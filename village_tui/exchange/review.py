"""The township's read-only review of many villages: a scorecard of rules × villages.

Each village is an export folder (``manifest.json`` + ``data/``) or a plain data
folder. It is opened read-only (no lock file, nothing written), checked for the
month or the year, and closed again before the next one, so a county's
hundreds of villages fit in memory one at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from village_tui.domain.assessment import year_months
from village_tui.domain.errors import DomainError
from village_tui.domain.findings import RULE_TITLES, Finding
from village_tui.exchange.manifest import DATA_DIR, MANIFEST_NAME, Manifest, read_manifest
from village_tui.exchange.report_data import month_findings, safe_findings
from village_tui.exchange.verify import verify_copy
from village_tui.store.storage import BrokenDataFile

RULES = sorted(RULE_TITLES, key=lambda r: int(r[1:]))
NOT_CHECKED = "-"


@dataclass
class VillageScore:
    """One village's row of the scorecard.

    Attributes:
        folder: The folder given on the command line.
        data: Its data folder.
        name: The village name (the folder's name when it cannot be read).
        manifest: The export's manifest, None for a plain data folder.
        verified: 校验通过 / 校验失败 / 未校验 (a plain data folder has nothing to check against).
        cells: ``"ok/total"`` per rule, or ``"-"`` when the rule was not checked.
        problems: Findings that did not hold.
        notes: Why something is missing from the row, in Chinese.
        unreadable: A data file could not be read or was of the wrong shape (the row is not scored).
    """

    folder: Path
    data: Path
    name: str
    manifest: Manifest | None = None
    verified: str = "未校验"
    cells: dict[str, str] = field(default_factory=dict)
    problems: int = 0
    notes: list[str] = field(default_factory=list)
    unreadable: bool = False


def data_folder_of(folder: Path | str) -> tuple[Path, Manifest | None]:
    """The data folder inside an export folder (or the folder itself) and the export's manifest."""
    folder = Path(folder)
    if (folder / MANIFEST_NAME).is_file() and (folder / DATA_DIR).is_dir():
        try:
            return folder / DATA_DIR, read_manifest(folder)
        except (OSError, ValueError):
            return folder / DATA_DIR, None
    return folder, None


def open_village(folder: Path | str):
    """A VillageService on a village's data, opened read-only.

    Raises:
        FileNotFoundError: The folder does not exist.
        DomainError: A file cannot be read.
    """
    from village_tui.service import VillageService

    data, _ = data_folder_of(folder)
    return VillageService.open(data, readonly=True)


def period_findings(service, year: int, month: int | None) -> tuple[list[Finding], bool]:
    """The findings of a month, or of a year (its year checks and every month begun).

    Rules whose checks are not written yet are left out.

    Returns:
        The findings and whether every check ran.
    """
    if month is not None:
        return month_findings(service, year, month)
    findings, complete = safe_findings(lambda: service.year_findings(year))
    for each in year_months(year, service.today):
        found, done = month_findings(service, year, each)
        findings += found
        complete = complete and done
    return findings, complete


def score_cells(findings: list[Finding]) -> dict[str, str]:
    """``"ok/total"`` for every rule with findings, ``"-"`` for the others."""
    cells = {}
    for rule in RULES:
        mine = [f for f in findings if f.rule == rule]
        cells[rule] = f"{sum(f.ok for f in mine)}/{len(mine)}" if mine else NOT_CHECKED
    return cells


def score_village(folder: Path | str, year: int, month: int | None, verify: bool = True) -> VillageScore:
    """Open one village read-only, check it for the period and close it."""
    data, manifest = data_folder_of(folder)
    score = VillageScore(Path(folder), data, Path(folder).name, manifest)
    if manifest is not None:
        score.name = manifest.village or score.name
        if verify:
            score.verified = "校验通过" if verify_copy(folder).ok else "校验失败"
    try:
        service = open_village(folder)
    except (DomainError, OSError) as error:
        score.notes.append(f"打不开：{error}")
        score.cells = {rule: NOT_CHECKED for rule in RULES}
        return score
    try:
        broken = service.folder.broken_message()
        if broken:
            score.notes.append(broken)
            score.unreadable = True
            score.cells = {rule: NOT_CHECKED for rule in RULES}
            return score
        if not service.is_set_up():
            score.notes.append("文件夹里没有村庄数据")
        else:
            score.name = service.settings().name or score.name
        findings, complete = period_findings(service, year, month)
    except DomainError as error:
        findings, complete = [], True
        score.notes.append(str(error))
        score.unreadable = score.unreadable or isinstance(error, BrokenDataFile)
    finally:
        service.close()
    if not complete:
        score.notes.append("部分规则的检查功能尚未完成，显示为「-」")
    score.cells = score_cells(findings)
    score.problems = sum(not f.ok for f in findings)
    return score


def scorecard(folders: list[Path | str], year: int, month: int | None, verify: bool = True) -> Iterator[VillageScore]:
    """Score each village in turn (one open at a time)."""
    for folder in folders:
        yield score_village(folder, year, month, verify)


def render_scorecard(period: str, rows: list[VillageScore]) -> str:
    """The scorecard as plain text: a line per village, then the notes."""
    lines = [f"检查期间：{period}（格中为「符合项/检查项」，「-」表示未检查或不适用）",
             "\t".join(["村", "校验", "不符合", *RULES])]
    for row in rows:
        lines.append("\t".join([row.name, row.verified, str(row.problems), *(row.cells.get(r, NOT_CHECKED)
                                                                           for r in RULES)]))
    for row in rows:
        lines += [f"{row.name}：{note}" for note in row.notes]
    return "\n".join(lines)
