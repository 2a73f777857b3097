"""The five steps of a matter (R14) and its publication (R15) as pure functions."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.errors import ValidationError
from village_tui.domain.matters import next_step, promised_overdue, step_summary, validate_step
from village_tui.domain.models import Matter, MatterStep
from village_tui.domain.rules_desk import promise_findings, publication_findings


def full_steps() -> list[MatterStep]:
    return [
        MatterStep("干群议事", date(2026, 9, 1), participants=["王书记", "李主任"], villagers=35,
                   content="议定三组饮水管网改造"),
        MatterStep("集体定事", date(2026, 9, 5), content="村民代表会议表决", votes_for=28, votes_against=2),
        MatterStep("承诺干事", date(2026, 9, 8), content="公开承诺十月底前通水", responsible_id=1,
                   promised=date(2026, 10, 31)),
        MatterStep("村民监事", date(2026, 10, 20), content="监督施工", supervisors=["张大山", "刘秀英"],
                   findings="管材合格，进度正常"),
        MatterStep("考评亮事", date(2026, 11, 2), content="通水验收", evaluation="按期通水", satisfaction="满意",
                   posted_from=date(2026, 11, 3), posted_to=date(2026, 11, 10)),
    ]


def matter_with(n: int) -> Matter:
    return Matter(title="三组饮水改造", category="饮水", steps=full_steps()[:n], id=1)


def test_steps_follow_each_other_in_order():
    matter = Matter(title="修村道", category="行路", id=2)
    for step in full_steps():
        assert next_step(matter) == step.step
        matter.steps.append(validate_step(matter, step))
    assert next_step(matter) is None


def test_a_step_cannot_be_skipped():
    with pytest.raises(ValidationError, match="不能跳过步骤：要先记录「集体定事」"):
        validate_step(matter_with(1), full_steps()[2])


def test_a_step_cannot_be_recorded_twice():
    with pytest.raises(ValidationError, match="已经记录过了"):
        validate_step(matter_with(2), full_steps()[1])


def test_a_step_cannot_be_dated_before_the_previous_one():
    step = full_steps()[1]
    step.day = date(2026, 8, 31)
    with pytest.raises(ValidationError, match="不能早于上一步「干群议事」"):
        validate_step(matter_with(1), step)


def test_a_step_cannot_be_dated_in_the_future():
    step = full_steps()[0]
    step.day = date(2026, 11, 28)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        validate_step(matter_with(0), step, today=date(2026, 11, 27))


@pytest.mark.parametrize(("index", "change", "message"), [
    (1, {"votes_against": None}, "反对票数不能为空"),
    (2, {"responsible_id": None}, "请选择责任干部"),
    (2, {"promised": None}, "请填写承诺完成日期"),
    (3, {"supervisors": []}, "请填写监督人"),
    (3, {"findings": " "}, "监督情况不能为空"),
    (4, {"satisfaction": ""}, "请选择群众满意度"),
    (4, {"posted_to": None}, "请填写公示的起止日期"),
    (4, {"posted_to": date(2026, 11, 2)}, "公示结束日期不能早于开始日期"),
])
def test_each_step_requires_its_content(index, change, message):
    step = full_steps()[index]
    for name, value in change.items():
        setattr(step, name, value)
    with pytest.raises(ValidationError, match=message):
        validate_step(matter_with(index), step)


def test_promised_date_passed_without_evaluation_is_flagged():
    assert not promised_overdue(matter_with(3), date(2026, 10, 31))
    assert promised_overdue(matter_with(3), date(2026, 11, 1))
    assert promised_overdue(matter_with(4), date(2026, 11, 1))
    assert not promised_overdue(matter_with(5), date(2026, 11, 27))
    assert not promised_overdue(matter_with(2), date(2026, 11, 27))


def test_r14_fails_each_month_until_the_matter_is_evaluated():
    late = matter_with(4)
    assert promise_findings([late], 2026, 10) == []  # promised for October 31: not yet passed then
    [november] = promise_findings([late], 2026, 11, {1: "王书记"})
    assert not november.ok and november.cadre == "王书记" and "尚未考评亮事" in november.detail
    [done] = promise_findings([matter_with(5)], 2026, 11)
    assert done.ok
    assert promise_findings([matter_with(5)], 2026, 12) == []


def test_r14_not_judged_before_the_promised_date():
    assert promise_findings([matter_with(3)], 2026, 9) == []


def test_r15_publication_and_satisfaction_of_evaluated_matters():
    [finding] = publication_findings([matter_with(5)], 2026, 11)
    assert finding.ok and "满意" in finding.detail and finding.item == "五事-1"
    legacy = matter_with(5)
    legacy.steps[-1].posted_from = None
    [bad] = publication_findings([legacy], 2026, 11)
    assert not bad.ok and "公示日期" in bad.detail
    assert publication_findings([matter_with(5)], 2026, 10) == []


def test_step_summary_reads_as_one_line():
    text = step_summary(full_steps()[1])
    assert "赞成28票，反对2票" in text
    assert "责任人王书记" in step_summary(full_steps()[2], {1: "王书记"})
