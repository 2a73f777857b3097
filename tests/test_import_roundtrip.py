"""Export as CSVs, import into an empty folder, and the checks find the same."""

from __future__ import annotations

from datetime import date

from village_tui.domain.models import Cadre, Household, LedgerItem, Meeting, Pairing, VillageSettings, Visit
from village_tui.imports import apply_plan, plan_file
from village_tui.imports.csv_export import export_csvs
from village_tui.service import VillageService

TODAY = date(2026, 11, 27)


def _village() -> VillageService:
    s = VillageService.in_memory(today=TODAY)
    s.save_settings(VillageSettings(name="东风村", township="青山镇", county="田县", groups=["1组", "2组"]))
    zhang = s.save_cadre(Cadre(name="张建国", role="书记", term_start=date(2026, 3, 1), groups=["1组"]))
    li = s.save_cadre(Cadre(name="李秀英", role="委员", term_start=date(2024, 1, 5), groups=["2组"], can_mentor=True))
    homes = [s.save_household(Household(code=f"{n:04d}", head=f"王{'甲乙丙丁戊'[n - 1]}", group=f"{1 + n % 2}组",
                                         away=n == 3, needs=["低保户"] if n == 2 else []))
             for n in range(1, 6)]
    s.add_special_period(date(2026, 10, 1), date(2026, 10, 3), "防汛", roster=False)
    for day in (date(2026, 10, 1), date(2026, 10, 2), date(2026, 11, 2)):
        s.duty_sign_in(zhang.id, day, "08:30", 1)
    s.duty_sign_in(li.id, date(2026, 10, 1), "09:00")
    s.set_roster(date(2026, 11, 30), [li.id])
    for i, home in enumerate(homes):
        s.save_visit(Visit(day=date(2026, 10, 5 + i), cadre_id=zhang.id, household_id=home.id, learned="正常"))
        s.save_visit(Visit(day=date(2026, 11, 5 + i), cadre_id=li.id, household_id=home.id,
                           way="电话" if home.away else "入户"))
    s.save_pairing(Pairing(cadre_id=li.id, household_id=homes[1].id, kind="帮扶", start=date(2026, 1, 1),
                           help_planned=["资金"], goals="养鸡"))
    s.save_pairing(Pairing(cadre_id=li.id, household_id=homes[0].id, kind="帮带", start=date(2026, 1, 1)))
    first = s.save_ledger_item(LedgerItem(day=date(2026, 10, 8), source="走访", category="住房", content="屋顶漏雨",
                                          household_id=homes[0].id, handler_id=zhang.id))
    s.close_item(first.id, "已修好", "", "满意", date(2026, 10, 20))
    s.save_ledger_item(LedgerItem(day=date(2026, 10, 9), source="来访", category="行路", content="路灯坏了",
                                  household_id=homes[1].id, due=date(2026, 10, 15)))
    s.decide(Meeting(day=date(2026, 10, 25), attendees=[zhang.id, li.id]), first.id, "按期办结")
    return s


def test_export_then_import_gives_the_same_findings(tmp_path):
    source = _village()
    written = export_csvs(source, tmp_path / "csv")
    assert [p.name for p in written] == ["干部.csv", "农户.csv", "农户变动.csv", "特殊时期.csv", "值班.csv", "走访.csv",
                                         "帮扶.csv", "民情.csv", "分析会.csv"]
    assert written[0].read_bytes()[:3] == b"\xef\xbb\xbf"
    target = VillageService.open(tmp_path / "data", today=TODAY)
    plan = plan_file(target, tmp_path / "csv", village=("东风村", "青山镇", "田县"))
    assert plan.ok, plan.problems
    apply_plan(target, plan)
    for month in range(1, 12):
        assert target.month_findings(2026, month) == source.month_findings(2026, month), month
    assert target.year_findings(2026) == source.year_findings(2026)
    assert any(not f.ok for f in source.month_findings(2026, 10))
    assert [i.id for i in target.ledger_items(2026)] == [i.id for i in source.ledger_items(2026)]
    target.close()
    reopened = VillageService.open(tmp_path / "data", today=TODAY)
    assert plan_file(reopened, tmp_path / "csv").empty
    reopened.close()
