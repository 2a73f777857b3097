"""F11 上报与导入 in the app, and export → verify → review on three demo villages."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from rich.cells import cell_len
from textual.widgets import Input, ProgressBar, Static

from exchange_fixtures import build_village, open_village
from screen_text import screen_lines
from village_tui.app import VillageApp
from village_tui.cli import main
from village_tui.exchange.manifest import read_manifest

demo = pytest.importorskip("village_tui.demo")


async def test_f11_exports_with_progress_and_shows_the_verification(tmp_path):
    service = open_village(build_village(tmp_path / "data", "东风村"))
    usb = tmp_path / "usb"
    usb.mkdir()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f11")
            await pilot.pause()
            assert type(app.screen).__name__ == "ExchangeScreen"
            app.screen.query_one("#export-dest", Input).value = str(usb)
            await pilot.press("ctrl+e")
            await app.workers.wait_for_complete()
            await pilot.pause()
            result = str(app.screen.query_one("#export-result", Static).render())
            assert "校验通过" in result and "已锁定2026年11月1日以前的记录" in result
            bar = app.screen.query_one("#export-progress", ProgressBar)
            assert bar.progress == bar.total
    finally:
        service.close()
    folder = next(usb.iterdir())
    assert read_manifest(folder).operator == "张建国"
    reopened = open_village(tmp_path / "data")
    assert reopened.settings().locked_before == date(2026, 11, 1)
    reopened.close()


async def test_f11_asks_for_a_destination_that_exists(tmp_path):
    service = open_village(build_village(tmp_path / "data", "东风村"))
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f11")
            await pilot.pause()
            app.screen.query_one("#export-dest", Input).value = str(tmp_path / "没有插U盘")
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert "重新插好" in str(app.screen.query_one(".field-error", Static).render())
    finally:
        service.close()
    assert service.settings().locked_before is None


def test_export_verify_review_on_three_demo_villages(tmp_path, capsys):
    usb = tmp_path / "usb"
    usb.mkdir()
    for seed, name in ((1, "桃源村"), (2, "杏花村"), (3, "李家庄")):
        folder = tmp_path / f"v{seed}"
        demo.generate_demo(folder, scale="small", seed=seed, until=date(2026, 11, 27))
        service = open_village(folder)
        settings = service.settings()
        settings.name = name
        service.save_settings(settings)
        service.close()
        assert main(["export", str(usb), "--data", str(folder)]) == 0
    exports = sorted(usb.iterdir())
    assert len(exports) == 3
    for folder in exports:
        assert main(["verify", str(folder)]) == 0
    capsys.readouterr()
    # The demo villages miss some rules in October, so review says so with exit code 1, as check does.
    assert main(["review", *map(str, exports), "--month", "2026-10", "--text"]) == 1
    out = capsys.readouterr().out
    assert all(f"{name}\t校验通过" in out for name in ("桃源村", "杏花村", "李家庄"))
    damaged = tmp_path / "damaged"
    shutil.copytree(exports[0], damaged)
    target = damaged / "data/2026/visits.json"
    data = bytearray(target.read_bytes())
    data[-10] ^= 0x20
    target.write_bytes(bytes(data))
    assert main(["verify", str(damaged)]) == 1
    assert "文件内容不一致：data/2026/visits.json" in capsys.readouterr().out


async def test_f11_writes_the_monthly_report(tmp_path):
    from openpyxl import load_workbook

    service = open_village(build_village(tmp_path / "data", "东风村"))
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f11")
            await pilot.pause()
            app.screen.query_one("#report-period", Input).value = "2026-10"
            app.screen.query_one("#report-file", Input).value = str(tmp_path / "十月月报")
            await pilot.press("ctrl+r")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "已生成2026年10月月报" in str(app.screen.query_one("#report-result", Static).render())
    finally:
        service.close()
    book = load_workbook(tmp_path / "十月月报.xlsx")
    assert "民情台账" in book.sheetnames
    assert len(book["月度趋势"]._charts) == 1 and book["干部×规则"].conditional_formatting


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_f11_import_hint_wraps_as_one_paragraph(tmp_path, size):
    """The reply-package sentence fills its rows: no short row is left after 「时间」 at 80 or 100 columns."""
    service = open_village(build_village(tmp_path / "data", "东风村"))
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press("f11")
            await pilot.pause()
            rows = [row.rstrip() for row in screen_lines(app)]
            start = next(i for i, row in enumerate(rows) if row.lstrip().startswith("乡镇发回的回复包"))
            end = next(i for i in range(start, len(rows)) if rows[i].endswith("。"))
            for row in rows[start:end]:  # every row but the sentence's last is filled to the window's edge
                assert cell_len(row) >= size[0] - 4, row
            assert "回复-乡镇-村-日期-时间" in "".join(rows[start:end + 1])
    finally:
        service.close()
