"""Issue 25 item 7: no single key ends a record.

Closing, returning, voiding and archiving ask first, in a dialog that names the record and asks
for what the rule needs; its focus starts in the empty text, where Enter ends nothing; the action
is on the highlighted row; and every end can be undone by a cadre with a reason, as an audited 更正.
"""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList, Static

from app_fixtures import TODAY, make_village, press_each
from village_tui.app import VillageApp
from village_tui.domain.models import ServiceRequest
from village_tui.widgets.dialogs.choose import ChooseDialog
from village_tui.widgets.dialogs.reason import ReasonDialog


def facts_of(dialog) -> str:
    return str(dialog.query_one("#record-facts", Static).content)


def last_audit(service, kind: str, record_id) -> object:
    return service.records.audit.for_record(kind, str(record_id), months=1)[0]


async def type_and_enter(pilot, dialog, text: str) -> None:
    dialog.query_one("#reason", Input).value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_d_asks_for_the_result_naming_the_request_and_o_reopens_it():
    service = make_village()
    request = service.save_request(ServiceRequest(day=date(2026, 11, 20), kind="农村低保", household_id=2,
                                                  applicant="曾小明", documents={"低保申请书": True, "户口簿": False}))
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        desk = app.screen
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog), "d alone ends nothing: a dialog asks first"
        facts = facts_of(dialog)
        for shown in (f"回执编号：{request.id}", "申请人：曾小明", "农户：0002 曾小明", "办理事项：农村低保", "待补材料：户口簿"):
            assert shown in facts
        assert "办理结果" in app.export_screenshot().replace("&#160;", " ")
        assert dialog.focused is dialog.query_one("#reason", Input), "the focus starts in the empty result"
        await pilot.press("enter")  # a stray Enter
        await pilot.pause()
        assert app.screen is dialog and service.request(request.id).status == "已受理"
        assert "办理结果" in str(dialog.query_one("#reason-error", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is desk and service.request(request.id).status == "已受理"
        await pilot.press("d")
        await pilot.pause()
        await type_and_enter(pilot, app.screen, "低保已报镇民政办审批")
        done = service.request(request.id)
        assert done.status == "已办结" and done.done_day == TODAY and "办理结果：低保已报镇民政办审批" in done.note
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog) and f"回执编号：{request.id}" in facts_of(dialog)
        await type_and_enter(pilot, dialog, "误按办结，户口簿还没交")
        reopened = service.request(request.id)
        assert reopened.status == "办理中" and reopened.done_day is None
        entry = last_audit(service, "requests", request.id)
        assert entry.action == "更正" and entry.reason == "误按办结，户口簿还没交"


async def test_r_returns_and_x_voids_the_highlighted_request_each_named_and_reversible():
    service = make_village()
    first = service.save_request(ServiceRequest(day=date(2026, 11, 20), kind="农村低保", applicant="曾小明"))
    second = service.save_request(ServiceRequest(day=date(2026, 11, 21), kind="建房审批", applicant="王大山"))
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("down")  # newest first: the second row is the first request
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        assert f"回执编号：{first.id}" in facts_of(dialog) and "申请人：曾小明" in facts_of(dialog)
        await type_and_enter(pilot, dialog, "不符合低保条件")
        assert service.request(first.id).status == "退回" and service.request(second.id).status == "已受理"
        assert "退回原因：不符合低保条件" in service.request(first.id).note
        await pilot.press("up")
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert f"回执编号：{second.id}" in facts_of(dialog) and "办理事项：建房审批" in facts_of(dialog)
        await type_and_enter(pilot, dialog, "重复登记")
        assert service.request(second.id).cancelled and not service.request(first.id).cancelled
        await press_each(pilot, "u", "enter")
        assert f"回执编号：{second.id}" in facts_of(app.screen) and "当前状态：已作废" in facts_of(app.screen)
        await type_and_enter(pilot, app.screen, "不是重复登记")
        assert not service.request(second.id).cancelled
        assert last_audit(service, "requests", second.id).action == "更正"


async def test_f4_x_voids_the_period_highlighted_and_named_and_x_restores_it():
    service = make_village()
    service.add_special_period(date(2026, 12, 1), date(2027, 2, 28), "冬季森林防火", roster=False)
    service.add_special_period(date(2026, 6, 1), date(2026, 8, 31), "汛期防汛", roster=False)
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press_each(pilot, "f4", "x")
        chooser = app.screen
        assert isinstance(chooser, ChooseDialog)
        assert chooser.focused is chooser.query_one("#choices", OptionList), "Down moves in the list"
        await pilot.press("down", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog)
        assert "汛期防汛" in str(dialog.query_one(".dialog-title", Static).content)
        assert "事由：汛期防汛" in facts_of(dialog) and "2026年6月1日" in facts_of(dialog)
        await pilot.press("enter")  # a stray Enter: the reason is required
        await pilot.pause()
        assert app.screen is dialog and len(service.special_periods()) == 2
        await type_and_enter(pilot, dialog, "登记错误")
        assert [p.reason for p in service.special_periods()] == ["冬季森林防火"], "the one named, not the first"
        await pilot.press("x")
        await pilot.pause()
        labels = [str(o.prompt) for o in app.screen.query_one("#choices", OptionList).options]
        assert labels[1].startswith("【已作废】") and "汛期防汛" in labels[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "恢复特殊时期「汛期防汛」" in str(app.screen.query_one(".dialog-title", Static).content)
        await type_and_enter(pilot, app.screen, "误作废")
        assert sorted(p.reason for p in service.special_periods()) == ["冬季森林防火", "汛期防汛"]
        period = next(p for p in service.special_periods() if p.reason == "汛期防汛")
        entry = last_audit(service, "special_periods", period.id)
        assert entry.action == "更正" and entry.reason == "误作废"


async def test_archiving_names_the_household_and_u_restores_it_with_a_reason():
    service = make_village()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press_each(pilot, "f3", "down", "r")
        dialog = app.screen
        assert "户编号：0002" in facts_of(dialog) and "户主：曾小明" in facts_of(dialog)
        assert dialog.focused is dialog.query_one("#reason", Input)
        await type_and_enter(pilot, dialog, "迁出本村")
        assert service.household(2).archived
        await press_each(pilot, "u", "enter")
        dialog = app.screen
        assert "户主：曾小明" in facts_of(dialog) and "归档原因：迁出本村" in facts_of(dialog)
        await type_and_enter(pilot, dialog, "误归档，仍在本村")
        household = service.household(2)
        assert not household.archived and household.left_on is None
        assert last_audit(service, "households", 2).action == "更正"


async def test_an_archived_cadre_is_restored_with_a_reason():
    service = make_village()
    service.archive_cadre(2, "换届离任")
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press_each(pilot, "f10", "u", "enter")
        dialog = app.screen
        assert "姓名：李秀英" in facts_of(dialog)
        await type_and_enter(pilot, dialog, "误归档，仍在任")
    cadre = service.cadre(2)
    assert not cadre.archived and cadre.archived_on is None
    assert last_audit(service, "cadres", 2).action == "更正"


async def test_a_voided_visit_is_restored_with_a_reason():
    from village_tui.domain.models import Visit

    service = make_village()
    visit = service.save_visit(Visit(day=date(2026, 11, 20), cadre_id=1, household_id=2, learned="了解低保"))
    service.cancel_visit(visit.id, "登记错户")
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press_each(pilot, "f5", "ctrl+r")
        app.screen.query_one("DataTable").focus()
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert f"编号：{visit.id}" in facts_of(dialog) and "农户：0002 曾小明" in facts_of(dialog)
        await type_and_enter(pilot, dialog, "没有登记错户")
    assert not service.visit(visit.id).cancelled
    assert last_audit(service, "visits", visit.id).action == "更正"


async def test_a_voided_matter_is_restored_with_a_reason():
    service = make_village()
    matter = service.save_matter("自来水入户", "饮水")
    service.cancel_matter(matter.id, "并入其他项目")
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press_each(pilot, "f8", "u", "enter")
        dialog = app.screen
        assert "事项：自来水入户" in facts_of(dialog) and "作废原因：并入其他项目" in facts_of(dialog)
        await type_and_enter(pilot, dialog, "项目没有合并")
    assert not service.matter(matter.id).cancelled
    assert last_audit(service, "matters", matter.id).action == "更正"


async def test_an_ended_pairing_is_restored_with_a_reason():
    from village_tui.domain.models import Pairing

    service = make_village()
    saved, _ = service.save_pairing(Pairing(cadre_id=1, household_id=2, kind="帮扶", start=date(2026, 1, 1)))
    service.end_pairing(saved.id, date(2026, 6, 30), "已脱贫")
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press_each(pilot, "f6", "u", "enter")
        dialog = app.screen
        assert "曾小明" in facts_of(dialog) and "已于2026年6月30日结束" in facts_of(dialog)
        await type_and_enter(pilot, dialog, "误按结束")
    assert service.pairing(saved.id).end is None
    assert last_audit(service, "pairings", saved.id).action == "更正"
