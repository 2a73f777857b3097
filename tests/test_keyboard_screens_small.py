"""The smaller points of issue 28: defaults a cadre must not be caught by, texts that say what happened."""

from __future__ import annotations

from textual.widgets import Select

from tests.app_fixtures import make_village
from village_tui.app import VillageApp
from village_tui.screens.ledger.ledger_item_form import LedgerItemForm
from village_tui.widgets.forms.field import FormField


async def test_a_new_ledger_item_has_no_category_until_the_cadre_picks_one():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f7", "n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LedgerItemForm)
        await pilot.press(*"zxm", "enter", *"路灯坏了", "ctrl+s")
        await pilot.pause()
        assert app.screen is form  # not saved
        field = next(f for f in form.query(FormField) if f.name == "category")
        assert field.error == "请选择类别"
        assert app.focused is form.query_one("#category", Select)
        form.query_one("#category", Select).value = "其他"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        assert form.saved_record.category == "其他" and form.saved_record.content == "路灯坏了"


def test_verify_of_a_missing_folder_says_it_does_not_exist(tmp_path, capsys):
    import argparse

    from village_tui.commands.verify import run

    missing = tmp_path / "U盘" / "导出"
    assert run(argparse.Namespace(folder=str(missing))) == 1
    said = capsys.readouterr()
    assert "文件夹不存在" in said.err and str(missing) in said.err
    assert "不一致" not in said.out + said.err


def test_a_mistyped_data_path_is_refused_not_made_into_a_new_village(tmp_path, capsys):
    import argparse

    from village_tui.launch import launch_app

    typo = tmp_path / "dta"
    code = launch_app(argparse.Namespace(data=str(typo), readonly=False, demo=False, new=False))
    assert code == 2 and not typo.exists()
    said = capsys.readouterr().err
    assert "文件夹不存在" in said and str(typo) in said and "--new" in said
    deeper = tmp_path / "没有" / "data"
    assert launch_app(argparse.Namespace(data=str(deeper), readonly=False, demo=False, new=True)) == 2
    assert not deeper.parent.exists()


async def test_f4_special_period_starts_on_its_start_date():
    from village_tui.widgets.date_input import DateInput

    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#start", DateInput)


def test_help_never_breaks_a_rule_name_at_any_width():
    import io
    import re

    from rich.console import Console

    from village_tui.screens.shell.help import help_text

    for width in range(60, 101):  # the help's text column at 80 to 120 columns and more
        console = Console(width=width, file=io.StringIO(), record=True)
        console.print(help_text())
        lines = console.export_text().splitlines()
        broken = [(a, b) for a, b in zip(lines, lines[1:]) if re.search(r"R\d+$", a.rstrip()) and re.match(r"\s*\d", b)]
        assert not broken, (width, broken)


async def test_the_read_only_reason_is_shown_whole_at_80_columns(tmp_path):
    from village_tui.service import VillageService
    from village_tui.widgets.village_header import VillageHeader

    writable = VillageService.open(tmp_path / "村", today=make_village().today)
    make_village(writable)
    writable.close()
    service = VillageService.open(tmp_path / "村", readonly=True, today=writable.today)
    try:
        # As when another computer holds the folder: the reason is longer than a line at 80 columns.
        service.folder.readonly_reason = ("电脑 村部办公室 上的另一个程序（操作员 郭旺清），自 2026-12-07 00:29（北京时间）"
                                          "起正在使用这个数据文件夹，关闭那边后重新打开")
        app = VillageApp(service, operator_id=service.cadres()[0].id)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f3")
            await pilot.pause()
            header = app.screen.query_one(VillageHeader)
            shown = "".join(strip.text for strip in (header.render_line(y) for y in range(header.size.height)))
            reason = service.readonly_reason
            assert reason[-12:] in shown.replace(" ", "")
    finally:
        service.close()
