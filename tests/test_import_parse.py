"""Reading cells: groups, dates, yes/no, roles, times, numbers."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from village_tui.domain.errors import ValidationError
from village_tui.imports import parse
from village_tui.imports.plan_ledger import ledger_number

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize("cell", [1, 1.0, "1", "01", "1组", "一组", "第一组", "第1组", "１组", " 1 组"])
def test_one_group_however_written(cell):
    assert parse.group_name(cell, ["1组", "2组"]) == "1组"
    assert parse.group_name(cell, []) == "1组"


def test_group_keeps_the_village_naming():
    assert parse.group_name("一组", ["第1组", "第2组"]) == "第1组"
    assert parse.group_name(12, ["1组"]) == "12组"
    assert parse.group_name("十二组", ["12组"]) == "12组"
    assert parse.group_name("二十一", []) == "21组"
    assert parse.group_name("东坑组", ["1组"]) == "东坑组"


@pytest.mark.parametrize("cell", ["2026-11-27", "2026/11/27", "2026.11.27", "20261127", "2026年11月27日",
                                  46353, 46353.0, "46353", datetime(2026, 11, 27, 0, 0), date(2026, 11, 27),
                                  "2026-11-27 00:00:00"])
def test_every_date_form(cell):
    assert parse.date_cell(cell, "日期", TODAY) == date(2026, 11, 27)


def test_bad_dates_say_which_column():
    with pytest.raises(ValidationError) as error:
        parse.date_cell("明年春天", "登记日期", TODAY)
    assert error.value.field == "登记日期" and "登记日期" in error.value.message
    with pytest.raises(ValidationError, match="不能为空"):
        parse.date_cell(None, "日期", TODAY)
    assert parse.optional_date("", "任期结束", TODAY) is None


def test_yes_no_roles_times_numbers():
    assert parse.yes_no("是", "外出") and not parse.yes_no("否", "外出") and not parse.yes_no(None, "外出")
    with pytest.raises(ValidationError, match="应填「是」或「否」"):
        parse.yes_no("也许", "外出")
    assert parse.role("村党支部书记") == "书记" and parse.role("书记兼主任") == "书记兼主任"
    with pytest.raises(ValidationError, match="职务应为"):
        parse.role("会计")
    assert parse.time_cell(time(8, 5)) == "08:05" and parse.time_cell("8:30") == "08:30"
    assert parse.time_cell(0.375) == "09:00" and parse.time_cell("0830") == "08:30"
    assert parse.whole_number("", "人口", 1, 30, 1) == 1 and parse.whole_number(4.0, "人口", 1, 30) == 4
    with pytest.raises(ValidationError, match="人口应在1到30之间"):
        parse.whole_number(40, "人口", 1, 30)


def test_cells_as_text_and_lists():
    assert parse.text(13812345678.0) == "13812345678" and parse.text(None) == ""
    assert parse.items("张建国、李秀英，王五;赵六 钱七") == ["张建国", "李秀英", "王五", "赵六", "钱七"]


def test_ledger_numbers():
    assert ledger_number("2026-42") == "2026-0042" and ledger_number("20260042") == "2026-0042"
    with pytest.raises(ValidationError, match="2026-0042"):
        ledger_number("第42号")
