"""F9 便民服务 in the app: a request from receipt to done, with its receipt on screen."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import TextArea

from village_tui.app import VillageApp
from village_tui.domain.models import Cadre, DutyDay, Household, ServiceRequest, VillageSettings
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service() -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", groups=["1组"]))
    svc.save_cadre(Cadre("王建国", "书记", date(2026, 3, 1)))
    svc.save_cadre(Cadre("陈海峰", "委员", date(2024, 1, 1)))
    svc.save_household(Household("H001", "张桂兰", "1组"))
    svc.save_duty_day(DutyDay(day=TODAY, rostered=[2]))
    return svc


async def open_desk(pilot) -> None:
    await pilot.pause()
    await pilot.press("f9")
    await pilot.pause()


async def test_a_request_from_receipt_to_done(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_desk(pilot)
        screen = app.screen
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"zgl")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        form.query_one("#kind").value = "户口迁移"
        await pilot.pause()
        handler = form.query_one("#handler")
        assert handler.value == 1
        assert "王建国" in app.export_screenshot().replace("&#160;", " ")  # the operator, on screen
        handler.value = 2  # the cadre who will carry the application
        await pilot.pause()
        boxes = list(form.query("#documents DocumentBox"))
        assert [b.name for b in boxes][:2] == ["申请书", "户口簿"]
        assert "[ ] 户口簿" in str(boxes[1].render())
        boxes[1].focus()
        await pilot.press("space")
        assert "[X] 户口簿" in str(boxes[1].render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        [saved] = service.requests(2026)
        assert saved.applicant == "张桂兰" and saved.household_id == 1
        assert saved.handler_id == 2 and saved.documents["户口簿"]
        receipt = screen.query_one("#receipt-text", TextArea).text
        assert f"回执编号：{saved.id}" in receipt and "已收材料：户口簿" in receipt
        assert "经办干部：陈海峰" in receipt
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert service.request(saved.id).status == "办理中"
        await pilot.press("d")  # issue 25.7: d asks for the result in a dialog naming the request
        await pilot.pause()
        assert service.request(saved.id).status == "办理中"
        app.screen.query_one("#reason").value = "户口已迁入"
        await pilot.press("enter")
        await pilot.pause()
        done = service.request(saved.id)
        assert done.status == "已办结" and done.done_day == TODAY
        assert screen.query_one("#requests").get_row_at(0)[5] == "已办结"
        await pilot.press("b")
        await pilot.pause()
        assert service.request(saved.id).status == "已办结"


async def test_missing_applicant_shows_the_chinese_error(service):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_desk(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "请填写申请人或选择农户" in str(app.screen.query_one("#form-message").render())
        assert service.requests(2026) == []


async def test_overdue_requests_are_flagged_and_types_editable(service):
    service.save_request(ServiceRequest(day=date(2026, 10, 1), kind="农村低保", applicant="李四",
                                       due=date(2026, 10, 21)))
    service.save_request(ServiceRequest(day=date(2026, 11, 20), kind="婚育证件", applicant="王五",
                                       due=date(2026, 12, 2)))
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_desk(pilot)
        screen = app.screen
        reminders = {str(row[2]): str(row[-1]) for row in map(screen.query_one("#requests").get_row_at, range(2))}
        assert reminders == {"李四": "已超期37天", "王五": "还剩5天"}
        assert "已超期未办结1件" in str(screen.query_one("#count").render())
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#checklists", TextArea).load_text("土地流转：流转合同、身份证")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert service.settings().request_types == ["土地流转"]
