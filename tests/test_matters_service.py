"""The matters part of the service: opening, recording steps in order, cancelling, audit."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.errors import ReadOnlyError, ValidationError
from village_tui.domain.models import Cadre, MatterStep, VillageSettings
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service() -> VillageService:
    svc = VillageService.in_memory(today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", groups=["1组"]))
    svc.save_cadre(Cadre("王建国", "书记", date(2026, 3, 1)))
    svc.sign_in(1)
    return svc


def test_a_matter_goes_through_five_steps(service):
    matter = service.save_matter("  村道硬化  ", "行路")
    assert matter.title == "村道硬化" and matter.steps == []
    service.record_step(matter.id, MatterStep("干群议事", date(2026, 10, 8), villagers=40, content="院坝会"))
    service.record_step(matter.id, MatterStep("集体定事", date(2026, 10, 9), content="表决", votes_for=30,
                                              votes_against=1))
    service.record_step(matter.id, MatterStep("承诺干事", date(2026, 10, 10), content="公开承诺",
                                              responsible_id=1, promised=date(2026, 11, 20)))
    service.record_step(matter.id, MatterStep("村民监事", date(2026, 11, 15), content="监督",
                                              supervisors=["李老汉"], findings="质量合格"))
    done = service.record_step(matter.id, MatterStep(
        "考评亮事", date(2026, 11, 21), content="验收", evaluation="按期完成", satisfaction="基本满意",
        posted_from=date(2026, 11, 22), posted_to=date(2026, 11, 29)))
    assert [s.step for s in done.steps] == ["干群议事", "集体定事", "承诺干事", "村民监事", "考评亮事"]
    assert service.matter(matter.id).steps[-1].satisfaction == "基本满意"
    actions = [e.action for e in service.records.audit.for_record("matters", str(matter.id))]
    assert "记录考评亮事" in actions and "记录干群议事" in actions


def test_skipping_a_step_is_refused_and_nothing_is_saved(service):
    matter = service.save_matter("自来水入户", "饮水")
    with pytest.raises(ValidationError, match="不能跳过步骤"):
        service.record_step(matter.id, MatterStep("承诺干事", date(2026, 11, 1), content="承诺",
                                                  responsible_id=1, promised=date(2026, 12, 1)))
    assert service.matter(matter.id).steps == []


def test_unknown_responsible_cadre_is_refused(service):
    matter = service.save_matter("危房改造", "住房")
    service.record_step(matter.id, MatterStep("干群议事", date(2026, 11, 1), content="议"))
    service.record_step(matter.id, MatterStep("集体定事", date(2026, 11, 2), content="定", votes_for=5,
                                              votes_against=0))
    with pytest.raises(ValidationError, match="责任干部不在干部名册中"):
        service.record_step(matter.id, MatterStep("承诺干事", date(2026, 11, 3), content="诺",
                                                  responsible_id=99, promised=date(2026, 12, 1)))


def test_title_is_required(service):
    with pytest.raises(ValidationError, match="事项名称不能为空"):
        service.save_matter(" ", "行路")


def test_cancelled_matters_are_hidden_but_kept(service):
    matter = service.save_matter("修桥", "行路")
    service.cancel_matter(matter.id, "并入县里项目")
    assert service.matters() == []
    [kept] = service.matters(include_cancelled=True)
    assert kept.cancel_reason == "并入县里项目"
    with pytest.raises(ValidationError, match="已作废"):
        service.record_step(matter.id, MatterStep("干群议事", date(2026, 11, 1), content="议"))


def test_month_check_flags_a_passed_promise(service):
    matter = service.save_matter("通组公路", "行路")
    service.record_step(matter.id, MatterStep("干群议事", date(2026, 9, 1), content="议"))
    service.record_step(matter.id, MatterStep("集体定事", date(2026, 9, 2), content="定", votes_for=9,
                                              votes_against=0))
    service.record_step(matter.id, MatterStep("承诺干事", date(2026, 9, 3), content="诺", responsible_id=1,
                                              promised=date(2026, 10, 15)))
    [finding] = [f for f in service.desk_month_findings(2026, 10) if f.rule == "R14"]
    assert not finding.ok and finding.cadre == "王建国" and "尚未村民监事和考评亮事" in finding.detail


def test_read_only_folder_refuses_to_save(service):
    service.folder.readonly_reason = "以只读方式打开"
    with pytest.raises(ReadOnlyError):
        service.save_matter("修渠", "增收致富")
