"""Tests for village_tui.domain.pinyin."""

from __future__ import annotations

import subprocess
import sys

from village_tui.domain.pinyin import MAX_COMBINATIONS, matches_initials, name_initials


def test_pypinyin_not_loaded_at_import() -> None:
    code = (
        "import sys\n"
        "import village_tui.domain.pinyin\n"
        "import village_tui.domain.normalize, village_tui.domain.validation, village_tui.domain.dates\n"
        "assert 'pypinyin' not in sys.modules, 'pypinyin loaded at import'\n"
        "village_tui.domain.pinyin.name_initials('王建国')\n"
        "assert 'pypinyin' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_plain_name() -> None:
    assert name_initials("王建国") == ["wjg"]
    assert name_initials("李秀英") == ["lxy"]


def test_shan_surname() -> None:
    result = name_initials("单小明")
    assert {"dxm", "sxm", "cxm"} <= set(result)
    assert result == sorted(result)


def test_polyphonic_surnames() -> None:
    assert {"zgf", "cgf"} <= set(name_initials("曾国藩"))
    assert {"jf", "xf"} <= set(name_initials("解放"))
    assert {"q", "o"} <= set(name_initials("区"))
    assert {"cw", "qw"} <= set(name_initials("仇伟"))
    assert {"cl", "zl"} <= set(name_initials("查良"))
    assert "pd" in name_initials("朴东")
    assert {"tc", "qc"} <= set(name_initials("覃超"))
    assert {"wl", "yl"} <= set(name_initials("尉林"))
    assert {"lf", "yf"} <= set(name_initials("乐芳"))
    assert {"cs", "zs"} <= set(name_initials("长生"))
    assert {"zq", "cq"} <= set(name_initials("重庆"))
    assert "gm" in name_initials("盖明")
    assert "mx" in name_initials("缪新")
    assert {"zh", "dh"} <= set(name_initials("翟华"))
    assert {"sx", "zx"} <= set(name_initials("召学"))


def test_compound_surname() -> None:
    assert "ycg" in name_initials("尉迟恭")


def test_non_chinese_characters() -> None:
    assert name_initials("Tom") == ["tom"]
    assert name_initials("李A3") == ["la3"]
    assert name_initials("阿依古丽·买买提")  # dot skipped, not empty
    assert all("·" not in s for s in name_initials("阿依古丽·买买提"))
    assert name_initials("") == []
    assert name_initials("  ") == []


def test_results_are_lowercase_unique_sorted() -> None:
    for name in ("单小明", "曾国藩", "张Ａ乐"):
        result = name_initials(name)
        assert result == sorted(set(result))
        assert all(s == s.lower() for s in result)


def test_cap_keeps_first_readings() -> None:
    name = "仇重长乐单解曾区查朴覃尉"
    result = name_initials(name)
    assert len(result) <= MAX_COMBINATIONS
    # The combination of every character's first reading (仇 -> q from the
    # surname table, then pypinyin's default reading) must survive the cap.
    from pypinyin import Style, pinyin

    first = "q" + "".join(r[0].lower() for r in pinyin(name[1:], style=Style.FIRST_LETTER))
    assert first in result
    assert len(result) == MAX_COMBINATIONS
    assert all(len(s) == len(name) for s in result)


def test_matches_initials() -> None:
    initials = name_initials("单小明")
    assert matches_initials("sxm", initials)
    assert matches_initials("DXM", initials)
    assert matches_initials("xm", initials)
    assert matches_initials("s", initials)
    assert matches_initials("s x", initials)
    assert matches_initials("", initials)
    assert not matches_initials("wjg", initials)
    assert not matches_initials("sxmm", initials)


def test_full_pinyin_and_initials_in_order():
    from village_tui.domain.pinyin import (looks_like_spelling, matches_initials_loosely, matches_spelling,
                                           name_spellings)

    assert "zengsuqin" in name_spellings("曾素琴")
    assert matches_spelling("zengsuqin", name_spellings("曾素琴"))
    assert not matches_spelling("zhangsuqin", name_spellings("曾素琴"))
    assert matches_initials_loosely("xzh", name_initials("新增农户"))
    assert not matches_initials_loosely("zxh", name_initials("新增农户"))
    assert looks_like_spelling("zeng") and not looks_like_spelling("zxm")
