"""民情类别设置: parsing the editor's text, validation, removal while in use, the audit log."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.errors import ReadOnlyError, ValidationError
from village_tui.domain.ledger_categories import format_categories, parse_categories
from village_tui.domain.models import Cadre, Household, LedgerItem, VillageSettings
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service() -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", groups=["1组"], category_due_days={"饮水": 10}))
    svc.save_cadre(Cadre("王建国", "书记", date(2024, 3, 1)))
    svc.save_household(Household("H001", "张秀英", "1组"))
    svc.sign_in(1)
    return svc


def _item(svc: VillageService, category: str, day: date = date(2026, 11, 2)) -> LedgerItem:
    return svc.save_ledger_item(LedgerItem(day=day, source="来访", category=category, content="村道塌方",
                                           household_id=1))


def test_lines_with_and_without_days_in_either_form():
    names, days = parse_categories("饮水 10\n行路：20天\n\n　护林防火  5 \n住房:30\n其他\n医疗：\n")
    assert names == ["饮水", "行路", "护林防火", "住房", "其他", "医疗"]
    assert days == {"饮水": 10, "行路": 20, "护林防火": 5, "住房": 30}


def test_the_editor_shows_each_category_with_the_days_it_has_now():
    text = format_categories(VillageSettings(category_due_days={"饮水": 10}))
    assert text.splitlines()[:3] == ["增收致富 15", "子女上学 15", "饮水 10"]
    assert "矛盾纠纷 7" in text and "住房 30" in text
    assert parse_categories(text)[0] == list(VillageSettings().ledger_categories)


@pytest.mark.parametrize(("text", "message"), [
    ("", "至少要有一个类别"),
    ("\n  \n", "至少要有一个类别"),
    ("饮水\n一二三四五六七八九十一", "第2行：类别名称「一二三四五六七八九十一」不能超过10个字"),
    ("饮水 0", "第1行「饮水」的默认天数应在1到365之间（现在是0）"),
    ("饮水：366天", "第1行「饮水」的默认天数应在1到365之间（现在是366）"),
    ("饮水：十天", "第1行「饮水」的默认天数应为整数，现在是「十」"),
    ("饮水 10\n行路\n饮水 5", "第3行：类别「饮水」重复了"),
    ("：5", "第1行缺少类别名称"),
    ("环境 卫生", "第1行：类别名称「环境 卫生」不能含空格"),
])
def test_bad_text_is_refused_with_the_line_named(text, message):
    with pytest.raises(ValidationError) as caught:
        parse_categories(text)
    assert message in str(caught.value)


def test_saving_changes_the_list_and_new_items_default_due_date(service):
    service.save_ledger_categories("饮水 12\n行路\n护林防火：5天\n其他")
    settings = service.settings()
    assert settings.ledger_categories == ["饮水", "行路", "护林防火", "其他"]
    assert settings.category_due_days == {"饮水": 12, "护林防火": 5}
    assert _item(service, "护林防火").due == date(2026, 11, 7)
    assert _item(service, "行路").due == date(2026, 11, 17)  # no days given: the built-in 15


def test_a_bad_text_saves_nothing(service):
    before = service.settings()
    with pytest.raises(ValidationError, match="重复"):
        service.save_ledger_categories("饮水\n饮水")
    assert service.settings() == before


def test_a_category_open_items_use_cannot_be_removed(service):
    first, second = _item(service, "饮水"), _item(service, "饮水", date(2026, 11, 5))
    _item(service, "行路")
    with pytest.raises(ValidationError) as caught:
        service.save_ledger_categories("行路\n其他")
    assert str(caught.value) == (f"「饮水」还有未办结的事项{first.id}、{second.id}，办结后才能删除这个类别")
    assert "饮水" in service.settings().ledger_categories
    service.close_item(first.id, "已修好水管", "", "满意")
    service.close_item(second.id, "已修好水管", "", "满意")
    service.save_ledger_categories("行路\n其他")
    assert service.settings().ledger_categories == ["行路", "其他"]
    assert service.ledger_item(first.id).category == "饮水"  # existing items keep their text


def test_an_old_year_open_item_also_blocks_removal(service):
    old = _item(service, "住房", date(2025, 6, 1))
    with pytest.raises(ValidationError, match=f"「住房」还有未办结的事项{old.id}"):
        service.save_ledger_categories("饮水\n其他")


def test_the_change_is_audited_with_the_operator(service):
    service.save_ledger_categories("饮水 10\n护林防火 5")
    entry = service.records.audit.for_record("settings", "1", months=1)[0]
    assert entry.action == "设置" and entry.operator == "王建国"
    assert entry.before["ledger_categories"][0] == "增收致富"
    assert entry.after["ledger_categories"] == ["饮水", "护林防火"]
    assert entry.after["category_due_days"] == {"饮水": 10, "护林防火": 5}


def test_read_only_refuses(tmp_path):
    writable = VillageService.open(tmp_path, today=TODAY)
    writable.save_settings(VillageSettings(name="桃源村", groups=["1组"]))
    writable.close()
    service = VillageService.open(tmp_path, readonly=True, today=TODAY)
    try:
        with pytest.raises(ReadOnlyError, match="只读"):
            service.save_ledger_categories("饮水 10")
        assert "增收致富" in service.settings().ledger_categories
    finally:
        service.close()
