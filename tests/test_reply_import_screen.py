"""F11's import applies a township reply package as ``village-tui import PACKAGE`` does (issue 27).

Preview of what it will record, Ctrl+S to record, audited under the signed-in cadre; a package
for another village, unsigned, tampered or signed with another key is refused with its reason and
nothing is written; importing the same package again changes nothing.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, Static

from exchange_fixtures import build_village, open_village, tree_state
from village_tui.app import VillageApp
from village_tui.cli import main
from village_tui.screens.exchange.import_screen import ImportScreen

TOWNSHIP, COUNTY = "青山镇", "田县"


def _village(root: Path, name: str) -> tuple[Path, str]:
    path = build_village(root / name, name)
    service = open_village(path)
    try:
        service.sign_in(service.cadres()[0].id)
        road = next(i for i in service.ledger_items(2026) if i.category == "行路")
        service.escalate(road.id, "乡镇", date(2026, 10, 20))
        return path, road.id
    finally:
        service.close()


def _files(path: Path) -> dict:
    return {k: v for k, v in tree_state(path).items() if not k.startswith(("backups", ".lock", "lock"))}


@pytest.fixture
def package(tmp_path) -> tuple[Path, str, Path]:
    village, number = _village(tmp_path, "桃源村")
    stick, township = tmp_path / "stick", tmp_path / "乡镇"
    stick.mkdir()
    assert main(["export", str(stick), "--data", str(village)]) == 0
    (export,) = stick.iterdir()
    assert main(["township", "receive", str(export), "--data", str(township),
                 "--township", TOWNSHIP, "--county", COUNTY]) == 0
    assert main(["township", "reply", "--data", str(township), "--village", "桃源村", "--item", number,
                 "--text", "已列入明年村道硬化计划", "--operator", "李站长"]) == 0
    out = tmp_path / "回复"
    out.mkdir()
    assert main(["township", "send", str(out), "--data", str(township)]) == 0
    (folder,) = out.iterdir()
    return village, number, folder


async def _check(app, pilot, path: Path) -> ImportScreen:
    await pilot.pause()
    await app.run_area_action("f11", "import_sheet")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-path", Input).value = str(path)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def _summary(screen) -> str:
    return str(screen.query_one("#import-summary", Static).render())


async def _started(app: VillageApp, pilot) -> None:
    """Wait until the app's start-up writes are done: the year files' check, then the day's backup, which
    folds the journal into the files in its own thread (a snapshot taken before it ends sees them change)."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    app.service.folder.wait_for_backup()
    await pilot.pause()


async def _import(village: Path, path: Path) -> tuple[str, bool, bool]:
    """Open F11's import as the second cadre, check ``path`` and press Ctrl+S.

    Returns the preview, whether Ctrl+S was offered, and whether the check and Ctrl+S wrote anything.
    """
    service = open_village(village)
    try:
        app = VillageApp(service, operator_id=service.cadres()[1].id)
        async with app.run_test(size=(100, 30)) as pilot:
            await _started(app, pilot)
            before = _files(village)  # after signing in (which is audited)
            screen = await _check(app, pilot, path)
            text = _summary(screen)
            allowed = not screen.query_one("#import-confirm", Button).disabled
            await pilot.press("ctrl+s")
            await pilot.pause()
            return text, allowed, _files(village) != before
    finally:
        service.close()


async def test_preview_then_record_under_the_signed_in_cadre(package):
    village, number, folder = package
    service = open_village(village)
    try:
        operator = service.cadres()[1].name
    finally:
        service.close()
    service = open_village(village)
    try:
        app = VillageApp(service, operator_id=service.cadres()[1].id)
        async with app.run_test(size=(100, 30)) as pilot:
            await _started(app, pilot)
            before = _files(village)
            screen = await _check(app, pilot, folder)
            text = _summary(screen)
            table = screen.query_one("#import-replies", DataTable)
            assert table.display and not screen.query_one("#import-problems", DataTable).display
            rows = [[str(getattr(c, "plain", c)) for c in table.get_row_at(i)] for i in range(table.row_count)]
            assert rows == [[number, "行路", "乡镇答复", "已列入明年村道硬化计划", "2026年11月27日", "李站长"]]
            assert "1 条答复（见下表），校验和签名都通过" in text
            assert "首次收到青山镇的签名密钥" in text and f"操作人 {operator}" in text
            assert _files(village) == before  # nothing written by the preview
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, ImportScreen)
            step = service.ledger_item(number).escalations[-1]
            assert (step.level, step.reply, step.reply_day, step.signer) == (
                "乡镇", "已列入明年村道硬化计划", date(2026, 11, 27), "李站长")
            entries = [e for e in service.records.audit.for_record("ledger", number) if e.action == "乡镇答复"]
            assert [e.operator for e in entries] == [operator]
    finally:
        service.close()
    # The same package again: the preview says so, Ctrl+S writes nothing.
    text, allowed, written = await _import(village, folder)
    assert "已经导入过" in text and not allowed and not written


async def test_package_for_another_village_is_refused(package, tmp_path):
    folder = package[2]
    other, _ = _village(tmp_path, "杏花村")
    text, allowed, written = await _import(other, folder)
    assert "是给桃源村的，不是给本村（杏花村）的" in text and not allowed and not written


@pytest.mark.parametrize("harm, reason", [
    ("tamper", "文件内容与校验值不一致：replies.json"),
    ("unsign", "signature.json"),
])
async def test_tampered_or_unsigned_package_is_refused(package, harm, reason):
    village, number, folder = package
    if harm == "tamper":
        replies = folder / "replies.json"
        replies.write_text(replies.read_text("utf-8").replace("已列入明年村道硬化计划", "不予受理"), "utf-8")
    else:
        (folder / "signature.json").unlink()
    text, allowed, written = await _import(village, folder)
    assert "不能导入这个回复包" in text and reason in text and not allowed and not written
    service = open_village(village)
    try:
        assert service.ledger_item(number).escalations[-1].reply == ""
    finally:
        service.close()


async def test_package_signed_with_another_key_is_refused(package, tmp_path):
    village, number, folder = package
    await _import(village, folder)  # the township's key is now on the village's trust list
    forged = tmp_path / "forged"
    shutil.copytree(folder, forged)
    header = json.loads((forged / "header.json").read_text("utf-8"))
    header["sequence"] = 2
    (forged / "header.json").write_text(json.dumps(header, ensure_ascii=False), "utf-8")
    from test_township_signing import _resign
    import hashlib

    sums = json.loads((forged / "checksums.json").read_text("utf-8"))
    sums["header.json"] = hashlib.sha256((forged / "header.json").read_bytes()).hexdigest()
    (forged / "checksums.json").write_text(json.dumps(sums), "utf-8")
    _resign(forged, "checksums.json")
    text, allowed, written = await _import(village, forged)
    assert "青山镇的签名密钥与以前收到的不同" in text and not allowed and not written
