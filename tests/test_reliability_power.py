"""Power cut during a save or a compaction (issues 13.1, 18.1): never a mix, nothing acknowledged lost.

A save is one journal line: a cut leaves any prefix of it (perhaps followed by
zeroed blocks). A compaction is a series of atomic file writes and then the
emptying of the journal: a power cut runs no clean-up code, so each fault
raises :class:`PowerCut` (a ``BaseException``, like the end of the process)
and the test then puts back on disk what a real cut would leave there: the
temp file, cut short where the unsynced part was dropped, or the old file
when the rename was not yet durable.
"""

from __future__ import annotations

import os
import random
from datetime import date
from pathlib import Path

import pytest

from store_samples import parse_every_file, sample, settings
from village_tui.store import DataFolder, RecordStore, atomic
from village_tui.store.journal import JOURNAL_NAME
from village_tui.store.tamper import check_records

TODAY = date(2026, 11, 27)
MODES = ["fsync_drops_data", "rename_never_happens", "rename_not_durable", "cut_after_rename"]


class PowerCut(BaseException):
    """The power went; nothing after this point ran."""


def state(root: Path) -> dict:
    """What a user would see after opening the folder: every household and visit."""
    folder = DataFolder(root, today=TODAY)
    try:
        assert not folder.readonly, folder.readonly_reason
        assert folder.broken_files == []
        assert not list(root.rglob("*.tmp")), "temp files of the cut save must be removed at open"
        store = RecordStore(folder)
        assert store.audit.verify_chain() == []
        assert check_records(folder) == [], "verify raises no alarm"
        return {"households": store.all("households"), "visits": store.all("visits", 2026)}
    finally:
        folder.close()


def prepared(root: Path) -> dict:
    folder = DataFolder(root, today=TODAY)
    store = RecordStore(folder)
    store.save_settings(settings(), "单雄信")  # a village's settings come before its households
    store.insert(sample("households"), "单雄信")
    for n in range(5):
        store.insert(sample("visits", text=f"桃源村旧记录{n}"), "单雄信")
    folder.close()
    return state(root)


def install_fault(monkeypatch, mode: str, cut_at: int, rng: random.Random) -> list:
    """Make the ``cut_at``-th file write of the save fail like a power cut; returns what to put back."""
    leftovers: list[tuple[Path, bytes]] = []
    calls = {"n": 0}
    real_fsync, real_replace, real_fsync_dir = os.fsync, os.replace, atomic.fsync_dir
    current: dict[str, Path] = {}
    real_temp_path_for = atomic.temp_path_for

    def temp_path_for(path: Path) -> Path:
        calls["n"] += 1
        current["tmp"], current["target"] = real_temp_path_for(path), path
        current["old"] = path.read_bytes() if path.exists() else None
        return current["tmp"]

    def cutting(step: str) -> bool:
        return calls["n"] == cut_at and mode == step

    def fsync(fd: int) -> None:
        if cutting("fsync_drops_data") and os.path.isfile(current["tmp"]):
            data = current["tmp"].read_bytes()
            leftovers.append((current["tmp"], data[:rng.randrange(len(data) + 1)]))
            raise PowerCut
        real_fsync(fd)

    def replace(source, target) -> None:
        if cutting("rename_never_happens"):
            leftovers.append((Path(source), Path(source).read_bytes()))
            raise PowerCut
        real_replace(source, target)

    def fsync_dir(folder: Path) -> None:
        if cutting("rename_not_durable"):
            new = current["target"].read_bytes()
            leftovers.append((current["tmp"], new))
            if current["old"] is None:
                leftovers.append((current["target"], None))
            else:
                leftovers.append((current["target"], current["old"]))
            raise PowerCut
        if cutting("cut_after_rename"):
            raise PowerCut
        real_fsync_dir(folder)

    monkeypatch.setattr(atomic, "temp_path_for", temp_path_for)
    monkeypatch.setattr(atomic.os, "fsync", fsync)
    monkeypatch.setattr(atomic.os, "replace", replace)
    monkeypatch.setattr(atomic, "fsync_dir", fsync_dir)
    return leftovers


def put_back(leftovers: list[tuple[Path, bytes | None]]) -> None:
    """Leave on disk what the power cut left there."""
    for path, data in leftovers:
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)


def save(store: RecordStore, what: str) -> None:
    if what == "update_household":
        household = store.get("households", 1)
        household.address = "桃源村3组新址"
        store.update(household, "单雄信")
    else:
        day = date(2026, 11, 26) if what == "insert_visit" else date(2027, 1, 2)
        store.insert(sample("visits", day=day, text="桃源村新记录"), "单雄信")


def assert_before_or_after(before: dict, after: dict, what: str, root: Path) -> bool:
    """The state is the one before the save or the one after it; returns True for after."""
    if what == "update_household":
        assert [h.address for h in after["households"]] in (["桃源村2组"], ["桃源村3组新址"])
        assert after["visits"] == before["visits"]
        return after["households"][0].address == "桃源村3组新址"
    assert after["households"] == before["households"]
    old = [v.learned for v in before["visits"]]
    assert after["visits"][:len(old)] == before["visits"]
    if what == "first_visit_of_a_year":
        assert after["visits"] == before["visits"]
        reopened = DataFolder(root, today=TODAY)
        visits_2027 = RecordStore(reopened).all("visits", 2027)
        reopened.close()
        assert [v.learned for v in visits_2027] in ([], ["桃源村新记录"])
        return bool(visits_2027)
    assert [v.learned for v in after["visits"]] in (old, old + ["桃源村新记录"])
    return len(after["visits"]) > len(old)


SAVES = ["insert_visit", "update_household", "first_visit_of_a_year"]


@pytest.mark.parametrize("save_what", SAVES)
def test_power_cut_during_a_save_leaves_before_or_after_never_a_mix(tmp_path, save_what):
    """The save's journal line cut at every length (and followed by zeroed blocks, as a file system may
    leave): before the whole line is on disk, reopening shows the state before the save."""
    root = tmp_path / "data"
    before = prepared(root)
    journal_path = root / JOURNAL_NAME
    old = journal_path.read_bytes()
    folder = DataFolder(root, today=TODAY)
    save(RecordStore(folder), save_what)
    line = journal_path.read_bytes()[len(old):]
    assert line.endswith(b"\n") and line.count(b"\n") == 1, "one save, one line"
    folder._journal.close()
    folder._lock.release()  # the program died: nothing else runs
    rng = random.Random(save_what)
    cuts = sorted({0, 1, len(line) - 2, len(line) - 1, len(line), *rng.sample(range(len(line)), 12)})
    for cut in cuts:
        for zeros in (0, 4096):
            journal_path.write_bytes(old + line[:cut] + b"\0" * (zeros if cut < len(line) else 0))
            after = state(root)
            landed = assert_before_or_after(before, after, save_what, root)
            assert landed == (cut == len(line)), f"cut at {cut} of {len(line)} bytes"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("cut_at", [1, 2, 3, 4, 5])
def test_power_cut_during_compaction_loses_nothing(tmp_path, monkeypatch, mode, cut_at):
    """Compaction writes reference, 2026 and 2027 visits and the audit month, then empties the journal
    (five atomic writes): a cut at any step of any of them keeps every save."""
    root = tmp_path / "data"
    before = prepared(root)
    folder = DataFolder(root, today=TODAY)
    store = RecordStore(folder)
    for what in SAVES:
        save(store, what)
    leftovers = install_fault(monkeypatch, mode, cut_at, random.Random(f"{mode}{cut_at}"))
    with pytest.raises(PowerCut):
        folder.compact()
    monkeypatch.undo()
    put_back(leftovers)
    folder._journal.close()
    folder._lock.release()
    parse_every_file(root)
    after = state(root)
    assert [h.address for h in after["households"]] == ["桃源村3组新址"]
    assert [v.learned for v in after["visits"]] == [v.learned for v in before["visits"]] + ["桃源村新记录"]
    reopened = DataFolder(root, today=TODAY)
    assert [v.learned for v in RecordStore(reopened).all("visits", 2027)] == ["桃源村新记录"]
    reopened.close()
