"""The export to a USB stick: snapshot, masking, workbook, manifest, then read back and verify.

The export is written into ``<name>.partial`` and renamed when complete, so a
stick pulled out in the middle never holds a folder that looks like a whole
export. After a verified export the months before the export's month are
locked (:func:`lock_period`): a later change there needs a reason and is
audited as a correction (更正). Before the copy, the findings of the months it
reports are frozen into the data folder (``findings-YYYY-MM.json``), so the
export carries what the village saw.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from village_tui import __version__
from village_tui.domain.safe_text import inert
from village_tui.domain import clock
from village_tui.exchange.manifest import DATA_DIR, MANIFEST_NAME, FileEntry, Manifest, count_records, write_manifest
from village_tui.exchange.masking import Masker, mask_text
from village_tui.exchange.report_data import year_ledgers
from village_tui.exchange.signature import write_signature
from village_tui.exchange.xlsx_stream import stream_workbook_bytes
from village_tui.exchange.verify import VerifyResult, verify_copy
from village_tui.store.api import SCHEMA_VERSION, atomic_write_bytes, fsync_dir, rename, take_snapshot

if TYPE_CHECKING:
    from village_tui.service import VillageService

# progress(done, total, Chinese label of the step)
Progress = Callable[[int, int, str], None]
_CHINA = timezone(timedelta(hours=8))
_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+')  # not allowed in FAT32/NTFS names
_PARTIAL = ".partial"
_EXPORT_NAME = re.compile(r"^.+-\d{8}-\d{4}(-\d+)?$")
_EXTRA_STEPS = 3  # workbook, manifest, verification


@dataclass
class ExportResult:
    """What an export wrote and what the read-back found.

    Attributes:
        folder: The export folder on the stick.
        manifest: The manifest written.
        verify: The verification of the copy just written.
        frozen: The months (``YYYY-MM``) whose findings this export froze.
        cleaned: Unfinished export folders (``…partial``) of interrupted exports that this export removed.
    """

    folder: Path
    manifest: Manifest
    verify: VerifyResult
    frozen: list[str] = field(default_factory=list)
    cleaned: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The outcome in plain Chinese."""
        m = self.manifest
        lines = [f"已导出到：{self.folder}",
                 "个人信息：已遮盖（身份证号只留前6位和后4位，电话只留前3位和后4位，敏感事项不含内容）" if m.masked
                 else "个人信息：未遮盖（完整身份证号和电话），请妥善保管U盘"]
        if not m.locked:
            lines.append(f"注意：{m.lock_note}，副本可能不是同一时刻的数据。")
        if self.cleaned:
            lines.append(f"已删除上次中断的导出留下的未完成文件夹：{'、'.join(self.cleaned)}")
        if self.frozen:
            lines.append(f"检查结果：{'、'.join(self.frozen)} 的检查结果已保存（findings-年-月.json）并随导出上报")
        return lines + self.verify.lines()[1:]


def export_name(village: str, when: datetime) -> str:
    """``桃源村-20261127-0930``: the village and the time, safe on any stick.

    Escape sequences, control and bidi characters of a stored name are dropped, and the
    characters FAT32 and NTFS refuse become ``_``.
    """
    name = _UNSAFE.sub("_", inert(village)).strip("._") or "村"
    return f"{name}-{when:%Y%m%d-%H%M}"


def export_operator(service: VillageService) -> str:
    """Who exports: the signed-in cadre, or (from the command line) the cadre who signed in last."""
    if service.operator is not None:
        return service.operator.name
    last = service.settings().last_operator_id
    return service.cadre_names().get(last, service.operator_name) if last is not None else service.operator_name


def remove_unfinished_exports(root: Path) -> list[str]:
    """Remove the ``…partial`` folders that interrupted exports left in ``root`` (a kill, a pulled stick).

    Only folders named like an export (``桃源村-20261127-0930.partial``) are touched.

    Returns:
        The names of the folders removed.
    """
    removed = []
    for left in sorted(root.glob("*" + _PARTIAL)) if root.is_dir() else ():
        if left.is_dir() and _EXPORT_NAME.match(left.name[:-len(_PARTIAL)]):
            shutil.rmtree(left, ignore_errors=True)
            if not left.exists():
                removed.append(left.name)
    return removed


def _free_folder(root: Path, name: str) -> Path:
    target, number = root / name, 2
    while target.exists() or target.with_name(target.name + _PARTIAL).exists():
        target, number = root / f"{name}-{number}", number + 1
    return target


def export_village(service: VillageService, dest_root: Path | str, masked: bool = True, progress: Progress | None = None,
                   now: datetime | None = None) -> ExportResult:
    """Export the service's data folder into ``dest_root/<village>-<YYYYMMDD-HHMM>/`` and verify it.

    The service holds the folder (its lock) for the copy; opened read-only
    because another program holds it, the copy is still made and the
    manifest says it was taken without the lock.

    Args:
        service: The opened VillageService of the data folder.
        dest_root: Where to put the export folder (the stick).
        masked: Mask ID numbers, phones and sensitive items (the default).
        progress: Called after each step.
        now: The export time (default: now in China).

    Returns:
        The export folder, its manifest and the verification.

    The manifest is signed with the village's key (made now for a folder that has none, audited).

    Raises:
        DomainError: The folder has no signing key and is open read-only.
        OSError: The stick cannot be written (full, pulled out, write-protected).
        ValueError: The service has no data folder on disk.
        BrokenDataFile: A data file does not parse or is of the wrong shape; nothing was written.
    """
    # Every file is read and checked before anything is written: a broken or wrong-shaped file
    # is never sent to the township (and the masking never meets one it cannot parse).
    service.folder.check_every_file()
    service.make_signing_key()  # before the copy: a key made now is in the settings the export carries
    dest_root = Path(dest_root)
    settings = service.settings()
    moment = now or clock.now()
    when = datetime.combine(service.today, moment.time())
    shown = mask_text if masked else str  # text of the manifest and of names on the stick
    cleaned = remove_unfinished_exports(dest_root)
    final = _free_folder(dest_root, export_name(shown(settings.name), when))
    partial = final.with_name(final.name + _PARTIAL)
    frozen = service.freeze_reported_months(service.today, export_operator(service))
    total = len(service.folder.data_files()) + _EXTRA_STEPS
    report = progress or (lambda done, all_, label: None)

    counts: dict[str, int] = {}
    masker = Masker()

    def transform(relative: str, data: bytes) -> bytes:
        if masked:
            return masker(relative, data)
        count_records(relative, data, counts)
        return data

    snapshot = take_snapshot(service.folder, partial / DATA_DIR, transform,
                             lambda done, _all, name: report(done, total, f"复制 {name}"))
    files = {f"{DATA_DIR}/{f.relative}": FileEntry(f.size, f.sha256) for f in snapshot.files}
    year = service.today.year
    book_name = f"{export_name(shown(settings.name), when).rsplit('-', 2)[0]}-{year}年台账.xlsx"
    book = stream_workbook_bytes(year_ledgers(service, year, masked=masked))
    atomic_write_bytes(partial / book_name, book)
    files[book_name] = FileEntry(len(book), hashlib.sha256(book).hexdigest())
    report(total - 2, total, "写入Excel台账")
    manifest = Manifest(
        village=shown(settings.name), township=shown(settings.township), county=shown(settings.county),
        schema=SCHEMA_VERSION, program=__version__, time=when.strftime("%Y-%m-%d %H:%M:%S"),
        operator=shown(export_operator(service)),
        masked=masked, locked=snapshot.locked, lock_note=snapshot.note, year=year,
        counts=masker.counts if masked else counts, files=files,
        masked_audit=masker.masked_audit if masked else [])
    public, signature = service.sign(write_manifest(partial, manifest).read_bytes())
    write_signature(partial, MANIFEST_NAME, public, signature)
    fsync_dir(partial)
    rename(partial, final)
    fsync_dir(dest_root)
    report(total - 1, total, "写入清单")
    verified = verify_copy(final, facts=False)  # the manifest was made from this data a moment ago
    report(total, total, "校验完成")
    return ExportResult(final, manifest, verified, frozen, cleaned)


def lock_period(service: VillageService, export_day: date) -> date | None:
    """Lock the months before the export's month (records dated before its first day).

    Returns:
        The new ``locked_before`` day, or None when nothing changed (read-only
        folder, or an equal or later lock already set).
    """
    if service.readonly:
        return None
    first = export_day.replace(day=1)
    settings = service.settings()
    if settings.locked_before is not None and settings.locked_before >= first:
        return None
    settings.locked_before = first
    service.save_settings(settings)
    return first
