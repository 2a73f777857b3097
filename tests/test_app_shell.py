"""Pilot tests of the app shell: first-run setup, sign-in, header, navigation and the palette."""

from __future__ import annotations

import io

from rich.console import Console

from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from app_fixtures import TODAY, make_village
from village_tui.app import VillageApp
from village_tui.screens.areas import AREAS
from village_tui.service import VillageService
from village_tui.widgets.village_header import VillageHeader


async def test_first_run_setup_then_sign_in():
    service = VillageService.in_memory(today=TODAY)
    app = VillageApp(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not service.is_set_up()
        assert "请填写村名" in str(app.screen.query_one("#form-message").render()) or app.screen.query(".-bad")
        for selector, value in (("#name", "东风村"), ("#township", "青山镇"), ("#county", "田县"),
                                ("#groups", "1组、2组"), ("#cadre_name", "张建国"), ("#cadre_term", "2024-01-05")):
            app.screen.query_one(selector, Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert service.settings().groups == ["1组", "2组"]
        assert [c.name for c in service.cadres()] == ["张建国"]
        assert type(app.screen).__name__ == "SignInScreen"
        await pilot.press("enter")
        await pilot.pause()
        assert service.operator.name == "张建国"
        assert app.current_mode == "f2"  # 首页


async def test_sign_in_preselects_last_operator():
    service = make_village()
    settings = service.settings()
    settings.last_operator_id = service.cadres()[1].id
    service.save_settings(settings)
    app = VillageApp(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "SignInScreen"
        assert app.screen.query_one(OptionList).highlighted == 1
        where = str(app.screen.query_one("#where").render())
        assert "演示村的数据在" in where and ".village-tui" in where and "--demo" in where
        await pilot.press("f1")  # the footer shows F1 帮助 here too
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "SignInScreen" and service.operator is None
        await pilot.press("f5")  # an area key before anyone signed in stays on the sign-in
        await pilot.pause()
        assert type(app.screen).__name__ == "SignInScreen" and service.operator is None
        await pilot.press("enter")
        await pilot.pause()
        assert service.operator.name == "李秀英"
        header = app.screen.query_one(VillageHeader).render().plain
        assert "东风村" in header and "2026年11月27日 星期五" in header and "李秀英" in header


async def test_function_keys_open_every_area_and_esc_goes_back():
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for area in AREAS:
            await pilot.press(area.key)
            await pilot.pause()
            expected = area.screen.rsplit(":", 1)[1]
            assert type(app.screen).__name__ == expected, area.name
            assert app.screen.query(VillageHeader)
            if area.key == "f1":
                await pilot.press("escape")
                await pilot.pause()
                assert type(app.screen).__name__ != "HelpScreen"


async def test_help_lists_keys_and_rules():
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        console = Console(width=80, file=io.StringIO(), record=True)
        console.print(app.screen.query_one("Static").content)
        lines = console.export_text().splitlines()
        # The rules follow after a space, split by spaces, so a line never breaks inside one (issue 28).
        assert any(line.split()[:2] == ["F3", "农户：农户名册：查找、新增、修改、归档农户，查看农户档案"]
                   for line in lines if line.strip())
        assert "（R5 R7 R8）" in " ".join(line.strip() for line in lines)
        assert any("R12" in line and "每人结对帮扶困难群众1户以上" in line for line in lines)
        await pilot.press("escape", "f7")
        await pilot.pause()
        footer_keys = {k.description for k in app.screen.query("FooterKey")}
        assert "类别设置" not in footer_keys and "上月" not in footer_keys  # too many for 80 columns
        await pilot.press("f1")
        await pilot.pause()
        console = Console(width=80, file=io.StringIO(), record=True)
        console.print(app.screen.query_one("Static").content)
        shown = console.export_text()
        assert "本屏按键（民情台账）" in shown  # the keys the footer leaves out are in F1
        assert any(line.split()[:2] == ["e", "类别设置"] for line in shown.splitlines())
        assert any(line.split()[:2] == ["[", "上月"] for line in shown.splitlines())
        # The list's own keys are Textual's, described in English: they are not listed as the screen's.
        assert not {"Select", "Cursor right", "Page up", "Bottom"} & {line.split(maxsplit=1)[-1].strip()
                                                                      for line in shown.splitlines() if line.strip()}


async def _palette(pilot, app, query: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    for ch in query:
        await pilot.press(ch)
    await app.screen.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


async def test_palette_finds_areas_by_pinyin_initials():
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _palette(pilot, app, "gb")
        assert type(app.screen).__name__ == "CadresScreen"
        await _palette(pilot, app, "sz")
        assert type(app.screen).__name__ == "SettingsScreen"
        await _palette(pilot, app, "农户")
        assert type(app.screen).__name__ == "HouseholdsScreen"


async def test_palette_runs_an_action_by_initials():
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        await _palette(pilot, app, "xznh")
        assert type(app.screen).__name__ == "HouseholdFormScreen"


async def test_palette_finds_help_examples_full_pinyin_and_says_when_nothing_matches():
    from textual.command import CommandList, SearchIcon

    from village_tui.screens.shell.help import help_text

    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(help_text())
    shown = console.export_text()
    assert "xznh" in shown and "qj" in shown
    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _palette(pilot, app, "xzh")  # the initials in order, as cadres abbreviate
        assert type(app.screen).__name__ == "HouseholdFormScreen"
        await pilot.press("escape")
        await pilot.pause()
        await _palette(pilot, app, "qingjia")
        assert type(app.screen).__name__ == "LeaveDialog"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert str(palette.query_one(SearchIcon).render()) == ">"
        for ch in "zzzq":
            await pilot.press(ch)
        await palette.workers.wait_for_complete()
        await pilot.pause()
        options = palette.query_one(CommandList)
        texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("没有找到「zzzq」" in t for t in texts), texts
        assert not any("No matches" in t for t in texts)
        import html
        import unicodedata

        shot = html.unescape(app.export_screenshot())
        assert "🔎" not in shot
        assert not {ch for ch in shot if ord(ch) > 127 and unicodedata.east_asian_width(ch) == "A"}, "like ▔"
