"""The duty service: planning a month, special periods, swaps, sign-ins, leave and the month's findings."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.errors import ReadOnlyError, ValidationError
from village_tui.domain.models import Cadre, VillageSettings
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


@pytest.fixture
def service():
    s = VillageService.in_memory(today=TODAY)
    s.save_settings(VillageSettings(name="桃源村", groups=["1组", "2组"], duty_mode="轮班"))
    s.wang = s.save_cadre(Cadre(name="王建国", role="书记", term_start=date(2021, 1, 1)))
    s.li = s.save_cadre(Cadre(name="李秀英", role="主任", term_start=date(2021, 1, 1)))
    s.zhang = s.save_cadre(Cadre(name="张伟", role="委员", term_start=date(2021, 1, 1)))
    s.sign_in(s.wang.id)
    return s


def test_fill_month_plans_coming_days_only_and_keeps_planned_days(service):
    service.set_on_duty(date(2026, 11, 29), service.zhang.id, True)
    saved = service.fill_month(2026, 11)
    assert [r.day for r in saved] == [date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 30)]
    month = service.duty_month(2026, 11)
    assert date(2026, 11, 26) not in month
    assert month[date(2026, 11, 29)].rostered == [service.zhang.id]
    assert all(len(month[d].rostered) == 1 for d in month)


def test_fill_december_gives_main_cadres_their_share_and_skips_leave(service):
    service.add_leave(service.li.id, date(2026, 12, 1), date(2026, 12, 15), "县委党校培训")
    service.fill_month(2026, 12)
    month = service.duty_month(2026, 12)
    assert len(month) == 31
    assert all(service.li.id not in month[date(2026, 12, d)].rostered for d in range(1, 16))
    counts = service.duty_counts(2026, 12)
    assert counts[service.wang.id][0] >= 8 and counts[service.li.id][0] >= 4
    r3 = [f for f in service.duty_findings(2026, 12) if f.rule == "R3"]
    assert r3 == [], "rostered days not yet come are planned, not duty: December is not judged yet"


def test_sit_mode_rosters_several_a_day(service):
    service.set_duty_mode("坐班")
    service.fill_month(2026, 12, per_day=2)
    assert all(len(r.rostered) == 2 for r in service.duty_month(2026, 12).values())
    with pytest.raises(ValidationError):
        service.set_duty_mode("随便")


def test_sign_in_with_time_and_visitors(service):
    record = service.duty_sign_in(service.zhang.id, date(2026, 11, 26), "8：05", "3", "接待低保咨询")
    [signin] = record.signins
    assert (signin.time, signin.visitors, signin.note) == ("08:05", 3, "接待低保咨询")
    record = service.duty_sign_in(service.zhang.id, date(2026, 11, 26), "0930", 5)
    assert [(s.time, s.visitors) for s in record.signins] == [("09:30", 5)]
    with pytest.raises(ValidationError, match="以后"):
        service.duty_sign_in(service.zhang.id, date(2026, 11, 28))
    with pytest.raises(ValidationError, match="时间"):
        service.duty_sign_in(service.zhang.id, TODAY, "25:00")
    with pytest.raises(ValidationError, match="接待人次"):
        service.duty_sign_in(service.zhang.id, TODAY, "", -1)
    service.cancel_sign_in(date(2026, 11, 26), service.zhang.id, "签错了人")
    assert service.duty_day(date(2026, 11, 26)).signins == []


def test_r1_per_day_judged_by_sign_ins_then_roster(service):
    service.duty_sign_in(service.zhang.id, date(2026, 11, 2), "08:30")
    service.fill_month(2026, 11)
    r1 = {f.date: f for f in service.duty_findings(2026, 11) if f.rule == "R1"}
    assert len(r1) == 30
    assert r1[date(2026, 11, 2)].ok and not r1[date(2026, 11, 3)].ok
    assert all(r1[date(2026, 11, d)].ok for d in range(27, 31))


def test_special_period_across_the_month_end_puts_everyone_on_and_is_checked(service):
    period = service.add_special_period(date(2026, 11, 25), date(2026, 12, 3), "森林防火")
    for cid in (service.wang.id, service.li.id):
        service.duty_sign_in(cid, date(2026, 11, 25), "08:00")
    assert service.duty_day(date(2026, 12, 3)).rostered == [service.wang.id, service.li.id, service.zhang.id]
    assert service.duty_day(date(2026, 11, 26)) is None  # past days are not planned after the fact
    nov = [f for f in service.duty_findings(2026, 11) if f.rule == "R2"]
    assert {f.date.day for f in nov} == {25, 26, 27, 28, 29, 30}
    missing = {(f.date.day, f.cadre) for f in nov if not f.ok}
    assert (25, "张伟") in missing and (25, "王建国") not in missing and (26, "王建国") in missing
    dec = [f for f in service.duty_findings(2026, 12) if f.rule == "R2"]
    assert len(dec) == 9 and all(f.ok for f in dec)
    service.cancel_special_period(period.id, "录入错误")
    assert not [f for f in service.duty_findings(2026, 12) if f.rule == "R2"]
    assert service.special_periods() == [] and service.special_periods(include_cancelled=True)[0].cancelled
    [entry] = service.records.audit.for_record("special_periods", str(period.id), months=1)[:1]
    assert entry.action == "作废" and entry.reason == "录入错误"


def test_swap_needs_a_reason_and_is_audited(service):
    day = date(2026, 12, 5)
    service.set_on_duty(day, service.zhang.id, True)
    with pytest.raises(ValidationError, match="换班原因"):
        service.swap_duty(day, service.zhang.id, service.li.id, " ")
    record = service.swap_duty(day, service.zhang.id, service.li.id, "张伟家中有事")
    assert record.rostered == [service.li.id]
    assert record.swaps[0].reason == "张伟家中有事"
    entry = service.records.audit.for_record("duty", record.id, months=1)[0]
    assert entry.action == "换班" and entry.reason == "张伟家中有事"
    with pytest.raises(ValidationError, match="没有排班"):
        service.swap_duty(day, service.zhang.id, service.wang.id, "再换")


def test_putting_on_a_cadre_on_leave_or_out_of_office_is_refused(service):
    service.add_leave(service.zhang.id, date(2026, 12, 1), date(2026, 12, 2), "病假")
    with pytest.raises(ValidationError, match="请假"):
        service.set_on_duty(date(2026, 12, 2), service.zhang.id, True)
    with pytest.raises(ValidationError, match="重叠"):
        service.add_leave(service.zhang.id, date(2026, 12, 2), date(2026, 12, 4))
    service.cancel_leave(service.zhang.id, date(2026, 12, 1), "提前返岗")
    service.set_on_duty(date(2026, 12, 2), service.zhang.id, True)
    newcomer = service.save_cadre(Cadre(name="周敏", role="主任", term_start=date(2026, 12, 10)))
    with pytest.raises(ValidationError, match="任期"):
        service.set_on_duty(date(2026, 12, 9), newcomer.id, True)


def test_a_director_who_joins_mid_month_is_judged_pro_rata(service):
    newcomer = service.save_cadre(Cadre(name="周敏", role="主任", term_start=date(2026, 11, 20)))
    service.duty_sign_in(newcomer.id, date(2026, 11, 23), "08:00")
    r3 = {f.cadre: f for f in service.duty_findings(2026, 11) if f.rule == "R3"}
    # 20 to 27 November: the share is of the days that have come while the month runs.
    assert r3["周敏"].ok and "本月至今在任8天" in r3["周敏"].detail
    assert r3["王建国"].status == "open" and "本月尚未值班" in r3["王建国"].detail  # November still runs
    assert [f.status for f in service.duty_findings(2026, 10) if f.rule == "R3" and f.cadre == "王建国"] == ["missed"]
    assert service.duty_counts(2026, 11)[newcomer.id] == (1, 11)


def test_read_only_refuses_every_edit(tmp_path):
    writable = VillageService.open(tmp_path, today=TODAY)
    writable.save_settings(VillageSettings(name="桃源村"))
    cadre = writable.save_cadre(Cadre(name="王建国", role="书记", term_start=date(2021, 1, 1)))
    readonly = VillageService.open(tmp_path, readonly=True, today=TODAY)
    try:
        with pytest.raises(ReadOnlyError):
            readonly.fill_month(2026, 12)
        with pytest.raises(ReadOnlyError):
            readonly.duty_sign_in(cadre.id, TODAY, "08:00")
        with pytest.raises(ReadOnlyError):
            readonly.add_special_period(TODAY, TODAY, "防汛")
    finally:
        readonly.close()
        writable.close()


def test_set_roster_replaces_the_day(service):
    day = date(2026, 12, 8)
    service.set_roster(day, [service.zhang.id, service.wang.id])
    assert service.duty_day(day).rostered == [service.zhang.id, service.wang.id]
    service.set_roster(day, [service.li.id])
    assert service.duty_day(day).rostered == [service.li.id]


def test_a_cancelled_leave_is_kept_and_restored_as_an_audited_correction(tmp_path):
    service = VillageService.open(tmp_path, today=TODAY)
    service.save_settings(VillageSettings(name="桃源村", groups=["1组"], duty_mode="轮班"))
    li = service.save_cadre(Cadre(name="李秀英", role="主任", term_start=date(2021, 1, 1)))
    service.add_leave(li.id, date(2026, 12, 1), date(2026, 12, 5), "县委党校培训")
    service.cancel_leave(li.id, date(2026, 12, 1), "录入有误")
    service.close()
    service = VillageService.open(tmp_path, today=TODAY)  # kept on disk, with the day and the reason
    try:
        cadre = service.cadre(li.id)
        assert cadre.leaves == [] and not cadre.on_leave(date(2026, 12, 2))
        [kept] = cadre.cancelled_leaves
        assert (kept.start, kept.end, kept.reason) == (date(2026, 12, 1), date(2026, 12, 5), "县委党校培训")
        assert (kept.cancelled_on, kept.cancel_reason) == (TODAY, "录入有误")
        with pytest.raises(ValidationError, match="更正原因"):
            service.restore_leave(li.id, date(2026, 12, 1), date(2026, 12, 5), "  ")
        restored = service.restore_leave(li.id, date(2026, 12, 1), date(2026, 12, 5), "误撤销，培训照常")
        assert [(l.start, l.end, l.reason) for l in restored.leaves] == [
            (date(2026, 12, 1), date(2026, 12, 5), "县委党校培训")]
        assert restored.cancelled_leaves == [] and service.cadre(li.id).on_leave(date(2026, 12, 2))
        entry = service.records.audit.for_record("cadres", str(li.id), months=1)[0]
        assert entry.action == "更正" and entry.reason == "误撤销，培训照常"
        service.fill_month(2026, 12)
        assert li.id not in service.duty_month(2026, 12)[date(2026, 12, 2)].rostered
    finally:
        service.close()


def test_restoring_a_leave_that_overlaps_a_leave_in_force_is_refused_and_writes_nothing(service):
    service.add_leave(service.zhang.id, date(2026, 12, 1), date(2026, 12, 5), "病假")
    service.cancel_leave(service.zhang.id, date(2026, 12, 1), "提前返岗")
    service.add_leave(service.zhang.id, date(2026, 12, 4), date(2026, 12, 8), "外出培训")
    audited = len(service.records.audit.for_record("cadres", str(service.zhang.id), months=1))
    with pytest.raises(ValidationError) as refused:
        service.restore_leave(service.zhang.id, date(2026, 12, 1), date(2026, 12, 5), "误撤销")
    assert "不能恢复：与张伟现有的请假（2026年12月4日至2026年12月8日）重叠" in str(refused.value)
    cadre = service.cadre(service.zhang.id)
    assert [(l.start, l.reason) for l in cadre.leaves] == [(date(2026, 12, 4), "外出培训")]
    assert [c.cancel_reason for c in cadre.cancelled_leaves] == ["提前返岗"]
    assert len(service.records.audit.for_record("cadres", str(service.zhang.id), months=1)) == audited
    with pytest.raises(ValidationError, match="没有2026年11月1日至2026年11月2日的已撤销请假"):
        service.restore_leave(service.zhang.id, date(2026, 11, 1), date(2026, 11, 2), "误撤销")
