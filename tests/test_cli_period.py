"""``--month`` and ``--year`` of check, report and review: a value given is used or refused, never replaced."""

from __future__ import annotations

import pytest

from village_tui.cli import main
from village_tui.domain.models import VillageSettings
from village_tui.service import VillageService


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    """A village that is set up, with nothing recorded yet."""
    folder = tmp_path_factory.mktemp("period") / "桃源村"
    service = VillageService.open(folder)
    service.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组"]))
    service.close()
    return str(folder)


def _command(name: str, folder: str, tmp_path) -> list[str]:
    if name == "check":
        return ["check", "--data", folder]
    if name == "report":
        return ["report", "--data", folder, "--xlsx", str(tmp_path / "报表.xlsx")]
    return ["review", folder, "--text"]


BAD = [
    (["--month", ""], "--month 不能为空"),
    (["--month", "   "], "--month 不能为空"),
    (["--month", "2026-13"], "月份不存在"),
    (["--month", "十一月"], "无法识别的月份"),
    (["--month", "1999-05"], "年份应在 2000 到 2100 之间"),
    (["--year", ""], "--year 不能为空"),
    (["--year", "26"], "四位数字"),
    (["--year", "2026年"], "四位数字"),
    (["--year", "1899"], "年份应在 2000 到 2100 之间"),
]


@pytest.mark.parametrize("command", ["check", "report", "review"])
@pytest.mark.parametrize("args, reason", BAD)
def test_an_empty_or_malformed_period_is_a_chinese_message_and_exit_2(village, tmp_path, capsys, command, args,
                                                                       reason):
    code = main([*_command(command, village, tmp_path), *args])
    out, err = capsys.readouterr()
    assert code == 2, (command, args, out)
    assert out == ""
    assert err.startswith("错误：") and reason in err
    assert "Traceback" not in err
    assert not (tmp_path / "报表.xlsx").exists()


def test_review_with_an_empty_month_does_not_fall_back_to_last_month(village, capsys):
    assert main(["review", village, "--text", "--month", ""]) == 2
    out, err = capsys.readouterr()
    assert "2026年10月" not in out + err and "--month 不能为空" in err


@pytest.mark.parametrize("command", ["check", "report", "review"])
def test_a_full_width_year_is_read_as_typed_with_a_chinese_input_method(village, tmp_path, capsys, command):
    code = main([*_command(command, village, tmp_path), "--year", "２０２５"])
    out, err = capsys.readouterr()
    assert code in (0, 1) and err == ""
    assert "2025" in out


def test_review_without_a_period_still_means_last_month(village, capsys):
    main(["review", village, "--text"])
    assert "2026年10月" in capsys.readouterr().out


def test_check_assess_with_an_empty_year_names_the_year(village, capsys):
    assert main(["check", "--data", village, "--year", "", "--assess"]) == 2
    assert "--year 不能为空" in capsys.readouterr().err
