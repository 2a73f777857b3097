"""Check an export against its manifest, its signature and its audit chain, without writing anything.

The manifest must be exactly as the village's key signed it (:mod:`village_tui.exchange.signature`):
a manifest resealed after a file was changed fails here even when every checksum agrees.

Also checks every record against the audit log (:mod:`village_tui.store.tamper`):
in a data folder, and in an unmasked export (masking rewrites the records).
Works on a write-protected stick: files are only read, and the data folder is
opened read-only (no lock file, no schema file, no temp-file cleanup).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from village_tui.domain.error_words import error_words, os_reason
from village_tui.domain.errors import DomainError
from village_tui.exchange.manifest import DATA_DIR, MANIFEST_NAME, FilesSeen, Manifest, read_signed_manifest
from village_tui.exchange.signature import SignatureCheck, check_signature

ADVICE = ("U盘上的副本与导出时不一致，不能上报。请把U盘重新插好（或换一个U盘），"
          "回到村里的电脑上重新导出一次，再用「village-tui verify」检查。")
RECORD_ADVICE = ("上面列出的记录不是通过本程序保存的（在程序之外被改动、删除或添加）。"
                 "请向经手人核实；数据文件夹 backups 里的备份保存着以前的版本。")
MASKED_NOTE = "注意：这是遮盖了个人信息的副本，记录内容已被改写，没有逐条核对记录（清单和审计日志已核对）。"


@dataclass
class VerifyResult:
    """The outcome of checking one export folder.

    Attributes:
        folder: The export folder.
        manifest: Its manifest, when it could be read.
        missing: Files the manifest lists that are not there.
        differing: Files whose size or SHA-256 differ from the manifest.
        extra: Data files that are there but not in the manifest.
        chain_problems: Problems of the audit log's hash chain, in Chinese.
        record_problems: Records changed, removed or added outside the program, in Chinese.
        errors: Other problems (no manifest, unreadable files), in Chinese.
        notes: What was not checked and why, in Chinese.
        data_folder: True when ``folder`` is a data folder, not an export.
        signature: The check of the manifest's signature (None for a data folder, or before the manifest was read).
    """

    folder: Path
    manifest: Manifest | None = None
    missing: list[str] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    chain_problems: list[str] = field(default_factory=list)
    record_problems: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    data_folder: bool = False
    signature: SignatureCheck | None = None

    @property
    def ok(self) -> bool:
        """True when the copy matches its manifest, the audit chain is intact and no record was tampered with."""
        return not (self.missing or self.differing or self.extra or self.chain_problems or self.record_problems
                    or self.errors or (self.signature is not None and not self.signature.ok))

    def lines(self) -> list[str]:
        """The result in plain Chinese, one line per problem (or one line saying all is well)."""
        lines = [f"检查：{self.folder}"]
        lines += [f"错误：{e}" for e in self.errors]
        if self.signature is not None and not self.signature.ok:
            lines.append(f"签名错误：{self.signature.problem}")
        lines += [f"缺少文件：{name}" for name in self.missing]
        lines += [f"文件内容不一致：{name}" for name in self.differing]
        lines += [f"清单中没有的文件：{name}" for name in self.extra]
        lines += [f"审计日志断链：{p}" for p in self.chain_problems]
        lines += [f"记录异常：{p}" for p in self.record_problems]
        lines += self.notes
        if self.ok and self.data_folder:
            lines.append("校验通过：审计日志完整，每条记录都与审计日志一致。")
        elif self.ok:
            count = len(self.manifest.files) if self.manifest else 0
            masked = "已遮盖个人信息" if self.manifest and self.manifest.masked else "未遮盖个人信息"
            lines.append(f"校验通过：{count} 个文件与清单一致，审计日志完整（{masked}）。")
            if self.signature is not None:
                lines.append(f"签名有效：{self.manifest.village if self.manifest else ''}的签名密钥指纹 "
                             f"{self.signature.fingerprint}（可打电话与该村核对）。")
            if self.manifest and not self.manifest.locked:
                lines.append(f"注意：{self.manifest.lock_note}，副本可能不是同一时刻的数据。")
        else:
            copy_bad = (self.missing or self.differing or self.extra or self.chain_problems or self.errors
                        or (self.signature is not None and not self.signature.ok))
            if copy_bad and not self.data_folder:
                lines.append(ADVICE)
            if self.record_problems:
                lines.append(RECORD_ADVICE)
        return lines


def verify_copy(folder: Path | str, records: bool = False, facts: bool = True, opened=None,
                seen: FilesSeen | None = None, signed: tuple[Manifest, bytes] | None = None,
                chain: list[str] | None = None) -> VerifyResult:
    """Check every file of an export folder against its manifest, then the audit chain.

    Each file is read once: the copy's data folder is opened with a :class:`FilesSeen` as its
    ``on_read``, so the SHA-256 compared with the manifest is that of the very bytes the chain,
    the records and the manifest's facts were checked on, and only the files nothing parsed are
    read for their hash.

    Args:
        folder: The export folder (holding ``manifest.json`` and ``data/``).
        records: Also check every record against the audit log (unmasked
            copies only; a masked copy gets a note instead).
        facts: Also check the manifest's counts, village and operator, and that every year
            the audit log names has its file (the export's own read-back skips this: it
            has just written the manifest from that very data).
        opened: The copy's data folder, already opened read-only by the caller (the review):
            its audit chain is checked there instead of opening and shape-checking it again.
        seen: The files ``opened`` has read (its ``on_read``): their hashes are taken from there.
        signed: The manifest and the bytes it was read from, when the caller has read it.
        chain: The audit chain's problems, when the caller checked it in ``opened`` already
            (:func:`check_audit_chain`; the review does so first, so a broken audit file is named
            before the village is scored).

    Returns:
        What is missing, differs or is extra, and any break in the audit chain.
    """
    folder = Path(folder)
    result = VerifyResult(folder)
    try:
        result.manifest, raw = signed if signed is not None else read_signed_manifest(folder)
    except FileNotFoundError:
        result.errors.append(f"找不到清单文件 {MANIFEST_NAME}，这不是一个完整的导出副本")
        return result
    except (OSError, ValueError) as error:
        result.errors.append(f"清单文件读不出来：{error_words(error)}")
        return result
    result.signature = check_signature(folder, MANIFEST_NAME, raw)
    seen = seen if seen is not None else FilesSeen()
    data = folder / DATA_DIR
    copy = None
    if data.is_dir() and opened is None:
        from village_tui.store.api import DataFolder

        try:  # opened once for the chain and the records; each file is parsed when the checks read it
            copy = opened = DataFolder(data, readonly=True, parse_at_open=False, on_read=seen)
        except (DomainError, OSError) as error:
            result.chain_problems = [f"数据文件夹打不开：{error_words(error)}"]
            if records and not result.manifest.masked:
                result.record_problems = [f"数据文件夹打不开：{error_words(error)}"]
    try:
        if opened is not None:  # the chain and the records first: the files they parse are not read again
            result.chain_problems = chain if chain is not None else check_audit_chain(data, result.manifest, opened)
            if records and not result.manifest.masked:
                result.record_problems = check_folder_records(data, opened)
        facts_problems: list[str] = []
        if data.is_dir() and facts:
            from village_tui.exchange.manifest_check import check_manifest_facts

            facts_problems = check_manifest_facts(data, result.manifest, seen, opened)
    finally:
        if copy is not None:
            copy.close()
    for name, entry in sorted(result.manifest.files.items()):
        path = folder / name
        if not path.is_file():
            result.missing.append(name)
            continue
        try:
            size, sha256, _ = seen.read(path)
        except OSError as error:
            result.errors.append(f"读不出 {name}：{os_reason(error)}")
            continue
        if size != entry.size or sha256 != entry.sha256:
            result.differing.append(name)
    if data.is_dir():
        listed = set(result.manifest.files)
        for path in sorted(data.rglob("*.json")):
            name = path.relative_to(folder).as_posix()
            if name not in listed and not path.name.startswith("."):
                result.extra.append(name)
    result.errors += facts_problems
    if data.is_dir() and records and result.manifest.masked:
        result.notes.append(MASKED_NOTE)
    return result


def verify_data_folder(folder: Path | str) -> VerifyResult:
    """Check a data folder in place: its audit chain, then every record against the audit log.

    Args:
        folder: The data folder (holding ``schema.json`` or ``reference.json``).
    """
    from village_tui.store.api import TORN_SAVE, AuditLog, DataFolder, check_records

    result = VerifyResult(Path(folder), data_folder=True)
    try:
        opened = DataFolder(folder, readonly=True, parse_at_open=False)
    except (DomainError, OSError) as error:
        result.errors.append(f"数据文件夹打不开：{error_words(error)}")
        return result
    if opened.seal_problem is not None:
        result.chain_problems.append(opened.seal_problem)
    if opened.torn_save_dropped:  # a crash, not tampering: reported, no alarm
        result.notes.append(f"注意：{TORN_SAVE}（这次保存没有完成，程序从未报告它已保存）。")
    try:
        sealed = opened.sealed_files()  # exactly as the program wrote them: not re-hashed record by record
        try:
            result.chain_problems += AuditLog(opened).verify_chain(sealed)
        except (DomainError, OSError) as error:
            result.errors.append(f"审计日志读不出来：{error_words(error)}")
        result.record_problems = check_records(opened, sealed)
    except (DomainError, OSError) as error:
        result.errors.append(f"数据文件读不出来：{error_words(error)}")
    finally:
        opened.close()
    named = {line.split(" ", 1)[0] for line in result.record_problems if " 无法读取" in line or " 格式不对" in line}
    for broken in opened.broken_files:  # found at open (the schema, a missing reference file, ...)
        relative = broken.path.relative_to(opened.path or broken.path.parent).as_posix()
        if relative not in named:
            result.errors.append(f"数据文件无法读取或格式不对：{opened.describe_broken(broken)}")
    return result


def check_folder_records(data: Path, opened=None) -> list[str]:
    """Records changed, removed or added outside the program in a data folder, opened read-only.

    Args:
        data: The data folder.
        opened: ``data`` already opened read-only (a ``DataFolder``); None opens it here.
    """
    from village_tui.store.api import DataFolder, check_records

    if opened is not None:
        try:
            return check_records(opened)
        except (DomainError, OSError) as error:
            return [f"数据文件读不出来：{error_words(error)}"]
    try:
        folder = DataFolder(data, readonly=True)
    except (DomainError, OSError) as error:
        return [f"数据文件夹打不开：{error_words(error)}"]
    try:
        return check_records(folder)
    except (DomainError, OSError) as error:
        return [f"数据文件读不出来：{error_words(error)}"]
    finally:
        folder.close()


def check_audit_chain(data: Path, manifest: Manifest, opened=None) -> list[str]:
    """The audit chain's problems in a copied data folder, opened read-only.

    Entries that masking changed cannot match their own hash; their links are
    still checked, and their content is covered by the file's SHA-256.

    Args:
        data: The copy's data folder.
        manifest: The copy's manifest.
        opened: ``data`` already opened read-only (a ``DataFolder``); None opens it here.
    """
    from village_tui.store.api import AuditLog, DataFolder

    expected = set()
    for ref in manifest.masked_audit:
        month, _, seq = ref.partition(":")
        expected.add(f"审计日志 {month}：第 {seq} 条内容被改动")
    if opened is not None:
        try:
            problems = AuditLog(opened).verify_chain()
        except (DomainError, OSError) as error:
            problems = [f"审计日志读不出来：{error}"]
        return [p for p in problems if p not in expected]
    try:
        folder = DataFolder(data, readonly=True)
    except (DomainError, OSError) as error:
        return [f"数据文件夹打不开：{error_words(error)}"]
    try:
        problems = AuditLog(folder).verify_chain()
    except (DomainError, OSError) as error:
        problems = [f"审计日志读不出来：{error_words(error)}"]
    finally:
        folder.close()
    return [p for p in problems if p not in expected]
