"""The 村务公示 of ``report --month``: a sheet and a page fit for the notice board (issue 27, item 5)."""

from __future__ import annotations

import dataclasses
import math
import re
from datetime import date

import openpyxl
import pytest

from village_tui.cli import main
from village_tui.demo import generate_demo
from village_tui.domain.models import VillageSettings
from village_tui.domain.privacy import mask_name
from village_tui.service import VillageService
from village_tui.store.convert import from_document

UNTIL = date(2026, 11, 27)
PHONE = "0598-7233678"
A4_PRINTABLE_PX = (210 / 25.4 - 2 * 0.6) * 96  # the page's width less its margins, at 96 dpi


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    """A demo village whose November has a sensitive closed item, a 监督电话 and the party branch on the 落款."""
    folder = tmp_path_factory.mktemp("公示") / "桃源村"
    generate_demo(folder, scale="small", seed=1, until=UNTIL)
    service = VillageService.open(folder)
    try:
        settings = service.settings()
        settings.name, settings.supervision_phone, settings.notice_party_branch = "桃源村", PHONE, True
        service.save_settings(settings)
        closed = sorted((i for i in service.ledger_items(2026, limit=10_000)
                         if i.closed_day and i.closed_day.month == 11 and i.reporter and not i.sensitive),
                        key=lambda i: i.id)
        assert len(closed) >= 2
        secret = dataclasses.replace(closed[0], sensitive=True, content="患病情况需保密，申请救助")
        service.save_ledger_item(secret)
        shown = closed[1]
    finally:
        service.close()
    return folder, shown


def _report(folder, path, *extra) -> openpyxl.Workbook:
    assert main(["report", "--data", str(folder), "--month", "2026-11", "--xlsx", str(path), *extra]) == 0
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def notice(village, tmp_path_factory):
    return _report(village[0], tmp_path_factory.mktemp("月报") / "十一月.xlsx")["公示"]


def _texts(ws) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def _column_px(ws, letter: str) -> int:
    return int(ws.column_dimensions[letter].width * 7 + 5)


def test_the_notice_has_a_22pt_title_and_14pt_body(notice):
    title = notice["A1"]
    assert title.value == "桃源村2026年11月村务公示"
    assert title.font.b and title.font.sz >= 22
    body = [c for row in notice.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert len(body) > 20 and min(c.font.sz for c in body) >= 14


def test_the_notice_prints_on_a4_portrait_at_full_size(notice):
    setup = notice.page_setup
    assert setup.paperSize == 9 and setup.orientation == "portrait"
    assert setup.fitToWidth == 1 and setup.fitToHeight == 0, "one page wide, as many pages long as it takes"
    used = sum(_column_px(notice, openpyxl.utils.get_column_letter(c)) for c in range(1, notice.max_column + 1))
    assert used <= A4_PRINTABLE_PX, "wider than the paper: fitting it would shrink the 14 pt body"


def test_a3_is_an_option(village, tmp_path):
    ws = _report(village[0], tmp_path / "A3.xlsx", "--paper", "A3")["公示"]
    assert ws.page_setup.paperSize == 8 and ws.page_setup.orientation == "portrait"
    assert ws["A1"].font.sz >= 22


def test_the_notice_states_its_period_phone_questions_and_signature(notice):
    texts = _texts(notice)
    assert "公示期：2026年11月27日至2026年12月3日（7天）" in texts
    assert f"监督电话：{PHONE}" in texts
    assert any("村务监督委员会" in t and "10日内" in t and "答复" in t for t in texts)
    assert any("村务监督委员会审核意见" in t and "签字" in t for t in texts)
    tail = texts[-4:]
    assert tail[:2] == ["桃源村村民委员会", "桃源村党支部"]
    assert "2026年11月27日" in tail and "（盖章）" in tail
    issuer_row = next(r for r in range(1, notice.max_row + 1) if notice.cell(r, 1).value == "桃源村村民委员会")
    assert notice.cell(issuer_row, 1).alignment.horizontal == "right"
    room = sum(notice.row_dimensions[r].height or 15 for r in range(issuer_row - 2, issuer_row))
    assert room >= 40, "room for the seal above the 落款"


def test_the_notice_lists_five_steps_ledger_and_desk_with_names_masked_and_sensitive_counted(notice, village):
    _, shown = village
    texts = _texts(notice)
    joined = "\n".join(texts)
    for heading in ("一、五事", "二、群众反映事项", "三、便民服务"):
        assert any(t.startswith(heading) for t in texts)
    assert "赞成" in joined, "the 五事 decisions with their votes"
    assert shown.id in texts and mask_name(shown.reporter) in texts
    assert shown.reporter not in joined, "a resident's full name on the board"
    assert "另有1件涉及个人隐私，不予公示。" in texts
    assert "患病情况需保密" not in joined
    assert "合计" in texts


def _lines(text: str, px: float, size: float) -> int:
    wide = len(re.findall(r"[\u3000-\u9fff\uff00-\uffef]", text))
    em = size * 96 / 72
    return sum(max(1, math.ceil(((len(p) - wide) * em / 2 + wide * em) / px)) for p in text.split("\n"))


def test_every_row_is_as_tall_as_its_wrapped_text(notice):
    spans = {}
    for merged in notice.merged_cells.ranges:
        spans[(merged.min_row, merged.min_col)] = merged.max_col
    checked = 0
    for row in notice.iter_rows():
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            last = spans.get((cell.row, cell.column), cell.column)
            px = sum(_column_px(notice, openpyxl.utils.get_column_letter(c)) for c in range(cell.column, last + 1))
            needed = _lines(cell.value, px - 8, cell.font.sz) * cell.font.sz * 1.2
            assert notice.row_dimensions[cell.row].height >= needed, cell.value
            assert cell.alignment.wrap_text
            checked += 1
    assert checked > 20


def test_the_notice_page_is_a_printable_a4_html(village, tmp_path):
    page = tmp_path / "公示.html"
    assert main(["report", "--data", str(village[0]), "--month", "2026-11", "--notice", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "@page { size: A4 portrait" in html
    assert re.search(r"h1 \{ font-size: (\d+)pt", html).group(1) >= "22"
    assert int(re.search(r"body \{[^}]*font-size: (\d+)pt", html).group(1)) >= 14
    assert "<h1>桃源村2026年11月村务公示</h1>" in html
    assert f"监督电话：{PHONE}" in html and "另有1件涉及个人隐私，不予公示。" in html
    assert village[1].reporter not in html


def test_report_needs_a_file_to_write(village, capsys):
    assert main(["report", "--data", str(village[0]), "--month", "2026-11"]) == 2
    assert "--xlsx" in capsys.readouterr().err


def test_settings_written_before_the_notice_settings_existed_still_load():
    old = from_document(VillageSettings, {"name": "桃源村", "township": "均溪镇", "county": "大田县"})
    assert (old.notice_days, old.supervision_phone, old.notice_party_branch) == (7, "", False)


def test_mask_name_keeps_the_surname_only():
    assert (mask_name("王小明"), mask_name("李华"), mask_name("欧阳娜娜"), mask_name("")) == ("王**", "李*", "欧***", "")


async def test_the_settings_form_saves_the_notice_settings():
    from textual.widgets import Input, Select

    from tests.app_fixtures import make_village
    from village_tui.app import VillageApp
    from village_tui.screens.settings.settings import SettingsScreen

    service = make_village()
    app = VillageApp(service, operator_id=service.cadres()[0].id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = SettingsScreen()
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.query_one("#notice_days", Input).value == "7"
        screen.query_one("#notice_days", Input).value = "10"
        screen.query_one("#supervision_phone", Input).value = "0598 723 3678"
        screen.query_one("#notice_party_branch", Select).value = True
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    saved = service.settings()
    assert (saved.notice_days, saved.supervision_phone, saved.notice_party_branch) == (10, "0598-7233678", True)
