"""Pilot tests of the household registry: form validation, duplicates, picker, profile, read-only."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Select

from app_fixtures import TODAY, make_village, valid_id
from village_tui.app import VillageApp
from village_tui.store.audit import now_text
from village_tui.domain.models import Household, Visit
from village_tui.service import VillageService
from village_tui.widgets.household_picker import HouseholdPicker
from village_tui.widgets.village_header import VillageHeader


def _field_error(screen, name: str) -> str | None:
    return next(f for f in screen.query("FormField") if f.name == name).error


async def _open_app(pilot_size=(80, 24), service=None):
    service = service or make_village()
    return service, VillageApp(service, operator_id=service.cadres()[0].id)


async def test_add_household_bad_id_then_good():
    service, app = await _open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f3")  # the app opens on 首页 (F2)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert type(form).__name__ == "HouseholdFormScreen"
        bad = valid_id("11010519900303005")[:-1] + ("0" if valid_id("11010519900303005")[-1] != "0" else "1")
        form.query_one("#code", Input).value = "0005"
        form.query_one("#head", Input).value = "赵春生"
        form.query_one("#id_number", Input).value = bad
        form.query_one("#group", Select).value = "3组"
        await pilot.pause()
        assert "校验" in (_field_error(form, "id_number") or "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "校验" in _field_error(form, "id_number")
        assert [h.code for h in service.households()] == ["0001", "0002", "0003", "0004"]
        form.query_one("#id_number", Input).value = valid_id("11010519900303005")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "HouseholdsScreen"
        saved = service.household_by_code("0005")
        assert saved.head == "赵春生" and saved.group == "3组"
        table = app.screen.query_one(DataTable)
        assert table.row_count == 5
        assert table.get_row_at(table.cursor_row)[0].plain == "0005"


async def test_edit_household_with_bad_then_good_members():
    service, app = await _open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f3")  # the app opens on 首页 (F2)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#members", Input).value = "很多"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "人口应为" in _field_error(form, "members")
        assert service.household_by_code("0001").members == 1
        form.query_one("#members", Input).value = "4"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert service.household_by_code("0001").members == 4


async def test_duplicate_warning_needs_second_save():
    service, app = await _open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f3")  # the app opens on 首页 (F2)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#code", Input).value = "0009"
        form.query_one("#head", Input).value = "王大山"
        form.query_one("#group", Select).value = "1组"
        await pilot.press("ctrl+s")
        await pilot.pause()
        warning = form.query_one("#form-message").render().plain
        assert "可能重复" in warning and "0001" in warning
        assert len(service.households()) == 4
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(service.households()) == 5


async def _search(pilot, app, text: str) -> list[str]:
    picker = app.screen.query_one(HouseholdPicker)
    picker.query_one(Input).focus()
    picker.clear()
    await pilot.press(*text)
    await pilot.pause()
    return [h.code for h in picker.results]


async def test_picker_finds_by_initials_polyphonic_and_digits():
    service, app = await _open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f3")  # the app opens on 首页 (F2)
        assert await _search(pilot, app, "wds") == ["0001", "0004"]
        assert await _search(pilot, app, "zxm") == ["0002"]
        assert await _search(pilot, app, "sl") == ["0003"]
        assert await _search(pilot, app, "2222") == ["0003"]
        assert await _search(pilot, app, "曾") == ["0002"]
        assert await _search(pilot, app, "zengxiaoming") == ["0002"]  # full pinyin, the surname's reading
        assert await _search(pilot, app, "shanli") == ["0003"]
        picker = app.screen.query_one(HouseholdPicker)
        picker.query_one(Input).value = "２２２２"  # full-width digits from a Chinese input method
        await pilot.pause()
        assert [h.code for h in picker.results] == ["0003"]
        assert await _search(pilot, app, "qqqq") == []
        options = picker.query_one("OptionList")
        assert "没有找到「qqqq」的农户" in str(options.get_option_at_index(0).prompt)
        assert options.display and picker.has_class("-open")


async def test_picker_enter_opens_profile_with_history():
    service, app = await _open_app()
    hid = service.household_by_code("0002").id
    cadre = service.cadres()[1].id
    service.records.insert(Visit(day=date(2026, 11, 3), cadre_id=cadre, household_id=hid, learned="孩子上学困难"),
                           "张建国", "")
    service.records.insert(Visit(day=date(2025, 6, 9), cadre_id=cadre, household_id=hid, learned="房屋漏雨"),
                           "张建国", "")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f3")  # the app opens on 首页 (F2)
        await _search(pilot, app, "zxm")
        await pilot.press("enter")
        await pilot.pause()
        profile = app.screen
        assert type(profile).__name__ == "HouseholdProfileScreen"
        await profile.workers.wait_for_complete()
        await pilot.pause()
        table = profile.query_one(DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert [r[0] for r in rows] == ["2026年11月3日", "2025年6月9日"]
        assert rows[1][3].plain == "房屋漏雨"
        assert "110105********" in profile.query_one("#profile-head").render().plain
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HouseholdsScreen"


async def test_filters_by_group_and_away():
    service, app = await _open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f3")  # the app opens on 首页 (F2)
        screen = app.screen
        screen.query_one("#group", Select).value = "2组"
        await pilot.pause()
        table = screen.query_one(DataTable)
        assert [table.get_row_at(i)[0].plain for i in range(table.row_count)] == ["0002", "0004"]
        screen.query_one("#group", Select).clear()
        screen.query_one("#away", Select).value = "away"
        await pilot.pause()
        assert [table.get_row_at(i)[0].plain for i in range(table.row_count)] == ["0003"]
        assert "138****5678" not in str(table.get_row_at(0))


async def test_readonly_refuses_edits(tmp_path):
    writable = VillageService.open(tmp_path / "村", today=TODAY)
    make_village(writable)
    writable.close()
    service = VillageService.open(tmp_path / "村", readonly=True, today=TODAY)
    try:
        app = VillageApp(service, operator_id=service.cadres()[0].id)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f3")  # the app opens on 首页 (F2)
            assert "只读" in app.screen.query_one(VillageHeader).render().plain
            await pilot.press("n")
            await pilot.pause()
            assert type(app.screen).__name__ == "HouseholdsScreen"
            await app.run_area_action("f3", "new_household")
            await pilot.pause()
            assert type(app.screen).__name__ == "HouseholdsScreen"
            assert any("只读" in str(n.message) for n in app._notifications)
            await pilot.press("f10")
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            assert type(app.screen).__name__ == "CadresScreen"
    finally:
        service.close()


def _big_village() -> VillageService:
    """The four households of make_village and 246 more (250 in all: two pages), 0230 being 欧阳春花."""
    service = make_village()
    surnames, given = "赵钱孙周吴郑冯陈", ["文华", "建军", "桂兰", "玉梅", "志强", "春生"]
    for n in range(5, 251):
        head = "欧阳春花" if n == 230 else surnames[n % len(surnames)] + given[n % len(given)]
        service.save_household(Household(code=f"{n:04d}", head=head, group=f"{n % 3 + 1}组"))
    return service


def _codes(table) -> list[str]:
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)]


def _status(screen) -> str:
    return str(screen.query_one("#count").render())


async def test_list_pages_200_households_at_a_time():
    service, app = await _open_app(service=_big_village())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        screen, table = app.screen, app.screen.query_one(DataTable)
        assert table.row_count == 200 and _codes(table)[0] == "0001" and _codes(table)[-1] == "0200"
        assert "第1-200户，共250户" in _status(screen)
        await pilot.press("pagedown")
        await pilot.pause()
        assert _codes(table) == [f"{n:04d}" for n in range(201, 251)]
        assert "第201-250户，共250户" in _status(screen)
        await pilot.press("pagedown")  # no third page: the cursor moves down this page instead
        await pilot.pause()
        assert _codes(table)[0] == "0201" and table.row_count == 50 and table.cursor_row > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert table.row_count == 200 and _codes(table)[0] == "0001"
        screen.query_one("#group", Select).value = "2组"  # a filter lists its own pages
        await pilot.pause()
        assert "第1-84户，共84户" in _status(screen)
        assert all(table.get_row_at(i)[2].plain == "2组" for i in range(table.row_count))


async def test_household_on_page_two_found_opened_and_edited():
    service, app = await _open_app(service=_big_village())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert await _search(pilot, app, "oych") == ["0230"]
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HouseholdProfileScreen"
        assert "欧阳春花" in app.screen.query_one("#profile-head").render().plain
        await pilot.press("escape")
        await pilot.pause()
        screen, table = app.screen, app.screen.query_one(DataTable)
        table.focus()
        await pilot.press("pagedown")
        await pilot.pause()
        table.move_cursor(row=_codes(table).index("0230"))
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#members", Input).value = "5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and service.household_by_code("0230").members == 5
        assert "第201-250户" in _status(screen)  # the reload keeps the edited household's page and row
        assert table.get_row_at(table.cursor_row)[0].plain == "0230"
        assert table.get_row_at(table.cursor_row)[3] == "5"


async def test_enter_moves_to_the_next_field_of_the_household_form():
    service, app = await _open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#code", Input).focus()
        await pilot.press(*"0006", "enter")
        await pilot.pause()
        assert app.focused is form.query_one("#head", Input)
        form.query_one("#head", Input).value = "钱多多"
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is form.query_one("#id_number", Input)
        assert form.query_one("#code", Input).value == "0006"
        assert [h.code for h in service.households()] == ["0001", "0002", "0003", "0004"]  # Enter saves nothing


async def test_full_phone_is_shown_on_a_key_and_audited_next_code_suggested_groups_in_order():
    service, app = await _open_app()
    settings = service.settings()
    settings.groups = ["10组", "2组", "1组", "3组"]
    service.save_settings(settings)
    assert service.settings().groups == ["1组", "2组", "3组", "10组"]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert [str(o[0]) for o in screen.query_one("#group", Select)._options[1:]] == ["1组", "2组", "3组", "10组"]
        table = screen.query_one(DataTable)
        table.focus()
        await pilot.pause()
        assert "13812345678" not in app.export_screenshot()  # masked in the list
        await pilot.press("t")
        await pilot.pause()
        assert any("王大山户的电话：13812345678" in n.message for n in app._notifications)
        viewed = [e for e in service.records.audit.entries(now_text()[:7]) if e.action == "查看电话"]
        assert [(e.operator, e.record_id) for e in viewed] == [("张建国", str(service.household_by_code("0001").id))]
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HouseholdProfileScreen"
        await pilot.press("t")
        await pilot.pause()
        assert "电话 13812345678" in str(app.screen.query_one("#profile-head").render())
        assert len([e for e in service.records.audit.entries(now_text()[:7]) if e.action == "查看电话"]) == 2
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#code", Input).value == "0005"
        form.query_one("#group", Select).focus()
        await pilot.press("space")  # the drop-down opens; its own key is labelled in Chinese
        await pilot.pause()
        labels = [k.description for k in form.query("FooterKey")]
        assert "关闭列表" in labels and "Dismiss menu" not in labels
