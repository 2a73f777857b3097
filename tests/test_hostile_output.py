"""Stored escape sequences never reach the terminal (issue 17, item 3).

A data folder whose cadre is named ``张\\x1b]0;x\\x07\\x1b[2J伟\\u202e`` (it retitles the
terminal, clears the screen and reverses what follows) and whose village name holds
an escape too: ``check``, ``export``, ``review`` and ``verify`` print none of it and do
not crash, the export's folder name is clean, and the sign-in list draws the name inert.
"""

from __future__ import annotations

import json

from textual.widgets import DataTable, OptionList

from exchange_fixtures import build_village
from village_tui.app import VillageApp
from village_tui.cli import main
from village_tui.service import VillageService
from village_tui.widgets.village_header import VillageHeader

from app_fixtures import TODAY

HOSTILE_NAME = "张\x1b]0;x\x07\x1b[2J伟\u202e"
HOSTILE_VILLAGE = "东风\x1b[31m村\u202e"
FORBIDDEN = ("\x1b", "\x07", "\u202e", "\x9b")


def _hostile_folder(tmp_path):
    """The small exchange village, its first cadre and its name rewritten in the file as an attacker would."""
    data = build_village(tmp_path / "data", "东风村")
    reference = data / "reference.json"
    tables = json.loads(reference.read_text("utf-8"))
    first = min(tables["cadres"], key=int)
    tables["cadres"][first]["name"] = HOSTILE_NAME
    for settings in tables["settings"].values():
        settings["name"] = HOSTILE_VILLAGE
    tables["households"][min(tables["households"], key=int)]["head"] = "王\x1b[2J大山[bold]\u202e"
    reference.write_text(json.dumps(tables, ensure_ascii=False), "utf-8")
    return data


def _assert_inert(text):
    for bad in FORBIDDEN:
        assert bad not in text, repr(bad)


def test_commands_print_the_names_inert_and_do_not_crash(tmp_path, capsys):
    data = _hostile_folder(tmp_path)
    assert main(["check", "--data", str(data), "--month", "2026-10"]) in (0, 1)
    out = capsys.readouterr()
    _assert_inert(out.out + out.err)
    assert "张]0;x" not in out.out  # the escape is removed whole, not only its ESC
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["export", str(usb), "--data", str(data)]) == 0
    out = capsys.readouterr()
    _assert_inert(out.out + out.err)
    assert "Traceback" not in out.err
    (export,) = list(usb.iterdir())
    _assert_inert(export.name)
    assert not export.name.endswith(".partial") and export.name.startswith("东风_31m村") is False
    assert export.name.startswith("东风村-")
    book = tmp_path / "月报.xlsx"
    assert main(["report", "--month", "2026-10", "--xlsx", str(book), "--data", str(data)]) == 0  # no IllegalCharacterError
    out = capsys.readouterr()
    _assert_inert(out.out + out.err)
    for command in (["review", str(export), "--month", "2026-10"], ["verify", str(export)]):
        code = main(command)
        out = capsys.readouterr()
        assert code in (0, 1), out.err
        _assert_inert(out.out + out.err)
        assert "Traceback" not in out.err


async def test_the_sign_in_list_and_header_draw_the_name_without_escapes(tmp_path):
    data = _hostile_folder(tmp_path)
    service = VillageService.open(data, today=TODAY)
    app = VillageApp(service)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            options = app.screen.query_one(OptionList)
            prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            assert any(p.startswith("张伟") for p in prompts), prompts
            for prompt in prompts:
                _assert_inert(prompt)
            await pilot.press("enter")
            await pilot.pause()
            header = app.screen.query_one(VillageHeader).render().plain
            assert "东风村" in header and "张伟" in header
            _assert_inert(header)
            for key, name in (("f3", "王大山[bold]"), ("f10", "张伟")):
                await pilot.press(key)
                await pilot.pause()
                table = app.screen.query_one(DataTable)
                cells = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
                whole = [text for row in range(table.row_count) for text in table.row_texts(row).values()]
                assert name in whole, whole  # drawn whole, or cut with ".." at 80 columns
                cells += whole
                for cell in cells:
                    _assert_inert(cell)
    finally:
        service.close()


def test_screens_text_is_inert_and_markup_stays_literal():
    from village_tui.widgets.inert_text import Text

    text = Text(HOSTILE_NAME + "[bold]粗体[/bold]")
    text.append("\x1b[2J" + HOSTILE_VILLAGE)
    assert text.plain == "张伟[bold]粗体[/bold]东风村"
    assert Text("第一行\n第二行").plain == "第一行\n第二行"


def test_a_status_outside_the_programs_words_is_drawn_literally():
    from village_tui.widgets.inert_text import Text, known_or_literal

    assert known_or_literal("已办结", ("已办结",)) == "已办结"
    odd = known_or_literal("[@click=app.quit]退出\x1b[2J", ("已办结",))
    assert isinstance(odd, Text) and odd.plain == "[@click=app.quit]退出"
