"""What a kill left, checked as a cadre would notice it (``kill_sweep.py``): broken, lost, half, alarm."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kill_sweep_commands import HOUSEHOLDS, JOURNAL_VISITS, TODAY
from village_tui.exchange.verify import verify_copy, verify_data_folder
from village_tui.store import DataFolder, RecordStore
from village_tui.store.backup import KEEP, list_backups, verify_backup

@dataclass
class Outcome:
    """What one kill left, in the sweep's four figures."""

    broken: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    half: list[str] = field(default_factory=list)
    alarm: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [f"{name}: {line}" for name in ("broken", "lost", "half", "alarm") for line in getattr(self, name)]


def tokens(store: RecordStore) -> dict[str, tuple[int, int]]:
    """Per import token: its households and its visits found in the folder."""
    counts: dict[str, list[int]] = {}
    for household in store.peek("households"):
        counts.setdefault(household.code.split("-")[0], [0, 0])[0] += 1
    for year in store.years("visits"):
        for visit in store.peek("visits", year):
            if visit.learned.startswith("导入"):
                counts.setdefault(visit.learned[2:-2], [0, 0])[1] += 1
    return {token: (h, v) for token, (h, v) in counts.items()}


def check_common(root: Path, acked: list[str], out: Outcome) -> RecordStore | None:
    """Verify, then open writable; returns a read-only store for the command's own checks."""
    if not root.exists():
        return None
    opened = DataFolder(root, today=TODAY)
    readonly, reason = opened.readonly, opened.readonly_reason
    opened.close()
    if readonly:
        out.broken.append(str(reason))
        return None
    result = verify_data_folder(root)
    if not result.ok:
        out.alarm.append(" / ".join(result.lines()[1:]))
    folder = DataFolder(root, readonly=True, today=TODAY)
    return RecordStore(folder)


def check_imports(store: RecordStore, acked: list[str], out: Outcome, before: set[str], new: str) -> None:
    counts = tokens(store)
    whole = (HOUSEHOLDS, 2 * HOUSEHOLDS)
    for token, found in counts.items():
        if found != whole:
            out.half.append(f"import {token}: {found}")
    for token in before:
        if counts.get(token) != whole:
            out.lost.append(f"import {token} (done before the command)")
    if f"import {new}" in acked and counts.get(new) != whole:
        out.lost.append(f"import {new} acknowledged")


def check_journal_visits(store: RecordStore, out: Outcome) -> None:
    learned = {v.learned for year in store.years("visits") for v in store.peek("visits", year)}
    missing = [n for n in range(JOURNAL_VISITS) if f"日志中的走访{n}" not in learned]
    if missing:
        out.lost.append(f"journal saves {missing}")


def check_import_new(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    store = check_common(root, acked, out)
    if store is not None:
        check_imports(store, acked, out, set(), "乙")
        store.folder.close()
    elif "import 乙" in acked and not root.exists():
        out.lost.append("import 乙 acknowledged, folder gone")


def check_import_existing(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    store = check_common(root, acked, out)
    if store is not None:
        check_imports(store, acked, out, {"甲"}, "乙")
        store.folder.close()


def check_setup(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    store = check_common(root, acked, out)
    if store is None:
        if "setup" in acked and not root.exists():
            out.lost.append("setup acknowledged, folder gone")
        return
    settings, cadres = store.settings(), store.all("cadres")
    store.folder.close()
    if (settings is None) != (not cadres) or (cadres and len(cadres) != 2):
        out.half.append(f"settings {settings is not None}, cadres {len(cadres)}")
    if "setup" in acked and (settings is None or len(cadres) != 2):
        out.lost.append("setup acknowledged")


def check_compaction(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    store = check_common(root, acked, out)
    if store is not None:
        check_imports(store, acked, out, {"甲"}, "")
        check_journal_visits(store, out)
        store.folder.close()


def check_backup(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    check_compaction(root, stick, acked, out)
    listed = list_backups(root)
    bad = [b.name for b in listed if not verify_backup(b)]
    if bad:
        out.half.append(f"backups listed but not whole: {bad}")
    if len(listed) - len(bad) < KEEP:
        out.lost.append(f"only {len(listed) - len(bad)} whole backups left")
    if "backup" in acked and not any(b.name == TODAY.isoformat() for b in listed):
        out.lost.append("backup acknowledged")


def check_restore(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    target = root / "2026" / "visits.json"
    if not target.exists():
        out.broken.append("2026/visits.json missing")
        return
    folder = DataFolder(root, readonly=True, today=TODAY)
    broken = [b.path for b in folder.broken_files]
    offered = folder.newest_backup_of(target) if broken else None
    folder.close()
    if broken:  # before the restore: still the broken file, and the backup still offered
        if broken != [target] or offered is None:
            out.broken.append(f"broken {broken}, backup offered {offered}")
        if "restore" in acked:
            out.lost.append("restore acknowledged")
        return
    store = check_common(root, acked, out)
    if store is not None:
        check_imports(store, acked, out, {"甲"}, "")
        store.folder.close()


def check_export(root: Path, stick: Path, acked: list[str], out: Outcome) -> None:
    check_compaction(root, stick, acked, out)
    finished = [p for p in stick.iterdir() if not p.name.endswith(".partial")] if stick.exists() else []
    for export in finished:
        result = verify_copy(export, records=True)
        if not result.ok:
            out.half.append(f"export {export.name}: {result.lines()[1:]}")
    if "export" in acked and not finished:
        out.lost.append("export acknowledged")
