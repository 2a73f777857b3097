"""The township's read-only review of many villages: a scorecard of rules × villages.

Each village is an export folder (``manifest.json`` + ``data/``) or a plain data
folder. It is opened read-only (no lock file, nothing written), checked for the
month or the year, and closed again before the next one, so a county's
hundreds of villages fit in memory one at a time.

A month the village reported has its frozen findings (``findings-YYYY-MM.json``,
written by the export): the scorecard shows those, what the village saw, and a
rule whose result today differs shows both (``5/6→6/6``); the village is
flagged and its notes name the changed findings and the reasons given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from village_tui.domain.error_words import error_words
from village_tui.domain.assessment import year_months
from village_tui.domain.dates import month_bounds
from village_tui.domain.errors import DomainError
from village_tui.domain.findings import RULE_TITLES, Finding
from village_tui.domain.frozen import FrozenComparison
from village_tui.domain.safe_text import inert
from village_tui.domain.tally import tally, tally_by_rule
from village_tui.exchange.manifest import DATA_DIR, MANIFEST_NAME, FilesSeen, Manifest, read_signed_manifest
from village_tui.exchange.report_data import month_findings, safe_findings
from village_tui.exchange.upper_waiting import upper_waiting_lines
from village_tui.exchange.verify import check_audit_chain, verify_copy
from village_tui.store.api import BrokenDataFile

if TYPE_CHECKING:
    from village_tui.service import VillageService

RULES = sorted(RULE_TITLES, key=lambda r: int(r[1:]))
NOT_CHECKED = "-"
NOT_REPORTED, AGREES, DISAGREES = "未上报", "一致", "有更正"


@dataclass
class VillageScore:
    """One village's row of the scorecard.

    Attributes:
        folder: The folder given on the command line.
        data: Its data folder.
        name: The village name (the folder's name when it cannot be read).
        manifest: The export's manifest, None for a plain data folder.
        verified: 校验通过 / 校验失败 / 未校验 (a plain data folder has nothing to check against).
        cells: ``"met/judged"`` per rule (open apart: ``6/7，进行中24``), or ``"-"`` when the rule was not checked; for a reported
            month the reported result, ``"reported→today"`` where today's differs.
        problems: Findings that did not hold.
        reported: 上报结果: ``一致``, ``有更正`` (today's data disagree with what was reported),
            or ``未上报`` when no month of the period has frozen findings.
        notes: Why something is missing from the row, and what changed since it was reported, in Chinese.
        unreadable: A data file could not be read or was of the wrong shape (the row is not scored).
    """

    folder: Path
    data: Path
    name: str
    manifest: Manifest | None = None
    verified: str = "未校验"
    cells: dict[str, str] = field(default_factory=dict)
    problems: int = 0
    reported: str = NOT_REPORTED
    notes: list[str] = field(default_factory=list)
    unreadable: bool = False


def data_folder_of(folder: Path | str) -> tuple[Path, Manifest | None]:
    """The data folder inside an export folder (or the folder itself) and the export's manifest."""
    data, signed = _signed_data_folder(folder)
    return data, signed[0] if signed is not None else None


def _signed_data_folder(folder: Path | str) -> tuple[Path, tuple[Manifest, bytes] | None]:
    """The data folder and the export's manifest with the bytes it was read from (its signature covers them)."""
    folder = Path(folder)
    if (folder / MANIFEST_NAME).is_file() and (folder / DATA_DIR).is_dir():
        try:
            return folder / DATA_DIR, read_signed_manifest(folder)
        except (OSError, ValueError):
            return folder / DATA_DIR, None
    return folder, None


def open_village(folder: Path | str):
    """A VillageService on a village's data, opened read-only.

    Raises:
        FileNotFoundError: The folder does not exist.
        DomainError: A file cannot be read.
    """
    return _open_data(data_folder_of(folder)[0])


def _open_data(data: Path, on_read: Callable[[Path, bytes], None] | None = None, keep_reads: bool = False):
    """A VillageService on a data folder, opened read-only.

    Args:
        data: The data folder.
        on_read: Called with every file the open (and later use) parses and the bytes parsed.
        keep_reads: Keep every file parsed until it is released (the roll-up reads them all again).
    """
    from village_tui.domain import dates
    from village_tui.service import VillageService
    from village_tui.store.api import DataFolder

    if on_read is None and not keep_reads:
        return VillageService.open(data, readonly=True)
    return VillageService(DataFolder(data, readonly=True, today=dates.today(), on_read=on_read, keep_reads=keep_reads))


#: What the header of a village opened from the township's review names instead of a cadre.
REVIEW_VIEWER = "乡镇审阅（只看，不代表村干部操作）"
#: Why a village opened from the review cannot be changed (instead of the --readonly flag's words).
REVIEW_REASON = "乡镇审阅村里导出的数据，只供查看，不能修改"


def open_for_township(folder: Path | str):
    """A village opened read-only for the township's review: the header says the township looks, and why.

    A reason of the folder's own (a broken file, a newer schema) is kept as it is.

    Raises:
        FileNotFoundError: The folder does not exist.
        DomainError: A file cannot be read.
    """
    service = open_village(folder)
    if not service.folder.broken_files and "--readonly" in (service.folder.readonly_reason or ""):
        service.folder.readonly_reason = REVIEW_REASON
    service.viewer = REVIEW_VIEWER
    return service


def period_findings(service: VillageService, year: int, month: int | None) -> tuple[list[Finding], bool]:
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


def score_cells(findings: list[Finding] | list[dict]) -> dict[str, str]:
    """Met over judged for every rule with findings, open apart (``6/7，进行中24``), ``"-"`` for the others.

    Findings or their JSON (a reported month's frozen findings), counted by :func:`tally_by_rule`.
    """
    counts = tally_by_rule(findings)
    return {rule: counts[rule].cell(NOT_CHECKED) if rule in counts else NOT_CHECKED for rule in RULES}


def frozen_comparisons(service: VillageService, year: int, month: int | None, findings: list[Finding]) -> list[FrozenComparison]:
    """The reported month's frozen findings beside today's, or for a year every reported month of it."""
    if month is not None:
        found = service.frozen_comparison(year, month, findings)
        return [found] if found is not None else []
    periods = [p for p in service.frozen_months() if p.startswith(f"{year:04d}-")]
    return [c for p in periods if (c := service.frozen_comparison(year, int(p[5:]))) is not None]


def _show_reported(score: VillageScore, comparisons: list[FrozenComparison], month: int | None) -> None:
    """Put what the village reported into its row: the reported cells of a month, the flag and the changes."""
    if not comparisons:
        return
    changed = [c for c in comparisons if c.differs]
    score.reported = DISAGREES if changed else AGREES
    if month is not None:
        reported = score_cells(comparisons[0].frozen)
        score.cells = {rule: reported[rule] if reported[rule] == score.cells[rule]
                       else f"{reported[rule]}→{score.cells[rule]}" for rule in RULES}
    for comparison in changed:
        score.notes.append(f"{comparison.period}：")
        score.notes += comparison.lines()


def period_end(year: int, month: int | None) -> date:
    """The last day of the month reviewed, or of the year."""
    return month_bounds(year, month)[1] if month else date(year, 12, 31)


def score_village(folder: Path | str, year: int, month: int | None, verify: bool = True,
                  also: Callable[[VillageService, VillageScore], None] | None = None) -> VillageScore:
    """Open one village read-only, check it for the period and close it.

    Args:
        folder: An export folder or a data folder.
        year: The year checked.
        month: The month checked, or None for the whole year.
        verify: Check an export's manifest and audit chain.
        also: Called with the open service and the score of a readable, set-up village before
            it is closed (the county roll-up reads its records then, so each village opens once).
    """
    data, signed = _signed_data_folder(folder)
    manifest = signed[0] if signed is not None else None
    score = VillageScore(Path(folder), data, Path(folder).name, manifest)
    if manifest is not None:
        score.name = manifest.village or score.name
    checked = manifest is not None and verify
    seen = FilesSeen() if checked else None  # every file parsed, hashed as read: verification reads the rest only
    try:
        service = _open_data(data, on_read=seen, keep_reads=also is not None)
    except (DomainError, OSError) as error:
        if manifest is not None and verify:
            score.verified = "校验通过" if verify_copy(folder, seen=seen, signed=signed).ok else "校验失败"
        score.notes.append(f"打不开：{error_words(error)}")
        score.unreadable = True
        score.cells = {rule: NOT_CHECKED for rule in RULES}
        return score
    try:
        chain = None
        if checked:  # first: a broken audit file is named before the village is scored
            assert manifest is not None
            chain = check_audit_chain(data, manifest, service.folder)
        scored = _check_village(service, score, year, month, also)
        if checked:
            # The rest last, in the folder the checks used: each file is read once, and the hash is of the bytes parsed.
            score.verified = ("校验通过" if verify_copy(folder, opened=service.folder, seen=seen, signed=signed,
                                                      chain=chain).ok else "校验失败")
    finally:
        service.close()
    if scored is None:
        return score
    findings, complete, comparisons = scored
    if not complete:
        score.notes.append("部分规则的检查功能尚未完成，显示为「-」")
    score.cells = score_cells(findings)
    score.problems = tally(findings).missed
    _show_reported(score, comparisons, month)
    return score


def _check_village(service: VillageService, score: VillageScore, year: int, month: int | None,
                   also: Callable[[VillageService, VillageScore], None] | None):
    """The findings, completeness and reported comparisons of an open village, or None when a file is broken."""
    try:
        broken = service.folder.broken_message()
        if broken:
            score.notes.append(broken)
            score.unreadable = True
            score.cells = {rule: NOT_CHECKED for rule in RULES}
            return None
        if not service.is_set_up():
            score.notes.append("文件夹里没有村庄数据")
        else:
            score.name = service.settings().name or score.name
        findings, complete = period_findings(service, year, month)
        if service.is_set_up():
            score.notes += upper_waiting_lines(service, min(service.today, period_end(year, month)))
        try:
            comparisons = frozen_comparisons(service, year, month, findings)
        except BrokenDataFile as error:  # the reported results are unreadable; today's still count
            comparisons = []
            score.notes.append(f"上报时的检查结果无法读取：{error_words(error)}")
        if also is not None and service.is_set_up():
            also(service, score)
    except DomainError as error:
        findings, complete, comparisons = [], True, []
        score.notes.append(error_words(error))
        score.unreadable = score.unreadable or isinstance(error, BrokenDataFile)
    return findings, complete, comparisons


def scorecard(folders: Sequence[Path | str], year: int, month: int | None, verify: bool = True,
              also: Callable[[VillageService, VillageScore], None] | None = None) -> Iterator[VillageScore]:
    """Score each village in turn (one open at a time); ``also`` as in :func:`score_village`."""
    for folder in folders:
        yield score_village(folder, year, month, verify, also)


def render_scorecard(period: str, rows: list[VillageScore]) -> str:
    """The scorecard as plain text: a line per village, then the notes."""
    lines = [f"检查期间：{period}（格中为「符合项/已判定项」，「进行中N」为尚未到期、不计入判定的项，"
             "「-」表示未检查，「不适用」表示只记录不考核；"
             "已上报的月份为上报时的结果，「上报→现在」表示上报后有更正）",
             "\t".join(["村", "校验", "不符合", "上报结果", *RULES])]
    for row in rows:
        lines.append("\t".join([row.name, row.verified, str(row.problems), row.reported,
                                *(row.cells.get(r, NOT_CHECKED) for r in RULES)]))
    for row in rows:
        lines += [inert(f"{row.name}：{note}") for note in row.notes]
    return "\n".join(lines)
