"""Pilot tests of leave on F10 干部: add, overlap refused, cancel with a reason, and the planner skipping it."""

from __future__ import annotations

from datetime import date

from textual.widgets import Button, DataTable, Input, OptionList, Static

from village_tui.app import VillageApp
from village_tui.widgets.forms.unsaved_dialog import UnsavedDialog
from village_tui.domain.models import Cadre, VillageSettings
from village_tui.screens.cadres.cadres import CadresScreen
from village_tui.screens.duty.duty import DutyScreen
from village_tui.screens.duty.leave_dialog import LeaveDialog
from village_tui.service import VillageService
from village_tui.widgets.date_input import DateInput

TODAY = date(2026, 11, 27)


def make_service() -> VillageService:
    service = VillageService.in_memory(today=TODAY)
    service.save_settings(VillageSettings(name="桃源村", township="桃源镇", county="田县", groups=["1组"],
                                          duty_mode="轮班"))
    for name, role in (("王建国", "书记"), ("李秀英", "主任"), ("张伟", "委员")):
        service.save_cadre(Cadre(name=name, role=role, term_start=date(2021, 1, 1)))
    return service


async def open_leaves(app, pilot, row: int) -> LeaveDialog:
    await pilot.press("f10")
    await pilot.pause()
    assert isinstance(app.screen, CadresScreen)
    app.screen.query_one(DataTable).move_cursor(row=row)
    await pilot.press("l")
    await pilot.pause()
    assert isinstance(app.screen, LeaveDialog)
    return app.screen


async def type_leave(pilot, dialog: LeaveDialog, start: str, end: str, reason: str) -> None:
    dialog.query_one("#start", DateInput).value = start
    dialog.query_one("#end", DateInput).value = end
    dialog.query_one("#reason", Input).value = reason
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_leave_is_skipped_by_the_automatic_roster():
    service = make_service()
    zhang = service.cadres()[2]
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_leaves(app, pilot, 2)
        assert "张伟" in str(dialog.query_one(".dialog-title", Static).render())
        await type_leave(pilot, dialog, "2026-11-28", "2026-11-30", "[b]外出培训[/b]")
        leaves = dialog.query_one("#leaves", OptionList)
        assert leaves.option_count == 1
        assert "2026年11月28日 至 2026年11月30日（3天）  [b]外出培训[/b]" in str(leaves.get_option_at_index(0).prompt)
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_texts(2)["请假"] == "2026年11月28日起请假"
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, DutyScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        month = service.duty_month(2026, 11)
        for day in (28, 29, 30):
            rostered = month[date(2026, 11, day)].rostered
            assert rostered and zhang.id not in rostered
    assert service.cadre(zhang.id).leaves[0].reason == "[b]外出培训[/b]"


async def test_overlapping_leave_is_refused_and_a_leave_can_be_cancelled():
    service = make_service()
    li = service.cadres()[1]
    service.add_leave(li.id, date(2026, 12, 1), date(2026, 12, 5), "病假")
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_leaves(app, pilot, 1)
        await type_leave(pilot, dialog, "2026-12-04", "2026-12-08", "培训")
        error = str(dialog.query(".field-error").first().render())
        assert "与已有请假重叠（2026年12月1日起）" in error
        await type_leave(pilot, dialog, "2026-12-08", "2026-12-06", "培训")
        errors = [str(e.render()) for e in dialog.query(".field-error")]
        assert errors[0] == "" and "结束" in errors[1] and "早" in errors[1]
        assert len(service.cadre(li.id).leaves) == 1
        dialog.query_one("#leaves", OptionList).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"录入有误", "enter")
        await pilot.pause()
        assert app.screen is dialog
        listed = dialog.query_one("#leaves", OptionList)  # the cancelled leave stays listed, marked
        assert listed.option_count == 1 and "【已取消】" in str(listed.get_option_at_index(0).prompt)
        assert service.cadre(li.id).leaves == []
        await pilot.press("escape")  # the refused leave is still typed: the form asks first
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        app.screen.query_one("#discard", Button).press()
        await pilot.pause()
        await pilot.pause()
        assert str(app.screen.query_one(DataTable).get_row_at(1)[-1]) == ""
    entries = service.records.audit.for_record("cadres", str(li.id), months=1)
    assert any(e.action == "撤销请假" and e.reason == "录入有误" for e in entries)


async def test_read_only_refuses_leave(tmp_path):
    writable = VillageService.open(tmp_path, today=TODAY)
    writable.save_settings(VillageSettings(name="桃源村", township="桃源镇", county="田县", groups=["1组"]))
    secretary = writable.save_cadre(Cadre(name="王建国", role="书记", term_start=date(2021, 1, 1)))
    writable.close()
    service = VillageService.open(tmp_path, readonly=True, today=TODAY)
    app = VillageApp(service, operator_id=secretary.id)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f10")
            await pilot.pause()
            await pilot.press("l")
            await pilot.pause()
            assert isinstance(app.screen, CadresScreen)
    finally:
        service.close()


async def test_enter_never_saves_a_leave_and_rostered_days_are_offered_to_others():
    service = make_service()
    wang, li, zhang = service.cadres()
    for day in (28, 29, 30):
        service.set_roster(date(2026, 11, day), [zhang.id])
    app = VillageApp(service, operator_id=wang.id)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_leaves(app, pilot, 2)
        dialog.query_one("#start", DateInput).value = "2026-11-28"
        dialog.query_one("#end", DateInput).value = "2026-12-09"
        reason = dialog.query_one("#reason", Input)
        reason.focus()
        await pilot.press(*"peixun", "enter")  # a stray Enter in 事由
        await pilot.pause()
        assert service.cadre(zhang.id).leaves == [], "Enter moved on, it did not save 12 days of leave"
        assert "共12天" in str(dialog.query_one("#form-message", Static).render())
        assert app.focused.id == "form-save"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [(l.start, l.end) for l in service.cadre(zhang.id).leaves] == [(date(2026, 11, 28), date(2026, 12, 9))]
        confirm = app.screen
        assert type(confirm).__name__ == "ConfirmDialog"
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "张伟请假期间有3天排了值班" in shown
        await pilot.press("enter")  # the focus starts on 先不改: a stray Enter changes nothing
        await pilot.pause()
        assert service.duty_day(date(2026, 11, 28)).rostered == [zhang.id]
        await pilot.press("escape")
        await pilot.pause()
        dialog = await open_leaves(app, pilot, 2)
        dialog._offer_reroster(service.cadre(zhang.id), date(2026, 11, 28), date(2026, 12, 9))
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        for day in (28, 29, 30):
            rostered = service.duty_day(date(2026, 11, day)).rostered
            assert rostered and zhang.id not in rostered
        assert "已重新排班3天" in str(dialog.query_one("#form-message", Static).render())


async def test_a_cancelled_leave_stays_listed_and_ctrl_o_restores_it_naming_it():
    service = make_service()
    wang, li, zhang = service.cadres()
    service.add_leave(li.id, date(2026, 12, 1), date(2026, 12, 5), "县委党校培训")
    app = VillageApp(service, operator_id=wang.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "l")  # the duty screen's 请假: which cadre?
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LeaveDialog) and dialog.cadre_id == li.id
        await pilot.press("shift+tab")  # from 开始 back to the list of leaves
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"录入有误", "enter")
        await pilot.pause()
        assert app.screen is dialog and service.cadre(li.id).leaves == []
        listed = dialog.query_one("#leaves", OptionList)
        line = listed.get_option_at_index(0).prompt
        assert str(line).startswith("【已取消】2026年12月1日 至 2026年12月5日（5天）  县委党校培训")
        assert "撤销原因：录入有误" in str(line) and line.style == "dim"
        assert "恢复请假" in app.export_screenshot().replace("&#160;", " "), "the footer shows Ctrl+O"
        service.set_roster(date(2026, 12, 2), [li.id])  # meanwhile the planner put her on duty
        await pilot.press("ctrl+o")
        await pilot.pause()
        restore = app.screen
        assert type(restore).__name__ == "ReasonDialog"
        facts = str(restore.query_one("#record-facts", Static).content)
        for shown in ("干部：李秀英", "请假：2026年12月1日 至 2026年12月5日（5天）", "事由：县委党校培训", "原因：录入有误"):
            assert shown in facts
        await pilot.press("enter")  # a stray Enter restores nothing
        await pilot.pause()
        assert app.screen is restore and service.cadre(li.id).leaves == []
        await pilot.press(*"误撤销培训照常", "enter")
        await pilot.pause()
        assert [(l.start, l.end) for l in service.cadre(li.id).leaves] == [(date(2026, 12, 1), date(2026, 12, 5))]
        assert "李秀英请假期间有1天排了值班" in app.export_screenshot().replace("&#160;", " ")
        await pilot.click("#yes")  # hand the turn on, as when the leave was first entered
        await pilot.pause()
        assert li.id not in service.duty_day(date(2026, 12, 2)).rostered
        assert app.screen is dialog and "【已取消】" not in str(listed.get_option_at_index(0).prompt)
    entry = service.records.audit.for_record("cadres", str(li.id), months=1)[0]
    assert entry.action == "更正" and entry.reason == "误撤销培训照常"
