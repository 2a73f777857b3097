"""打印 (issue 28, item 5): a receipt becomes an A4 page in the data folder's 打印/ and opens in the viewer."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.app import VillageApp
from village_tui.domain.models import Cadre, Household, LedgerItem, Meeting, ServiceRequest, VillageSettings
from village_tui.screens import printing
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service(tmp_path):
    svc = VillageService.open(tmp_path / "桃源村", today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", groups=["1组"]))
    svc.save_cadre(Cadre("王建国", "书记", date(2026, 3, 1), phone="13800001111"))
    svc.save_household(Household("H001", "张桂兰", "1组"))
    svc.save_request(ServiceRequest(day=TODAY, kind="户口迁移", applicant="张桂兰<李>", household_id=1,
                                    handler_id=1, due=date(2026, 12, 7)))
    yield svc
    svc.close()


@pytest.fixture
def viewer(monkeypatch):
    """The viewer the page was handed to (xdg-open, started detached), instead of a real one."""
    started: list[list[str]] = []

    class Popen:
        def __init__(self, args, **kwargs):
            assert kwargs.get("start_new_session") is True
            started.append(list(args))

    monkeypatch.setattr(printing.sys, "platform", "linux")
    monkeypatch.setattr(printing.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(printing.subprocess, "Popen", Popen)
    return started


def notices(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_p_twice_on_f9_prints_the_receipt_as_an_a4_page_in_the_print_folder(service, viewer, tmp_path):
    [request] = service.requests(2026)
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("p")  # the receipt on screen
        await pilot.pause()
        assert viewer == []
        await pilot.press("p")  # and printed
        await pilot.pause()
        page = tmp_path / "桃源村" / "打印" / f"回执-{request.id}.html"
        assert viewer == [["/usr/bin/xdg-open", str(page)]]
        html = page.read_text(encoding="utf-8")
        assert "size: A4" in html and "font-size: 16pt" in html
        assert "<h1>桃源村便民服务室 受理回执</h1>" in html
        assert f"<th>回执编号</th><td>{request.id}</td>" in html
        assert "<th>申请人</th><td>张桂兰&lt;李&gt;</td>" in html  # the cadre's text, escaped
        assert "<th>经办干部</th><td>王建国</td>" in html and "13800001111" in html
        assert "按 Ctrl+P 打印" in notices(app)


async def test_without_a_viewer_the_cadre_is_told_where_the_page_is(service, monkeypatch, tmp_path):
    monkeypatch.setattr(printing.sys, "platform", "linux")
    monkeypatch.setattr(printing.shutil, "which", lambda name: None)
    [request] = service.requests(2026)
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("p", "p")
        await pilot.pause()
        page = tmp_path / "桃源村" / "打印" / f"回执-{request.id}.html"
        assert page.exists()
        assert f"没有找到可以打开网页的程序。回执 {request.id}的打印页已保存在：{page}" in notices(app)


def test_a_viewer_that_fails_to_start_is_named_in_chinese(monkeypatch, tmp_path):
    def refuse(args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(printing.sys, "platform", "linux")
    monkeypatch.setattr(printing.shutil, "which", lambda name: "/usr/bin/xdg-open")
    monkeypatch.setattr(printing.subprocess, "Popen", refuse)
    assert printing.open_with_viewer(tmp_path / "a.html").startswith("打开查看程序失败：")


def test_print_pages_are_no_data_files(service, tmp_path):
    path = service.write_print_page("回执/2026:1.html", "<p>x</p>")
    assert path == tmp_path / "桃源村" / "打印" / "回执-2026-1.html"
    assert all("打印" not in p.parts for p in service.folder.data_files())


async def test_w_in_meeting_mode_prints_the_months_minutes(service, viewer, tmp_path):
    service.save_cadre(Cadre("陈海峰", "委员", date(2024, 1, 1)))
    service.sign_in(1)
    item = service.save_ledger_item(LedgerItem(day=date(2026, 11, 10), source="来访", category="行路",
                                               content="1组路灯不亮", household_id=1))
    meeting = service.save_meeting(Meeting(day=date(2026, 11, 26), attendees=[1, 2],
                                           minutes="张桂兰：路灯问题请尽快解决\n会议同意由陈海峰跟进"))
    service.decide(meeting, item.id, "本周内修好", handler_id=2, due=date(2026, 12, 3), action="指定承办人")
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        keys = list(app.screen.query("FooterKey"))
        assert sum(k.outer_size.width for k in keys) <= 80, "no footer label cut off at 80 columns"
        title = str(app.screen.query_one("#meeting-title").render())
        assert title.endswith("w 打印"), title  # the key is named where it fits at 80 columns
        await pilot.press("w")
        await pilot.pause()
        page = tmp_path / "桃源村" / "打印" / "会议记录-2026-11.html"
        assert viewer == [["/usr/bin/xdg-open", str(page)]]
        html = page.read_text(encoding="utf-8")
        assert "size: A4" in html and "<h1>桃源村民情分析会会议记录</h1>" in html
        assert "<th>参会人员</th><td>王建国、陈海峰（共2人）</td>" in html
        assert f"<p>1. {item.id} 1组路灯不亮</p>" in html
        assert "议定：本周内修好；承办人：陈海峰；期限：" in html
        assert "<p>\u3000\u3000张桂兰：路灯问题请尽快解决</p>" in html  # the minutes stay text, not a fact row
        assert "<th>主持人签字</th>" in html


async def test_ctrl_g_on_f11_prints_last_months_notice(service, viewer, tmp_path):
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f11")
        await pilot.pause()
        assert "打印公示 Ctrl+G" in str(app.screen.query_one("#notice-start").label)  # the key, named on screen
        await pilot.press("ctrl+g")  # the period left empty: last month
        await app.workers.wait_for_complete()
        await pilot.pause()
        page = tmp_path / "桃源村" / "打印" / "村务公示-2026年10月.html"
        assert viewer == [["/usr/bin/xdg-open", str(page)]]
        html = page.read_text(encoding="utf-8")
        assert "size: A4 portrait" in html and "桃源村" in html and "2026年10月" in html
        assert f"已生成2026年10月村务公示（A4，可用浏览器打印）：{page}" in str(
            app.screen.query_one("#report-result").render())
