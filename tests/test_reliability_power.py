"""Power cut during a save (issue 13.1): reopening shows the state before or after, never a mix.

A power cut runs no clean-up code, so each fault raises :class:`PowerCut` (a
``BaseException``, like the end of the process) and the test then puts back on
disk what a real cut would leave there: the temp file, cut short where the
unsynced part was dropped, or the old file when the rename was not yet durable.
"""

from __future__ import annotations

import os
import random
from datetime import date
from pathlib import Path

import pytest

from store_samples import parse_every_file, sample
from village_tui.store import DataFolder, RecordStore, atomic

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
        return {"households": store.all("households"), "visits": store.all("visits", 2026)}
    finally:
        folder.close()


def prepared(root: Path) -> dict:
    folder = DataFolder(root, today=TODAY)
    store = RecordStore(folder)
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


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("cut_at", [1, 2], ids=["data_file", "audit_file"])
@pytest.mark.parametrize("save", ["insert_visit", "update_household", "first_visit_of_a_year"])
def test_power_cut_leaves_before_or_after_never_a_mix(tmp_path, monkeypatch, mode, cut_at, save):
    root = tmp_path / "data"
    before = prepared(root)
    folder = DataFolder(root, today=TODAY)
    store = RecordStore(folder)
    leftovers = install_fault(monkeypatch, mode, cut_at, random.Random(f"{mode}{cut_at}{save}"))
    with pytest.raises(PowerCut):
        if save == "update_household":
            household = store.get("households", 1)
            household.address = "桃源村3组新址"
            store.update(household, "单雄信")
        else:
            day = date(2026, 11, 26) if save == "insert_visit" else date(2027, 1, 2)
            store.insert(sample("visits", day=day, text="桃源村新记录"), "单雄信")
        pytest.fail("the fault was not reached")
    monkeypatch.undo()
    put_back(leftovers)
    folder.close()  # the dead program's lock goes with it
    parse_every_file(root)  # temp files are named .x.json.PID.tmp and are not data files
    after = state(root)
    if save == "update_household":
        assert [h.address for h in after["households"]] in (["桃源村2组"], ["桃源村3组新址"])
        assert after["visits"] == before["visits"]
    else:
        assert after["households"] == before["households"]
        old = [v.learned for v in before["visits"]]
        assert [v.learned for v in after["visits"]] in (old, old + ["桃源村新记录"])
        assert after["visits"][:len(old)] == before["visits"]
        if save == "first_visit_of_a_year":
            reopened = DataFolder(root, today=TODAY)
            visits_2027 = RecordStore(reopened).all("visits", 2027)
            reopened.close()
            assert [v.learned for v in visits_2027] in ([], ["桃源村新记录"])
    if cut_at == 1 and mode != "cut_after_rename":
        assert after == before, "a save cut before its data file was in place must leave the old state"
