"""The township's review reads each file of an export once, and hashes exactly the bytes it checked (issue 30)."""

from __future__ import annotations

import builtins
import collections
import io
import shutil
from pathlib import Path

import pytest

from exchange_fixtures import exported_villages
from village_tui.cli import main
from village_tui.exchange.review import score_village
from village_tui.store import folder as folder_module


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    return exported_villages(tmp_path_factory.mktemp("reads"), ("东风村", "红旗村"))


class _Counted:
    """A file handle that counts the whole reads of its file (a head-and-tail peek is not one)."""

    def __init__(self, handle, path: str, size: int, whole: collections.Counter) -> None:
        self._handle, self._path, self._size, self._whole = handle, path, size, whole
        self._read = 0

    def read(self, *args):
        data = self._handle.read(*args)
        before, self._read = self._read, self._read + len(data)
        if before < self._size <= self._read:
            self._whole[self._path] += 1
        return data

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._handle.close()


def _count_whole_reads(monkeypatch, root: Path) -> collections.Counter:
    whole: collections.Counter = collections.Counter()
    real_open = io.open
    prefix = str(root)

    def counting_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        name = str(file) if isinstance(file, (str, Path)) else ""
        if "r" in mode and "b" in mode and name.startswith(prefix) and Path(name).stat().st_size > 256:
            return _Counted(handle, name, Path(name).stat().st_size, whole)
        return handle

    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr(builtins, "open", counting_open)
    return whole


@pytest.mark.parametrize("roll_up", [False, True], ids=["text", "sqlite"])
def test_each_file_of_an_export_is_read_once_per_review(exports, tmp_path, monkeypatch, capsys, roll_up):
    # Before: every file was read for its SHA-256 and again when parsed, the audit files and the
    # reference parsed again for the manifest's facts, and the roll-up parsed old years the checks had read.
    whole = _count_whole_reads(monkeypatch, exports[0].parent)
    extra = ["--sqlite", str(tmp_path / "county.sqlite")] if roll_up else []
    main(["review", *map(str, exports), "--month", "2026-10", "--text", *extra])
    out = capsys.readouterr().out
    assert out.count("校验通过") == len(exports), out
    files = [p for folder in exports for p in folder.rglob("*") if p.is_file() and p.stat().st_size > 256]
    assert files
    assert {str(p): whole[str(p)] for p in files} == {str(p): 1 for p in files}


def test_a_file_put_back_after_it_was_parsed_still_fails_verification(exports, tmp_path, monkeypatch):
    # The review scores what it parsed: a visit changed on the stick, parsed, and the original put
    # back before the hash was taken must not pass as the exported copy.
    copy = tmp_path / exports[0].name
    shutil.copytree(exports[0], copy)
    path = copy / "data/2026/visits.json"
    original = path.read_bytes()
    path.write_bytes(original.replace("想办低保".encode(), "想办房子".encode()))
    real_init = folder_module.DataFolder.__init__

    def open_then_put_back(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        path.write_bytes(original)

    monkeypatch.setattr(folder_module.DataFolder, "__init__", open_then_put_back)
    assert score_village(copy, 2026, 10).verified == "校验失败"
