"""Backups through the app: the day's first writable open makes one, the broken-file dialog restores from it."""

from __future__ import annotations

from textual.widgets import Button, Static

from app_fixtures import TODAY, make_village
from village_tui.app import VillageApp
from village_tui.imports import apply_plan
from village_tui.imports.plan import ImportPlan
from village_tui.screens.shell.broken_files import BrokenFilesScreen
from village_tui.service import VillageService


async def test_the_app_backs_up_and_the_broken_file_dialog_restores_from_the_backup(tmp_path):
    folder = tmp_path / "东风村 数据"
    make_village(VillageService.open(folder, today=TODAY)).close()
    assert not (folder / "backups").exists()

    service = VillageService.open(folder, today=TODAY)
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        service.folder.wait_for_backup()
    service.close()
    daily = folder / "backups" / TODAY.isoformat()
    audit = folder / "audit" / "2026-11.json"
    assert "东风村" in (daily / "reference.json").read_text(encoding="utf-8")
    good_audit = (daily / "audit" / "2026-11.json").read_bytes()
    assert "王大山".encode() in good_audit

    audit.write_text('{"audit": {"1": {"who": "张建', encoding="utf-8")  # a power cut mid-write
    service = VillageService.open(folder, today=TODAY)
    app = VillageApp(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, BrokenFilesScreen)
        assert f"最新备份：{TODAY.isoformat()}" in str(dialog.query_one("#broken-list", Static).render())
        await pilot.click("#restore")
        await pilot.pause()
        result = str(dialog.query_one("#broken-result", Static).render())
        assert "2026-11.json 已从备份恢复" in result
        assert dialog.query_one("#restore", Button).disabled
    service.close()
    assert audit.read_bytes() == good_audit
    assert any(p.name.startswith("2026-11.json.损坏-") for p in audit.parent.iterdir())
    before_restore = folder / "backups" / f"{TODAY.isoformat()}-恢复前"
    assert (before_restore / "reference.json").exists()
    assert not (before_restore / "audit" / "2026-11.json").exists(), "the broken file is never backed up"


def test_an_import_backs_up_first(tmp_path):
    folder = tmp_path / "村"
    service = make_village(VillageService.open(folder, today=TODAY))
    apply_plan(service, ImportPlan())
    service.close()
    assert (folder / "backups" / f"{TODAY.isoformat()}-导入前" / "reference.json").exists()
